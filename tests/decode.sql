-- tests/decode.sql: trtc_decode(event_id [, param1 [, param2]]) returns the
-- trtc_events row that the arguments match plus "text", which equals
-- trtc_event() for the same arguments: for every spec row
-- (fixtures/spec_rows.sql), for odd arguments, correlated, in a LEFT JOIN,
-- and over a generated log of 3000 rows.
.read fixtures/spec_rows.sql
PRAGMA automatic_index = OFF;

-- 104 + 6 spec rows, 7 columns and arguments, 3 argument rules,
-- 6 generated log checks + 7 joins, 4 correlated, 2 errors.
SELECT plan(104 + 6 + 7 + 3 + 6 + 7 + 4 + 2 + 3);

-- ---- Every spec row -------------------------------------------------------
-- Rows whose parameters are integers: the spec's own arguments give that
-- row (its id and parameter cells) and the spec's text.
SELECT eq((SELECT d.event_id || ' ' || d.param1 || ' ' || d.param2 || ': ' || d.text
             FROM trtc_decode(s.event_id, CAST(s.param1 AS INTEGER), CAST(s.param2 AS INTEGER)) d),
          s.event_id || ' ' || s.param1 || ' ' || s.param2 || ': ' || s.description,
          'decode ' || s.event_id || ' ' || s.param1 || ' ' || s.param2)
  FROM spec_event s
 WHERE CAST(s.param1 AS INTEGER) || '' = s.param1 AND CAST(s.param2 AS INTEGER) || '' = s.param2
 ORDER BY s.rowid;
-- Rows naming measured values: any value matches (1280 and 720 here); the
-- text shows them, as trtc_event() does.
SELECT eq((SELECT d.description || ' | ' || coalesce(d.param1_label, d.param1) || ' | '
                  || coalesce(d.param2_label, d.param2) || ' | ' || d.text
             FROM trtc_decode(s.event_id, s.p1, s.p2) d),
          s.description || ' | ' || s.param1 || ' | ' || s.param2 || ' | ' || trtc_event(s.event_id, s.p1, s.p2),
          'decode measured ' || s.event_id || ' ' || s.p1 || ' ' || s.p2)
  FROM (SELECT *, rowid AS r,
               CASE WHEN CAST(param1 AS INTEGER) || '' = param1 THEN CAST(param1 AS INTEGER) ELSE 1280 END AS p1,
               CASE WHEN CAST(param2 AS INTEGER) || '' = param2 THEN CAST(param2 AS INTEGER) ELSE 720 END AS p2
          FROM spec_event) s
 WHERE NOT (CAST(s.param1 AS INTEGER) || '' = s.param1 AND CAST(s.param2 AS INTEGER) || '' = s.param2)
 ORDER BY s.r;

-- ---- Columns and arguments ------------------------------------------------
SELECT eq((SELECT group_concat(name || CASE hidden WHEN 1 THEN ' HIDDEN' ELSE '' END, ', ')
             FROM pragma_table_xinfo('trtc_decode')),
          'event_id, param1, param2, param1_label, param2_label, description, source, category, '
          || 'severity, text, arg_event_id HIDDEN, arg_param1 HIDDEN, arg_param2 HIDDEN',
          'the columns: trtc_events'' columns, text, and the arguments (hidden)');
SELECT eq((SELECT group_concat(quote(event_id) || ',' || quote(param1) || ',' || quote(param2) || ','
                  || quote(param1_label) || ',' || quote(param2_label) || ',' || quote(description) || ','
                  || quote(source) || ',' || quote(category) || ',' || quote(severity) || ',' || quote(text), ';')
             FROM trtc_decode(5003, 0, -1)),
          '5003,0,-1,NULL,NULL,''Failed to enter room'',''sdk'',''room'',''error'',''Failed to enter room''',
          'SELECT * FROM trtc_decode(5003, 0, -1)');
SELECT eq((SELECT quote(param1) || ',' || quote(param2) || ',' || param1_label || ',' || param2_label || ',' || text
             FROM trtc_decode(4003, 1280, 720)),
          'NULL,NULL,Resolution width,Resolution height,'
          || 'Video resolution has been switched (Resolution width: 1280, Resolution height: 720)',
          'trtc_decode(4003, 1280, 720): the row''s parameters are measured values (NULL); text shows them');
