# bench/cases/wide.sh: rows with large values, run with `bench/run --only wide-pg[,wide-pg-array,wide-mysql-pg] --repeat K`
#   wide-pg        PostgreSQL -> PostgreSQL, text and bytea: this tool  vs  pg_dump -t wide | psql into an empty database
#   wide-pg-array  PostgreSQL -> PostgreSQL, a text[] column (a type outside the COPY decoder, as xml, domains and
#                  enums are) with a code on it, so that rows are read through JDBC and written through COPY: this
#                  tool  vs  pg_dump -t wide_array | psql
#   wide-mysql-pg  MariaDB -> PostgreSQL, longtext and longblob: this tool  vs  pgloader
#
# WIDE_ROWS rows (default 100,000; --rows is for the benchmark table and does not apply here). Every 20th row holds
# 1 MB of text (or a text[] of one element) and 1 MB of bytes, the others 4 KB of each: documents with the odd attachment, 5% of the rows
# and 95% of the bytes large. At 100,000 rows a copy takes about 10.8 GB (5,000 x 2 MB + 95,000 x 8 KB), under the
# ~10 GB per copy that leaves room for a source, a target and the reference's target on a shared disk; the values
# are random hexadecimal text, which PostgreSQL's TOAST compression cannot shrink, so every copy moves them whole.
# Each case makes its own databases (wide_*), and drops them when it is done.

wide_rows="${WIDE_ROWS:-100000}"

# wide_pool: 16 random 1 MB hexadecimal strings in the source database $1, that the tables' values are cut from
wide_pool() {
  $pg -d "$1" -c "CREATE TABLE wide_pool AS SELECT p, string_agg(md5(random()::text || g), '') AS v
                  FROM generate_series(0, 15) p, generate_series(1, 32768) g GROUP BY p"
}

wide_pg_table() {  # wide_pg_table DB TABLE TEXT_TYPE: id, n, a document and an attachment
  $pg -d "$1" -c "CREATE TABLE $2 (id bigint PRIMARY KEY, n int, doc $3, attachment bytea)" \
      -c "INSERT INTO $2 SELECT g, g % 1000,
            (CASE WHEN '$3' = 'text[]' THEN '{' ELSE '' END
             || CASE WHEN g % 20 = 0 THEN a.v ELSE substr(a.v, (g % 200) * 4096 + 1, 4096) END
             || CASE WHEN '$3' = 'text[]' THEN '}' ELSE '' END)::$3,
            CASE WHEN g % 20 = 0 THEN decode(a.v || b.v, 'hex') ELSE decode(substr(b.v, (g % 100) * 8192 + 1, 8192), 'hex') END
          FROM generate_series(1, $wide_rows) g JOIN wide_pool a ON a.p = g % 16 JOIN wide_pool b ON b.p = (g + 7) % 16" \
      -c "DROP TABLE wide_pool" -c "VACUUM ANALYZE $2"
}

wide_script() {  # wide_script CASE SOURCE_URL SOURCE_USER TARGET_DB TABLE [TABLE_BLOCK]
  cat > "$work/$1.groovy" <<GROOVY
migration '$1', {
    source { url '$2'; user '$3' }
    target { url 'jdbc:postgresql://127.0.0.1:5432/$4'; user 'postgres' }
    tables '$5'
    ${6:-}
}
GROOVY
}

wide_fresh_pg() { $pg -c "DROP DATABASE IF EXISTS wide_dst" -c "CREATE DATABASE wide_dst"; }
wide_count_pg() { $pg -d wide_dst -At -c "SELECT count(*) FROM $wide_table"; }
wide_drop() {
  $pg -c "DROP DATABASE IF EXISTS wide_dst" -c "DROP DATABASE IF EXISTS wide_src"
  $my -e "DROP DATABASE IF EXISTS wide_src"
}

wide_pg_case() {  # wide_pg_case CASE TABLE TEXT_TYPE [TABLE_BLOCK]
  echo "preparing $wide_rows wide rows ($2, $3) in PostgreSQL..." >&2
  $pg -c "DROP DATABASE IF EXISTS wide_src" -c "CREATE DATABASE wide_src"
  wide_pool wide_src
  wide_pg_table wide_src "$2" "$3"
  wide_script "$1" jdbc:postgresql://127.0.0.1:5432/wide_src postgres wide_dst "$2" "${4:-}"
  wide_table="$2"
  local m
  mapfile -t m < <(expect="$wide_rows" run_case "$1" wide_fresh_pg wide_count_pg \
    "pg_dump -h 127.0.0.1 -U postgres -t $2 wide_src | psql -h 127.0.0.1 -U postgres -q wide_dst >/dev/null")
  [ -n "${m[0]:-}" ] || { wide_drop; exit 1; }
  expect="$wide_rows" report "$1" "pg_dump | psql" "${m[0]}" "${m[1]}" "${m[2]}"
  wide_drop
}

case_wide-pg() { wide_pg_case wide-pg wide text; }

case_wide-pg-array() { wide_pg_case wide-pg-array wide_array 'text[]' "table('wide_array') { column('doc') { it } }"; }

case_wide-mysql-pg() {
  echo "preparing $wide_rows wide rows in MariaDB..." >&2
  $my -e "DROP DATABASE IF EXISTS wide_src; CREATE DATABASE wide_src"
  # the same shape as in PostgreSQL: random hexadecimal text, 1 MB (and 1 MB of bytes) in every 20th row
  $my wide_src -e "SET SESSION group_concat_max_len = 4194304; SET SESSION max_heap_table_size = 268435456;
    CREATE TABLE wide_pool (p INT PRIMARY KEY, v LONGTEXT);
    INSERT INTO wide_pool SELECT p.seq, (SELECT GROUP_CONCAT(MD5(CONCAT(RAND(), g.seq)) SEPARATOR '') FROM seq_1_to_32768 g)
      FROM seq_0_to_15 p;
    CREATE TABLE wide (id BIGINT PRIMARY KEY, n INT, doc LONGTEXT, attachment LONGBLOB);
    INSERT INTO wide SELECT g.seq, g.seq % 1000,
        IF(g.seq % 20 = 0, a.v, SUBSTR(a.v, (g.seq % 200) * 4096 + 1, 4096)),
        IF(g.seq % 20 = 0, UNHEX(CONCAT(a.v, b.v)), UNHEX(SUBSTR(b.v, (g.seq % 100) * 8192 + 1, 8192)))
      FROM seq_1_to_$wide_rows g JOIN wide_pool a ON a.p = g.seq % 16 JOIN wide_pool b ON b.p = (g.seq + 7) % 16;
    DROP TABLE wide_pool"
  wide_script wide-mysql-pg jdbc:mysql://127.0.0.1:3306/wide_src root wide_dst wide
  wide_table=wide
  local reference="" m
  command -v pgloader >/dev/null && reference="pgloader mysql://root@127.0.0.1/wide_src postgresql://postgres@127.0.0.1/wide_dst >/dev/null"
  mapfile -t m < <(expect="$wide_rows" run_case wide-mysql-pg wide_fresh_pg wide_count_pg "$reference")
  [ -n "${m[0]:-}" ] || { wide_drop; exit 1; }
  expect="$wide_rows" report wide-mysql-pg pgloader "${m[0]}" "${m[1]}" "${m[2]}"
  wide_drop
}
