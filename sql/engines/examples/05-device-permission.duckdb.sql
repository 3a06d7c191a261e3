-- sql/examples/05-device-permission.sql in DuckDB
-- (schema.duckdb.sql): the user's own device and permission problems
-- (trtc_problems), counted, first and last seen. Parameters: the values in
-- p (NULL: all).
WITH p (call, "user", tz) AS (SELECT NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR)
SELECT o.call, o.user_id AS "user", o.category, o.problem, o.times,
       trtc_time(o.first_ms, p.tz) AS first_seen, trtc_time(o.last_ms, p.tz) AS last_seen
  FROM trtc_problems AS o, p
 WHERE o.category IN ('device', 'permission') AND NOT o.remote
   AND (p.call IS NULL OR o.call = p.call)
   AND (p."user" IS NULL OR o.user_id = p."user")
 ORDER BY o.call, o.user_id, o.first_ms, o.event_id;
