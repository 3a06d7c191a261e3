-- sql/examples/01-timeline.sql in PostgreSQL (schema.postgresql.sql): a
-- user's decoded timeline, every event the user's client reported, in time
-- order. peer is the user the event concerns: the user, or the remote
-- user whose stream it is about. Parameters: the values in p (NULL: all).
WITH p (call, "user", tz) AS (SELECT NULL::text, NULL::text, NULL::text)
SELECT d.call, d.user_id AS "user", trtc_time(d.time_ms, p.tz) AS time, d.peer_id AS peer,
       d.stream, d.event_id AS event, d.param1 AS p1, d.param2 AS p2, d.text, d.severity
  FROM trtc_event_log_decoded AS d, p
 WHERE (p.call IS NULL OR d.call = p.call)
   AND (p."user" IS NULL OR d.user_id = p."user")
 ORDER BY d.call, d.user_id, d.time_ms, d.response_id, d.seq;
