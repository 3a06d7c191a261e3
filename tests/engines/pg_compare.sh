#!/bin/sh
# tests/engines/pg_compare.sh: sql/engines/postgresql.sql in a throwaway
# PostgreSQL 15 cluster gives the extension's answers. The cluster is made
# with Debian's initdb in the test's temporary directory (as the user
# nobody when the test runs as root), listens on a unix socket there only,
# and is stopped and removed at the end, also when the test fails.
#
# It loads the generated file into an empty database and compares, row for
# row, with sqlite-trtc in the sqlite3 shell (tests/engines/lib.sh): the
# mapping tables; every scalar function over every (event_id, param1,
# param2) of the spec's ids and parameter values plus -1, 0, measured,
# unknown and NULL values, and every id of the other tables; values of
# other types read by trtc_int(); the responses of tests/engines/cases.sql
# (the sample call, tests/fixtures/, values of every type in every field,
# repeated keys, errors, malformed JSON) through trtc_user_events() and
# trtc_unusual_events() given as text, json, jsonb and bytea. Then it
# checks what docs/engines.md says of PostgreSQL: the functions' volatility,
# parallel safety and inlining, an expression index and a parallel plan, a
# partitioned table, loading the file again, the documented differences.
set -u
. "$TRTC_SRCDIR/tests/lib/skip.sh"
. "$TRTC_SRCDIR/tests/engines/pg_cluster.sh"
missing=$(pg_cluster_missing)
[ -z "$missing" ] || skip_all "PostgreSQL 15 not found: no $missing (apt-get install postgresql-15 postgresql-client-15)"
. "$TRTC_SRCDIR/tests/lib/lib.sh"
. "$TRTC_SRCDIR/tests/engines/lib.sh"
pgsql=$src/sql/engines/postgresql.sql

# report_diag STATUS WHAT FILE: report, with FILE's start when it failed.
report_diag() {
  report "$1" "$2"
  [ "$1" -eq 0 ] || cut -c1-160 "$3" | head -n 12 | sed 's/^/# /'
}

# ---- The cluster: stopped and removed on exit, whatever happens ------------
trap 'pg_cluster_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
if ! pg_cluster_start "$tmp/pg"; then
  echo "not ok 1 - a throwaway PostgreSQL cluster starts"
  echo "1..1"
  exit 1
fi
psql_db postgres -c "CREATE DATABASE trtc" >/dev/null


# ---- Loading ------------------------------------------------------------------
psql_db trtc -f "$pgsql" >"$tmp/load.out" 2>&1
report_diag $? "sql/engines/postgresql.sql loads into an empty database with psql -f" "$tmp/load.out"
is "$(cat "$tmp/load.out")" "" "... silently"

engines_cases || echo "# building the cases failed"

# ---- The mapping tables ---------------------------------------------------------
for t in trtc_events:event_id,param1,param2,param1_label,param2_label,description,source,category,severity \
         trtc_experiences:experience_id,description trtc_abnormal_events:event_id,kind,description \
         trtc_stream_types:type,name,description; do
  psql_db trtc -c "\\copy (SELECT '${t%%:*}', ${t#*:} FROM ${t%%:*} ORDER BY ctid) TO '$tmp/table.out'" &&
    cat "$tmp/table.out"
done >"$tmp/tables.got"
compare "the mapping tables hold the virtual tables' rows ($(wc -l <"$tmp/tables.want") rows)" \
  "$tmp/tables.got" "$tmp/tables.want"

# ---- Helpers of the comparison (in the database "trtc") -------------------------
psql_db trtc >"$tmp/setup.out" 2>&1 <<SQL
CREATE TABLE scalar_case(id int PRIMARY KEY, fn text, nargs int, a1 bigint, a2 bigint, a3 bigint);
\\copy scalar_case FROM '$tmp/scalar.tsv'
CREATE TABLE odd_case(id int PRIMARY KEY, kind text, v text);
\\copy odd_case FROM '$tmp/odd.tsv'
CREATE TABLE response_case(id int PRIMARY KEY, fn text, body text);
\\copy response_case FROM '$tmp/responses.tsv'
-- A value in COPY text format.
CREATE FUNCTION t_esc(x text) RETURNS text LANGUAGE sql IMMUTABLE
RETURN coalesce(replace(replace(replace(replace(x, '\\', '\\\\'), E'\\t', '\\t'), E'\\n', '\\n'), E'\\r', '\\r'), '\\N');
-- The answer for a response given as FORM (text, json, jsonb, bytea): static
-- queries, so that their plans are made once.
CREATE FUNCTION t_response(id int, fn text, form text, body text) RETURNS SETOF text LANGUAGE plpgsql AS \$\$
DECLARE
  lines text[];
