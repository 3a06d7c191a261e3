#!/bin/sh
# tests/ingest_full_disk.sh: "trtc ingest" on a full disk and on a
# read-only database, with a small tmpfs mounted in a mount namespace of
# the test's own (unshare: as root, or as a user through a user namespace),
# so that no mount outlives the test. A full disk: exit 2, said, what was
# committed is whole and consistent, and once there is room a re-run
# completes with exact counts. A read-only database: exit 2, said, the
# file unchanged. Skips (with the reason) where no tmpfs can be mounted.
set -u
. "$TRTC_SRCDIR/tests/lib/skip.sh"
if [ -z "${TRTC_IN_MOUNT_NS-}" ]; then
  TRTC_IN_MOUNT_NS=1
  export TRTC_IN_MOUNT_NS
  if [ "$(id -u)" -eq 0 ]; then
    unshare --mount --propagation private true 2>/dev/null &&
      exec unshare --mount --propagation private sh "$0" "$@"
  else
    unshare --user --map-root-user --mount true 2>/dev/null &&
      exec unshare --user --map-root-user --mount sh "$0" "$@"
  fi
  [ "$(id -u)" -eq 0 ] || skip_all "cannot mount a tmpfs: not root, and no user namespaces (unshare --user --map-root-user)"
fi
mnt=$(mktemp -d) || exit 1
if ! mount -t tmpfs -o size=256k tmpfs "$mnt" 2>"$mnt.err"; then
  why=$(cat "$mnt.err")
  rm -f "$mnt.err"
  rmdir "$mnt"
  skip_all "cannot mount a tmpfs ($why)"
fi
rm -f "$mnt.err"
. "$TRTC_SRCDIR/tests/lib/lib.sh"
trap 'umount "$mnt" 2>/dev/null; rmdir "$mnt"; rm -rf "$tmp"' EXIT
trtc=$tmp/trtc
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${TRTC_RUN-}" "$TRTC_BUILDDIR/trtc" >"$trtc"
chmod +x "$trtc"
ctx="--comm-id 1400188366_61203_1710235800 --room 61203 --sdk-app-id 1400188366"
q() { "$sqlite" -batch "$1" "$2"; }

# N generated responses of K events (about 4 kB each): more than 256 kB.
N=150
K=40
gen=$tmp/gen
mkdir "$gen"
awk -v n="$N" -v k="$K" -v dir="$gen" 'BEGIN {
  for (i = 1; i <= n; i++) {
    f = sprintf("%s/user-events-u%03d.json", dir, i)
    printf "{\"Response\": {\"Data\": [{\"PeerId\": \"u%03d\", \"Content\": [", i > f
    for (j = 1; j <= k; j++) {
      printf "%s{\"Type\": 0, \"Time\": %.0f, \"EventId\": %d, \"ParamOne\": %d, \"ParamTwo\": -1}", \
        (j > 1 ? ", " : ""), 1710235800000 + i * 1000 + j, (j % 2 ? 5001 : 5003), j % 2 >> f
    }
    printf "]}], \"RequestId\": \"gen-%03d\"}}\n", i >> f
    close(f)
  }
}'

echo "1..10"

# ---- A full disk ---------------------------------------------------------------------
db=$mnt/calls.db
"$trtc" ingest --commit-every 0 $ctx "$db" "$gen" >"$tmp/out" 2>"$tmp/err"
is "$?" 2 "the disk fills up during the load: exit 2"
is "$(head -n 1 "$tmp/err" | sed "s|$db|DB|")" "trtc: DB: the disk (or the database) is full (database or disk is full)" \
  "... said clearly"
grep -q '^error: .*: not loaded (rolled back)$' "$tmp/err"
report $? "... with the file(s) not loaded"
is "$(q "$db" "PRAGMA integrity_check")" ok "... integrity_check ok"
stored=$(q "$db" "SELECT count(*) FROM trtc_responses")
ok=0
[ "$stored" -gt 0 ] && [ "$stored" -lt "$N" ] && ok=1
is "$ok" 1 "... what was committed before is kept ($stored of $N responses)"
is "$(q "$db" "SELECT count(*) FROM trtc_responses r WHERE n_rows IS NOT $K OR n_rows <> (SELECT count(*) FROM trtc_event_log l WHERE l.response_id = r.response_id)")" 0 \
  "... each stored response whole, with all its rows"
mount -o remount,size=8m "$mnt"
"$trtc" ingest $ctx "$db" "$gen" >"$tmp/out" 2>"$tmp/err"
is "$?:$(cat "$tmp/err")" "0:" "with room again, a re-run completes"
is "$(q "$db" "SELECT (SELECT count(*) FROM trtc_responses) || '/' || (SELECT count(*) FROM trtc_event_log)")" "$N/$((N * K))" \
  "... with exact counts"

# ---- A read-only database ---------------------------------------------------------------
"$trtc" ingest -q $ctx "$mnt/ro.db" "$gen/user-events-u001.json" >/dev/null 2>&1
cp "$mnt/ro.db" "$tmp/ro.orig"
mount -o remount,ro "$mnt"
"$trtc" ingest $ctx "$mnt/ro.db" "$gen/user-events-u002.json" >"$tmp/out" 2>"$tmp/err"
is "$?:$(head -n 1 "$tmp/err" | sed "s|$mnt/||")" \
  "2:trtc: ro.db: cannot write to the database (attempt to write a readonly database)" \
  "a read-only database: exit 2, said"
cmp -s "$mnt/ro.db" "$tmp/ro.orig"
report $? "... and left as it was"
exit 0
