-- sql/report.sql: the data of "trtc report"'s page, as SQL, on the views of
-- sql/schema.sql (trtc_call_summary, trtc_call_users, trtc_event_log_decoded,
-- trtc_presence, trtc_room_entry, trtc_first_frame, trtc_problems,
-- trtc_call_abnormal): which calls a database holds, one lane per user
-- with the time in the room, every event decoded, the abnormal
-- experiences with their causes, and the summary per user (room-entry
-- attempts, time to first frame, errors by category) -- the figures of
-- sql/examples/, from the same views. "trtc report" runs this file as it
-- is (it is built into the command) and draws what its last statement
-- returns; in the sqlite3 shell, with the trtc module loaded, it prints
-- the same JSON:
--
--   sqlite3 -cmd '.load ./trtc' -cmd ".param set :tz '+08:00'" calls.db < sql/report.sql
--
-- Parameters (an unbound one is NULL, which means "all" or UTC):
--   :call   a call (trtc_call_summary.call), a CommId, or a RoomId for a room's
--           rows that came without a CommId
--   :users  a JSON array of user ids, e.g. '["alice","bob"]'
--   :tz     the time zone, '+HH:MM' or '-HH:MM' (as sql/examples/ take it)
--
-- It writes only TEMP tables (trtc_report_*), so it runs on a database
-- opened read-only. docs/report.md describes every part.

-- ---- Calls ----------------------------------------------------------------
DROP TABLE IF EXISTS temp.trtc_report_call_all;
CREATE TEMP TABLE trtc_report_call_all AS
SELECT row_number() OVER (ORDER BY first_ms, call) AS call_no, call, comm_id, sdk_app_id,
       room_id, first_ms AS start_ms, last_ms AS end_ms, missing
  FROM trtc_call_summary;

-- The calls asked for (:call).
DROP TABLE IF EXISTS temp.trtc_report_call;
CREATE TEMP TABLE trtc_report_call AS
SELECT * FROM trtc_report_call_all
 WHERE :call IS NULL OR call = :call OR comm_id = :call OR (comm_id IS NULL AND room_id = :call);

-- ---- Users: one lane each ---------------------------------------------------
-- Everyone in a call: whose event log is loaded, who is only named by
-- other users' logs, and who only had abnormal experiences (or caused them).
DROP TABLE IF EXISTS temp.trtc_report_user_all;
CREATE TEMP TABLE trtc_report_user_all AS
WITH listed AS ( -- the call's user list (DescribeUserInfo, from trtc fetch)
  SELECT c.call, t.user_id, t.join_ts, t.leave_ts, t.device_type, t.sdk_version
    FROM trtc_report_call AS c
    JOIN trtc_users AS t ON t.comm_id = c.comm_id AND t.sdk_app_id IS c.sdk_app_id
),
who AS (
  SELECT call, user_id FROM trtc_call_users
  UNION SELECT call, user_id FROM trtc_call_abnormal
  UNION SELECT call, peer_id FROM trtc_call_abnormal WHERE peer_id IS NOT NULL
  UNION SELECT call, user_id FROM listed
)
SELECT c.call_no, w.call, w.user_id,
       coalesce((SELECT sum(u.events) FROM trtc_call_users AS u
                  WHERE u.call = w.call AND u.user_id IS w.user_id), 0) AS n_events,
       (SELECT count(*) FROM trtc_event_log_decoded AS e
         WHERE e.call = w.call AND e.user_id IS w.user_id AND e.time_ms IS NULL) AS n_untimed,
       (SELECT min(u.first_ms) FROM trtc_call_users AS u
         WHERE u.call = w.call AND u.user_id IS w.user_id) AS first_ms,
       (SELECT count(*) FROM trtc_call_abnormal AS a
         WHERE a.call = w.call AND a.user_id IS w.user_id) AS n_unusual,
       (SELECT group_concat(DISTINCT e.user_id) FROM trtc_event_log_decoded AS e
         WHERE e.call = w.call AND e.remote AND e.peer_id IS w.user_id) AS seen_by,
       (SELECT CASE WHEN max(e.source = 'webrtc') THEN 'WebRTC' WHEN count(*) THEN 'SDK' END
          FROM trtc_event_log_decoded AS e
         WHERE e.call = w.call AND e.user_id IS w.user_id AND NOT e.remote) AS client,
       (SELECT group_concat(DISTINCT l.device_type) FROM listed AS l
         WHERE l.call = w.call AND l.user_id IS w.user_id) AS device,
       (SELECT group_concat(DISTINCT l.sdk_version) FROM listed AS l
         WHERE l.call = w.call AND l.user_id IS w.user_id) AS sdk_version,
       (SELECT json_group_array(json_array(nullif(l.join_ts, 0) * 1000, nullif(l.leave_ts, 0) * 1000))
          FROM (SELECT * FROM listed AS l WHERE l.call = w.call AND l.user_id IS w.user_id
                 ORDER BY l.join_ts) AS l) AS listed
  FROM who AS w
  JOIN trtc_report_call AS c ON c.call = w.call;