BEGIN
  IF fn = 'trtc_user_events' AND form = 'text' THEN
      SELECT array_agg(id || E'\\t' || n || E'\\t' || concat_ws(E'\\t', t_esc(peer_id::text), t_esc(type::text), t_esc(stream::text), t_esc(time_ms::text), t_esc(event_id::text), t_esc(param1::text), t_esc(param2::text), t_esc(text::text), t_esc(source::text), t_esc(category::text), t_esc(severity::text)) ORDER BY n) INTO lines
        FROM trtc_user_events(body) WITH ORDINALITY AS e(peer_id, type, stream, time_ms, event_id, param1, param2, text, source, category, severity, n);
  ELSIF fn = 'trtc_user_events' AND form = 'json' THEN
      SELECT array_agg(id || E'\\t' || n || E'\\t' || concat_ws(E'\\t', t_esc(peer_id::text), t_esc(type::text), t_esc(stream::text), t_esc(time_ms::text), t_esc(event_id::text), t_esc(param1::text), t_esc(param2::text), t_esc(text::text), t_esc(source::text), t_esc(category::text), t_esc(severity::text)) ORDER BY n) INTO lines
        FROM trtc_user_events(body::json) WITH ORDINALITY AS e(peer_id, type, stream, time_ms, event_id, param1, param2, text, source, category, severity, n);
  ELSIF fn = 'trtc_user_events' AND form = 'jsonb' THEN
      SELECT array_agg(id || E'\\t' || n || E'\\t' || concat_ws(E'\\t', t_esc(peer_id::text), t_esc(type::text), t_esc(stream::text), t_esc(time_ms::text), t_esc(event_id::text), t_esc(param1::text), t_esc(param2::text), t_esc(text::text), t_esc(source::text), t_esc(category::text), t_esc(severity::text)) ORDER BY n) INTO lines
        FROM trtc_user_events(body::jsonb) WITH ORDINALITY AS e(peer_id, type, stream, time_ms, event_id, param1, param2, text, source, category, severity, n);
  ELSIF fn = 'trtc_user_events' AND form = 'bytea' THEN
      SELECT array_agg(id || E'\\t' || n || E'\\t' || concat_ws(E'\\t', t_esc(peer_id::text), t_esc(type::text), t_esc(stream::text), t_esc(time_ms::text), t_esc(event_id::text), t_esc(param1::text), t_esc(param2::text), t_esc(text::text), t_esc(source::text), t_esc(category::text), t_esc(severity::text)) ORDER BY n) INTO lines
        FROM trtc_user_events(convert_to(body, 'UTF8')) WITH ORDINALITY AS e(peer_id, type, stream, time_ms, event_id, param1, param2, text, source, category, severity, n);
  ELSIF fn = 'trtc_unusual_events' AND form = 'text' THEN
      SELECT array_agg(id || E'\\t' || n || E'\\t' || concat_ws(E'\\t', t_esc(user_id::text), t_esc(room_id::text), t_esc(event_time::text), t_esc(experience_id::text), t_esc(experience::text), t_esc(abnormal_event_id::text), t_esc(abnormal_event::text), t_esc(abnormal_kind::text), t_esc(peer_id::text)) ORDER BY n) INTO lines
        FROM trtc_unusual_events(body) WITH ORDINALITY AS e(user_id, room_id, event_time, experience_id, experience, abnormal_event_id, abnormal_event, abnormal_kind, peer_id, n);
  ELSIF fn = 'trtc_unusual_events' AND form = 'json' THEN
      SELECT array_agg(id || E'\\t' || n || E'\\t' || concat_ws(E'\\t', t_esc(user_id::text), t_esc(room_id::text), t_esc(event_time::text), t_esc(experience_id::text), t_esc(experience::text), t_esc(abnormal_event_id::text), t_esc(abnormal_event::text), t_esc(abnormal_kind::text), t_esc(peer_id::text)) ORDER BY n) INTO lines
        FROM trtc_unusual_events(body::json) WITH ORDINALITY AS e(user_id, room_id, event_time, experience_id, experience, abnormal_event_id, abnormal_event, abnormal_kind, peer_id, n);
  ELSIF fn = 'trtc_unusual_events' AND form = 'jsonb' THEN
      SELECT array_agg(id || E'\\t' || n || E'\\t' || concat_ws(E'\\t', t_esc(user_id::text), t_esc(room_id::text), t_esc(event_time::text), t_esc(experience_id::text), t_esc(experience::text), t_esc(abnormal_event_id::text), t_esc(abnormal_event::text), t_esc(abnormal_kind::text), t_esc(peer_id::text)) ORDER BY n) INTO lines
        FROM trtc_unusual_events(body::jsonb) WITH ORDINALITY AS e(user_id, room_id, event_time, experience_id, experience, abnormal_event_id, abnormal_event, abnormal_kind, peer_id, n);
  ELSIF fn = 'trtc_unusual_events' AND form = 'bytea' THEN
      SELECT array_agg(id || E'\\t' || n || E'\\t' || concat_ws(E'\\t', t_esc(user_id::text), t_esc(room_id::text), t_esc(event_time::text), t_esc(experience_id::text), t_esc(experience::text), t_esc(abnormal_event_id::text), t_esc(abnormal_event::text), t_esc(abnormal_kind::text), t_esc(peer_id::text)) ORDER BY n) INTO lines
        FROM trtc_unusual_events(convert_to(body, 'UTF8')) WITH ORDINALITY AS e(user_id, room_id, event_time, experience_id, experience, abnormal_event_id, abnormal_event, abnormal_kind, peer_id, n);
  END IF;
  RETURN QUERY SELECT unnest(lines);
