-- sql/examples/03-first-frame.sql in PostgreSQL (schema.postgresql.sql):
-- time to first frame, for each viewer and remote user, from 5001
-- (the start of an attempt) to 5007 (the first video frame played)
-- of that remote user's video. The clock starts at the later 5001 of the
-- two: a remote user who joined after the viewer cannot be seen before
-- entering. (type: that of the first frame, as SQLite's bare column takes it.)
WITH frame AS (
  SELECT comm_id, user_id, peer_id, (array_agg(type ORDER BY time_ms))[1] AS type, min(time_ms) AS frame_ms
    FROM trtc_event_log
   WHERE event_id = 5007 AND peer_id <> user_id
   GROUP BY comm_id, user_id, peer_id
),
start AS (
  SELECT f.*,
         (SELECT max(s.time_ms) FROM trtc_event_log AS s
           WHERE s.comm_id = f.comm_id AND s.event_id = 5001
             AND s.user_id = s.peer_id AND s.user_id IN (f.user_id, f.peer_id)
             AND s.time_ms <= f.frame_ms) AS start_ms
    FROM frame AS f
)
SELECT user_id AS viewer, peer_id AS remote, trtc_stream_type(type) AS stream,
       to_char(to_timestamp(frame_ms / 1000) AT TIME ZONE 'UTC', 'HH24:MI:SS')
         || '.' || lpad((frame_ms % 1000)::text, 3, '0') AS first_frame,
       frame_ms - start_ms AS ttff_ms
  FROM start
 ORDER BY viewer, frame_ms;
