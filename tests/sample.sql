-- tests/sample.sql: the bundled sample call (sql/sample/) through
-- trtc_user_events and trtc_unusual_events directly: every file decodes,
-- every event is a row of the spec, and the story the sample tells is there.
SELECT plan(16);

CREATE TEMP TABLE f(user_id TEXT, j TEXT);
INSERT INTO f SELECT u, CAST(readfile('../sql/sample/user-events-' || u || '.json') AS TEXT)
  FROM (SELECT 'alice' AS u UNION ALL SELECT 'bob' UNION ALL SELECT 'carol'
        UNION ALL SELECT 'dave' UNION ALL SELECT 'erin');
CREATE TEMP VIEW ev AS SELECT f.user_id, e.rowid AS n, e.* FROM f, trtc_user_events(f.j) AS e;
CREATE TEMP VIEW ab AS
  SELECT e.rowid AS n, e.*
    FROM trtc_unusual_events(CAST(readfile('../sql/sample/unusual-events.json') AS TEXT)) AS e;

SELECT eq((SELECT count(*) FROM f WHERE j IS NOT NULL), 5, 'five DescribeUserEvent responses');
SELECT eq((SELECT group_concat(user_id || '=' || n, ' ') FROM (SELECT user_id, count(*) AS n FROM ev GROUP BY user_id)),
          'alice=30 bob=14 carol=21 dave=18 erin=21', 'rows per response (bob''s is the inner object)');
SELECT eq((SELECT count(*) FROM ev WHERE text IS NULL OR severity IS NULL OR stream IS NULL), 0,
          'every sample event is a row of the spec, with a known stream type');
SELECT eq((SELECT count(*) FROM ev WHERE text IS NOT trtc_event(event_id, param1, param2)), 0, 'text is trtc_event()');
SELECT eq((SELECT count(*) FROM ev AS a JOIN ev AS b ON a.user_id = b.user_id AND b.n = a.n + 1
            WHERE a.peer_id = b.peer_id AND b.time_ms < a.time_ms), 0, 'each EventList is in time order');
SELECT eq((SELECT group_concat(text, ' > ') FROM ev WHERE user_id = 'carol' AND peer_id = 'carol' AND n <= 5),
          'Started entering room > The user is using 4G network > Failed to obtain IP address info > Connection to CVM timed out > Failed to enter room',
          'carol fails to enter on 4G');
SELECT eq((SELECT count(*) FROM ev WHERE user_id = 'carol' AND event_id = 5003 AND param1 = 1), 1, '... and enters on retry');
SELECT eq((SELECT text || '/' || category || '/' || severity FROM ev WHERE user_id = 'dave' AND event_id = 2002 LIMIT 1),
          'The application does not have permission to use camera/permission/error', 'dave denies the camera');
SELECT eq((SELECT text FROM ev WHERE user_id = 'erin' AND event_id = 4013),
          '(Software) decoding failed (Number of frames failed to be decoded (3s): 17)', 'erin cannot decode alice''s video');
SELECT eq((SELECT peer_id || '/' || stream FROM ev WHERE user_id = 'erin' AND event_id = 5007 AND type = 3),
          'alice/small', '... and falls back to the small stream');
SELECT eq((SELECT group_concat(DISTINCT source) FROM ev WHERE user_id = 'bob' AND peer_id = 'bob' AND event_id > 30000),
          'webrtc', 'bob is a WebRTC user');

SELECT eq((SELECT count(*) FROM ab), 10, 'ten rows of abnormal experiences');
SELECT eq((SELECT count(DISTINCT user_id || event_time) FROM ab), 5, 'five experiences');
SELECT eq((SELECT experience || '/' || quote(abnormal_event_id) FROM ab WHERE user_id = 'erin' AND experience_id = 5),
          'Audio lagged/NULL', 'an experience with an empty AbnormalEventList');
SELECT eq((SELECT abnormal_event FROM ab WHERE user_id = 'dave'),
          'The camera permission is not granted. This error usually occurs on mobile devices and may be caused by permission denial by user',
          'dave''s experience: the camera permission');
SELECT eq((SELECT count(*) || ' by ' || count(DISTINCT user_id) FROM ab WHERE peer_id = 'alice'), '5 by 2',
          'alice is the remote peer behind five abnormal events of two users');
