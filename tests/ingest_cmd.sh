#!/bin/sh
# tests/ingest_cmd.sh: "trtc ingest" and sql/schema.sql on the bundled
# sample call (what tests/ingest_script.sh checked for the old
# sql/ingest.sh, kept): loading it, loading it again (nothing added), the
# context from the manifest, a directory with problems (an API error, a
# bare list, the same file for another user, missing files, bad manifest
# entries), the decoded views; and the trtc command itself (--version,
# help), the summary the docs show.
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"
db=$tmp/calls.db
trtc=$tmp/trtc
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${TRTC_RUN-}" "$TRTC_BUILDDIR/trtc" >"$trtc"
chmod +x "$trtc"

ingest() { # ingest ARGS...: trtc ingest DB ARGS, stdout to $tmp/out, stderr to $tmp/err; sets st
  "$trtc" ingest "$db" "$@" >"$tmp/out" 2>"$tmp/err"
  st=$?
}
q() { # q SQL: one query on the database, with the module
  "$sqlite" -batch -cmd ".load $TRTC_MODULE" "$db" "$1"
}
counts() {
  q "SELECT (SELECT count(*) FROM trtc_responses) || '/' || (SELECT count(*) FROM trtc_event_log)
            || '/' || (SELECT count(*) FROM trtc_unusual_log)"
}
# Does file $1 contain the line $2?
has_line() { grep -qxF -- "$2" "$1"; }

echo "1..44"

# ---- The sample call, twice -----------------------------------------------
ingest "$src/sql/sample"
is "$st" 0 "loading the sample succeeds"
summary="6 files: 6 new responses, 104 event rows, 10 abnormal-event rows; 0 already loaded, 0 not loaded, 0 warnings"
is "$(cat "$tmp/out")" "$summary" "the summary counts what was added"
is "$(cat "$tmp/err")" "" "... and nothing is said on stderr"
is "$(counts)" "6/104/10" "responses, event rows, abnormal-event rows"
ingest "$src/sql/sample/"
is "$st" 0 "loading it again succeeds"
is "$(cat "$tmp/out")" "6 files: 0 new responses, 0 event rows, 0 abnormal-event rows; 6 already loaded, 0 not loaded, 0 warnings" \
  "... and adds nothing"
is "$(counts)" "6/104/10" "the same rows as before"
is "$(q "SELECT sum(n_rows) || '/' || count(error_code) || '/' || count(request_id) || '/' || count(content_sha3) FROM trtc_responses")" \
  "114/0/6/6" "n_rows, RequestId and content hash of every response"
is "$(q "SELECT count(*) FROM trtc_responses WHERE body_sha3 = sha3(body, 256)
          AND body = CAST(readfile('$src/sql/sample/' || substr(source_file, length('$src/sql/sample/') + 1)) AS TEXT)")" 6 \
  "body is the file, byte for byte; body_sha3 is the shell's sha3(body, 256)"

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
"$sqlite" :memory: "SELECT replace(json_extract(CAST(readfile('$src/sql/sample/user-events-dave.json') AS TEXT), '\$.Response.Data'), '\"dave\"', '\"gina\"')" >"$tmp/mixed/bare.json"
cat >"$tmp/mixed/manifest.json" <<'JSON'
{"sdk_app_id": "1400188366", "room_id": 61203, "comm_id": "1400188366_61203_1710235800",
 "files": [
   {"file": "alice.json", "api": "DescribeDetailEvent", "user_id": "alice"},
   {"file": "alice.json", "api": "DescribeUserEvent", "user_id": "alice2"},
   {"file": "unusual.json"},
   {"file": "error.json", "api": "DescribeUserEvent", "user_id": "frank"},
   {"file": "bare.json", "api": "DescribeFoo", "user_id": "gina"},
   {"file": "truncated.json", "api": "DescribeUserEvent", "user_id": "hal"},
   {"file": "missing.json", "api": "DescribeUserEvent", "user_id": "ivy"},
   {"api": "DescribeUserEvent", "user_id": "jo"},
   {"file": "alice.json", "api": "DescribeUserEvent"},
   {"file": "alice.json", "api": "DescribeFoo", "user_id": "kim"}
 ]}
