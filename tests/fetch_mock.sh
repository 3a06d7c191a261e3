#!/bin/sh
# tests/fetch_mock.sh: "trtc fetch" against tests/mock_tencent.py, a mock of
# TRTC's monitoring API on 127.0.0.1 that recomputes every request's
# signature with a test key, checks every field, window, page size and the
# rate, and serves canned pages (several pages of rooms, short last pages,
# a window of exactly 20 unusual events, one of 28, throttling, a dropped
# connection, an HTTP 503, a failing user, an unfinished call). Asserts the
# database afterwards (rows, context, nothing twice after a re-run), the
# requests as the mock logged them (none over the limits, none with a bad
# signature, under 20 a second), what a re-run asks for, an auth failure,
# a network that is down, and that the credentials appear nowhere.
# Nothing leaves the machine. The command runs through $TRTC_RUN.
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"
. "$TRTC_SRCDIR/tests/lib/skip.sh"
py=${PYTHON3:-/usr/bin/python3}
[ -n "$py" ] && [ -x "$py" ] || skip_all "python3 not found (apt-get install python3)"
trtc=$TRTC_BUILDDIR/trtc
: >"$tmp/pids"
trap 'for p in $(cat "$tmp/pids" 2>/dev/null); do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT

echo "1..80"

now=$(date +%s)
base=$((now - 26 * 3600))
ID=AKIDmockTestId0000000000000000000001
KEY=mockTestKey-7d3f0a9c51e2b8
TOKEN=mockSessionToken-c0ffee-5150

# The mock: port in $port, log in $tmp/mock.log, data set in $tmp/expect.json.
"$py" "$src/tests/mock_tencent.py" --port-file "$tmp/port" --log "$tmp/mock.log" \
  --expect "$tmp/expect.json" --secret-id "$ID" --secret-key "$KEY" --token "$TOKEN" \
  --base "$base" --now "$now" --faults 'throttle=4,11;drop=7;http503=16;http502json=20;http429json=24' &
echo $! >>"$tmp/pids"
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$tmp/port" 2>/dev/null)
[ -n "$port" ] || { echo "Bail out! the mock did not start"; exit 1; }

# fetch DB ARGS...: trtc fetch against the mock; output in $tmp/out and
# $tmp/err, exit status in $rc; the mock's log lines of this run in $tmp/run.log.
fetch() {
  db=$1
  shift
  before=$(wc -l <"$tmp/mock.log")
  # shellcheck disable=SC2086
  TENCENTCLOUD_SECRET_ID=$ID TENCENTCLOUD_SECRET_KEY=${KEY_OVERRIDE:-$KEY} \
    TENCENTCLOUD_SESSION_TOKEN=$TOKEN TRTC_FETCH_TEST_PAGE_SIZE=3 TRTC_FETCH_TEST_BACKOFF_MS=10 \
    ${TRTC_RUN-} "$trtc" fetch --quiet --endpoint "http://127.0.0.1:$port/" \
    --start "$base" --end "$now" "$@" "$tmp/$db" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  tail -n +$((before + 1)) "$tmp/mock.log" >"$tmp/run.log"
  cat "$tmp/out" "$tmp/err" >>"$tmp/all-output"
}
q() { "$SQLITE3" -batch "$tmp/$1" "$2"; }
# analyse WHAT: a Python check of $tmp/run.log (and $tmp/expect.json) that
# prints "ok" or what is wrong.
analyse() {
  "$py" - "$tmp/run.log" "$tmp/expect.json" "$@"
}

# ---- 1. The first run: ten calls --------------------------------------------
fetch a.db --sdk-app-id 1400000001
is "$rc" 0 "first run: exit 0"
responses=$(q a.db "SELECT count(*) FROM trtc_responses")
grep -q ": 10 call(s), 15 user(s); $responses new response(s), 60 event row(s), 86 abnormal-event row(s); " "$tmp/out"
report $? "the summary counts calls, users, responses ($responses) and rows"
is "$(cat "$tmp/err")" "" "nothing on stderr (no warning about empty windows or equal empty responses)"