-- The users asked for (:users), in lane order: by their first event.
DROP TABLE IF EXISTS temp.trtc_report_user;
CREATE TEMP TABLE trtc_report_user AS
SELECT u.*,
       row_number() OVER (PARTITION BY u.call_no
                          ORDER BY u.first_ms IS NULL, u.first_ms, u.user_id) - 1 AS lane
  FROM trtc_report_user_all AS u
 WHERE :users IS NULL OR u.user_id IN (SELECT value FROM json_each(:users));

-- ---- Events: every event of those users, decoded --------------------------------
DROP TABLE IF EXISTS temp.trtc_report_event;
CREATE TEMP TABLE trtc_report_event AS
SELECT u.call_no, u.lane, e.user_id, e.peer_id, e.remote, e.response_id, e.seq, e.type,
       e.time_ms, e.event_id, e.param1, e.param2, e.text, e.source, e.category, e.severity,
       e.stream
  FROM trtc_report_user AS u
  JOIN trtc_event_log_decoded AS e ON e.call = u.call AND e.user_id IS u.user_id;

-- ---- The summary: the views of sql/schema.sql, for the users asked for ------------
-- Time in the room (trtc_presence), room-entry attempts (trtc_room_entry,
-- as sql/examples/02-room-entry.sql), first frames (trtc_first_frame, as
-- sql/examples/03-first-frame.sql), errors and warnings by category
-- (trtc_problems).
DROP TABLE IF EXISTS temp.trtc_report_stay;
CREATE TEMP TABLE trtc_report_stay AS
SELECT u.call_no, u.lane, p.stay, p.entered_ms AS in_ms, p.exited_ms AS out_ms,
       CASE WHEN p.exit_event_id IS NOT NULL THEN p.exit END AS out_text
  FROM trtc_report_user AS u
  JOIN trtc_presence AS p ON p.call = u.call AND p.user_id IS u.user_id;

DROP TABLE IF EXISTS temp.trtc_report_entry;
CREATE TEMP TABLE trtc_report_entry AS
SELECT u.call_no, u.lane, r.attempt, r.started_ms, r.outcome_ms AS ended_ms,
       r.succeeded AS entered, r.outcome, r.entry_ms, r.since_first_ms
  FROM trtc_report_user AS u
  JOIN trtc_room_entry AS r ON r.call = u.call AND r.user_id IS u.user_id;

DROP TABLE IF EXISTS temp.trtc_report_first_frame;
CREATE TEMP TABLE trtc_report_first_frame AS
SELECT u.call_no, u.lane, f.remote, f.stream, f.first_frame_ms AS frame_ms, f.ttff_ms
  FROM trtc_report_user AS u
  JOIN trtc_first_frame AS f ON f.call = u.call AND f.viewer IS u.user_id;

DROP TABLE IF EXISTS temp.trtc_report_problem;
CREATE TEMP TABLE trtc_report_problem AS
SELECT u.call_no, u.lane, ifnull(p.category, '(unknown)') AS category,
       sum(CASE WHEN p.severity = 'error' THEN p.times ELSE 0 END) AS errors,
       sum(CASE WHEN p.severity = 'warning' THEN p.times ELSE 0 END) AS warnings
  FROM trtc_report_user AS u
  JOIN trtc_problems AS p ON p.call = u.call AND p.user_id IS u.user_id
 GROUP BY u.call_no, u.lane, ifnull(p.category, '(unknown)');

