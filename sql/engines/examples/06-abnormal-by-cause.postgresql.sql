-- sql/examples/06-abnormal-by-cause.sql in PostgreSQL
-- (schema.postgresql.sql): abnormal experiences by cause, for each
-- experience the users had (DescribeUnusualEvent), the abnormal events
-- reported with it, how often, and for whom. An experience reported
-- without abnormal events shows "(none reported)".
SELECT min(experience) AS experience, coalesce(abnormal_event_id::text, '') AS id,
       coalesce(min(abnormal_event), '(none reported)') AS cause,
       coalesce(min(abnormal_kind), '') AS kind, count(*) AS reports,
       string_agg(DISTINCT user_id, ',' ORDER BY user_id) AS users
  FROM trtc_unusual_log_decoded
 GROUP BY experience_id, abnormal_event_id
 ORDER BY experience_id, reports DESC, abnormal_event_id;
