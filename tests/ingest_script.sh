#!/bin/sh
# tests/ingest_script.sh: sql/ingest.sh and sql/schema.sql: loading the
# sample call, loading it again (nothing added), the context from the
# manifest, a directory with problems (API error, malformed JSON, missing
# files, bad manifest entries), and the decoded views.
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"
db=$tmp/calls.db

ingest() { # ingest DIR...: stdout to $tmp/out, stderr to $tmp/err; sets st
  SQLITE3=$sqlite sh "$src/sql/ingest.sh" -m "$TRTC_MODULE" "$db" "$@" >"$tmp/out" 2>"$tmp/err"
  st=$?
}
q() { # q SQL: one query on the database, with the module
  "$sqlite" -batch -cmd ".load $TRTC_MODULE" "$db" "$1"
}
counts() {
  q "SELECT (SELECT count(*) FROM trtc_responses) || '/' || (SELECT count(*) FROM trtc_event_log)
            || '/' || (SELECT count(*) FROM trtc_unusual_log)"
}

echo "1..26"

# ---- The sample call, twice -----------------------------------------------
ingest "$src/sql/sample"
is "$st" 0 "loading the sample succeeds"
is "$(cat "$tmp/out")" "$src/sql/sample: 6 file(s): 6 new response(s), 104 event row(s), 10 abnormal-event row(s); 0 already loaded" \
  "the summary counts what was added"
is "$(counts)" "6/104/10" "responses, event rows, abnormal-event rows"
ingest "$src/sql/sample/"
is "$st" 0 "loading it again succeeds"
is "$(cat "$tmp/out")" "$src/sql/sample: 6 file(s): 0 new response(s), 0 event row(s), 0 abnormal-event row(s); 6 already loaded" \
  "... and adds nothing"
is "$(counts)" "6/104/10" "the same rows as before"
is "$(q "SELECT sum(n_rows) || '/' || count(error_code) FROM trtc_responses")" "114/0" "n_rows of every response"

# ---- Context ----------------------------------------------------------------
is "$(q "SELECT count(*) FROM trtc_event_log WHERE comm_id = '1400188366_61203_1710235800'
          AND sdk_app_id = 1400188366 AND room_id = '61203'")" 104 "every event row has the manifest's context"
is "$(q "SELECT group_concat(user_id || '=' || n, ' ') FROM (SELECT user_id, count(*) AS n FROM trtc_event_log GROUP BY user_id)")" \
  "alice=30 bob=14 carol=21 dave=18 erin=21" "user_id from the manifest, per file"
is "$(q "SELECT group_concat(DISTINCT room_id) || '/' || count(DISTINCT user_id) || '/' || count(abnormal_event_id) FROM trtc_unusual_log")" \
  "61203/4/9" "abnormal rows: room and user from the response; one row without abnormal event"
is "$(q "SELECT group_concat(seq) FROM trtc_event_log WHERE user_id = 'bob' AND peer_id = 'alice'")" "8,9" \
  "seq is the position in the response"

# ---- Decoded views, also where the schema is not trusted ----------------------
is "$(q "PRAGMA trusted_schema = OFF; SELECT count(*) || ' ' || group_concat(DISTINCT user_id) FROM trtc_event_log_decoded WHERE severity = 'error'")" \
  "7 carol,dave" "trtc_event_log_decoded (trusted_schema=OFF)"
is "$(q "PRAGMA trusted_schema = OFF; SELECT time_utc || ' ' || text FROM trtc_event_log_decoded WHERE user_id = 'carol' AND seq = 5")" \
  "2024-03-12 09:30:45.070 Failed to enter room" "time_utc shows ms"
is "$(q "SELECT time_utc || ' ' || experience || ': ' || ifnull(abnormal_event, '-') FROM trtc_unusual_log_decoded WHERE experience_id = 5")" \
  "2024-03-12 09:33:15 Audio lagged: -" "trtc_unusual_log_decoded (EventTime in seconds)"

