-- sql/engines/examples/schema.duckdb.sql: sql/schema.sql's tables,
-- decoded views and the analytics views the examples use, for DuckDB, for
-- the examples beside this file (the queries of sql/examples/ in DuckDB's
-- SQL). Needs sql/engines/duckdb.sql
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

-- trtc_time(time_ms [, zone]): a time of the log as text, as the
-- extension's (docs/reference.md#trtc_time): UTC without a zone; with one
-- ('+HH:MM', '-HH:MM', 'UTC', 'Z' or NULL), the time there and the zone.
CREATE OR REPLACE MACRO trtc__zone_ms(zone) AS
  CASE WHEN zone IS NULL OR upper(zone) IN ('UTC', 'Z') THEN 0
       WHEN regexp_full_match(zone, '[+-]([01][0-9]|2[0-3]):[0-5][0-9]')
       THEN (CASE WHEN zone[1] = '-' THEN -1 ELSE 1 END)
            * (CAST(zone[2:3] AS BIGINT) * 60 + CAST(zone[5:6] AS BIGINT)) * 60000
       ELSE error('trtc_time: the time zone must be ''+HH:MM'', ''-HH:MM'' or ''UTC'', not '''
                  || zone || '''') END;
CREATE OR REPLACE MACRO trtc__time(time_ms) AS
  CASE WHEN time_ms BETWEEN -62167219200000 AND 253402300799999
       THEN strftime(epoch_ms(time_ms), '%Y-%m-%d %H:%M:%S.%g') END;
CREATE OR REPLACE MACRO trtc_time(time_ms) AS trtc__time(time_ms),
  (time_ms, zone) AS
    trtc__time(time_ms + trtc__zone_ms(zone)) || ' '
    || CASE WHEN zone IS NULL OR upper(zone) IN ('UTC', 'Z') THEN 'UTC' ELSE zone END;

-- The event log decoded; time_utc is 'YYYY-MM-DD HH:MM:SS.mmm' (UTC);
-- call: its comm_id, else its room (docs/views.md); remote: about another
-- user's stream. The context columns come from the event's response.
CREATE OR REPLACE VIEW trtc_event_log_decoded AS
SELECT l.response_id, l.seq, r.sdk_app_id, r.comm_id, r.room_id, r.user_id,
       l.peer_id, l.type, l.time_ms, l.event_id, l.param1, l.param2,
       trtc_time(l.time_ms) AS time_utc,
       trtc_stream_type(l.type) AS stream,
       trtc_event(l.event_id, l.param1, l.param2) AS text,
       trtc_event_source(l.event_id) AS source,
       trtc_event_category(l.event_id) AS category,
       trtc_event_severity(l.event_id, l.param1, l.param2) AS severity,
       coalesce(r.comm_id, 'room ' || coalesce(r.room_id, '(unknown)') || ' of app '
                || coalesce(CAST(r.sdk_app_id AS VARCHAR), '(unknown)') || ' (comm_id unknown)') AS call,
       l.peer_id IS NOT NULL AND l.peer_id IS DISTINCT FROM r.user_id AS remote
  FROM trtc_responses AS r
  JOIN trtc_event_log AS l ON l.response_id = r.response_id;

-- The unusual-event log decoded; time_utc is 'YYYY-MM-DD HH:MM:SS' (UTC).
CREATE OR REPLACE VIEW trtc_unusual_log_decoded AS
SELECT u.*,
       strftime(epoch_ms(u.event_time * 1000), '%Y-%m-%d %H:%M:%S') AS time_utc,
       trtc_experience(u.experience_id) AS experience,
       trtc_abnormal_event(u.abnormal_event_id) AS abnormal_event,
       trtc_abnormal_event_kind(u.abnormal_event_id) AS abnormal_kind
  FROM trtc_unusual_log AS u;

-- ---- The analytics views of sql/schema.sql (docs/views.md), those the
-- ---- examples use: the same SQL in DuckDB's dialect.

-- Each user's own room events in time order, classified; step: their
-- order (an outcome listed just before a start of the same millisecond,
-- with no start before it, after that start); a failed exit that another
-- exit follows is repeated.
CREATE OR REPLACE VIEW trtc_room_events AS
SELECT call, user_id, response_id, seq, time_ms, event_id, param1, param2, kind, step,
       coalesce((kind = 'entered' AND prev IS NOT DISTINCT FROM 'entered')
                OR (kind = 'exited' AND (coalesce(prev, '') IN ('failed', 'unknown')
                                         OR (prev IS NOT DISTINCT FROM 'exited'
                                             AND NOT prev_failed_exit)))
                OR (failed_exit AND next_kind IS NOT DISTINCT FROM 'exited'), false)
         AS repeated
  FROM (SELECT e.*, row_number() OVER o AS step, lag(kind) OVER o AS prev, lead(kind) OVER o AS next_kind,
               coalesce(lag(failed_exit) OVER o, false) AS prev_failed_exit
          FROM (SELECT *, CASE WHEN late THEN next_rid ELSE response_id END AS k_rid,
                       CASE WHEN late THEN next_seq + 0.5 ELSE seq END AS k_seq
                  FROM (SELECT *, coalesce(kind IN ('entered', 'failed', 'unknown')
                                           AND lead(kind) OVER l IS NOT DISTINCT FROM 'start'
                                           AND lead(time_ms) OVER l = time_ms
                                           AND lag(kind) OVER l IS DISTINCT FROM 'start', false) AS late,
                               lead(response_id) OVER l AS next_rid, lead(seq) OVER l AS next_seq
                          FROM (SELECT call, user_id, response_id, seq, time_ms, event_id, param1, param2,
                                       CASE WHEN event_id = 5001 THEN 'start'
                                            WHEN event_id = 5003 THEN CASE param1 WHEN 1 THEN 'entered'
                                                                      WHEN 0 THEN 'failed' ELSE 'unknown' END
                                            WHEN event_id IN (7000, 32788) THEN 'entered'
                                            ELSE 'exited' END AS kind,
                                       coalesce(event_id = 5008 AND param1 = 0, false) AS failed_exit
                                  FROM trtc_event_log_decoded
                                 WHERE event_id IN (5001, 5003, 7000, 32788, 5008, 7001, 32789)
                                   AND NOT remote) AS e0
                        WINDOW l AS (PARTITION BY call, user_id ORDER BY time_ms, response_id, seq)) AS e1) AS e
        WINDOW o AS (PARTITION BY call, user_id ORDER BY time_ms, k_rid, k_seq)) AS e;

-- One row per room-entry attempt.
CREATE OR REPLACE VIEW trtc_room_entry AS
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
                       coalesce(lead(kind) OVER v IN ('entered', 'failed', 'unknown'), false) AS has_outcome,
                       lead(time_ms) OVER v AS next_ms, lead(event_id) OVER v AS next_event_id,
                       lead(param1) OVER v AS next_param1
                  FROM trtc_room_events AS e
                 WHERE NOT repeated
                WINDOW v AS (PARTITION BY call, user_id ORDER BY step)) AS e
         WHERE kind = 'start'
            OR (kind IN ('entered', 'failed', 'unknown') AND prev IS DISTINCT FROM 'start')) AS a
WINDOW w AS (PARTITION BY call, user_id ORDER BY time_ms, response_id, seq);

-- Time to first frame, per viewer, remote user and pair of attempts.
CREATE OR REPLACE VIEW trtc_first_frame AS
WITH stream AS (
  SELECT call, user_id AS who, coalesce(started_ms, outcome_ms) AS t, 0 AS role,
         attempt * 2 + (started_ms IS NOT NULL)::INTEGER AS mark,
         NULL::VARCHAR AS viewer, NULL::VARCHAR AS remote, NULL::BIGINT AS type,
         NULL::BIGINT AS response_id, NULL::BIGINT AS seq
    FROM trtc_room_entry
  UNION ALL
  SELECT call, user_id, time_ms, 1, NULL, user_id, peer_id, type, response_id, seq
    FROM trtc_event_log_decoded WHERE event_id = 5007 AND remote
  UNION ALL
  SELECT call, peer_id, time_ms, 2, NULL, user_id, peer_id, type, response_id, seq
    FROM trtc_event_log_decoded WHERE event_id = 5007 AND remote
),
latest AS (
  SELECT call, viewer, remote, type, t, role, response_id, seq,
         max(mark) OVER w AS last_mark, max(CASE WHEN role = 0 THEN t END) OVER w AS last_t
    FROM stream
  WINDOW w AS (PARTITION BY call, who ORDER BY t, role ROWS UNBOUNDED PRECEDING)
),
framed AS (
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

-- Warnings and errors per user, the user they concern and kind of event
-- (the row of trtc_events they match, at most one: SQLite's trtc_decode()).
CREATE OR REPLACE VIEW trtc_problems AS
SELECT l.call, l.user_id, l.peer_id, l.remote, d.category, d.severity, d.event_id,
       d.param1, d.param2, d.description AS problem, count(*) AS times,
       min(l.time_ms) AS first_ms, max(l.time_ms) AS last_ms
  FROM trtc_event_log_decoded AS l
  JOIN trtc_events AS d
    ON d.event_id = l.event_id
   AND (d.param1 IS NULL OR d.param1 = -1 OR d.param1 = l.param1)
   AND (d.param2 IS NULL OR d.param2 = -1 OR d.param2 = l.param2)
 WHERE d.severity <> 'info' AND l.param1 IS NOT NULL AND l.param2 IS NOT NULL
 GROUP BY l.call, l.user_id, l.peer_id, l.remote, d.category, d.severity, d.event_id,
          d.param1, d.param2, d.description;

-- The abnormal experiences with the call they belong to.
CREATE OR REPLACE VIEW trtc_call_abnormal AS
WITH guess AS (
  SELECT * FROM trtc_unusual_log
   WHERE NOT (comm_id IS NOT NULL
              AND (room_id IS NULL
                   OR CASE WHEN nullif(regexp_extract(comm_id, '^([0-9]{1,18})_(.+)_([0-9]+)$', 2), '') IS NOT NULL THEN nullif(regexp_extract(comm_id, '^([0-9]{1,18})_(.+)_([0-9]+)$', 2), '') = room_id
                           ELSE strpos('_' || comm_id || '_', '_' || room_id || '_') > 0 END))
),
ranges AS (
  SELECT call, sdk_app_id, room_id, min(first_ms) AS first_ms, max(last_ms) AS last_ms
    FROM (SELECT call, sdk_app_id, room_id,
                 (SELECT min(time_ms) FROM trtc_event_log AS l
                   WHERE l.response_id = r.response_id) AS first_ms,
                 (SELECT max(time_ms) FROM trtc_event_log AS l
                   WHERE l.response_id = r.response_id) AS last_ms
            FROM (SELECT response_id,
                         coalesce(comm_id, 'room ' || coalesce(room_id, '(unknown)') || ' of app '
                                  || coalesce(sdk_app_id::VARCHAR, '(unknown)') || ' (comm_id unknown)') AS call,
                         -- the context, else what the comm_id names (SdkAppId_RoomId_CreateTime)
                         coalesce(sdk_app_id, TRY_CAST(nullif(regexp_extract(comm_id, '^([0-9]{1,18})_(.+)_([0-9]+)$', 1), '') AS BIGINT)) AS sdk_app_id,
                         coalesce(room_id, nullif(regexp_extract(comm_id, '^([0-9]{1,18})_(.+)_([0-9]+)$', 2), '')) AS room_id
                    FROM trtc_responses WHERE api = 'DescribeUserEvent') AS r
           WHERE room_id IN (SELECT room_id FROM guess)) AS c
   GROUP BY call, sdk_app_id, room_id
  HAVING min(first_ms) IS NOT NULL
),
matched AS (
  SELECT response_id, seq,
         CASE WHEN max(guessed) = 1 THEN coalesce(nullif(count(DISTINCT exact), 0), count(DISTINCT call)) END AS n,
         coalesce(min(exact), min(call)) AS call
    FROM (SELECT response_id, seq, 0 AS guessed, NULL::VARCHAR AS call, NULL::VARCHAR AS exact FROM trtc_unusual_log
          UNION ALL SELECT response_id, seq, 1, NULL, NULL FROM guess
          UNION ALL
          SELECT u.response_id, u.seq, 1, g.call,
                 CASE WHEN u.sdk_app_id IS NOT NULL AND g.sdk_app_id IS NOT NULL THEN g.call END
            FROM ranges AS g
            JOIN guess AS u
              ON u.room_id = g.room_id
             AND (u.sdk_app_id IS NULL OR g.sdk_app_id IS NULL OR u.sdk_app_id = g.sdk_app_id)
             AND u.event_time * 1000 BETWEEN g.first_ms - 300000 AND g.last_ms + 300000) AS m
   GROUP BY response_id, seq
)
SELECT CASE WHEN m.n IS NULL THEN u.comm_id
            WHEN m.n = 1 THEN m.call
            ELSE 'room ' || coalesce(u.room_id, '(unknown)') || ' of app '
                 || coalesce(u.sdk_app_id::VARCHAR, '(unknown)') || ' (comm_id unknown)' END AS call,
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
