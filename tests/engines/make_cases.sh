#!/bin/sh
# tests/engines/make_cases.sh DIR: the cases of tests/engines/cases.sql and
# the extension's answers to them (tests/engines/lib.sh's engines_cases)
# into DIR, once for both tests/engines/pg_compare.sh and duckdb_compare.sh
# (make check runs it first; mk/engines.am). The environment is make
# check's (TRTC_SRCDIR, TRTC_MODULE, SQLITE3, TRTC_RUN).
set -u
out=$1
. "$TRTC_SRCDIR/tests/lib/lib.sh"
. "$TRTC_SRCDIR/tests/engines/lib.sh"
engines_cases || exit 1
mkdir -p "$out" && cp "$tmp"/cases.db "$tmp"/*.tsv "$tmp"/*.want "$out"/ && touch "$out/done"
