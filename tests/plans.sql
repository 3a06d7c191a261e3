-- tests/plans.sql: how SQLite plans queries on the virtual tables, from
-- EXPLAIN QUERY PLAN: query_plan() gives its lines, shown here joined by
-- " / ". The "INDEX n:text" part is xBestIndex's idxNum and idxStr
-- (src/trtc_vtab_tables.c documents the bits: 0x01 key "=", 0x02 param1,
-- 0x04 param2, 0x08 descending; SQLite iterates an IN list, one xFilter
-- per value). No "USE TEMP B-TREE FOR ORDER BY" line means the table's
-- own order was used.
SELECT plan(30);
PRAGMA automatic_index = OFF;
CREATE TABLE log(id INTEGER PRIMARY KEY, EventId INTEGER, ParamOne INTEGER, ParamTwo INTEGER);

CREATE TEMP TABLE expect(query TEXT, want TEXT, what TEXT);
INSERT INTO expect VALUES
  -- Lookups.
  ('SELECT * FROM trtc_events', 'SCAN trtc_events VIRTUAL TABLE INDEX 0:',
   'no constraint: a full scan'),
  ('SELECT * FROM trtc_events WHERE event_id = 5003',
   'SCAN trtc_events VIRTUAL TABLE INDEX 1:event_id=', 'event_id = ?: a lookup'),
  ('SELECT * FROM trtc_experiences WHERE experience_id = 4',
   'SCAN trtc_experiences VIRTUAL TABLE INDEX 1:experience_id=', 'experience_id = ?: a lookup'),
  ('SELECT * FROM trtc_abnormal_events WHERE event_id = 1001',
   'SCAN trtc_abnormal_events VIRTUAL TABLE INDEX 1:event_id=', 'abnormal event_id = ?: a lookup'),
  ('SELECT * FROM trtc_stream_types WHERE type = 2',
   'SCAN trtc_stream_types VIRTUAL TABLE INDEX 1:type=', 'type = ?: a lookup'),
  ('SELECT * FROM trtc_events WHERE event_id = 5003 AND param1 = 0 AND param2 = -1',
   'SCAN trtc_events VIRTUAL TABLE INDEX 7:event_id=,param1=,param2=',
   'event_id, param1 and param2 = ?: one lookup'),
  ('SELECT * FROM trtc_events WHERE param2 = 1',
   'SCAN trtc_events VIRTUAL TABLE INDEX 4:param2=', 'param2 = ? alone: a filtered scan'),
  ('SELECT * FROM trtc_events WHERE event_id IN (5003, 1001)',
   'SCAN trtc_events VIRTUAL TABLE INDEX 1:event_id=', 'event_id IN (...): one lookup per value'),
  ('SELECT * FROM trtc_events WHERE event_id = 6001 AND param1 IN (101, 102)',
   'SCAN trtc_events VIRTUAL TABLE INDEX 3:event_id=,param1=', 'param1 IN (...) with event_id = ?'),
  ('SELECT * FROM trtc_events WHERE event_id > 5000', 'SCAN trtc_events VIRTUAL TABLE INDEX 0:',
   'a range is not a lookup: SQLite filters a scan'),
  -- ORDER BY.
  ('SELECT * FROM trtc_events ORDER BY event_id', 'SCAN trtc_events VIRTUAL TABLE INDEX 0:',
   'ORDER BY event_id: no sort'),
  ('SELECT * FROM trtc_events ORDER BY event_id DESC', 'SCAN trtc_events VIRTUAL TABLE INDEX 8:DESC',
   'ORDER BY event_id DESC: no sort, read backwards'),
  ('SELECT * FROM trtc_events WHERE event_id IN (5003, 1001) ORDER BY event_id DESC',
   'SCAN trtc_events VIRTUAL TABLE INDEX 9:event_id=,DESC / USE TEMP B-TREE FOR ORDER BY',
   'event_id IN (...) ORDER BY event_id DESC: one lookup per value, then a sort of the few rows'),
  ('SELECT event_id, count(*) FROM trtc_events GROUP BY event_id', 'SCAN trtc_events VIRTUAL TABLE INDEX 0:',
   'GROUP BY event_id: no sort'),
  ('SELECT * FROM trtc_abnormal_events ORDER BY event_id DESC, kind',
   'SCAN trtc_abnormal_events VIRTUAL TABLE INDEX 8:DESC', 'ORDER BY a unique key, then anything: no sort'),
  ('SELECT * FROM trtc_stream_types ORDER BY type', 'SCAN trtc_stream_types VIRTUAL TABLE INDEX 0:',
   'ORDER BY type: no sort'),
  -- Rows of one event id are not sorted by param1: that order needs a sort.
  ('SELECT * FROM trtc_events ORDER BY event_id, param1',
   'SCAN trtc_events VIRTUAL TABLE INDEX 0: / USE TEMP B-TREE FOR ORDER BY',
   'ORDER BY event_id, param1: sorted by SQLite'),
  ('SELECT * FROM trtc_events ORDER BY description',
   'SCAN trtc_events VIRTUAL TABLE INDEX 0: / USE TEMP B-TREE FOR ORDER BY',
   'ORDER BY description: sorted by SQLite'),
  -- Joins.
  ('SELECT * FROM log l JOIN trtc_events e ON e.event_id = l.EventId',
   'SCAN l / SCAN e VIRTUAL TABLE INDEX 1:event_id=', 'join: a lookup per log row'),
  ('SELECT * FROM trtc_events e JOIN log l ON e.event_id = l.EventId',
   'SCAN l / SCAN e VIRTUAL TABLE INDEX 1:event_id=', 'join written the other way round: the same plan'),
  ('SELECT * FROM trtc_experiences x JOIN trtc_events e ON e.event_id = x.experience_id',
   'SCAN x VIRTUAL TABLE INDEX 0: / SCAN e VIRTUAL TABLE INDEX 1:event_id=',
   'a scan costs the table size: the 5-row table goes outside'),
  ('SELECT * FROM trtc_events e JOIN trtc_abnormal_events a ON a.event_id = e.event_id',
   'SCAN a VIRTUAL TABLE INDEX 0: / SCAN e VIRTUAL TABLE INDEX 1:event_id=',
   'the 58-row table goes outside the 110-row one'),
  -- At most one row (SQLITE_INDEX_SCAN_UNIQUE): SQLite drops a LEFT JOIN
  -- whose columns the query does not use.
  ('SELECT l.id FROM log l LEFT JOIN trtc_experiences x ON x.experience_id = l.EventId', 'SCAN l',
   'experience_id = ?: one row at most'),
  ('SELECT l.id FROM log l LEFT JOIN trtc_events e ON e.event_id = l.EventId AND e.param1 = l.ParamOne AND e.param2 = l.ParamTwo',
   'SCAN l', 'event_id, param1, param2 = ?: one row at most'),
  ('SELECT l.id FROM log l LEFT JOIN trtc_events e ON e.event_id = l.EventId',
   'SCAN l / SCAN e VIRTUAL TABLE INDEX 1:event_id= LEFT-JOIN', 'event_id = ? alone: several rows'),
  ('SELECT l.id FROM log l LEFT JOIN trtc_experiences x ON x.experience_id IN (l.EventId, 1)',
   'SCAN l / SCAN x VIRTUAL TABLE INDEX 1:experience_id= LEFT-JOIN', 'experience_id IN (...): several rows'),
  ('SELECT l.id FROM log l LEFT JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d', 'SCAN l',
   'trtc_decode: one row at most'),
  -- trtc_decode.
  ('SELECT l.*, d.text FROM log l LEFT JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d',
   'SCAN l / SCAN d VIRTUAL TABLE INDEX 7:arg_event_id=,arg_param1=,arg_param2= LEFT-JOIN',
   'trtc_decode in a LEFT JOIN: called per log row with its three arguments'),
  ('SELECT * FROM trtc_decode(l.EventId) d, log l',
   'SCAN l / SCAN d VIRTUAL TABLE INDEX 1:arg_event_id=',
   'trtc_decode before its argument''s table: the planner puts it inside'),
  ('SELECT * FROM trtc_decode WHERE arg_event_id = 5003 AND arg_param2 = -1',
   'SCAN trtc_decode VIRTUAL TABLE INDEX 5:arg_event_id=,arg_param2=',
   'trtc_decode with arguments as WHERE terms');

SELECT eq(replace(query_plan(query), char(10), ' / '), want, what)
  FROM expect
 ORDER BY expect.rowid;
