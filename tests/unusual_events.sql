-- tests/unusual_events.sql: trtc_unusual_events(json) on the
-- DescribeUnusualEvent example of api-formats.md
-- (fixtures/api_unusual_event.json, transcribed from the spec), its three
-- forms, every abnormal event and experience of the spec, malformed JSON,
-- API errors, wrong types and missing fields, and correlated use.
.read fixtures/spec_rows.sql
SELECT plan(46);

CREATE TEMP TABLE doc AS
  SELECT CAST(readfile('fixtures/api_unusual_event.json') AS TEXT) AS j;
CREATE TEMP VIEW uu AS
  SELECT e.rowid AS n, e.* FROM doc, trtc_unusual_events(doc.j) AS e;

-- ---- The spec's example ---------------------------------------------------
SELECT eq((SELECT count(*) FROM uu), 3, 'example: two abnormal events and one experience without');
SELECT eq((SELECT group_concat(n || ':' || user_id || ':' || ifnull(abnormal_event_id, '-'), ' ') FROM uu),
          '1:alice:2010 2:alice:2024 3:bob:-', 'rows in response order, rowid from 1');
SELECT eq((SELECT user_id || '/' || room_id || '/' || event_time || '/' || experience_id || '/' || experience FROM uu WHERE n = 1),
          'alice/8008/1700000060/4/Video lagged', 'row 1: the experience (EventTime in seconds)');
SELECT eq((SELECT abnormal_event FROM uu WHERE n = 1), 'The FPS capturing of upstream big image was exceptional',
          'row 1 abnormal_event');
SELECT eq((SELECT abnormal_kind FROM uu WHERE n = 1), 'realtime', 'row 1 abnormal_kind');
SELECT eq((SELECT peer_id FROM uu WHERE n = 1), NULL, 'PeerId "" is NULL');
SELECT eq((SELECT peer_id FROM uu WHERE n = 2), 'bob', 'PeerId of a remote user');
SELECT eq((SELECT abnormal_event FROM uu WHERE n = 2), 'The downstream big image lagged', 'row 2 abnormal_event');
SELECT eq((SELECT experience FROM uu WHERE n = 3), 'Room entry was slow', 'row 3: experience 1');
SELECT eq((SELECT quote(abnormal_event_id) || quote(abnormal_event) || quote(abnormal_kind) || quote(peer_id) FROM uu WHERE n = 3),
          'NULLNULLNULLNULL', 'an empty AbnormalEventList: one row, NULL abnormal columns');
SELECT eq((SELECT count(*) FROM uu
            WHERE experience IS NOT trtc_experience(experience_id)
               OR abnormal_event IS NOT trtc_abnormal_event(abnormal_event_id)
               OR abnormal_kind IS NOT trtc_abnormal_event_kind(abnormal_event_id)), 0,
          'decoded columns equal the scalar functions');
SELECT eq((SELECT e.json FROM doc, trtc_unusual_events(doc.j) AS e WHERE e.rowid = 1), (SELECT j FROM doc),
          'the HIDDEN column json is the argument');

-- ---- Wrapped, inner object, bare list ------------------------------------
CREATE TEMP VIEW forms AS
  SELECT 'wrapped' AS form, j FROM doc
  UNION ALL SELECT 'inner', json_extract(j, '$.Response') FROM doc
  UNION ALL SELECT 'bare', json_extract(j, '$.Response.AbnormalExperienceList') FROM doc;
SELECT eq((SELECT group_concat(form || '=' || n, ' ') FROM
            (SELECT form, count(*) AS n FROM forms, trtc_unusual_events(forms.j) GROUP BY form ORDER BY form)),
          'bare=3 inner=3 wrapped=3', 'all three forms give 3 rows');
SELECT eq((SELECT count(DISTINCT sig) FROM
            (SELECT form, group_concat(e.rowid || '|' || user_id || '|' || room_id || '|' || event_time || '|'
                                       || experience_id || '|' || ifnull(abnormal_event_id, '') || '|' || ifnull(peer_id, ''), ';') AS sig
               FROM forms, trtc_unusual_events(forms.j) AS e GROUP BY form)), 1,
          'and the same rows');

-- ---- Every abnormal event and experience of the spec ---------------------
CREATE TEMP TABLE every AS
  SELECT json_group_array(json_object('UserId', 'u', 'RoomId', 'r', 'EventTime', x.experience_id,
           'ExperienceId', x.experience_id,
           'AbnormalEventList', (SELECT json_group_array(json_object('AbnormalEventId', a.event_id, 'PeerId', ''))
                                   FROM spec_abnormal AS a))) AS j
    FROM spec_experience AS x;