SELECT eq((SELECT arg_event_id || ',' || arg_param1 || ',' || arg_param2 || ','
                  || typeof(arg_event_id) || typeof(arg_param1) || typeof(arg_param2)
             FROM trtc_decode('4013', 17.0, ' 1 ')),
          '4013,17,1,integerintegerinteger', 'the hidden columns show the arguments as read');
SELECT eq((SELECT arg_param1 || ',' || arg_param2 || ',' || text FROM trtc_decode(5001)),
          '-1,-1,Started entering room', 'omitted parameters count as -1');
SELECT eq((SELECT count(*) FROM trtc_decode(5003)), 0, 'trtc_decode(5003): param1 -1 matches no row');
SELECT eq((SELECT group_concat(text, ' / ') FROM (
             SELECT text FROM trtc_decode WHERE arg_event_id = 5003 AND arg_param1 IN (1, 0, 2) ORDER BY text)),
          'Entered room successfully / Failed to enter room', 'arguments as WHERE terms, with IN');

-- ---- The argument rule is trtc_event()'s ----------------------------------
-- text equals trtc_event() with one, two and three arguments, and no row
-- comes out where trtc_event() gives NULL.
CREATE TEMP TABLE args(a, b, c);
INSERT INTO args VALUES
  (5003, 0, -1), (5003, 1, 99), (5003, 2, -1), (5001, 7, 9), (4003, 1280, 720), (4003, -5, 9223372036854775807),
  (4013, 17, 1), (4013, 17, 2), (6001, 101, 2), (6001, 3, 0), (36864, -1, -1), (9999, 0, 0),
  (NULL, 0, -1), (5003, NULL, -1), (5003, 0, NULL), ('5003', '0', '-1'), (' 5003 ', '+1', ' -1'),
  (5003.0, 0.0, -1.0), ('5003.00', '1', -1), (5003.5, 0, -1), ('5003.5', 0, -1), ('5003abc', 0, -1),
  ('abc', 0, -1), ('', 0, -1), ('0x138B', 0, -1), ('5e3', 0, -1), (x'138B', 0, -1), (1e300, 0, -1),
  (9223372036854775808.0, 0, -1), ('99999999999999999999', 0, -1), (-9223372036854775808, 0, -1),
  (5001, '-9223372036854775808', -1), (5001, '9223372036854775808', -1), (5001, 0.5, -1), (5001, x'00', -1),
  (4008, 30, '-1'), (4009, 1500, -1.0);
SELECT eq((SELECT group_concat(quote(a), ' ') FROM args
            WHERE (SELECT group_concat(text, ' / ') FROM trtc_decode(a)) IS NOT trtc_event(a)),
          NULL, 'trtc_decode(a): text = trtc_event(a) for ' || (SELECT count(*) FROM args) || ' arguments');
SELECT eq((SELECT group_concat(quote(a) || ',' || quote(b), ' ') FROM args
            WHERE (SELECT group_concat(text, ' / ') FROM trtc_decode(a, b)) IS NOT trtc_event(a, b)),
          NULL, 'trtc_decode(a, b): text = trtc_event(a, b)');
SELECT eq((SELECT group_concat(quote(a) || ',' || quote(b) || ',' || quote(c), ' ') FROM args
            WHERE (SELECT group_concat(text, ' / ') FROM trtc_decode(a, b, c)) IS NOT trtc_event(a, b, c)),
          NULL, 'trtc_decode(a, b, c): text = trtc_event(a, b, c)');

-- ---- A generated log ------------------------------------------------------
-- 3000 rows cycling through every event id of the spec and 5 unknown ones;
-- each row's parameters come from the spec's own values for that id, -1,
-- and others (0, 1, 7, 1280, 720), so exact rows, -1 wildcards, measured
-- values and misses all occur; then some arguments become NULL, text,
-- reals and non-integral reals.
CREATE TEMP TABLE ids AS
  SELECT row_number() OVER (ORDER BY event_id) - 1 AS i, event_id
    FROM (SELECT event_id FROM spec_event
          UNION SELECT column1 FROM (VALUES (0), (999), (4016), (7002), (32794)));
CREATE TEMP TABLE vals AS
  SELECT event_id, row_number() OVER (PARTITION BY event_id ORDER BY v) - 1 AS j, v FROM (
    SELECT event_id, CAST(param1 AS INTEGER) AS v FROM spec_event WHERE CAST(param1 AS INTEGER) || '' = param1
    UNION SELECT event_id, CAST(param2 AS INTEGER) FROM spec_event WHERE CAST(param2 AS INTEGER) || '' = param2
    UNION SELECT ids.event_id, x.column1 FROM ids, (VALUES (-1), (0), (1), (7), (1280), (720)) x);
