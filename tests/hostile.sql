-- tests/hostile.sql: every scalar function against hostile arguments.
-- Each value is tried as the id argument of every function and as each
-- parameter of trtc_event/trtc_event_severity: none raises an error, an
-- integer-valued argument is read as that integer, anything else gives NULL.
-- v has no declared type, so values keep the type they are written with.
CREATE TEMP TABLE hostile(label TEXT, v, as_int INTEGER);
INSERT INTO hostile VALUES
  ('NULL',                 NULL,                         NULL),
  ('int64 max',            9223372036854775807,          9223372036854775807),
  ('int64 min',            -9223372036854775808,         -9223372036854775808),
  ('zero',                 0,                            0),
  ('minus one',            -1,                           -1),
  ('real 2^63',            9223372036854775808.0,        NULL),
  ('real -2^63',           -9223372036854775808.0,       -9223372036854775808),
  ('real 1.5',             1.5,                          NULL),
  ('real -0.0',            -0.0,                         0),
  ('real 1e308',           1e308,                        NULL),
  ('real inf',             1e999,                        NULL),
  ('real -inf',            -1e999,                       NULL),
  ('empty text',           '',                           NULL),
  ('spaces',               '   ',                        NULL),
  ('sign only',            '-',                          NULL),
  ('dot only',             '.',                          NULL),
  ('text 2^63',            '9223372036854775808',        NULL),
  ('text -2^63',           '-9223372036854775808',       -9223372036854775808),
  ('text 20 digits',       '99999999999999999999',       NULL),
  ('text 5003.000',        '5003.000',                   5003),
  ('text 5003.',           '5003.',                      5003),
  ('text .5',              '.5',                         NULL),
  ('text hex',             '0x138B',                     NULL),
  ('text exponent',        '5e3',                        NULL),
  ('text NUL inside',      '5003' || char(0) || '1',     NULL),
  ('text tab newline',     char(9) || '5003' || char(10), 5003),
  ('invalid UTF-8',        CAST(x'C328A0FF' AS TEXT),    NULL),
  ('UTF-8 digits',         '５００３',                   NULL),
  ('huge text',            printf('%.*c', 1000000, '7'), NULL),
  ('huge numeric text',    printf('%0*d', 1000000, 5003), 5003),
  ('empty blob',           x'',                          NULL),
  ('blob',                 x'0000138B',                  NULL),
  ('big blob',             zeroblob(100000),             NULL);

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
