-- tests/user_events.sql: trtc_user_events(json) on the DescribeUserEvent
-- example of api-formats.md (fixtures/api_user_event.json, transcribed
-- from the spec), its three forms, every spec row, malformed JSON, API
-- errors, wrong types and missing fields, and correlated use.
.read fixtures/spec_rows.sql
SELECT plan(102);

CREATE TEMP TABLE doc AS
  SELECT CAST(readfile('fixtures/api_user_event.json') AS TEXT) AS j;
CREATE TEMP VIEW ue AS
  SELECT e.rowid AS n, e.* FROM doc, trtc_user_events(doc.j) AS e;

-- ---- The spec's example ---------------------------------------------------
SELECT eq((SELECT count(*) FROM ue), 4, 'example: one row per EventMessage');
SELECT eq((SELECT group_concat(n || ':' || peer_id || ':' || event_id, ' ') FROM ue),
          '1:alice:5001 2:alice:5003 3:alice:4003 4:bob:32788', 'rows in response order, rowid from 1');
SELECT eq((SELECT peer_id FROM ue WHERE n = 3), 'alice', 'row 3 peer_id');
SELECT eq((SELECT type FROM ue WHERE n = 3), 2, 'row 3 type');
SELECT eq((SELECT stream FROM ue WHERE n = 3), 'big', 'row 3 stream: type 2 is the big video');
SELECT eq((SELECT time_ms FROM ue WHERE n = 3), 1700000001789, 'row 3 time_ms: EventMessage.Time, ms');
SELECT eq((SELECT event_id FROM ue WHERE n = 3), 4003, 'row 3 event_id');
SELECT eq((SELECT param1 FROM ue WHERE n = 3), 1280, 'row 3 param1');
SELECT eq((SELECT param2 FROM ue WHERE n = 3), 720, 'row 3 param2');
SELECT eq((SELECT text FROM ue WHERE n = 3),
          'Video resolution has been switched (Resolution width: 1280, Resolution height: 720)',
          'row 3 text shows the measured values');
SELECT eq((SELECT source || '/' || category || '/' || severity FROM ue WHERE n = 3), 'sdk/video/info',
          'row 3 source, category, severity');
SELECT eq((SELECT stream FROM ue WHERE n = 1), 'none', 'type 0: not video related');
SELECT eq((SELECT text FROM ue WHERE n = 2), 'Entered room successfully', '5003 param1 1');
SELECT eq((SELECT text || '/' || source || '/' || category FROM ue WHERE n = 4), 'Entered room/webrtc/room',
          'WebRTC 32788');
SELECT eq((SELECT count(*) FROM ue
            WHERE text IS NOT trtc_event(event_id, param1, param2)
               OR severity IS NOT trtc_event_severity(event_id, param1, param2)
               OR source IS NOT trtc_event_source(event_id)
               OR category IS NOT trtc_event_category(event_id)
               OR stream IS NOT trtc_stream_type(type)), 0,
          'decoded columns equal the scalar functions');
SELECT eq((SELECT e.json FROM doc, trtc_user_events(doc.j) AS e WHERE e.rowid = 1), (SELECT j FROM doc),
          'the HIDDEN column json is the argument');

-- ---- Wrapped, inner object, bare list ------------------------------------
CREATE TEMP VIEW forms AS
  SELECT 'wrapped' AS form, j FROM doc
  UNION ALL SELECT 'inner', json_extract(j, '$.Response') FROM doc
  UNION ALL SELECT 'bare', json_extract(j, '$.Response.Data') FROM doc;
SELECT eq((SELECT group_concat(form || '=' || n, ' ') FROM
            (SELECT form, count(e.rowid) AS n FROM forms, trtc_user_events(forms.j) AS e GROUP BY form ORDER BY form)),
          'bare=4 inner=4 wrapped=4', 'all three forms give 4 rows');
SELECT eq((SELECT count(DISTINCT sig) FROM
            (SELECT form, group_concat(e.rowid || '|' || peer_id || '|' || type || '|' || time_ms || '|' || event_id || '|' || param1 || '|' || param2 || '|' || text, ';') AS sig
               FROM forms, trtc_user_events(forms.j) AS e GROUP BY form)), 1,
          'and the same rows');

