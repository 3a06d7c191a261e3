-- sql/schema.sql: durable tables for saved responses of TRTC's monitoring
-- API (DescribeUserEvent, DescribeUnusualEvent), with the context a
-- response lacks, their indexes, and the views that decode them and answer
-- the usual questions (calls, users, room entry, time to first frame,
-- problems, abnormal experiences), which sql/examples/ and the call report
-- are built on. Safe to run again (IF NOT EXISTS everywhere); "trtc
-- ingest" and "trtc fetch" run it (it is built into the trtc command).
--
--   sqlite3 calls.db -cmd '.load trtc' < sql/schema.sql
--
-- A database made before the columns marked "(new)" existed (by the old
-- sql/ingest.sh) is migrated by the trtc command when it opens one: ALTER
-- TABLE ... ADD COLUMN, then the new values computed from each stored
-- body. Run in the shell on such a database, this file fails on the
-- indexes of the new columns ("no such column") and changes nothing else:
-- let "trtc ingest" migrate it. The trtc command also replaces a view
-- whose definition is not this file's (a database made by an older
-- version): IF NOT EXISTS alone would keep the old one.
--
-- The tables hold raw values only: a database can be read without the
-- extension. The views call trtc_* functions, so they need it loaded (they
-- work with PRAGMA trusted_schema=OFF: the functions are innocuous).
-- docs/cookbook.md describes the tables, docs/views.md every view.

-- One row per saved response, as saved, with its context.
CREATE TABLE IF NOT EXISTS trtc_responses (
  response_id   INTEGER PRIMARY KEY,
  api           TEXT NOT NULL
                CHECK (api IN ('DescribeUserEvent', 'DescribeUnusualEvent')),
  sdk_app_id    INTEGER,          -- SdkAppId of the request
  comm_id       TEXT,             -- CommId of the call (SdkAppId_RoomId_CreateTime)
  room_id       TEXT,             -- RoomId of the request
  user_id       TEXT,             -- DescribeUserEvent: UserId of the request
  source_file   TEXT,             -- the file it was loaded from
  body          TEXT NOT NULL,    -- the response, byte for byte
  body_sha3     BLOB NOT NULL,    -- sha3(body, 256)
  error_code    TEXT,             -- Error.Code of an API error response
  error_message TEXT,             -- Error.Message; such responses have no rows
  n_rows        INTEGER,          -- rows decoded into the logs; NULL: not yet
  loaded_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  request_id    TEXT,             -- RequestId of the response (new)
  content_sha3  BLOB,             -- SHA3-256 of its list (or Error), minified (new)
  notes         TEXT,             -- what the loader changed or noticed (new)
  decode_error  TEXT              -- why it could not be decoded; n_rows NULL (new)
);
-- A response is the same response when its API, context and bytes are:
-- loading it again adds nothing.
CREATE UNIQUE INDEX IF NOT EXISTS trtc_responses_identity ON trtc_responses (
  api, ifnull(sdk_app_id, ''), ifnull(comm_id, ''), ifnull(room_id, ''),
  ifnull(user_id, ''), body_sha3);
-- The same response saved in another form or fetched again: found by its
-- RequestId or its content (trtc ingest); and those left to decode.
CREATE INDEX IF NOT EXISTS trtc_responses_request ON trtc_responses (request_id);
CREATE INDEX IF NOT EXISTS trtc_responses_content ON trtc_responses (content_sha3);
-- A user's earlier saves, whose events a new save may repeat (trtc ingest
-- stores each event once).
CREATE INDEX IF NOT EXISTS trtc_responses_user ON trtc_responses (api, ifnull(user_id, ''));
CREATE INDEX IF NOT EXISTS trtc_responses_pending ON trtc_responses (response_id)
  WHERE n_rows IS NULL AND error_code IS NULL AND decode_error IS NULL;