EXCEPTION WHEN others THEN
  RETURN NEXT id || E'\\tERROR\\t' || t_esc(SQLERRM);
END
\$\$;
-- Whether PostgreSQL reads the text as json (json) or jsonb.
CREATE FUNCTION t_parses(body text, type text) RETURNS boolean LANGUAGE plpgsql AS \$\$
BEGIN
  EXECUTE format('SELECT \$1::%s', type) USING body;
  RETURN true;
EXCEPTION WHEN others THEN
  RETURN false;
END
\$\$;
SQL
report_diag $? "the cases load into PostgreSQL ($(wc -l <"$tmp/scalar.tsv") scalar, $(wc -l <"$tmp/odd.tsv") typed, $(wc -l <"$tmp/responses.tsv") response cases)" "$tmp/setup.out"

# ---- Scalar functions ----------------------------------------------------------
psql_db trtc -o "$tmp/scalar.got" \
  -c "SELECT id || E'\\t' || t_esc($(cat "$src/tests/engines/scalar_expr.sql")) FROM scalar_case ORDER BY id"
compare "the scalar functions: $(wc -l <"$tmp/scalar.want") calls (every spec id x parameter values, omitted parameters, NULL) as in sqlite" \
  "$tmp/scalar.got" "$tmp/scalar.want"

# ---- Values of other types through trtc_int() -----------------------------------
psql_db trtc -o "$tmp/odd.got" -c "SELECT id || E'\\t' || t_esc(trtc_event(4008, x)) || E'\\t' || t_esc(trtc_event(x, 0))
  FROM (SELECT id, CASE kind WHEN 'text' THEN trtc_int(v) WHEN 'real' THEN trtc_int(v::float8)
                              ELSE trtc_int(v::numeric) END AS x FROM odd_case) c ORDER BY id"
compare "trtc_int() reads $(wc -l <"$tmp/odd.want") text, double precision and numeric values as the extension reads arguments" \
  "$tmp/odd.got" "$tmp/odd.want"

# ---- Responses ---------------------------------------------------------------------
for form in text json bytea; do
  psql_db trtc -c "SET plan_cache_mode = force_generic_plan" -c "SELECT t FROM response_case, t_response(id, fn, '$form', body) t" | sort_rows >"$tmp/responses.$form"
done
compare "responses as text: $(cut -f1 "$tmp/responses.want" | uniq | wc -l) of $(wc -l <"$tmp/responses.tsv") give rows or an error, as in sqlite" \
  "$tmp/responses.text" "$tmp/responses.want"
compare "responses as bytea (UTF-8 JSON text), as in sqlite given a BLOB" "$tmp/responses.bytea" "$tmp/responses.want"
# json: PostgreSQL refuses malformed JSON before the function runs.
psql_db trtc -c "SELECT id FROM response_case WHERE NOT t_parses(body, 'json') ORDER BY id" >"$tmp/not_json.ids"
{
  grep -P '\tERROR\t[a-z_]*: malformed JSON$' "$tmp/responses.want" | cut -f1
  $sqlite -batch "$tmp/cases.db" "SELECT id FROM response_case WHERE body GLOB char(65279) || '?*'"
} | sort -n | uniq >"$tmp/malformed.ids"
is "$(cat "$tmp/not_json.ids")" "$(cat "$tmp/malformed.ids")" \
  "PostgreSQL's json input refuses exactly the $(wc -l <"$tmp/malformed.ids") cases the extension calls malformed JSON or starts with a byte-order mark"
awk -F '\t' -v ids="$tmp/not_json.ids" 'BEGIN { while ((getline l < ids) > 0) skip[l] = 1 } !($1 in skip)' \
  "$tmp/responses.want" >"$tmp/responses.want_json"
grep -v -P '^[0-9]+\tERROR\tinvalid input syntax for type json' "$tmp/responses.json" >"$tmp/responses.json_valid"
compare "responses as json: the others, as in sqlite" "$tmp/responses.json_valid" "$tmp/responses.want_json"

# jsonb keeps the last of repeated keys and orders keys by length: its rows
# are the extension's for the JSON text jsonb holds (body::jsonb::text).
psql_db trtc -c "\\copy (SELECT id, fn, body::jsonb::text FROM response_case WHERE t_parses(body, 'jsonb') ORDER BY id) TO '$tmp/jsonb.tsv'"
psql_db trtc -c "SELECT count(*) FROM response_case WHERE t_parses(body, 'json') AND NOT t_parses(body, 'jsonb')" >"$tmp/not_jsonb.n"
rm -f "$tmp/jsonb.db"
$sqlite -bail -batch "$tmp/jsonb.db" "CREATE TABLE r(id INTEGER PRIMARY KEY, fn TEXT, body TEXT)" &&
  import_tsv "$tmp/jsonb.db" r "$tmp/jsonb.tsv" &&
  engines_expect_responses "$tmp/jsonb.db" "$tmp/responses.want_jsonb"
psql_db trtc -c "SET plan_cache_mode = force_generic_plan" -c "SELECT t FROM response_case, t_response(id, fn, 'jsonb', body) t WHERE t_parses(body, 'jsonb')" |
  sort_rows >"$tmp/responses.jsonb"
compare "responses as jsonb: $(wc -l <"$tmp/jsonb.tsv") as the extension reads their jsonb text ($(cat "$tmp/not_jsonb.n") json cases that jsonb refuses)" \
  "$tmp/responses.jsonb" "$tmp/responses.want_jsonb"
psql_db trtc -c "SELECT string_agg(id || ':' || coalesce(t, '-'), ' ' ORDER BY id) FROM
  (SELECT 1 AS id, peer_id || '/' || event_id || '/' || param1 || '/' || param2 AS t
     FROM trtc_user_events('[{\"PeerId\": \"a\", \"PeerId\": \"b\", \"Content\": [{\"EventId\": 5003, \"EventId\": 5001, \"ParamOne\": 0, \"ParamOne\": 1, \"ParamTwo\": -1, \"ParamTwo\": 5}]}]'::json)
   UNION ALL
   SELECT 2, peer_id || '/' || event_id || '/' || param1 || '/' || param2
     FROM trtc_user_events('[{\"PeerId\": \"a\", \"PeerId\": \"b\", \"Content\": [{\"EventId\": 5003, \"EventId\": 5001, \"ParamOne\": 0, \"ParamOne\": 1, \"ParamTwo\": -1, \"ParamTwo\": 5}]}]'::jsonb)
   UNION ALL
   SELECT 3, peer_id FROM trtc_user_events('{\"Data\": [{\"PeerId\": \"top\", \"Content\": [{}]}], \"Response\": {\"Data\": [{\"PeerId\": \"inner\", \"Content\": [{}]}]}}'::jsonb)
   UNION ALL
   SELECT 4, peer_id FROM trtc_user_events('{\"Response\": {\"Data\": [{\"PeerId\": \"inner\", \"Content\": [{}]}]}, \"Data\": [{\"PeerId\": \"top\", \"Content\": [{}]}]}'::jsonb)
   UNION ALL
   SELECT 5, user_id FROM trtc_unusual_events('{\"AbnormalExperienceList\": [{\"UserId\": \"top\"}], \"Response\": {\"AbnormalExperienceList\": [{\"UserId\": \"inner\"}]}}'::jsonb)) x" \
  >"$tmp/jsonb_doc.got" 2>&1
is "$(cat "$tmp/jsonb_doc.got")" "1:a/5003/0/-1 2:b/5001/1/5 3:top 4:top 5:inner" \
  "docs/engines.md's jsonb rules: the last repeated key counts; Data at the top wins, AbnormalExperienceList inside Response wins"

# ---- What docs/engines.md says of PostgreSQL ----------------------------------------
# Every function: IMMUTABLE, PARALLEL SAFE; the decoding functions are not
# STRICT (so that they are inlined) and the others are.
psql_db trtc -c "SELECT string_agg(proname || '(' || pg_get_function_identity_arguments(oid) || ')', ', ' ORDER BY proname)
  FROM pg_proc WHERE proname LIKE 'trtc%' AND (provolatile <> 'i' OR proparallel <> 's')" >"$tmp/volatile.got" 2>&1
is "$(cat "$tmp/volatile.got")" "" "every trtc function is IMMUTABLE and PARALLEL SAFE"
psql_db trtc -c "SELECT string_agg(proname, ' ' ORDER BY proname) FROM pg_proc
  WHERE proname LIKE 'trtc%' AND proname NOT LIKE 'trtc\\_\\_%' AND NOT proisstrict" >"$tmp/strict.got" 2>&1
is "$(cat "$tmp/strict.got")" "trtc_abnormal_event trtc_abnormal_event_kind trtc_event trtc_event_category trtc_event_severity trtc_event_source trtc_experience trtc_int trtc_int trtc_int trtc_int trtc_int trtc_int trtc_stream_type trtc_unusual_events trtc_unusual_events trtc_unusual_events trtc_unusual_events trtc_user_events trtc_user_events trtc_user_events trtc_user_events" \
  "the functions not declared STRICT (so that they are inlined): the decoding functions, trtc_int, the response functions"
psql_db trtc -c "CREATE TABLE log(peer_id text, time_ms bigint, event_id bigint, param1 bigint, param2 bigint)" \
  -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT trtc_event(event_id, param1, param2) FROM log" >"$tmp/inline.got" 2>&1
grep -q 'Output: CASE WHEN ((param1 IS NULL) OR (param2 IS NULL))' "$tmp/inline.got" && ! grep -q 'trtc_event' "$tmp/inline.got"
report_diag $? "trtc_event() is inlined: the plan computes a CASE, calls no function" "$tmp/inline.got"

