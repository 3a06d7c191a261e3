#!/bin/sh
# tests/analytics.sh: the analytics views of sql/schema.sql and the
# examples of sql/examples/ on the cases the sample call lacks, from the
# fixture tests/fixtures/calls/ (docs/views.md describes it): Tencent's own
# example responses (a WebRTC user with 32788 and no 5001; abnormal
# experiences without a comm_id), a call whose comm_id is unknown, users
# with several attempts and stays, a user seen only by others; then the
# examples' parameters (:call, :user, :tz set, unset, wrong), rows whose
# context is NULL, and a database whose views are older.
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"
db=$tmp/calls.db
unknown='room 4242 of app 1400000001 (comm_id unknown)'
known=1400000001_8008_1699999990

q() { # q SQL: one query on the database, list mode
  "$sqlite" -batch -cmd ".load $TRTC_MODULE" "$db" "$1"
}
example() { # example NAME [DOT-COMMAND...]: run sql/examples/NAME.sql after them
  name=$1
  shift
  for c in "$@"; do printf '%s\n' "$c"; done | cat - "$src/sql/examples/$name.sql" |
    "$sqlite" -batch -bail -cmd ".load $TRTC_MODULE" "$db" 2>&1
}
rows() { # rows: the data rows of a table-mode output on stdin, cells trimmed, "|"-separated
  sed -n '4,$p' | grep '^|' | sed 's/^| *//; s/ *|$//; s/ *| */|/g'
}

echo "1..52"

${TRTC_RUN-} "$TRTC_BUILDDIR/trtc" ingest --quiet "$db" "$src/tests/fixtures/calls" >"$tmp/log" 2>&1
report $? "the fixture loads"

# ---- Calls --------------------------------------------------------------------
is "$(q "SELECT call || ' / ' || ifnull(comm_id, 'NULL') || ' / ' || users || ' / ' || ifnull(missing, 'NULL')
         FROM trtc_call_summary ORDER BY call")" \
"$known / $known / 1 / no DescribeUserEvent of alice (seen by other users)
$unknown / NULL / 2 / comm_id unknown; no DescribeUserEvent of ghost (seen by other users)
room 9999 of app 1400000001 (comm_id unknown) / NULL / 0 / comm_id unknown; no DescribeUserEvent response" \
  "trtc_call_summary: a call without comm_id is named by its room and says so; users without a log are named"
is "$(q "SELECT first_ms || '-' || last_ms || ' ' || events || ' ' || experiences FROM trtc_call_summary WHERE call = '$known'")" \
  "1700000000123-1700000120000 4 2" "trtc_call_summary: the time range covers the events and the abnormal experiences"
is "$(q "SELECT group_concat(user_id || ':' || has_log || ':' || events, ' ') FROM trtc_call_users WHERE call = '$unknown'")" \
  "sam:1:24 wendy:1:8 ghost:0:0" "trtc_call_users: ghost has no log, sam and wendy do"

# ---- Room entry ---------------------------------------------------------------
is "$(q "SELECT attempt || ' ' || quote(started_ms) || ' ' || outcome_ms || ' ' || succeeded || ' ' || outcome || ' ' || client
         FROM trtc_room_entry WHERE user_id = 'bob'")" \
  "1 NULL 1700000000999 1 Entered room webrtc" \
  "Tencent's example: the WebRTC user with 32788 and no 5001 has an attempt, its start not reported"
is "$(q "SELECT group_concat(attempt || ':' || quote(started_ms) || ':' || outcome, ' ') FROM trtc_room_entry WHERE user_id = 'wendy'")" \
  "1:NULL:Entered room 2:NULL:Entered room" "a WebRTC user entering twice without 5001: two attempts"
is "$(q "SELECT group_concat(attempt || ':' || succeeded || ':' || entry_ms || ':' || since_first_ms, ' ')
         FROM trtc_room_entry WHERE user_id = 'sam'")" \
  "1:0:5000:5000 2:0:4000:12000 3:1:600:15600 4:1:500:130500" \
  "several attempts: two failures, an entry, an entry after leaving; since_first_ms from the first start"
is "$(q "SELECT count(*) || ' ' || sum(repeated) FROM trtc_room_events WHERE user_id = 'sam' AND kind = 'entered'")" \
  "3 1" "7000 right after a 5003 success repeats the entry: not an attempt of its own"
is "$(q "SELECT group_concat(DISTINCT call) FROM trtc_room_entry WHERE user_id IN ('sam', 'wendy')")" "$unknown" \
  "their attempts belong to the call named by its room"

# ---- Presence -------------------------------------------------------------------
is "$(q "SELECT group_concat(user_id || stay || ':' || entry_event_id || ':' || exit || ':' || ifnull(duration_ms, '-'), ' ')
         FROM (SELECT * FROM trtc_presence ORDER BY user_id, stay)")" \
  "bob1:32788:(no exit reported):- sam1:5003:Exited room successfully:104400 sam2:5003:(no exit reported):- wendy1:32788:Exited room:90500 wendy2:32788:(no exit reported):-" \
  "trtc_presence: stays from SDK and WebRTC events, open-ended without an exit"

# ---- First frame ------------------------------------------------------------------
is "$(q "SELECT group_concat(viewer || '>' || remote || ':' || viewer_attempt || '/' || ifnull(remote_attempt, '-') || ':'
                             || ttff_ms || ':' || start_user || ':' || start_reported, ' ')
         FROM (SELECT * FROM trtc_first_frame ORDER BY first_frame_ms)")" \
  "sam>wendy:3/1:1550:sam:1 sam>ghost:3/-:5600:sam:1 sam>wendy:4/2:900:wendy:0" \
  "trtc_first_frame: per pair of attempts; from the later start, a WebRTC entry when it reported no 5001"

# ---- Abnormal experiences ------------------------------------------------------------
is "$(q "SELECT group_concat(user_id || ':' || call || ':' || call_by, ' / ') FROM trtc_call_abnormal")" \
  "alice:$known:room and time / alice:$known:room and time / bob:$known:room and time / sam:$unknown:room and time / zed:room 9999 of app 1400000001 (comm_id unknown):room (no call of the event log at that time)" \
  "trtc_call_abnormal: Tencent's example without comm_id goes to the call of its room and time"
is "$(q "SELECT (SELECT count(*) FROM trtc_call_abnormal) || ' ' || (SELECT count(*) FROM trtc_unusual_log)")" "5 5" \
  "trtc_call_abnormal: each row of trtc_unusual_log once, whether or not a call matched"

# ---- Examples: parameters unset = every call and user ------------------------------
example 02-room-entry >"$tmp/out"
is "$(rows <"$tmp/out" | cut -d'|' -f1 | sort | uniq -c | sed 's/^ *//')" \
  "1 $known
6 $unknown" "02 with no parameter: every call"
is "$(rows <"$tmp/out" | grep wendy | cut -d'|' -f4,5 | sed 's/20[0-9-]* [0-9:.]* UTC/T/')" \
  "(not reported)|T
(not reported)|T" "02: a start that was not reported says so; the outcome still has its time"
for name in 01-timeline 03-first-frame 04-entry-failures 05-device-permission 06-abnormal-by-cause 07-abnormal-by-peer; do
  example $name >"$tmp/out"
  st=$?
  nrows=$(rows <"$tmp/out" | wc -l)
  [ $st -eq 0 ] && [ "$nrows" -gt 0 ] && ! grep -q warning "$tmp/out"
  report $? "$name with no parameter: $nrows rows, no warning"
done
is "$(example 01-timeline | rows | cut -d'|' -f1,2 | sort -u | tr '\n' ' ')" \
  "$known|bob $unknown|sam $unknown|wendy " "01 with no parameter: every user of every call"

# ---- :call ---------------------------------------------------------------------------
is "$(example 02-room-entry ".parameter set :call '$unknown'" | rows | cut -d'|' -f1 | sort -u)" "$unknown" \
  ":call = a call named by its room"
is "$(example 02-room-entry ".parameter set :call \"'$known'\"" | rows | cut -d'|' -f1,2)" "$known|bob" \
  ":call = a comm_id (quoted)"
is "$(example 06-abnormal-by-cause ".parameter set :call \"'$known'\"" | rows | cut -d'|' -f1,6,7,8 | sort)" \
  "$known|1|alice|room and time
$known|1|alice|room and time
$known|1|bob|room and time" ":call on abnormal experiences tied to the call by room and time"
is "$(example 02-room-entry ".parameter set :call 'no such call'" | rows)" \
  "no event log in call 'no such call' (see trtc_call_summary)" ":call that matches nothing: a warning, not an empty table"

# ---- :user ---------------------------------------------------------------------------
is "$(example 02-room-entry ".parameter set :user sam" | rows | cut -d'|' -f2,3 | tr '\n' ' ')" \
  "sam|1 sam|2 sam|3 sam|4 " ":user = sam: sam's attempts only"