-- ---- Every row of the spec ------------------------------------------------
-- One EventMessage per spec row; a measured value gets 640 (or 480).
CREATE TEMP TABLE every AS
  SELECT json_object('Data', json_array(json_object('PeerId', 'p', 'Content', json_group_array(json_object(
           'Type', 0, 'Time', rowid, 'EventId', event_id,
           'ParamOne', CASE WHEN CAST(param1 AS INTEGER) || '' = param1 THEN CAST(param1 AS INTEGER) ELSE 640 END,
           'ParamTwo', CASE WHEN CAST(param2 AS INTEGER) || '' = param2 THEN CAST(param2 AS INTEGER) ELSE 480 END))))) AS j
    FROM (SELECT rowid, * FROM spec_event ORDER BY rowid);
CREATE TEMP VIEW every_row AS
  SELECT s.*, e.text, e.source AS got_source
    FROM every, trtc_user_events(every.j) AS e JOIN spec_event AS s ON s.rowid = e.time_ms;
SELECT eq((SELECT count(*) FROM every_row), 110, 'all 110 spec rows come back');
SELECT eq((SELECT count(*) FROM every_row
            WHERE CAST(param1 AS INTEGER) || '' = param1 AND CAST(param2 AS INTEGER) || '' = param2
              AND text IS description), 104, 'the 104 integer rows decode to the spec''s text');
SELECT eq((SELECT count(*) FROM every_row WHERE text LIKE description || ' (%640%)'), 6,
          'the 6 measured rows show the spec''s text and the value');
SELECT eq((SELECT count(*) FROM every_row WHERE got_source IS source), 110, 'source of every row');

-- ---- Malformed JSON: where, why, and what to do -------------------------
SELECT throws_like('SELECT * FROM trtc_user_events(''{"Response": {"Data": [}'')',
                   'trtc_user_events: malformed JSON at byte 23 (line 1, column 24): something that is not a JSON value',
                   'malformed JSON names the function, the place and the reason');
SELECT throws_like('SELECT * FROM trtc_user_events(''not json'')',
                   'trtc_user_events: malformed JSON at byte 0 (line 1, column 1): something that is not a JSON value',
                   'text that is not JSON');
