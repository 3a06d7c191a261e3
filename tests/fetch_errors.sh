#!/bin/sh
# tests/fetch_errors.sh: the error and edge paths of "trtc fetch" that
# tests/fetch_mock.sh does not reach, against tests/mock_tencent.py:
# - answers the command must retry or refuse: HTTP 429 with an HTML page,
#   InternalError, a "Response" that is not an object, an answer of 200 KB
#   (kept) and one over the 256 MiB limit (stops the fetch);
# - odd lists: rooms that ignore PageNumber, a RoomList absent or not a
#   list, a UserList not a list, a user without UserId, a call without
#   RoomString, a call ending in the future or with DestroyTime 0, a call
#   that ended before the API's 14 days, a split unusual-event window whose
#   first half is refused, 70 calls in one run;
# - refusals halfway (a user's events, a room's unusual events): the fetch
#   stops, names what was not fetched;
# - --user: only the users asked for; --user without credentials;
# - a database that refuses a write (a trigger raising an error in
#   trtc_calls, trtc_users, trtc_fetched, trtc_event_log):
#   exit 2, "database error" named, nothing half-stored;
# - endpoints with an empty user name or password, an --sdk-app-id with a
#   sign.
# Each case asserts the exit status and the message, and what the database
# holds afterwards. The command runs through $TRTC_RUN; nothing leaves the
# machine.
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"
. "$TRTC_SRCDIR/tests/lib/skip.sh"
py=${PYTHON3:-/usr/bin/python3}
[ -n "$py" ] && [ -x "$py" ] || skip_all "python3 not found (apt-get install python3)"
trtc=$TRTC_BUILDDIR/trtc
: >"$tmp/pids"
trap 'for p in $(cat "$tmp/pids" 2>/dev/null); do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT

echo "1..54"

now=$(date +%s)
base=$((now - 3 * 3600))
ID=AKIDmockTestId0000000000000000000002
KEY=mockTestKey-errors-5e1f9a
# The faults hit the first run (app 1400000011), whose requests are, in
# order: DescribeRoomInfo, DescribeUserInfo, DescribeUserEvent v1 and v2,
# DescribeUnusualEvent.
"$py" "$src/tests/mock_tencent.py" --port-file "$tmp/port" --log "$tmp/mock.log" \
  --secret-id "$ID" --secret-key "$KEY" --base "$base" --now "$now" \
  --faults 'http429html=1;internal=3;big=5;notobject=6;huge=7' 2>"$tmp/mock.err" &
echo $! >>"$tmp/pids"
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$tmp/port" 2>/dev/null)
[ -n "$port" ] || { echo "Bail out! the mock did not start"; exit 1; }

# fetch DB ARGS...: trtc fetch against the mock (pages of $PAGE, default 3;
# PAGE= sets TRTC_FETCH_TEST_PAGE_SIZE empty: the default, 100);
# stdout in $tmp/out, stderr in $tmp/err, status in $rc, the mock's log of
# this run in $tmp/run.log.
fetch() {
  db=$1
  shift
  # A second apart: the mock throttles 20 requests within one second,
  # which two runs back to back may send, and a retry would change the
  # requests counted below.
  sleep 1
  before=$(wc -l <"$tmp/mock.log")
  TENCENTCLOUD_SECRET_ID=$ID TENCENTCLOUD_SECRET_KEY=$KEY TRTC_FETCH_TEST_PAGE_SIZE=${PAGE-3} \
    TRTC_FETCH_TEST_BACKOFF_MS=10 ${TRTC_RUN-} "$trtc" fetch --quiet --endpoint "http://127.0.0.1:$port/" \
    --start "$base" --end "$now" "$@" "$tmp/$db" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  tail -n +$((before + 1)) "$tmp/mock.log" >"$tmp/run.log"
}
q() { "$SQLITE3" -batch "$tmp/$1" "$2"; }
# has PATTERN WHAT: PATTERN (grep -E) is on stderr.
has() {
  if grep -q -E -- "$1" "$tmp/err"; then report 0 "$2"; else
    report 1 "$2"
    sed 's/^/#   /' "$tmp/err"
  fi
}

