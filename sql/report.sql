-- sql/report.sql: the data of "trtc report"'s page, as SQL: which calls a
-- database holds, one lane per user with the time in the room, every
-- event decoded, the abnormal experiences with their causes, and the
-- summary per user (room-entry attempts, time to first frame, errors by
-- category). "trtc report" runs this file as it is (it is built into the
-- command) and draws what its last statement returns; in the sqlite3
-- shell, with the trtc module loaded, it prints the same JSON:
--
--   sqlite3 -cmd '.load ./trtc' -cmd ".param set :tz '+08:00'" calls.db < sql/report.sql
--
-- Parameters (an unbound one is NULL, which means "all" or UTC):
--   :call   a CommId, or a RoomId for a room's events that came without one
--   :users  a JSON array of user ids, e.g. '["alice","bob"]'
--   :tz     the time zone, '+HH:MM' or '-HH:MM' (as sql/examples/ take it)
--
-- It writes only TEMP tables (trtc_report_*), so it runs on a database
-- opened read-only. docs/report.md describes every part; the summary's
-- queries are those of sql/examples/ 02 (room entry), 03 (first frame).
-- Times in trtc_event_log are Unix ms; in trtc_unusual_log, Unix seconds.

-- The time zone (:tz) in minutes east of UTC.
DROP TABLE IF EXISTS temp.trtc_report_tz;
CREATE TEMP TABLE trtc_report_tz AS
SELECT CASE WHEN :tz IS NULL OR upper(:tz) IN ('UTC', 'Z') THEN 0
            ELSE (CASE substr(:tz, 1, 1) WHEN '-' THEN -1 ELSE 1 END)
                 * (CAST(substr(:tz, 2, 2) AS INTEGER) * 60 + CAST(substr(:tz, 5, 2) AS INTEGER))
       END AS tz_min;

-- ---- Calls ----------------------------------------------------------------
-- A call is a CommId (of the logs, or of the user list trtc fetch keeps in
-- trtc_users). Rows that came without one are grouped by app and
-- room as a call of their own (marked "no CommId" on the page). An
-- abnormal experience without a CommId joins the one call of its room
-- whose time range (within a minute) holds it, else its room's call
-- without CommId.
DROP TABLE IF EXISTS temp.trtc_report_call_all;
CREATE TEMP TABLE trtc_report_call_all (
  call_no    INTEGER PRIMARY KEY,  -- 1, 2, ... in order of start
  comm_id    TEXT,                 -- NULL: rows without a CommId
  sdk_app_id INTEGER,
  room_id    TEXT,
  start_ms   INTEGER,
  end_ms     INTEGER,
  n_rooms    INTEGER               -- > 1: rows of one CommId name several rooms
);
INSERT INTO trtc_report_call_all (comm_id, sdk_app_id, room_id, start_ms, end_ms, n_rooms)
SELECT comm_id, min(sdk_app_id), min(room_id), min(t), max(t), count(DISTINCT room_id)
  FROM (SELECT comm_id, sdk_app_id, room_id, time_ms AS t FROM main.trtc_event_log
        UNION ALL
        SELECT comm_id, sdk_app_id, room_id, event_time * 1000 FROM main.trtc_unusual_log
         WHERE comm_id IS NOT NULL
        UNION ALL -- the user list of the call (DescribeUserInfo, from trtc fetch)
        SELECT comm_id, sdk_app_id, room_id, nullif(join_ts, 0) * 1000 FROM trtc_users
        UNION ALL
        SELECT comm_id, sdk_app_id, room_id, nullif(leave_ts, 0) * 1000 FROM trtc_users)
 GROUP BY comm_id, CASE WHEN comm_id IS NULL THEN sdk_app_id END,
          CASE WHEN comm_id IS NULL THEN room_id END
 ORDER BY min(t), comm_id;