want=$("$py" -c 'import json,sys; e=json.load(open(sys.argv[1]))["1400000001"]["calls"]; print("\n".join(sorted(e)))' "$tmp/expect.json")
is "$(q a.db "SELECT comm_id FROM trtc_calls ORDER BY 1")" "$want" "every call of the mock is in trtc_calls (3 + 3 + 1 rooms, and 3 + 0 in two day windows)"
want=$("$py" -c 'import json,sys; e=json.load(open(sys.argv[1]))["1400000001"]["calls"]; print("\n".join(sorted("%s|%s" % (k, u) for k, c in e.items() for u in c["users"])))' "$tmp/expect.json")
is "$(q a.db "SELECT DISTINCT comm_id || '|' || user_id FROM trtc_users ORDER BY 1")" "$want" "every user of every call is in trtc_users (pages of 3, windows of 4 h)"
is "$(q a.db "SELECT count(*) FROM trtc_users WHERE device_type IS NULL OR sdk_version IS NULL OR client_ip IS NULL OR join_ts = 0 OR room_id IS NULL")" 0 "trtc_users has the console's columns filled"
is "$(q a.db "SELECT group_concat(user_id || ':' || finished, ' ') FROM trtc_users WHERE comm_id LIKE '%\_1010\_%' ESCAPE '\\' ORDER BY user_id")" "nina:0 oscar:1" "a user still in the call is not finished"

# Responses and their context.
is "$(q a.db "SELECT count(*) FROM trtc_responses WHERE api = 'DescribeUserEvent'")" 15 "one DescribeUserEvent response per user"
is "$(q a.db "SELECT count(*) FROM trtc_responses AS r JOIN trtc_calls AS c USING (comm_id)
              WHERE r.api = 'DescribeUserEvent' AND r.sdk_app_id = 1400000001 AND r.room_id = c.room_id
                AND EXISTS (SELECT 1 FROM trtc_users AS u WHERE u.comm_id = r.comm_id AND u.user_id = r.user_id)")" 15 \
  "each has its context from the request: SdkAppId, CommId, the call's RoomId, UserId"
is "$(q a.db "SELECT count(*) FROM trtc_event_log AS l JOIN trtc_responses AS r USING (response_id)
              WHERE l.sdk_app_id IS r.sdk_app_id AND l.comm_id IS r.comm_id AND l.room_id IS r.room_id AND l.user_id IS r.user_id
                AND l.user_id IS NOT NULL AND l.comm_id IS NOT NULL")" 60 "60 event rows (4 a user), each with its user, room and call"
is "$(q a.db "SELECT count(*) FROM trtc_responses AS r JOIN trtc_calls AS c USING (comm_id)
              WHERE r.api = 'DescribeUnusualEvent' AND (r.sdk_app_id IS NOT 1400000001 OR r.room_id IS NOT c.room_id OR r.user_id IS NOT NULL)")" 0 \
  "each DescribeUnusualEvent response has its SdkAppId, CommId and RoomId"
want=$("$py" -c 'import json,sys; e=json.load(open(sys.argv[1]))["1400000001"]["calls"]; print("\n".join("%s|%d" % (k, c["unusual_rows"]) for k, c in sorted(e.items()) if c["unusual_rows"]))' "$tmp/expect.json")
is "$(q a.db "SELECT comm_id || '|' || count(*) FROM trtc_unusual_log GROUP BY comm_id ORDER BY comm_id")" "$want" \
  "every abnormal event of every call, under its call (86 rows)"
is "$(q a.db "SELECT count(*) FROM (SELECT 1 FROM trtc_unusual_log GROUP BY room_id, user_id, event_time, experience_id, abnormal_event_id, peer_id HAVING count(*) > 1)")" 0 \
  "no abnormal event twice"
is "$(q a.db "SELECT max(json_array_length(body, '\$.Response.AbnormalExperienceList')) < 20 FROM trtc_responses WHERE api = 'DescribeUnusualEvent'")" 1 \
  "no stored window is at the 20-result cap: the windows of 20 and 28 were split"