is "$(example 03-first-frame ".parameter set :user wendy" | rows | cut -d'|' -f2,3,6 | tr '\n' ' ')" \
  "sam|wendy|1550 sam|wendy|900 " ":user in 03: as viewer or as remote user"
is "$(example 02-room-entry ".parameter set :user Sam" | rows)" \
  "no event log of user 'Sam' (did you mean 'sam'?)" ":user with the wrong case: a warning and the id it means"
is "$(example 02-room-entry ".parameter set :user sam" ".parameter set :call '$known'" | rows)" \
  "no event log of user 'sam' in call $known" ":user who is not in :call: a warning"
is "$(example 07-abnormal-by-peer ".parameter set :user zed" | rows | cut -d'|' -f2,6)" "yan|2024" \
  ":user in 07: whose abnormal experience"
is "$(example 04-entry-failures ".parameter set :user sam" | rows | cut -d'|' -f3 | uniq -c | sed 's/^ *//' | tr '\n' ' ')" \
  "4 1 2 2 " "04: both failed attempts of sam, each with its events"

# ---- :tz -------------------------------------------------------------------------------
is "$(example 02-room-entry ".parameter set :user sam" | rows | sed -n 1p | cut -d'|' -f4,5)" \
  "2023-11-14 22:30:00.000 UTC|2023-11-14 22:30:05.000 UTC" ":tz unset: UTC, said"
is "$(example 02-room-entry ".parameter set :user sam" ".parameter set :tz +08:00" | rows | sed -n 1p | cut -d'|' -f4,5)" \
  "2023-11-15 06:30:00.000 +08:00|2023-11-15 06:30:05.000 +08:00" ":tz +08:00: shifted, and said (the date too)"
is "$(example 05-device-permission ".parameter set :tz -05:30" | rows | cut -d'|' -f6)" \
  "2023-11-14 17:00:17.000 -05:30" ":tz -05:30 in 05"
example 02-room-entry ".parameter set :tz Asia/Shanghai" >"$tmp/out"
is "$? $(grep -c 'trtc_time: the time zone must be' "$tmp/out")" "1 1" ":tz of another form: an error that says so"

# ---- Numbers as parameters, NULL context --------------------------------------------
q "INSERT INTO trtc_responses (response_id, api, sdk_app_id, comm_id, room_id, user_id, body, body_sha3)
   VALUES (100, 'DescribeUserEvent', 1400000001, NULL, '77', '12345', '{}', x'01'),
          (101, 'DescribeUserEvent', NULL, NULL, NULL, 'nobody', '{}', x'02'),
          (102, 'DescribeUserEvent', 1400000001, NULL, '77', NULL, '{}', x'03'),
          (103, 'DescribeUserEvent', 1400000001, NULL, '77', 'late', '{}', x'04');
   INSERT INTO trtc_event_log (response_id, seq, sdk_app_id, comm_id, room_id, user_id, peer_id, type, time_ms, event_id, param1, param2)
   VALUES (100, 1, 1400000001, NULL, '77', '12345', '12345', 0, 1700002000000, 32788, -1, -1),
          (101, 1, NULL, NULL, NULL, 'nobody', 'nobody', 0, 1700002000000, 5001, -1, -1),
          (102, 1, 1400000001, NULL, '77', NULL, NULL, 0, 1700002000500, 5001, -1, -1),
          (102, 2, 1400000001, NULL, '77', NULL, NULL, 0, 1700002001000, 5003, 0, -1),
          (103, 1, 1400000001, NULL, '77', 'late', 'late', 0, 1700002002000, 32789, -1, -1),
          (103, 2, 1400000001, NULL, '77', 'late', 'late', 0, 1700002003000, 32789, -1, -1);"
is "$(example 02-room-entry ".parameter set :user 12345" | rows | cut -d'|' -f1,2,6)" \
  "room 77 of app 1400000001 (comm_id unknown)|12345|Entered room" ":user given as a number matches a text id"
is "$(q "SELECT call || '|' || attempt || '|' || outcome FROM trtc_room_entry WHERE user_id = 'nobody'")" \
  "room (unknown) of app (unknown) (comm_id unknown)|1|(no outcome reported)" \
  "no app, room or comm_id: the call says so; a start without outcome says so"
