#!/bin/sh
# tests/ingest_migrate.sh: a database made by the old sql/ingest.sh
# (tests/fixtures/old_ingest_db.sql, its .dump) loads on with "trtc
# ingest": the new columns of trtc_responses are added and filled in from
# the stored bodies, the old rows stay as they were, and a response already
# there (in any form) is found again.
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"
db=$tmp/old.db
trtc=$tmp/trtc
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${TRTC_RUN-}" "$TRTC_BUILDDIR/trtc" >"$trtc"
chmod +x "$trtc"
q() { "$sqlite" -batch -cmd ".load $TRTC_MODULE" "$db" "$1"; }
ctx="--sdk-app-id 1400000001 --room 8008 --comm-id 1400000001_8008_1700000000"

echo "1..15"
"$sqlite" -batch "$db" <"$src/tests/fixtures/old_ingest_db.sql"
q "SELECT response_id, n_rows, hex(body_sha3), body FROM trtc_responses ORDER BY 1" >"$tmp/before"
is "$(q "SELECT count(*) FROM pragma_table_info('trtc_responses')")" 13 "the old database has the old columns"

# The old script's schema run again in the shell on it: the indexes of the
# new columns fail, nothing else changes (as sql/schema.sql says).
"$sqlite" -batch -cmd ".load $TRTC_MODULE" "$db" <"$src/sql/schema.sql" >"$tmp/out" 2>&1
is "$(grep -c 'no such column: request_id' "$tmp/out")" 1 "sql/schema.sql in the shell on an old database: no such column"
is "$(q "SELECT count(*) FROM pragma_table_info('trtc_responses')")" 13 "... and nothing else changes"

"$trtc" ingest $ctx "$db" "$src/tests/fixtures/api_unusual_event.json" >"$tmp/out" 2>"$tmp/err"
is "$?" 0 "trtc ingest opens the old database"
is "$(cat "$tmp/out")" "1 file: 0 new responses, 0 event rows, 0 abnormal-event rows; 1 already loaded, 0 not loaded, 1 warning" \
  "the response the old script stored is found again"
is "$(cat "$tmp/err")" "warning: $src/tests/fixtures/api_unusual_event.json: already loaded from api_unusual_event.json (the same RequestId): not loaded again" \
  "... named by the file the old script stored"
is "$(q "SELECT group_concat(name, ' ') FROM pragma_table_info('trtc_responses') WHERE cid >= 13")" \
  "request_id content_sha3 notes decode_error" "the new columns are added, at the end"
is "$(q "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE tbl_name = 'trtc_responses' AND type = 'index' ORDER BY name)")" \
  "trtc_responses_call trtc_responses_content trtc_responses_identity trtc_responses_pending trtc_responses_request trtc_responses_user" "... with their indexes"
is "$(q "SELECT group_concat(response_id || ':' || request_id || ':' || length(content_sha3), ' ') FROM trtc_responses")" \
  "1:00000000-0000-0000-0000-000000000000:32 2:00000000-0000-0000-0000-000000000001:32 3:00000000-0000-0000-0000-000000000002:32" \
  "... filled in from each stored body"
q "SELECT response_id, n_rows, hex(body_sha3), body FROM trtc_responses ORDER BY 1" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after"
report $? "the old rows keep their bodies, hashes and n_rows"

# Alice's response again, minified: the same RequestId, not loaded again.
"$sqlite" :memory: "SELECT json(CAST(readfile('$src/tests/fixtures/api_user_event.json') AS TEXT))" >"$tmp/alice.json"
"$trtc" ingest $ctx --user alice "$db" "$tmp/alice.json" >"$tmp/out" 2>"$tmp/err"
is "$?:$(cat "$tmp/out")" "0:1 file: 0 new responses, 0 event rows, 0 abnormal-event rows; 1 already loaded, 0 not loaded, 1 warning" \
  "on the migrated database: the same response in another form is already there"
"$trtc" ingest $ctx "$db" "$src/sql/sample/user-events-carol.json" >"$tmp/out" 2>"$tmp/err"
is "$?:$(cat "$tmp/out"):$(cat "$tmp/err")" "0:1 file: 1 new response, 21 event rows, 0 abnormal-event rows; 0 already loaded, 0 not loaded, 0 warnings:" \
  "... and a new one is added"
is "$(q "SELECT (SELECT count(*) FROM trtc_responses) || '/' || (SELECT count(*) FROM trtc_event_log) || '/' || (SELECT count(*) FROM trtc_unusual_log)")" \
  "4/25/3" "the counts"
is "$(q "SELECT error_code || '/' || n_rows FROM trtc_responses WHERE user_id = 'frank'")" "InvalidParameter.RoomId/0" \
  "the old API error response is kept"
is "$(q "PRAGMA integrity_check")" ok "integrity_check"
exit 0