# ---- 1. Answers to retry, to refuse, too large -----------------------------------
fetch a.db --sdk-app-id 1400000011
is "$rc" 1 "faults: exit 1"
is "$(grep -o '"outcome": "[A-Za-z0-9.]*"' "$tmp/run.log" | tr '\n' ' ')" \
  '"outcome": "http429html" "outcome": "ok" "outcome": "InternalError.DbError" "outcome": "ok" "outcome": "ok" "outcome": "notobject" "outcome": "huge" ' \
  "the mock served the faults in order: 429 page, retried; InternalError, retried; 200 KB; a list; over 256 MiB"
grep -q ' 2 retried$' "$tmp/out"
report $? "an HTTP 429 page and InternalError are retried (2 retried)"
is "$(q a.db "SELECT count(*) FROM trtc_event_log WHERE user_id = 'v1'")/$(q a.db "SELECT length(body) > 200000 FROM trtc_responses WHERE user_id = 'v1'")" "4/1" \
  "an answer of 200 KB is read whole and stored (4 events of v1)"
has 'user v2: DescribeUserEvent failed: the response has no "Response" object$' \
  'a "Response" that is a list: that request failed, named'
has '^trtc fetch: stopped: DescribeUnusualEvent: the response is larger than 256 MiB$' \
  "an answer over 256 MiB stops the fetch, said"
has '^trtc fetch: 1 call\(s\) not fetched, or not completely$' "... and the call is named as not fetched"
is "$(q a.db "SELECT count(*) FROM trtc_fetched WHERE api = 'DescribeUnusualEvent'")/$(q a.db "SELECT count(*) FROM trtc_responses WHERE user_id = 'v2'")" "0/0" \
  "nothing stored for the refused user nor the oversized window"

# ---- 2. --user: the others are not asked about; an unfinished user is replaced --
fetch u.db --sdk-app-id 1400000011 --user v2
is "$rc" 0 "--user v2: exit 0"
is "$(grep -o '"UserId": "[a-z0-9]*"' "$tmp/run.log" | tr '\n' ' ')" '"UserId": "v2" ' \
  "only v2's events are asked for, not v1's"
is "$(q u.db "SELECT group_concat(DISTINCT user_id) FROM trtc_event_log")" "v2" "only v2's events are stored"

# ---- 3. Odd lists ----------------------------------------------------------------
fetch b.db --sdk-app-id 1400000006
is "$rc" 1 "odd lists: exit 1"
has 'calls .* page 1: DescribeRoomInfo sent the previous page again; stopped paging$' \
  "rooms that ignore PageNumber: paging stops, said"
has '^trtc fetch: the list of calls is incomplete: calls may be missing$' "... the list of calls is said to be incomplete"
is "$(q b.db "SELECT count(*) || ' ' || count(room_id) FROM trtc_calls")" "3 2" \
  "the 3 calls of the first page are kept, one without a room id"
has 'call 1400000006_6001_[0-9]*: users, page 0: DescribeUserInfo: the response has no UserList array \(RequestId ' \
  "a UserList that is not a list is named"
has 'call 1400000006_6002_[0-9]*: users, page 0: 1 user\(s\) without a UserId skipped \(RequestId ' \
  "a user without UserId is skipped, named"
has 'call 1400000006_6003_[0-9]*: created more than 14 days ago; only its last 14 days can be fetched' \
  "a call that ended before the 14 days: said"
has 'call 1400000006_6002_[0-9]*: unusual events .*: DescribeUnusualEvent failed: FailedOperation.Split: not this half.' \
  "the refused first half of a split window is named"
"$py" - "$tmp/run.log" "$((base + 1200))" "$((now - 14 * 86400))" <<'EOF' >"$tmp/check"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
c2, old = int(sys.argv[2]), int(sys.argv[3])
unusual = [e["body"] for e in log if e["action"] == "DescribeUnusualEvent" and e["body"]["RoomId"] == "6002"]
first = [(b["StartTime"] - c2, b["EndTime"] - c2) for b in unusual if b["StartTime"] == c2]
ends = {e["body"]["CommId"].split("_")[1]: e["body"]["EndTime"] for e in log if e["action"] == "DescribeUserInfo"}
print(first, [b["EndTime"] <= e["t"] + 1 for e in log for b in [e["body"]] if e["action"] != "DescribeRoomInfo"].count(False),
      ends["6003"] >= old, sorted(b["RoomId"] for b in (e["body"] for e in log) if "RoomId" in b and b["RoomId"] in ("", "6001"))[:1])
