-- sql/engines/examples/ingest.postgresql.sql: decode the responses of
-- trtc_responses not decoded yet into trtc_event_log and trtc_unusual_log
-- (what sql/ingest.sql does in SQLite), in one transaction. An API error
-- response stops it with the error (trtc_user_events() raises it): remove
-- that response, or load responses one at a time.
--
--   psql -d mydb -f sql/engines/examples/ingest.postgresql.sql
BEGIN;
INSERT INTO trtc_event_log
       (response_id, seq, sdk_app_id, comm_id, room_id, user_id,
        peer_id, type, time_ms, event_id, param1, param2)
SELECT r.response_id, e.seq, r.sdk_app_id, r.comm_id, r.room_id, r.user_id,
       e.peer_id, e.type, e.time_ms, e.event_id, e.param1, e.param2
  FROM trtc_responses AS r
 CROSS JOIN LATERAL trtc_user_events(r.body) WITH ORDINALITY
       AS e(peer_id, type, stream, time_ms, event_id, param1, param2, text, source, category, severity, seq)
 WHERE r.api = 'DescribeUserEvent'
   AND NOT EXISTS (SELECT 1 FROM trtc_event_log AS l WHERE l.response_id = r.response_id);

INSERT INTO trtc_unusual_log
       (response_id, seq, sdk_app_id, comm_id, room_id, user_id,
        event_time, experience_id, abnormal_event_id, peer_id)
SELECT r.response_id, e.seq, r.sdk_app_id, r.comm_id, coalesce(e.room_id, r.room_id),
       e.user_id, e.event_time, e.experience_id, e.abnormal_event_id, e.peer_id
  FROM trtc_responses AS r
 CROSS JOIN LATERAL trtc_unusual_events(r.body) WITH ORDINALITY
       AS e(user_id, room_id, event_time, experience_id, experience, abnormal_event_id,
            abnormal_event, abnormal_kind, peer_id, seq)
 WHERE r.api = 'DescribeUnusualEvent'
   AND NOT EXISTS (SELECT 1 FROM trtc_unusual_log AS u WHERE u.response_id = r.response_id);
COMMIT;
