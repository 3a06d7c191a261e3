#!/bin/sh
# tests/report_cli.sh: "trtc report" as a command: options, exit statuses
# and messages for every kind of bad input, the database left untouched,
# the data embedded in the page exactly as sql/report.sql gives it in the
# sqlite3 shell and escaped for the <script> element, --call / --user /
# --tz, calls without a CommId, stays without exit, events without time.
# (How the page looks and behaves: tests/report_browser.sh.)
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"
. "$TRTC_SRCDIR/tests/report/load-sample.sh"
trtc=$TRTC_BUILDDIR/trtc
r() { $TRTC_RUN "$trtc" report "$@"; }
q() { "$sqlite" -batch -bail -cmd ".load $TRTC_MODULE" "$@"; }
# data PAGE: the JSON of the page's data element, as written (one line).
data() { sed -n 's/^<script type="application\/json" id="trtc-data">\(.*\)<\/script>$/\1/p' "$1"; }
# same A.json B.json: 1 when the two JSON files hold the same values
# (every key and atom, escapes decoded), else 0.
same() {
  q :memory: "SELECT (SELECT group_concat(fullkey || '=' || quote(atom), char(10)) FROM json_tree(CAST(readfile('$1') AS TEXT)))
                   IS (SELECT group_concat(fullkey || '=' || quote(atom), char(10)) FROM json_tree(CAST(readfile('$2') AS TEXT)))"
}
# j PAGE PATH: a value of the page's data.
j() { data "$1" >"$tmp/j.json"; q :memory: "SELECT json_extract(CAST(readfile('$tmp/j.json') AS TEXT), '$2')"; }

echo "1..66"

load_sample "$tmp/s.db" 2>/dev/null
report $? "the sample call loads"
call=1400188366_61203_1710235800

# ---- usage -------------------------------------------------------------------
r --help >"$tmp/out" 2>&1
st=$?
is "$st $(head -c 24 "$tmp/out")" "0 usage: trtc report DB -o" "--help: usage on stdout, exit 0"
r >/dev/null 2>"$tmp/err"
is "$? $(head -n1 "$tmp/err")" "2 trtc report: no database given" "no arguments: exit 2"
r "$tmp/s.db" 2>"$tmp/err" >/dev/null
is "$? $(head -n1 "$tmp/err")" "2 trtc report: no output given (-o FILE.html)" "no -o: exit 2"
r "$tmp/s.db" -o "$tmp/x.html" --colour 2>"$tmp/err"
is "$? $(cat "$tmp/err")" "2 trtc report: unknown option --colour (see 'trtc report --help')" "unknown option: exit 2"
r "$tmp/s.db" "$tmp/s.db" -o "$tmp/x.html" 2>/dev/null
is "$?" 2 "two databases: exit 2"
set --
i=0
while [ $i -le 1000 ]; do set -- "$@" --user "u$i"; i=$((i + 1)); done
r "$tmp/s.db" -o "$tmp/x.html" "$@" 2>"$tmp/err"
is "$? $(cat "$tmp/err")" "2 trtc report: at most 1000 --user options" "1001 --user options: exit 2"
set --
r -o "$tmp/dash.html" -- "$tmp/s.db" 2>/dev/null
is "$? $(test -s "$tmp/dash.html"; echo $?)" "0 0" "-- ends the options"
r "$tmp/s.db" -o "$tmp/no/such/dir/x.html" 2>"$tmp/err"
is "$? $(grep -c 'No such file or directory' "$tmp/err")" "2 1" "an output that cannot be created: exit 2"
if [ -c /dev/full ] && [ -w /dev/full ]; then
  r "$tmp/s.db" -o /dev/full 2>"$tmp/err"
  is "$? $(cat "$tmp/err") $(test -c /dev/full; echo $?)" "2 trtc report: cannot write /dev/full 0" \
    "an output that cannot be written (a full disk): exit 2, and the device is left in place"
else
  report 0 "# SKIP no writable /dev/full"