JSON
(cd "$tmp" && "$trtc" ingest "$db" mixed >"$tmp/out" 2>"$tmp/err")
st=$?
is "$st" 1 "problems make the exit status 1"
is "$(grep '^error: ' "$tmp/err" | sed "s|$src/|SRC/|")" "error: mixed/manifest.json (entry 8 of \"files\"): no \"file\" in it: not loaded
error: mixed/alice.json: the same response (the same RequestId) is stored already, loaded from SRC/sql/sample/user-events-alice.json with user_id \"alice\" (now \"alice2\") (response_id 1): not loaded again (it would count twice); if the context given now is right, load it with --replace
error: mixed/truncated.json: not JSON: line 1, column 24: the text ends inside an array (truncated?)
error: mixed/missing.json: cannot open it (No such file or directory)
error: mixed/alice.json: a DescribeUserEvent response needs the user id it was requested for (the request's UserId): give it with --user ID, \"user_id\" in manifest.json, or the file name user-events-ID.json
error: mixed/alice.json: the same response (the same RequestId) is stored already, loaded from SRC/sql/sample/user-events-alice.json with user_id \"alice\" (now \"kim\") (response_id 1): not loaded again (it would count twice); if the context given now is right, load it with --replace" \
  "each input not loaded is named on stderr, with why"
has_line "$tmp/err" "warning: mixed/error.json: an API error response (InvalidParameter.RoomId: RoomId does not exist.): stored without events; request it again"
report $? "an API error response is a warning"
has_line "$tmp/err" "warning: mixed/bare.json: the API label \"DescribeFoo\" given by manifest.json names no API this loads (DescribeUserEvent, DescribeUnusualEvent): ignored"
report $? "an unknown api label is a warning; the content decides"
is "$(grep -c 'is stored already, loaded from .* with user_id "alice"' "$tmp/err")" 2 \
  "alice's response given for other users is refused, not counted twice (alice2, kim)"
is "$(q "SELECT count(*) FROM trtc_responses WHERE source_file = 'mixed/alice.json'")" 0 "... nothing of it is stored again"
is "$(cat "$tmp/out")" "4 files: 2 new responses, 18 event rows, 0 abnormal-event rows; 2 already loaded, 6 not loaded, 4 warnings" \
  "the other files are loaded"
is "$(q "SELECT error_code || '/' || n_rows FROM trtc_responses WHERE user_id = 'frank'")" "InvalidParameter.RoomId/0" \
  "an API error response is kept with its Code, without rows"
is "$(q "SELECT count(*) FROM trtc_event_log WHERE user_id = 'gina'")" 18 "a bare list is decoded"
is "$(q "SELECT count(*) FROM trtc_event_log WHERE user_id IN ('alice2', 'kim')")" 0 \
  "the same file for another user is not stored again"
is "$(counts)" "8/122/10" "old API names and a missing api map onto the loaded responses"

(cd "$tmp" && "$trtc" ingest "$db" mixed >"$tmp/out" 2>"$tmp/err")
is "$(cat "$tmp/out")" "4 files: 0 new responses, 0 event rows, 0 abnormal-event rows; 4 already loaded, 6 not loaded, 3 warnings" \
  "loading it again adds nothing (the copies of sample files and the bad label are said again)"
is "$(counts)" "8/122/10" "... not a row"

# ---- Failures that load nothing ---------------------------------------------------
mkdir "$tmp/empty"
ingest "$tmp/empty"
is "$st:$(sed "s|$tmp/empty|DIR|" "$tmp/err")" "1:error: DIR: no manifest.json and no *.json file in it" \
  "a directory without manifest.json nor responses"
printf '{"files": [' >"$tmp/empty/manifest.json"
ingest "$tmp/empty"
is "$st:$(sed "s|$tmp/empty|DIR|" "$tmp/err")" \
  "1:error: DIR/manifest.json: not JSON: line 1, column 12: the text ends inside an array (truncated?): the directory is not loaded" \
  "a malformed manifest"
is "$(counts)" "8/122/10" "... changes nothing"

# ---- The command ------------------------------------------------------------------
"$trtc" --version >"$tmp/out" 2>&1
is "$?:$(sed 's/SQLite [0-9.]*/SQLite X/' "$tmp/out")" "0:trtc (sqlite-trtc) $(sed -n 's/^AC_INIT(\[sqlite-trtc\], \[\([^]]*\)\].*/\1/p' "$src/configure.ac"), SQLite X" \
  "trtc --version names the versions"
"$trtc" help ingest >"$tmp/out" 2>&1
is "$?:$(head -n 1 "$tmp/out")" "0:usage: trtc ingest [--user ID] [--room ID] [--comm-id ID] [--sdk-app-id N]" "trtc help ingest"
"$trtc" frobnicate >"$tmp/out" 2>&1
is "$?:$(cat "$tmp/out")" "2:trtc: no such command: frobnicate (see 'trtc --help')" "an unknown command is a usage error"
bad=
for o in --user= --room= --comm-id=; do
  rm -f "$tmp/empty-opt.db"
  "$trtc" ingest "$o" "$tmp/empty-opt.db" "$src/sql/sample" >/dev/null 2>"$tmp/err"
  st=$?
  [ $st -eq 2 ] && grep -q -- "${o%=} needs a value" "$tmp/err" && [ ! -e "$tmp/empty-opt.db" ] || bad="$bad [$o]=$st"
done
is "$bad" "" "an empty --user=, --room= or --comm-id= is a usage error (no id matches no one), no database made"
"$trtc" >"$tmp/out" 2>"$tmp/err"
is "$?:$(head -n 1 "$tmp/err"):$(grep -c '^  ingest ' "$tmp/err")" "2:usage: trtc COMMAND [OPTIONS] ...:1" \
  "trtc alone: its usage on stderr, listing ingest; exit 2"
"$trtc" --help >"$tmp/out" 2>&1 && "$trtc" help >"$tmp/out2" 2>&1
is "$?:$(cmp "$tmp/out" "$tmp/out2" && head -n 1 "$tmp/out")" "0:usage: trtc COMMAND [OPTIONS] ..." \
  "trtc --help and trtc help: the usage on stdout"
"$trtc" help frobnicate >"$tmp/out" 2>&1
is "$?:$(cat "$tmp/out")" "2:trtc: no such command: frobnicate" "trtc help with an unknown command"

# ---- Standard input through a pipe, the progress line on a terminal -------------------
awk 'BEGIN { printf "{\"Data\": [{\"PeerId\": \"pipe\", \"Content\": ["
             for (i = 1; i <= 2000; i++) printf "%s{\"Type\": 0, \"Time\": %.0f, \"EventId\": 5001, \"ParamOne\": -1, \"ParamTwo\": -1}", (i > 1 ? ", " : ""), 1710235800000 + i
             printf "]}], \"RequestId\": \"pipe-1\"}\n" }' >"$tmp/pipe.json"
