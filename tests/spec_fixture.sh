#!/bin/sh
# tests/spec_fixture.sh: tests/fixtures/spec_rows.sql holds exactly the rows
# of the spec, when the spec is at hand (../shared/spec beside the
# repository, or TRTC_SPEC=path). Skips otherwise: the fixture is what the
# other tests compare against, this test checks the fixture itself.
set -u
: "${SQLITE3:=sqlite3}"
spec=${TRTC_SPEC:-$TRTC_SRCDIR/../shared/spec/event-id-mapping-table.txt}
if [ ! -r "$spec" ]; then
  echo "1..0 # SKIP the spec is not at $spec"
  exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# The spec's rows as "table|id|param1|param2|text" or "table|id|text". A
# row is a line starting with a digit below a table's heading; the two
# parameter cells are an integer or a label (words, maybe "(3s)").
awk '
  /^SDK Event Mapping Table$/                           { t = "sdk"; next }
  /^WebRTC Event Mapping Table$/                        { t = "webrtc"; next }
  /^Exceptional Experience ID Mapping Table$/           { t = "experience"; next }
  /^Exceptional Room Dismissal Event ID Mapping Table$/ { t = "room_dismissal"; next }
  /^Real-Time Exceptional Event ID Mapping Table$/      { t = "realtime"; next }
  t == "" || !/^[0-9]/                                  { next }
  t == "sdk" || t == "webrtc" {
    rest = $0; sub(/^[0-9]+ /, "", rest); id = $1
    n = split("Resolution width|Resolution height|Video frame rate|Video bitrate|Number of frames failed to be decoded (3s)", lab, "|")
    for (k = 1; k <= 2; k++) {
      cell = ""
      if (match(rest, /^-?[0-9]+ /)) { cell = substr(rest, 1, RLENGTH - 1); rest = substr(rest, RLENGTH + 1) }
      else for (j = 1; j <= n; j++) if (index(rest, lab[j] " ") == 1) { cell = lab[j]; rest = substr(rest, length(lab[j]) + 2); break }
      p[k] = cell
    }
    print t "|" id "|" p[1] "|" p[2] "|" rest; next
  }
  { id = $1; rest = $0; sub(/^[0-9]+ /, "", rest); print t "|" id "|" rest }
' "$spec" | sort >"$tmp/spec"

printf '.read %s\n%s\n' "$TRTC_SRCDIR/tests/fixtures/spec_rows.sql" "
SELECT source || '|' || event_id || '|' || param1 || '|' || param2 || '|' || description FROM spec_event
UNION ALL SELECT 'experience|' || experience_id || '|' || description FROM spec_experience
UNION ALL SELECT kind || '|' || event_id || '|' || description FROM spec_abnormal;" |
  "$SQLITE3" -batch :memory: | sort >"$tmp/fixture"

echo "1..3"
n=$(wc -l <"$tmp/spec")
if [ "$n" -eq 173 ]; then echo "ok 1 - the spec has 173 rows"; else echo "not ok 1 - the spec parsed into $n rows, not 173"; fi
if grep -q '||' "$tmp/spec"; then echo "not ok 2 - a spec row has an empty cell"; grep '||' "$tmp/spec" | sed 's/^/# /'; else echo "ok 2 - every spec row parsed into its cells"; fi
if cmp -s "$tmp/spec" "$tmp/fixture"; then
  echo "ok 3 - the fixture holds exactly the spec's rows"
else
  echo "not ok 3 - the fixture differs from the spec"
  diff "$tmp/spec" "$tmp/fixture" | sed 's/^/# /' | head -40
fi
