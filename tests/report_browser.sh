#!/bin/sh
# tests/report_browser.sh: the pages "trtc report" writes, rendered in
# headless Debian chromium (driven by playwright-core from
# tests/report/package-lock.json, installed into the build tree by npm ci:
# mk/report.am) and checked as drawn: lanes, marks against the database,
# the room-entry figures against sql/examples/02-room-entry.sql, tooltips,
# no request, no console error, hostile ids kept as text, 20,000 events
# aggregated, and the look of docs/report-sample.png. The assertions are
# in tests/report/browser.mjs; this script makes the databases and pages.
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"
. "$TRTC_SRCDIR/tests/lib/skip.sh"
. "$TRTC_SRCDIR/tests/report/load-sample.sh"

chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || skip_all "no chromium at $chromium (apt-get install chromium; ./bootstrap --install-deps does)"
command -v node >/dev/null 2>&1 || skip_all "node not found (./bootstrap --install-deps installs nodejs and npm)"
REPORT_NODE_MODULES=$TRTC_BUILDDIR/tests/report/node_modules
[ -f "$REPORT_NODE_MODULES/playwright-core/package.json" ] ||
  skip_all "playwright-core is not installed in $REPORT_NODE_MODULES (make report-node-deps runs npm ci; it needs npm and the registry)"
export REPORT_NODE_MODULES CHROMIUM=$chromium
trtc=$TRTC_BUILDDIR/trtc

fail() { echo "1..1"; echo "not ok 1 - $1"; [ -f "$tmp/err" ] && sed 's/^/# /' "$tmp/err"; exit 1; }

# The sample call, loaded as "make demo" loads it.
load_sample "$tmp/sample.db" 2>"$tmp/err" ||
  fail "the sample call loads"
$TRTC_RUN "$trtc" report "$tmp/sample.db" -o "$tmp/sample.html" 2>"$tmp/err" || fail "trtc report writes the sample's page"
q() { "$sqlite" -batch -bail -cmd ".load $TRTC_MODULE" "$@"; }
call=1400188366_61203_1710235800
{
  printf '{"users": %s,\n' "$(q "$tmp/sample.db" "SELECT json_group_array(user_id) FROM (SELECT user_id FROM trtc_event_log WHERE comm_id = '$call' GROUP BY user_id ORDER BY min(time_ms))")"
  printf '"events": %s,\n' "$(q "$tmp/sample.db" "SELECT json_group_object(user_id, n) FROM (SELECT user_id, count(*) AS n FROM trtc_event_log WHERE comm_id = '$call' GROUP BY user_id)")"
  printf '"remote": %s,\n' "$(q "$tmp/sample.db" "SELECT json_group_object(user_id, n) FROM (SELECT user_id, sum(peer_id <> user_id) AS n FROM trtc_event_log WHERE comm_id = '$call' GROUP BY user_id)")"
  printf '"by_category": %s,\n' "$(q "$tmp/sample.db" "SELECT json_group_object(c, n) FROM (SELECT trtc_event_category(event_id) AS c, count(*) AS n FROM trtc_event_log WHERE comm_id = '$call' GROUP BY 1)")"
  printf '"total": %s,\n' "$(q "$tmp/sample.db" "SELECT count(*) FROM trtc_event_log WHERE comm_id = '$call'")"
  printf '"experiences": %s,\n' "$(q "$tmp/sample.db" "SELECT count(DISTINCT user_id || '/' || event_time || '/' || experience_id) FROM trtc_unusual_log WHERE comm_id = '$call'")"
  printf '"source": "tests/report_browser.sh"}\n'
} >"$tmp/sample.json" 2>"$tmp/err" || fail "the expected figures come from the sample database"
q "$tmp/sample.db" <"$src/sql/examples/02-room-entry.sql" >"$tmp/02-room-entry.out" 2>"$tmp/err" || fail "02-room-entry.sql runs"
q "$tmp/sample.db" <"$src/sql/examples/03-first-frame.sql" >"$tmp/03-first-frame.out" 2>"$tmp/err" || fail "03-first-frame.sql runs"

# Hostile ids: the sample plus tests/report/hostile.sql.
cp "$tmp/sample.db" "$tmp/hostile.db"
q "$tmp/hostile.db" <"$src/tests/report/hostile.sql" 2>"$tmp/err" || fail "tests/report/hostile.sql loads"
$TRTC_RUN "$trtc" report "$tmp/hostile.db" -o "$tmp/hostile.html" 2>"$tmp/err" || fail "trtc report writes the hostile page"
cat >"$tmp/hostile.json" <<'JSON'
{"ids": ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", "<script>alert(5)</script>"],
 "comm_id": "\"><svg onload=alert(3)>"}
JSON

# The large call: 50 users, 20,000 events (bench/report-large.sql).
cat "$src/sql/schema.sql" "$src/bench/report-large.sql" | q "$tmp/large.db" 2>"$tmp/err" ||
  fail "bench/report-large.sql makes the large call"
$TRTC_RUN "$trtc" report "$tmp/large.db" -o "$tmp/large.html" 2>"$tmp/err" || fail "trtc report writes the large page"
echo '{"total": 20000}' >"$tmp/large.json"

# What a review found drawn wrongly (tests/report/make-ux.sh); the notes
# "trtc report" printed, to compare with the page's boxes.
. "$src/tests/report/make-ux.sh"
make_ux "$tmp/ux" 2>"$tmp/err" || fail "tests/report/make-ux.sh loads"
$TRTC_RUN "$trtc" report "$tmp/ux/ux.db" -o "$tmp/ux.html" 2>"$tmp/ux.err" || fail "trtc report writes the review's page"

printf '<!DOCTYPE html><html data-rendered="1"><head><meta charset="utf-8"></head><body></body></html>\n' >"$tmp/blank.html"
node "$src/tests/report/browser.mjs" "$tmp" "$src/docs/report-sample.png"
