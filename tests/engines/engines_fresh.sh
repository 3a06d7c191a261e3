#!/bin/sh
# tests/engines/engines_fresh.sh: sql/engines/postgresql.sql and duckdb.sql
# are what the extension generates now ("make engines" regenerates them),
# and no mapping text is typed by hand in what they are made from (the
# templates sql/engines/*.in.sql, the generator sql/engines/*.gen.sql) or
# in the engine variants of the examples (sql/engines/examples/): every
# description and measured-value label comes from the extension's tables.
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"
engines=$src/sql/engines

echo "1..4"
for e in postgresql duckdb; do
  if ! SQLITE3=$SQLITE3 sh "$engines/generate.sh" "$e" "$TRTC_MODULE" >"$tmp/$e.sql" 2>"$tmp/$e.err"; then
    report 1 "sql/engines/generate.sh $e runs"
    sed 's/^/# /' "$tmp/$e.err" | head -20
  elif diff -u "$engines/$e.sql" "$tmp/$e.sql" >"$tmp/$e.diff"; then
    report 0 "sql/engines/$e.sql is what the extension generates now"
  else
    report 1 "sql/engines/$e.sql is what the extension generates now (else: make engines)"
    head -n 40 "$tmp/$e.diff" | sed 's/^/# /'
  fi
done

# No text of the mapping (descriptions, labels) appears in the hand-written
# files.
$sqlite -batch -cmd ".load $TRTC_MODULE" :memory: "
  SELECT DISTINCT t FROM (
    SELECT description AS t FROM trtc_events UNION SELECT param1_label FROM trtc_events
    UNION SELECT param2_label FROM trtc_events UNION SELECT description FROM trtc_experiences
    UNION SELECT description FROM trtc_abnormal_events UNION SELECT description FROM trtc_stream_types)
   WHERE t IS NOT NULL" >"$tmp/texts"
find "$engines" -name '*.in.sql' -o -name '*.gen.sql' -o -path '*/examples/*' -type f | LC_ALL=C sort >"$tmp/files"
: >"$tmp/found"
while read -r f; do
  grep -F -f "$tmp/texts" "$f" | sed "s|^|${f#"$src"/}: |" >>"$tmp/found"
done <"$tmp/files"
is "$(cat "$tmp/found")" "" \
  "none of the $(wc -l <"$tmp/texts") mapping texts is typed in the $(wc -l <"$tmp/files") hand-written files of sql/engines/"
# ... and the generated files do hold them all (the check above looks for the right thing).
missing=0
while read -r t; do
  grep -q -F -e "$t" "$tmp/postgresql.sql" && grep -q -F -e "$t" "$tmp/duckdb.sql" || missing=$((missing + 1))
done <"$tmp/texts"
is "$missing" 0 "the generated files hold every one of them"
