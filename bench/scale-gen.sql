-- bench/scale-gen.sql: fill the tables of sql/schema.sql with a seeded,
-- generated log of many calls, in SQL only (no response bodies are
-- parsed). bench/scale.c runs it after creating temp.bench_scale(seed,
-- calls); by hand:
--
--   sqlite3 big.db '.read sql/schema.sql' \
--     'CREATE TEMP TABLE bench_scale AS SELECT 1 AS seed, 100 AS calls' \
--     '.read bench/scale-gen.sql'
--
-- The shape, per call: 2 to 8 users, each with one DescribeUserEvent
-- response; 20% of them WebRTC (half of those without a 5001, as in
-- Tencent's own example response), the others SDK users of whom 10% fail
-- to enter once and 2% twice before entering; 90% report their exit; each
-- SDK user sees each other user's stream (4015, 5006, 5007), each WebRTC
-- user subscribes (32776, 32777); 120 to 420 further events per user
-- (frame rate, bitrate and resolution switches, network changes, mute,
-- background, decoding failures about a remote stream, rare permission
-- and camera errors). 3% of the calls have no comm_id (NULL). Half the
-- calls have a DescribeUnusualEvent response of 1 to 3 abnormal
-- experiences, half of which carry the call's comm_id. About 1,370
-- events per call: 7,300 calls make 10 million rows.
--
-- Random numbers are a hash of (seed, row numbers), so a seed always
-- gives the same database. Rows are inserted in primary-key order.

CREATE TEMP TABLE g_num(i INTEGER PRIMARY KEY);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
INSERT INTO g_num SELECT i FROM n;

-- h(a, b) = (((a * 2654435761 + b * 40503 + seed * 97) % 4294967291)
--            * 1103515245 + 12345) % 2147483648, written out below.

CREATE TEMP TABLE g_call AS
SELECT i AS c,
       1400000000 + (h % 5) AS app,
       CAST(10000 + (h / 5) % 90000 AS TEXT) AS room,
       1710000000000 + i * 600000 + (h / 7) % 300000 AS create_ms,
       2 + (h / 11) % 7 AS nusers,
       (h / 13) % 33 = 0 AS no_comm,
       (h / 17) % 2 = 0 AS has_unusual,
       (h / 19) % 2 = 0 AS unusual_comm
  FROM (SELECT n.i, (((n.i * 2654435761 + 1 * 40503 + s.seed * 97) % 4294967291)
                      * 1103515245 + 12345) % 2147483648 AS h
          FROM g_num AS n, temp.bench_scale AS s
         WHERE n.i < s.calls);

-- One row per user of a call; rid is the user's response_id.
CREATE TEMP TABLE g_user(rid INTEGER PRIMARY KEY, c, k, user_id, webrtc, w5001,
                         fails, t_join, t_ok, dur, exited, nstruct, per, nremote, nev);
INSERT INTO g_user
SELECT NULL, c, k, user_id, webrtc, w5001, fails, t_join,
       t_join + fails * 8000 + CASE WHEN webrtc THEN 800 ELSE 500 END,
       dur, exited,
       CASE WHEN webrtc THEN 5 + w5001 ELSE fails * 5 + 9 END + exited,
       CASE WHEN webrtc THEN 2 ELSE 3 END,
       CASE WHEN webrtc THEN 2 ELSE 3 END * (nusers - 1),
       CASE WHEN webrtc THEN 5 + w5001 ELSE fails * 5 + 9 END + exited
         + CASE WHEN webrtc THEN 2 ELSE 3 END * (nusers - 1) + 120 + (h / 23) % 301
  FROM (SELECT c, k, nusers, 'u' || (c % 1000) || '-' || k AS user_id,
               (h % 5) = 0 AS webrtc, (h / 5) % 2 AS w5001,
               CASE WHEN (h / 10) % 50 = 0 THEN 2 WHEN (h / 10) % 10 = 0 THEN 1 ELSE 0 END AS fails,
               create_ms + k * 5000 + (h / 500) % 3000 AS t_join,
               300000 + (h / 7) % 3300000 AS dur,
               (h / 3) % 10 <> 0 AS exited, h
          FROM (SELECT c.c, k.i AS k, c.nusers, c.create_ms,
                       (((c.c * 2654435761 + k.i * 40503 + s.seed * 97) % 4294967291)
                        * 1103515245 + 12345) % 2147483648 AS h
                  FROM g_call AS c, g_num AS k, temp.bench_scale AS s
                 WHERE k.i < c.nusers)
         ORDER BY c, k);
CREATE INDEX g_user_ck ON g_user(c, k);

-- The room-entry sequences: seg 0 a failed SDK attempt, 1 a successful
-- one (then mic, camera, first audio, video), 2 a WebRTC entry (j 0 is
-- its 5001). dt is ms from the attempt's start.
CREATE TEMP TABLE g_script(seg, j, event_id, param1, param2, type, dt, PRIMARY KEY (seg, j));
INSERT INTO g_script VALUES
  (0, 0, 5001, -1, -1, 0, 0), (0, 1, 1003, 2, -1, 0, 50), (0, 2, 5002, 0, -1, 0, 3000),
  (0, 3, 5005, -1, -1, 0, 5000), (0, 4, 5003, 0, -1, 0, 5020),
  (1, 0, 5001, -1, -1, 0, 0), (1, 1, 1003, 1, -1, 0, 60), (1, 2, 5002, 1, -1, 0, 200),
  (1, 3, 5003, 1, -1, 0, 500), (1, 4, 3001, 0, -1, 0, 600), (1, 5, 4001, 0, -1, 0, 800),
  (1, 6, 5009, -1, -1, 0, 900), (1, 7, 5004, -1, -1, 2, 1000), (1, 8, 4003, 1280, 720, 2, 1010),
  (2, 0, 5001, -1, -1, 0, 0), (2, 1, 32791, -1, -1, 0, 300), (2, 2, 32788, -1, -1, 0, 800),
  (2, 3, 32769, -1, -1, 0, 850), (2, 4, 32768, -1, -1, 2, 870), (2, 5, 32793, -1, -1, 0, 1200),
  -- about a remote user's stream: 3 an SDK viewer, 4 a WebRTC viewer
  (3, 0, 4015, 1, -1, 2, 0), (3, 1, 5006, -1, -1, 2, 400), (3, 2, 5007, -1, -1, 2, 550),
  (4, 0, 32776, -1, -1, 2, 0), (4, 1, 32777, -1, -1, 0, 10);

-- The further events: r = hash % 100 picks one (0-99 SDK users, 100-199
-- WebRTC users); remote = 1: about another user's stream.
CREATE TEMP TABLE g_bulk(r INTEGER PRIMARY KEY, event_id, param1, param2, type, remote);
INSERT INTO g_bulk
SELECT n.i, e.event_id, e.param1, e.param2, e.type, e.remote
  FROM g_num AS n
  JOIN (SELECT column1 AS lo, column2 AS hi, column3 AS event_id, column4 AS param1,
               column5 AS param2, column6 AS type, column7 AS remote
          FROM (VALUES
            (0, 5, 4008, 15, -1, 2, 0), (6, 11, 4008, 24, -1, 2, 0), (12, 15, 4008, 30, -1, 2, 0),
            (16, 21, 4009, 800, -1, 2, 0), (22, 27, 4009, 1500, -1, 2, 0),
            (28, 31, 4003, 960, 540, 2, 0), (32, 34, 4003, 640, 360, 2, 0), (35, 36, 4007, 1280, 720, 2, 0),
            (37, 40, 1003, 1, -1, 0, 0), (41, 42, 1003, 2, -1, 0, 0), (43, 43, 1003, 0, -1, 0, 0),
            (44, 47, 3001, 1, -1, 0, 0), (48, 51, 3001, 3, -1, 0, 0),
            (52, 53, 2001, 1, -1, 0, 0), (54, 55, 2001, 0, -1, 0, 0),
            (56, 57, 3004, 0, -1, 0, 0), (58, 59, 3002, 1, -1, 0, 0),
            (60, 67, 4014, 0, -1, 2, 1), (68, 75, 4014, 1, -1, 2, 1),
            (76, 80, 4013, 12, 0, 2, 1), (81, 83, 4013, 4, 1, 2, 1), (84, 87, 4005, 1, -1, 2, 1),
            (88, 91, 4015, 0, -1, 2, 1), (92, 93, 4012, -1, -1, 2, 1), (94, 94, 5007, -1, -1, 3, 1),
            (95, 95, 2002, 5, -1, 0, 0), (96, 96, 2002, 4, -1, 0, 0), (97, 97, 4002, 0, -1, 0, 0),
            (98, 98, 5005, -1, -1, 0, 0), (99, 99, 4011, -1, -1, 0, 0),
            (100, 109, 32768, -1, -1, 2, 0), (110, 119, 32770, -1, -1, 2, 0),
            (120, 127, 32769, -1, -1, 0, 0), (128, 135, 32771, -1, -1, 0, 0),
            (136, 141, 32780, -1, -1, 2, 0), (142, 145, 32781, -1, -1, 0, 0),
            (146, 153, 32782, -1, -1, 2, 0), (154, 159, 32783, -1, -1, 0, 0),
            (160, 167, 32784, -1, -1, 2, 1), (168, 175, 32786, -1, -1, 2, 1),
            (176, 181, 32778, -1, -1, 2, 1), (182, 187, 32776, -1, -1, 2, 1),
            (188, 191, 32790, -1, -1, 0, 0), (192, 195, 32791, -1, -1, 0, 0),
            (196, 197, 32792, -1, -1, 0, 0), (198, 199, 32793, -1, -1, 0, 0)))
    AS e ON n.i BETWEEN e.lo AND e.hi
 WHERE n.i < 200;

INSERT INTO trtc_responses (response_id, api, sdk_app_id, comm_id, room_id, user_id,
                            source_file, body, body_sha3, n_rows)
SELECT u.rid, 'DescribeUserEvent', c.app,
       CASE WHEN NOT c.no_comm THEN c.app || '_' || c.room || '_' || (c.create_ms / 1000) END,
       c.room, u.user_id, 'generated', '{"Data": [], "RequestId": "generated"}',
       CAST(printf('user-%d', u.rid) AS BLOB), u.nev
  FROM g_user AS u JOIN g_call AS c ON c.c = u.c
 ORDER BY u.rid;

-- The events: for each user (in response order) n = 0 .. nev-1: first the
-- room-entry sequences and the exit, then the events about each other
-- user's stream, then the further events.
INSERT INTO trtc_event_log (response_id, seq, sdk_app_id, comm_id, room_id, user_id,
                            peer_id, type, time_ms, event_id, param1, param2)
SELECT rid, n + 1, app, comm, room, user_id,
       CASE WHEN part = 3 OR (part = 4 AND b_remote) THEN o_user ELSE user_id END,
       CASE part WHEN 1 THEN s_type WHEN 2 THEN 0 WHEN 3 THEN s_type ELSE b_type END,
       CASE part WHEN 1 THEN base + s_dt WHEN 2 THEN t_ok + dur
            WHEN 3 THEN max(t_ok, o_ok) + 300 + s_dt
            ELSE t_ok + 2000 + (n - nstruct - nremote) * (dur - 4000) / (nev - nstruct - nremote) END,
       CASE part WHEN 1 THEN s_event WHEN 2 THEN CASE WHEN webrtc THEN 32789 ELSE 5008 END
            WHEN 3 THEN s_event ELSE b_event END,
       CASE part WHEN 1 THEN s_p1 WHEN 2 THEN CASE WHEN webrtc THEN -1 ELSE 1 END
            WHEN 3 THEN s_p1 ELSE b_p1 END,
       CASE part WHEN 1 THEN s_p2 WHEN 2 THEN -1 WHEN 3 THEN s_p2 ELSE b_p2 END
  FROM (SELECT x.*, s.event_id AS s_event, s.param1 AS s_p1, s.param2 AS s_p2,
               s.type AS s_type, s.dt AS s_dt,
               b.event_id AS b_event, b.param1 AS b_p1, b.param2 AS b_p2, b.type AS b_type,
               b.remote AS b_remote, o.user_id AS o_user, o.t_ok AS o_ok
          FROM (SELECT u.rid, u.user_id, u.webrtc, u.t_ok, u.dur, u.nstruct, u.nremote, u.nev,
                       c.app, c.room, c.nusers, u.k, u.c,
                       CASE WHEN NOT c.no_comm THEN c.app || '_' || c.room || '_' || (c.create_ms / 1000) END AS comm,
                       n.i AS n,
                       -- part 1: entry sequences, 2: the exit, 3: remote streams, 4: the rest
                       CASE WHEN n.i < u.nstruct - u.exited THEN 1 WHEN n.i < u.nstruct THEN 2
                            WHEN n.i < u.nstruct + u.nremote THEN 3 ELSE 4 END AS part,
                       CASE WHEN n.i < u.nstruct - u.exited THEN
                              CASE WHEN u.webrtc THEN 2 WHEN n.i < u.fails * 5 THEN 0 ELSE 1 END
                            WHEN n.i >= u.nstruct AND n.i < u.nstruct + u.nremote THEN 3 + u.webrtc
                       END AS seg,
                       CASE WHEN n.i < u.nstruct - u.exited THEN
                              CASE WHEN u.webrtc THEN n.i + 1 - u.w5001
                                   WHEN n.i < u.fails * 5 THEN n.i % 5 ELSE n.i - u.fails * 5 END
                            WHEN n.i >= u.nstruct AND n.i < u.nstruct + u.nremote THEN (n.i - u.nstruct) % u.per
                       END AS j,
                       CASE WHEN u.webrtc THEN u.t_join
                            WHEN n.i < u.fails * 5 THEN u.t_join + (n.i / 5) * 8000
                            ELSE u.t_join + u.fails * 8000 END AS base,
                       -- the other user: part 3 in turn, part 4 by hash
                       CASE WHEN n.i >= u.nstruct AND n.i < u.nstruct + u.nremote
                            THEN (n.i - u.nstruct) / u.per
                            ELSE (((u.rid * 2654435761 + n.i * 40503 + 7 * 97) % 4294967291)
                                  * 1103515245 + 12345) % 2147483648 % (c.nusers - 1) END AS q,
                       (((u.rid * 2654435761 + n.i * 40503 + s.seed * 97) % 4294967291)
                        * 1103515245 + 12345) % 2147483648 % 100 + 100 * u.webrtc AS r
                  FROM g_user AS u
                  JOIN g_call AS c ON c.c = u.c
                  JOIN temp.bench_scale AS s
                  JOIN g_num AS n ON n.i < u.nev) AS x
          LEFT JOIN g_script AS s ON s.seg = x.seg AND s.j = x.j
          LEFT JOIN g_bulk AS b ON b.r = x.r AND x.part = 4
          LEFT JOIN g_user AS o ON o.c = x.c AND o.k = x.q + (x.q >= x.k)
                               AND (x.part = 3 OR (x.part = 4 AND b.remote)));

-- Abnormal experiences: in half the calls, 1 to 3, each with 0 to 3
-- abnormal events (the causes that go with the experience), PeerId the
-- user behind a downstream problem or "" (NULL).
CREATE TEMP TABLE g_cause(experience_id, j, abnormal_event_id, remote, PRIMARY KEY (experience_id, j));
INSERT INTO g_cause VALUES
  (1, 0, 1013, 0), (1, 1, 1005, 0), (1, 2, 1004, 0),
  (2, 0, 1016, 0), (2, 1, 1015, 0), (2, 2, 1018, 0),
  (3, 0, 1020, 0), (3, 1, 1019, 0), (3, 2, 1022, 0),
  (4, 0, 2024, 1), (4, 1, 2001, 0), (4, 2, 2017, 1),
  (5, 0, 2023, 1), (5, 1, 2015, 1), (5, 2, 2005, 0);
INSERT INTO trtc_responses (response_id, api, sdk_app_id, comm_id, room_id, user_id,
                            source_file, body, body_sha3, n_rows)
SELECT (SELECT max(rid) FROM g_user) + 1 + c.c, 'DescribeUnusualEvent', c.app,
       CASE WHEN c.unusual_comm AND NOT c.no_comm THEN c.app || '_' || c.room || '_' || (c.create_ms / 1000) END,
       c.room, NULL, 'generated', '{"AbnormalExperienceList": [], "RequestId": "generated"}',
       CAST(printf('unusual-%d', c.c) AS BLOB), NULL
  FROM g_call AS c WHERE c.has_unusual ORDER BY c.c;
CREATE TEMP TABLE g_exp AS
SELECT c, e, j.i AS j, 1 + (h / 3) % 5 AS experience_id,
       h % nusers AS k, (h / 7) % (nusers - 1) AS q, (h / 11) % 4 AS ncause
  FROM (SELECT c.c, c.nusers, e.i AS e,
               (((c.c * 2654435761 + e.i * 40503 + s.seed * 97) % 4294967291)
                * 1103515245 + 12345) % 2147483648 AS h
          FROM g_call AS c
          CROSS JOIN g_num AS e
          CROSS JOIN temp.bench_scale AS s
         WHERE c.has_unusual AND e.i < 1 + c.c % 3)
 CROSS JOIN g_num AS j
 WHERE j.i < max(1, (h / 11) % 4)
 ORDER BY c, e, j.i;
INSERT INTO trtc_unusual_log (response_id, seq, sdk_app_id, comm_id, room_id, user_id,
                              event_time, experience_id, abnormal_event_id, peer_id)
SELECT r.response_id, row_number() OVER (PARTITION BY r.response_id ORDER BY x.rowid),
       r.sdk_app_id, r.comm_id, r.room_id, u.user_id, (u.t_ok + 30000 + x.e * 61000) / 1000,
       x.experience_id, g.abnormal_event_id,
       CASE WHEN g.remote THEN o.user_id END
  FROM g_exp AS x
  JOIN trtc_responses AS r ON r.response_id = (SELECT max(rid) FROM g_user) + 1 + x.c
  JOIN g_user AS u ON u.c = x.c AND u.k = x.k
  LEFT JOIN g_cause AS g ON g.experience_id = x.experience_id AND g.j = x.j AND x.ncause > 0
  LEFT JOIN g_user AS o ON o.c = x.c AND o.k = x.q + (x.q >= x.k)
 ORDER BY x.rowid;
UPDATE trtc_responses SET n_rows = (SELECT count(*) FROM trtc_unusual_log AS l
                                     WHERE l.response_id = trtc_responses.response_id)
 WHERE api = 'DescribeUnusualEvent';

DROP TABLE g_num; DROP TABLE g_call; DROP TABLE g_user; DROP TABLE g_script;
DROP TABLE g_bulk; DROP TABLE g_cause; DROP TABLE g_exp;
