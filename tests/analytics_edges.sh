#!/bin/sh
# tests/analytics_edges.sh: the analytics views on the edge cases of the
# fixture tests/fixtures/edges/ (its manifest says what it holds): events
# of one millisecond listed out of a stay's order, a failed exit followed
# by an exit, a call loaded without its room (the comm_id names it), and
# abnormal experiences loaded without SdkAppId. Each answer is worked out
# by hand from the spec's texts (5001 Started entering room, 5003 0/1
# Failed to enter room / Entered room successfully, 5008 0/1 Failed to exit
# room / Exited room successfully), not read from the project's tables.
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"
db=$tmp/edges.db
call=1400000002_7777_1710000000
q() { "$sqlite" -batch -cmd ".load $TRTC_MODULE" "$db" "$1"; }

echo "1..17"

${TRTC_RUN-} "$TRTC_BUILDDIR/trtc" ingest --quiet "$db" "$src/tests/fixtures/edges" >"$tmp/log" 2>&1
is "$?:$(cat "$tmp/log")" "0:" "the fixture loads, nothing to warn about"

# ---- One millisecond, listed out of order -----------------------------------------
is "$(q "SELECT group_concat(attempt || ':' || started_ms || ':' || outcome_ms || ':' || succeeded || ':' || entry_ms
                              || ':' || since_first_ms, ' ')
           FROM trtc_room_entry WHERE user_id = 'ned'")" \
  "1:1710000001000:1710000001000:0:0:0 2:1710000005000:1710000005600:1:600:4600" \
  "a failure listed before its start in the same millisecond: one attempt failed at once, then one that entered (not three)"
is "$(q "SELECT group_concat(attempt || ':' || started_ms || ':' || outcome, ' ') FROM trtc_room_entry WHERE user_id = 'ivy'")" \
  "1:1710000002000:Entered room successfully" \
  "an entry listed before its start in the same millisecond: one attempt, entered"
is "$(q "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM trtc_room_events WHERE user_id = 'ned'
                                              ORDER BY time_ms, CASE kind WHEN 'start' THEN 0 WHEN 'exited' THEN 2 ELSE 1 END)")" \
  "start failed start entered exited exited" "trtc_room_events: the kinds of ned's room events"

is "$(q "SELECT group_concat(attempt || ':' || (started_ms % 100000) || ':' || (outcome_ms % 100000) || ':' || succeeded, ' ')
           FROM trtc_room_entry WHERE user_id = 'kai'")" \
  "1:1000:1000:1 2:4000:4000:0 3:4000:4000:1" \
  "an exit, a failed attempt and an entry in one millisecond, listed in that order: taken in that order (three attempts)"
is "$(q "SELECT group_concat(stay || ':' || (entered_ms % 100000) || ':' || (exited_ms % 100000), ' ') FROM trtc_presence WHERE user_id = 'kai'")" \
  "1:1000:4000 2:4000:9000" "... two stays, the second from the entry in that millisecond to the last exit"

# ---- A failed exit, then an exit ------------------------------------------------------
is "$(q "SELECT group_concat(stay || ':' || entered_ms || ':' || exited_ms || ':' || exit || ':' || duration_ms, ' ')
           FROM trtc_presence WHERE user_id = 'ned'")" \
  "1:1710000005600:1710000010500:Exited room successfully:4900" \
  "Failed to exit room, then Exited room successfully: the stay ends at the exit that succeeded"
is "$(q "SELECT group_concat(param1 || ':' || repeated, ' ') FROM trtc_room_events WHERE user_id = 'ned' AND event_id = 5008")" \
  "0:1 1:0" "... the failed exit is the one skipped (repeated)"
is "$(q "SELECT group_concat(stay || ':' || entered_ms || ':' || exited_ms || ':' || duration_ms, ' ')
           FROM trtc_presence WHERE user_id = 'ivy'")" \
  "1:1710000002000:1710000010000:8000" "ivy's stay: from the entry listed first to the exit"

# ---- Experiences without SdkAppId, a call without its room -----------------------------
is "$(q "SELECT group_concat(user_id || ':' || abnormal_event_id || ':' || call || ':' || call_by, ' ')
           FROM (SELECT * FROM trtc_call_abnormal ORDER BY user_id)")" \
  "ivy:2024:$call:room and time ned:1016:$call:room and time" \
  "experiences loaded without SdkAppId, in the room the comm_id names, are the call's (by room and time)"