SELECT throws_like('SELECT * FROM trtc_user_events('''')',
                   'trtc_user_events: malformed JSON at byte 0 (line 1, column 1): the text is empty', 'empty text');
SELECT throws_like('SELECT * FROM trtc_user_events(''[{"PeerId": "a", "Content": [{"EventId": 5001}]}'')',
                   'trtc_user_events: malformed JSON at byte 48 (line 1, column 49): the text ends inside an object or array',
                   'a truncated document');
SELECT throws_like('SELECT * FROM trtc_user_events(''{"Data": [],'' || char(10) || ''  "RequestId": "r",}'')',
                   'trtc_user_events: malformed JSON at byte 32 (line 2, column 20): expected a string key in an object',
                   'line and column count from 1, after a newline');
SELECT throws_like('SELECT * FROM trtc_user_events(''{"Data": []} {"Data": []}'')',
                   'trtc_user_events: malformed JSON at byte 13 (line 1, column 14): more text after the end of the JSON value (several responses in one text? give them one at a time, or load the file with trtc ingest, which splits them)',
                   'two responses in one text: the hint says what to do');
SELECT throws_like('SELECT * FROM trtc_user_events(''<html><body>502 Bad Gateway</body></html>'')',
                   'trtc_user_events: malformed JSON at byte 0 (line 1, column 1): something that is not a JSON value (the text starts with ''<'': an HTML or XML page was saved, not a response)',
                   'an HTML page saved instead of the response');
SELECT throws_like('SELECT * FROM trtc_user_events(x''FFFE5B005D00'')',
                   'trtc_user_events: malformed JSON at byte 0 (line 1, column 1): the text is UTF-16 (it starts with a UTF-16 byte-order mark); convert it to UTF-8, e.g. with iconv -f UTF-16 -t UTF-8',
                   'UTF-16 with a byte-order mark: how to convert it');
SELECT throws_like('SELECT * FROM trtc_user_events(x''5B005D00'')',
                   'trtc_user_events: malformed JSON at byte 1 (line 1, column 2): %(the text holds NUL bytes: is it UTF-16? convert it to UTF-8, e.g. with iconv -f UTF-16 -t UTF-8)',
                   'UTF-16 without a byte-order mark: NUL bytes');
SELECT throws_like('SELECT * FROM trtc_user_events(''[]'' || char(0) || ''x'')',
                   'trtc_user_events: malformed JSON at byte 2 (line 1, column 3): more text after the end of the JSON value%',
                   'a NUL byte inside the text is not the end of it');
SELECT eq((SELECT count(*) || ' ' || group_concat(peer_id) FROM trtc_user_events(x'EFBBBF' || CAST('[{"PeerId": "bom", "Content": [{"EventId": 5001}]}]' AS BLOB))),
          '1 bom', 'a UTF-8 byte-order mark is skipped');
SELECT throws_like('SELECT * FROM trtc_user_events(x''EFBBBF7B7D7D'')',
                   'trtc_user_events: malformed JSON at byte 5 (line 1, column 3): more text after the end of the JSON value%',
                   '... and error offsets still count its bytes (the column does not)');

-- ---- API error responses --------------------------------------------------
SELECT throws_like('SELECT * FROM trtc_user_events(CAST(readfile(''fixtures/api_error.json'') AS TEXT))',
                   'trtc_user_events: API error InvalidParameter.RoomId: RoomId does not exist.',
                   'an API error carries its Code and Message');
SELECT throws_like('SELECT * FROM trtc_user_events(''{"Error": {"Message": "m", "Code": "AuthFailure"}, "RequestId": "r"}'')',
                   'trtc_user_events: API error AuthFailure: m', 'inner form; Message before Code');
SELECT throws_like('SELECT * FROM trtc_user_events(''{"Response": {"Error": {"Code": null, "Message": "first",
                     "Message": "second", "Detail": "x"}, "Error": {"Code": "Other"}}}'')',
                   'trtc_user_events: API error (no Code): first', 'a null Code; the first Message and Error count');
SELECT throws_like('SELECT * FROM trtc_user_events(''{"Response": {"Error": {}}}'')',
                   'trtc_user_events: API error (no Code): (no Message)', 'an Error without Code or Message');
SELECT eq((SELECT count(*) FROM trtc_user_events('{"Response": {"Error": null, "Data": []}}')), 0,
          'an Error that is not an object is no error');
-- Error before Data (as Tencent orders them): the error comes before any row,
-- however few rows the query reads.
SELECT throws_like('SELECT peer_id FROM trtc_user_events(''{"Response": {"Error": {"Code": "X", "Message": "m"},
                      "Data": [{"PeerId": "a", "Content": [{"EventId": 5001}]}]}}'') LIMIT 1',
                   'trtc_user_events: API error X: m', 'Error before Data fails before the first row');
-- Data before Error: its rows come first, then the error (docs/ingest.md).
SELECT throws_like('SELECT peer_id FROM trtc_user_events(''{"Response": {"Data": [{"PeerId": "a", "Content":
                      [{"EventId": 5001}]}], "Error": {"Code": "X", "Message": "m"}}}'')',
                   'trtc_user_events: API error X: m', 'Data before Error still fails');

-- ---- A table or view named json_tree changes nothing ----------------------
-- (The functions read the JSON themselves; none of the connection's tables
-- can feed them rows.)
CREATE TEMP TABLE json_tree(parent, id, type, key, atom);
INSERT INTO temp.json_tree VALUES (NULL, 0, 'array', NULL, NULL);
CREATE VIEW "JSON_EACH" AS SELECT 1 AS parent;
SELECT eq((SELECT count(*) || ' ' || group_concat(peer_id) FROM trtc_user_events('[{"PeerId": "a", "Content": [{"EventId": 5001}]}]')), '1 a',
          'trtc_user_events with a temp table named json_tree and a view named JSON_EACH');
SELECT eq((SELECT count(*) FROM trtc_unusual_events('[]')), 0, 'trtc_unusual_events likewise');
DROP TABLE temp.json_tree;
DROP VIEW "JSON_EACH";
-- A JSON number beyond 64 bits is read as a double by SQLite: NULL unless it
-- rounds to -2^63 (docs/ingest.md).
SELECT eq((SELECT quote(event_id) || ' ' || quote(param1) || ' ' || quote(param2) FROM trtc_user_events(
             '[{"Content": [{"EventId": 9223372036854775808, "ParamOne": -9223372036854775809, "ParamTwo": 1e400}]}]')),
          'NULL -9223372036854775808 NULL', 'numbers beyond 64 bits');

-- ---- Wrong types and missing fields ---------------------------------------
-- One message per case; t names it (Time), the rest is what varies.
CREATE TEMP TABLE odd(t INTEGER PRIMARY KEY, msg TEXT);
INSERT INTO odd VALUES
  (1, '{"Time": 1, "EventId": "5003", "ParamOne": "0", "ParamTwo": -1}'),
  (2, '{"Time": 2, "EventId": "abc", "ParamOne": 0, "ParamTwo": -1}'),
  (3, '{"Time": 3, "EventId": 5003.0, "ParamOne": 1.0, "ParamTwo": -1}'),
  (4, '{"Time": 4, "EventId": 5003.5, "ParamOne": 0, "ParamTwo": -1}'),
  (5, '{"Time": 5, "EventId": true, "ParamOne": 0, "ParamTwo": -1}'),
  (6, '{"Time": 6, "EventId": null, "ParamOne": 0, "ParamTwo": -1}'),
  (7, '{"Time": 7, "EventId": {"EventId": 5001, "Time": 99}, "ParamOne": 0}'),
  (8, '{"Time": 8, "EventId": 5003, "ParamOne": 0}'),
  (9, '{"Time": 9, "Type": 5, "EventId": 5001, "ParamOne": -1, "ParamTwo": -1}'),
  (10, '{"Time": 10, "EventId": 18446744073709551615, "ParamOne": -1, "ParamTwo": -1}'),
  (11, '{"Time": 11, "EventId": 5001, "EventId": 5003, "ParamOne": 1, "ParamTwo": -1}'),
  (12, '{"Time": 12, "Type": "2", "EventId": [5001], "ParamOne": -1, "ParamTwo": -1}'),
  (13, '{"Time": 13, "EventId": 999, "ParamOne": -1, "ParamTwo": -1}'),
  (14, '{"Time": 14, "EventId": 5003, "ParamOne": 2, "ParamTwo": -1}');
CREATE TEMP TABLE odd_doc AS
  SELECT '{"Response": {"Data": [{"PeerId": "p", "Content": ['
         || (SELECT group_concat(msg, ', ') FROM (SELECT msg FROM odd ORDER BY t))
         || ', 5, "x", null, [], {}]}]}}' AS j;
CREATE TEMP VIEW o AS SELECT e.* FROM odd_doc, trtc_user_events(odd_doc.j) AS e;
SELECT eq((SELECT count(*) FROM o), 15, 'non-object messages are skipped; {} is a row');
SELECT eq((SELECT event_id || '/' || param1 || '/' || text FROM o WHERE time_ms = 1), '5003/0/Failed to enter room',
          'numeric strings count as integers (trtc_event''s rule)');
SELECT eq((SELECT event_id FROM o WHERE time_ms = 2), NULL, 'a non-numeric string EventId is NULL');
SELECT eq((SELECT text FROM o WHERE time_ms = 2), NULL, '... and so is its text');
SELECT eq((SELECT text FROM o WHERE time_ms = 3), 'Entered room successfully', 'integral reals count as integers');
SELECT eq((SELECT event_id FROM o WHERE time_ms = 4), NULL, 'a non-integral EventId is NULL');
SELECT eq((SELECT event_id FROM o WHERE time_ms = 5), NULL, 'a boolean EventId is NULL');
SELECT eq((SELECT event_id FROM o WHERE time_ms = 6), NULL, 'a null EventId is NULL');
SELECT eq((SELECT event_id FROM o WHERE time_ms = 7), NULL, 'an object EventId is NULL');
SELECT eq((SELECT count(*) FROM o WHERE time_ms = 99), 0, '... and its members are not taken for the message''s');
SELECT eq((SELECT quote(param2) || '/' || quote(text) || '/' || source || '/' || category || '/' || quote(severity)
             FROM o WHERE time_ms = 8), 'NULL/NULL/sdk/room/NULL',
          'missing ParamTwo: NULL, no text or severity, source and category by event id');
SELECT eq((SELECT type || '/' || quote(stream) || '/' || text FROM o WHERE time_ms = 9), '5/NULL/Started entering room',
          'an unknown Type has no stream name');
SELECT eq((SELECT event_id FROM o WHERE time_ms = 10), NULL, 'an EventId beyond 64 bits is NULL');
SELECT eq((SELECT event_id FROM o WHERE time_ms = 11), 5001, 'a repeated key: the first one counts (as json_extract)');
SELECT eq((SELECT type || '/' || stream || '/' || quote(event_id) FROM o WHERE time_ms = 12), '2/big/NULL',
          'Type "2" is 2; an array EventId is NULL');
SELECT eq((SELECT quote(text) || '/' || quote(source) FROM o WHERE time_ms = 13), 'NULL/NULL', 'an unknown event id');
SELECT eq((SELECT quote(text) || '/' || source FROM o WHERE time_ms = 14), 'NULL/sdk',
          'a known id with parameters no row has');
SELECT eq((SELECT count(*) FROM o WHERE time_ms IS NULL AND event_id IS NULL AND peer_id = 'p'), 1,
          '{} gives a row of NULLs with its peer_id');
SELECT eq((SELECT quote(stream) || '/' || quote(category) FROM o WHERE time_ms = 1), 'NULL/''room''',
          'no Type: no stream');