is "$(q "SELECT quote(user_id) || '|' || attempt || '|' || outcome || '|' || entry_ms FROM trtc_room_entry WHERE user_id IS NULL")" \
  "NULL|1|Failed to enter room|500" "a response without user: its rows are kept, under NULL"
is "$(q "SELECT group_concat(quote(repeated), ' ') FROM trtc_room_events WHERE user_id = 'late'")
$(q "SELECT stay || '|' || quote(entered_ms) || '|' || exit FROM trtc_presence WHERE user_id = 'late'")" \
  "0 1
1|NULL|Exited room" "a log that starts with an exit: a stay whose entry the log lacks; the second exit repeats it"
is "$(example 04-entry-failures ".parameter set :call 'room 77 of app 1400000001 (comm_id unknown)'" | rows | cut -d'|' -f2,5,6)" \
  "|-500|5001
|0|5003" "04 joins a NULL user's events with IS, not ="

# ---- Older databases, repeated runs -------------------------------------------------
# A database of the old sql/ingest.sh has the decoded views of that time:
# trtc ingest replaces them (CREATE VIEW IF NOT EXISTS alone would not).
"$sqlite" -batch "$tmp/old.db" <"$src/tests/fixtures/old_ingest_db.sql"
is "$("$sqlite" -batch -cmd ".load $TRTC_MODULE" "$tmp/old.db" \
  "SELECT count(*) FROM pragma_table_info('trtc_event_log_decoded') WHERE name IN ('call', 'remote')")" 0 \
  "(the old database's decoded view has no call)"
${TRTC_RUN-} "$TRTC_BUILDDIR/trtc" ingest --quiet "$tmp/old.db" "$src/sql/sample" >"$tmp/out" 2>&1
report $? "trtc ingest loads into a database of the old script"
is "$("$sqlite" -batch -cmd ".load $TRTC_MODULE" "$tmp/old.db" \
  "SELECT group_concat(name) FROM pragma_table_info('trtc_event_log_decoded') WHERE name IN ('call', 'remote', 'time_utc')" \
  "SELECT call || ': ' || users || ' ' || missing FROM trtc_call_summary WHERE call LIKE '%_8008_%'")" \
  "time_utc,call,remote
1400000001_8008_1700000000: 1 no DescribeUserEvent of bob (seen by other users); 1 API error response(s)" \
  "... and replaces its views by the current ones, which see its old rows"
"$sqlite" -batch -bail -cmd ".load $TRTC_MODULE" "$tmp/fresh.db" ".read $src/sql/schema.sql" \
  ".read $src/sql/schema.sql" >"$tmp/out" 2>&1
report $? "sql/schema.sql runs twice on a database"
is "$("$sqlite" -batch "$tmp/fresh.db" "SELECT count(*) FROM sqlite_master WHERE name = 'trtc_responses_call'")" 1 \
  "... with the index trtc_responses_call"

# ---- An abnormal event id the mapping tables lack ----------------------------------
cp "$db" "$tmp/unknown-id.db"
printf '{"Response": {"Total": 1, "AbnormalExperienceList": [{"UserId": "zoe", "RoomId": "8008", "EventTime": 1700000000, "ExperienceId": 4, "AbnormalEventList": [{"AbnormalEventId": 1099, "PeerId": ""}]}], "RequestId": "unknown-id"}}' \
  >"$tmp/unusual-events-unknown.json"
${TRTC_RUN-} "$TRTC_BUILDDIR/trtc" ingest --quiet --comm-id "$known" --sdk-app-id 1400000001 --room 8008 \
  "$tmp/unknown-id.db" "$tmp/unusual-events-unknown.json" >/dev/null 2>&1
is "$(db=$tmp/unknown-id.db; example 06-abnormal-by-cause ".parameter set :user zoe" | rows | cut -d'|' -f3,4)" \
  "1099|(unknown id: not in the mapping tables)" \
  "06-abnormal-by-cause: an abnormal event id the tables lack is unknown, not '(none reported)'"

# ---- Where the schema is not trusted -------------------------------------------------
for view in trtc_call_summary trtc_room_entry trtc_first_frame trtc_problems trtc_call_abnormal; do
  "$sqlite" -batch -bail -cmd ".load $TRTC_MODULE" "$db" "PRAGMA trusted_schema = OFF" \
    "SELECT count(*) FROM $view" >"$tmp/out" 2>&1
  st=$?
  is "$st $(grep -c '^[0-9]*$' "$tmp/out")" "0 1" "$view works with PRAGMA trusted_schema=OFF"
done
exit 0
