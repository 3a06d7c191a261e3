-- Time to first frame: for each viewer and remote user, the first 5007
-- "Started playing the first video frame" of the remote user's video
-- (trtc_first_frame), timed from the later of the two users' latest entry
-- attempts: a remote user who entered after the viewer cannot be seen
-- before. from: whose attempt started the clock (marked when the client
-- reported no 5001 and the clock starts at its entry). Parameters (unset:
-- all): :call, :user (as viewer or remote), :tz (+HH:MM; default UTC).
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
SELECT call, viewer, remote, stream, trtc_time(first_frame_ms, :tz) AS first_frame, ttff_ms,
       start_user || CASE WHEN start_reported THEN '' ELSE ' (at entry: no 5001)' END AS "from"
  FROM trtc_first_frame
 WHERE (:call IS NULL OR call = CAST(:call AS TEXT))
   AND (:user IS NULL OR viewer = CAST(:user AS TEXT) OR remote = CAST(:user AS TEXT))
 ORDER BY call, viewer, first_frame_ms;
