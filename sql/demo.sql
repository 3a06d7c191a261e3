-- sql/demo.sql: decode a small TRTC event log in place.
-- Run from the build tree:  sqlite3 :memory: '.load ./trtc' '.read sql/demo.sql'
--
-- The log is shaped like DescribeUserEvent's EventMessage (Time in ms).
CREATE TABLE log(peer_id TEXT, time_ms INTEGER, type INTEGER,
                 event_id INTEGER, param1 INTEGER, param2 INTEGER);
INSERT INTO log VALUES
  ('alice', 1700000000123, 0, 5001,   -1,  -1),
  ('alice', 1700000000180, 0, 2002,    5,  -1),
  ('alice', 1700000000456, 0, 5003,    1,  -1),
  ('alice', 1700000001789, 2, 4003, 1280, 720),
  ('alice', 1700000002004, 2, 5007,   -1,  -1),
  ('bob',   1700000000999, 0, 32788,  -1,  -1),
  ('carol', 1700000003000, 0, 5001,   -1,  -1),
  ('carol', 1700000008000, 0, 5003,    0,  -1),
  ('carol', 1700000008100, 2, 4013,   17,   1),
  ('carol', 1700000009000, 0, 9999,    0,   0);

.headers on
.mode box --wrap 100 --wordwrap on
SELECT peer_id,
       strftime('%H:%M:%f', time_ms / 1000.0, 'unixepoch') AS time,
       trtc_stream_type(type)                    AS stream,
       event_id,
       trtc_event_severity(event_id, param1, param2) AS severity,
       coalesce(trtc_event(event_id, param1, param2), '(unknown event)') AS event
  FROM log
 ORDER BY time_ms;
