#!/bin/sh
# bench/report-bench.sh: how long "trtc report" takes for a large call (50
# users, 20,000 events: bench/report-large.sql) and how long headless
# chromium takes to draw the page and to redraw it; figures printed, not a
# test. "make bench" runs it from the build tree (mk/report.am):
#
#   bench/report-bench.sh SRCDIR TRTC      (SQLITE3, TRTC_MODULE, CHROMIUM)
#
# Without chromium, node or playwright-core (make report-node-deps) it
# says what is missing and skips the browser part.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 SRCDIR TRTC" >&2; exit 2; }
srcdir=$1 trtc=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); }

cat "$srcdir/sql/schema.sql" "$srcdir/bench/report-large.sql" |
  "${SQLITE3:-sqlite3}" -batch -bail -cmd ".load ${TRTC_MODULE:-./trtc}" "$tmp/large.db"
best=
for i in 1 2 3; do
  t0=$(now)
  "$trtc" report "$tmp/large.db" -o "$tmp/large.html" 2>/dev/null
  t=$(ms "$t0" "$(now)")
  if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
done
size=$(wc -c <"$tmp/large.html")
echo "report bench: 50 users, 20000 events: trtc report writes the page in $best ms (best of 3), $((size / 1024)) KiB"

chromium=${CHROMIUM:-/usr/bin/chromium}
REPORT_NODE_MODULES=${REPORT_NODE_MODULES:-$(pwd)/tests/report/node_modules}
export REPORT_NODE_MODULES
if [ ! -x "$chromium" ]; then echo "report bench: no chromium at $chromium: browser part skipped"; exit 0; fi
if ! command -v node >/dev/null 2>&1; then echo "report bench: no node: browser part skipped"; exit 0; fi
if [ ! -f "$REPORT_NODE_MODULES/playwright-core/package.json" ]; then
  echo "report bench: no playwright-core in $REPORT_NODE_MODULES (make report-node-deps): browser part skipped"; exit 0
fi
node "$srcdir/bench/report-bench.mjs" "$tmp/large.html"
