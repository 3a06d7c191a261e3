-- tests/tables.sql: the eponymous virtual tables trtc_events,
-- trtc_experiences, trtc_abnormal_events and trtc_stream_types hold exactly
-- the spec's rows (fixtures/spec_rows.sql, transcribed from the spec
-- independently of src/) in the documented columns; lookups ("=", IN)
-- return the same rows as scans; the tables are read-only.
-- tests/plans.sql checks how the lookups are planned.
.read fixtures/spec_rows.sql

-- 110 + 9 trtc_events, 5 + 2 experiences, 58 + 3 abnormal events,
-- 4 + 3 stream types, 6 + 7 lookups, 5 * 3 + 2 read-only.
SELECT plan(110 + 9 + 5 + 2 + 58 + 3 + 4 + 3 + 6 + 7 + 15 + 2);

-- ---- trtc_events ----------------------------------------------------------
-- Each spec row is one row of trtc_events: the same id, source and
-- parameter cells (the integer, or the label of a measured value), with the
-- spec's text. group_concat would show a duplicate.
SELECT eq((SELECT group_concat(e.description, ' / ') FROM trtc_events e
            WHERE e.event_id = s.event_id AND e.source = s.source
              AND coalesce(e.param1_label, CAST(e.param1 AS TEXT)) = s.param1
              AND coalesce(e.param2_label, CAST(e.param2 AS TEXT)) = s.param2),
          s.description,
          'trtc_events: ' || s.event_id || ' ' || s.param1 || ' ' || s.param2)
  FROM spec_event s ORDER BY s.rowid;

SELECT eq((SELECT count(*) FROM trtc_events), 110, 'trtc_events: 110 rows');
SELECT eq((SELECT count(*) FROM trtc_events e WHERE NOT EXISTS (
             SELECT 1 FROM spec_event s WHERE s.event_id = e.event_id
                AND coalesce(e.param1_label, CAST(e.param1 AS TEXT)) = s.param1
                AND coalesce(e.param2_label, CAST(e.param2 AS TEXT)) = s.param2)),
          0, 'trtc_events: no row beyond the spec');
SELECT eq((SELECT count(*) FROM trtc_events
            WHERE (param1 IS NULL) <> (param1_label IS NOT NULL)
               OR (param2 IS NULL) <> (param2_label IS NOT NULL)),
          0, 'trtc_events: a parameter is NULL exactly when its label names a measured value');
SELECT eq((SELECT count(*) FROM trtc_events WHERE param1_label IS NOT NULL OR param2_label IS NOT NULL),
          (SELECT count(*) FROM spec_event
            WHERE CAST(param1 AS INTEGER) || '' <> param1 OR CAST(param2 AS INTEGER) || '' <> param2),
          'trtc_events: as many rows name measured values as in the spec');
SELECT eq((SELECT count(*) FROM trtc_events
            WHERE typeof(event_id) <> 'integer' OR typeof(param1) NOT IN ('integer', 'null')
               OR typeof(param2) NOT IN ('integer', 'null')),
          0, 'trtc_events: ids and parameters are integers (or NULL)');
SELECT eq((SELECT count(*) FROM trtc_events
            WHERE source NOT IN ('sdk', 'webrtc')
               OR category NOT IN ('device', 'network', 'app', 'permission', 'audio', 'video',
                                   'room', 'qos', 'signaling', 'media')
               OR severity NOT IN ('info', 'warning', 'error')),
          0, 'trtc_events: source, category and severity come from the documented taxonomy');
-- The table and the scalar functions agree (measured values: any will do).
SELECT eq((SELECT count(*) FROM trtc_events
            WHERE source IS NOT trtc_event_source(event_id)
               OR category IS NOT trtc_event_category(event_id)
               OR severity IS NOT trtc_event_severity(event_id, coalesce(param1, 7), coalesce(param2, 7))),
          0, 'trtc_events: source, category, severity as the scalar functions give them');
SELECT eq((SELECT count(*) FROM trtc_events
            WHERE param1 IS NOT NULL AND param2 IS NOT NULL
              AND description IS NOT trtc_event(event_id, param1, param2)),
          0, 'trtc_events: the row''s own parameters decode to its description');
SELECT eq((SELECT severity || ' ' || category FROM trtc_events WHERE event_id = 5003 AND param1 = 0),
          'error room', 'trtc_events: 5003 0 is a room error');

-- ---- trtc_experiences -----------------------------------------------------
SELECT eq((SELECT group_concat(x.description, ' / ') FROM trtc_experiences x
            WHERE x.experience_id = s.experience_id),
          s.description, 'trtc_experiences: ' || s.experience_id)
  FROM spec_experience s ORDER BY s.rowid;
SELECT eq((SELECT count(*) FROM trtc_experiences), 5, 'trtc_experiences: 5 rows');
SELECT eq((SELECT count(*) FROM (SELECT experience_id, description FROM trtc_experiences
                                 EXCEPT SELECT experience_id, description FROM spec_experience)),
          0, 'trtc_experiences: no row beyond the spec');

-- ---- trtc_abnormal_events -------------------------------------------------
SELECT eq((SELECT group_concat(a.kind || ': ' || a.description, ' / ') FROM trtc_abnormal_events a
            WHERE a.event_id = s.event_id),
          s.kind || ': ' || s.description, 'trtc_abnormal_events: ' || s.event_id)
  FROM spec_abnormal s ORDER BY s.rowid;
SELECT eq((SELECT group_concat(kind || '=' || n, ',') FROM (
             SELECT kind, count(*) AS n FROM trtc_abnormal_events GROUP BY kind ORDER BY kind)),
          'realtime=26,room_dismissal=32', 'trtc_abnormal_events: 26 real-time, 32 room-dismissal');
SELECT eq((SELECT count(*) FROM (SELECT kind, event_id, description FROM trtc_abnormal_events
                                 EXCEPT SELECT kind, event_id, description FROM spec_abnormal)),
          0, 'trtc_abnormal_events: no row beyond the spec');
SELECT eq((SELECT count(*) FROM trtc_abnormal_events
            WHERE description IS NOT trtc_abnormal_event(event_id)
               OR kind IS NOT trtc_abnormal_event_kind(event_id)),
          0, 'trtc_abnormal_events: as trtc_abnormal_event() and trtc_abnormal_event_kind() give them');

-- ---- trtc_stream_types ----------------------------------------------------
SELECT eq((SELECT group_concat(t.description, ' / ') FROM trtc_stream_types t WHERE t.type = s.type),
          s.description, 'trtc_stream_types: ' || s.type)
  FROM spec_stream_type s ORDER BY s.rowid;
SELECT eq((SELECT group_concat(type || '=' || name, ',') FROM trtc_stream_types),
          '0=none,2=big,3=small,7=bypass', 'trtc_stream_types: the short names');
SELECT eq((SELECT count(*) FROM trtc_stream_types), 4, 'trtc_stream_types: 4 rows');
SELECT eq((SELECT count(*) FROM trtc_stream_types WHERE name IS NOT trtc_stream_type(type)),
          0, 'trtc_stream_types: names as trtc_stream_type() gives them');

-- ---- Lookups return what scans return -------------------------------------
-- "CAST(column AS INTEGER)" hides a constraint from the virtual table, so
-- SQLite scans and compares itself, with the column's INTEGER affinity
-- ('5003' = 5003, as for the column; "+column" would lose the affinity).
-- Each probe value is looked up in each lookup column.
CREATE TEMP TABLE probe(v);
INSERT INTO probe SELECT event_id FROM spec_event UNION SELECT experience_id FROM spec_experience
  UNION SELECT event_id FROM spec_abnormal UNION SELECT type FROM spec_stream_type
  UNION SELECT CAST(param1 AS INTEGER) FROM spec_event UNION SELECT CAST(param2 AS INTEGER) FROM spec_event;
INSERT INTO probe VALUES (NULL), (-2), (6), (999), (1033), (2027), (7002), (32794), (99999),
  (9223372036854775807), (-9223372036854775808), ('5003'), (' 5003 '), ('5.003e3'), (5003.0),
  (5003.5), ('abc'), (''), (x'138B'), ('0x138B'), (1e300), ('1'), (1.0), ('-1');
CREATE TEMP VIEW lookup AS
  SELECT 'trtc_events.event_id' AS what,
         (SELECT group_concat(rowid) FROM trtc_events WHERE event_id = v) AS got,
         (SELECT group_concat(rowid) FROM trtc_events WHERE CAST(event_id AS INTEGER) = v) AS want FROM probe
  UNION ALL SELECT 'trtc_events.param1',
         (SELECT group_concat(rowid) FROM trtc_events WHERE param1 = v),
         (SELECT group_concat(rowid) FROM trtc_events WHERE CAST(param1 AS INTEGER) = v) FROM probe
  UNION ALL SELECT 'trtc_events.param2',
         (SELECT group_concat(rowid) FROM trtc_events WHERE param2 = v),
         (SELECT group_concat(rowid) FROM trtc_events WHERE CAST(param2 AS INTEGER) = v) FROM probe
  UNION ALL SELECT 'trtc_experiences.experience_id',
         (SELECT group_concat(rowid) FROM trtc_experiences WHERE experience_id = v),
         (SELECT group_concat(rowid) FROM trtc_experiences WHERE CAST(experience_id AS INTEGER) = v) FROM probe
  UNION ALL SELECT 'trtc_abnormal_events.event_id',
         (SELECT group_concat(rowid) FROM trtc_abnormal_events WHERE event_id = v),
         (SELECT group_concat(rowid) FROM trtc_abnormal_events WHERE CAST(event_id AS INTEGER) = v) FROM probe
  UNION ALL SELECT 'trtc_stream_types.type',
         (SELECT group_concat(rowid) FROM trtc_stream_types WHERE type = v),
         (SELECT group_concat(rowid) FROM trtc_stream_types WHERE CAST(type AS INTEGER) = v) FROM probe;
