#!/bin/sh
# bench/ingest.sh: how fast "trtc ingest" loads, against the bare parse of
# the same files by the extension, and how much memory it takes. Run by
# "make bench-ingest" (not part of make check; figures printed, never
# asserted):
#
#   TRTC=./trtc SQLITE3=sqlite3 TRTC_MODULE=.libs/trtc [SCHEMA=sql/schema.sql] \
#     sh bench/ingest.sh [-r REPEATS] [-f "100 10000"] [-m MB]
#
# It generates seeded DescribeUserEvent responses in a temporary directory
# (removed at the end): directories of 100 and 10,000 files of 20-500
# events, and one response of about 100 MB. For each it times, as whole
# processes (best of REPEATS), and measures the peak memory of
# (/usr/bin/time -v when there, else not shown):
#
#   count    SELECT count(*) FROM fsdir(DIR) f, trtc_user_events(f.data)
#            in the sqlite3 shell: reading and parsing every file, nothing
#            stored (the floor of reading)
#   sql      the SQL-only route in the sqlite3 shell (sql/sample/load.sql's
#            statements): sql/schema.sql, every file into trtc_responses
#            with sha3(), its rows into trtc_event_log with
#            trtc_user_events, in one transaction: the floor of storing,
#            without any check
#   ingest   trtc ingest into a new database: the same, plus splitting the
#            files, duplicates, context and unit checks, a savepoint per
#            file, a commit every second
#
# and prints ingest / count (the goal in issue 9: within 1.5), ingest / sql
# and, for the directories, the cost per event at 100 and at 10,000 files
# (the goal: flat: memory and time do not grow with the number of files).
set -eu
: "${TRTC:?the trtc command}" "${TRTC_MODULE:?the trtc module, without .so}"
: "${SQLITE3:=sqlite3}" "${SCHEMA:=$(dirname "$0")/../sql/schema.sql}"
repeats=3
sizes="100 10000"
mb=100
while getopts r:f:m: opt; do
  case $opt in
    r) repeats=$OPTARG ;;
    f) sizes=$OPTARG ;;
    m) mb=$OPTARG ;;
    *) echo "usage: $0 [-r REPEATS] [-f \"FILES...\"] [-m MB]" >&2; exit 2 ;;
  esac
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/trtc-bench-ingest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
timer=
[ -x /usr/bin/time ] && timer=/usr/bin/time

# gen DIR N SEED: N responses of 20-500 events, user-events-uNNNNN.json.
gen() {
  mkdir -p "$1"
  awk -v dir="$1" -v n="$2" -v seed="$3" 'BEGIN {
    srand(seed)
    split("5001 -1 -1,5003 1 -1,5003 0 -1,5007 -1 -1,4003 1280 720,2002 5 -1,1003 0 -1,32788 -1 -1,3001 1 -1", ev, ",")
    for (i = 1; i <= n; i++) {
      f = sprintf("%s/user-events-u%05d.json", dir, i)
      k = 20 + int(rand() * 481)
      t = 1710235800000 + int(rand() * 1000000)
      printf "{\"Response\": {\"Data\": [{\"PeerId\": \"u%05d\", \"Content\": [\n", i > f
      for (j = 1; j <= k; j++) {
        split(ev[1 + int(rand() * 9)], e, " ")
        t += 1 + int(rand() * 500)
        printf "%s{\"Type\": %d, \"Time\": %.0f, \"EventId\": %d, \"ParamOne\": %d, \"ParamTwo\": %d}", \
          (j > 1 ? ",\n" : ""), (rand() < 0.7 ? 0 : 2), t, e[1], e[2], e[3] >> f
      }
      printf "]}], \"RequestId\": \"bench-%d-%05d\"}}\n", seed, i >> f
      close(f)
    }
  }'
}

# gen_big DIR MB: one response of about MB megabytes.
gen_big() {
  mkdir -p "$1"
  awk -v f="$1/user-events-big.json" -v mb="$2" 'BEGIN {
    srand(7)
    n = int(mb * 1000000 / 86)
    t = 1710235800000
    printf "{\"Response\": {\"Data\": [{\"PeerId\": \"big\", \"Content\": [\n" > f
    for (j = 1; j <= n; j++) {
      t += 1 + int(rand() * 50)
      printf "%s{\"Type\": 0, \"Time\": %.0f, \"EventId\": 5003, \"ParamOne\": %d, \"ParamTwo\": -1}", \
        (j > 1 ? ",\n" : ""), t, int(rand() * 2) >> f
    }
    printf "]}], \"RequestId\": \"bench-big\"}}\n" >> f
    close(f)
  }'
}

