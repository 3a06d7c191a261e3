-- tests/engines/cases.sql: the cases that tests/engines/pg_compare.sh and
-- duckdb_compare.sh put to sqlite-trtc in SQLite and to the generated SQL
-- of sql/engines/ in PostgreSQL and DuckDB, to compare the answers row for
-- row. Run by tests/engines/lib.sh in the sqlite3 shell with trtc loaded,
-- after a line creating TEMP TABLE env(src) (the source tree); it fills the
-- tables of the database it runs in:
--
--   scalar_case(id, fn, nargs, a1, a2, a3)  a scalar function, its integer
--                                           arguments (NULL included) and
--                                           how many are given
--   odd_case(id, kind, v)                   a value of another type (kind:
--                                           text, real, numeric), as text
--   response_case(id, fn, name, body, text_column, text_number)
--                                           a response (body: JSON text, or
--                                           not) for trtc_user_events or
--                                           trtc_unusual_events; text_number:
--                                           the JSON number it puts in a text
--                                           field (PeerId, UserId, RoomId),
--                                           text_column: that field's column
--
-- Every id and parameter value is read from the extension's own tables.

-- ---- Scalar functions: every event id of the spec (and ids it lacks,
-- abnormal event ids among them) with every parameter value the spec names,
-- plus -1, 0, measured values, an unknown value, the 64-bit extremes, NULL.
CREATE TABLE scalar_case(id INTEGER PRIMARY KEY, fn TEXT, nargs INT, a1 INT, a2 INT, a3 INT);
CREATE TEMP TABLE event_id_value(v INTEGER);
INSERT INTO event_id_value
  SELECT DISTINCT event_id FROM trtc_events
  UNION SELECT event_id FROM trtc_abnormal_events
  UNION SELECT column1 FROM (VALUES (0), (-1), (1000), (4016), (5010), (7777), (32767), (32794), (36865),
                                    (-9223372036854775808), (9223372036854775807), (NULL));
CREATE TEMP TABLE param_value(v INTEGER);
INSERT INTO param_value
  SELECT param1 FROM trtc_events WHERE param1 IS NOT NULL
  UNION SELECT param2 FROM trtc_events WHERE param2 IS NOT NULL
  UNION SELECT column1 FROM (VALUES (-1), (0), (17), (720), (1280), (424242), (-2),
                                    (-9223372036854775808), (9223372036854775807), (NULL));
INSERT INTO scalar_case(fn, nargs, a1, a2, a3)
  SELECT f.column1, 3, e.v, p1.v, p2.v
    FROM (VALUES ('trtc_event'), ('trtc_event_severity')) f, event_id_value e, param_value p1, param_value p2
   WHERE e.v IS NULL OR e.v NOT IN (SELECT event_id FROM trtc_abnormal_events EXCEPT SELECT event_id FROM trtc_events);
INSERT INTO scalar_case(fn, nargs, a1, a2, a3)
  SELECT f.column1, 2, e.v, p1.v, NULL
    FROM (VALUES ('trtc_event'), ('trtc_event_severity')) f, event_id_value e, param_value p1;
INSERT INTO scalar_case(fn, nargs, a1, a2, a3)
  SELECT f.column1, 1, e.v, NULL, NULL
    FROM (VALUES ('trtc_event'), ('trtc_event_severity'), ('trtc_event_source'), ('trtc_event_category'),
                 ('trtc_abnormal_event'), ('trtc_abnormal_event_kind'), ('trtc_experience'), ('trtc_stream_type')) f,
         event_id_value e;
INSERT INTO scalar_case(fn, nargs, a1, a2, a3)
  SELECT f.column1, 1, x.v, NULL, NULL
    FROM (VALUES ('trtc_experience'), ('trtc_stream_type'), ('trtc_abnormal_event'), ('trtc_abnormal_event_kind')) f,
         (SELECT experience_id AS v FROM trtc_experiences UNION SELECT type FROM trtc_stream_types
          UNION SELECT column1 FROM (VALUES (1), (4), (5), (6), (8), (-1), (100))) x;

