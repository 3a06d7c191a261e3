# tests/lib/lib.sh: what the shell tests of sql/ and of the hosts share.
# Source it after "set -u":  . "$TRTC_SRCDIR/tests/lib/lib.sh"
#
# Sets src (the source tree), tmp (a directory removed on exit) and
# sqlite (the sqlite3 shell started as the tests start programs: through
# TRTC_RUN, the ASan preload or valgrind); defines report STATUS WHAT
# and is GOT WANT WHAT, which print numbered TAP results.
: "${SQLITE3:=sqlite3}"
src=$TRTC_SRCDIR
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
sqlite=$tmp/sqlite3
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${TRTC_RUN-}" "$SQLITE3" >"$sqlite"
chmod +x "$sqlite"

n=0
report() { # report STATUS DESCRIPTION: ok when STATUS is 0
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
is() { # is GOT WANT DESCRIPTION
  if [ "$1" = "$2" ]; then
    report 0 "$3"
  else
    report 1 "$3"
    printf '%s\n' "got:" "$1" "want:" "$2" | sed 's/^/#   /'
  fi
}
