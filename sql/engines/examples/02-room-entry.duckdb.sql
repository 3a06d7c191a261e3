-- sql/examples/02-room-entry.sql in DuckDB (schema.duckdb.sql): every
-- room-entry attempt (from a 5001) with its outcome, the first 5003
-- (param1 1: success, 0: failure) or WebRTC 32788 (entered) after it, and
-- how long it took. Times are ms (Time is Unix ms);
-- since_first_ms counts from the user's first attempt.
WITH ev AS (
  SELECT comm_id, user_id, time_ms, event_id, param1,
         sum(CASE WHEN event_id = 5001 THEN 1 ELSE 0 END) OVER (PARTITION BY comm_id, user_id
                                                               ORDER BY time_ms, seq) AS attempt
    FROM trtc_event_log
   WHERE peer_id = user_id AND event_id IN (5001, 5003, 32788)
),
attempt AS (
  SELECT comm_id, user_id, attempt,
         min(CASE WHEN event_id = 5001 THEN time_ms END) AS started_ms,
         min(CASE WHEN event_id <> 5001 THEN time_ms END) AS ended_ms
    FROM ev
   WHERE attempt > 0
   GROUP BY comm_id, user_id, attempt
)
SELECT a.user_id AS "user", a.attempt,
       strftime(epoch_ms(a.started_ms), '%H:%M:%S.%g') AS started,
       coalesce((SELECT trtc_event(e.event_id, e.param1)
                   FROM ev AS e
                  WHERE e.comm_id = a.comm_id AND e.user_id = a.user_id
                    AND e.time_ms = a.ended_ms AND e.event_id <> 5001
                  LIMIT 1),
                '(no outcome reported)') AS outcome,
       a.ended_ms - a.started_ms AS entry_ms,
       a.ended_ms - min(a.started_ms) OVER (PARTITION BY a.comm_id, a.user_id)
         AS since_first_ms
  FROM attempt AS a
 ORDER BY a.started_ms;