-- ---- Values of other types, read as the extension reads arguments.
CREATE TABLE odd_case(id INTEGER PRIMARY KEY, kind TEXT, v TEXT);
INSERT INTO odd_case(kind, v)
  SELECT 'text', column1 FROM (VALUES ('5003'), (' 5003 '), ('5003.00'), ('5003.'), ('+5003'), ('-0'), ('-1'),
    (' -1 '), ('abc'), ('0x138B'), ('5e3'), ('1e3'), (''), (' '), ('5003.5'), ('5003.001'), ('5003.0a'),
    ('.5'), ('5 003'), ('5_003'), ('00000000000000000000005003'), (char(9) || '5003' || char(10) || char(11) || char(12) || char(13)),
    ('9223372036854775807'), ('9223372036854775808'), ('-9223372036854775808'), ('-9223372036854775809'),
    ('99999999999999999999999'), ('1280'), ('17'), ('0'), ('00'), ('- 1'), ('--1'), ('1-'), ('٥'), ('５'),
    ('5003' || char(160)), (char(160) || '5003'), ('NaN'), ('Infinity'), ('TRUE'), ('5003.0000000000000000000001'));
INSERT INTO odd_case(kind, v)
  SELECT 'real', column1 FROM (VALUES ('5003.0'), ('5003.5'), ('1e300'), ('-0.0'), ('0.5'), ('1280.0'), ('-1.0'),
    ('9.2233720368547758e18'), ('-9.2233720368547758e18'), ('9.2233720368547748e18'), ('1e18'), ('4.9e-324'),
    ('5003.0000000000001'), ('17.000000000000004'));
INSERT INTO odd_case(kind, v)
  SELECT 'numeric', column1 FROM (VALUES ('5003'), ('5003.0'), ('5003.5'), ('1e300'), ('1280'), ('-1'),
    ('9223372036854775807'), ('9223372036854775808'), ('9223372036854775807.0'), ('-9223372036854775808'),
    ('5003.0000000000001'), ('0.00000000000000000000000000001'));

-- ---- Responses ------------------------------------------------------------
CREATE TABLE response_case(id INTEGER PRIMARY KEY, fn TEXT, name TEXT, body TEXT, text_column TEXT, text_number TEXT);
CREATE TEMP TABLE response_body(name TEXT, body TEXT, text_column TEXT, text_number TEXT);

-- Every JSON file of the bundled sample call and of tests/fixtures/, as
-- saved: each through both functions.
INSERT INTO response_body(name, body)
  SELECT 'file ' || substr(name, length(env.src) + 2), CAST(data AS TEXT)
    FROM env, fsdir(env.src || '/sql/sample') WHERE name LIKE '%.json';
INSERT INTO response_body(name, body)
  SELECT 'file ' || substr(name, length(env.src) + 2), CAST(data AS TEXT)
    FROM env, fsdir(env.src || '/tests/fixtures') WHERE name LIKE '%.json';
-- Their other two forms: the inner object, the bare list.
INSERT INTO response_body(name, body)
  SELECT name || ' (inner)', json_extract(body, '$.Response') FROM response_body
   WHERE name LIKE 'file %' AND json_type(body, '$.Response') = 'object';
INSERT INTO response_body(name, body)
  SELECT name || ' (bare list)', coalesce(json_extract(body, '$.Response.Data'), json_extract(body, '$.Response.AbnormalExperienceList'))
    FROM response_body WHERE name LIKE 'file %' AND name NOT LIKE '%(inner)'
     AND coalesce(json_type(body, '$.Response.Data'), json_type(body, '$.Response.AbnormalExperienceList')) = 'array';