# run NAME CMD...: best wall time in seconds over $repeats runs -> $best,
# peak RSS (MB) of the best run -> $rss
run() {
  name=$1
  shift
  best=
  rss=-
  r=0
  while [ "$r" -lt "$repeats" ]; do
    r=$((r + 1))
    rm -f "$tmp/bench.db" "$tmp/bench.db-journal"
    t0=$(date +%s.%N)
    if [ -n "$timer" ]; then
      "$timer" -v -o "$tmp/time.out" "$@" >/dev/null 2>"$tmp/err" || { echo "$name failed:"; cat "$tmp/err"; exit 1; }
    else
      "$@" >/dev/null 2>"$tmp/err" || { echo "$name failed:"; cat "$tmp/err"; exit 1; }
    fi
    t1=$(date +%s.%N)
    t=$(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }')
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$t
      [ -n "$timer" ] && rss=$(awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$tmp/time.out")
    fi
  done
}

# bench LABEL DIR: count vs ingest over DIR
bench() {
  events=$("$SQLITE3" -cmd ".load $TRTC_MODULE" :memory: \
    "SELECT count(*) FROM fsdir('$2') AS f, trtc_user_events(f.data) AS e WHERE f.name LIKE '%.json'")
  bytes=$(du -sb "$2" | awk '{ print $1 }')
  run count "$SQLITE3" -cmd ".load $TRTC_MODULE" :memory: \
    "SELECT count(*) FROM fsdir('$2') AS f, trtc_user_events(f.data) AS e WHERE f.name LIKE '%.json'"
  tc=$best
  rc=$rss
  run sql "$SQLITE3" -bail -cmd ".load $TRTC_MODULE" "$tmp/bench.db" ".read $SCHEMA" \
    "BEGIN;
     INSERT INTO trtc_responses (api, comm_id, room_id, user_id, source_file, body, body_sha3)
       SELECT 'DescribeUserEvent', '1400188366_61203_1710235800', '61203', substr(f.name, length('$2') + 14, 6), f.name,
              CAST(f.data AS TEXT), sha3(f.data, 256)
         FROM fsdir('$2') AS f WHERE f.name LIKE '%.json';
     INSERT INTO trtc_event_log (response_id, seq, sdk_app_id, comm_id, room_id, user_id, peer_id, type, time_ms, event_id, param1, param2)
       SELECT r.response_id, e.rowid, r.sdk_app_id, r.comm_id, r.room_id, r.user_id, e.peer_id, e.type, e.time_ms, e.event_id, e.param1, e.param2
         FROM trtc_responses AS r, trtc_user_events(r.body) AS e;
     COMMIT;"
  ts=$best
  rs=$rss
  run ingest "$TRTC" ingest --quiet --comm-id 1400188366_61203_1710235800 --room 61203 "$tmp/bench.db" "$2"
  ti=$best
  ri=$rss
  printf '%-13s %8s events %6s MB | count %6ss %4s MB | sql %6ss %4s MB | ingest %6ss %4s MB | ingest/count %5s, /sql %4s | %5s ns/event\n' \
    "$1" "$events" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')" "$tc" "$rc" "$ts" "$rs" "$ti" "$ri" \
    "$(awk -v a="$ti" -v b="$tc" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v a="$ti" -v b="$ts" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v a="$ti" -v n="$events" 'BEGIN { printf "%.0f", a * 1e9 / n }')"
  eval "nspe_$3=\$(awk -v a=\"\$ti\" -v n=\"\$events\" 'BEGIN { printf \"%.0f\", a * 1e9 / n }')"
}

echo "trtc ingest against SELECT count(*) FROM trtc_user_events(...), best of $repeats (peak RSS from ${timer:-nothing})"
echo "$("$TRTC" --version)"
first=
last=
for n in $sizes; do
  gen "$tmp/d$n" "$n" "$n"
  bench "$n files" "$tmp/d$n" "$n"
  rm -rf "$tmp/d$n"
  [ -n "$first" ] || first=$n
  last=$n
done
if [ "$first" != "$last" ]; then
  eval "a=\$nspe_$first; b=\$nspe_$last"
  echo "ingest cost per event, $last files / $first files: $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }') (goal: about 1.00)"
fi
if [ "$mb" -gt 0 ]; then
  gen_big "$tmp/big" "$mb"
  bench "one response" "$tmp/big" big
  echo "(SQLite's own JSON parse of the one response, for memory: json_valid)"
  run json_valid "$SQLITE3" :memory: "SELECT json_valid(readfile('$tmp/big/user-events-big.json'))"
  echo "json_valid: ${best}s, $rss MB"
fi