CREATE TEMP VIEW every_row AS
  SELECT e.*, x.description AS want_experience, a.description AS want_event, a.kind AS want_kind
    FROM every, trtc_unusual_events(every.j) AS e
    JOIN spec_experience AS x ON x.experience_id = e.experience_id
    JOIN spec_abnormal AS a ON a.event_id = e.abnormal_event_id;
SELECT eq((SELECT count(*) FROM every_row), 5 * 58, 'every experience with every abnormal event');
SELECT eq((SELECT count(*) FROM every_row WHERE experience IS want_experience), 5 * 58, 'the spec''s experience texts');
SELECT eq((SELECT count(*) FROM every_row WHERE abnormal_event IS want_event), 5 * 58, 'the spec''s abnormal event texts');
SELECT eq((SELECT count(*) FROM every_row WHERE abnormal_kind IS want_kind), 5 * 58, 'and kinds');
SELECT eq((SELECT abnormal_event FROM trtc_unusual_events('[{"AbnormalEventList": [{"AbnormalEventId": 1001}]}]')),
          'Failed to initialize audio device', 'AbnormalEventId 1001 is the abnormal event, not SDK event 1001');

-- ---- Malformed JSON and API errors ----------------------------------------
SELECT throws_like('SELECT * FROM trtc_unusual_events(''{"Response": {"AbnormalExperienceList": [{]}}'')',
                   'trtc_unusual_events: malformed JSON at byte 42 (line 1, column 43): expected a string key in an object',
                   'malformed JSON names the function, the place and the reason');
SELECT throws_like('SELECT * FROM trtc_unusual_events(''[{"UserId": "a"'')',
                   'trtc_unusual_events: malformed JSON at byte 15 (line 1, column 16): the text ends inside an object or array',
                   'a truncated document');
SELECT throws_like('SELECT * FROM trtc_unusual_events(CAST(readfile(''fixtures/api_error.json'') AS TEXT))',
                   'trtc_unusual_events: API error InvalidParameter.RoomId: RoomId does not exist.',
                   'an API error carries its Code and Message');
SELECT throws_like('SELECT * FROM trtc_unusual_events(''{"Error": {"Code": 4001, "Message": "m"}}'')',
                   'trtc_unusual_events: API error 4001: m', 'inner form; a numeric Code');

-- ---- Wrong types and missing fields ---------------------------------------
CREATE TEMP VIEW odd AS SELECT e.rowid AS n, e.* FROM trtc_unusual_events('{"Response": {"AbnormalExperienceList": [
    {"UserId": "a", "RoomId": 8008, "EventTime": "1700000060", "ExperienceId": 9, "AbnormalEventList": null},
    {"UserId": "", "EventTime": 1.5, "ExperienceId": "4", "AbnormalEventList": [5, "x", null, [], {"AbnormalEventId": 2024, "PeerId": null}]},
    {"AbnormalEventList": [{"AbnormalEventId": 2024, "PeerId": "bob"}, {}, {"AbnormalEventId": 7, "PeerId": 3}],
     "UserId": "late", "RoomId": "r", "EventTime": 1, "ExperienceId": 5},
    {"UserId": "c", "ExperienceId": 2},
    {"UserId": "d", "ExperienceId": 3, "AbnormalEventList": [1, 2]},
    "not an experience",
    {"UserId": {"UserId": "nested"}, "ExperienceId": [1], "AbnormalEventList": {"AbnormalEventId": 2001}}
  ], "Total": 7}}') AS e;
SELECT eq((SELECT count(*) FROM odd), 8, 'one row per abnormal event, or per experience without any');
SELECT eq((SELECT room_id || '/' || event_time || '/' || experience_id || '/' || quote(experience) FROM odd WHERE n = 1),
          '8008/1700000060/9/NULL', 'numeric RoomId is text, numeric-string EventTime a number, unknown experience NULL');
SELECT eq((SELECT quote(abnormal_event_id) FROM odd WHERE n = 1), 'NULL', 'AbnormalEventList null: one row');
SELECT eq((SELECT quote(user_id) || '/' || quote(event_time) || '/' || experience FROM odd WHERE n = 2), 'NULL/NULL/Video lagged',
          'UserId "" is NULL; a non-integral EventTime is NULL; ExperienceId "4" is 4');