fi
r "$tmp/s.db" -o "$tmp/x.html" --call 2>"$tmp/err"
is "$? $(cat "$tmp/err")" "2 trtc report: --call needs a value (see 'trtc report --help')" "an option without its value: exit 2"
bad=
for tz in 8 +8 +08: +08:60 +15:00 -12:30 +0800x abc '' +08:0 +a8 +0a +08:a0 +08:0a +08x00 - utc+1; do
  r "$tmp/s.db" -o "$tmp/x.html" --tz "$tz" 2>"$tmp/err"
  st=$?
  [ $st -eq 2 ] && grep -q -- '--tz' "$tmp/err" || bad="$bad [$tz]=$st"
done
is "$bad" "" "a bad --tz is a usage error naming --tz (8, +8, +08:, +08:60, +15:00, -12:30, ...)"
test ! -e "$tmp/x.html"
report $? "no page is written after a usage error"
got=
for tz in utc Z +0800 +08 -12:00 +14:00 +05:45 -0930; do
  r "$tmp/s.db" -o "$tmp/tz.html" --tz "$tz" 2>/dev/null
  got="$got $tz=$?:$(j "$tmp/tz.html" '$.tz')"
done
rm -f "$tmp/tz.html"
is "$got" " utc=0:+00:00 Z=0:+00:00 +0800=0:+08:00 +08=0:+08:00 -12:00=0:-12:00 +14:00=0:+14:00 +05:45=0:+05:45 -0930=0:-09:30" \
  "the --tz forms taken (UTC, Z, +HH:MM, +HHMM, +HH; -12:00 to +14:00), each shown as +HH:MM"
bad=
for o in -o --output --user --call --tz; do
  r "$tmp/s.db" -o "$tmp/x.html" "$o=" 2>"$tmp/err"
  st=$?
  [ $st -eq 2 ] && grep -q -- "$o needs a value" "$tmp/err" || bad="$bad [$o=]=$st"
done
is "$bad" "" "an empty value (--user=, -o=, ...) is a usage error naming the option"

# ---- databases that cannot be reported on ---------------------------------------
r "$tmp/none.db" -o "$tmp/x.html" 2>"$tmp/err"
st=$?
is "$st $(grep -c 'cannot open' "$tmp/err") $(test -e "$tmp/none.db"; echo $?)" "2 1 1" \
  "a database that does not exist: exit 2, 'cannot open', and none is created"
printf 'not a database at all, but long enough to be read as a header by SQLite....................' >"$tmp/text.db"
r "$tmp/text.db" -o "$tmp/x.html" 2>"$tmp/err"
is "$? $(grep -c 'file is not a database' "$tmp/err")" "2 1" "a file that is not a database: exit 2"
q "$tmp/other.db" "CREATE TABLE t(x)"
r "$tmp/other.db" -o "$tmp/x.html" 2>"$tmp/err"
is "$? $(cat "$tmp/err")" "2 trtc report: $tmp/other.db: not a database of trtc responses: it has no table trtc_responses (make one with 'trtc ingest $tmp/other.db FILE...')" \
  "a database without the schema's tables: exit 2, says which table and how to make one"
q "$tmp/cols.db" "CREATE TABLE trtc_responses(z); CREATE TABLE trtc_event_log(x); CREATE TABLE trtc_unusual_log(y); INSERT INTO trtc_event_log VALUES (1)"
r "$tmp/cols.db" -o "$tmp/x.html" 2>"$tmp/err"
is "$? $(grep -c "trtc report: $tmp/cols.db: no such column" "$tmp/err")" "2 1" \
  "tables of those names with other columns: exit 2, SQLite's message"
q "$tmp/empty.db" <"$src/sql/schema.sql"
r "$tmp/empty.db" -o "$tmp/x.html" 2>"$tmp/err"
is "$? $(cat "$tmp/err")" "1 trtc report: $tmp/empty.db: no calls: the database holds no events and no abnormal experiences (load responses with 'trtc ingest')" \
  "an empty database: exit 1, 'no calls'"
test ! -e "$tmp/x.html"
report $? "... and no page is written (never an empty page with exit 0)"

# ---- the sample ----------------------------------------------------------------------
sum0=$(cksum <"$tmp/s.db")
r "$tmp/s.db" -o "$tmp/s.html" 2>"$tmp/err"
is "$? $(cat "$tmp/err")" "0 trtc report: wrote $tmp/s.html: 1 call(s), 5 user lane(s), 104 event(s)" \
  "the sample: exit 0, what was written said on stderr"
