#!/bin/sh
# tests/trusted_schema.sh: trtc's virtual tables (SQLITE_VTAB_INNOCUOUS) and
# functions (SQLITE_INNOCUOUS) work in the views, triggers and expression
# indexes of a database file opened with PRAGMA trusted_schema=OFF. A
# function and a table that are not innocuous, in the same schema, fail:
# that shows the pragma is in effect.
set -eu
: "${SQLITE3:=sqlite3}"
: "${TRTC_MODULE:?set by make check}"
: "${TAP_MODULE:?set by make check}"
tmp=${TMPDIR:-/tmp}/trtc-trusted.$$
mkdir "$tmp"
trap 'rm -rf "$tmp"' EXIT
db=$tmp/log.db

# The schema, as its author creates it.
${TRTC_RUN-} "$SQLITE3" -bail -batch "$db" <<EOF
.load $TRTC_MODULE
CREATE TABLE log(id INTEGER PRIMARY KEY, EventId INTEGER, ParamOne INTEGER, ParamTwo INTEGER);
CREATE INDEX log_text ON log(trtc_event(EventId, ParamOne, ParamTwo));
CREATE TABLE decoded(id INTEGER PRIMARY KEY, text TEXT, severity TEXT, abnormal_kind TEXT);
CREATE TRIGGER log_decode AFTER INSERT ON log BEGIN
  INSERT INTO decoded
  SELECT new.id, d.text, d.severity,
         (SELECT kind FROM trtc_abnormal_events WHERE event_id = new.EventId)
    FROM (SELECT 1) LEFT JOIN trtc_decode(new.EventId, new.ParamOne, new.ParamTwo) d;
END;
CREATE VIEW log_decoded AS
  SELECT l.id, d.text, d.category, e.n AS rows_of_id
    FROM log l
    LEFT JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d
    LEFT JOIN (SELECT event_id, count(*) AS n FROM trtc_events GROUP BY event_id) e
           ON e.event_id = l.EventId;
CREATE VIEW table_sizes AS
  SELECT (SELECT count(*) FROM trtc_events) || ',' || (SELECT count(*) FROM trtc_experiences)
         || ',' || (SELECT count(*) FROM trtc_abnormal_events) || ',' || (SELECT count(*) FROM trtc_stream_types)
         AS sizes;
CREATE VIEW functions AS
  SELECT trtc_event(5003, 0) || '|' || trtc_event_severity(5003, 0) || '|' || trtc_event_source(5003)
         || '|' || trtc_event_category(5003) || '|' || trtc_experience(4) || '|' || trtc_abnormal_event(1001)
         || '|' || trtc_abnormal_event_kind(1001) || '|' || trtc_stream_type(2) || '|'
         || (trtc_version() IS NOT NULL) || (trtc_debug() IS NOT NULL) AS v;
-- Controls: tap's diag() is not innocuous, pragma_function_list neither.
CREATE VIEW unsafe_function AS SELECT diag('x');
CREATE VIEW unsafe_table AS SELECT count(*) FROM pragma_function_list;
EOF

# A new connection to the file, with trusted_schema=OFF.
{
  printf '.load %s\n.load %s\n' "$TRTC_MODULE" "$TAP_MODULE"
  cat <<'EOF'
PRAGMA trusted_schema = OFF;
SELECT plan(12);
SELECT eq((SELECT trusted_schema FROM pragma_trusted_schema), 0, 'trusted_schema is OFF');
SELECT throws_like('SELECT * FROM unsafe_function', '%unsafe use of diag()%',
                   'control: a function that is not innocuous fails in a view');
SELECT throws_like('SELECT * FROM unsafe_table', '%unsafe use of virtual table%pragma_function_list%',
                   'control: a table that is not innocuous fails in a view');
SELECT lives_ok('INSERT INTO log(EventId, ParamOne, ParamTwo) VALUES
                   (5003, 0, -1), (4003, 1280, 720), (1001, 1, -1), (9999, 0, 0), (2001, 1, -1)',
                'INSERT runs the trigger and computes the expression index');
SELECT eq((SELECT group_concat(id || ':' || quote(text) || ':' || quote(severity) || ':' || quote(abnormal_kind), ' / ')
             FROM decoded),
          '1:''Failed to enter room'':''error'':NULL / '
          || '2:''Video resolution has been switched (Resolution width: 1280, Resolution height: 720)'':''info'':NULL / '
          || '3:''The user plugged wired earphone'':''info'':''room_dismissal'' / '
          || '4:NULL:NULL:NULL / '
          || '5:''The application has been switched to run in the background'':''warning'':''realtime''',
          'the trigger decoded each row with trtc_decode and trtc_abnormal_events');
SELECT eq((SELECT group_concat(id || ':' || quote(category) || ':' || quote(rows_of_id), ' ') FROM log_decoded),
          '1:''room'':2 2:''video'':1 3:''device'':2 4:NULL:NULL 5:''app'':2',
          'a view joining trtc_decode and trtc_events');
SELECT eq((SELECT sizes FROM table_sizes), '110,5,58,4', 'a view reading every mapping table');
SELECT eq((SELECT v FROM functions),
          'Failed to enter room|error|sdk|room|Video lagged|Failed to initialize audio device|room_dismissal|big|11',
          'a view calling every function');
SELECT eq(query_plan('SELECT id FROM log WHERE trtc_event(EventId, ParamOne, ParamTwo) = ''Failed to enter room'''),
          'SEARCH log USING INDEX log_text (<expr>=?)', 'the expression index is used');
SELECT eq((SELECT group_concat(id) FROM log WHERE trtc_event(EventId, ParamOne, ParamTwo) = 'The user plugged wired earphone'),
          '3', 'a lookup through the expression index');
SELECT lives_ok('UPDATE log SET ParamOne = 1 WHERE id = 1', 'UPDATE recomputes the expression index');
SELECT eq((SELECT group_concat(integrity_check) FROM pragma_integrity_check), 'ok',
          'integrity_check recomputes every index expression: ok');
EOF
} | ${TRTC_RUN-} "$SQLITE3" -bail -batch -noheader -list "$db"
