#!/bin/sh
# tests/bench-ingest.sh: how fast trtc_user_events reads a DescribeUserEvent
# response, against the plain SQL a user would write without it (json_each
# over Data and Content, json_extract per field, the scalar functions per
# column). Not part of make check (no timed tests); "make bench-ingest"
# runs it.
#
#   tests/bench-ingest.sh [-n EVENTS] [-p PEERS] [-r REPEATS] MODULE
#
# Generates one response of EVENTS events (default 100000) spread over
# PEERS EventLists (default 10), runs both queries REPEATS times (default
# 5) in one sqlite3 session, keeps the fastest run of each, and prints
# ns per event and the ratio. Both queries read every column of every row.
set -eu
events=100000 peers=10 repeats=5
while getopts n:p:r: opt; do
  case $opt in
    n) events=$OPTARG ;;
    p) peers=$OPTARG ;;
    r) repeats=$OPTARG ;;
    *) echo "usage: $0 [-n EVENTS] [-p PEERS] [-r REPEATS] MODULE" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: $0 [-n EVENTS] [-p PEERS] [-r REPEATS] MODULE" >&2; exit 2; }
module=$1
: "${SQLITE3:=sqlite3}"

tvf="SELECT count(*), sum(length(peer_id)), sum(type), sum(length(stream)), sum(time_ms),
       sum(event_id), sum(param1), sum(param2), sum(length(text)), sum(length(source)),
       sum(length(category)), sum(length(severity))
  FROM doc, trtc_user_events(doc.j);"
plain="WITH l AS MATERIALIZED (
  SELECT json_extract(value, '\$.PeerId') AS peer_id, json_extract(value, '\$.Content') AS content
    FROM doc, json_each(doc.j, '\$.Response.Data')),
m AS (
  SELECT l.peer_id, json_extract(e.value, '\$.Type') AS type, json_extract(e.value, '\$.Time') AS time_ms,
         json_extract(e.value, '\$.EventId') AS event_id, json_extract(e.value, '\$.ParamOne') AS param1,
         json_extract(e.value, '\$.ParamTwo') AS param2
    FROM l, json_each(l.content) AS e),
x AS (
  SELECT peer_id, type, trtc_stream_type(type) AS stream, time_ms, event_id, param1, param2,
         trtc_event(event_id, param1, param2) AS text, trtc_event_source(event_id) AS source,
         trtc_event_category(event_id) AS category,
         trtc_event_severity(event_id, param1, param2) AS severity
    FROM m)
SELECT count(*), sum(length(peer_id)), sum(type), sum(length(stream)), sum(time_ms),
       sum(event_id), sum(param1), sum(param2), sum(length(text)), sum(length(source)),
       sum(length(category)), sum(length(severity))
  FROM x;"

{
  printf '.load %s\n' "$module"
  cat <<SQL
CREATE TEMP TABLE kinds(k INTEGER PRIMARY KEY, event_id, param1, param2);
INSERT INTO kinds(event_id, param1, param2) VALUES
  (5001, -1, -1), (5003, 1, -1), (4003, 1280, 720), (32788, -1, -1), (1003, 1, -1),
  (5007, -1, -1), (4015, 1, -1), (2002, 5, -1), (4013, 17, 0), (6001, 101, 0);
CREATE TEMP TABLE doc AS
WITH RECURSIVE i(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM i WHERE x < $events - 1),
ev AS (SELECT x, x % $peers AS peer,
              json_object('Type', (x % 3) * 2, 'Time', 1700000000000 + x * 7,
                          'EventId', k.event_id, 'ParamOne', k.param1, 'ParamTwo', k.param2) AS m
         FROM i JOIN kinds AS k ON k.k = x % 10 + 1),
lists AS (SELECT json_object('PeerId', 'user' || peer, 'Content', json_group_array(json(m))) AS l
            FROM ev GROUP BY peer)
SELECT json_object('Response', json_object('Data', json_group_array(json(l)), 'RequestId', 'bench')) AS j
  FROM lists;
SQL
  echo ".timer on"
  r=0
  while [ $r -lt "$repeats" ]; do
    printf '.print tvf\n%s\n.print plain\n%s\n' "$tvf" "$plain"
    r=$((r + 1))
  done
} | "$SQLITE3" -batch :memory: | awk -v events="$events" '
  /^(tvf|plain)$/ { which = $0; next }
  /^Run Time:/ { t = $4 + 0; if (!(which in best) || t < best[which]) best[which] = t; next }
  which != "" && /\|/ { split($0, f, "|"); if (f[1] != events) { print "bench-ingest: " which " returned " f[1] " rows" > "/dev/stderr"; bad = 1 }
                        if (which in sig && sig[which] != $0) bad = 1; sig[which] = $0 }
  END {
    if (sig["tvf"] != sig["plain"]) { print "bench-ingest: the two queries disagree" > "/dev/stderr"; bad = 1 }
    printf "%d events in one response, best of the runs:\n", events
    printf "  trtc_user_events      %8.1f ms  %7.1f ns/event\n", best["tvf"] * 1000, best["tvf"] * 1e9 / events
    printf "  plain json_each SQL   %8.1f ms  %7.1f ns/event\n", best["plain"] * 1000, best["plain"] * 1e9 / events
    printf "  ratio                 %8.2f\n", best["tvf"] / best["plain"]
    exit bad
  }'