# A log of the sample call, 20 times over, in a plain and a partitioned table.
sample_ids=$($sqlite -batch "$tmp/cases.db" "SELECT group_concat(id) FROM response_case
  WHERE fn = 'trtc_user_events' AND name GLOB 'file sql/sample/user-events-*.json'")
psql_db trtc >"$tmp/log.out" 2>&1 <<SQL
INSERT INTO log SELECT e.peer_id, e.time_ms + g * 3600000, e.event_id, e.param1, e.param2
  FROM response_case r, trtc_user_events(r.body) e, generate_series(0, 19) g WHERE r.id IN ($sample_ids);
ANALYZE log;
SQL
report_diag $? "an event log of the sample call in PostgreSQL, made by trtc_user_events() ($(psql_db trtc -c 'SELECT count(*) FROM log') rows)" "$tmp/log.out"

psql_db trtc -c "CREATE INDEX log_severity ON log (trtc_event_severity(event_id, param1, param2))" \
  -c "SET enable_seqscan = off" \
  -c "EXPLAIN (COSTS OFF) SELECT count(*) FROM log WHERE trtc_event_severity(event_id, param1, param2) = 'error'" \
  >"$tmp/index.got" 2>&1
grep -q 'Index.*Scan.* log_severity' "$tmp/index.got"
report_diag $? "an expression index on trtc_event_severity(event_id, param1, param2) serves WHERE ... = 'error'" "$tmp/index.got"
q="SELECT count(*) FROM log WHERE trtc_event_severity(event_id, param1, param2) = 'error'"
is "$(psql_db trtc -c "SET enable_seqscan = off" -c "$q")" "$(psql_db trtc -c "SET enable_indexscan = off" -c "SET enable_bitmapscan = off" -c "$q")" \
  "... with the count of a scan"

parallel="SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
  SET max_parallel_workers_per_gather = 2; SET enable_indexscan = off; SET enable_bitmapscan = off"
psql_db trtc -c "$parallel" -c "EXPLAIN (COSTS OFF) SELECT trtc_event_category(event_id), count(*) FROM log
  WHERE trtc_event_severity(event_id, param1, param2) <> 'info' GROUP BY 1" >"$tmp/parallel.got" 2>&1
grep -q 'Gather' "$tmp/parallel.got" && grep -q 'Parallel Seq Scan on log' "$tmp/parallel.got"
report_diag $? "a parallel plan: Gather over a Parallel Seq Scan that decodes in the workers" "$tmp/parallel.got"
q="SELECT string_agg(c || '=' || n, ' ' ORDER BY c) FROM (SELECT trtc_event_category(event_id) AS c, count(*) AS n FROM log
  WHERE trtc_event_severity(event_id, param1, param2) <> 'info' GROUP BY 1) x"
is "$(psql_db trtc -c "$parallel" -c "$q")" "$(psql_db trtc -c "$q")" "... and the same answer as a serial plan"

# A partitioned table: by time, one partition a day, with an expression
# index on the parent and a generated column.
psql_db trtc >"$tmp/part.out" 2>&1 <<'SQL'
CREATE TABLE plog (peer_id text, time_ms bigint, event_id bigint, param1 bigint, param2 bigint,
                   text text GENERATED ALWAYS AS (trtc_event(event_id, param1, param2)) STORED)
  PARTITION BY RANGE (time_ms);
CREATE TABLE plog_0 PARTITION OF plog FOR VALUES FROM (MINVALUE) TO (1710288000000);
CREATE TABLE plog_1 PARTITION OF plog FOR VALUES FROM (1710288000000) TO (1710374400000);
CREATE TABLE plog_2 PARTITION OF plog FOR VALUES FROM (1710374400000) TO (MAXVALUE);
CREATE INDEX plog_severity ON plog (trtc_event_severity(event_id, param1, param2));
INSERT INTO plog (peer_id, time_ms, event_id, param1, param2) SELECT * FROM log;
ANALYZE plog;
SQL
report_diag $? "a partitioned table with an expression index on the parent and a generated column of trtc_event()" "$tmp/part.out"
is "$(psql_db trtc -c "SELECT string_agg(c::text, ' ') FROM (SELECT (SELECT count(*) FROM plog_0) c UNION ALL SELECT (SELECT count(*) FROM plog_1) UNION ALL SELECT (SELECT count(*) FROM plog_2)) x")" \
  "$(psql_db trtc -c "SELECT string_agg(c::text, ' ') FROM (SELECT count(*) FILTER (WHERE time_ms < 1710288000000) c FROM log UNION ALL SELECT count(*) FILTER (WHERE time_ms >= 1710288000000 AND time_ms < 1710374400000) FROM log UNION ALL SELECT count(*) FILTER (WHERE time_ms >= 1710374400000) FROM log) x")" \
  "... the rows spread over its three partitions"
