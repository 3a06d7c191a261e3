-- sql/engines/cases.gen.sql: the decoding rules of trtc's scalar functions
-- as SQL CASE expressions, read from the extension's own virtual tables
-- (trtc_events, trtc_experiences, trtc_abnormal_events, trtc_stream_types).
-- Run in the sqlite3 shell with trtc loaded, before an engine's generator
-- (sql/engines/generate.sh does both): it creates the TEMP VIEW
-- engine_case(name, expr), one row per function, whose expr is standard
-- SQL that PostgreSQL and DuckDB both run, over the arguments event_id,
-- param1, param2 (trtc_event, trtc_event_severity), event_id
-- (trtc_event_source, trtc_event_category), experience_id, abnormal_event_id
-- and type. An expression gives NULL when an argument is NULL, when nothing
-- matches, and for nothing else; none reads a table.
--
-- The matching rule (docs/reference.md): a row matches when its event id is
-- equal and each parameter is equal to the row's value, or the row's value
-- is -1 (unused), or the row names a measured value (param1/param2 NULL in
-- trtc_events, a label beside it); the first matching row in the table's
-- order counts. Rows naming measured values show them:
-- "<description> (<label>: <value>[, <label2>: <value2>])".

-- One row per trtc_events row: its condition and its text, as SQL.
CREATE TEMP VIEW engine_event_row AS
SELECT rowid AS pos, event_id, severity,
       -- the parameters the row fixes; 'TRUE' when it fixes none
       CASE WHEN c1 IS NULL AND c2 IS NULL THEN 'TRUE'
            ELSE coalesce(c1 || ' AND ' || c2, c1, c2) END AS cond,
       CASE WHEN param1_label IS NULL AND param2_label IS NULL THEN quote(description)
            ELSE quote(description || ' (' || coalesce(param1_label, param2_label) || ': ')
                 || ' || CAST(' || CASE WHEN param1_label IS NOT NULL THEN 'param1' ELSE 'param2' END
                 || ' AS TEXT) || '
                 || CASE WHEN param1_label IS NOT NULL AND param2_label IS NOT NULL
                         THEN quote(', ' || param2_label || ': ') || ' || CAST(param2 AS TEXT) || '
                         ELSE '' END
                 || quote(')') END AS text_sql,
       quote(severity) AS severity_sql
  FROM (SELECT rowid, *,
               CASE WHEN param1 IS NOT NULL AND param1 <> -1 THEN 'param1 = ' || param1 END AS c1,
               CASE WHEN param2 IS NOT NULL AND param2 <> -1 THEN 'param2 = ' || param2 END AS c2
          FROM trtc_events);

-- The value of one event id: the first matching row's, or NULL.
CREATE TEMP VIEW engine_event_id AS
SELECT event_id,
       CASE WHEN count(*) = 1 AND max(cond) = 'TRUE' THEN max(text_sql)
            ELSE 'CASE' || group_concat(' WHEN ' || cond || ' THEN ' || text_sql, '') || ' END' END AS text_sql,
       CASE WHEN count(DISTINCT severity) = 1 AND sum(cond = 'TRUE') = count(*) THEN max(severity_sql)
            ELSE 'CASE' || group_concat(' WHEN ' || cond || ' THEN ' || severity_sql, '') || ' END' END AS severity_sql
  FROM (SELECT * FROM engine_event_row ORDER BY pos)
 GROUP BY event_id;

-- (function, argument, id, value) for every id each function knows.
CREATE TEMP VIEW engine_pair(name, arg, id, value_sql) AS
SELECT 'trtc_event', 'event_id', event_id, text_sql FROM engine_event_id
UNION ALL SELECT 'trtc_event_severity', 'event_id', event_id, severity_sql FROM engine_event_id
UNION ALL SELECT DISTINCT 'trtc_event_source', 'event_id', event_id, quote(source) FROM trtc_events
UNION ALL SELECT DISTINCT 'trtc_event_category', 'event_id', event_id, quote(category) FROM trtc_events
UNION ALL SELECT 'trtc_experience', 'experience_id', experience_id, quote(description) FROM trtc_experiences
UNION ALL SELECT 'trtc_abnormal_event', 'abnormal_event_id', event_id, quote(description) FROM trtc_abnormal_events
UNION ALL SELECT 'trtc_abnormal_event_kind', 'abnormal_event_id', event_id, quote(kind) FROM trtc_abnormal_events
UNION ALL SELECT 'trtc_stream_type', 'type', type, quote(name) FROM trtc_stream_types;

-- The ids of a function in runs of about sqrt(n) consecutive ids: a CASE
-- over the runs' bounds, each holding a CASE over its ids, so that a value
-- costs about 2 sqrt(n) comparisons rather than n/2 (8+8 for 63 event ids).
CREATE TEMP VIEW engine_run AS
SELECT name, arg, run, min(id) AS lo,
       'CASE ' || arg || group_concat(char(10) || '      WHEN ' || id || ' THEN ' || value_sql, '') || ' END' AS body
  FROM (SELECT p.*, (row_number() OVER (PARTITION BY name ORDER BY id) - 1)
                     / CAST(ceil(sqrt(n)) AS INTEGER) AS run
          FROM engine_pair p JOIN (SELECT name, count(*) AS n FROM engine_pair GROUP BY name) USING (name)
         ORDER BY name, id)
 GROUP BY name, run;

CREATE TEMP VIEW engine_case(name, expr) AS
SELECT name,
       CASE WHEN name IN ('trtc_event', 'trtc_event_severity')
            THEN 'CASE WHEN param1 IS NULL OR param2 IS NULL THEN NULL ELSE ' ELSE '' END
       || CASE WHEN count(*) = 1 THEN max(body)
               ELSE 'CASE' || group_concat(char(10) || CASE WHEN next_lo IS NULL THEN '  ELSE ' || body
                                                           ELSE '  WHEN ' || arg || ' < ' || next_lo || ' THEN ' || body END, '')
                    || ' END' END
       || CASE WHEN name IN ('trtc_event', 'trtc_event_severity') THEN ' END' ELSE '' END
  FROM (SELECT r.*, lead(lo) OVER (PARTITION BY name ORDER BY run) AS next_lo
          FROM engine_run r ORDER BY name, run)
 GROUP BY name;