CREATE TEMP TABLE nvals AS SELECT event_id, count(*) AS n FROM vals GROUP BY event_id;
CREATE TABLE log(n INTEGER PRIMARY KEY, EventId, ParamOne, ParamTwo);
WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < 2999)
INSERT INTO log
SELECT c.n, ids.event_id,
       (SELECT v FROM vals WHERE vals.event_id = ids.event_id AND vals.j = (c.n / 3) % nvals.n),
       (SELECT v FROM vals WHERE vals.event_id = ids.event_id AND vals.j = (c.n * 7 / 5) % nvals.n)
  FROM c JOIN ids ON ids.i = c.n % (SELECT count(*) FROM ids) JOIN nvals ON nvals.event_id = ids.event_id;
UPDATE log SET ParamOne = NULL WHERE n % 97 = 0;
UPDATE log SET ParamTwo = CAST(ParamTwo AS TEXT) WHERE n % 89 = 1;
UPDATE log SET EventId = CAST(EventId AS TEXT) || '.0' WHERE n % 101 = 2;
UPDATE log SET ParamOne = ParamOne + 0.5 WHERE n % 103 = 3;
UPDATE log SET ParamTwo = ParamTwo + 0.0 WHERE n % 107 = 4;

-- The log holds what the test needs.
SELECT eq((SELECT count(*) FROM log), 3000, 'log: 3000 rows');
SELECT ok((SELECT count(*) FROM log WHERE trtc_event_source(EventId) IS NULL AND typeof(EventId) = 'integer') > 100,
          'log: over 100 rows with unknown ids');
SELECT ok((SELECT count(*) FROM log l JOIN trtc_events e ON e.event_id = l.EventId
            WHERE e.param1_label IS NOT NULL AND trtc_event(l.EventId, l.ParamOne, l.ParamTwo) IS NOT NULL) > 50,
          'log: over 50 rows decode with measured values');
SELECT ok((SELECT count(*) FROM log l JOIN trtc_events e ON e.event_id = l.EventId
            WHERE e.param2 = -1 AND l.ParamTwo <> -1 AND trtc_event(l.EventId, l.ParamOne, l.ParamTwo) IS NOT NULL) > 500,
          'log: over 500 rows match a -1 (any value) in the spec with another value');
SELECT ok((SELECT count(*) FROM log WHERE trtc_event_source(EventId) IS NOT NULL
            AND trtc_event(EventId, ParamOne, ParamTwo) IS NULL) > 300,
          'log: over 300 rows of known ids match no row');
SELECT ok((SELECT count(*) FROM log WHERE trtc_event(EventId, ParamOne, ParamTwo) IS NOT NULL) > 1000,
          'log: over 1000 rows decode');

-- Decoded in place: the same rows as trtc_event(), with automatic indexes off.
SELECT eq((SELECT count(*) FROM log l LEFT JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d), 3000,
          'LEFT JOIN trtc_decode: one row per log row');
SELECT eq((SELECT count(*) FROM log l LEFT JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d
            WHERE d.text IS NOT trtc_event(l.EventId, l.ParamOne, l.ParamTwo)
               OR d.severity IS NOT trtc_event_severity(l.EventId, l.ParamOne, l.ParamTwo)
               OR d.category IS NOT (CASE WHEN d.text IS NOT NULL THEN trtc_event_category(l.EventId) END)),
          0, 'LEFT JOIN trtc_decode: text, severity and category as the scalar functions give them');
SELECT eq((SELECT count(*) FROM log l JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d),
          (SELECT count(trtc_event(EventId, ParamOne, ParamTwo)) FROM log),
          'JOIN trtc_decode: the rows trtc_event() decodes');
SELECT eq((SELECT count(*) FROM trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d, log l),
          (SELECT count(trtc_event(EventId, ParamOne, ParamTwo)) FROM log),
          'trtc_decode named before its arguments'' table: the same rows');
SELECT ok(query_plan('SELECT * FROM log l LEFT JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d')
          = 'SCAN l' || char(10) || 'SCAN d VIRTUAL TABLE INDEX 7:arg_event_id=,arg_param1=,arg_param2= LEFT-JOIN',
          'the log is scanned once, trtc_decode called per row');
