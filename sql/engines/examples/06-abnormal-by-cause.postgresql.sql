-- sql/examples/06-abnormal-by-cause.sql in PostgreSQL
-- (schema.postgresql.sql): abnormal experiences by cause
-- (trtc_call_abnormal), how often and for whom, and how each was tied to
-- its call. Parameters: the values in p (NULL: all).
WITH p (call, "user") AS (SELECT NULL::text, NULL::text)
SELECT a.call, min(a.experience) AS experience, coalesce(a.abnormal_event_id::text, '') AS id,
       CASE WHEN a.abnormal_event_id IS NULL THEN '(none reported)'
            ELSE coalesce(min(a.abnormal_event), '(unknown id: not in the mapping tables)') END AS cause,
       coalesce(min(a.abnormal_kind), '') AS kind, count(*) AS reports,
       string_agg(DISTINCT a.user_id, ',' ORDER BY a.user_id) AS users,
       string_agg(DISTINCT a.call_by, ',' ORDER BY a.call_by) AS call_by
  FROM trtc_call_abnormal AS a, p
 WHERE (p.call IS NULL OR a.call = p.call)
   AND (p."user" IS NULL OR a.user_id = p."user")
 GROUP BY a.call, a.experience_id, a.abnormal_event_id
 ORDER BY a.call, a.experience_id, reports DESC, a.abnormal_event_id NULLS FIRST;
