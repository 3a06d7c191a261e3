-- tests/spec_text.sql: every row of the spec decodes to its exact text.
-- The expected text comes from fixtures/spec_rows.sql, transcribed from
-- the spec independently of src/.
.read fixtures/spec_rows.sql
-- Rows whose two parameters are integers (the others name measured values).
CREATE TEMP VIEW spec_exact AS
  SELECT rowid AS n, * FROM spec_event
   WHERE CAST(param1 AS INTEGER) || '' = param1 AND CAST(param2 AS INTEGER) || '' = param2;

-- 5 fixture counts, 104 integer rows, 7 measured, 110 sources, 5
-- experiences, 58 abnormal events and their 58 kinds, 5 unknowns.
SELECT plan(5 + 104 + 7 + 110 + 5 + 58 + 58 + 5);

-- The fixture itself holds what the spec says it holds.
SELECT eq((SELECT count(*) FROM spec_event WHERE source = 'sdk'), 83, 'fixture: 83 SDK event rows');
SELECT eq((SELECT count(*) FROM spec_event WHERE source = 'webrtc'), 27, 'fixture: 27 WebRTC event rows');
SELECT eq((SELECT count(*) FROM spec_experience), 5, 'fixture: 5 experiences');
SELECT eq((SELECT count(*) FROM spec_abnormal WHERE kind = 'room_dismissal'), 32, 'fixture: 32 room-dismissal events');
SELECT eq((SELECT count(*) FROM spec_abnormal WHERE kind = 'realtime'), 26, 'fixture: 26 real-time events');

-- Rows whose parameters are integers: the spec's own arguments decode to
-- the spec's text, exactly.
SELECT eq(trtc_event(event_id, CAST(param1 AS INTEGER), CAST(param2 AS INTEGER)), description,
          'event ' || event_id || ' ' || param1 || ' ' || param2)
  FROM spec_exact ORDER BY n;

-- Rows naming measured values (6 in the spec): any value matches; the text
-- is the spec's followed by "(label: value, ...)".
SELECT eq((SELECT count(*) FROM spec_event) - (SELECT count(*) FROM spec_exact), 6,
          'fixture: 6 rows name measured values');
SELECT eq(trtc_event(4003, 1280, 720),
          'Video resolution has been switched (Resolution width: 1280, Resolution height: 720)',
          '4003 shows width and height');
SELECT eq(trtc_event(4007, 640, 360),
          'The user switched video resolution (Resolution width: 640, Resolution height: 360)',
          '4007 shows width and height');
SELECT eq(trtc_event(4008, 30, -1),
          'The user switched video frame rate (Video frame rate: 30)',
          '4008 shows the frame rate');
SELECT eq(trtc_event(4009, 1500, -1),
          'The user switched video bitrate (Video bitrate: 1500)',
          '4009 shows the bitrate');
SELECT eq(trtc_event(4013, 3, 0),
          '(Software) decoding failed (Number of frames failed to be decoded (3s): 3)',
          '4013/0 shows the failed frame count');
SELECT eq(trtc_event(4013, 17, 1),
          '(Hardware) decoding failed (Number of frames failed to be decoded (3s): 17)',
          '4013/1 shows the failed frame count');

-- Every spec row is a row of trtc_event_source's tables, with its source.
SELECT eq(trtc_event_source(event_id), source, 'source of ' || event_id || ' ' || param1 || ' ' || param2)
  FROM spec_event ORDER BY rowid;

SELECT eq(trtc_experience(experience_id), description, 'experience ' || experience_id)
  FROM spec_experience ORDER BY rowid;
SELECT eq(trtc_abnormal_event(event_id), description, 'abnormal event ' || event_id)
  FROM spec_abnormal ORDER BY rowid;
SELECT eq(trtc_abnormal_event_kind(event_id), kind, 'kind of abnormal event ' || event_id)
  FROM spec_abnormal ORDER BY rowid;

-- Nothing beyond the spec decodes: the ids around each table give NULL.
SELECT eq(trtc_experience(0), NULL, 'experience 0 is unknown');
SELECT eq(trtc_experience(6), NULL, 'experience 6 is unknown');
SELECT eq(trtc_abnormal_event(1033), NULL, 'abnormal 1033 is unknown');
SELECT eq(trtc_abnormal_event(2027), NULL, 'abnormal 2027 is unknown');
SELECT eq(trtc_abnormal_event(1000), NULL, 'abnormal 1000 is unknown');