SELECT eq((SELECT abnormal_event_id || '/' || quote(peer_id) FROM odd WHERE n = 2), '2024/NULL',
          'non-object abnormal events are skipped; PeerId null is NULL');
SELECT eq((SELECT group_concat(user_id || ':' || ifnull(abnormal_event_id, '-') || ':' || ifnull(peer_id, '-'), ' ')
             FROM odd WHERE n BETWEEN 3 AND 5), 'late:2024:bob late:-:- late:7:3',
          'fields after the list; {} is a row; unknown id kept; numeric PeerId is text');
SELECT eq((SELECT quote(abnormal_event) || quote(abnormal_kind) FROM odd WHERE n = 5), 'NULLNULL', 'unknown abnormal event id');
SELECT eq((SELECT experience || '/' || quote(room_id) || '/' || quote(abnormal_event_id) FROM odd WHERE n = 6),
          'Unable to enable video/NULL/NULL', 'AbnormalEventList missing: one row');
SELECT eq((SELECT user_id || '/' || quote(abnormal_event_id) FROM odd WHERE n = 7), 'd/NULL',
          'a list of non-objects: one row');
SELECT eq((SELECT quote(user_id) || quote(experience_id) || quote(abnormal_event_id) FROM odd WHERE n = 8), 'NULLNULLNULL',
          'object and array fields are NULL; an object list gives one row');
SELECT eq((SELECT count(*) FROM odd WHERE user_id = 'nested' OR abnormal_event_id = 2001), 0,
          'members of nested objects are not taken for fields');

SELECT eq((SELECT quote(experience) || '/' || user_id FROM trtc_unusual_events('[{"UserId": "x"}]')), 'NULL/x',
          'no ExperienceId: no experience');
SELECT eq((SELECT group_concat(length(peer_id), ' ') FROM trtc_unusual_events('[{"UserId": "u", "AbnormalEventList": ['
             || (WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < 40)
                 SELECT group_concat('{"AbnormalEventId": 2024, "PeerId": "' || printf('%.*c', 30, 'p') || x || '"}', ', ') FROM i)
             || ']}]') WHERE peer_id LIKE '%40'), '32', 'many peer ids in one experience (the text buffer grows)');
SELECT eq((SELECT count(*) FROM trtc_unusual_events('{"Response": {"Total": 0, "AbnormalExperienceList": []}}')), 0,
          'no experiences, no rows');
SELECT eq((SELECT count(*) FROM trtc_unusual_events('{"Response": {"Total": 0, "AbnormalExperienceList": null}}')), 0,
          'a null list');
SELECT eq((SELECT count(*) FROM trtc_unusual_events('{"Response": {"Data": [{"PeerId": "a", "Content": [{}]}]}}')), 0,
          'a DescribeUserEvent response has no AbnormalExperienceList');
SELECT eq((SELECT count(*) FROM trtc_user_events(CAST(readfile('fixtures/api_unusual_event.json') AS TEXT))), 0,
          '... and a DescribeUnusualEvent response has no Data');
SELECT eq((SELECT count(*) FROM trtc_unusual_events(NULL)), 0, 'SQL NULL');
SELECT eq((SELECT count(*) FROM trtc_unusual_events('[]')), 0, 'an empty bare list');

-- ---- Calling it -----------------------------------------------------------
SELECT throws_like('SELECT * FROM trtc_unusual_events', 'trtc_unusual_events: missing argument: use trtc_unusual_events(json)',
                   'no argument');
SELECT throws_like('UPDATE trtc_unusual_events SET user_id = 1', '%may not be modified%', 'read-only');
CREATE TEMP TABLE responses(id INTEGER PRIMARY KEY, body TEXT);
INSERT INTO responses SELECT 1, j FROM doc;
INSERT INTO responses VALUES (2, NULL), (3, '[{"UserId": "x", "ExperienceId": 3}]');
SELECT eq((SELECT group_concat(id || '=' || n, ' ') FROM
            (SELECT r.id, count(e.rowid) AS n FROM responses AS r LEFT JOIN trtc_unusual_events(r.body) AS e GROUP BY r.id)),
          '1=3 2=0 3=1', 'LEFT JOIN over stored responses');
CREATE VIEW main.unusual_view AS
  SELECT experience FROM trtc_unusual_events('[{"ExperienceId": 5}]');
PRAGMA trusted_schema = OFF;
SELECT eq((SELECT experience FROM unusual_view), 'Audio lagged', 'works in a view with trusted_schema=OFF');
PRAGMA trusted_schema = ON;
