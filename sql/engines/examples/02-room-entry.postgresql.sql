-- sql/examples/02-room-entry.sql in PostgreSQL (schema.postgresql.sql):
-- every room-entry attempt (trtc_room_entry) with its outcome and how long
-- it took. Parameters: the values in p (NULL: all).
WITH p (call, "user", tz) AS (SELECT NULL::text, NULL::text, NULL::text)
SELECT e.call, e.user_id AS "user", e.attempt,
       coalesce(trtc_time(e.started_ms, p.tz), '(not reported)') AS started,
       trtc_time(e.outcome_ms, p.tz) AS ended, e.outcome, e.entry_ms, e.since_first_ms
  FROM trtc_room_entry AS e, p
 WHERE (p.call IS NULL OR e.call = p.call)
   AND (p."user" IS NULL OR e.user_id = p."user")
 ORDER BY e.call, coalesce(e.started_ms, e.outcome_ms), e.user_id, e.attempt;
