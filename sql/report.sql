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

-- The calls asked for (:call), with the time range drawn: from the first
-- to the last event (events_first_ms, events_last_ms) and the abnormal
-- experiences within 5 minutes of them (trtc_call_abnormal's margin). An
-- experience further away (a stray row joined by its comm_id alone) is
-- left out of the range, listed apart and said in a note; a call with no
-- timed event keeps the range of its experiences. n_rooms: the rooms its
-- rows name.
DROP TABLE IF EXISTS temp.trtc_report_call;
CREATE TEMP TABLE trtc_report_call AS
SELECT call_no, call, comm_id, sdk_app_id, room_id,
       CASE WHEN events_first_ms IS NULL THEN all_start_ms
            ELSE min(events_first_ms, ifnull(
                   (SELECT min(x.time_ms) FROM trtc_call_abnormal AS x
                     WHERE x.call = c.call AND x.time_ms >= events_first_ms - 300000), events_first_ms))
       END AS start_ms,
       CASE WHEN events_last_ms IS NULL THEN all_end_ms
            ELSE max(events_last_ms, ifnull(
                   (SELECT max(x.time_ms) FROM trtc_call_abnormal AS x
                     WHERE x.call = c.call AND x.time_ms <= events_last_ms + 300000), events_last_ms))
       END AS end_ms,
       events_first_ms, events_last_ms, all_start_ms, all_end_ms, missing,
       (SELECT count(DISTINCT room_id) FROM
          (SELECT r.room_id FROM trtc_responses AS r
            WHERE r.api = 'DescribeUserEvent' AND c.comm_id IS NOT NULL AND r.comm_id = c.comm_id
           UNION ALL SELECT x.room_id FROM trtc_call_abnormal AS x WHERE x.call = c.call)) AS n_rooms,
       (SELECT group_concat(room_id, ', ') FROM
          (SELECT r.room_id FROM trtc_responses AS r
            WHERE r.api = 'DescribeUserEvent' AND c.comm_id IS NOT NULL AND r.comm_id = c.comm_id
           UNION SELECT x.room_id FROM trtc_call_abnormal AS x WHERE x.call = c.call
           ORDER BY 1)) AS rooms
  FROM (SELECT a.call_no, a.call, a.comm_id, a.sdk_app_id, a.room_id, a.missing,
               a.start_ms AS all_start_ms, a.end_ms AS all_end_ms,
               (SELECT min(u.first_ms) FROM trtc_call_users AS u WHERE u.call = a.call) AS events_first_ms,
               (SELECT max(u.last_ms) FROM trtc_call_users AS u WHERE u.call = a.call) AS events_last_ms
          FROM trtc_report_call_all AS a
         WHERE :call IS NULL OR a.call = :call OR a.comm_id = :call
            OR (a.comm_id IS NULL AND a.room_id = :call)) AS c;

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

-- ---- What is missing: the notes of each call -------------------------------------
-- One row per note: the page's yellow box shows them in this order and
-- "trtc report" prints each as a "note:" line (with the call's CommId, or
-- "room R", before it). n: its place in the box.
DROP TABLE IF EXISTS temp.trtc_report_note;
CREATE TEMP TABLE trtc_report_note AS
WITH shown AS ( -- the calls the page shows (those with a lane)
  SELECT c.* FROM trtc_report_call AS c
   WHERE EXISTS (SELECT 1 FROM trtc_report_user AS u WHERE u.call_no = c.call_no)
),
bad AS ( -- responses of those calls that were an API error or are not decoded
  -- (no decode_error here: a database of the old sql/ingest.sh lacks it)
  SELECT c.call_no, r.response_id, r.api, r.user_id, r.error_code, r.error_message,
         coalesce('file ' || r.source_file, 'response ' || r.response_id) AS origin,
         (SELECT u.n_events FROM trtc_report_user AS u
           WHERE u.call_no = c.call_no AND u.user_id IS r.user_id) AS n_events
    FROM shown AS c
    JOIN trtc_responses AS r
      ON coalesce(r.comm_id, 'room ' || coalesce(r.room_id, '(unknown)') || ' of app '
                  || coalesce(r.sdk_app_id, '(unknown)') || ' (comm_id unknown)') = c.call
   WHERE (r.error_code IS NOT NULL OR r.n_rows IS NULL)
     AND (:users IS NULL OR r.user_id IS NULL OR r.user_id IN (SELECT value FROM json_each(:users)))
),
apart AS ( -- experiences far outside the call's events (not in its time range)
  SELECT c.call_no, c.events_first_ms, c.events_last_ms, x.user_id, x.time_ms
    FROM shown AS c
    JOIN trtc_call_abnormal AS x ON x.call = c.call
    JOIN trtc_report_user AS u ON u.call_no = c.call_no AND u.user_id IS x.user_id
   WHERE x.time_ms < c.start_ms OR x.time_ms > c.end_ms
   GROUP BY c.call_no, x.user_id, x.event_time, x.experience_id
),
notes AS (
  -- rows without a CommId
  SELECT call_no, 1 AS k, 0 AS sub,
         'rows without a CommId: the rows of room ' || ifnull(room_id, '?') || ' of app '
         || ifnull(sdk_app_id, '?') || ' that came without one are shown as a call of their own, '
         || 'and may belong to several calls' AS note
    FROM shown AS c
   WHERE comm_id IS NULL
     AND (EXISTS (SELECT 1 FROM trtc_call_users AS u WHERE u.call = c.call AND u.has_log)
          OR EXISTS (SELECT 1 FROM trtc_call_abnormal AS x WHERE x.call = c.call AND x.comm_id IS NULL))
  -- abnormal experiences shown here that came with the CommId of a call of another room
  UNION ALL
  SELECT c.call_no, 2, 0,
         count(DISTINCT x.user_id || '/' || x.event_time || '/' || x.experience_id)
         || ' abnormal experience(s) of room ' || ifnull(x.room_id, '?')
         || ' came in a DescribeUnusualEvent response for the call ' || x.comm_id
         || ', of another room: they are shown here, under their own room, not under that call'
    FROM shown AS c
    JOIN trtc_call_abnormal AS x ON x.call = c.call
   WHERE x.call_by <> 'comm_id' AND x.comm_id IS NOT NULL AND x.comm_id IS NOT c.comm_id
   GROUP BY c.call_no, x.room_id, x.comm_id
  -- ... and, in that call, where they went
  UNION ALL
  SELECT c.call_no, 2, 1,
         count(DISTINCT x.user_id || '/' || x.event_time || '/' || x.experience_id)
         || ' abnormal experience(s) of this CommId''s DescribeUnusualEvent response(s) name room '
         || ifnull(x.room_id, '?') || ', not this call''s: they are shown under that room, as the call '''
         || x.call || ''''
    FROM shown AS c
    JOIN trtc_call_abnormal AS x ON x.comm_id = c.comm_id AND x.call <> c.call
   GROUP BY c.call_no, x.room_id, x.call
  -- a CommId whose rows name several rooms
  UNION ALL
  SELECT call_no, 3, 0,
         'the rows of this call name ' || n_rooms || ' rooms (' || rooms || '); the header shows room '
         || ifnull(room_id, '?')
    FROM shown WHERE n_rooms > 1
  -- API errors and responses that could not be decoded
  UNION ALL
  SELECT call_no, 4, response_id,
         CASE WHEN error_code IS NULL THEN
                'the ' || api || ' response' || ifnull(' for ' || user_id, '') || ' (' || origin
                || ') could not be decoded (trtc_responses.decode_error says why): its rows are missing'
              WHEN api = 'DescribeUserEvent' AND user_id IS NOT NULL AND ifnull(n_events, 0) = 0 THEN
                'no events for ' || user_id || ': their DescribeUserEvent response was an API error '
                || error_code || ifnull(' (' || error_message || ')', '') || ', ' || origin
                || CASE WHEN n_events IS NULL THEN '; they have no lane' ELSE '; their lane is marked' END
              WHEN api = 'DescribeUserEvent' THEN
                'a DescribeUserEvent response' || ifnull(' for ' || user_id, '') || ' was an API error '
                || error_code || ifnull(' (' || error_message || ')', '') || ', ' || origin
                || CASE WHEN user_id IS NOT NULL THEN '; the events of their other responses are shown' ELSE '' END
              ELSE 'a DescribeUnusualEvent response was an API error ' || error_code
                || ifnull(' (' || error_message || ')', '') || ', ' || origin
                || ': abnormal experiences may be missing' END
    FROM bad
  -- users without events of their own (not those of an API error, said above)
  UNION ALL
  SELECT u.call_no, 5, u.lane,
         'user ' || ifnull(u.user_id, '(no user id)')
         || ' has no events of their own (no DescribeUserEvent response loaded)'
         || CASE WHEN json_array_length(u.listed) > 0 THEN '; in the call''s user list (DescribeUserInfo)' ELSE '' END
         || ifnull('; named as a remote user by ' || u.seen_by, '')
         || CASE WHEN u.n_unusual > 0 THEN '; has abnormal experiences' ELSE '' END
    FROM trtc_report_user AS u
   WHERE u.n_events = 0
     AND NOT EXISTS (SELECT 1 FROM bad AS b WHERE b.call_no = u.call_no AND b.user_id IS u.user_id
                                              AND b.error_code IS NOT NULL AND b.api = 'DescribeUserEvent')
  -- users with events but no room-entry event
  UNION ALL
  SELECT u.call_no, 6, u.lane,
         'user ' || ifnull(u.user_id, '(no user id)')
         || ': no room-entry event (5001, 5003, 7000, 32788) reported: no time in the room is drawn'
    FROM trtc_report_user AS u
   WHERE u.n_events > 0
     AND NOT EXISTS (SELECT 1 FROM trtc_report_entry AS e WHERE e.call_no = u.call_no AND e.lane = u.lane)
     AND NOT EXISTS (SELECT 1 FROM trtc_report_stay AS s WHERE s.call_no = u.call_no AND s.lane = u.lane)
  -- stays without an exit, exits without an entry
  UNION ALL
  SELECT s.call_no, 7, 0,
         'no exit reported (the bar is open-ended, to the end of the call): '
         || group_concat(ifnull(u.user_id, '(no user id)') || ' (entered '
                         || substr(trtc_time(s.in_ms, :tz), 12, 12) || ')', ', ')
    FROM (SELECT * FROM trtc_report_stay ORDER BY call_no, lane, stay) AS s
    JOIN trtc_report_user AS u USING (call_no, lane)
   WHERE s.out_ms IS NULL AND s.in_ms IS NOT NULL
   GROUP BY s.call_no
  UNION ALL
  SELECT s.call_no, 8, 0,
         'an exit with no entry reported before it (the bar starts at the left edge): '
         || group_concat(ifnull(u.user_id, '(no user id)') || ' (left '
                         || ifnull(substr(trtc_time(s.out_ms, :tz), 12, 12), 'at a time not reported')
                         || ')', ', ')
    FROM (SELECT * FROM trtc_report_stay ORDER BY call_no, lane, stay) AS s
    JOIN trtc_report_user AS u USING (call_no, lane)
   WHERE s.in_ms IS NULL
   GROUP BY s.call_no
  -- events without a time
  UNION ALL
  SELECT call_no, 9, 0,
         sum(n_untimed) || ' event(s) without a time (not drawn; counted in the lane labels)'
    FROM trtc_report_user
   GROUP BY call_no HAVING sum(n_untimed) > 0
  -- abnormal experiences far from the call's events
  UNION ALL
  SELECT call_no, 10, 0,
         count(*) || ' abnormal experience(s) lie more than 5 min outside this call''s events ('
         || substr(trtc_time(min(events_first_ms), :tz), 12, 8) || ' to '
         || substr(trtc_time(max(events_last_ms), :tz), 12, 8) || '): '
         || group_concat(ifnull(user_id, '(no user id)') || ' at ' || substr(trtc_time(time_ms, :tz), 1, 19)
                         || ' (' || dur || CASE WHEN time_ms < events_first_ms THEN ' before the first event)'
                                               ELSE ' after the last event)' END, ', ')
         || '; they are listed in the summary but not drawn, and left out of the time range'
    FROM (SELECT a.*,
                 (SELECT CASE WHEN d >= 3600 THEN (d / 3600) || ' h ' || (d % 3600 / 60) || ' min ' || (d % 60) || ' s'
                              WHEN d >= 60 THEN (d / 60) || ' min ' || (d % 60) || ' s'
                              ELSE d || ' s' END
                    FROM (SELECT (CASE WHEN a.time_ms < a.events_first_ms THEN a.events_first_ms - a.time_ms
                                       ELSE a.time_ms - a.events_last_ms END + 500) / 1000 AS d)) AS dur
            FROM apart AS a ORDER BY a.call_no, a.time_ms)
   GROUP BY call_no
)
SELECT call_no, row_number() OVER (PARTITION BY call_no ORDER BY k, sub) AS n, note
  FROM notes;

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
      'n_rooms', c.n_rooms,
      'missing', c.missing,
      'notes', (SELECT json_group_array(note) FROM (SELECT note FROM trtc_report_note AS n
                                                     WHERE n.call_no = c.call_no ORDER BY n.n)),
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
                   'apart', x.event_time * 1000 NOT BETWEEN c.start_ms AND c.end_ms,
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
