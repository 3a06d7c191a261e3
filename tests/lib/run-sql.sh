#!/bin/sh
# tests/lib/run-sql.sh FILE.sql: run one SQL test file in the real sqlite3
# shell, with the built trtc module and the TAP helper (tests/lib/tap.c)
# loaded, from the tests/ source directory (so fixtures/ resolve). The
# file prints TAP; -bail stops at the first SQL error, which leaves the
# plan short and fails the test.
set -eu
: "${SQLITE3:=sqlite3}"
: "${TRTC_MODULE:?set by make check}"
: "${TAP_MODULE:?set by make check}"
file=$1
case $file in /*) ;; *) file=$(pwd)/$file ;; esac
cd "$(dirname "$file")"
{
  printf '.load %s\n.load %s\n' "$TRTC_MODULE" "$TAP_MODULE"
  cat "$file"
} | ${TRTC_RUN-} "$SQLITE3" -bail -batch -noheader -list :memory:
