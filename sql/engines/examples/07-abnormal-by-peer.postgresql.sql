-- sql/examples/07-abnormal-by-peer.sql in PostgreSQL
-- (schema.postgresql.sql): which remote user the abnormal events were
-- attributed to (PeerId), how many experiences of how many users, and
-- which causes. Parameters: the values in p (NULL: all).
WITH p (call, "user") AS (SELECT NULL::text, NULL::text)
SELECT a.call, coalesce(a.peer_id, '(not a remote user)') AS remote_peer,
       count(DISTINCT a.user_id || '/' || a.event_time || '/' || a.experience_id) AS experiences,
       count(DISTINCT a.user_id) AS users, count(*) AS reports,
       string_agg(DISTINCT a.abnormal_event_id::text, ',' ORDER BY a.abnormal_event_id::text) AS causes
  FROM trtc_call_abnormal AS a, p
 WHERE a.abnormal_event_id IS NOT NULL
   AND (p.call IS NULL OR a.call = p.call)
   AND (p."user" IS NULL OR a.user_id = p."user")
 GROUP BY a.call, a.peer_id
 ORDER BY a.call, experiences DESC, remote_peer;
