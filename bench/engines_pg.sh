#!/bin/sh
# bench/engines_pg.sh: how fast sql/engines/postgresql.sql decodes in
# PostgreSQL, against the naive exact-key join there. Run by "make bench"
# (mk/engines.am), not by make check:
#
#   bench/engines_pg.sh SRCDIR [ROWS]
#
# In a throwaway cluster (tests/engines/pg_cluster.sh) it builds a log of
# ROWS rows (default 1,000,000) with bench/bench.c's mix: rows of the
# mapping drawn uniformly (with -1 where the spec says -1), 15% rows naming
# measured values, 2% unknown ids. Then, best of 3, serial (no parallel
# workers) and without JIT:
#
#   functions:  SELECT count(trtc_event(event_id, param1, param2)) FROM log
#   naive join: SELECT count(e.description) FROM log l LEFT JOIN trtc_events e
#                 ON e.event_id = l.event_id AND e.param1 = l.param1 AND e.param2 = l.param2
#
# and prints one line: both times, their ratio, and how many rows each
# decodes (the naive join misses the rows naming measured values). Without
# PostgreSQL it prints why it skipped and exits 0.
set -u
src=$1
rows=${2:-1000000}
. "$src/tests/engines/pg_cluster.sh"
label="PostgreSQL: trtc_event() vs naive exact-key join, $rows-row log"
missing=$(pg_cluster_missing)
if [ -n "$missing" ]; then
  echo "$label: skipped, PostgreSQL 15 not found (no $missing)"
  exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'pg_cluster_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
if ! pg_cluster_start "$tmp/pg" >"$tmp/start.out"; then
  echo "$label: skipped, the cluster did not start"
  sed 's/^# //' "$tmp/start.out" | head -5
  exit 0
fi
psql_db postgres -f "$src/sql/engines/postgresql.sql" >/dev/null || exit 1
psql_db postgres >/dev/null <<SQL || exit 1
SELECT setseed(0.5);
CREATE TABLE log AS
WITH key AS (
  SELECT (row_number() OVER (ORDER BY event_id, param1, param2) - 1)::int AS k, event_id, param1, param2
    FROM trtc_events WHERE param1 IS NOT NULL AND param2 IS NOT NULL
), nkey AS (
  SELECT count(*)::int AS n FROM key
), draw AS (
  SELECT random() AS x, random() AS y, random() AS z, random() AS w FROM generate_series(1, $rows)
), measured AS (
  SELECT x, y, z, w, (array[4003, 4007, 4008, 4009, 4013])[1 + floor(y * 5)::int] AS id FROM draw
)
SELECT CASE WHEN x < 0.02 THEN 8000 + floor(y * 1000)::bigint WHEN x < 0.17 THEN id ELSE k.event_id END AS event_id,
       CASE WHEN x < 0.02 THEN -1 WHEN x < 0.17 THEN floor(z * 1920)::bigint ELSE k.param1 END AS param1,
       CASE WHEN x < 0.02 THEN -1
            WHEN x < 0.17 THEN CASE WHEN id = 4013 THEN floor(w * 2)::bigint WHEN id <= 4007 THEN floor(w * 1080)::bigint ELSE -1 END
            ELSE k.param2 END AS param2
  FROM measured CROSS JOIN nkey LEFT JOIN key k ON k.k = floor(measured.y * nkey.n)::int;
CREATE INDEX trtc_events_key ON trtc_events (event_id, param1, param2);
VACUUM ANALYZE log;
VACUUM ANALYZE trtc_events;
SQL

# best QUERY: the fastest of 3 runs, in ms (server-side, EXPLAIN ANALYZE's
# total without the planning), then the count the query returns.
best() {
  settings="SET max_parallel_workers_per_gather = 0; SET jit = off;"
  b=
  for _ in 1 2 3; do
    t=$(psql_db postgres -c "$settings" -c "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) $1" |
      sed -n 's/.*"Execution Time": \([0-9.]*\).*/\1/p')
    b=$(awk -v t="$t" -v b="$b" 'BEGIN { print (b == "" || t + 0 < b + 0) ? t : b }')
  done
  printf '%s %s\n' "$b" "$(psql_db postgres -c "$settings" -c "$1")"
}
set -- $(best "SELECT count(trtc_event(event_id, param1, param2)) FROM log")
tf=$1 nf=$2
set -- $(best "SELECT count(e.description) FROM log l LEFT JOIN trtc_events e
                 ON e.event_id = l.event_id AND e.param1 = l.param1 AND e.param2 = l.param2")
tj=$1 nj=$2
awk -v l="$label" -v tf="$tf" -v tj="$tj" -v nf="$nf" -v nj="$nj" -v n="$rows" 'BEGIN {
  printf "%s: %.0f ms vs %.0f ms, ratio %.2f (serial, no JIT, best of 3); rows decoded: %d vs %d (the join misses %.1f%%)\n",
    l, tf, tj, tf / tj, nf, nj, 100 * (nf - nj) / n }'
