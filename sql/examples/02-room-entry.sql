-- Room entry: every attempt (trtc_room_entry) with its outcome and how
-- long it took: from 5001 "Started entering room" to the first 5003
-- (param1 1: success, 0: failure), 7000 or WebRTC 32788 "Entered room"
-- after it (ended: its time). A WebRTC client may report no 5001: its
-- start is "(not reported)". entry_ms and since_first_ms (from the user's
-- first start) are ms.
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
SELECT call, user_id AS user, attempt,
       coalesce(trtc_time(started_ms, :tz), '(not reported)') AS started,
       trtc_time(outcome_ms, :tz) AS ended, outcome, entry_ms, since_first_ms
  FROM trtc_room_entry
 WHERE (:call IS NULL OR call = CAST(:call AS TEXT))
   AND (:user IS NULL OR user_id = CAST(:user AS TEXT))
 ORDER BY call, coalesce(started_ms, outcome_ms), user_id, attempt;