-- Each abnormal-event row and its call.
DROP TABLE IF EXISTS temp.trtc_report_unusual_call;
CREATE TEMP TABLE trtc_report_unusual_call AS
SELECT u.response_id, u.seq, u.sdk_app_id, u.room_id, u.event_time,
       CASE WHEN u.comm_id IS NOT NULL THEN
         (SELECT c.call_no FROM trtc_report_call_all AS c WHERE c.comm_id = u.comm_id)
       ELSE coalesce(
         (SELECT min(c.call_no) FROM trtc_report_call_all AS c
           WHERE c.comm_id IS NOT NULL AND c.room_id IS u.room_id
             AND (c.sdk_app_id IS u.sdk_app_id OR u.sdk_app_id IS NULL)
             AND u.event_time * 1000 BETWEEN c.start_ms - 60000 AND c.end_ms + 60000
          HAVING count(*) = 1),
         (SELECT c.call_no FROM trtc_report_call_all AS c
           WHERE c.comm_id IS NULL AND c.room_id IS u.room_id
             AND c.sdk_app_id IS u.sdk_app_id))
       END AS call_no
  FROM main.trtc_unusual_log AS u;
-- Experiences of a room that has no call for them: a call without CommId.
INSERT INTO trtc_report_call_all (comm_id, sdk_app_id, room_id, start_ms, end_ms, n_rooms)
SELECT NULL, sdk_app_id, room_id, min(event_time) * 1000, max(event_time) * 1000, 1
  FROM trtc_report_unusual_call WHERE call_no IS NULL
 GROUP BY sdk_app_id, room_id;
UPDATE trtc_report_unusual_call
   SET call_no = (SELECT c.call_no FROM trtc_report_call_all AS c
                   WHERE c.comm_id IS NULL AND c.room_id IS trtc_report_unusual_call.room_id
                     AND c.sdk_app_id IS trtc_report_unusual_call.sdk_app_id)
 WHERE call_no IS NULL;

-- The calls asked for (:call).
DROP TABLE IF EXISTS temp.trtc_report_call;
CREATE TEMP TABLE trtc_report_call AS
SELECT * FROM trtc_report_call_all
 WHERE :call IS NULL OR comm_id = :call OR (comm_id IS NULL AND room_id = :call);

-- ---- Users: one lane each ---------------------------------------------------
-- Everyone in a call: who reported events, who had abnormal experiences,
-- and who was only named as a remote peer (their own events are missing).
DROP TABLE IF EXISTS temp.trtc_report_user_all;
CREATE TEMP TABLE trtc_report_user_all AS
WITH ev AS (
  SELECT c.call_no, l.user_id, l.peer_id, l.time_ms, l.event_id
    FROM trtc_report_call AS c
    JOIN main.trtc_event_log AS l
      ON l.comm_id IS c.comm_id
     AND (c.comm_id IS NOT NULL OR (l.room_id IS c.room_id AND l.sdk_app_id IS c.sdk_app_id))
),
un AS (
  SELECT x.call_no, u.user_id, u.peer_id
    FROM trtc_report_unusual_call AS x
    JOIN main.trtc_unusual_log AS u ON u.response_id = x.response_id AND u.seq = x.seq
   WHERE x.call_no IN (SELECT call_no FROM trtc_report_call)
),
listed AS (
  SELECT c.call_no, t.user_id, t.join_ts, t.leave_ts, t.device_type, t.sdk_version
    FROM trtc_report_call AS c
    JOIN trtc_users AS t ON t.comm_id = c.comm_id AND t.sdk_app_id IS c.sdk_app_id
),
who AS (
  SELECT call_no, user_id FROM ev
  UNION SELECT call_no, peer_id FROM ev WHERE peer_id IS NOT NULL
  UNION SELECT call_no, user_id FROM un
  UNION SELECT call_no, peer_id FROM un WHERE peer_id IS NOT NULL
  UNION SELECT call_no, user_id FROM listed
)
SELECT w.call_no, w.user_id,
       (SELECT count(*) FROM ev WHERE ev.call_no = w.call_no AND ev.user_id IS w.user_id) AS n_events,
       (SELECT count(*) FROM ev WHERE ev.call_no = w.call_no AND ev.user_id IS w.user_id
           AND ev.time_ms IS NULL) AS n_untimed,
       (SELECT min(time_ms) FROM ev WHERE ev.call_no = w.call_no AND ev.user_id IS w.user_id)
         AS first_ms,
       (SELECT count(*) FROM un WHERE un.call_no = w.call_no AND un.user_id IS w.user_id)
         AS n_unusual,
       (SELECT group_concat(DISTINCT ev.user_id) FROM ev
         WHERE ev.call_no = w.call_no AND ev.peer_id IS w.user_id AND ev.user_id IS NOT w.user_id)
         AS seen_by,
       (SELECT CASE WHEN max(trtc_event_source(ev.event_id) = 'webrtc') THEN 'WebRTC'
                    WHEN count(*) THEN 'SDK' END
          FROM ev WHERE ev.call_no = w.call_no AND ev.user_id IS w.user_id
           AND ev.peer_id IS ev.user_id) AS client,
       -- the user list (DescribeUserInfo): device, SDK version, sessions
       (SELECT group_concat(DISTINCT l.device_type) FROM listed AS l
         WHERE l.call_no = w.call_no AND l.user_id IS w.user_id) AS device,
       (SELECT group_concat(DISTINCT l.sdk_version) FROM listed AS l
         WHERE l.call_no = w.call_no AND l.user_id IS w.user_id) AS sdk_version,
       (SELECT json_group_array(json_array(nullif(l.join_ts, 0) * 1000, nullif(l.leave_ts, 0) * 1000))
          FROM (SELECT * FROM listed AS l WHERE l.call_no = w.call_no AND l.user_id IS w.user_id
                 ORDER BY l.join_ts) AS l) AS listed
  FROM who AS w;