is "$(q a.db "SELECT count(*) FROM trtc_fetched WHERE NOT complete")" 2 "only the unfinished call's user and window are not final"
is "$(q a.db "SELECT group_concat(comm_id) FROM trtc_calls WHERE NOT complete")" "1400000001_1010_$((now - 1800))" "every call but the unfinished one is complete"

# The requests, as the mock saw them.
analyse <<'EOF' >"$tmp/check"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
bad = [(e["seq"], e["problems"]) for e in log if e["problems"]]
print("problems: %s" % bad if bad else "ok")
EOF
is "$(cat "$tmp/check")" ok "the mock found no fault in any request (fields, types, windows, page sizes, version, region, rate)"
analyse <<'EOF' >"$tmp/check"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
bad = [e["seq"] for e in log if not e["sig_ok"]]
print("bad signatures: %s" % bad if bad else "ok %d" % len(log))
EOF
case $(cat "$tmp/check") in ok\ 5[0-9]) report 0 "every request's signature checks out, recomputed by the mock ($(cat "$tmp/check"))" ;;
  *) report 1 "every request's signature checks out: $(cat "$tmp/check")" ;; esac
analyse <<'EOF' >"$tmp/check"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
t = sorted(e["t"] for e in log)
worst = max(sum(1 for u in t if s <= u < s + 1.0) for s in t)
print("ok" if worst < 20 else "%d requests within one second" % worst)
EOF
is "$(cat "$tmp/check")" ok "never 20 requests within one second"
# Independently of the mock's own checks: no window over its limit.
analyse <<'EOF' >"$tmp/check"
import json, sys
limit = {"DescribeRoomInfo": 86400, "DescribeUserInfo": 14400, "DescribeUnusualEvent": 3600}
log = [json.loads(l) for l in open(sys.argv[1])]
bad = [e["seq"] for e in log if e["action"] in limit and
       not 0 <= e["body"]["EndTime"] - e["body"]["StartTime"] <= limit[e["action"]]]
bad += [e["seq"] for e in log if "PageSize" in e.get("body", {}) and not 1 <= e["body"]["PageSize"] <= 100]
print("over the limits: %s" % bad if bad else "ok")
EOF
is "$(cat "$tmp/check")" ok "no window longer than 24 h / 4 h / 1 h, no page larger than 100"
analyse <<'EOF' >"$tmp/check"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
out = []
for i, e in enumerate(log):
    if e["outcome"] in ("RequestLimitExceeded", "dropped", "http503", "http502json", "http429json"):
        nxt = log[i + 1] if i + 1 < len(log) else None
        same = nxt is not None and nxt.get("body") == e.get("body") and nxt["action"] == e["action"]
        out.append("%s:%s" % (e["outcome"], "retried" if same and nxt["outcome"] == "ok" else "LOST"))
print(" ".join(out))
EOF
is "$(cat "$tmp/check")" "RequestLimitExceeded:retried dropped:retried RequestLimitExceeded:retried http503:retried http502json:retried http429json:retried" \
  "throttling, a dropped connection, an HTTP 503 page, HTTP 502 and 429 without Error were each retried, and succeeded"
analyse <<'EOF' >"$tmp/check"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
unusual = [e for e in log if e["action"] == "DescribeUnusualEvent" and e["outcome"] == "ok"]
asked = {(e["body"]["RoomId"], e["body"]["StartTime"], e["body"]["EndTime"]) for e in unusual}
out = []
for e in unusual:
    if e.get("results") == 20:
        b = e["body"]
        mid = b["StartTime"] + (b["EndTime"] - b["StartTime"]) // 2
        halves = (b["RoomId"], b["StartTime"], mid) in asked and (b["RoomId"], mid + 1, b["EndTime"]) in asked
        out.append("%s:%s" % (b["RoomId"], "split" if halves else "NOT SPLIT"))
