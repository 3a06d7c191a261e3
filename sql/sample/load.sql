-- sql/sample/load.sql: the bundled sample call into the current database
-- in plain SQL, on top of the table-valued functions trtc_user_events and
-- trtc_unusual_events: the SQL-only route any host can take (what "trtc
-- ingest DB sql/sample" does, without its checks and warnings). For the
-- sqlite3 shell with the trtc module loaded (readfile() and sha3() are the
-- shell's), from the repository root:
--
--   sqlite3 -cmd '.load ./trtc' :memory:
--   sqlite> .read sql/sample/load.sql
--   sqlite> .read sql/examples/02-room-entry.sql
.read sql/schema.sql

-- Each response of the manifest, with its context (a file's keys first,
-- then the manifest's), byte for byte.
INSERT INTO trtc_responses
       (api, sdk_app_id, comm_id, room_id, user_id, source_file, body, body_sha3, request_id)
SELECT api, sdk_app_id, comm_id, room_id, user_id, 'sql/sample/' || file, body, sha3(body, 256),
       coalesce(json_extract(body, '$.Response.RequestId'), json_extract(body, '$.RequestId'))
  FROM (SELECT json_extract(f.value, '$.api') AS api,
               CAST(coalesce(json_extract(f.value, '$.sdk_app_id'), json_extract(m.j, '$.sdk_app_id')) AS INTEGER) AS sdk_app_id,
               coalesce(json_extract(f.value, '$.comm_id'), json_extract(m.j, '$.comm_id')) AS comm_id,
               coalesce(json_extract(f.value, '$.room_id'), json_extract(m.j, '$.room_id')) AS room_id,
               json_extract(f.value, '$.user_id') AS user_id,
               json_extract(f.value, '$.file') AS file,
               CAST(readfile('sql/sample/' || json_extract(f.value, '$.file')) AS TEXT) AS body
          FROM (SELECT CAST(readfile('sql/sample/manifest.json') AS TEXT) AS j) AS m,
               json_each(m.j, '$.files') AS f
         ORDER BY f.key);

-- Their rows: one per EventMessage, one per AbnormalEvent.
INSERT INTO trtc_event_log
       (response_id, seq, sdk_app_id, comm_id, room_id, user_id,
        peer_id, type, time_ms, event_id, param1, param2)
SELECT r.response_id, e.rowid, r.sdk_app_id, r.comm_id, r.room_id, r.user_id,
       e.peer_id, e.type, e.time_ms, e.event_id, e.param1, e.param2
  FROM trtc_responses AS r, trtc_user_events(r.body) AS e
 WHERE r.api = 'DescribeUserEvent' AND r.n_rows IS NULL;
INSERT INTO trtc_unusual_log
       (response_id, seq, sdk_app_id, comm_id, room_id, user_id,
        event_time, experience_id, abnormal_event_id, peer_id)
SELECT r.response_id, e.rowid, r.sdk_app_id, r.comm_id, coalesce(e.room_id, r.room_id),
       e.user_id, e.event_time, e.experience_id, e.abnormal_event_id, e.peer_id
  FROM trtc_responses AS r, trtc_unusual_events(r.body) AS e
 WHERE r.api = 'DescribeUnusualEvent' AND r.n_rows IS NULL;

-- Decoded: how many rows each gave.
UPDATE trtc_responses SET n_rows = CASE api
    WHEN 'DescribeUserEvent' THEN
      (SELECT count(*) FROM trtc_event_log AS l WHERE l.response_id = trtc_responses.response_id)
    ELSE
      (SELECT count(*) FROM trtc_unusual_log AS u WHERE u.response_id = trtc_responses.response_id)
  END
 WHERE n_rows IS NULL;