is "$(q "SELECT call || ' ' || users || ' ' || experiences || ' ' || quote(missing) FROM trtc_call_summary")" \
  "$call 3 2 NULL" "trtc_call_summary: one call, 3 users, 2 experiences, nothing missing (no second call made of the experiences)"
printf '.param set :call %s\n' "$call" | cat - "$src/sql/examples/06-abnormal-by-cause.sql" |
  "$sqlite" -batch -bail -list -noheader -cmd ".load $TRTC_MODULE" "$db" >"$tmp/06" 2>&1
grep -q '| 1016 | The camera permission is not granted' "$tmp/06" && ! grep -q 'no abnormal experience' "$tmp/06"
rc=$?
report $rc "06-abnormal-by-cause for the call lists ned's camera permission (1016)"
[ $rc -eq 0 ] || sed 's/^/# /' "$tmp/06"

# The experiences' own comm_id naming another room: a comm_id names the
# room between its first and last '_', not its app (1400000002) or time.
q "UPDATE trtc_unusual_log SET comm_id = '1400000002_8008_1710000000', room_id = '1400000002'" 2>&1
is "$(q "SELECT group_concat(DISTINCT call_by) FROM trtc_call_abnormal")" "room (no call of the event log at that time)" \
  "an experience in room 1400000002 whose comm_id names room 8008 of app 1400000002: not that call's"
q "UPDATE trtc_unusual_log SET comm_id = NULL, room_id = '7777'" 2>&1
# One call in two forms: ned's response with the app, the others without,
# the comm_id naming no room ('call-7'): still one call, not two.
q "UPDATE trtc_responses SET comm_id = 'call-7', room_id = '7777',
      sdk_app_id = CASE user_id WHEN 'ned' THEN 1400000002 END WHERE api = 'DescribeUserEvent'" 2>&1
is "$(q "SELECT group_concat(DISTINCT call || ' ' || call_by) FROM trtc_call_abnormal")" "call-7 room and time" \
  "one call whose responses know its app or not: its experiences are its own (not '2 calls')"
# Two calls in the room at that time, one of the experience's app, one of
# no known app: the call of its app is taken when its app is known.
q "UPDATE trtc_responses SET comm_id = CASE user_id WHEN 'ned' THEN 'call-7' END WHERE api = 'DescribeUserEvent'" 2>&1
q "UPDATE trtc_unusual_log SET sdk_app_id = CASE user_id WHEN 'ned' THEN 1400000002 END" 2>&1
is "$(q "SELECT group_concat(user_id || ' ' || call_by, ', ') FROM (SELECT * FROM trtc_call_abnormal ORDER BY user_id)")" \
  "ivy room (2 calls of the event log at that time), ned room and time" \
  "an experience of a known app goes to the call of that app; one of no known app, with two calls there, to neither"

q "UPDATE trtc_responses SET room_id = NULL, sdk_app_id = CASE user_id WHEN 'ivy' THEN NULL ELSE 1400000002 END
    WHERE api = 'DescribeUserEvent'; UPDATE trtc_unusual_log SET sdk_app_id = NULL" 2>&1
# A comm_id that does not name a room (not SdkAppId_RoomId_CreateTime) is
# not read as one: its experiences stay the room's.
q "UPDATE trtc_responses SET comm_id = 'abc' WHERE api = 'DescribeUserEvent'" 2>&1
is "$(q "SELECT group_concat(DISTINCT call_by) FROM trtc_call_abnormal")" "room (no call of the event log at that time)" \
  "a comm_id that names no room ('abc') gives none: the experiences are not guessed into it"
# Two apps: an experience without SdkAppId in room 7777 at that time could
# be either call's: neither is chosen.
q "UPDATE trtc_responses SET comm_id = NULL, room_id = '7777', sdk_app_id = CASE user_id WHEN 'ned' THEN 1 ELSE 2 END
    WHERE api = 'DescribeUserEvent'" 2>&1
is "$(q "SELECT group_concat(DISTINCT call_by) FROM trtc_call_abnormal")" "room (2 calls of the event log at that time)" \
  "two calls in room 7777 of two apps at that time: an experience without SdkAppId is tied to neither"