print(" ".join(sorted(out)))
EOF
is "$(cat "$tmp/check")" "1002:split 1002:split" "the windows that returned 20 (exactly 20, and 28) were asked again in halves"
analyse <<'EOF' >"$tmp/check"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
pages = {}
for e in log:
    if e["action"] == "DescribeRoomInfo" and e["outcome"] == "ok":
        pages.setdefault(e["body"]["StartTime"], []).append(e["body"]["PageNumber"])
print(" ".join(",".join(map(str, sorted(set(p)))) for _, p in sorted(pages.items())))
EOF
is "$(cat "$tmp/check")" "0,1,2 0,1" "rooms: pages 0-2 of the first day (3, 3, 1), 0-1 of the second (3, then an empty page)"

# ---- 2. The same range again ----------------------------------------------------
fetch a.db --sdk-app-id 1400000001
is "$rc" 0 "second run: exit 0"
analyse "1400000001_1010_$((now - 1800))" <<'EOF' >"$tmp/check"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
comm = sys.argv[3]
other = [e["seq"] for e in log if e["action"] != "DescribeRoomInfo" and
         e["body"].get("CommId", comm) != comm and e["body"].get("RoomId") != "1010"]
kinds = sorted("%s%s" % (e["action"], ":" + e["body"]["UserId"] if "UserId" in e["body"] else "")
               for e in log if e["action"] != "DescribeRoomInfo")
print("asked about other calls: %s" % other if other else " ".join(kinds))
EOF
is "$(cat "$tmp/check")" "DescribeUnusualEvent DescribeUserEvent:nina DescribeUserInfo" \
  "a re-run asks again only about the unfinished call: its users, the user still in it, its window"
is "$(q a.db "SELECT count(*) FROM trtc_responses")" "$responses" "a re-run adds no response (the refetched ones replace theirs)"
grep -q "; 1 new response(s) (replacing 1 older one(s))" "$tmp/out"
report $? "its summary: the unfinished user's new response replaced the older one"
is "$(q a.db "SELECT count(*) FROM trtc_event_log")" 62 "event rows: 60, with the unfinished user's 4 replaced by 6"
is "$(q a.db "SELECT count(*) || ' ' || sum(user_id = 'nina') FROM trtc_responses WHERE api = 'DescribeUserEvent' AND comm_id LIKE '%\_1010\_%' ESCAPE '\\'")" "2 1" \
  "the unfinished user has one DescribeUserEvent response, the latest"
is "$(q a.db "SELECT count(*) FROM trtc_unusual_log")" 86 "abnormal-event rows: still 86"
is "$(q a.db "SELECT count(*) FROM (SELECT 1 FROM trtc_event_log GROUP BY comm_id, user_id, peer_id, time_ms, event_id HAVING count(*) > 1)")" 0 \
  "no event twice after the re-run"

# ---- 3. One user fails; the others are kept; a re-run asks for that user only --
fetch b.db --sdk-app-id 1400000002
is "$rc" 1 "a failed user: exit 1"
grep -q 'user bad: DescribeUserEvent failed: FailedOperation.QueryFailed: The query failed, try again later. (RequestId ' "$tmp/err"
report $? "the failure names the call, the user, Code, Message and RequestId"
is "$(q b.db "SELECT group_concat(DISTINCT user_id) FROM (SELECT user_id FROM trtc_event_log ORDER BY 1)")" "ok1,ok2" "the other users' events are stored"
fetch b.db --sdk-app-id 1400000002
is "$rc" 0 "the re-run: exit 0"
analyse <<'EOF' >"$tmp/check"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
print(" ".join(e["body"]["UserId"] for e in log if e["action"] == "DescribeUserEvent"))
EOF
is "$(cat "$tmp/check")" "bad" "the re-run asks for the missing user only"
is "$(q b.db "SELECT count(*) || ' ' || count(DISTINCT user_id) FROM trtc_event_log")" "12 3" \
  "all three users' events, once each"
