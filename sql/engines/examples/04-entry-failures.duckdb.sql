-- sql/examples/04-entry-failures.sql in DuckDB (schema.duckdb.sql):
-- room-entry failures (5003 with param1 0) and what preceded them: the
-- user's own events from the attempt's 5001 up to the failure, with how
-- long before the failure each came.
WITH failure AS (
  SELECT f.comm_id, f.user_id, f.time_ms AS failed_ms,
         (SELECT max(s.time_ms) FROM trtc_event_log AS s
           WHERE s.comm_id = f.comm_id AND s.user_id = f.user_id
             AND s.peer_id = s.user_id AND s.event_id = 5001
             AND s.time_ms <= f.time_ms) AS started_ms
    FROM trtc_event_log AS f
   WHERE f.event_id = 5003 AND f.param1 = 0 AND f.peer_id = f.user_id
)
SELECT f.user_id AS "user",
       strftime(epoch_ms(f.failed_ms), '%H:%M:%S.%g') AS failed_at,
       d.time_ms - f.failed_ms AS offset_ms, d.event_id AS event, d.text,
       d.severity
  FROM failure AS f
  JOIN trtc_event_log_decoded AS d
    ON d.comm_id = f.comm_id AND d.user_id = f.user_id AND d.peer_id = f.user_id
   AND d.time_ms BETWEEN coalesce(f.started_ms, f.failed_ms) AND f.failed_ms
 ORDER BY f.failed_ms, d.time_ms, d.seq;
