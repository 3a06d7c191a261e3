-- sql/examples/04-entry-failures.sql in PostgreSQL (schema.postgresql.sql):
-- for each failed attempt (trtc_room_entry), the user's own events from
-- the attempt's start to the failure. Parameters: the values in p (NULL: all).
WITH p (call, "user", tz) AS (SELECT NULL::text, NULL::text, NULL::text)
SELECT f.call, f.user_id AS "user", f.attempt, trtc_time(f.outcome_ms, p.tz) AS failed_at,
       d.time_ms - f.outcome_ms AS offset_ms, d.event_id AS event, d.text, d.severity
  FROM trtc_room_entry AS f
 CROSS JOIN p
  JOIN trtc_event_log_decoded AS d
    ON d.call = f.call AND d.user_id IS NOT DISTINCT FROM f.user_id AND NOT d.remote
   AND d.time_ms BETWEEN coalesce(f.started_ms, f.outcome_ms) AND f.outcome_ms
 WHERE f.succeeded = 0
   AND (p.call IS NULL OR f.call = p.call)
   AND (p."user" IS NULL OR f.user_id = p."user")
 ORDER BY f.call, f.outcome_ms, f.user_id, d.time_ms, d.response_id, d.seq;