is "$(q b.db "SELECT complete FROM trtc_calls")" 1 "the call is complete after the re-run"
before_again=$(q b.db "SELECT count(*) FROM trtc_responses")
fetch b.db --sdk-app-id 1400000002 --again
is "$rc/$(grep -c DescribeUserEvent "$tmp/run.log")" "0/3" "--again asks again for every user of a complete call"
is "$(q b.db "SELECT count(*) FROM trtc_responses")/$(q b.db "SELECT count(*) FROM trtc_event_log")" "$before_again/12" \
  "... and what it gets replaces what was there: nothing doubled"

# ---- 4. 21 unusual events within one second: the cap cannot be split away -----
fetch c.db --sdk-app-id 1400000003
is "$rc" 1 "a window still at the cap after splitting to one second: exit 1"
grep -q '20 results within one second, the API.s cap: some may be missing' "$tmp/err"
report $? "... with a warning that some may be missing"
is "$(q c.db "SELECT count(*) FROM trtc_fetched WHERE capped AND start_time = end_time AND start_time = $((base + 700))")" 1 \
  "the capped one-second window is marked capped in trtc_fetched"

# ---- 4b. An odd service: what cannot be read is named, the rest is kept -------
fetch h.db --sdk-app-id 1400000004
is "$rc" 1 "answers that cannot be read: exit 1"
grep -q 'page [0-9]*: 1 room(s) without a CommId or CreateTime skipped (RequestId ' "$tmp/err"
report $? "a room without CommId is named and skipped"
grep -q 'users, page 1: DescribeUserInfo sent the previous page again; stopped paging' "$tmp/err"
report $? "a user list that ignores PageNumber stops paging, said"
grep -q 'user u1: DescribeUserEvent failed: not a JSON response (HTTP 200, 17 bytes)' "$tmp/err"
report $? "a response that is not JSON is named"
grep -q 'user u2: DescribeUserEvent failed: the response has no "Response" object' "$tmp/err"
report $? "a response without a Response object is named"
grep -q 'unusual events .*: the response has no AbnormalExperienceList array (RequestId ' "$tmp/err"
report $? "unusual events that are not a list are named"
grep -q 'UserId=u4 StartTime=[0-9]* EndTime=[0-9]*: DescribeUserEvent was not stored: ' "$tmp/err"
report $? "a response the store refuses (Data not a list) is named"
grep -q "user u5: DescribeUserEvent failed: HTTP status 400 (RequestId [0-9a-f-]*)" "$tmp/err"
report $? "an HTTP 400 without an Error is named with its status and RequestId"
grep -q "unusual events .*: DescribeUnusualEvent failed: InvalidParameter.RoomId: RoomId is not valid. (RequestId " "$tmp/err"
report $? "refused unusual events of another call are named"
grep -q "user u7: DescribeUserEvent failed: RequestLimitExceeded.UinLimitExceeded: Too many requests for SecretId \*\*\*\*\*\*\*\**. (RequestId .*) (gave up after 6 attempts)" "$tmp/err"
report $? "a request throttled every time: given up after 6 attempts, the SecretId in the service's message masked"
is "$(grep -c '"UserId": "u7"' "$tmp/run.log")" 6 "... asked 6 times"
grep -q "user u8: DescribeUserEvent failed: (no Code): (no Message) (RequestId none)" "$tmp/err"
report $? "an Error without Code, Message or RequestId is still named as an error"
grep -c "without a UserId" "$tmp/err" >"$tmp/count"
is "$(cat "$tmp/count")" 0 "a null user list is an empty one"
grep -q "warning: trtc fetch DescribeUserEvent CommId=1400000004_4001_[0-9]* UserId=u6 .*no event has PeerId \"u6\"" "$tmp/err" &&
  grep -q "UserId=u9 .*no events in it (Data is empty)" "$tmp/err" &&
  grep -q "^trtc fetch: 2 warning(s) above" "$tmp/err"
