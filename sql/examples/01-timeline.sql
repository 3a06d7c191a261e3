-- A user's decoded timeline: every event the user's client reported, in
-- time order. peer is the user the event concerns: the user, or the
-- remote user whose stream it is about. Parameters (unset: all): :call
-- (a value of trtc_call_summary.call), :user, :tz (+HH:MM; default UTC).
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
SELECT call, user_id AS user, trtc_time(time_ms, :tz) AS time, peer_id AS peer, stream,
       event_id AS event, param1 AS p1, param2 AS p2, text, severity
  FROM trtc_event_log_decoded
 WHERE (:call IS NULL OR call = CAST(:call AS TEXT))
   AND (:user IS NULL OR user_id = CAST(:user AS TEXT))
 ORDER BY call, user_id, time_ms, response_id, seq;
