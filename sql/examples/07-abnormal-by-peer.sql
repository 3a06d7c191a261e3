-- Abnormal experiences by remote peer: which remote user the abnormal
-- events were attributed to (PeerId; none when not caused by a remote
-- user), how many experiences of how many users, and which causes.
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
SELECT call, ifnull(peer_id, '(not a remote user)') AS remote_peer,
       count(DISTINCT user_id || '/' || event_time || '/' || experience_id) AS experiences,
       count(DISTINCT user_id) AS users, count(*) AS reports,
       group_concat(DISTINCT abnormal_event_id) AS causes
  FROM (SELECT * FROM trtc_call_abnormal
         WHERE abnormal_event_id IS NOT NULL
           AND (:call IS NULL OR call = CAST(:call AS TEXT))
           AND (:user IS NULL OR user_id = CAST(:user AS TEXT))
         ORDER BY abnormal_event_id)
 GROUP BY call, peer_id
 ORDER BY call, experiences DESC, remote_peer;