-- JSON values of every type and odd numbers, in every field.
CREATE TEMP TABLE json_value(v TEXT);
INSERT INTO json_value VALUES ('5003'), ('5003.0'), ('"5003"'), ('" 5003 "'), ('"5003.00"'), ('5003.5'), ('"abc"'),
  ('true'), ('false'), ('null'), ('{}'), ('[]'), ('[5003]'), ('{"a": 5003}'), ('1e400'), ('-1e400'), ('1e-400'), ('2.5e-320'),
  ('9223372036854775807'), ('9223372036854775808'), ('-9223372036854775808'), ('-9223372036854775809'),
  ('18446744073709551616'), ('123456789012345678901234'), ('1E3'), ('"1e3"'), ('"0x138B"'), ('""'), ('"+5003"'),
  ('"-0"'), ('-0'), ('-0.0'), ('0'), ('-1'), ('1280'), ('17'), ('5003.0000000000001'), ('"5003."'),
  ('"\t5003\n"'), ('"\u0035003"'), ('9.2233720368547758e18'), ('1e2'), ('0.1'), ('8008.5'), ('8008.0'), ('1e15'),
  ('1e14'), ('0.0001'), ('1e-5'), ('12345678901234567890'), ('"alice"'), ('" "'), ('"\u00e9t\u00e9"'), ('"a\"b"'),
  ('"tab\there"'), ('"back\\slash"'), ('"8008"'), ('1.5e300'), ('-8008.25'), ('100000000000000000000000');
-- Each field with each value, beside the object's other fields.
CREATE TEMP TABLE item_field(shape TEXT, key TEXT, base TEXT);
INSERT INTO item_field VALUES ('user', 'Type', '0'), ('user', 'Time', '1'), ('user', 'EventId', '4008'),
  ('user', 'ParamOne', '5'), ('user', 'ParamTwo', '-1'),
  ('unusual', 'UserId', '"u"'), ('unusual', 'RoomId', '"r"'), ('unusual', 'EventTime', '1'), ('unusual', 'ExperienceId', '4');
CREATE TEMP VIEW other_fields(shape, key, members) AS
  SELECT f.shape, f.key, (SELECT group_concat('"' || o.key || '": ' || o.base, ', ') FROM item_field o
                           WHERE o.shape = f.shape AND o.key <> f.key)
    FROM item_field f;
INSERT INTO response_body(name, body)
  SELECT 'user field ' || f.key || ' = ' || v.v,
         '{"Response": {"Data": [{"PeerId": "p", "Content": [{' || f.members || ', "' || f.key || '": ' || v.v || '}]}]}}'
    FROM other_fields f, json_value v WHERE f.shape = 'user';
INSERT INTO response_body(name, body, text_column, text_number)
  SELECT 'user PeerId = ' || v.v, '{"Data": [{"PeerId": ' || v.v || ', "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}',
         'peer_id', CASE WHEN json_type(v.v) IN ('integer', 'real') THEN v.v END
    FROM json_value v;
INSERT INTO response_body(name, body, text_column, text_number)
  SELECT 'unusual field ' || f.key || ' = ' || v.v,
         '[{' || f.members || ', "' || f.key || '": ' || v.v || ', "AbnormalEventList": [{"AbnormalEventId": 2024, "PeerId": "p"}]}]',
         CASE f.key WHEN 'UserId' THEN 'user_id' ELSE 'room_id' END, CASE WHEN f.key IN ('UserId', 'RoomId') AND json_type(v.v) IN ('integer', 'real') THEN v.v END
    FROM other_fields f, json_value v WHERE f.shape = 'unusual';
INSERT INTO response_body(name, body, text_column, text_number)
  SELECT 'unusual item ' || f.column1 || ' = ' || v.v,
         '{"AbnormalExperienceList": [{"UserId": "u", "RoomId": "r", "EventTime": 1, "ExperienceId": 4, '
         || '"AbnormalEventList": [{' || CASE f.column1 WHEN 'PeerId' THEN '"AbnormalEventId": 2024' ELSE '"PeerId": "p"' END
         || ', "' || f.column1 || '": ' || v.v || '}]}]}',
         'peer_id', CASE WHEN f.column1 = 'PeerId' AND json_type(v.v) IN ('integer', 'real') THEN v.v END
    FROM (VALUES ('AbnormalEventId'), ('PeerId')) f, json_value v;
