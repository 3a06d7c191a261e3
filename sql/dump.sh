#!/bin/sh
# sql/dump.sh MODULE: print the portable SQL dump of trtc's mapping tables
# (sql/trtc_mappings.sql) by running sql/trtc_dump.sql in the sqlite3 shell
# ($SQLITE3, default sqlite3; run through $TRTC_RUN when set, as the tests
# do) with MODULE, the built trtc without ".so", loaded. "make dump" writes the file with it; tests/dump_fresh.sh compares a
# fresh run with the checked-in file.
set -eu
: "${SQLITE3:=sqlite3}"
{
  printf '.load %s\n' "$1"
  cat "$(dirname "$0")/trtc_dump.sql"
} | ${TRTC_RUN-} "$SQLITE3" -bail -batch :memory:
