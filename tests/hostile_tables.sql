-- tests/hostile_tables.sql: the virtual tables and table-valued functions
-- against hostile values (tests/fixtures/hostile_values.sql), deeply nested
-- and very large JSON. None crashes; each gives what the docs say:
--   * trtc_decode reads its arguments by trtc_event()'s rule;
--   * the mapping tables answer "=" and IN exactly as plain SQLite tables
--     holding the same rows would (a differential test);
--   * trtc_user_events / trtc_unusual_events give no rows for NULL or for
--     well-formed JSON that is not a response, and an error saying the
--     JSON is malformed for anything else.
.read fixtures/hostile_values.sql

CREATE TEMP TABLE p_events AS SELECT * FROM trtc_events;
CREATE TEMP TABLE p_experiences AS SELECT * FROM trtc_experiences;
CREATE TEMP TABLE p_abnormal AS SELECT * FROM trtc_abnormal_events;
CREATE TEMP TABLE p_stream_types AS SELECT * FROM trtc_stream_types;

-- 16 per hostile value, and 9 more.
SELECT plan(16 * (SELECT count(*) FROM hostile) + 9);

-- trtc_decode: trtc_event()'s rule, in each argument position.
SELECT eq((SELECT count(*) FROM trtc_decode(v)), 0, 'trtc_decode(' || label || ')') FROM hostile;
SELECT eq((SELECT count(*) FROM trtc_decode(5001, v)), CASE WHEN as_int IS NULL THEN 0 ELSE 1 END,
          'trtc_decode(5001, ' || label || ')') FROM hostile;
SELECT eq((SELECT text FROM trtc_decode(4008, v, -1)), trtc_event(4008, v, -1),
          'trtc_decode(4008, ' || label || ', -1) text is trtc_event''s') FROM hostile;

-- The mapping tables: "=" and IN as on plain tables of the same rows.
SELECT eq((SELECT count(*) FROM trtc_events WHERE event_id = v),
          (SELECT count(*) FROM p_events WHERE event_id = v), 'trtc_events event_id = ' || label) FROM hostile;
SELECT eq((SELECT count(*) FROM trtc_events WHERE event_id IN (v, 1001)),
          (SELECT count(*) FROM p_events WHERE event_id IN (v, 1001)), 'trtc_events event_id IN (' || label || ', 1001)') FROM hostile;
SELECT eq((SELECT count(*) FROM trtc_events WHERE event_id = 6001 AND param1 = v),
          (SELECT count(*) FROM p_events WHERE event_id = 6001 AND param1 = v), 'trtc_events param1 = ' || label) FROM hostile;
SELECT eq((SELECT count(*) FROM trtc_events WHERE event_id = 6001 AND param1 = 1 AND param2 = v),
          (SELECT count(*) FROM p_events WHERE event_id = 6001 AND param1 = 1 AND param2 = v), 'trtc_events param2 = ' || label) FROM hostile;
SELECT eq((SELECT count(*) FROM trtc_events WHERE param1 IN (v)),
          (SELECT count(*) FROM p_events WHERE param1 IN (v)), 'trtc_events param1 IN (' || label || ')') FROM hostile;
SELECT eq((SELECT count(*) FROM trtc_experiences WHERE experience_id = v),
          (SELECT count(*) FROM p_experiences WHERE experience_id = v), 'trtc_experiences = ' || label) FROM hostile;
SELECT eq((SELECT count(*) FROM trtc_experiences WHERE experience_id IN (v, 2)),
          (SELECT count(*) FROM p_experiences WHERE experience_id IN (v, 2)), 'trtc_experiences IN (' || label || ', 2)') FROM hostile;
SELECT eq((SELECT count(*) FROM trtc_abnormal_events WHERE event_id = v),
          (SELECT count(*) FROM p_abnormal WHERE event_id = v), 'trtc_abnormal_events = ' || label) FROM hostile;
SELECT eq((SELECT count(*) FROM trtc_abnormal_events WHERE event_id IN (v, 2001)),
          (SELECT count(*) FROM p_abnormal WHERE event_id IN (v, 2001)), 'trtc_abnormal_events IN (' || label || ', 2001)') FROM hostile;
SELECT eq((SELECT count(*) FROM trtc_stream_types WHERE type = v),
          (SELECT count(*) FROM p_stream_types WHERE type = v), 'trtc_stream_types = ' || label) FROM hostile;
SELECT eq((SELECT count(*) FROM trtc_stream_types WHERE type IN (v, 7)),
          (SELECT count(*) FROM p_stream_types WHERE type IN (v, 7)), 'trtc_stream_types IN (' || label || ', 7)') FROM hostile;

-- The JSON functions: no rows or "malformed JSON", never anything else.
-- (SQLite's json_valid() stops reading at a NUL byte; the functions read
-- the whole text, so a NUL inside makes it malformed.)
SELECT CASE WHEN v IS NULL OR (json_valid(CAST(v AS TEXT)) AND instr(CAST(v AS BLOB), x'00') = 0)
         THEN eq((SELECT count(*) FROM trtc_user_events(v)), 0, 'trtc_user_events(' || label || ') gives no rows')
         ELSE throws_like('SELECT count(*) FROM trtc_user_events((SELECT v FROM hostile WHERE rowid = ' || rowid || '))',
                          'trtc_user_events: malformed JSON%', 'trtc_user_events(' || label || ') is malformed JSON')
       END FROM hostile;
SELECT CASE WHEN v IS NULL OR (json_valid(CAST(v AS TEXT)) AND instr(CAST(v AS BLOB), x'00') = 0)
         THEN eq((SELECT count(*) FROM trtc_unusual_events(v)), 0, 'trtc_unusual_events(' || label || ') gives no rows')
         ELSE throws_like('SELECT count(*) FROM trtc_unusual_events((SELECT v FROM hostile WHERE rowid = ' || rowid || '))',
                          'trtc_unusual_events: malformed JSON%', 'trtc_unusual_events(' || label || ') is malformed JSON')
       END FROM hostile;
SELECT eq((SELECT count(*) FROM hostile WHERE v IS NOT NULL AND NOT json_valid(CAST(v AS TEXT))), 15,
          'fifteen hostile values are not JSON');

-- Deeply nested JSON: beyond SQLite's nesting limit it is malformed, at
-- any place in a response; below it, it is only an odd shape.
SELECT throws_like('SELECT * FROM trtc_user_events(printf(''%.*c%.*c'', 100000, ''['', 100000, '']''))',
                   'trtc_user_events: malformed JSON%', '100000 nested arrays');
SELECT throws_like('SELECT * FROM trtc_user_events(''{"Response": {"Data": [{"PeerId": "a", "Content": '' || printf(''%.*c%.*c'', 5000, ''['', 5000, '']'') || ''}]}}'')',
                   'trtc_user_events: malformed JSON%', 'Content nested 5000 deep');
SELECT throws_like('SELECT * FROM trtc_unusual_events(''[{"UserId": '' || replace(printf(''%.*c'', 5000, ''x''), ''x'', ''{"a":'') || ''1'' || printf(''%.*c'', 5000, ''}'') || ''}]'')',
                   'trtc_unusual_events: malformed JSON%', 'UserId nested 5000 objects deep');
SELECT eq((SELECT count(*) FROM trtc_user_events('[{"PeerId": "a", "Content": ' || printf('%.*c%.*c', 500, '[', 500, ']') || '}]')),
          0, 'Content nested 500 deep: no rows');

-- Very large: 100000 events, every one decoded.
CREATE TEMP TABLE big AS
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
  SELECT json_object('Response', json_object('Data', json_array(json_object('PeerId', 'p', 'Content',
           (SELECT json_group_array(json_object('Type', 0, 'Time', 1700000000000 + i, 'EventId', 5003,
                                                'ParamOne', i % 2, 'ParamTwo', -1)) FROM n))))) AS j;
SELECT eq((SELECT count(*) || '/' || sum(text = 'Failed to enter room') || '/' || sum(severity = 'error')
             FROM big, trtc_user_events(big.j)), '100000/50000/50000', '100000 events in one response');
-- A 1000000-character PeerId and a 1000000-character RoomId come back whole.
SELECT eq((SELECT length(peer_id) FROM trtc_user_events(json_array(json_object('PeerId', printf('%.*c', 1000000, 'p'),
             'Content', json_array(json_object('EventId', 5001)))))), 1000000, 'a huge PeerId');
SELECT eq((SELECT length(room_id) FROM trtc_unusual_events(json_array(json_object('RoomId', printf('%.*c', 1000000, '8'),
             'ExperienceId', 1)))), 1000000, 'a huge RoomId');
-- Invalid UTF-8 inside JSON strings is passed through as bytes, not read past.
SELECT eq((SELECT hex(peer_id) FROM trtc_user_events('[{"PeerId": "' || CAST(x'C328A0FF' AS TEXT) || '", "Content": [{"EventId": 5001}]}]')),
          'C328A0FF', 'invalid UTF-8 in a PeerId');