-- The users asked for (:users), in lane order: by their first event.
DROP TABLE IF EXISTS temp.trtc_report_user;
CREATE TEMP TABLE trtc_report_user AS
SELECT u.*,
       row_number() OVER (PARTITION BY u.call_no
                          ORDER BY u.first_ms IS NULL, u.first_ms, u.user_id) - 1 AS lane
  FROM trtc_report_user_all AS u
 WHERE :users IS NULL OR u.user_id IN (SELECT value FROM json_each(:users));

-- ---- Events: every row of trtc_event_log of those users, decoded --------------
DROP TABLE IF EXISTS temp.trtc_report_event;
CREATE TEMP TABLE trtc_report_event AS
SELECT u.call_no, u.lane, l.user_id, l.peer_id, l.seq, l.type, l.time_ms,
       l.event_id, l.param1, l.param2,
       trtc_event(l.event_id, l.param1, l.param2) AS text,
       trtc_event_source(l.event_id) AS source,
       trtc_event_category(l.event_id) AS category,
       trtc_event_severity(l.event_id, l.param1, l.param2) AS severity,
       trtc_stream_type(l.type) AS stream
  FROM trtc_report_call AS c
  JOIN trtc_report_user AS u ON u.call_no = c.call_no
  JOIN main.trtc_event_log AS l
    ON l.comm_id IS c.comm_id
   AND (c.comm_id IS NOT NULL OR (l.room_id IS c.room_id AND l.sdk_app_id IS c.sdk_app_id))
   AND l.user_id IS u.user_id;

-- ---- Time in the room -------------------------------------------------------
-- From the user's own room events: entered = 5003 with param1 1, 7000, or
-- WebRTC 32788; left = 5008 with param1 1, 7001 (exited, timed out, kicked
-- out), or WebRTC 32789. A stay runs from the first entry after the
-- previous exit to the next exit; without an exit it is open-ended
-- (out_ms NULL); an exit with no entry before it has in_ms NULL.
DROP TABLE IF EXISTS temp.trtc_report_stay;
CREATE TEMP TABLE trtc_report_stay AS
WITH r AS (
  SELECT call_no, lane, time_ms, seq, event_id, param1, text,
         CASE WHEN (event_id = 5003 AND param1 = 1) OR event_id IN (7000, 32788) THEN 'in'
              WHEN (event_id = 5008 AND param1 = 1) OR event_id IN (7001, 32789) THEN 'out'
         END AS kind
    FROM trtc_report_event
   WHERE peer_id IS user_id AND time_ms IS NOT NULL
     AND event_id IN (5003, 5008, 7000, 7001, 32788, 32789)
),
io AS (
  SELECT * FROM r WHERE kind IS NOT NULL
),
entry AS (
  SELECT i.*,
         (SELECT min(o.time_ms) FROM io AS o
           WHERE o.call_no = i.call_no AND o.lane = i.lane AND o.kind = 'out'
             AND o.time_ms >= i.time_ms) AS out_ms
    FROM io AS i WHERE i.kind = 'in'
)
SELECT call_no, lane, min(time_ms) AS in_ms, out_ms,
       (SELECT o.text FROM io AS o WHERE o.call_no = e.call_no AND o.lane = e.lane
           AND o.kind = 'out' AND o.time_ms = e.out_ms ORDER BY o.seq LIMIT 1) AS out_text
  FROM entry AS e
 GROUP BY call_no, lane, out_ms
