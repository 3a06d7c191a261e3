-- Abnormal experiences by cause: for each experience the users had
-- (DescribeUnusualEvent, trtc_call_abnormal), the abnormal events
-- reported with it, how often, and for whom. An experience reported
-- without abnormal events shows "(none reported)"; an id the mapping
-- tables lack, "(unknown id: not in the mapping tables)". call_by: how the
-- experience was tied to its call (its comm_id, or its room and time).
-- Parameters (unset: all): :call, :user (who had the experience).
.headers on
.mode table --wrap 0
-- A parameter that matches nothing gets a warning, not an empty answer.
SELECT 'no abnormal experience in call ' || quote(:call) || ' (see trtc_call_summary)' AS warning
 WHERE :call IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM trtc_call_abnormal WHERE call = CAST(:call AS TEXT))
UNION ALL
SELECT 'no abnormal experience of user ' || quote(:user) || ifnull(' in call ' || :call, '')
       || ifnull((SELECT ' (did you mean ' || group_concat(DISTINCT quote(user_id)) || '?)'
                    FROM trtc_responses WHERE user_id = CAST(:user AS TEXT) COLLATE NOCASE
                                          AND user_id <> CAST(:user AS TEXT)), '')
 WHERE :user IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM trtc_call_abnormal WHERE user_id = CAST(:user AS TEXT)
                      AND (:call IS NULL OR call = CAST(:call AS TEXT)));
SELECT call, experience, ifnull(abnormal_event_id, '') AS id,
       CASE WHEN abnormal_event_id IS NULL THEN '(none reported)'
            ELSE ifnull(abnormal_event, '(unknown id: not in the mapping tables)') END AS cause,
       ifnull(abnormal_kind, '') AS kind, count(*) AS reports,
       group_concat(DISTINCT user_id) AS users, group_concat(DISTINCT call_by) AS call_by
  FROM (SELECT * FROM trtc_call_abnormal
         WHERE (:call IS NULL OR call = CAST(:call AS TEXT))
   AND (:user IS NULL OR user_id = CAST(:user AS TEXT))
         ORDER BY user_id)
 GROUP BY call, experience_id, abnormal_event_id
 ORDER BY call, experience_id, reports DESC, abnormal_event_id;
