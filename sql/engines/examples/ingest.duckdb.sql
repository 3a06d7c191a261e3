-- sql/engines/examples/ingest.duckdb.sql: decode the responses of
-- trtc_responses not decoded yet into trtc_event_log and trtc_unusual_log
-- (what sql/ingest.sql does in SQLite), in one transaction. An API error
-- response stops it with the error: remove that response, or load
-- responses one at a time.
BEGIN TRANSACTION;
INSERT INTO trtc_event_log
       (response_id, seq, sdk_app_id, comm_id, room_id, user_id,
        peer_id, type, time_ms, event_id, param1, param2)
SELECT r.response_id, e.rowid, r.sdk_app_id, r.comm_id, r.room_id, r.user_id,
       e.peer_id, e.type, e.time_ms, e.event_id, e.param1, e.param2
  FROM trtc_responses AS r, trtc_user_events_rowid(r.body) AS e
 WHERE r.api = 'DescribeUserEvent'
   AND r.response_id NOT IN (SELECT response_id FROM trtc_event_log);

INSERT INTO trtc_unusual_log
       (response_id, seq, sdk_app_id, comm_id, room_id, user_id,
        event_time, experience_id, abnormal_event_id, peer_id)
SELECT r.response_id, e.rowid, r.sdk_app_id, r.comm_id, coalesce(e.room_id, r.room_id),
       e.user_id, e.event_time, e.experience_id, e.abnormal_event_id, e.peer_id
  FROM trtc_responses AS r, trtc_unusual_events_rowid(r.body) AS e
 WHERE r.api = 'DescribeUnusualEvent'
   AND r.response_id NOT IN (SELECT response_id FROM trtc_unusual_log);
COMMIT;