UNION ALL
SELECT o.call_no, o.lane, NULL, o.time_ms, o.text
  FROM io AS o
 WHERE o.kind = 'out'
   AND NOT EXISTS (SELECT 1 FROM io AS i
                    WHERE i.call_no = o.call_no AND i.lane = o.lane AND i.kind = 'in'
                      AND i.time_ms <= o.time_ms
                      AND NOT EXISTS (SELECT 1 FROM io AS p
                                       WHERE p.call_no = o.call_no AND p.lane = o.lane
                                         AND p.kind = 'out' AND p.time_ms >= i.time_ms
                                         AND p.time_ms < o.time_ms));

-- ---- Summary: room-entry attempts (the query of sql/examples/02-room-entry.sql)
DROP TABLE IF EXISTS temp.trtc_report_entry;
CREATE TEMP TABLE trtc_report_entry AS
WITH ev AS (
  SELECT call_no, lane, time_ms, event_id, param1,
         sum(event_id = 5001) OVER (PARTITION BY call_no, lane ORDER BY time_ms, seq) AS attempt
    FROM trtc_report_event
   WHERE peer_id = user_id AND event_id IN (5001, 5003, 32788)
),
attempt AS (
  SELECT call_no, lane, attempt,
         min(CASE WHEN event_id = 5001 THEN time_ms END) AS started_ms,
         min(CASE WHEN event_id <> 5001 THEN time_ms END) AS ended_ms
    FROM ev
   WHERE attempt > 0
   GROUP BY call_no, lane, attempt
)
SELECT a.call_no, a.lane, a.attempt, a.started_ms, a.ended_ms,
       (SELECT e.event_id = 32788 OR (e.event_id = 5003 AND e.param1 = 1)
          FROM ev AS e
         WHERE e.call_no = a.call_no AND e.lane = a.lane
           AND e.time_ms = a.ended_ms AND e.event_id <> 5001) AS entered,
       ifnull((SELECT trtc_event(e.event_id, e.param1)
                 FROM ev AS e
                WHERE e.call_no = a.call_no AND e.lane = a.lane
                  AND e.time_ms = a.ended_ms AND e.event_id <> 5001),
              '(no outcome reported)') AS outcome,
       a.ended_ms - a.started_ms AS entry_ms,
       a.ended_ms - min(a.started_ms) OVER (PARTITION BY a.call_no, a.lane) AS since_first_ms
  FROM attempt AS a;

-- ---- Summary: time to first frame (the query of sql/examples/03-first-frame.sql)
DROP TABLE IF EXISTS temp.trtc_report_first_frame;
CREATE TEMP TABLE trtc_report_first_frame AS
WITH frame AS (
  SELECT call_no, lane, user_id, peer_id, type, min(time_ms) AS frame_ms
    FROM trtc_report_event
   WHERE event_id = 5007 AND peer_id <> user_id
   GROUP BY call_no, lane, peer_id
),
start AS (
  SELECT f.*,
         (SELECT max(s.time_ms)
            FROM trtc_report_call AS c
            JOIN main.trtc_event_log AS s
              ON s.comm_id IS c.comm_id
             AND (c.comm_id IS NOT NULL OR (s.room_id IS c.room_id AND s.sdk_app_id IS c.sdk_app_id))
           WHERE c.call_no = f.call_no AND s.event_id = 5001
             AND s.user_id = s.peer_id AND s.user_id IN (f.user_id, f.peer_id)
             AND s.time_ms <= f.frame_ms) AS start_ms
    FROM frame AS f
)
SELECT call_no, lane, peer_id AS remote, trtc_stream_type(type) AS stream,
       frame_ms, frame_ms - start_ms AS ttff_ms
  FROM start;