-- (A table read in rowid order: a sort would number the tests out of order.)
CREATE TEMP TABLE lookup_column AS SELECT DISTINCT what FROM lookup;
SELECT eq((SELECT count(*) FROM lookup l WHERE l.what = w.what AND l.got IS NOT l.want), 0,
          w.what || ' = v: the rows a scan finds, for ' || (SELECT count(*) FROM probe) || ' values')
  FROM lookup_column w ORDER BY w.rowid;

SELECT eq((SELECT group_concat(rowid) FROM trtc_events WHERE event_id IN (SELECT v FROM probe)),
          (SELECT group_concat(rowid) FROM trtc_events WHERE CAST(event_id AS INTEGER) IN (SELECT v FROM probe)),
          'event_id IN (every probe): the rows a scan finds');
SELECT eq((SELECT group_concat(rowid) FROM trtc_events
            WHERE event_id IN (6001, '6001', 5003) AND param1 IN (101, '3', 0) AND param2 IN (2.0, 1, -1)),
          (SELECT group_concat(rowid) FROM trtc_events
            WHERE CAST(event_id AS INTEGER) IN (6001, '6001', 5003)
              AND CAST(param1 AS INTEGER) IN (101, '3', 0) AND CAST(param2 AS INTEGER) IN (2.0, 1, -1)),
          'IN on all three columns: the rows a scan finds');
SELECT eq((SELECT group_concat(event_id) FROM (
             SELECT event_id FROM trtc_events WHERE event_id IN (4013, 1003, 36864, '5003', 1003) ORDER BY event_id)),
          '1003,1003,1003,1003,1003,1003,4013,4013,5003,5003,36864', 'IN with ORDER BY event_id: ascending, each id once');
SELECT eq((SELECT group_concat(event_id) FROM (SELECT event_id FROM trtc_events ORDER BY event_id DESC)),
          (SELECT group_concat(event_id) FROM (SELECT event_id FROM trtc_events ORDER BY +event_id DESC)),
          'ORDER BY event_id DESC: descending');
SELECT eq((SELECT group_concat(event_id) FROM (
             SELECT event_id FROM trtc_abnormal_events WHERE event_id IN (2001, 1001, 1032) ORDER BY event_id DESC)),
          '2001,1032,1001', 'IN with ORDER BY DESC on a unique key');
-- A unique key with IN can match several rows: the join must count them all.
SELECT eq((SELECT count(*) FROM (SELECT 1) LEFT JOIN trtc_experiences x ON x.experience_id IN (1, 2, 4)),
          3, 'LEFT JOIN on experience_id IN (...): every match counts');
SELECT eq((SELECT count(*) FROM (SELECT 1) LEFT JOIN trtc_events x
            ON x.event_id = 5003 AND x.param1 IN (0, 1) AND x.param2 = -1),
          2, 'LEFT JOIN on param1 IN (...): every match counts');

-- ---- Read-only ------------------------------------------------------------
SELECT throws_like('INSERT INTO ' || t || ' DEFAULT VALUES', '%' || t || ' may not be modified%',
                   'INSERT INTO ' || t || ' fails')
  FROM (SELECT column1 AS t FROM (VALUES ('trtc_events'), ('trtc_experiences'),
        ('trtc_abnormal_events'), ('trtc_stream_types'), ('trtc_decode')));
SELECT throws_like('UPDATE ' || t || ' SET description = ''x''', '%' || t || ' may not be modified%',
                   'UPDATE ' || t || ' fails')
  FROM (SELECT column1 AS t FROM (VALUES ('trtc_events'), ('trtc_experiences'),
        ('trtc_abnormal_events'), ('trtc_stream_types'), ('trtc_decode')));
SELECT throws_like('DELETE FROM ' || t, '%' || t || ' may not be modified%', 'DELETE FROM ' || t || ' fails')
  FROM (SELECT column1 AS t FROM (VALUES ('trtc_events'), ('trtc_experiences'),
        ('trtc_abnormal_events'), ('trtc_stream_types'), ('trtc_decode')));
SELECT throws_like('DROP TABLE trtc_events', '%may not be dropped%', 'DROP TABLE trtc_events fails');
-- Eponymous-only: there is no CREATE VIRTUAL TABLE ... USING trtc_events.
SELECT throws_like('CREATE VIRTUAL TABLE t USING trtc_events', '%no such module: trtc_events%',
                   'CREATE VIRTUAL TABLE USING trtc_events fails');
