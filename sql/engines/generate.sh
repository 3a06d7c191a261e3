#!/bin/sh
# sql/engines/generate.sh ENGINE MODULE: print sql/engines/ENGINE.sql
# (ENGINE: postgresql or duckdb), sqlite-trtc's decoding for that database,
# by running cases.gen.sql and fill.gen.sql in the sqlite3 shell ($SQLITE3,
# default sqlite3; through $TRTC_RUN when set, as the tests do) with MODULE,
# the built trtc without ".so", loaded. They read the extension's virtual
# tables and fill the template ENGINE.in.sql. "make engines" writes the
# files with it; tests/engines/engines_fresh.sh compares a fresh run with
# the checked-in files.
set -eu
: "${SQLITE3:=sqlite3}"
case ${1-} in
  postgresql|duckdb) ;;
  *) echo "usage: $0 postgresql|duckdb MODULE" >&2; exit 2 ;;
esac
cd "$(dirname "$0")"
{
  printf '.load %s\n' "$2"
  cat cases.gen.sql
  printf "CREATE TEMP TABLE engine_template AS SELECT CAST(readfile('%s.in.sql') AS TEXT) AS text;\n" "$1"
  cat fill.gen.sql
} | ${TRTC_RUN-} "$SQLITE3" -bail -batch :memory:
