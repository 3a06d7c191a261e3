#!/bin/sh
# tests/ingest_faults.sh: "trtc ingest" when things go wrong around it:
# kill -9 at random moments of a load (repeated), then integrity_check, a
# re-run that completes, and exact counts; four loads at once into one
# database (all succeed, nothing doubled); a reader, then a writer, holding
# a transaction (the load waits and succeeds, or with --busy-timeout 500
# gives up: exit 2, said); a file that is not a database; a database that
# cannot be opened. (A full disk and a read-only database:
# tests/ingest_full_disk.sh.) No time is asserted; delays only place the
# kills and hold the locks.
set -u
. "$TRTC_SRCDIR/tests/lib/skip.sh"
. "$TRTC_SRCDIR/tests/lib/lib.sh"
trtc=$tmp/trtc
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${TRTC_RUN-}" "$TRTC_BUILDDIR/trtc" >"$trtc"
chmod +x "$trtc"
ctx="--comm-id 1400188366_61203_1710235800 --room 61203 --sdk-app-id 1400188366"
# The harness's own queries run the plain shell, not through TRTC_RUN: under
# valgrind a query takes a second or more, and the polls below would miss
# the load they watch (it could finish between two of them).
q() { "$SQLITE3" -batch "$1" "$2"; }
counts() { # responses/event rows/sum(n_rows)/not decoded
  q "$1" "SELECT (SELECT count(*) FROM trtc_responses) || '/' || (SELECT count(*) FROM trtc_event_log)
              || '/' || (SELECT total(n_rows) FROM trtc_responses) || '/' || (SELECT count(*) FROM trtc_responses WHERE n_rows IS NULL)"
}

# N generated responses of K events each, user-events-uNNN.json (the user
# from the file name). Fewer under valgrind, which is 30x slower.
N=600
K=40
case ${TRTC_RUN-} in *valgrind*) N=100 ;; esac
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
full="$N/$((N * K))/$((N * K)).0/0"

echo "1..26"

# ---- kill -9 during a load, repeated ---------------------------------------------
# A full load first, to place the kills inside one (its time is not asserted).
# (With the same --commit-every as the killed loads, which it times.)
t0=$(date +%s%N)
"$trtc" ingest -q --commit-every 20 $ctx "$tmp/ref.db" "$gen" >/dev/null 2>&1
t1=$(date +%s%N)
is "$(counts "$tmp/ref.db")" "$full" "a full load of $N generated files: the reference counts"
span=$(( (t1 - t0) / 1000000 )) # ms
[ "$span" -gt 50 ] || span=50
db=$tmp/killed.db
partial=0
rounds=
bad=0
for i in 1 2 3 4 5 6 7 8; do
  delay=$(awk -v s="$span" -v i="$i" 'BEGIN { srand(); r = rand(); srand(r * 1000 + i); printf "%.3f", (0.05 + 0.9 * rand()) * s / 1000 / (i <= 4 ? 8 : 1) }')
  before=$(q "$db" "SELECT count(*) FROM trtc_responses" 2>/dev/null)
  "$trtc" ingest -q --commit-every 20 $ctx "$db" "$gen" >/dev/null 2>&1 &
  pid=$!
  if [ "$i" -le 4 ]; then
    # The first four: kill as soon as a commit of this load is seen (so a
    # kill lands mid-load however fast the machine), then a random moment.
    while kill -0 "$pid" 2>/dev/null; do
      now=$(q "$db" "SELECT count(*) FROM trtc_responses" 2>/dev/null)
      [ "${now:-0}" -gt "${before:-0}" ] && break
      sleep 0.01
    done
  fi
  # The first: killed as soon as its first commit is seen (under valgrind
  # the rest of a load can take less than any delay after it).
  [ "$i" -eq 1 ] || sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  [ "$(q "$db" "PRAGMA integrity_check")" = ok ] || bad=$((bad + 1))
  stored=$(q "$db" "SELECT count(*) FROM trtc_responses" 2>/dev/null)
  [ "${stored:-0}" -gt 0 ] && [ "${stored:-0}" -lt "$N" ] && partial=$((partial + 1))
  rounds="$rounds ${stored:-0}"
  # Whatever was committed is whole: every response with all its rows.
  [ "$(q "$db" "SELECT count(*) FROM trtc_responses r WHERE n_rows <> (SELECT count(*) FROM trtc_event_log l WHERE l.response_id = r.response_id)" 2>/dev/null)" = 0 ] ||
    [ ! -s "$db" ] || bad=$((bad + 1))
done
is "$bad" 0 "8 loads killed with kill -9 at random moments: integrity_check ok and every stored response whole each time"
ok=0
[ "$partial" -gt 0 ] && ok=1
is "$ok" 1 "at least one kill landed mid-load, after some commits ($partial of 8)"
[ "$ok" -eq 1 ] || echo "# responses stored after each kill:$rounds (of $N)"
"$trtc" ingest $ctx "$db" "$gen" >"$tmp/out" 2>"$tmp/err"
is "$?" 0 "a re-run after the kills completes"
is "$(counts "$db")" "$full" "... with exact counts: every response once, every row once, all decoded"
is "$(q "$db" "PRAGMA integrity_check")" ok "... and integrity_check ok"
set -- $(sed 's/^[0-9]* files*: \([0-9]*\) new responses*, .*; \([0-9]*\) already loaded.*/\1 \2/' "$tmp/out")
is "$((${1:-0} + ${2:-0}))" "$N" "... its summary: new + already loaded = $N"

# ---- Four loads at once --------------------------------------------------------------
db=$tmp/four.db
for i in 1 2 3 4; do
  "$trtc" ingest $ctx "$db" "$gen" >"$tmp/four$i.out" 2>"$tmp/four$i.err" &
  eval "pid$i=\$!"
done
fails=0
for i in 1 2 3 4; do
  eval "wait \$pid$i" || fails=$((fails + 1))
done
is "$fails" 0 "four loads of the same $N files at once into one database: all succeed"
is "$(cat "$tmp"/four?.err)" "" "... saying nothing on stderr"
is "$(counts "$db")" "$full" "... nothing doubled"
new=0
already=0
for i in 1 2 3 4; do
  set -- $(sed 's/^[0-9]* files*: \([0-9]*\) new responses*, .*; \([0-9]*\) already loaded.*/\1 \2/' "$tmp/four$i.out")
  new=$((new + ${1:-0}))
  already=$((already + ${2:-0}))
done
is "$new/$already" "$N/$((3 * N))" "... each response new in exactly one of them, already loaded in the three others"