is "$(cksum <"$tmp/s.db") $(ls "$tmp" | grep -c 's.db-')" "$sum0 0" "the database is left as it was (opened read-only: no journal, no change)"
is "$(grep -c '</script>' "$tmp/s.html") $(grep -c '<script' "$tmp/s.html")" "2 2" "the page has two script elements (its data and its script)"
grep -q "script-src 'sha256-[A-Za-z0-9+/]\{43\}='" "$tmp/s.html"
report $? "its Content-Security-Policy allows only its own script, by hash"
grep -q "default-src 'none'" "$tmp/s.html"
report $? "... and no request (default-src 'none')"
# The hash, computed here with sha256sum and base64 (coreutils).
hex=$(sha256sum <"$src/report/report.js" | cut -c1-64)
want=$(printf "$(echo "$hex" | awk '{ for (i = 1; i < 64; i += 2) printf "\\%03o", \
  (index("0123456789abcdef", substr($0, i, 1)) - 1) * 16 + index("0123456789abcdef", substr($0, i + 1, 1)) - 1 }')" | base64)
grep -q "script-src 'sha256-$want'" "$tmp/s.html"
report $? "... its hash is report/report.js's SHA-256 (as sha256sum computes it)"
data "$tmp/s.html" >"$tmp/page.json"
q "$tmp/s.db" <"$src/sql/report.sql" >"$tmp/shell.json"
is "$(same "$tmp/page.json" "$tmp/shell.json")" 1 \
  "the page's data is what sql/report.sql prints in the sqlite3 shell"
is "$(j "$tmp/s.html" '$.calls[0].comm_id') $(j "$tmp/s.html" '$.calls[0].events') $(j "$tmp/s.html" '$.tz')" \
  "$call $(q :memory: "SELECT json_extract(CAST(readfile('$tmp/shell.json') AS TEXT), '\$.calls[0].events')") +00:00" \
  "... (the call, every event, UTC by default)"
is "$(q :memory: "SELECT json_array_length(CAST(readfile('$tmp/page.json') AS TEXT), '\$.calls[0].events')")" 104 "all 104 events are in the page"
is "$(q :memory: "SELECT group_concat(json_extract(value, '\$.id') || ':' || json_extract(value, '\$.n_events'), ' ') FROM json_each(CAST(readfile('$tmp/page.json') AS TEXT), '\$.calls[0].users')")" \
  "alice:30 bob:14 carol:21 dave:18 erin:21" "one user each, in order of their first event, with their event counts"
is "$(q :memory: "SELECT group_concat(json_extract(e.value, '\$.entry_ms'), ' ') FROM json_each(CAST(readfile('$tmp/page.json') AS TEXT), '\$.calls[0].users') AS u, json_each(u.value, '\$.entry') AS e")" \
  "535 840 5020 810 730 600" "the room-entry times of sql/examples/02-room-entry.sql"
r "$tmp/s.db" -o - >"$tmp/stdout.html" 2>/dev/null
is "$? $(cmp -s "$tmp/stdout.html" "$tmp/s.html"; echo $?)" "0 0" "-o - writes the same page to standard output (the same bytes: nothing varies from run to run)"
"$trtc" help report >"$tmp/help" 2>&1
is "$? $(head -c 24 "$tmp/help")" "0 usage: trtc report DB -o" "trtc help report"

# A database whose views are missing or not the ones this command knows
# (made before them, or changed by hand) reports the same: the command
# reads it through its own views (TEMP), and writes nothing to it.
cp "$tmp/s.db" "$tmp/v.db"
q "$tmp/v.db" "DROP VIEW trtc_event_log_decoded; CREATE VIEW trtc_event_log_decoded AS SELECT 1 AS x;
               DROP VIEW trtc_unusual_log_decoded"
r "$tmp/v.db" -o "$tmp/v.html" 2>/dev/null
data "$tmp/v.html" >"$tmp/v.json"
is "$? $(same "$tmp/v.json" "$tmp/page.json") $(q "$tmp/v.db" "SELECT sql FROM sqlite_master WHERE name = 'trtc_event_log_decoded'")" \
  "0 1 CREATE VIEW trtc_event_log_decoded AS SELECT 1 AS x" \
  "a database with a stale view and a missing one: the same page, the database untouched"

