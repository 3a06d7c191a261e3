-- bench/report-large.sql: a generated call of 50 users and exactly 20,000
-- events (400 each) over an hour, with 200 abnormal-experience rows, in
-- a database that has sql/schema.sql's tables. bench/report-bench.sh
-- times its report in headless Chromium; tests/report_browser.sh checks
-- that the page stands for every one of its events. Deterministic: the
-- same rows every time.
--
--   cat sql/schema.sql bench/report-large.sql | sqlite3 -cmd '.load ./trtc' large.db
--
-- Each user u01..u50 joins 20 s after the previous one (5001, then 5003
-- entered; every tenth user fails once first), reports 396 events drawn
-- from a list of common ones (a quarter about remote users' streams), and
-- leaves (5008) before the hour is over, except every seventh user, who
-- reports no exit (open-ended).
BEGIN;
INSERT INTO trtc_responses (response_id, api, sdk_app_id, comm_id, room_id, user_id, body, body_sha3)
WITH RECURSIVE u(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM u WHERE n < 50)
SELECT 100000 + n, 'DescribeUserEvent', 1400000001, '1400000001_9000_1710000000', '9000',
       printf('u%02d', n), '{"generated":true}', x'00'
  FROM u;
INSERT INTO trtc_responses (response_id, api, sdk_app_id, comm_id, room_id, user_id, body, body_sha3)
VALUES (100100, 'DescribeUnusualEvent', 1400000001, '1400000001_9000_1710000000', '9000', NULL,
        '{"generated":true}', x'00');

CREATE TEMP TABLE pick (k INTEGER PRIMARY KEY, event_id, param1, param2, remote);
INSERT INTO pick VALUES
  (0, 1003, 1, -1, 0), (1, 1003, 2, -1, 0), (2, 3001, 0, -1, 0), (3, 3001, 1, -1, 0),
  (4, 4001, 0, -1, 0), (5, 5009, -1, -1, 0), (6, 5004, -1, -1, 0), (7, 4003, 1280, 720, 0),
  (8, 2001, 1, -1, 0), (9, 2001, 0, -1, 0), (10, 5002, 1, -1, 0), (11, 3002, 0, -1, 0),
  (12, 4015, 1, -1, 1), (13, 5006, -1, -1, 1), (14, 5007, -1, -1, 1), (15, 4015, 0, -1, 1),
  (16, 5005, -1, -1, 0), (17, 2002, 5, -1, 0), (18, 3001, 3, -1, 0), (19, 1001, 1, -1, 0);

-- The start of the call: 2024-03-10 16:00:00 UTC.
CREATE TEMP TABLE clock AS SELECT 1710086400000 AS t0, 3600000 AS span;

INSERT INTO trtc_event_log (response_id, seq, sdk_app_id, comm_id, room_id, user_id, peer_id,
                            type, time_ms, event_id, param1, param2)
WITH RECURSIVE u(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM u WHERE n < 50),
k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 400),
usr AS (
  SELECT n, printf('u%02d', n) AS id,
         (SELECT t0 FROM clock) + (n - 1) * 20000 AS join_ms,
         (SELECT t0 + span FROM clock) - (51 - n) * 15000 AS leave_ms
    FROM u
),
ev AS (
  SELECT usr.*, k.i,
         -- rows 1-4: entry (a failed first attempt for every tenth user);
         -- row 400: the exit, or one more event for every seventh user
         CASE WHEN k.i = 1 THEN 5001
              WHEN k.i = 2 THEN 5003
              WHEN k.i = 3 AND n % 10 = 0 THEN 5001
              WHEN k.i = 4 AND n % 10 = 0 THEN 5003
              WHEN k.i = 400 AND n % 7 <> 0 THEN 5008
         END AS fixed_id,
         (n * 7919 + k.i * 104729) % 20 AS r
    FROM usr, k
)
SELECT 100000 + n, i, 1400000001, '1400000001_9000_1710000000', '9000', id,
       CASE WHEN fixed_id IS NULL AND p.remote THEN printf('u%02d', (n + i) % 50 + 1) ELSE id END,
       CASE WHEN fixed_id IS NULL AND p.event_id IN (4003, 5004, 4015, 5006, 5007) THEN 1 ELSE 0 END,
       CASE WHEN fixed_id IS NOT NULL THEN
              CASE i WHEN 1 THEN join_ms WHEN 2 THEN join_ms + 700 + (n % 10 = 0) * 4300
                     WHEN 3 THEN join_ms + 6000 WHEN 4 THEN join_ms + 6800 ELSE leave_ms END
            ELSE join_ms + 8000 + (n * 31 + i * 7877) * 2713 % (leave_ms - join_ms - 10000)
       END,
       coalesce(fixed_id, p.event_id),
       CASE WHEN fixed_id = 5003 THEN (i = 4 OR n % 10 <> 0)
            WHEN fixed_id = 5008 THEN 1
            WHEN fixed_id IS NOT NULL THEN -1
            ELSE p.param1 END,
       CASE WHEN fixed_id IS NOT NULL THEN -1 ELSE p.param2 END
  FROM ev JOIN pick AS p ON p.k = ev.r;

INSERT INTO trtc_unusual_log (response_id, seq, sdk_app_id, comm_id, room_id, user_id, event_time,
                              experience_id, abnormal_event_id, peer_id)
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 200)
SELECT 100100, i, 1400000001, '1400000001_9000_1710000000', '9000', printf('u%02d', i % 50 + 1),
       ((SELECT t0 FROM clock) + 60000 + i * 7919 * 13 % 3300000) / 1000,
       i % 5 + 1,
       CASE i % 5 WHEN 0 THEN 1013 WHEN 1 THEN 1016 WHEN 2 THEN 1020 WHEN 3 THEN 2024 ELSE NULL END,
       CASE WHEN i % 5 = 3 THEN printf('u%02d', (i + 7) % 50 + 1) END
  FROM k;
UPDATE trtc_responses SET n_rows = (SELECT count(*) FROM trtc_event_log AS l
                                     WHERE l.response_id = trtc_responses.response_id)
 WHERE response_id BETWEEN 100001 AND 100050;
UPDATE trtc_responses SET n_rows = 200 WHERE response_id = 100100;
COMMIT;