report $? "the store's warnings about a user without events of their own, or without events, are shown and counted"
grep -q "call 1400000004_4004_[0-9]*: created more than 14 days ago; only its last 14 days can be fetched" "$tmp/err"
report $? "a call older than 14 days: said, and only its last 14 days asked for"
is "$(q h.db "SELECT (SELECT group_concat(room_id) FROM (SELECT room_id FROM trtc_calls ORDER BY 1)) || ' ' || (SELECT group_concat(DISTINCT user_id) FROM (SELECT user_id FROM trtc_event_log ORDER BY 1)) || ' ' || (SELECT count(*) FROM trtc_users) || ' ' || (SELECT sum(complete) FROM trtc_calls)")" "4001,4003,4004 old1,u3,u6 10 0" \
  "the readable rest is stored (the calls, their 10 users, the events of old1, u3, u6); no call is complete"

# ---- 4c. Refused halfway: the fetch stops, the calls left are named ------------
fetch i.db --sdk-app-id 1400000005
is "$rc" 1 "UnauthorizedOperation (CAM) on the first call's users: exit 1"
grep -q 'stopped: the service refused the credentials (DescribeUserInfo): UnauthorizedOperation: CAM authorization failed. (RequestId ' "$tmp/err" &&
  grep -q '^trtc fetch: 2 call(s) not fetched, or not completely$' "$tmp/err"
report $? "it stops there and says how many calls were not fetched"
is "$(grep -c DescribeUserInfo "$tmp/run.log")" 1 "... after one refused request, not one per call"

# ---- 4d. A room id that needs escaping; an --end in the future; no calls ------
fetch j.db --sdk-app-id 1400000002 --room 'r"o\om'"$(printf '\001')" --end $((now + 3600))
is "$rc" 0 "no calls in that room: exit 0"
grep -q "^trtc fetch: no calls found for SdkAppId 1400000002 between .* in room r\"o\\\\om" "$tmp/err"
report $? "... said on stderr"
analyse <<'EOF' >"$tmp/check"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
print(" ".join(sorted({repr(e["body"]["RoomId"]) for e in log})), all(e["body"]["EndTime"] <= e["t"] + 1 for e in log))
EOF
is "$(cat "$tmp/check")" "'r\"o\\\\om\\x01' True" "the room id reaches the service intact (JSON-escaped); an --end in the future asks up to now"

# ---- 4e. Test page sizes out of range are ignored; no calls, no room -----------
for v in abc 0 101; do
  TRTC_FETCH_TEST_PAGE_SIZE=$v TENCENTCLOUD_SECRET_ID=$ID TENCENTCLOUD_SECRET_KEY=$KEY \
    TENCENTCLOUD_SESSION_TOKEN=$TOKEN ${TRTC_RUN-} "$trtc" fetch -q --endpoint "http://127.0.0.1:$port/" \
    --sdk-app-id 1400000003 --start $((now - 3600)) --end "$now" "$tmp/l.db" >"$tmp/out" 2>"$tmp/err"
  printf '%s:' "$?"
  grep -c "^trtc fetch: no calls found for SdkAppId 1400000003 between .* UTC$" "$tmp/err"
done >"$tmp/check"
tail -n 3 "$tmp/mock.log" | grep -c '"PageSize": 100' >>"$tmp/check"
is "$(tr '\n' ' ' <"$tmp/check")" "0:1 0:1 0:1 3 " "TRTC_FETCH_TEST_PAGE_SIZE abc, 0, 101: pages of 100; no calls: said, exit 0"

# ---- 5. Filters: one room, some users -----------------------------------------------
fetch d.db --sdk-app-id 1400000001 --room 1002 --user erin --user ,ghost,,dave,
is "$rc" 1 "--room, --user with an unknown user: exit 1"
grep -q 'user ghost: in none of the calls found' "$tmp/err"
report $? "the unknown user is named"
is "$(q d.db "SELECT (SELECT group_concat(room_id) FROM trtc_calls) || ' ' || (SELECT group_concat(DISTINCT user_id) FROM (SELECT user_id FROM trtc_event_log ORDER BY 1))")" "1002 dave,erin" \
  "only room 1002 and the users asked for"