# ---- --call, --user, --tz ---------------------------------------------------------
r "$tmp/s.db" -o "$tmp/x.html" --call 1400188366_61203_0 2>"$tmp/err"
is "$? $(cat "$tmp/err")" "1 trtc report: $tmp/s.db: no call '1400188366_61203_0'; the calls are: $call" \
  "an unknown --call: exit 1, the calls named"
test ! -e "$tmp/x.html"
report $? "... and no page"
r "$tmp/s.db" -o "$tmp/x.html" --user alice --user mallory 2>"$tmp/err"
is "$? $(cat "$tmp/err")" "1 trtc report: $tmp/s.db: no user 'mallory' in any call; the users are: alice, bob, carol, dave, erin" \
  "an unknown --user: exit 1, the users named"
r "$tmp/s.db" -o "$tmp/c.html" --call "$call" --user carol --user=alice 2>/dev/null
is "$? $(j "$tmp/c.html" '$.calls[0].users[0].id') $(j "$tmp/c.html" '$.calls[0].users[1].id') $(j "$tmp/c.html" '$.calls[0].users[2].id') $(j "$tmp/c.html" '$.calls[0].n_users_all')" \
  "0 alice carol  5" "--call and --user: the lanes of those users only (the page says how many there were)"
data "$tmp/c.html" >"$tmp/c.json"
is "$(q :memory: "SELECT json_array_length(CAST(readfile('$tmp/c.json') AS TEXT), '\$.calls[0].events')")" 51 \
  "... with their events only (30 + 21)"
r "$tmp/s.db" -o "$tmp/tz.html" --tz +08:00 2>/dev/null
is "$? $(j "$tmp/tz.html" '$.tz') $(j "$tmp/tz.html" '$.tz_min') $(j "$tmp/tz.html" '$.calls[0].users[2].entry[0].started')" \
  "0 +08:00 480 17:30:40.050" "--tz +08:00: times in the summary shown at UTC+08:00"
r "$tmp/s.db" -o "$tmp/tz.html" --tz=-03:30 2>/dev/null
is "$? $(j "$tmp/tz.html" '$.tz') $(j "$tmp/tz.html" '$.calls[0].users[2].entry[0].started')" \
  "0 -03:30 06:00:40.050" "--tz=-03:30 (a negative offset with minutes)"
r "$tmp/s.db" -o "$tmp/tz.html" --tz UTC 2>/dev/null
is "$? $(j "$tmp/tz.html" '$.tz')" "0 +00:00" "--tz UTC"

cat "$src/sql/schema.sql" "$src/bench/report-large.sql" | q "$tmp/large.db"
r "$tmp/large.db" -o "$tmp/x.html" --user u99 2>"$tmp/err"
is "$? $(sed 's/u01, .*, u30, \.\.\.$/u01 to u30, .../' "$tmp/err")" \
  "1 trtc report: $tmp/large.db: no user 'u99' in any call; the users are: u01 to u30, ..." \
  "a long list of users is cut after 30"

# ---- what is missing is marked -------------------------------------------------------
# Rows without a CommId (room 777), an abnormal experience without one that
# falls in the sample call's time, a stay with no exit, an exit with no entry,
# an event without a time, a user only named as a remote peer.
cp "$tmp/s.db" "$tmp/m.db"
q "$tmp/m.db" <<'EOF'
INSERT INTO trtc_responses (response_id, api, sdk_app_id, comm_id, room_id, user_id, body, body_sha3)
VALUES (501, 'DescribeUserEvent', 1400188366, NULL, '777', 'zoe', '{}', x'51'),
       (502, 'DescribeUserEvent', 1400188366, NULL, '777', 'yann', '{}', x'52'),
       (503, 'DescribeUnusualEvent', 1400188366, NULL, '61203', NULL, '{}', x'53');
INSERT INTO trtc_event_log VALUES
 (501, 1, 1400188366, NULL, '777', 'zoe', 'zoe', 0, 1710300000000, 5001, -1, -1),
 (501, 2, 1400188366, NULL, '777', 'zoe', 'zoe', 0, 1710300000900, 5003, 1, -1),
 (501, 3, 1400188366, NULL, '777', 'zoe', 'xavier', 2, 1710300003000, 5007, -1, -1),
 (501, 4, 1400188366, NULL, '777', 'zoe', 'zoe', 0, NULL, 2001, 1, -1),
 (502, 1, 1400188366, NULL, '777', 'yann', 'yann', 0, 1710300005000, 3001, 0, -1),
 (502, 2, 1400188366, NULL, '777', 'yann', 'yann', 0, 1710300060000, 5008, 1, -1);