-- ---- The page's data: one JSON document -------------------------------------
SELECT json_object(
  'tz_min', ifnull((CASE substr(:tz, 1, 1) WHEN '-' THEN -1 ELSE 1 END)
                   * (CAST(substr(:tz, 2, 2) AS INTEGER) * 60 + CAST(substr(:tz, 5, 2) AS INTEGER)), 0),
  'tz', CASE WHEN :tz IS NULL OR :tz = 'UTC' THEN '+00:00' ELSE :tz END,
  'calls', (SELECT json_group_array(json(call_json)) FROM (
    SELECT json_object(
      'call', c.call,
      'comm_id', c.comm_id,
      'sdk_app_id', c.sdk_app_id,
      'room_id', c.room_id,
      'n_rooms', 1,
      'missing', c.missing,
      'start_ms', c.start_ms,
      'end_ms', c.end_ms,
      'n_users_all', (SELECT count(*) FROM trtc_report_user_all AS a WHERE a.call_no = c.call_no),
      'users', (SELECT json_group_array(json_object(
                  'id', u.user_id, 'client', u.client, 'n_events', u.n_events,
                  'n_untimed', u.n_untimed, 'n_unusual', u.n_unusual,
                  'seen_by', u.seen_by,
                  'device', u.device, 'sdk_version', u.sdk_version, 'listed', json(u.listed),
                  'stays', (SELECT json_group_array(json_array(s.in_ms, s.out_ms, s.out_text))
                              FROM (SELECT * FROM trtc_report_stay AS s
                                     WHERE s.call_no = u.call_no AND s.lane = u.lane
                                     ORDER BY s.stay) AS s),
                  'entry', (SELECT json_group_array(json_object(
                              'attempt', a.attempt, 'started_ms', a.started_ms,
                              'started', coalesce(substr(trtc_time(a.started_ms, :tz), 12, 12),
                                                  '(not reported)'),
                              'ended_ms', a.ended_ms, 'entered', a.entered,
                              'outcome', a.outcome, 'entry_ms', a.entry_ms,
                              'since_first_ms', a.since_first_ms))
                              FROM (SELECT * FROM trtc_report_entry AS a
                                     WHERE a.call_no = u.call_no AND a.lane = u.lane
                                     ORDER BY a.attempt) AS a),
                  'first_frame', (SELECT json_group_array(json_object(
                              'remote', f.remote, 'stream', f.stream, 'frame_ms', f.frame_ms,
                              'first_frame', substr(trtc_time(f.frame_ms, :tz), 12, 12),
                              'ttff_ms', f.ttff_ms))
                              FROM (SELECT * FROM trtc_report_first_frame AS f
                                     WHERE f.call_no = u.call_no AND f.lane = u.lane
                                     ORDER BY f.frame_ms) AS f),
                  'problems', (SELECT json_group_array(json_array(p.category, p.errors, p.warnings))
                              FROM (SELECT * FROM trtc_report_problem AS p
                                     WHERE p.call_no = u.call_no AND p.lane = u.lane
                                     ORDER BY p.errors DESC, p.warnings DESC, p.category) AS p)))
                  FROM (SELECT * FROM trtc_report_user AS u WHERE u.call_no = c.call_no
                         ORDER BY u.lane) AS u),
      -- [lane, time_ms, event_id, param1, param2, peer (NULL: the user's own),
      --  stream, source, category, severity, text]
      'events', (SELECT json_group_array(json_array(
                   e.lane, e.time_ms, e.event_id, e.param1, e.param2,
                   CASE WHEN e.remote THEN e.peer_id END,
                   e.stream, e.source, e.category, e.severity, e.text))
                   FROM (SELECT * FROM trtc_report_event AS e WHERE e.call_no = c.call_no
                          ORDER BY e.time_ms, e.lane, e.response_id, e.seq) AS e),
      -- One per experience (user, time, experience), with its causes.
      'experiences', (SELECT json_group_array(json_object(
                   'lane', x.lane, 'time_ms', x.event_time * 1000,
                   'experience_id', x.experience_id,
                   'experience', trtc_experience(x.experience_id),
                   'causes', json(x.causes)))
                   FROM (SELECT u.lane, g.event_time, g.experience_id,
                                json_group_array(json_object(
                                  'id', g.abnormal_event_id, 'text', g.abnormal_event,
                                  'kind', g.abnormal_kind, 'peer', g.peer_id))
                                  FILTER (WHERE g.abnormal_event_id IS NOT NULL) AS causes
                           FROM (SELECT * FROM trtc_call_abnormal ORDER BY abnormal_event_id) AS g
                           JOIN trtc_report_user AS u
                             ON u.call = g.call AND u.user_id IS g.user_id
                          WHERE u.call_no = c.call_no
                          GROUP BY u.lane, g.event_time, g.experience_id
                          ORDER BY g.event_time, u.lane, g.experience_id) AS x)
    ) AS call_json
      FROM trtc_report_call AS c
     WHERE EXISTS (SELECT 1 FROM trtc_report_user AS u WHERE u.call_no = c.call_no)
     ORDER BY c.call_no))
) AS report;
