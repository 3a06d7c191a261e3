#!/bin/sh
# tests/sqlite_utils_host.sh: the extension from sqlite-utils (Debian
# package sqlite-utils) with --load-extension: a response given as a
# parameter, a response stored by "sqlite-utils insert" (the inner object
# in column Response), an error, and the decoded views of a database
# loaded by trtc ingest. Skips only when sqlite-utils is not found.
set -u
. "$TRTC_SRCDIR/tests/lib/skip.sh"
if [ -z "${SQLITE_UTILS:-}" ] || ! command -v "$SQLITE_UTILS" >/dev/null 2>&1; then
  skip_all "sqlite-utils not found (apt-get install sqlite-utils)"
fi
. "$TRTC_SRCDIR/tests/lib/lib.sh"
export PYTHONMALLOC=malloc # lets valgrind see Python's memory as it is

su() { # su COMMAND DB SQL [ARGS...]: sqlite-utils with the module loaded
  cmd=$1
  shift
  ${TRTC_RUN-} "$SQLITE_UTILS" "$cmd" --load-extension "$TRTC_MODULE" "$@" | tr -d '\r' # CSV ends lines with CRLF
}

echo "1..5"
is "$(su query "$tmp/a.db" "SELECT peer_id, event_id, text FROM trtc_user_events(:j)" \
        -p j "$(cat "$src/tests/fixtures/api_user_event.json")" --csv)" \
   "peer_id,event_id,text
alice,5001,Started entering room
alice,5003,Entered room successfully
alice,4003,\"Video resolution has been switched (Resolution width: 1280, Resolution height: 720)\"
bob,32788,Entered room" "query with the response as a parameter"

"$SQLITE_UTILS" insert "$tmp/a.db" saved "$src/tests/fixtures/api_unusual_event.json" >/dev/null
is "$(su query "$tmp/a.db" "SELECT e.user_id, e.experience, e.abnormal_event_id FROM saved AS s, trtc_unusual_events(s.Response) AS e" --csv)" \
   "user_id,experience,abnormal_event_id
alice,Video lagged,2010
alice,Video lagged,2024
bob,Room entry was slow," "a response stored by sqlite-utils insert (the inner object)"

is "$(${TRTC_RUN-} "$SQLITE_UTILS" query --load-extension "$TRTC_MODULE" "$tmp/a.db" "SELECT * FROM trtc_user_events('{')" 2>&1
      echo "status $?")" \
   "Error: trtc_user_events: malformed JSON at byte 1 (line 1, column 2): the text ends inside an object or array
status 1" "malformed JSON is an error"

${TRTC_RUN-} "$TRTC_BUILDDIR/trtc" ingest --quiet "$tmp/demo.db" "$src/sql/sample"
is "$(su query "$tmp/demo.db" "SELECT user_id, count(*) AS n FROM trtc_event_log_decoded WHERE severity = 'error' GROUP BY user_id" --csv)" \
   "user_id,n
carol,3
dave,4" "the decoded view of a database loaded by trtc ingest"
is "$(su rows "$tmp/demo.db" trtc_unusual_log_decoded -c user_id -c abnormal_kind --where "experience_id = 2" --csv)" \
   "user_id,abnormal_kind
dave,room_dismissal" "sqlite-utils rows on a decoded view"
exit 0