INSERT INTO trtc_unusual_log VALUES (503, 1, 1400188366, NULL, '61203', 'dave', 1710236000, 3, 1020, NULL);
EOF
r "$tmp/m.db" -o "$tmp/m.html" 2>"$tmp/err"
# notes PAGE: the notes of the page's box, as stderr says them ("CALL: NOTE").
notes() {
  data "$1" >"$tmp/n.json"
  q :memory: "SELECT ifnull(json_extract(c.value, '\$.comm_id'), 'room ' || json_extract(c.value, '\$.room_id')) || ': ' || n.value
                FROM json_each(CAST(readfile('$tmp/n.json') AS TEXT), '\$.calls') AS c, json_each(c.value, '\$.notes') AS n"
}
notes "$tmp/m.html" >"$tmp/notes.page"
sed -n 's/^trtc report: note: //p' "$tmp/err" >"$tmp/notes.err"
is "$? $(wc -l <"$tmp/notes.err") $(cmp -s "$tmp/notes.err" "$tmp/notes.page"; echo $?)" "0 7 0" \
  "missing pieces: exit 0, one note on stderr for each note of the page's box, the same text"
grep -q "note: room 777: rows without a CommId: the rows of room 777" "$tmp/err" &&
  grep -q "note: room 777: user xavier has no events of their own" "$tmp/err" &&
  grep -q "note: room 777: 1 event(s) without a time (not drawn" "$tmp/err" &&
  grep -q "note: room 777: no exit reported (the bar is open-ended, to the end of the call): zoe (entered 03:20:00.900)" "$tmp/err" &&
  grep -q "note: room 777: an exit with no entry reported before it (the bar starts at the left edge): yann (left 03:21:00.000)" "$tmp/err"
report $? "... the call without CommId, the user seen only as a remote peer, the event without time, the open stay, the exit without entry"
is "$(j "$tmp/m.html" '$.calls[1].comm_id')|$(j "$tmp/m.html" '$.calls[1].room_id')|$(j "$tmp/m.html" '$.calls[1].users')" \
  '|777|[{"id":"zoe","client":"SDK","n_events":4,"n_untimed":1,"n_unusual":0,"seen_by":null,"device":null,"sdk_version":null,"listed":[],"stays":[[1710300000900,null,null]],"entry":[{"attempt":1,"started_ms":1710300000000,"started":"03:20:00.000","ended_ms":1710300000900,"entered":1,"outcome":"Entered room successfully","entry_ms":900,"since_first_ms":900}],"first_frame":[{"remote":"xavier","stream":"big","frame_ms":1710300003000,"first_frame":"03:20:03.000","ttff_ms":3000}],"problems":[["app",0,1]]},{"id":"yann","client":"SDK","n_events":2,"n_untimed":0,"n_unusual":0,"seen_by":null,"device":null,"sdk_version":null,"listed":[],"stays":[[null,1710300060000,"Exited room successfully"]],"entry":[],"first_frame":[],"problems":[]},{"id":"xavier","client":null,"n_events":0,"n_untimed":0,"n_unusual":0,"seen_by":"zoe","device":null,"sdk_version":null,"listed":[],"stays":[],"entry":[],"first_frame":[],"problems":[]}]' \
  "the call without CommId: open-ended stay, exit without entry, untimed event, remote-only user"
is "$(j "$tmp/m.html" '$.calls[0].experiences[#-1].causes[0].id') $(j "$tmp/m.html" '$.calls[0].experiences[#-1].lane')" "1020 3" \
  "an experience without CommId joins the call of its room that holds its time"
r "$tmp/m.db" -o "$tmp/m1.html" --call 777 2>/dev/null
is "$? $(j "$tmp/m1.html" '$.calls[0].room_id') $(j "$tmp/m1.html" '$.calls[1]')" "0 777 " "--call ROOM selects a room's rows without CommId"

# The user list of trtc fetch (trtc_users): device and SDK version shown,
# sessions drawn, and a listed user without events gets a marked lane.
cp "$tmp/s.db" "$tmp/u.db"
q "$tmp/u.db" "INSERT INTO trtc_users (sdk_app_id, comm_id, room_id, user_id, join_ts, leave_ts, device_type, sdk_version, client_ip, finished)
  VALUES (1400188366, '$call', '61203', 'alice', 1710235800, 1710236401, 'iPhone14,2', '11.4.0', '10.0.0.1', 1),
         (1400188366, '$call', '61203', 'frank', 1710235900, 0, 'Android', '11.4.0', '10.0.0.3', 0)"
r "$tmp/u.db" -o "$tmp/u.html" 2>"$tmp/err"
is "$? $(j "$tmp/u.html" '$.calls[0].users[0].device') $(j "$tmp/u.html" '$.calls[0].users[0].listed') $(j "$tmp/u.html" '$.calls[0].users[5].id') $(j "$tmp/u.html" '$.calls[0].users[5].listed') $(grep -c 'user frank has no events of their own' "$tmp/err")" \
  "0 iPhone14,2 [[1710235800000,1710236401000]] frank [[1710235900000,null]] 1" \
  "the user list (trtc_users): device, sessions, a listed user without events marked"
# A database made by the old sql/ingest.sh (Tencent's example responses),
# before trtc_users and the analytics views existed.
q "$tmp/old.db" <"$src/tests/fixtures/old_ingest_db.sql"
before=$(q "$tmp/old.db" "SELECT group_concat(name) FROM sqlite_master")
r "$tmp/old.db" -o "$tmp/old.html" 2>/dev/null
is "$? $(j "$tmp/old.html" '$.calls[0].comm_id') $(j "$tmp/old.html" '$.calls[0].users[0].id') $(j "$tmp/old.html" '$.calls[0].users[0].n_events') $(q "$tmp/old.db" "SELECT group_concat(name) FROM sqlite_master" | cmp -s - /dev/stdin <<EOF2
$before
EOF2
echo $?)" "0 1400000001_8008_1700000000 alice $(q "$tmp/old.db" "SELECT count(*) FROM trtc_event_log WHERE user_id = 'alice'") 0" \
  "a database of the old sql/ingest.sh (Tencent's example responses) reports through today's views, and is not changed"

# ---- hostile text: escaped for the script element ---------------------------------------
cp "$tmp/s.db" "$tmp/h.db"
q "$tmp/h.db" <"$src/tests/report/hostile.sql"
r "$tmp/h.db" -o "$tmp/h.html" 2>/dev/null
report $? "the hostile database: a page"
data "$tmp/h.html" >"$tmp/h.json"
is "$(tr -cd '<>&' <"$tmp/h.json" | wc -c) $(grep -c "$(printf '\342\200\250')" "$tmp/h.json")" "0 0" \
  "its data has no <, >, & or U+2028 left unescaped"
is "$(grep -c '</script>' "$tmp/h.html") $(grep -c '\\u003c/script\\u003e' "$tmp/h.json")" "2 1" \
  "the ids' </script> are escaped: still two script elements"
q "$tmp/h.db" <"$src/sql/report.sql" >"$tmp/hshell.json"
is "$(same "$tmp/h.json" "$tmp/hshell.json")" 1 \
  "... and it is the same data as sql/report.sql's, once unescaped"
is "$(q :memory: "SELECT count(*) FROM json_tree(CAST(readfile('$tmp/h.json') AS TEXT)) WHERE atom = 'alice' || char(8232) || '</script><b>'")" 3 \
  "a peer id with U+2028 and markup in it comes back whole (its event, its lane, the experience's peer)"

# ---- what the review found (tests/report/make-ux.sh) ---------------------------------------
. "$src/tests/report/make-ux.sh"
make_ux "$tmp/ux" 2>/dev/null
r "$tmp/ux/ux.db" -o "$tmp/ux.html" 2>"$tmp/err"
report $? "the review's calls: a page"
notes "$tmp/ux.html" >"$tmp/notes.page"
sed -n 's/^trtc report: note: //p' "$tmp/err" >"$tmp/notes.err"
is "$(wc -l <"$tmp/notes.err") $(cmp -s "$tmp/notes.err" "$tmp/notes.page"; echo $?)" "9 0" \
  "with an API error and open stays, stderr has one note line per note of the box, the same text"
grep -qF "note: 1400000001_8008_1699999990: no events for gina: their DescribeUserEvent response was an API error InvalidParameter.UserId (UserId not found), file $tmp/ux/c1/user-events-gina.json; they have no lane" "$tmp/err"
report $? "the API-error note names the user, the Code, the message and the file, and says she has no lane"
is "$(j "$tmp/ux.html" '$.calls[0].comm_id') $(j "$tmp/ux.html" '$.calls[0].users[#-1].id') $(j "$tmp/ux.html" '$.calls[3].comm_id')| $(j "$tmp/ux.html" '$.calls[3].room_id') $(j "$tmp/ux.html" '$.calls[3].users[0].id') $(j "$tmp/ux.html" '$.calls[3].experiences[0].causes[0].id')" \
  "1400000001_8008_1699999990 yan | 8009 zed 1013" \
  "a DescribeUnusualEvent row of room 8009 in call 8008's response: shown under room 8009 (no CommId), not under call 8008"
grep -q "note: room 8009: 1 abnormal experience(s) of room 8009 came in a DescribeUnusualEvent response for the call 1400000001_8008_1699999990, of another room" "$tmp/err" &&
  grep -q "note: 1400000001_8008_1699999990: 1 abnormal experience(s) of this CommId's DescribeUnusualEvent response(s) name room 8009" "$tmp/err" &&
  ! grep -q "note: 1400000001_8008_1699999990: user zed" "$tmp/err"
report $? "... each call's notes say so, and none of call 8008's talks about zed"
is "$(j "$tmp/ux.html" '$.calls[0].start_ms') $(j "$tmp/ux.html" '$.calls[0].end_ms') $(j "$tmp/ux.html" '$.calls[0].experiences[0].apart') $(j "$tmp/ux.html" '$.calls[0].experiences[1].apart')" \
  "1700000000123 1700000120000 1 0" \
  "an experience 10,000 s before the call's events does not stretch its time range; it is marked apart"
grep -q "note: 1400000001_8008_1699999990: 1 abnormal experience(s) lie more than 5 min outside this call's events (22:13:20 to 22:15:20): yan at 2023-11-14 19:26:40 (2 h 46 min 40 s before the first event)" "$tmp/err"
report $? "... and a note says so"
is "$(j "$tmp/ux.html" '$.calls[0].users[1].id') $(j "$tmp/ux.html" '$.calls[0].users[1].client') $(j "$tmp/ux.html" '$.calls[0].users[1].entry')" \
  'bob WebRTC [{"attempt":1,"started_ms":null,"started":"(not reported)","ended_ms":1700000000999,"entered":1,"outcome":"Entered room","entry_ms":null,"since_first_ms":null}]' \
  "a WebRTC user's entry: the outcome (entered) known, the start not"
# trtc_time(x, zone) takes up to +-23:59 and only +HH:MM / -HH:MM / UTC;
# --tz takes -12:00..+14:00 and also +HHMM, +HH, Z (docs/report.md).
is "$(q :memory: "SELECT trtc_time(0, '+23:59')") $(r "$tmp/s.db" -o "$tmp/x.html" --tz +23:59 2>&1 >/dev/null | grep -c -- --tz)" \
  "1970-01-01 23:59:00.000 +23:59 1" "the zone ranges of trtc_time and of --tz differ as docs/report.md says"
# A stay whose exit has no time (Time a fraction: NULL): its note names the
# user and says so; no note is ever empty ("note: ?").
printf '{"Response": {"Data": [{"PeerId": "kai", "Content": [{"Type": 0, "Time": 1710235841500.5, "EventId": 5008, "ParamOne": 0, "ParamTwo": -1}, {"Type": 0, "Time": 1710235850000, "EventId": 5002, "ParamOne": 0, "ParamTwo": -1}]}], "RequestId": "no-time"}}' \
  >"$tmp/user-events-kai.json"
$TRTC_RUN "$trtc" ingest --quiet --comm-id 1_2_3 --sdk-app-id 1 --room 2 "$tmp/notime.db" "$tmp/user-events-kai.json" 2>/dev/null
r "$tmp/notime.db" -o "$tmp/notime.html" 2>"$tmp/err"
is "$? $(grep -c 'note: ?$' "$tmp/err") $(grep -c 'kai (left at a time not reported)' "$tmp/err")" "0 0 1" \
  "an exit without a time: the note names the user and says the time is not reported (never an empty note)"