# ---- A directory with problems ------------------------------------------------
mkdir "$tmp/mixed"
cp "$src/sql/sample/user-events-alice.json" "$tmp/mixed/alice.json"
cp "$src/sql/sample/unusual-events.json" "$tmp/mixed/unusual.json"
cp "$src/tests/fixtures/api_error.json" "$tmp/mixed/error.json"
printf '{"Response": {"Data": [' >"$tmp/mixed/truncated.json"
"$sqlite" :memory: "SELECT json_extract(CAST(readfile('$src/sql/sample/user-events-dave.json') AS TEXT), '\$.Response.Data')" >"$tmp/mixed/bare.json"
cat >"$tmp/mixed/manifest.json" <<'JSON'
{"sdk_app_id": "1400188366", "room_id": 61203, "comm_id": "1400188366_61203_1710235800",
 "files": [
   {"file": "alice.json", "api": "DescribeDetailEvent", "user_id": "alice"},
   {"file": "alice.json", "api": "DescribeUserEvent", "user_id": "alice2"},
   {"file": "unusual.json"},
   {"file": "error.json", "api": "DescribeUserEvent", "user_id": "frank"},
   {"file": "bare.json", "api": "DescribeUserEvent", "user_id": "gina"},
   {"file": "truncated.json", "api": "DescribeUserEvent", "user_id": "hal"},
   {"file": "missing.json", "api": "DescribeUserEvent", "user_id": "ivy"},
   {"api": "DescribeUserEvent", "user_id": "jo"},
   {"file": "alice.json", "api": "DescribeUserEvent"},
   {"file": "alice.json", "api": "DescribeFoo", "user_id": "kim"}
 ]}
JSON
ingest "$tmp/mixed"
is "$st" 1 "problems make the exit status 1"
is "$(sed "s|$tmp/mixed/||" "$tmp/err")" "problem: truncated.json: malformed JSON
problem: missing.json: cannot read the file
problem: : manifest entry 7 has no \"file\"
problem: alice.json: a DescribeUserEvent response needs \"user_id\" in the manifest
problem: alice.json: unknown \"api\" 'DescribeFoo' in the manifest" "each problem on stderr"
is "$(sed "s|$tmp/mixed|DIR|" "$tmp/out")" "note: error.json: API error InvalidParameter.RoomId: RoomId does not exist. (stored, no rows)
DIR: 10 file(s): 3 new response(s), 48 event row(s), 0 abnormal-event row(s); 2 already loaded" \
  "the API error is noted; the other files are loaded"
is "$(q "SELECT error_code || '/' || n_rows FROM trtc_responses WHERE user_id = 'frank'")" "InvalidParameter.RoomId/0" \
  "an API error response is kept with its Code, without rows"
is "$(q "SELECT count(*) FROM trtc_event_log WHERE user_id = 'gina'")" 18 "a bare list is decoded"
is "$(q "SELECT count(*) FROM trtc_event_log WHERE user_id = 'alice2'")" 30 \
  "the same file for another user is another response"
is "$(counts)" "9/152/10" "old API names and a missing api map onto the loaded responses"

ingest "$tmp/mixed"
is "$(sed "s|$tmp/mixed|DIR|" "$tmp/out")" "DIR: 10 file(s): 0 new response(s), 0 event row(s), 0 abnormal-event row(s); 5 already loaded" \
  "loading it again adds nothing"

# ---- Failures that load nothing ---------------------------------------------------
mkdir "$tmp/empty"
ingest "$tmp/empty"
is "$st:$(sed "s|$tmp/empty|DIR|" "$tmp/err")" "1:$src/sql/ingest.sh: DIR/manifest.json: not found (see docs/cookbook.md)" \
  "a directory without manifest.json"
printf '{"files": [' >"$tmp/empty/manifest.json"
ingest "$tmp/empty"
is "$st:$(sed "s|$tmp/empty|DIR|" "$tmp/err")" "1:problem: DIR/manifest.json: malformed JSON" "a malformed manifest"
SQLITE3=$sqlite sh "$src/sql/ingest.sh" -m "$tmp/no-such-module" "$db" "$src/sql/sample" >"$tmp/out" 2>"$tmp/err"
is "$?:$(tail -n 1 "$tmp/err")" "1:$src/sql/ingest.sh: $src/sql/sample: nothing loaded" "a module that does not load"
is "$(counts)" "9/152/10" "... changes nothing"
exit 0
