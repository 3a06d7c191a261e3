#!/bin/sh
# tests/dump_fresh.sh: sql/trtc_mappings.sql, the portable dump of the mapping
# tables, is what the extension generates now ("make dump" regenerates
# it), loads into a database without trtc, holds the same rows as the
# virtual tables, and fits its VARCHAR sizes.
set -u
: "${SQLITE3:=sqlite3}"
: "${TRTC_MODULE:?set by make check}"
: "${TAP_MODULE:?set by make check}"
dump=$TRTC_SRCDIR/sql/trtc_mappings.sql
tmp=${TMPDIR:-/tmp}/trtc-dump.$$
mkdir "$tmp"
trap 'rm -rf "$tmp"' EXIT

# Checks made by the shell: 1 = passed. Diagnostics go out as TAP comments.
fresh=0 plain=0 loads=0
if ! SQLITE3=$SQLITE3 sh "$TRTC_SRCDIR/sql/dump.sh" "$TRTC_MODULE" >"$tmp/fresh.sql" 2>"$tmp/out"; then
  echo "# sql/dump.sh failed:"
  sed 's/^/# /' "$tmp/out" | head -20
elif diff -u "$dump" "$tmp/fresh.sql" >"$tmp/out"; then
  fresh=1
else
  echo "# sql/trtc_mappings.sql differs from a fresh 'make dump':"
  sed 's/^/# /' "$tmp/out" | head -40
fi
# Only comments, CREATE TABLE and INSERT statements: nothing SQLite-specific.
if grep -v -e '^--' -e '^$' -e '^CREATE TABLE [a-z_]* ($' -e '^  [a-z_0-9]* *[A-Z]' -e '^ *--' \
     -e '^);$' -e '^INSERT INTO [a-z_]* ([a-z_0-9, ]*) VALUES (.*);$' "$dump" >"$tmp/out"; then
  sed 's/^/# other: /' "$tmp/out" | head -10
else
  plain=1
fi
if ${TRTC_RUN-} "$SQLITE3" -bail -batch "$tmp/dump.db" <"$dump" >"$tmp/out" 2>&1; then
  loads=1
else
  sed 's/^/# /' "$tmp/out"
fi

# The loaded tables against the virtual tables of the same names (an
# unqualified trtc_events is the eponymous virtual table of main).
{
  printf '.load %s\n.load %s\n' "$TRTC_MODULE" "$TAP_MODULE"
  cat <<SQL
SELECT plan(9);
SELECT ok($fresh, 'sql/trtc_mappings.sql is up to date (else: make dump)');
SELECT ok($plain, 'the dump holds only comments, CREATE TABLE and INSERT statements');
SELECT ok($loads, 'the dump loads into a database without trtc');
ATTACH '$tmp/dump.db' AS d;
SQL
  cat <<'SQL'
CREATE TEMP VIEW differences(t, n) AS
  SELECT 'trtc_events', (SELECT count(*) FROM (
    SELECT * FROM trtc_events EXCEPT SELECT * FROM d.trtc_events UNION ALL
    SELECT * FROM (SELECT * FROM d.trtc_events EXCEPT SELECT * FROM trtc_events)))
  UNION ALL SELECT 'trtc_experiences', (SELECT count(*) FROM (
    SELECT * FROM trtc_experiences EXCEPT SELECT * FROM d.trtc_experiences UNION ALL
    SELECT * FROM (SELECT * FROM d.trtc_experiences EXCEPT SELECT * FROM trtc_experiences)))
  UNION ALL SELECT 'trtc_abnormal_events', (SELECT count(*) FROM (
    SELECT * FROM trtc_abnormal_events EXCEPT SELECT * FROM d.trtc_abnormal_events UNION ALL
    SELECT * FROM (SELECT * FROM d.trtc_abnormal_events EXCEPT SELECT * FROM trtc_abnormal_events)))
  UNION ALL SELECT 'trtc_stream_types', (SELECT count(*) FROM (
    SELECT * FROM trtc_stream_types EXCEPT SELECT * FROM d.trtc_stream_types UNION ALL
    SELECT * FROM (SELECT * FROM d.trtc_stream_types EXCEPT SELECT * FROM trtc_stream_types)));
SELECT eq(n, 0, 'dump: ' || t || ' holds the virtual table''s rows') FROM differences;
SELECT eq((SELECT count(*) FROM d.trtc_events) || ',' || (SELECT count(*) FROM d.trtc_experiences) || ','
          || (SELECT count(*) FROM d.trtc_abnormal_events) || ',' || (SELECT count(*) FROM d.trtc_stream_types),
          '110,5,58,4', 'dump: 110, 5, 58 and 4 rows');
-- Every text value fits its column's VARCHAR(n): stricter databases check.
CREATE TEMP TABLE longest(t, c, n);
INSERT INTO longest
  SELECT 'trtc_events', 'param1_label', max(length(param1_label)) FROM d.trtc_events
  UNION ALL SELECT 'trtc_events', 'param2_label', max(length(param2_label)) FROM d.trtc_events
  UNION ALL SELECT 'trtc_events', 'description', max(length(description)) FROM d.trtc_events
  UNION ALL SELECT 'trtc_events', 'source', max(length(source)) FROM d.trtc_events
  UNION ALL SELECT 'trtc_events', 'category', max(length(category)) FROM d.trtc_events
  UNION ALL SELECT 'trtc_events', 'severity', max(length(severity)) FROM d.trtc_events
  UNION ALL SELECT 'trtc_experiences', 'description', max(length(description)) FROM d.trtc_experiences
  UNION ALL SELECT 'trtc_abnormal_events', 'kind', max(length(kind)) FROM d.trtc_abnormal_events
  UNION ALL SELECT 'trtc_abnormal_events', 'description', max(length(description)) FROM d.trtc_abnormal_events
  UNION ALL SELECT 'trtc_stream_types', 'name', max(length(name)) FROM d.trtc_stream_types
  UNION ALL SELECT 'trtc_stream_types', 'description', max(length(description)) FROM d.trtc_stream_types;
SELECT eq((SELECT group_concat(l.t || '.' || l.c || ' ' || l.n || ' > ' || p.type, ', ')
             FROM longest l JOIN pragma_table_info(l.t, 'd') p ON p.name = l.c
            WHERE p.type NOT LIKE 'VARCHAR(%)' OR l.n > CAST(substr(p.type, 9) AS INTEGER)),
          NULL, 'dump: the ' || (SELECT count(*) FROM longest) || ' text columns'' values fit their VARCHAR sizes');
SQL
} | ${TRTC_RUN-} "$SQLITE3" -bail -batch -noheader -list :memory:
