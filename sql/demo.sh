#!/bin/sh
# sql/demo.sh: print the answers of sql/examples/ for a database loaded by
# "trtc ingest": a user's decoded timeline, then the analytics summary.
# "make demo" runs it on the bundled sample call (sql/sample/). An
# example's NAME.params (e.g. ".parameter set :user carol") sets its
# parameters; without one it answers for every call and user.
#
#   sql/demo.sh DB [MODULE]
#
# MODULE is the trtc module for .load (default: $TRTC_MODULE, else trtc);
# SQLITE3 names the shell (default sqlite3).
set -eu
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 DB [MODULE]" >&2; exit 2; }
module=${2:-${TRTC_MODULE:-trtc}}
sqldir=$(cd "$(dirname "$0")" && pwd)

for example in "$sqldir"/examples/*.sql; do
  # The title is the first comment line up to its colon.
  title=$(sed -n '1{s/^-- //;s/:.*//;p;}' "$example")
  params=${example%.sql}.params
  [ -f "$params" ] || params=/dev/null
  printf '\n== %s (sql/examples/%s%s)\n' "$title" "${example##*/}" \
    "$(sed -n 's/^\.parameter set \(:[a-z]*\) \(.*\)/, \1 = \2/p' "$params" | tr -d '\n')"
  cat "$params" "$example" | "${SQLITE3:-sqlite3}" -batch -bail -cmd ".load \"$module\"" "$1"
done
