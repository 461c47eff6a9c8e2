# bench/run --only dirty-clean,dirty-bad: the cost of maxRejects > 0, MariaDB -> PostgreSQL on the benchmark table.
#   dirty-clean  maxRejects 10 on the clean table  vs  the same script with maxRejects 0 (both into a fresh target)
#   dirty-bad    maxRejects 100000 on a dirty copy of the table, its bad rows spread evenly: every thousandth row
#                (id % 1000 = 500) has n = -1, which the target refuses (a CHECK (n >= 0) on the table made
#                beforehand), and every hundred-thousandth (id % 100000 = 250) a NUL in its text, which the tool
#                itself rejects for PostgreSQL  vs  maxRejects 0 on the clean table into a fresh target; the tool
#                must move every row but the bad ones (no verify: the copy differs from its source by design)
# Databases: bench_dirty_src (MariaDB, the dirty copy) and bench_dirty_dst (PostgreSQL).

dirty_script() {  # dirty_script NAME SOURCE_DATABASE MAX_REJECTS
  cat > "$work/$1.groovy" <<GROOVY
migration '$1', {
    source { url 'jdbc:mysql://127.0.0.1:3306/$2'; user 'root' }
    target { url 'jdbc:postgresql://127.0.0.1:5432/bench_dirty_dst'; user 'postgres' }
    settings { maxRejects $3 }
    tables 'bench_big'
}
GROOVY
}

fresh_dirty() { $pg -c "DROP DATABASE IF EXISTS bench_dirty_dst" -c "CREATE DATABASE bench_dirty_dst"; }
count_dirty() { $pg -d bench_dirty_dst -At -c "SELECT count(*) FROM bench_big"; }

# the target of dirty-bad: made beforehand with the CHECK its bad rows break (and no key, as the tool would
# build it only after its rows)
fresh_dirty_checked() {
  fresh_dirty
  $pg -d bench_dirty_dst -c "CREATE TABLE bench_big (id bigint, n int CHECK (n >= 0), code varchar(20), amount numeric(12,2),
                             body text, created timestamp, flag boolean, score double precision)"
}
unchecked() { $pg -d bench_dirty_dst -c "DROP TABLE bench_big"; }

case_dirty-clean() {
  prepare_big
  dirty_script dirty-clean bench_src 10
  dirty_script dirty-clean-reference bench_src 0
  mapfile -t m < <(run_case dirty-clean fresh_dirty count_dirty \
    "cd '$work' && '$home/bin/migrate' dirty-clean-reference.groovy --results '$work/results' >/dev/null")
  [ -n "${m[0]:-}" ] || exit 1
  report dirty-clean "maxRejects 0" "${m[0]}" "${m[1]}" "${m[2]}"
  $pg -c "DROP DATABASE IF EXISTS bench_dirty_dst"
}

case_dirty-bad() {
  prepare_big
  echo "preparing the dirty copy in MariaDB..." >&2
  $my -e "DROP DATABASE IF EXISTS bench_dirty_src; CREATE DATABASE bench_dirty_src"
  $my bench_dirty_src -e "CREATE TABLE bench_big LIKE bench_src.bench_big;
    INSERT INTO bench_big SELECT id, IF(id % 1000 = 500, -1, n), code, amount, IF(id % 100000 = 250, CONCAT('x', CHAR(0), 'y'), body),
                                 created, flag, score FROM bench_src.bench_big"
  local bad
  bad=$($my -N bench_dirty_src -e "SELECT count(*) FROM bench_big WHERE n < 0 OR id % 100000 = 250")
  dirty_script dirty-bad bench_dirty_src 100000
  dirty_script dirty-bad-reference bench_src 0
  local reference="cd '$work' && '$home/bin/migrate' dirty-bad-reference.groovy --results '$work/results' >/dev/null"
  # the tool's table (the one with the CHECK) must hold rows - bad rows, the reference's all of them: either
  # right counts as "$rows" for run_case
  count_dirty_bad() {
    local n checked
    n=$(count_dirty)
    checked=$($pg -d bench_dirty_dst -At -c "SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND conrelid = 'bench_big'::regclass")
    if { [ "$checked" = 1 ] && [ "$n" = "$((rows - bad))" ]; } || { [ "$checked" = 0 ] && [ "$n" = "$rows" ]; }; then
      echo "$rows"
    else
      echo "$n"
    fi
  }
  mapfile -t m < <(noverify=1 run_case dirty-bad fresh_dirty_checked count_dirty_bad "$reference" unchecked)
  [ -n "${m[0]:-}" ] || exit 1
  noverify=1 report dirty-bad "maxRejects 0, clean" "${m[0]}" "${m[1]}" "${m[2]}"
  $my -e "DROP DATABASE IF EXISTS bench_dirty_src"
  $pg -c "DROP DATABASE IF EXISTS bench_dirty_dst"
}
