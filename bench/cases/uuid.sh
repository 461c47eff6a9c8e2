# bench/cases/uuid.sh: case uuid-pg, a table keyed by a uuid (the benchmark table's columns, id uuid PRIMARY KEY),
# PostgreSQL -> PostgreSQL: this tool (the table split by sampled ranges of its key) vs pg_dump -t | psql into an
# empty database. Its databases: uuid_src, uuid_dst.

uuid_ready=false
prepare_uuid() {
  [ "$uuid_ready" = true ] && return 0
  echo "preparing $rows uuid-keyed rows in PostgreSQL..." >&2
  $pg -c "DROP DATABASE IF EXISTS uuid_src" -c "CREATE DATABASE uuid_src"
  $pg -d uuid_src -c "CREATE TABLE bench_big (id uuid PRIMARY KEY, n int, code varchar(20), amount numeric(12,2), body text,
                      created timestamp, flag boolean, score double precision)" \
      -c "INSERT INTO bench_big SELECT gen_random_uuid(), g % 1000, 'code-' || (g % 9973), (g % 100000) / 100.0, repeat('x', g % 200),
          timestamp '2020-01-01' + g * interval '1 second', g % 2 = 0, g / 7.0 FROM generate_series(1, $rows) g" \
      -c "VACUUM ANALYZE bench_big"
  uuid_ready=true
}
fresh_uuid() { $pg -c "DROP DATABASE IF EXISTS uuid_dst" -c "CREATE DATABASE uuid_dst"; }
count_uuid() { $pg -d uuid_dst -At -c "SELECT count(*) FROM bench_big"; }

case_uuid-pg() {
  prepare_uuid
  script uuid-pg jdbc:postgresql://127.0.0.1:5432/uuid_src jdbc:postgresql://127.0.0.1:5432/uuid_dst postgres postgres
  mapfile -t m < <(run_case uuid-pg fresh_uuid count_uuid \
    "pg_dump -h 127.0.0.1 -U postgres -t bench_big uuid_src | psql -h 127.0.0.1 -U postgres -q uuid_dst >/dev/null")
  [ -n "${m[0]:-}" ] || exit 1
  report uuid-pg "pg_dump | psql" "${m[0]}" "${m[1]}" "${m[2]}"
}