cat "$tmp/pipe.json" | "$trtc" ingest --user pipe --comm-id c1 "$db" - >"$tmp/out" 2>"$tmp/err"
is "$?:$(cat "$tmp/err"):$(q "SELECT source_file || '/' || n_rows FROM trtc_responses WHERE user_id = 'pipe'")" "0::(stdin)/2000" \
  "a response of $(wc -c <"$tmp/pipe.json") bytes from a pipe (-)"
mkdir "$tmp/many"
for i in $(seq 1 60); do
  sed "s/6f1c2a0e-3b7d-4c55-9a61-0d2e8f4b7a11/progress-$i/; s/alice/u$i/g" \
    "$src/sql/sample/user-events-alice.json" >"$tmp/many/user-events-u$i.json"
done
if command -v script >/dev/null 2>&1; then
  script -qec "'$trtc' ingest --comm-id c2 '$tmp/many.db' '$tmp/many'" /dev/null >"$tmp/tty" 2>&1
  tr '\r' '\n' <"$tmp/tty" | grep -c '^.\[Ktrtc ingest: [0-9]*/60 files, [0-9]* rows, [0-9]* rows/s$' >"$tmp/n"
  ok=0
  [ "$(cat "$tmp/n")" -ge 1 ] && ok=1
  is "$ok" 1 "on a terminal, 60 files: a progress line (files done/all, rows, rate)"
  is "$(tr '\r' '\n' <"$tmp/tty" | grep -v '^$' | tail -n 1 | sed 's/^.\[K//')" \
    "60 files: 60 new responses, 1800 event rows, 0 abnormal-event rows; 0 already loaded, 0 not loaded, 0 warnings" \
    "... cleared before the summary"
else
  report 1 "on a terminal: script (util-linux) not found"
  report 1 "... cleared before the summary"
fi
rm -f "$tmp/many.db"
"$trtc" ingest --comm-id c2 "$tmp/many.db" "$tmp/many" >"$tmp/out" 2>"$tmp/err"
is "$?:$(cat "$tmp/err")" "0:" "... and none when stderr is not a terminal"

# The docs show the summary of loading the sample as it is.
grep -qF -- "$summary" "$src/docs/cookbook.md" && grep -qF -- "$summary" "$src/README.md"
report $? "README.md and docs/cookbook.md show the summary trtc ingest prints for the sample"
exit 0