-- ---- Summary: errors and warnings by category --------------------------------
DROP TABLE IF EXISTS temp.trtc_report_problem;
CREATE TEMP TABLE trtc_report_problem AS
SELECT call_no, lane, ifnull(category, '(unknown)') AS category,
       sum(severity = 'error') AS errors, sum(severity = 'warning') AS warnings
  FROM trtc_report_event
 WHERE severity IN ('error', 'warning')
 GROUP BY call_no, lane, ifnull(category, '(unknown)');

-- ---- The page's data: one JSON document -------------------------------------
SELECT json_object(
  'tz_min', (SELECT tz_min FROM trtc_report_tz),
  'tz', (SELECT CASE WHEN tz_min < 0 THEN '-' ELSE '+' END
                || printf('%02d:%02d', abs(tz_min) / 60, abs(tz_min) % 60) FROM trtc_report_tz),
  'calls', (SELECT json_group_array(json(call_json)) FROM (
    SELECT json_object(
      'comm_id', c.comm_id,
      'sdk_app_id', c.sdk_app_id,
      'room_id', c.room_id,
      'n_rooms', c.n_rooms,
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
                                     ORDER BY ifnull(s.in_ms, s.out_ms)) AS s),
                  'entry', (SELECT json_group_array(json_object(
                              'attempt', a.attempt, 'started_ms', a.started_ms,
                              'started', strftime('%H:%M:%S', a.started_ms / 1000, 'unixepoch',
                                                  (SELECT printf('%+d minutes', tz_min) FROM trtc_report_tz))
                                         || printf('.%03d', a.started_ms % 1000),
                              'ended_ms', a.ended_ms, 'entered', a.entered,
                              'outcome', a.outcome, 'entry_ms', a.entry_ms,
                              'since_first_ms', a.since_first_ms))
                              FROM (SELECT * FROM trtc_report_entry AS a
                                     WHERE a.call_no = u.call_no AND a.lane = u.lane
                                     ORDER BY a.attempt) AS a),
                  'first_frame', (SELECT json_group_array(json_object(
                              'remote', f.remote, 'stream', f.stream, 'frame_ms', f.frame_ms,
                              'first_frame', strftime('%H:%M:%S', f.frame_ms / 1000, 'unixepoch',
                                                      (SELECT printf('%+d minutes', tz_min) FROM trtc_report_tz))
                                             || printf('.%03d', f.frame_ms % 1000),
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
                   CASE WHEN e.peer_id IS NOT e.user_id THEN ifnull(e.peer_id, '') END,
                   e.stream, e.source, e.category, e.severity, e.text))
                   FROM (SELECT * FROM trtc_report_event AS e WHERE e.call_no = c.call_no
                          ORDER BY e.time_ms, e.lane, e.seq) AS e),
      -- One per experience (user, time, experience), with its causes.
      'experiences', (SELECT json_group_array(json_object(
                   'lane', x.lane, 'time_ms', x.event_time * 1000,
                   'experience_id', x.experience_id,
                   'experience', trtc_experience(x.experience_id),
                   'causes', json(x.causes)))
                   FROM (SELECT u.lane, g.event_time, g.experience_id,
                                json_group_array(json_object(
                                  'id', g.abnormal_event_id,
                                  'text', trtc_abnormal_event(g.abnormal_event_id),
                                  'kind', trtc_abnormal_event_kind(g.abnormal_event_id),
                                  'peer', g.peer_id))
                                  FILTER (WHERE g.abnormal_event_id IS NOT NULL) AS causes
                           FROM (SELECT l.*, x.call_no
                                   FROM trtc_report_unusual_call AS x
                                   JOIN main.trtc_unusual_log AS l
                                     ON l.response_id = x.response_id AND l.seq = x.seq
                                  ORDER BY l.abnormal_event_id) AS g
                           JOIN trtc_report_user AS u
                             ON u.call_no = g.call_no AND u.user_id IS g.user_id
                          WHERE g.call_no = c.call_no
                          GROUP BY u.lane, g.event_time, g.experience_id
                          ORDER BY g.event_time, u.lane, g.experience_id) AS x)
    ) AS call_json
      FROM trtc_report_call AS c
     WHERE EXISTS (SELECT 1 FROM trtc_report_user AS u WHERE u.call_no = c.call_no)
     ORDER BY c.call_no))
) AS report;