-- trtc_events joined by hand, with the matching rule spelled out: the same
-- rows (trtc_decode's rowid is the trtc_events row's) for integer arguments.
CREATE TEMP VIEW by_hand AS
  SELECT l.n, e.rowid AS r FROM log l JOIN trtc_events e
      ON e.event_id = l.EventId
     AND (e.param1 IS NULL OR e.param1 = -1 OR e.param1 = l.ParamOne)
     AND (e.param2 IS NULL OR e.param2 = -1 OR e.param2 = l.ParamTwo)
   WHERE typeof(l.EventId) = 'integer' AND typeof(l.ParamOne) = 'integer' AND typeof(l.ParamTwo) = 'integer';
SELECT eq((SELECT count(*) FROM (
             SELECT * FROM by_hand
             EXCEPT SELECT l.n, d.rowid FROM log l JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d
             UNION ALL
             SELECT * FROM (SELECT l.n, d.rowid FROM log l JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d
                             WHERE typeof(l.EventId) = 'integer' AND typeof(l.ParamOne) = 'integer'
                               AND typeof(l.ParamTwo) = 'integer'
                            EXCEPT SELECT * FROM by_hand))),
          0, 'JOIN trtc_events on the matching rule: the rows trtc_decode finds');
SELECT ok(query_plan('SELECT * FROM by_hand') LIKE 'SCAN l' || char(10) || 'SCAN e VIRTUAL TABLE INDEX 1:event_id=%',
          'JOIN trtc_events: a lookup by event_id per log row');

-- ---- Correlated -----------------------------------------------------------
SELECT eq((SELECT count(*) FROM log WHERE (SELECT text FROM trtc_decode(EventId, ParamOne, ParamTwo))
                                          IS NOT trtc_event(EventId, ParamOne, ParamTwo)),
          0, 'a correlated subquery per log row');
SELECT eq((SELECT count(*) FROM log WHERE (SELECT text FROM trtc_decode(EventId, ParamOne))
                                          IS NOT trtc_event(EventId, ParamOne)),
          0, 'correlated, two arguments');
SELECT eq((SELECT count(*) FROM log WHERE (SELECT text FROM trtc_decode(EventId))
                                          IS NOT trtc_event(EventId)),
          0, 'correlated, one argument');
SELECT eq((SELECT group_concat(d.severity || ':' || n, ',') FROM (
             SELECT d.severity, count(*) AS n FROM log l JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d
              GROUP BY d.severity ORDER BY d.severity) d),
          (SELECT group_concat(s || ':' || n, ',') FROM (
             SELECT trtc_event_severity(EventId, ParamOne, ParamTwo) AS s, count(*) AS n FROM log
              WHERE s IS NOT NULL GROUP BY s ORDER BY s)),
          'counting by severity through trtc_decode');

-- An OR in the WHERE: SQLite plans each branch alone, without the
-- arguments; that must not be an error, and the rows must be right.
SELECT eq((SELECT count(*) FROM log l JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d
            WHERE d.severity = 'error' OR d.severity = 'warning'),
          (SELECT count(*) FROM log WHERE trtc_event_severity(EventId, ParamOne, ParamTwo) IN ('error', 'warning')),
          'OR on two values of one column');
SELECT eq((SELECT count(*) FROM log l JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d
            WHERE d.severity = 'error' OR d.category = 'app'),
          (SELECT count(*) FROM log WHERE trtc_event_severity(EventId, ParamOne, ParamTwo) = 'error'
              OR trtc_event_category(EventId) = 'app' AND trtc_event(EventId, ParamOne, ParamTwo) IS NOT NULL),
          'OR on two columns');
SELECT eq((SELECT count(*) FROM log l LEFT JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d
            WHERE d.text IS NULL OR d.source = 'webrtc'),
          (SELECT count(*) FROM log WHERE trtc_event(EventId, ParamOne, ParamTwo) IS NULL
              OR trtc_event_source(EventId) = 'webrtc'),
          'OR in a LEFT JOIN');

-- ---- Errors ---------------------------------------------------------------
SELECT throws_like('SELECT * FROM trtc_decode', 'trtc_decode: the first argument, event_id, is required',
                   'trtc_decode without arguments fails');
SELECT throws_like('SELECT * FROM trtc_decode WHERE arg_param1 = 0', 'trtc_decode: the first argument, event_id, is required',
                   'trtc_decode without event_id fails');
