-- sql/examples/05-device-permission.sql in DuckDB
-- (schema.duckdb.sql): device and permission problems by user, events
-- of the device and permission categories with severity warning or error,
-- counted, with when they were first and last seen.
SELECT user_id AS "user", category, text AS problem, count(*) AS times,
       substr(min(time_utc), 12) AS first_seen, substr(max(time_utc), 12) AS last_seen
  FROM trtc_event_log_decoded
 WHERE category IN ('device', 'permission') AND severity IN ('warning', 'error')
   AND peer_id = user_id
 GROUP BY user_id, category, text
 ORDER BY user_id, min(time_ms);