SELECT eq((SELECT quote(category) || '/' || quote(severity) FROM o WHERE time_ms = 13), 'NULL/NULL',
          'an unknown event id has no category or severity');
SELECT eq((SELECT quote(event_id) || '/' || quote(text) FROM trtc_user_events('[{"Content": [{"EventId": false},
             {"EventId": 5001, "ParamTwo": -1}]}]')), 'NULL/NULL', 'false is NULL; ParamOne missing: no text');
SELECT eq((SELECT count(*) FROM o WHERE text IS NOT trtc_event(event_id, param1, param2)), 0,
          'text is trtc_event(event_id, param1, param2) in every case');

-- PeerId: "" and null are NULL; a number is text; it may follow Content.
SELECT eq((SELECT group_concat(quote(peer_id), ' ') FROM trtc_user_events('[
    {"PeerId": "", "Content": [{"EventId": 1}]},
    {"PeerId": null, "Content": [{"EventId": 2}]},
    {"Content": [{"EventId": 3}]},
    {"PeerId": 42, "Content": [{"EventId": 4}]},
    {"PeerId": true, "Content": [{"EventId": 5}]},
    {"Content": [{"EventId": 6}, {"EventId": 7}], "PeerId": "late"}]')),
          'NULL NULL NULL ''42'' NULL ''late'' ''late''', 'peer_id: "", null, missing, number, boolean, after Content');

-- Keys and texts written with JSON escapes; numbers as text fields.
SELECT eq((SELECT peer_id || '/' || event_id || '/' || text FROM trtc_user_events(
             '[{"Peer\u0049d": "caf\u00e9 \ud83d\ude00 \"q\" \\ \/", "Cont\u0065nt": [{"Event\u0049d": "\u0035003", "ParamOne": 0, "ParamTwo": -1}]}]')),
          'café 😀 "q" \ //5003/Failed to enter room', 'escaped keys, text and a numeric string are decoded');
SELECT eq((SELECT group_concat(peer_id, ' ') FROM trtc_user_events(
             '[{"PeerId": 1e3, "Content": [{}]}, {"PeerId": -0.50, "Content": [{}]}, {"PeerId": 8008, "Content": [{}]}]')),
          '1e3 -0.50 8008', 'a number in a text field is its text as written');

-- The first key counts, whatever its value (as json_extract).
SELECT eq((SELECT count(*) FROM trtc_user_events('{"Data": null, "Data": [{"Content": [{"EventId": 1}]}]}')), 0,
          'a repeated list key: the first (null) counts');
SELECT eq((SELECT count(*) FROM trtc_user_events('[{"Content": null, "Content": [{"EventId": 1}]}]')), 0,
          'a repeated Content: the first (null) counts');
SELECT eq((SELECT group_concat(event_id) FROM trtc_user_events('{"Response": {"Data": [{"Content": [{"EventId": 2}]}]},
             "Data": [{"Content": [{"EventId": 1}]}]}')), '2', 'Response before Data: the list that comes first in the text');
SELECT eq((SELECT group_concat(event_id) FROM trtc_user_events('{"Data": null, "Response": {"Data": [{"Content": [{"EventId": 2}]}]}}')),
          '2', 'a root Data that is no list: the Response''s list');
SELECT throws_like('SELECT peer_id FROM trtc_user_events(''{"Response": {"Data": [{"PeerId": "a", "Content": [{"EventId": 5001}]}],
                      "Error": {"Code": "X", "Message": "m"}, "Error": {"Code": "Y"}}}'') LIMIT 1',
                   'trtc_user_events: API error X: m', 'a repeated Error: the first; an Error after the list: no row, even with LIMIT 1');

