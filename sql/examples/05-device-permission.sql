-- Device and permission problems by user: the user's own events of the
-- device and permission categories with severity warning or error
-- (trtc_problems), and the abnormal experiences 2 and 3 (video or audio
-- that could not be enabled) that DescribeUnusualEvent reported for the
-- user, not caused by a remote user (trtc_call_abnormal; category
-- "abnormal experience", the problem the experience and its abnormal
-- event, e.g. 1016, the camera permission), counted, with when they were
-- first and last seen.
-- Parameters (unset: all): :call, :user, :tz (+HH:MM; default UTC).
.headers on
.mode table --wrap 0
-- A parameter that matches nothing gets a warning, not an empty answer.
SELECT 'no event log in call ' || quote(:call) || ' (see trtc_call_summary)' AS warning
 WHERE :call IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM trtc_call_users WHERE call = CAST(:call AS TEXT))
UNION ALL
SELECT 'no event log of user ' || quote(:user) || ifnull(' in call ' || :call, '')
       || ifnull((SELECT ' (did you mean ' || group_concat(DISTINCT quote(user_id)) || '?)'
                    FROM trtc_responses WHERE user_id = CAST(:user AS TEXT) COLLATE NOCASE
                                          AND user_id <> CAST(:user AS TEXT)), '')
 WHERE :user IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM trtc_call_users WHERE user_id = CAST(:user AS TEXT)
                      AND (:call IS NULL OR call = CAST(:call AS TEXT)));
SELECT call, user_id AS user, category, problem, times,
       trtc_time(first_ms, :tz) AS first_seen, trtc_time(last_ms, :tz) AS last_seen
  FROM (SELECT call, user_id, category, problem, times, first_ms, last_ms, event_id
          FROM trtc_problems
         WHERE category IN ('device', 'permission') AND NOT remote
        UNION ALL
        SELECT call, user_id, 'abnormal experience',
               experience || ': ' || coalesce(abnormal_event, CASE WHEN abnormal_event_id IS NULL
                 THEN '(no cause reported)' ELSE '(unknown id ' || abnormal_event_id || ')' END),
               count(*), min(time_ms), max(time_ms), abnormal_event_id
          FROM trtc_call_abnormal
         WHERE experience_id IN (2, 3) AND ifnull(peer_id, '') = ''
         GROUP BY call, user_id, experience_id, abnormal_event_id)
 WHERE (:call IS NULL OR call = CAST(:call AS TEXT))
   AND (:user IS NULL OR user_id = CAST(:user AS TEXT))
 ORDER BY call, user_id, first_ms, event_id, category;