# ---- A reader holding a read transaction, a writer holding a write one ----------------
# hold DB SQL: a sqlite3 shell that runs SQL (ending by selecting 'ready')
# and keeps its transaction until "release"; returns once 'ready' is out.
hold() {
  rm -f "$tmp/hold.out" "$tmp/hold.in"
  mkfifo "$tmp/hold.in"
  "$SQLITE3" -batch "$1" <"$tmp/hold.in" >"$tmp/hold.out" 2>&1 & # plain, as q
  holder=$!
  exec 3>"$tmp/hold.in"
  # Its COMMIT waits for readers (a loader that has just begun to read)
  # rather than failing at once.
  printf '.timeout 60000\n%s\n' "$2" >&3
  for _ in $(seq 1 400); do
    grep -q ready "$tmp/hold.out" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "# the holder did not start: $(cat "$tmp/hold.out")"
}
# (A loader started in the background while a holder holds is given
# 3>&-: it must not keep the holder's input open, or the holder never
# ends while the loader waits for it.)
release() { # commit the holder's transaction, let it end
  echo "COMMIT;" >&3
  exec 3>&-
  wait "$holder"
}
db=$tmp/locked.db
"$trtc" ingest -q $ctx "$db" "$gen/user-events-u001.json" >/dev/null 2>&1
# The load starts while the reader holds its transaction, which ends a
# second later (the load waits for it, if it has got that far by then).
hold "$db" "BEGIN; SELECT count(*) FROM trtc_responses; SELECT 'ready';"
"$trtc" ingest $ctx "$db" "$gen/user-events-u002.json" >"$tmp/out" 2>"$tmp/err" 3>&- &
loader=$!
sleep 1
release
wait "$loader"
is "$?:$(cat "$tmp/err")" "0:" "a reader holds a read transaction: the load waits for it, then succeeds"
is "$(head -n 1 "$tmp/hold.out")" 1 "... the reader saw the database as it was"
# Held until the load is over: with --busy-timeout 500 it gives up.
hold "$db" "BEGIN; SELECT count(*) FROM trtc_responses; SELECT 'ready';"
"$trtc" ingest --busy-timeout 500 $ctx "$db" "$gen/user-events-u003.json" >"$tmp/out" 2>"$tmp/err"
is "$?" 2 "with --busy-timeout 500 the load gives up: exit 2"
release
is "$(sed "s|$db|DB|; s|$gen/||" "$tmp/err")" "trtc: DB: the database is locked: another process kept it for more than the busy timeout (500 ms; --busy-timeout MS waits longer)
error: user-events-u003.json: not loaded (rolled back)" "... saying so, and what was not loaded"
is "$(counts "$db")" "2/$((2 * K))/$((2 * K)).0/0" "... nothing of it stored"
hold "$db" "BEGIN IMMEDIATE; INSERT INTO trtc_responses (api, user_id, body, body_sha3) VALUES ('DescribeUserEvent', 'w', '[]', x'00'); SELECT 'ready';"
"$trtc" ingest $ctx "$db" "$gen/user-events-u004.json" >"$tmp/out" 2>"$tmp/err" 3>&- &
loader=$!
sleep 1
release
wait "$loader"
is "$?" 0 "a writer holds a write transaction: the load waits for it, then succeeds"
is "$(q "$db" "SELECT count(*) FROM trtc_responses WHERE user_id IN ('w', 'u004')")" 2 "... both writes are there"
hold "$db" "BEGIN IMMEDIATE; DELETE FROM trtc_responses WHERE user_id = 'w'; SELECT 'ready';"
"$trtc" ingest --busy-timeout 500 $ctx "$db" "$gen/user-events-u005.json" >"$tmp/out" 2>"$tmp/err"
is "$?:$(head -n 1 "$tmp/err" | sed "s|$db|DB|")" \
  "2:trtc: DB: the database is locked: another process kept it for more than the busy timeout (500 ms; --busy-timeout MS waits longer)" \
  "... with --busy-timeout 500 it gives up: exit 2, said"
release

# Seven files loaded, then the commit waits for a reader past the timeout:
# all seven rolled back, five named and the rest counted.
mkdir "$tmp/seven"
for i in 10 11 12 13 14 15 16; do cp "$gen/user-events-u0$i.json" "$tmp/seven/"; done
hold "$db" "BEGIN; SELECT count(*) FROM trtc_responses; SELECT 'ready';"
"$trtc" ingest --busy-timeout 300 $ctx "$db" "$tmp/seven" >"$tmp/out" 2>"$tmp/err"
st=$?
release
is "$st:$(grep -c 'not loaded (rolled back)$' "$tmp/err"):$(tail -n 1 "$tmp/err")" \
  "2:6:error: ... and 2 more file(s) not loaded (rolled back)" \
  "the commit of seven files gives up: exit 2, five named, two counted"

# ---- Files that are not databases, databases that cannot be opened ---------------------
printf 'This is not a database, but a note.\n%.0s' $(seq 1 100) >"$tmp/notes.txt"
cp "$tmp/notes.txt" "$tmp/notes.orig"
"$trtc" ingest $ctx "$tmp/notes.txt" "$gen/user-events-u001.json" >"$tmp/out" 2>"$tmp/err"
is "$?" 2 "a file that is not a database: exit 2"
is "$(sed "s|$tmp/||" "$tmp/err")" "trtc: notes.txt: not an SQLite database (file is not a database)" "... said clearly"
cmp -s "$tmp/notes.txt" "$tmp/notes.orig"
report $? "... and left as it was"
"$trtc" ingest $ctx "$tmp/no/such/dir/calls.db" "$gen/user-events-u001.json" >"$tmp/out" 2>"$tmp/err"
is "$?:$(sed "s|$tmp/||" "$tmp/err")" "2:trtc: no/such/dir/calls.db: cannot open it as a database (unable to open database file)" \
  "a database that cannot be created: exit 2, said"
mkdir "$tmp/adir"
"$trtc" ingest $ctx "$tmp/adir" "$gen/user-events-u001.json" >"$tmp/out" 2>"$tmp/err"
is "$?" 2 "a directory given as the database: exit 2"
is "$(cat "$tmp/out")" "" "... and no summary"
exit 0
