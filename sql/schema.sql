-- sql/schema.sql: durable tables for saved responses of TRTC's monitoring
-- API (DescribeUserEvent, DescribeUnusualEvent), with the context a
-- response lacks, indexes for the analytics in sql/examples/, and decoded
-- views. Safe to run again (IF NOT EXISTS everywhere); "trtc ingest" and
-- "trtc fetch" run it (it is built into the trtc command).
--
--   sqlite3 calls.db -cmd '.load trtc' < sql/schema.sql
--
-- A database made before the columns marked "(new)" existed (by the old
-- sql/ingest.sh) is migrated by the trtc command when it opens one: ALTER
-- TABLE ... ADD COLUMN, then the new values computed from each stored
-- body. Run in the shell on such a database, this file fails on the
-- indexes of the new columns ("no such column") and changes nothing else:
-- let "trtc ingest" migrate it.
--
-- The tables hold raw values only: a database can be read without the
-- extension. The *_decoded views call trtc_* functions, so they need it
-- loaded (they work with PRAGMA trusted_schema=OFF: the functions are
-- innocuous). docs/cookbook.md describes every column.

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
CREATE INDEX IF NOT EXISTS trtc_event_log_timeline
  ON trtc_event_log (comm_id, user_id, time_ms);
CREATE INDEX IF NOT EXISTS trtc_event_log_event
  ON trtc_event_log (event_id, param1);

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

-- The event log decoded; time_utc is 'YYYY-MM-DD HH:MM:SS.mmm' (UTC).
CREATE VIEW IF NOT EXISTS trtc_event_log_decoded AS
SELECT l.*,
       strftime('%Y-%m-%d %H:%M:%S', l.time_ms / 1000, 'unixepoch')
         || printf('.%03d', l.time_ms % 1000) AS time_utc,
       trtc_stream_type(l.type) AS stream,
       trtc_event(l.event_id, l.param1, l.param2) AS text,
       trtc_event_source(l.event_id) AS source,
       trtc_event_category(l.event_id) AS category,
       trtc_event_severity(l.event_id, l.param1, l.param2) AS severity
  FROM trtc_event_log AS l;

-- The unusual-event log decoded; time_utc is 'YYYY-MM-DD HH:MM:SS' (UTC).
CREATE VIEW IF NOT EXISTS trtc_unusual_log_decoded AS
SELECT u.*,
       strftime('%Y-%m-%d %H:%M:%S', u.event_time, 'unixepoch') AS time_utc,
       trtc_experience(u.experience_id) AS experience,
       trtc_abnormal_event(u.abnormal_event_id) AS abnormal_event,
       trtc_abnormal_event_kind(u.abnormal_event_id) AS abnormal_kind
  FROM trtc_unusual_log AS u;