-- Long peer ids (the text buffer grows).
SELECT eq((SELECT group_concat(length(peer_id) || ':' || substr(peer_id, 1, 2) || substr(peer_id, -2), ' ')
             FROM trtc_user_events('[{"Content": [{}, {}], "PeerId": "a' || printf('%.*c', 998, 'x') || 'z"},
                                      {"PeerId": "bb", "Content": [{}]}]')),
          '1000:axxz 1000:axxz 2:bbbb', 'a 1000-byte PeerId, then a short one');

-- Many messages before their PeerId (they wait in the queue).
CREATE TEMP TABLE late AS
  WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < 1000)
  SELECT json_object('Response', json_object('Data', json_array(
           json_object('Content', (SELECT json_group_array(json_object('Time', x, 'EventId', 5001)) FROM i),
                       'PeerId', 'late'),
           json_object('PeerId', 'next', 'Content', json_array(json_object('Time', 1001)))))) AS j;
SELECT eq((SELECT count(*) || '/' || sum(peer_id = 'late') || '/' || sum(e.rowid = time_ms) FROM late, trtc_user_events(late.j) AS e),
          '1001/1000/1001', '1000 messages before their PeerId: all get it, in order');

-- Lists and documents of the wrong shape give no rows.
SELECT eq((SELECT count(*) FROM trtc_user_events('{"Response": {"Data": null}}')), 0, 'Data null');
SELECT eq((SELECT count(*) FROM trtc_user_events('{"Response": {"RequestId": "r"}}')), 0, 'Data missing');
SELECT eq((SELECT count(*) FROM trtc_user_events('{"Response": {"Data": []}}')), 0, 'Data empty');
SELECT eq((SELECT count(*) FROM trtc_user_events('{"Response": {"Data": {"PeerId": "a", "Content": [{}]}}}')), 0, 'Data an object');
SELECT eq((SELECT count(*) FROM trtc_user_events('[null, 1, "a", [], {"PeerId": "a", "Content": null},
             {"PeerId": "b", "Content": {"EventId": 1}}, {"PeerId": "c"}, {"PeerId": "d", "Content": []}]')), 0,
          'non-object lists, and lists whose Content is null, an object, missing or empty');
SELECT eq((SELECT count(*) FROM trtc_user_events('{"Response": 5}')), 0, 'Response not an object');
SELECT eq((SELECT count(*) FROM trtc_user_events('5')), 0, 'a number');
SELECT eq((SELECT count(*) FROM trtc_user_events('"text"')), 0, 'a string');
SELECT eq((SELECT count(*) FROM trtc_user_events('null')), 0, 'JSON null');
SELECT eq((SELECT count(*) FROM trtc_user_events(NULL)), 0, 'SQL NULL');
SELECT eq((SELECT count(*) FROM trtc_user_events(readfile('fixtures/api_user_event.json'))), 4,
          'a BLOB (readfile()) is read as JSON text');
SELECT throws_like('SELECT * FROM trtc_user_events(x'''')', 'trtc_user_events: malformed JSON at byte 0 (line 1, column 1): the text is empty', 'an empty BLOB');
SELECT eq((SELECT group_concat(event_id) FROM trtc_user_events('{"Data": [{"Content": [{"EventId": 1}]}],
             "Response": {"Data": [{"Content": [{"EventId": 2}]}]}}')), '1', 'only the first Data list is read');
SELECT eq((SELECT group_concat(event_id) FROM trtc_user_events('{"Response": {"RequestId": "r",
             "Data": [{"Content": [{"EventId": 1}], "Content": [{"EventId": 2}]}]}, "Extra": {"Data": [{"Content": [{"EventId": 3}]}]}}')),
          '1', 'the first Content; Data elsewhere is ignored');

-- ---- Calling it -----------------------------------------------------------
SELECT throws_like('SELECT * FROM trtc_user_events', 'trtc_user_events: missing argument: use trtc_user_events(json)',
                   'no argument');
SELECT eq((SELECT count(*) FROM trtc_user_events WHERE json = (SELECT j FROM doc)), 4, 'json = ... works like the argument');
SELECT eq((SELECT count(*) FROM ue WHERE peer_id = 'bob' OR event_id = 5001), 2, 'an OR in the WHERE clause');
SELECT eq((SELECT count(*) FROM trtc_user_events WHERE json = (SELECT j FROM doc) AND json = (SELECT j FROM doc)
             AND json > ''), 4, 'the first usable json = is the argument; SQLite checks the other constraints');
SELECT eq((SELECT count(*) FROM trtc_user_events(5)), 0, 'a number argument is a JSON number: no rows');
SELECT throws_like('INSERT INTO trtc_user_events(json) VALUES (''[]'')', '%may not be modified%', 'read-only: INSERT');
SELECT throws_like('DELETE FROM trtc_user_events', '%may not be modified%', 'read-only: DELETE');

-- Correlated: one call per stored response (xFilter again and again).
CREATE TEMP TABLE responses(id INTEGER PRIMARY KEY, body TEXT);
INSERT INTO responses SELECT 1, j FROM doc;
INSERT INTO responses SELECT 2, json_extract(j, '$.Response') FROM doc;
INSERT INTO responses VALUES (3, NULL), (4, '{"Response": {"Data": []}}');
INSERT INTO responses SELECT 5, json_array(json_extract(j, '$.Response.Data[1]')) FROM doc;
SELECT eq((SELECT group_concat(id || '=' || n, ' ') FROM
            (SELECT r.id, count(e.rowid) AS n FROM responses AS r LEFT JOIN trtc_user_events(r.body) AS e GROUP BY r.id)),
          '1=4 2=4 3=0 4=0 5=1', 'LEFT JOIN over stored responses');
SELECT eq((SELECT group_concat(r.id || ':' || e.rowid || ':' || e.event_id, ' ') FROM responses AS r, trtc_user_events(r.body) AS e
            WHERE e.peer_id = 'bob'), '1:4:32788 2:4:32788 5:1:32788', 'a correlated join with a filter');
SELECT eq((SELECT count(*) FROM doc, trtc_user_events(doc.j) AS a, trtc_user_events(doc.j) AS b), 16,
          'two cursors at once');
SELECT eq((SELECT count(*) FROM doc, trtc_user_events(doc.j) AS a
            WHERE a.event_id IN (SELECT b.event_id FROM trtc_user_events(doc.j) AS b WHERE b.peer_id = 'alice')), 3,
          'in a subquery');

-- In a view of a database that does not trust its schema (SQLITE_VTAB_INNOCUOUS).
CREATE VIEW main.user_events_view AS
  SELECT peer_id, text FROM trtc_user_events('[{"PeerId": "a", "Content": [{"EventId": 5003, "ParamOne": 0, "ParamTwo": -1}]}]');
PRAGMA trusted_schema = OFF;
SELECT eq((SELECT peer_id || ': ' || text FROM user_events_view), 'a: Failed to enter room',
          'works in a view with trusted_schema=OFF');
PRAGMA trusted_schema = ON;
