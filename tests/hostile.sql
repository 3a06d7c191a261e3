-- tests/hostile.sql: every scalar function against hostile arguments.
-- Each value is tried as the id argument of every function and as each
-- parameter of trtc_event/trtc_event_severity: none raises an error, an
-- integer-valued argument is read as that integer, anything else gives NULL.
.read fixtures/hostile_values.sql

SELECT plan(13 * (SELECT count(*) FROM hostile) + 1);

-- As the id of every single-id function: NULL, but where the value reads
-- as 5003 (an event id) or 0 (a stream type).
SELECT eq(trtc_event(v), NULL, 'trtc_event(' || label || ')') FROM hostile;
SELECT eq(trtc_event_severity(v), NULL, 'trtc_event_severity(' || label || ')') FROM hostile;
SELECT eq(trtc_event_source(v), CASE WHEN as_int = 5003 THEN 'sdk' END,
          'trtc_event_source(' || label || ')') FROM hostile;
SELECT eq(trtc_event_category(v), CASE WHEN as_int = 5003 THEN 'room' END,
          'trtc_event_category(' || label || ')') FROM hostile;
SELECT eq(trtc_experience(v), NULL, 'trtc_experience(' || label || ')') FROM hostile;
SELECT eq(trtc_abnormal_event(v), NULL, 'trtc_abnormal_event(' || label || ')') FROM hostile;
SELECT eq(trtc_abnormal_event_kind(v), NULL, 'trtc_abnormal_event_kind(' || label || ')') FROM hostile;
SELECT eq(trtc_stream_type(v), CASE WHEN as_int = 0 THEN 'none' END,
          'trtc_stream_type(' || label || ')') FROM hostile;

-- As a parameter where any value matches: the text when v is read as an
-- integer, NULL otherwise.
SELECT eq(trtc_event(5001, v), CASE WHEN as_int IS NOT NULL THEN 'Started entering room' END,
          'trtc_event(5001, ' || label || ')') FROM hostile;
SELECT eq(trtc_event(5001, -1, v), CASE WHEN as_int IS NOT NULL THEN 'Started entering room' END,
          'trtc_event(5001, -1, ' || label || ')') FROM hostile;
SELECT eq(trtc_event_severity(5001, v, v), CASE WHEN as_int IS NOT NULL THEN 'info' END,
          'trtc_event_severity(5001, ' || label || ', ' || label || ')') FROM hostile;
-- As a measured value: shown as the integer it was read as.
SELECT eq(trtc_event(4008, v), CASE WHEN as_int IS NOT NULL
            THEN 'The user switched video frame rate (Video frame rate: ' || as_int || ')' END,
          'trtc_event(4008, ' || label || ')') FROM hostile;
-- As an id that does exist, written the hostile way: numeric forms of 5003.
SELECT eq(trtc_event(CASE WHEN as_int = 5003 THEN v ELSE 5003 END, 1),
          'Entered room successfully', 'trtc_event(5003 as ' || label || ', 1)') FROM hostile;

SELECT eq((SELECT count(*) FROM hostile WHERE as_int = 5003), 4, 'four hostile spellings of 5003');
