-- Abnormal experiences by cause: for each experience the users had
-- (DescribeUnusualEvent), the abnormal events reported with it, how often,
-- and for whom. An experience reported without abnormal events shows
-- "(none reported)".
.headers on
.mode table --wrap 0
SELECT experience, ifnull(abnormal_event_id, '') AS id,
       ifnull(abnormal_event, '(none reported)') AS cause,
       ifnull(abnormal_kind, '') AS kind, count(*) AS reports,
       group_concat(DISTINCT user_id) AS users
  FROM (SELECT * FROM trtc_unusual_log_decoded ORDER BY user_id)
 GROUP BY experience_id, abnormal_event_id
 ORDER BY experience_id, reports DESC, abnormal_event_id;
