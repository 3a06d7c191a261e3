-- Room-entry failures and what preceded them: for each failed attempt
-- (trtc_room_entry), the user's own events from the attempt's start to
-- the failure, with how long before the failure each came.
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
SELECT f.call, f.user_id AS user, f.attempt, trtc_time(f.outcome_ms, :tz) AS failed_at,
       d.time_ms - f.outcome_ms AS offset_ms, d.event_id AS event, d.text, d.severity
  FROM trtc_room_entry AS f
  JOIN trtc_event_log_decoded AS d
    ON d.call = f.call AND d.user_id IS f.user_id AND NOT d.remote
   AND d.time_ms BETWEEN coalesce(f.started_ms, f.outcome_ms) AND f.outcome_ms
 WHERE f.succeeded = 0
   AND (:call IS NULL OR f.call = CAST(:call AS TEXT))
   AND (:user IS NULL OR f.user_id = CAST(:user AS TEXT))
 ORDER BY f.call, f.outcome_ms, f.user_id, d.time_ms, d.response_id, d.seq;
