#!/bin/sh
# sql/ingest.sh: load directories of saved TRTC monitoring API responses
# into a database file, idempotently: loading the same file again adds
# nothing. Needs the sqlite3 shell (for readfile() and sha3()) and the trtc
# module.
#
#   sql/ingest.sh [-m MODULE] DB DIR...
#   sql/ingest.sh -m ./trtc demo.db sql/sample
#
# Each DIR holds response files as saved (wrapped {"Response": ...}, the
# inner object, or the bare list) and a manifest.json naming each file
# with the context the response itself lacks:
#
#   {"sdk_app_id": 1400188366, "room_id": "61203",
#    "comm_id": "1400188366_61203_1710235800",
#    "files": [
#      {"file": "user-events-alice.json", "api": "DescribeUserEvent",
#       "user_id": "alice"},
#      {"file": "unusual-events.json", "api": "DescribeUnusualEvent"}]}
#
# A file's own keys override the top-level ones. docs/cookbook.md has the
# details. The database gets sql/schema.sql; responses go to
# trtc_responses, their rows to trtc_event_log and trtc_unusual_log.
#
# Environment: SQLITE3 (the shell, default sqlite3), TRTC_MODULE (the
# module for .load when -m is not given, default trtc).
# Exit status: 0 when every listed file was loaded (or was already there),
# 1 when something could not be loaded (reported on stderr; the rest of
# that directory is loaded), 2 for a usage error.
set -eu

usage() {
  echo "usage: $0 [-m MODULE] DB DIR..." >&2
  exit 2
}

module=${TRTC_MODULE:-trtc}
while getopts m: opt; do
  case $opt in
    m) module=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || usage
db=$1
shift
sqldir=$(cd "$(dirname "$0")" && pwd)
sqlite=${SQLITE3:-sqlite3}

# An SQL string literal.
quote() {
  printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"
}

status=0
for dir in "$@"; do
  if [ ! -r "$dir/manifest.json" ]; then
    echo "$0: $dir/manifest.json: not found (see docs/cookbook.md)" >&2
    status=1
    continue
  fi
  if ! out=$({
    printf '.bail on\n.load "%s"\n.read "%s"\n' "$module" "$sqldir/schema.sql"
    printf 'CREATE TEMP TABLE trtc_ingest_dir AS SELECT %s AS dir;\n' "$(quote "${dir%/}")"
    printf '.read "%s"\n.read "%s"\n' "$sqldir/ingest.sql" "$sqldir/ingest-report.sql"
  } | "$sqlite" -batch "$db"); then
    echo "$0: $dir: nothing loaded" >&2
    status=1
    continue
  fi
  printf '%s\n' "$out" | grep -v '^problem: ' || :
  if printf '%s\n' "$out" | grep '^problem: ' >&2; then
    status=1
  fi
done
exit $status