-- The lists and arrays themselves of every type.
INSERT INTO response_body(name, body)
  SELECT 'user Data = ' || v.v, '{"Response": {"Data": ' || v.v || '}}' FROM json_value v;
INSERT INTO response_body(name, body)
  SELECT 'user Content = ' || v.v, '[{"PeerId": "p", "Content": ' || v.v || '}]' FROM json_value v;
INSERT INTO response_body(name, body)
  SELECT 'unusual AbnormalExperienceList = ' || v.v, '{"AbnormalExperienceList": ' || v.v || '}' FROM json_value v;
INSERT INTO response_body(name, body)
  SELECT 'unusual AbnormalEventList = ' || v.v, '[{"UserId": "u", "ExperienceId": 1, "AbnormalEventList": ' || v.v || '}]'
    FROM json_value v;
INSERT INTO response_body(name, body) SELECT 'root = ' || v, v FROM json_value;

INSERT INTO response_body(name, body) VALUES
  ('user: list elements of every type', '[1, "x", null, [], true, {"PeerId": "a", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}, {}, {"PeerId": "b"}]'),
  ('user: Content elements of every type', '[{"PeerId": "a", "Content": [1, null, "x", [], {"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}, true, {}, {"EventId": 5003}]}]'),
  ('user: missing fields', '[{"Content": [{"EventId": 5003, "ParamOne": 0}, {"ParamOne": 0, "ParamTwo": -1}, {"EventId": 7777, "ParamOne": 0, "ParamTwo": 0}, {"EventId": 5003, "ParamOne": 7, "ParamTwo": -1}]}]'),
  ('user: fields in any order', '{"Data": [{"Content": [{"ParamTwo": 720, "ParamOne": 1280, "EventId": 4003, "Time": 5, "Type": 2}], "PeerId": "late"}]}'),
  ('user: every event of the spec', (SELECT '[{"PeerId": "all", "Content": [' || group_concat(printf('{"Type": 0, "Time": %d, "EventId": %d, "ParamOne": %d, "ParamTwo": %d}', rowid, event_id, coalesce(param1, 640), coalesce(param2, 480)), ', ') || ']}]' FROM trtc_events)),
  ('user: abnormal ids are not event ids', (SELECT '[{"PeerId": "x", "Content": [' || group_concat(printf('{"EventId": %d, "ParamOne": 0, "ParamTwo": -1}', event_id), ', ') || ']}]' FROM trtc_abnormal_events)),
  ('user: repeated field', '[{"PeerId": "a", "PeerId": "b", "Content": [{"EventId": 5003, "EventId": 5001, "ParamOne": 0, "ParamOne": 1, "ParamTwo": -1, "ParamTwo": 5}]}]'),
  ('user: repeated field, first null', '[{"PeerId": null, "PeerId": "b", "Content": [{"EventId": null, "EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]'),
  ('user: repeated Data', '{"Data": [{"PeerId": "first", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}], "Data": [{"PeerId": "second", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}'),
  ('user: repeated Content', '[{"PeerId": "a", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}], "Content": [{"EventId": 5005, "ParamOne": -1, "ParamTwo": -1}]}]'),
  ('user: repeated Response', '{"Response": {"Data": [{"PeerId": "first", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}, "Response": {"Data": [{"PeerId": "second", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}}'),
  ('user: Data at the top before Response', '{"Data": [{"PeerId": "top", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}], "Response": {"Data": [{"PeerId": "inner", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}}'),
  ('user: Data at the top after Response', '{"Response": {"Data": [{"PeerId": "inner", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}, "Data": [{"PeerId": "top", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}'),
  ('user: Data after a Response without it', '{"Response": {"RequestId": "r"}, "Data": [{"PeerId": "top", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}'),
  ('user: Response not an object', '{"Response": [1], "Data": [{"PeerId": "top", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}'),
  ('user: Data in a nested Response is not read', '{"Response": {"Response": {"Data": [{"PeerId": "deep", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}}}'),
  ('user: first Data null, an array in Response', '{"Data": null, "Response": {"Data": [{"PeerId": "inner", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}}'),
  ('user: first Data null, then an array', '{"Data": null, "Data": [{"PeerId": "second", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}'),
  ('user: first Response not an object', '{"Response": 1, "Response": {"Data": [{"PeerId": "second", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}}'),
  ('user: keys written with escapes', '{"D\u0061ta": [{"Peer\u0049d": "esc", "Cont\u0065nt": [{"Ev\u0065ntId": 5003, "ParamOne": 1, "ParamTw\u006f": -1}]}]}'),
  ('user: wrong-case keys', '{"data": [{"peerid": "a", "content": [{"EventId": 5001}]}], "DATA": []}'),
  ('user: unicode and escapes', '[{"PeerId": "\u00e9\u4e2d\ud83d\ude00 \"q\" \\ \/", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]'),
  ('user: white space around', ' ' || char(10) || ' [{"PeerId": "a", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}] ' || char(9)),
  ('user: empty response', '{"Response": {"Data": [], "RequestId": "r"}}'),
  ('unusual: items of every type', '[{"UserId": "u", "ExperienceId": 4, "AbnormalEventList": [1, null, {"AbnormalEventId": 2024, "PeerId": "p"}, [], {}, "x"]}]'),
  ('unusual: items without objects', '[{"UserId": "u", "ExperienceId": 4, "AbnormalEventList": [1, null, "x"]}, {"UserId": "v", "ExperienceId": 2}]'),
  ('unusual: list elements of every type', '[1, null, {"UserId": "u", "ExperienceId": 5, "AbnormalEventList": []}, "x", [], {}]'),
  ('unusual: fields after the list', '[{"AbnormalEventList": [{"PeerId": "p", "AbnormalEventId": 2010}], "ExperienceId": 4, "EventTime": 9, "RoomId": 8008, "UserId": "late"}]'),
  ('unusual: every abnormal event and experience', (SELECT '[' || group_concat(printf('{"UserId": "u%d", "RoomId": "r", "EventTime": %d, "ExperienceId": %d, "AbnormalEventList": [{"AbnormalEventId": %d, "PeerId": ""}]}', rowid, rowid, 1 + rowid % 7, event_id), ', ') || ']' FROM trtc_abnormal_events)),
  ('unusual: event ids are not abnormal ids', (SELECT '[{"UserId": "u", "ExperienceId": 1, "AbnormalEventList": [' || group_concat(printf('{"AbnormalEventId": %d}', event_id), ', ') || ']}]' FROM (SELECT DISTINCT event_id FROM trtc_events))),
  ('unusual: repeated fields', '[{"UserId": "a", "UserId": "b", "ExperienceId": 4, "ExperienceId": 1, "AbnormalEventList": [{"AbnormalEventId": 2024, "AbnormalEventId": 2010, "PeerId": "x", "PeerId": "y"}]}]'),
  ('unusual: repeated AbnormalEventList', '[{"UserId": "a", "ExperienceId": 4, "AbnormalEventList": [{"AbnormalEventId": 2024}], "AbnormalEventList": [{"AbnormalEventId": 2010}]}]'),
  ('unusual: repeated list', '{"AbnormalExperienceList": [{"UserId": "first", "ExperienceId": 4}], "AbnormalExperienceList": [{"UserId": "second", "ExperienceId": 4}]}'),
  ('unusual: list at the top before Response', '{"AbnormalExperienceList": [{"UserId": "top", "ExperienceId": 1}], "Response": {"AbnormalExperienceList": [{"UserId": "inner", "ExperienceId": 1}]}}'),
  ('unusual: list at the top after Response', '{"Response": {"AbnormalExperienceList": [{"UserId": "inner", "ExperienceId": 1}]}, "AbnormalExperienceList": [{"UserId": "top", "ExperienceId": 1}]}'),
  ('error: wrapped', '{"Response": {"Error": {"Code": "AuthFailure.SignatureExpire", "Message": "Signature expired."}, "RequestId": "r"}}'),
  ('error: inner', '{"Error": {"Code": "InvalidParameter", "Message": "bad"}, "RequestId": "r"}'),
  ('error: no Code, no Message', '{"Response": {"Error": {}}}'),
  ('error: Code and Message of other types', '{"Response": {"Error": {"Code": 123, "Message": true}}}'),
  ('error: Code null, Message an object', '{"Response": {"Error": {"Code": null, "Message": {"a": 1}}}}'),
  ('error: Code a real, Message false', '{"Error": {"Code": 12.5, "Message": false}}'),
  ('error: Code empty', '{"Error": {"Code": "", "Message": ""}}'),
  ('error: before the list', '{"Response": {"Error": {"Code": "E", "Message": "m"}, "Data": [{"PeerId": "a", "Content": [{"EventId": 5001}]}], "AbnormalExperienceList": [{"UserId": "u"}]}}'),
  ('error: after the list', '{"Response": {"Data": [{"PeerId": "a", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}], "AbnormalExperienceList": [{"UserId": "u"}], "Error": {"Code": "E", "Message": "m"}}}'),
  ('error: at the top beside Response', '{"Response": {"Data": []}, "Error": {"Code": "Top", "Message": "level"}}'),
  ('error: not an object', '{"Response": {"Error": "E", "Data": [{"PeerId": "a", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}}'),
  ('error: null', '{"Error": null, "AbnormalExperienceList": [{"UserId": "u"}]}'),
  ('error: in a list element is data', '[{"Error": {"Code": "E", "Message": "m"}, "PeerId": "a", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]'),
  ('error: first Error null, then an object', '{"Error": null, "Error": {"Code": "E", "Message": "m"}, "Data": [{"PeerId": "a", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}'),
  ('error: root Error not an object, one in Response', '{"Error": 5, "Response": {"Error": {"Code": "Inner", "Message": "one"}}}'),
  ('error: in Response before one at the top', '{"Response": {"Error": {"Code": "Inner", "Message": "first"}}, "Error": {"Code": "Top", "Message": "second"}}'),
  ('error: repeated, first one counts', '{"Response": {"Error": {"Code": "First", "Message": "one"}, "Error": {"Code": "Second", "Message": "two"}}}'),
  ('malformed: cut short', '{"Response": {"Data": ['),
  ('malformed: single quotes', '{''Data'': []}'),
  ('malformed: trailing garbage', '[] x'),
  ('malformed: empty', ''),
  ('malformed: white space only', '   '),
  ('malformed: byte-order mark', char(65279) || '{"Data": []}'),
  ('malformed: raw tab in a string', '[{"PeerId": "a' || char(9) || 'b", "Content": []}]'),
  ('malformed: unquoted key', '{Data: []}'),
  ('malformed: two documents', '{"Data": []} {"Data": []}'),
  ('malformed: an HTML page', '<html><body>502 Bad Gateway</body></html>'),
  ('malformed: leading zero', '{"Data": [{"PeerId": "a", "Content": [{"EventId": 05001}]}]}'),
  ('malformed: a lone byte-order mark', char(65279)),
  ('user: a byte-order mark, then the response', char(65279) || '{"Data": [{"PeerId": "bom", "Content": [{"EventId": 5001, "ParamOne": -1, "ParamTwo": -1}]}]}');

INSERT INTO response_case(fn, name, body, text_column, text_number)
  SELECT f.column1, b.name, b.body, b.text_column, b.text_number
    FROM (VALUES ('trtc_user_events'), ('trtc_unusual_events')) f, response_body b
   ORDER BY b.rowid, f.column1;