# ---- 6. Credentials refused ---------------------------------------------------------
KEY_OVERRIDE=notTheKey-0000000000 fetch e.db --sdk-app-id 1400000001
is "$rc" 1 "a wrong key: exit 1"
rid=$("$py" -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["request_id"])' "$tmp/run.log")
grep -q "stopped: the service refused the credentials (DescribeRoomInfo): AuthFailure.SignatureFailure: The provided credentials could not be validated. Please check your signature is correct. (RequestId $rid)" "$tmp/err"
report $? "it stops with Code, Message and RequestId"
is "$(wc -l <"$tmp/run.log" | tr -d ' ')/$(q e.db "SELECT count(*) FROM trtc_responses")" "1/0" "after one request, nothing stored, nothing retried"
grep -q notTheKey "$tmp/out" "$tmp/err"
is $? 1 "the wrong key is not shown either"

# A clock 10 minutes off: the signature has expired when it arrives.
"$py" "$src/tests/mock_tencent.py" --port-file "$tmp/port2" --log "$tmp/skew.log" \
  --secret-id "$ID" --secret-key "$KEY" --base "$base" --now "$now" --clock-skew 600 &
echo $! >>"$tmp/pids"
i=0
while [ ! -s "$tmp/port2" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
TENCENTCLOUD_SECRET_ID=$ID TENCENTCLOUD_SECRET_KEY=$KEY ${TRTC_RUN-} "$trtc" fetch --quiet \
  --endpoint "http://127.0.0.1:$(cat "$tmp/port2")/" --sdk-app-id 1400000001 --start "$base" --end "$now" \
  "$tmp/k.db" >"$tmp/out" 2>"$tmp/err"
rc=$?
cat "$tmp/out" "$tmp/err" >>"$tmp/all-output"
grep -q "AuthFailure.SignatureExpire: The signature expired. (RequestId .*); the signature carries this machine's time: is its clock right?" "$tmp/err"
is "$rc:$?" "1:0" "an expired signature: exit 1, asking whether the clock is right"

# ---- 7. The network is down -----------------------------------------------------------
closed=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
TENCENTCLOUD_SECRET_ID=$ID TENCENTCLOUD_SECRET_KEY=$KEY TRTC_FETCH_TEST_BACKOFF_MS=5 \
  ${TRTC_RUN-} "$trtc" fetch --quiet --endpoint "http://127.0.0.1:$closed/" --sdk-app-id 1400000001 \
  --start "$base" --end "$now" "$tmp/f.db" >"$tmp/out" 2>"$tmp/err"
rc=$?
cat "$tmp/out" "$tmp/err" >>"$tmp/all-output"
is "$rc" 1 "nothing listening: exit 1"
grep -q "stopped: DescribeRoomInfo: network: .*(gave up after 6 attempts)" "$tmp/err"
report $? "it stops after 6 attempts, saying why"

# ---- 8. Progress on a terminal ----------------------------------------------------------
if command -v script >/dev/null 2>&1; then
  TENCENTCLOUD_SECRET_ID=$ID TENCENTCLOUD_SECRET_KEY=$KEY TENCENTCLOUD_SESSION_TOKEN=$TOKEN \
    script -qec "${TRTC_RUN-} '$trtc' fetch --endpoint http://127.0.0.1:$port/ --sdk-app-id 1400000002 --start $base --end $now '$tmp/g.db'" /dev/null \
    >"$tmp/tty" 2>&1
  cat "$tmp/tty" >>"$tmp/all-output"
  grep -q 'call 1/1, 3 user(s), [0-9]* request(s), [0-9.]*/s' "$tmp/tty"
  report $? "on a terminal, a progress line: calls, users, requests, rate"
else
  report 1 "on a terminal, a progress line (script(1) from bsdutils is missing)"
fi

# ---- 9. The credentials appear nowhere ----------------------------------------------------
for x in "secret key:$KEY" "session token:$TOKEN" "secret id:$ID"; do
  cat "$tmp/all-output" "$tmp"/*.db* | grep -c -a -F -- "${x#*:}" >"$tmp/count"
  is "$(cat "$tmp/count")" 0 "the ${x%%:*} is in no output and in no database file's bytes"
done