EOF
is "$(cat "$tmp/check")" "[(0, 3599), (0, 1799)] 0 True ['']" \
  "the 20-result hour was cut in two and only its first half asked (refused); no request past now (DestroyTime 0 or in the future); the old call asked within the 14 days; the call without a room asked with RoomId \"\""
is "$(q b.db "SELECT count(*) FROM trtc_fetched WHERE api = 'DescribeUnusualEvent' AND comm_id LIKE '%\_6002\_%' ESCAPE '\\' AND slot = $((base + 1200))")" 0 \
  "the slot whose half was refused is not recorded as fetched"
is "$(q b.db "SELECT count(*) FROM trtc_event_log WHERE user_id = 'q1'")" 4 "the user with a UserId still has their events"

fetch c.db --sdk-app-id 1400000007 --room absent
is "$rc" 0 "a RoomList that is absent: no calls, exit 0"
has 'no calls found for SdkAppId 1400000007 between .* in room absent$' "... said"
fetch c.db --sdk-app-id 1400000007
is "$rc" 1 "a RoomList that is not a list: exit 1"
has 'page 0: DescribeRoomInfo: the response has no RoomList array \(RequestId ' "... named"

PAGE= fetch d.db --sdk-app-id 1400000009
is "$rc" 1 "70 calls, their users refused: exit 1"
grep -q ': 70 call(s), 0 user(s)' "$tmp/out"
report $? "all 70 calls are listed and loaded (more than the first allocation of 64)"
has '^trtc fetch: 70 call\(s\) not fetched, or not completely$' "... and all 70 named as not fetched"
is "$(q d.db "SELECT count(*) FROM trtc_calls")" 70 "trtc_calls holds the 70"

# ---- 4. Refused halfway -----------------------------------------------------------
fetch e.db --sdk-app-id 1400000010 --room 10a
is "$rc" 1 "a user's events refused: exit 1"
has 'stopped: the service refused the credentials \(DescribeUserEvent\): UnauthorizedOperation.NoPermission: No permission for DescribeUserEvent.' \
  "... it stops, naming the action"
is "$(grep -c '"UserId"' "$tmp/run.log")/$(grep -c DescribeUnusualEvent "$tmp/run.log")" "1/0" \
  "nothing asked after: not the second user, not the unusual events"
fetch f.db --sdk-app-id 1400000010 --room 10b --user nobody
is "$rc" 1 "a room's unusual events refused: exit 1"
has 'stopped: the service refused the credentials \(DescribeUnusualEvent\): AuthFailure.UnauthorizedOperation: not this room.' \
  "... it stops, naming the action"
is "$(grep -c DescribeUnusualEvent "$tmp/run.log")" 1 "... after the first of its two hour slots"
grep -q 'user nobody' "$tmp/err"
is "$?" 1 "a stopped fetch does not go on to check the --user names"

# ---- 5. A database that refuses a write -------------------------------------------
# An empty database with the schema: fetched from a room without calls.
fetch empty.db --sdk-app-id 1400000007 --room absent
# refusing NAME SQL: a copy of the empty database with SQL run in it.
refusing() {
  cp "$tmp/empty.db" "$tmp/$1"
  "$SQLITE3" -batch "$tmp/$1" "$2"
}
refusing t1.db "CREATE TRIGGER no_calls BEFORE INSERT ON trtc_calls BEGIN SELECT RAISE(ABORT, 'calls refused'); END;"
fetch t1.db --sdk-app-id 1400000011
is "$rc" 2 "trtc_calls refuses: exit 2"
has 't1.db: database error: calls refused$' "... the database error named"
is "$(grep -c DescribeUserInfo "$tmp/run.log")/$(q t1.db "SELECT count(*) FROM trtc_calls")" "0/0" \
  "... nothing asked after, nothing stored"

refusing t2.db "CREATE TRIGGER no_users BEFORE INSERT ON trtc_users BEGIN SELECT RAISE(ABORT, 'users refused'); END;"
fetch t2.db --sdk-app-id 1400000011
is "$rc:$(grep -c 't2.db: database error: users refused$' "$tmp/err"):$(grep -c DescribeUserEvent "$tmp/run.log")" "2:1:0" \
  "trtc_users refuses: exit 2, named, no user's events asked for"