q="SELECT md5(string_agg(concat_ws('|', peer_id, time_ms, trtc_event(event_id, param1, param2), trtc_event_severity(event_id, param1, param2)), ',' ORDER BY time_ms, peer_id, event_id, param1, param2)) FROM"
is "$(psql_db trtc -c "$q plog")" "$(psql_db trtc -c "$q log")" "... decoding it gives the plain table's answer"
is "$(psql_db trtc -c "SELECT count(*) FROM plog WHERE text IS DISTINCT FROM trtc_event(event_id, param1, param2)")" "0" \
  "... its generated column holds trtc_event() on every partition"
psql_db trtc -c "SET enable_seqscan = off" -c "EXPLAIN (COSTS OFF) SELECT peer_id, text FROM plog
  WHERE time_ms >= 1710288000000 AND time_ms < 1710374400000 AND trtc_event_severity(event_id, param1, param2) = 'error'" \
  >"$tmp/prune.got" 2>&1
grep -q 'plog_1' "$tmp/prune.got" && ! grep -q 'plog_0\|plog_2' "$tmp/prune.got" && grep -q 'plog_1_trtc_event_severity_idx' "$tmp/prune.got"
report_diag $? "... a query on one day reads one partition (pruning), through that partition's copy of the expression index" "$tmp/prune.got"
psql_db trtc -c "$parallel" -c "SET enable_partitionwise_aggregate = on" -c "EXPLAIN (COSTS OFF) SELECT trtc_event_category(event_id), count(*) FROM plog GROUP BY 1" \
  >"$tmp/ppar.got" 2>&1
grep -q 'Parallel Append' "$tmp/ppar.got"
report_diag $? "... and a parallel plan over the partitions (Parallel Append)" "$tmp/ppar.got"

# ---- The examples of docs/engines.md, each in a fresh database ----------------------
psql_db postgres -c "CREATE DATABASE docs" >/dev/null && psql_db docs -f "$pgsql" >/dev/null
doc_blocks postgresql "$tmp/doc" >"$tmp/doc.list"
while read -r i line; do
  (cd "$src" && psql_db postgres -c "CREATE DATABASE doc$i TEMPLATE docs" >/dev/null &&
    "$PG_BINDIR/psql" -X -q -A -t -F '|' -P null=NULL -h "$pg_dir" -U postgres -d "doc$i" -f "$tmp/doc/$i.sql" 2>&1) |
    sed 's/^psql:[^:]*:[0-9]*: //' >"$tmp/doc/$i.got"
  compare "docs/engines.md:$line: the PostgreSQL example gives what the page shows" "$tmp/doc/$i.got" "$tmp/doc/$i.want"
done <"$tmp/doc.list"

# ---- sql/examples/ in PostgreSQL: the sample call, the same answers --------------------
examples=$src/sql/engines/examples
psql_db postgres -c "CREATE DATABASE examples" >/dev/null &&
  psql_db examples -f "$pgsql" -f "$examples/schema.postgresql.sql" \
    -c "\\copy trtc_responses (response_id, api, sdk_app_id, comm_id, room_id, user_id, source_file, body) FROM '$tmp/sample.tsv'" \
    -f "$examples/ingest.postgresql.sql" >"$tmp/examples.load" 2>&1
report_diag $? "sql/engines/examples/: schema.postgresql.sql and ingest.postgresql.sql load the sample call ($(wc -l <"$tmp/sample.tsv") responses)" "$tmp/examples.load"
for ex in "$src"/sql/examples/*.sql; do
  name=${ex##*/}
  name=${name%.sql}
  if [ -f "$examples/$name.postgresql.sql" ]; then
    psql_db examples -F '|' -f "$examples/$name.postgresql.sql" >"$tmp/example.$name.got" 2>&1
  else
    echo "no sql/engines/examples/$name.postgresql.sql" >"$tmp/example.$name.got"
  fi
  compare "sql/engines/examples/$name.postgresql.sql answers as sql/examples/$name.sql in sqlite ($(wc -l <"$tmp/example.$name.want") rows)" \
    "$tmp/example.$name.got" "$tmp/example.$name.want"
