# tests/report/make-ux.sh: make_ux DIR: responses that "trtc report" once
# drew wrongly, saved as files in DIR and loaded with "trtc ingest" into
# DIR/ux.db (sourced after tests/lib/lib.sh; uses TRTC_RUN, TRTC_BUILDDIR).
# Call 1400000001_8008_1699999990 (room 8008), 119,877 ms of events:
#   alice (SDK) enters and leaves; bob (WebRTC) reports 32788 "Entered
#   room" and no 5001; gina's DescribeUserEvent response is an API error;
#   the call's DescribeUnusualEvent response has a row of alice, one of
#   zed in room 8009 (another room), and one of yan 10,000 s before the
#   call's first event.
# Call 1400000001_8010_1700000000: kim's room entry takes 500,000 ms.
# Call 1400000001_8011_1700000000: lee's takes 59,999 ms.
make_ux() {
  mkdir -p "$1/c1" "$1/c2" "$1/c3" || return 1
  B=1700000000
  ev() { printf '{"Type":%s,"Time":%s,"EventId":%s,"ParamOne":%s,"ParamTwo":-1}' "$1" "$2" "$3" "$4"; }
  ue() { printf '{"Response":{"Data":[{"PeerId":"%s","Content":[%s]}],"RequestId":"%s"}}\n' "$1" "$2" "req-$1"; }
  ue alice "$(ev 0 ${B}123 5001 -1),$(ev 0 ${B}456 5003 1),$(ev 2 $((B + 1))789 4003 1280),$(ev 0 $((B + 120))000 5008 1)" >"$1/c1/user-events-alice.json"
  ue bob "$(ev 0 ${B}999 32788 -1),$(ev 0 $((B + 2))100 32768 -1)" >"$1/c1/user-events-bob.json"
  echo '{"Response":{"Error":{"Code":"InvalidParameter.UserId","Message":"UserId not found"},"RequestId":"req-gina"}}' \
    >"$1/c1/user-events-gina.json"
  cat >"$1/c1/unusual-events.json" <<JSON
{"Response": {"Total": 3, "AbnormalExperienceList": [
 {"UserId": "alice", "RoomId": "8008", "EventTime": $((B + 60)), "ExperienceId": 4, "AbnormalEventList": [{"AbnormalEventId": 2010, "PeerId": ""}]},
 {"UserId": "zed", "RoomId": "8009", "EventTime": $((B + 30)), "ExperienceId": 1, "AbnormalEventList": [{"AbnormalEventId": 1013, "PeerId": ""}]},
 {"UserId": "yan", "RoomId": "8008", "EventTime": $((B - 10000)), "ExperienceId": 3, "AbnormalEventList": [{"AbnormalEventId": 1020, "PeerId": ""}]}],
 "RequestId": "req-unusual"}}
JSON
  cat >"$1/c1/manifest.json" <<'JSON'
{"sdk_app_id": 1400000001, "room_id": "8008", "comm_id": "1400000001_8008_1699999990",
 "files": [{"file": "user-events-alice.json", "user_id": "alice"}, {"file": "user-events-bob.json", "user_id": "bob"},
           {"file": "user-events-gina.json", "user_id": "gina"}, "unusual-events.json"]}
JSON
  ue kim "$(ev 0 ${B}000 5001 -1),$(ev 0 $((B + 500))000 5003 1)" >"$1/c2/user-events-kim.json"
  echo '{"sdk_app_id": 1400000001, "room_id": "8010", "comm_id": "1400000001_8010_1700000000", "files": [{"file": "user-events-kim.json", "user_id": "kim"}]}' >"$1/c2/manifest.json"
  ue lee "$(ev 0 ${B}000 5001 -1),$(ev 0 $((B + 59))999 5003 1)" >"$1/c3/user-events-lee.json"
  echo '{"sdk_app_id": 1400000001, "room_id": "8011", "comm_id": "1400000001_8011_1700000000", "files": [{"file": "user-events-lee.json", "user_id": "lee"}]}' >"$1/c3/manifest.json"
  $TRTC_RUN "$TRTC_BUILDDIR/trtc" ingest "$1/ux.db" "$1/c1" "$1/c2" "$1/c3" >/dev/null
}
