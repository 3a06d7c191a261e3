-- sql/examples/01-timeline.sql in PostgreSQL (schema.postgresql.sql): a
-- user's decoded timeline, every event carol's client reported during the
-- call, in time order. peer is the user the event concerns: carol herself,
-- or the remote user whose stream it is about.
SELECT substr(time_utc, 12) AS time, peer_id AS peer, stream,
       event_id AS event, param1 AS p1, param2 AS p2, text, severity
  FROM trtc_event_log_decoded
 WHERE comm_id = '1400188366_61203_1710235800' AND user_id = 'carol'
 ORDER BY time_ms, seq;
