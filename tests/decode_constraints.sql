-- tests/decode_constraints.sql: how trtc_decode's xBestIndex takes the
-- constraints SQLite offers it on the hidden argument columns beyond the
-- plain "=" of a call: the same argument given twice (the first "=" is
-- used, the second checked by SQLite), and "<", "<>", IS NULL on an
-- argument (not used by the table: SQLite checks them against the
-- arguments as read, -1 for an absent parameter).
SELECT plan(5);
SELECT eq((SELECT group_concat(event_id || ':' || text) FROM trtc_decode
            WHERE arg_event_id = 5001 AND arg_event_id = 5001),
          '5001:Started entering room', 'arg_event_id = twice: the one row');
SELECT eq((SELECT count(*) FROM trtc_decode WHERE arg_event_id = 5001 AND arg_event_id = 5003), 0,
          'arg_event_id = two different ids: no row');
SELECT eq((SELECT count(*) FROM trtc_decode WHERE arg_event_id = 5001 AND arg_param1 < 0), 1,
          'arg_param1 < 0 with no param1 given: it reads -1, the row stays');
SELECT eq((SELECT count(*) FROM trtc_decode WHERE arg_event_id = 5001 AND arg_param2 IS NULL), 0,
          'arg_param2 IS NULL: it reads -1, not NULL: no row');
SELECT eq((SELECT group_concat(arg_event_id || ' ' || arg_param1 || ' ' || arg_param2)
             FROM trtc_decode(5001) WHERE arg_param1 <> 7),
          '5001 -1 -1', 'trtc_decode(5001) with arg_param1 <> 7: the row, arguments as read');
