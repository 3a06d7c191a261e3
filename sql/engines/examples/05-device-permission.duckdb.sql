-- sql/examples/05-device-permission.sql in DuckDB
-- (schema.duckdb.sql): the user's own device and permission problems
-- (trtc_problems) and abnormal experiences 2 and 3, video or audio that
-- could not be enabled (trtc_call_abnormal), counted, first and last seen. Parameters: the values in
-- p (NULL: all).
WITH p (call, "user", tz) AS (SELECT NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR)
SELECT o.call, o.user_id AS "user", o.category, o.problem, o.times,
       trtc_time(o.first_ms, p.tz) AS first_seen, trtc_time(o.last_ms, p.tz) AS last_seen
  FROM (SELECT call, user_id, category, problem, times, first_ms, last_ms, event_id
          FROM trtc_problems
         WHERE category IN ('device', 'permission') AND NOT remote
        UNION ALL
        SELECT call, user_id, 'abnormal experience',
               experience || ': ' || coalesce(abnormal_event, CASE WHEN abnormal_event_id IS NULL
                 THEN '(no cause reported)' ELSE '(unknown id ' || abnormal_event_id || ')' END),
               count(*), min(time_ms), max(time_ms), abnormal_event_id
          FROM trtc_call_abnormal
         WHERE experience_id IN (2, 3) AND coalesce(peer_id, '') = ''
         GROUP BY call, user_id, experience_id, experience, abnormal_event_id, abnormal_event) AS o, p
 WHERE (p.call IS NULL OR o.call = p.call)
   AND (p."user" IS NULL OR o.user_id = p."user")
 ORDER BY o.call, o.user_id, o.first_ms, o.event_id, o.category;