refusing t3.db "CREATE TRIGGER no_update BEFORE UPDATE ON trtc_calls BEGIN SELECT RAISE(ABORT, 'update refused'); END;"
fetch t3.db --sdk-app-id 1400000002
is "$rc:$(grep -c 't3.db: database error: update refused$' "$tmp/err")" "2:1" \
  "marking a finished call's users complete refused: exit 2, named"

refusing t4.db "CREATE TRIGGER no_fetched BEFORE INSERT ON trtc_fetched BEGIN SELECT RAISE(ROLLBACK, 'fetched refused'); END;"
fetch t4.db --sdk-app-id 1400000011 --user v2
is "$rc:$(grep -c 't4.db: database error: fetched refused$' "$tmp/err")" "2:1" \
  "trtc_fetched refuses (rolling the transaction back): exit 2, named"
is "$(q t4.db "SELECT count(*) FROM trtc_responses")/$(q t4.db "SELECT count(*) FROM trtc_event_log")" "0/0" \
  "... the user's response is not kept without its record"

# Refused replacements: a first run, then a trigger, then the same again.
fetch t6.db --sdk-app-id 1400000011 --user v1
is "$rc" 0 "a user still in the call, fetched"
"$SQLITE3" -batch "$tmp/t6.db" "CREATE TRIGGER no_delete BEFORE DELETE ON trtc_event_log BEGIN SELECT RAISE(ABORT, 'delete refused'); END;"
old=$(q t6.db "SELECT group_concat(response_id) FROM trtc_responses WHERE user_id = 'v1'")/$(q t6.db "SELECT count(*) FROM trtc_event_log WHERE user_id = 'v1'")
fetch t6.db --sdk-app-id 1400000011 --user v1
is "$rc:$(grep -c 't6.db: database error: delete refused$' "$tmp/err")" "2:1" \
  "replacing that user's older events refused: exit 2, named"
is "$(q t6.db "SELECT group_concat(response_id) FROM trtc_responses WHERE user_id = 'v1'")/$(q t6.db "SELECT count(*) FROM trtc_event_log WHERE user_id = 'v1'")" "$old" \
  "... the older response and its events stay, the newer one (2 more events) is not added"
"$SQLITE3" -batch "$tmp/t6.db" "DROP TRIGGER no_delete; CREATE TRIGGER no_forget BEFORE DELETE ON trtc_fetched BEGIN SELECT RAISE(ABORT, 'forget refused'); END;"
fetch t6.db --sdk-app-id 1400000011 --user v2
is "$rc:$(grep -c 't6.db: database error: forget refused$' "$tmp/err")" "2:1" \
  "forgetting what was fetched for an hour slot asked again, to replace it, refused: exit 2, named"

# ---- 6. Refused before asking -----------------------------------------------------
env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY ${TRTC_RUN-} "$trtc" fetch --user a,b \
  --sdk-app-id 1 --start "$base" --end "$now" "$tmp/n.db" >"$tmp/out" 2>"$tmp/err"
rc=$?
is "$rc:$(test -e "$tmp/n.db" && echo created)" "2:" "--user without credentials: exit 2, no database"
has 'set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY' "... asking for them"
# refused OPTION WANT: exit 2, WANT on stderr, no database.
refused() {
  rm -f "$tmp/n.db"
  TENCENTCLOUD_SECRET_ID=$ID TENCENTCLOUD_SECRET_KEY=$KEY ${TRTC_RUN-} "$trtc" fetch \
    --sdk-app-id 1 --start "$base" --end "$now" "$1" "$tmp/n.db" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  is "$rc:$(grep -c -- "$2" "$tmp/err"):$(test -e "$tmp/n.db" && echo created)" "2:1:" "$1: refused (exit 2, $2)"
}
refused --sdk-app-id=+5 "not an application id"
refused --endpoint=https://@trtc.tencentcloudapi.com/ "give the scheme, the host and at most a port"
refused --endpoint=https://:pw@trtc.tencentcloudapi.com/ "give the scheme, the host and at most a port"

grep -q Traceback "$tmp/mock.err"
is "$?" 1 "the mock answered every request without an error of its own"