-- DescribeUserEvent: one row per EventMessage (trtc_user_events).
CREATE TABLE IF NOT EXISTS trtc_event_log (
  response_id INTEGER NOT NULL REFERENCES trtc_responses ON DELETE CASCADE,
  seq         INTEGER NOT NULL,   -- position in the response, from 1
  sdk_app_id  INTEGER,
  comm_id     TEXT,
  room_id     TEXT,
  user_id     TEXT,               -- the user whose client reported it
  peer_id     TEXT,               -- EventList.PeerId: the user it concerns
  type        INTEGER,            -- EventMessage.Type (video stream)
  time_ms     INTEGER,            -- EventMessage.Time: Unix time in ms
  event_id    INTEGER,
  param1      INTEGER,
  param2      INTEGER,
  PRIMARY KEY (response_id, seq)
) WITHOUT ROWID;
-- No secondary index: the views reach a call's rows through its responses
-- (trtc_responses_call below, then this table's primary key). Indexes on
-- (comm_id, user_id, time_ms) and (event_id, param1), which databases made
-- before 2026-11-25 have, served no view and cost 35% of the insert time
-- and 35% of the disk; create one if a query of your own needs it
-- (docs/performance.md).

-- DescribeUnusualEvent: one row per AbnormalEvent (trtc_unusual_events);
-- an experience without abnormal events has one row, abnormal_event_id NULL.
CREATE TABLE IF NOT EXISTS trtc_unusual_log (
  response_id       INTEGER NOT NULL REFERENCES trtc_responses ON DELETE CASCADE,
  seq               INTEGER NOT NULL,
  sdk_app_id        INTEGER,
  comm_id           TEXT,
  room_id           TEXT,         -- AbnormalExperience.RoomId (else the request's)
  user_id           TEXT,         -- AbnormalExperience.UserId
  event_time        INTEGER,      -- AbnormalExperience.EventTime: Unix time in s
  experience_id     INTEGER,
  abnormal_event_id INTEGER,
  peer_id           TEXT,         -- the remote user it was caused by, or NULL
  PRIMARY KEY (response_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS trtc_unusual_log_user
  ON trtc_unusual_log (room_id, user_id, event_time);
CREATE INDEX IF NOT EXISTS trtc_unusual_log_cause
  ON trtc_unusual_log (abnormal_event_id);
CREATE INDEX IF NOT EXISTS trtc_unusual_log_peer
  ON trtc_unusual_log (peer_id);

-- ---- trtc fetch --------------------------------------------------------------
-- What `trtc fetch` learns besides the responses it stores above (the calls
-- and their users, as Tencent's console lists them) and what it has
-- fetched, so that running it again asks only for what is missing or
-- unfinished. docs/fetch.md describes every column.

-- One row per call: DescribeRoomInfo's RoomState.
CREATE TABLE IF NOT EXISTS trtc_calls (
  sdk_app_id     INTEGER NOT NULL, -- SdkAppId of the request
  comm_id        TEXT NOT NULL,    -- CommId: SdkAppId_RoomId_CreateTime
  room_id        TEXT,             -- RoomString
  create_time    INTEGER,          -- CreateTime: Unix time in s
  destroy_time   INTEGER,          -- DestroyTime: Unix time in s (0 while running)
  is_finished    INTEGER,          -- IsFinished: 1 when the call has ended
  creator_id     TEXT,             -- UserId: the user who created the room
  users_complete INTEGER NOT NULL DEFAULT 0, -- 1: user list read in full after the call ended
  complete       INTEGER NOT NULL DEFAULT 0, -- 1: everything fetched after it ended: not asked again
  seen_at        TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, -- last listed by DescribeRoomInfo
  PRIMARY KEY (sdk_app_id, comm_id)
) WITHOUT ROWID;

-- One row per user and session of a call: DescribeUserInfo's
-- UserInformation (the console's user columns).
CREATE TABLE IF NOT EXISTS trtc_users (
  sdk_app_id  INTEGER NOT NULL,
  comm_id     TEXT NOT NULL,
  room_id     TEXT,                -- RoomStr
  user_id     TEXT NOT NULL,       -- UserId
  join_ts     INTEGER NOT NULL,    -- JoinTs: Unix time in s (0 when missing)
  leave_ts    INTEGER,             -- LeaveTs: Unix time in s
  device_type TEXT,                -- DeviceType
  sdk_version TEXT,                -- SdkVersion
  client_ip   TEXT,                -- ClientIp
  finished    INTEGER,             -- Finished: 1 when the user has left
  seen_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (sdk_app_id, comm_id, user_id, join_ts)
) WITHOUT ROWID;

-- One row per request whose response `trtc fetch` keeps in trtc_responses:
-- a user's DescribeUserEvent, or one window of DescribeUnusualEvent.
CREATE TABLE IF NOT EXISTS trtc_fetched (
  api         TEXT NOT NULL
              CHECK (api IN ('DescribeUserEvent', 'DescribeUnusualEvent')),
  sdk_app_id  INTEGER NOT NULL,
  comm_id     TEXT NOT NULL,
  user_id     TEXT NOT NULL,       -- DescribeUserEvent: UserId; else ''
  slot        INTEGER NOT NULL,    -- DescribeUnusualEvent: start of its hour; else 0
  start_time  INTEGER NOT NULL,    -- StartTime of the request
  end_time    INTEGER NOT NULL,    -- EndTime of the request (inclusive)
  response_id INTEGER REFERENCES trtc_responses ON DELETE CASCADE,
  capped      INTEGER NOT NULL DEFAULT 0, -- 1: 20 results in a 1 s window: some may be missing
  complete    INTEGER NOT NULL,    -- 1: fetched after the call or user had finished: final
  fetched_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (api, sdk_app_id, comm_id, user_id, start_time)
) WITHOUT ROWID;

-- ---- Calls -------------------------------------------------------------------
-- What identifies a call: its comm_id when known, else its room and app,
-- said so: 'room 61203 of app 1400188366 (comm_id unknown)'. The views
-- below compute it from the response a row belongs to (trtc_responses:
-- its context), so a filter on it reads only that call's rows; this index
-- finds them (and gives the rows of each call and user in order).
CREATE INDEX IF NOT EXISTS trtc_responses_call ON trtc_responses (
  coalesce(comm_id, 'room ' || coalesce(room_id, '(unknown)') || ' of app '
           || coalesce(sdk_app_id, '(unknown)') || ' (comm_id unknown)'),
  user_id);

-- ---- Views ------------------------------------------------------------------
-- Views hold no data (docs/views.md describes every column). They need the
-- trtc extension loaded and work with PRAGMA trusted_schema=OFF. Times are
-- Unix ms (UTC); trtc_time(ms, tz) shows them in a zone. The trtc command
-- replaces those of an older version (see above).
-- The event log decoded, one row per event; time_utc is 'YYYY-MM-DD
-- HH:MM:SS.mmm' (UTC); call as above; remote: the event is about another
-- user's stream. The context columns come from the event's response.
-- Responses first (CROSS JOIN): a filter on the call or the user reads
-- only their rows, and a query of the whole log reads it in order, not
-- through an index with a lookup per row (SQLite's choice without the
-- CROSS JOIN; the views below write +event_id for the same reason).
CREATE VIEW IF NOT EXISTS trtc_event_log_decoded AS
SELECT l.response_id, l.seq, r.sdk_app_id, r.comm_id, r.room_id, r.user_id,
       l.peer_id, l.type, l.time_ms, l.event_id, l.param1, l.param2,
       trtc_time(l.time_ms) AS time_utc,
       trtc_stream_type(l.type) AS stream,
       trtc_event(l.event_id, l.param1, l.param2) AS text,
       trtc_event_source(l.event_id) AS source,
       trtc_event_category(l.event_id) AS category,
       trtc_event_severity(l.event_id, l.param1, l.param2) AS severity,
       coalesce(r.comm_id, 'room ' || coalesce(r.room_id, '(unknown)') || ' of app '
                || coalesce(r.sdk_app_id, '(unknown)') || ' (comm_id unknown)') AS call,
       l.peer_id IS NOT NULL AND l.peer_id IS NOT r.user_id AS remote
  FROM trtc_responses AS r
 CROSS JOIN trtc_event_log AS l ON l.response_id = r.response_id;

-- The unusual-event log decoded; time_utc is 'YYYY-MM-DD HH:MM:SS' (UTC).
CREATE VIEW IF NOT EXISTS trtc_unusual_log_decoded AS
SELECT u.*,
       substr(trtc_time(u.event_time * 1000), 1, 19) AS time_utc,
       trtc_experience(u.experience_id) AS experience,
       trtc_abnormal_event(u.abnormal_event_id) AS abnormal_event,
       trtc_abnormal_event_kind(u.abnormal_event_id) AS abnormal_kind
  FROM trtc_unusual_log AS u;

-- Each user's own room events in time order: start (5001), entered (5003
-- with param1 1, 7000, WebRTC 32788), failed (5003 with param1 0), unknown
-- (5003 with another param1), exited (5008, 7001, WebRTC 32789).
-- step: the order the views below take them in: by time, then as the
-- response lists them, except an outcome listed just before a start of
-- the same millisecond, with no start before it: that is the start's
-- outcome, listed first (an SDK can report a failure in the millisecond it
-- started), and comes after it.
-- repeated: it repeats the state the previous one left (entered again
-- while in the room, exited again while out), or it is a failed exit
-- (5008 0) that another exit follows; the views below skip it.
CREATE VIEW IF NOT EXISTS trtc_room_events AS
SELECT call, user_id, response_id, seq, time_ms, event_id, param1, param2, kind, step,
       (kind = 'entered' AND prev IS 'entered')
         OR (kind = 'exited' AND (ifnull(prev, '') IN ('failed', 'unknown')
                                  OR (prev IS 'exited' AND NOT prev_failed_exit)))
         OR (failed_exit AND next_kind IS 'exited') AS repeated
  FROM (SELECT e.*, row_number() OVER o AS step, lag(kind) OVER o AS prev, lead(kind) OVER o AS next_kind,
               ifnull(lag(failed_exit) OVER o, 0) AS prev_failed_exit
          FROM (-- a late outcome sorts just after its start: (its time, the start's
                -- response_id, the start's seq + 0.5)
                SELECT *, CASE WHEN late THEN next_rid ELSE response_id END AS k_rid,
                       CASE WHEN late THEN next_seq + 0.5 ELSE seq END AS k_seq
                  FROM (SELECT *, kind IN ('entered', 'failed', 'unknown') AND lead(kind) OVER l IS 'start'
                                    AND lead(time_ms) OVER l = time_ms AND lag(kind) OVER l IS NOT 'start' AS late,
                               lead(response_id) OVER l AS next_rid, lead(seq) OVER l AS next_seq
                          FROM (SELECT call, user_id, response_id, seq, time_ms, event_id, param1, param2,
                                       CASE WHEN event_id = 5001 THEN 'start'
                                            WHEN event_id = 5003 THEN CASE param1 WHEN 1 THEN 'entered'
                                                                      WHEN 0 THEN 'failed' ELSE 'unknown' END
                                            WHEN event_id IN (7000, 32788) THEN 'entered'
                                            ELSE 'exited' END AS kind,
                                       event_id = 5008 AND param1 IS 0 AS failed_exit
                                  FROM trtc_event_log_decoded
                                 WHERE +event_id IN (5001, 5003, 7000, 32788, 5008, 7001, 32789)
                                   AND NOT remote)
                        WINDOW l AS (PARTITION BY call, user_id ORDER BY time_ms, response_id, seq))) AS e
        WINDOW o AS (PARTITION BY call, user_id ORDER BY time_ms, k_rid, k_seq));

-- One row per room-entry attempt: a start with the outcome that follows
-- it (if any, before the next start or exit), or an outcome without a
-- start (a WebRTC client that reports no 5001).
CREATE VIEW IF NOT EXISTS trtc_room_entry AS
SELECT call, user_id,
       row_number() OVER w AS attempt,
       started_ms, outcome_ms, succeeded, outcome_event_id, outcome_param1,
       CASE WHEN outcome_event_id IS NULL THEN '(no outcome reported)'
            ELSE coalesce(trtc_event(outcome_event_id, outcome_param1),
                          '(unknown outcome: ' || outcome_event_id || ' '
                          || outcome_param1 || ')') END AS outcome,
       outcome_ms - started_ms AS entry_ms,
       outcome_ms - first_value(started_ms) OVER w AS since_first_ms,
       trtc_event_source(coalesce(outcome_event_id, event_id)) AS client
  FROM (SELECT call, user_id, time_ms, response_id, seq, event_id,
               CASE WHEN kind = 'start' THEN time_ms END AS started_ms,
               CASE WHEN kind <> 'start' THEN time_ms WHEN has_outcome THEN next_ms END AS outcome_ms,
               CASE WHEN kind <> 'start' THEN event_id WHEN has_outcome THEN next_event_id END
                 AS outcome_event_id,
               CASE WHEN kind <> 'start' THEN param1 WHEN has_outcome THEN next_param1 END
                 AS outcome_param1,
               CASE CASE WHEN kind <> 'start' THEN kind WHEN has_outcome THEN next_kind END
                    WHEN 'entered' THEN 1 WHEN 'failed' THEN 0 END AS succeeded
          FROM (SELECT e.*,
                       lag(kind) OVER v AS prev, lead(kind) OVER v AS next_kind,
                       lead(kind) OVER v IN ('entered', 'failed', 'unknown') AS has_outcome,
                       lead(time_ms) OVER v AS next_ms, lead(event_id) OVER v AS next_event_id,
                       lead(param1) OVER v AS next_param1
                  FROM trtc_room_events AS e
                 WHERE NOT repeated
                WINDOW v AS (PARTITION BY call, user_id ORDER BY step))
         WHERE kind = 'start' OR (kind IN ('entered', 'failed', 'unknown') AND prev IS NOT 'start'))
WINDOW w AS (PARTITION BY call, user_id ORDER BY time_ms, response_id, seq);

-- One row per stay in the room, from entering (an outcome 'entered') to
-- exiting; a first exit without an entry before it is a stay whose entry
-- the log lacks (entered_ms NULL).
CREATE VIEW IF NOT EXISTS trtc_presence AS
SELECT call, user_id,
       row_number() OVER (PARTITION BY call, user_id ORDER BY time_ms, response_id, seq) AS stay,
       entered_ms, entry_event_id, exited_ms, exit_event_id, exit_param1,
       CASE WHEN exit_event_id IS NULL THEN '(no exit reported)'
            ELSE coalesce(trtc_event(exit_event_id, exit_param1),
                          '(unknown exit: ' || exit_event_id || ' ' || exit_param1 || ')') END AS exit,
       CASE WHEN exit_event_id IS NULL THEN next_ms END AS out_by_ms,
       exited_ms - entered_ms AS duration_ms
  FROM (SELECT call, user_id, time_ms, response_id, seq, next_ms,
               CASE WHEN kind = 'entered' THEN time_ms END AS entered_ms,
               CASE WHEN kind = 'entered' THEN event_id END AS entry_event_id,
               CASE WHEN kind = 'exited' THEN time_ms WHEN next_kind = 'exited' THEN next_ms END
                 AS exited_ms,
               CASE WHEN kind = 'exited' THEN event_id WHEN next_kind = 'exited' THEN next_event_id END
                 AS exit_event_id,
               CASE WHEN kind = 'exited' THEN param1 WHEN next_kind = 'exited' THEN next_param1 END
                 AS exit_param1
          FROM (SELECT e.*,
                       lag(kind) OVER v AS prev, lead(kind) OVER v AS next_kind,
                       lead(time_ms) OVER v AS next_ms, lead(event_id) OVER v AS next_event_id,
                       lead(param1) OVER v AS next_param1
                  FROM trtc_room_events AS e
                 WHERE NOT repeated
                WINDOW v AS (PARTITION BY call, user_id ORDER BY step))
         WHERE kind = 'entered' OR (kind = 'exited' AND prev IS NULL));

-- Time to first frame: the first 5007 "Started playing the first video
-- frame" of each remote user in each viewer's client, per pair of attempts
-- (the latest attempt of the viewer and of the remote user before the
-- frame), timed from the later of their two attempts' starts.
CREATE VIEW IF NOT EXISTS trtc_first_frame AS
WITH stream AS (
  -- each user's attempts (at their start, else at their outcome), and each
  -- frame twice: under its viewer (role 1) and under its remote user (2);
  -- each arm reads the log itself, so that a filter on the call reaches it
  SELECT call, user_id AS who, coalesce(started_ms, outcome_ms) AS t, 0 AS role,
         attempt * 2 + (started_ms IS NOT NULL) AS mark,
         NULL AS viewer, NULL AS remote, NULL AS type, NULL AS response_id, NULL AS seq
    FROM trtc_room_entry
  UNION ALL
  SELECT call, user_id, time_ms, 1, NULL, user_id, peer_id, type, response_id, seq
    FROM trtc_event_log_decoded WHERE +event_id = 5007 AND remote
  UNION ALL
  SELECT call, peer_id, time_ms, 2, NULL, user_id, peer_id, type, response_id, seq
    FROM trtc_event_log_decoded WHERE +event_id = 5007 AND remote
),
latest AS (
  -- at each frame, that user's latest attempt: mark = attempt * 2 + start reported
  SELECT call, viewer, remote, type, t, role, response_id, seq,
         max(mark) OVER w AS last_mark, max(CASE WHEN role = 0 THEN t END) OVER w AS last_t
    FROM stream
  WINDOW w AS (PARTITION BY call, who ORDER BY t, role ROWS UNBOUNDED PRECEDING)
),
framed AS (
  -- each frame with the latest attempts of both users (windows, not GROUP
  -- BY, so that a filter on the call reaches the log)
  SELECT call, viewer, remote, type, t AS frame_ms, response_id, seq, role,
         max(CASE WHEN role = 1 THEN last_mark END) OVER f AS vmark,
         max(CASE WHEN role = 1 THEN last_t END) OVER f AS vt,
         max(CASE WHEN role = 2 THEN last_mark END) OVER f AS rmark,
         max(CASE WHEN role = 2 THEN last_t END) OVER f AS rt
    FROM latest
   WHERE role > 0
  WINDOW f AS (PARTITION BY call, response_id, seq)
),
firsts AS (
  SELECT framed.*,
         row_number() OVER p AS n, count(*) OVER p AS frames,
         CASE WHEN rt IS NULL OR vt >= rt THEN 1 ELSE 2 END AS side
    FROM framed
   WHERE role = 1
  WINDOW p AS (PARTITION BY call, viewer, remote, vmark / 2, rmark / 2
               ORDER BY frame_ms, response_id, seq
               ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
SELECT call, viewer, remote, vmark / 2 AS viewer_attempt, rmark / 2 AS remote_attempt,
       type, trtc_stream_type(type) AS stream, frame_ms AS first_frame_ms, frames,
       CASE side WHEN 1 THEN vt ELSE rt END AS start_ms,
       CASE WHEN side = 1 AND vt IS NOT NULL THEN viewer WHEN side = 2 THEN remote END AS start_user,
       CASE side WHEN 1 THEN vmark % 2 ELSE rmark % 2 END AS start_reported,
       frame_ms - CASE side WHEN 1 THEN vt ELSE rt END AS ttff_ms
  FROM firsts
 WHERE n = 1;

-- Warnings and errors (the severity of the taxonomy), per user, the user
-- the event concerns, and kind of event; problem is the spec's text
-- without measured values.
CREATE VIEW IF NOT EXISTS trtc_problems AS
SELECT l.call, l.user_id, l.peer_id, l.remote, d.category, d.severity, d.event_id,
       d.param1, d.param2, d.description AS problem, count(*) AS times,
       min(l.time_ms) AS first_ms, max(l.time_ms) AS last_ms
  FROM trtc_event_log_decoded AS l
  JOIN trtc_decode(l.event_id, l.param1, l.param2) AS d
 WHERE +l.event_id IN (SELECT event_id FROM trtc_events WHERE severity <> 'info')
   AND d.severity <> 'info'
 GROUP BY l.call, l.user_id, l.peer_id, d.event_id, d.param1, d.param2;

-- The users of each call: those whose log is loaded (has_log 1), and those
-- only other users' logs mention (has_log 0: their own log is missing).
CREATE VIEW IF NOT EXISTS trtc_call_users AS
SELECT call, user_id, 1 AS has_log, min(time_ms) AS first_ms, max(time_ms) AS last_ms,
       count(*) AS events
  FROM trtc_event_log_decoded
 GROUP BY call, user_id
UNION ALL
SELECT p.call, p.peer_id, 0, NULL, NULL, 0
  FROM (SELECT DISTINCT call, peer_id FROM trtc_event_log_decoded WHERE remote) AS p
 WHERE NOT EXISTS (SELECT 1 FROM trtc_responses AS o
                    WHERE o.user_id = p.peer_id AND o.api = 'DescribeUserEvent'
                      AND coalesce(o.comm_id, 'room ' || coalesce(o.room_id, '(unknown)') || ' of app '
                                   || coalesce(o.sdk_app_id, '(unknown)') || ' (comm_id unknown)') = p.call);

-- The abnormal experiences (trtc_unusual_log, decoded) with their call:
-- their comm_id when it is known and names their room; else the call of
-- the event log in the same room whose time range (plus 5 minutes each
-- side) holds the experience, when exactly one does; else the room's.
-- A response's room and app are those it was loaded with, else those its
-- comm_id names (SdkAppId_RoomId_CreateTime); an app that is not known on
-- one side (a DescribeUnusualEvent response has none of its own) is not
-- a mismatch.
CREATE VIEW IF NOT EXISTS trtc_call_abnormal AS
WITH guess AS (
  -- the rows whose call is to be found: no comm_id, or one naming another
  -- room (SdkAppId_RoomId_CreateTime; a comm_id of another form names the
  -- room when it holds _RoomId_ or begins or ends with it)
  SELECT * FROM (SELECT *, instr(comm_id, '_') AS i, rtrim(comm_id, '0123456789') AS t
                   FROM trtc_unusual_log)
   WHERE NOT (comm_id IS NOT NULL
              AND (room_id IS NULL
                   OR CASE WHEN i BETWEEN 2 AND 19 AND substr(comm_id, 1, i - 1) NOT GLOB '*[^0-9]*'
                                AND length(t) < length(comm_id) AND t GLOB '*_' AND length(t) > i + 1
                           THEN substr(t, i + 1, length(t) - i - 1) = room_id
                           ELSE instr('_' || comm_id || '_', '_' || room_id || '_') > 0 END))
),
ranges AS (
  -- the calls of the event log in the rooms of those rows, with their
  -- time range (each response's first and last event, by primary key)
  SELECT call, sdk_app_id, room_id, min(first_ms) AS first_ms, max(last_ms) AS last_ms
    FROM (SELECT call, sdk_app_id, room_id,
                 (SELECT min(time_ms) FROM trtc_event_log AS l
                   WHERE l.response_id = r.response_id) AS first_ms,
                 (SELECT max(time_ms) FROM trtc_event_log AS l
                   WHERE l.response_id = r.response_id) AS last_ms
            FROM (SELECT response_id,
                         coalesce(comm_id, 'room ' || coalesce(room_id, '(unknown)') || ' of app '
                                  || coalesce(sdk_app_id, '(unknown)') || ' (comm_id unknown)') AS call,
                         coalesce(sdk_app_id, CASE WHEN named
                                                   THEN CAST(substr(comm_id, 1, i - 1) AS INTEGER) END)
                           AS sdk_app_id,
                         coalesce(room_id, CASE WHEN named THEN substr(t, i + 1, length(t) - i - 1) END)
                           AS room_id
                    FROM (-- named: the comm_id is DIGITS_ROOM_DIGITS (i: its first '_',
                          -- t: it without the last digits)
                          SELECT *, i BETWEEN 2 AND 19 AND substr(comm_id, 1, i - 1) NOT GLOB '*[^0-9]*'
                                    AND length(t) < length(comm_id) AND t GLOB '*_'
                                    AND length(t) > i + 1 AS named
                            FROM (SELECT *, instr(comm_id, '_') AS i, rtrim(comm_id, '0123456789') AS t
                                    FROM trtc_responses WHERE api = 'DescribeUserEvent'))) AS r
           WHERE room_id IN (SELECT room_id FROM guess))
   GROUP BY call, sdk_app_id, room_id
  HAVING first_ms IS NOT NULL
),
matched AS (
  -- per row: n, how many calls of the event log hold it (NULL: its own
  -- comm_id is taken), and one of them; those of its own app, when its app
  -- and theirs are known and some are, else those of any app
  SELECT response_id, seq,
         CASE WHEN max(guessed) THEN coalesce(nullif(count(DISTINCT exact), 0), count(DISTINCT call)) END AS n,
         coalesce(min(exact), min(call)) AS call
    FROM (SELECT response_id, seq, 0 AS guessed, NULL AS call, NULL AS exact FROM trtc_unusual_log
          UNION ALL SELECT response_id, seq, 1, NULL, NULL FROM guess
          UNION ALL
          SELECT u.response_id, u.seq, 1, g.call,
                 CASE WHEN u.sdk_app_id IS NOT NULL AND g.sdk_app_id IS NOT NULL THEN g.call END
            FROM ranges AS g
           CROSS JOIN guess AS u
                   ON u.room_id = g.room_id
                  AND (u.sdk_app_id IS NULL OR g.sdk_app_id IS NULL OR u.sdk_app_id = g.sdk_app_id)
                  AND u.event_time * 1000 BETWEEN g.first_ms - 300000 AND g.last_ms + 300000)
   GROUP BY response_id, seq
)
SELECT CASE WHEN m.n IS NULL THEN u.comm_id
            WHEN m.n = 1 THEN m.call
            ELSE 'room ' || coalesce(u.room_id, '(unknown)') || ' of app '
                 || coalesce(u.sdk_app_id, '(unknown)') || ' (comm_id unknown)' END AS call,
       CASE WHEN m.n IS NULL THEN 'comm_id'
            WHEN m.n = 1 THEN 'room and time'
            WHEN m.n = 0 THEN 'room (no call of the event log at that time)'
            ELSE 'room (' || m.n || ' calls of the event log at that time)' END AS call_by,
       u.response_id, u.seq, u.sdk_app_id, u.comm_id, u.room_id, u.user_id, u.event_time,
       u.experience_id, u.abnormal_event_id, u.peer_id, u.event_time * 1000 AS time_ms,
       trtc_experience(u.experience_id) AS experience,
       trtc_abnormal_event(u.abnormal_event_id) AS abnormal_event,
       trtc_abnormal_event_kind(u.abnormal_event_id) AS abnormal_kind
  FROM matched AS m
  JOIN trtc_unusual_log AS u ON u.response_id = m.response_id AND u.seq = m.seq;

-- One row per call: its context, time range, users, and what is missing.
-- (Window functions rather than GROUP BY over the union, so that a filter
-- on the call reaches the log.)
CREATE VIEW IF NOT EXISTS trtc_call_summary AS
SELECT call, comm_id, sdk_app_id, room_id, first_ms, last_ms,
       coalesce(users, 0) AS users, user_ids, coalesce(events, 0) AS events,
       coalesce(experiences, 0) AS experiences,
       nullif(substr(
         CASE WHEN comm_id IS NULL THEN '; comm_id unknown' ELSE '' END
         || CASE WHEN responses IS NULL THEN '; no DescribeUserEvent response' ELSE '' END
         || ifnull('; no DescribeUserEvent of ' || no_log || ' (seen by other users)', '')
         || CASE WHEN api_errors > 0 THEN '; ' || api_errors || ' API error response(s)' ELSE '' END
         || CASE WHEN undecoded > 0 THEN '; ' || undecoded || ' response(s) not decoded' ELSE '' END,
         3), '') AS missing
  FROM (SELECT call, max(comm_id) OVER c AS comm_id, max(sdk_app_id) OVER c AS sdk_app_id,
               max(room_id) OVER c AS room_id, min(first_ms) OVER c AS first_ms,
               max(last_ms) OVER c AS last_ms, sum(has_log) OVER c AS users,
               group_concat(CASE WHEN has_log THEN user_id END, ',') OVER c AS user_ids,
               group_concat(CASE WHEN NOT has_log THEN user_id END, ',') OVER c AS no_log,
               sum(events) OVER c AS events, sum(experience) OVER c AS experiences,
               sum(response) OVER c AS responses, sum(api_error) OVER c AS api_errors,
               sum(undecoded) OVER c AS undecoded,
               row_number() OVER c AS n
          FROM (-- the context of the DescribeUserEvent responses
                SELECT coalesce(comm_id, 'room ' || coalesce(room_id, '(unknown)') || ' of app '
                                || coalesce(sdk_app_id, '(unknown)') || ' (comm_id unknown)') AS call,
                       comm_id, sdk_app_id, room_id, NULL AS first_ms, NULL AS last_ms,
                       NULL AS has_log, NULL AS user_id, NULL AS events, NULL AS experience,
                       1 AS response, error_code IS NOT NULL AS api_error,
                       error_code IS NULL AND n_rows IS NULL AS undecoded
                  FROM trtc_responses WHERE api = 'DescribeUserEvent'
                UNION ALL -- the users, their events and time range
                SELECT call, NULL, NULL, NULL, first_ms, last_ms, has_log, user_id, events,
                       NULL, NULL, NULL, NULL
                  FROM trtc_call_users
                UNION ALL -- the abnormal experiences (their comm_id only when it is
                          -- the call's: not that of a row of another room)
                SELECT call, max(CASE WHEN call_by = 'comm_id' THEN comm_id END), max(sdk_app_id),
                       max(room_id), min(time_ms), max(time_ms),
                       NULL, NULL, NULL, 1, NULL, NULL, NULL
                  FROM trtc_call_abnormal
                 GROUP BY call, user_id, event_time, experience_id)
        WINDOW c AS (PARTITION BY call ORDER BY user_id
                     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
 WHERE n = 1;