done

# ---- Loading again -------------------------------------------------------------------
psql_db trtc -f "$pgsql" >"$tmp/reload.out" 2>&1 &&
  psql_db trtc -c "SELECT (SELECT count(*) FROM trtc_events) || ',' || (SELECT count(*) FROM trtc_experiences) || ','
                      || (SELECT count(*) FROM trtc_abnormal_events) || ',' || (SELECT count(*) FROM trtc_stream_types)
                      || ',' || (SELECT count(*) FROM plog WHERE trtc_event_severity(event_id, param1, param2) = 'error')" \
    >>"$tmp/reload.out" 2>&1
is "$(cat "$tmp/reload.out")" "110,5,58,4,$(psql_db trtc -c "SELECT count(*) FROM log WHERE trtc_event_severity(event_id, param1, param2) = 'error'")" \
  "loading the file again replaces the functions (indexes on them stay) and the tables' rows"

# ---- Differences docs/engines.md documents --------------------------------------------
psql_db trtc -c "SELECT trtc_event(5003, 0)" -c "SELECT trtc_event('5003', '0')" -c "SELECT trtc_event(trtc_int('abc'), 0) IS NULL" \
  >"$tmp/cast.got" 2>&1
psql_db trtc -c "\\set VERBOSITY terse" -c "SELECT trtc_event('abc')" >>"$tmp/cast.got" 2>&1
psql_db trtc -c "\\set VERBOSITY terse" -c "SELECT trtc_event(5003.0)" >>"$tmp/cast.got" 2>&1
psql_db trtc -c "SELECT trtc_event(trtc_int(5003.0)) IS NULL, trtc_event(trtc_int(5003.0), trtc_int(' 0 '))" >>"$tmp/cast.got" 2>&1
is "$(cat "$tmp/cast.got")" "Failed to enter room
Failed to enter room
t
ERROR:  invalid input syntax for type bigint: \"abc\" at character 19
ERROR:  function trtc_event(numeric) does not exist at character 8
t|Failed to enter room" \
  "docs: 'abc' is an error as a bigint argument and 5003.0 finds no function; both as the extension through trtc_int()"
psql_db trtc -c "SELECT (SELECT count(*) FROM trtc_user_events(NULL::text)) || ',' || (SELECT count(*) FROM trtc_unusual_events(NULL::jsonb))
                     || ',' || (SELECT count(*) FROM trtc_user_events(NULL::json)) || ',' || (SELECT count(*) FROM trtc_unusual_events(NULL::bytea))" \
  >"$tmp/null.got" 2>&1
is "$(cat "$tmp/null.got")" "0,0,0,0" "docs: a NULL response gives no rows (text, jsonb, json, bytea)"
psql_db trtc -c "SELECT peer_id FROM trtc_user_events('[{\"PeerId\": \"a\\u0000b\", \"Content\": [{}]}]')" >"$tmp/nul.got" 2>&1
psql_db trtc -c "SELECT peer_id FROM trtc_user_events('[{\"PeerId\": \"a\", \"x\": \"\\u0000\", \"Content\": [{}]}]')" >>"$tmp/nul.got" 2>&1
psql_db trtc -c "SELECT peer_id FROM trtc_user_events('[{\"PeerId\": \"a\", \"x\": {\"y\": \"\\u0000\"}, \"Content\": [{}]}]')" >>"$tmp/nul.got" 2>&1
psql_db trtc -c "SELECT peer_id FROM trtc_user_events('[{\"PeerId\": \"a\", \"x\": {\"y\": \"\\u0000\"}, \"Content\": [{}]}]'::jsonb)" >>"$tmp/nul.got" 2>&1
is "$(grep -c '^ERROR:  unsupported Unicode escape sequence$' "$tmp/nul.got")" 4 \
  "docs: \\u0000 in a string anywhere in a response is an error (json, jsonb, text)"

echo "1..$n"
