-- sql/engines/examples/schema.duckdb.sql: sql/schema.sql's tables and
-- decoded views for DuckDB, for the examples beside this file (the
-- queries of sql/examples/ in DuckDB's SQL). Needs sql/engines/duckdb.sql
-- loaded first; safe to run again.
--
--   duckdb my.duckdb -c '.read sql/engines/duckdb.sql' -c '.read sql/engines/examples/schema.duckdb.sql'
--
-- Store responses in trtc_responses with their context, then
-- ingest.duckdb.sql decodes them into trtc_event_log and trtc_unusual_log.
-- docs/cookbook.md describes every column. (DuckDB has no ON DELETE
-- CASCADE: delete a response's rows from the logs yourself.)

CREATE SEQUENCE IF NOT EXISTS trtc_response_ids;

-- One row per saved response, as saved, with its context.
CREATE TABLE IF NOT EXISTS trtc_responses (
  response_id BIGINT PRIMARY KEY DEFAULT nextval('trtc_response_ids'),
  api         VARCHAR NOT NULL CHECK (api IN ('DescribeUserEvent', 'DescribeUnusualEvent')),
  sdk_app_id  BIGINT,          -- SdkAppId of the request
  comm_id     VARCHAR,         -- CommId of the call (SdkAppId_RoomId_CreateTime)
  room_id     VARCHAR,         -- RoomId of the request
  user_id     VARCHAR,         -- DescribeUserEvent: UserId of the request
  source_file VARCHAR,         -- the file it was loaded from
  body        VARCHAR NOT NULL, -- the response, as saved
  loaded_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- DescribeUserEvent: one row per EventMessage (trtc_user_events).
CREATE TABLE IF NOT EXISTS trtc_event_log (
  response_id BIGINT NOT NULL,
  seq         BIGINT NOT NULL,  -- position in the response, from 1
  sdk_app_id  BIGINT,
  comm_id     VARCHAR,
  room_id     VARCHAR,
  user_id     VARCHAR,          -- the user whose client reported it
  peer_id     VARCHAR,          -- EventList.PeerId: the user it concerns
  type        BIGINT,           -- EventMessage.Type (video stream)
  time_ms     BIGINT,           -- EventMessage.Time: Unix time in ms
  event_id    BIGINT,
  param1      BIGINT,
  param2      BIGINT,
  PRIMARY KEY (response_id, seq)
);

-- DescribeUnusualEvent: one row per AbnormalEvent (trtc_unusual_events);
-- an experience without abnormal events has one row, abnormal_event_id NULL.
CREATE TABLE IF NOT EXISTS trtc_unusual_log (
  response_id       BIGINT NOT NULL,
  seq               BIGINT NOT NULL,
  sdk_app_id        BIGINT,
  comm_id           VARCHAR,
  room_id           VARCHAR,    -- AbnormalExperience.RoomId (else the request's)
  user_id           VARCHAR,    -- AbnormalExperience.UserId
  event_time        BIGINT,     -- AbnormalExperience.EventTime: Unix time in s
  experience_id     BIGINT,
  abnormal_event_id BIGINT,
  peer_id           VARCHAR,    -- the remote user it was caused by, or NULL
  PRIMARY KEY (response_id, seq)
);

-- The event log decoded; time_utc is 'YYYY-MM-DD HH:MM:SS.mmm' (UTC).
CREATE OR REPLACE VIEW trtc_event_log_decoded AS
SELECT l.*,
       strftime(epoch_ms(l.time_ms), '%Y-%m-%d %H:%M:%S.%g') AS time_utc,
       trtc_stream_type(l.type) AS stream,
       trtc_event(l.event_id, l.param1, l.param2) AS text,
       trtc_event_source(l.event_id) AS source,
       trtc_event_category(l.event_id) AS category,
       trtc_event_severity(l.event_id, l.param1, l.param2) AS severity
  FROM trtc_event_log AS l;

-- The unusual-event log decoded; time_utc is 'YYYY-MM-DD HH:MM:SS' (UTC).
CREATE OR REPLACE VIEW trtc_unusual_log_decoded AS
SELECT u.*,
       strftime(epoch_ms(u.event_time * 1000), '%Y-%m-%d %H:%M:%S') AS time_utc,
       trtc_experience(u.experience_id) AS experience,
       trtc_abnormal_event(u.abnormal_event_id) AS abnormal_event,
       trtc_abnormal_event_kind(u.abnormal_event_id) AS abnormal_kind
  FROM trtc_unusual_log AS u;
