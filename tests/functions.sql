-- tests/functions.sql: the scalar functions' rules: matching, omitted
-- parameters, NULL, argument types, unknown ids, the overlapping id
-- spaces, and the extra columns (source, category, severity).
SELECT plan(73);

-- Matching: -1 in a row means "unused, any value matches".
SELECT eq(trtc_event(5001), 'Started entering room', 'params omitted count as -1');
SELECT eq(trtc_event(5001, 7, 9), 'Started entering room', 'a -1 row matches any value');
SELECT eq(trtc_event(1001, 0, 12345), 'The user unplugged wired earphone', 'param2 -1 in the row matches any param2');
SELECT eq(trtc_event(5003, 0), 'Failed to enter room', '5003 0: failure');
SELECT eq(trtc_event(5003, 1, -1), 'Entered room successfully', '5003 1: success');
SELECT eq(trtc_event(5003), NULL, '5003 with param1 omitted (-1) matches no row');
SELECT eq(trtc_event(5003, 2), NULL, '5003 2 matches no row');
SELECT eq(trtc_event(6001, 101, 2), '(Qos: cloud control mode - smoothness preferred) audio call', '6001 uses both params');
SELECT eq(trtc_event(6001, 101), NULL, '6001 with param2 omitted matches no row');
SELECT eq(trtc_event(6001, 3, 0), NULL, '6001 3 0 matches no row');
SELECT eq(trtc_event(4013, 17), NULL, '4013 needs param2 0 or 1');
SELECT eq(trtc_event(4013, 17, 2), NULL, '4013 17 2 matches no row');
SELECT eq(trtc_event(4003), 'Video resolution has been switched (Resolution width: -1, Resolution height: -1)', '4003 with params omitted shows -1');
SELECT eq(trtc_event(4003, -5, 9223372036854775807),
          'Video resolution has been switched (Resolution width: -5, Resolution height: 9223372036854775807)',
          'measured values show any 64-bit value');
SELECT eq(trtc_event(32788), 'Entered room', 'WebRTC 32788');
SELECT eq(trtc_event(36864, -1, -1), 'Signaling channel has disconnected, which is reported by the backend', 'WebRTC 36864');

-- NULL in, NULL out.
SELECT eq(trtc_event(NULL), NULL, 'NULL event id');
SELECT eq(trtc_event(NULL, 0, -1), NULL, 'NULL event id with params');
SELECT eq(trtc_event(5003, NULL), NULL, 'NULL param1');
SELECT eq(trtc_event(5003, 0, NULL), NULL, 'NULL param2');
SELECT eq(trtc_experience(NULL), NULL, 'trtc_experience(NULL)');
SELECT eq(trtc_abnormal_event(NULL), NULL, 'trtc_abnormal_event(NULL)');
SELECT eq(trtc_abnormal_event_kind(NULL), NULL, 'trtc_abnormal_event_kind(NULL)');
SELECT eq(trtc_stream_type(NULL), NULL, 'trtc_stream_type(NULL)');
SELECT eq(trtc_event_source(NULL), NULL, 'trtc_event_source(NULL)');
SELECT eq(trtc_event_category(NULL), NULL, 'trtc_event_category(NULL)');
SELECT eq(trtc_event_severity(NULL, 0), NULL, 'trtc_event_severity(NULL, 0)');

-- Argument types: integers, integral reals and integer text count.
SELECT eq(trtc_event('5003', '0'), 'Failed to enter room', 'numeric text');
SELECT eq(trtc_event(' 5003 ', '+1'), 'Entered room successfully', 'numeric text with spaces and sign');
SELECT eq(trtc_event(5003.0, 0.0), 'Failed to enter room', 'integral reals');
SELECT eq(trtc_event('5003.00', '1'), 'Entered room successfully', 'integral real text');
SELECT eq(trtc_event(5003.5, 0), NULL, 'non-integral real');
SELECT eq(trtc_event('5003.5', 0), NULL, 'non-integral real text');
SELECT eq(trtc_event('5003abc', 0), NULL, 'text with trailing garbage');
SELECT eq(trtc_event('abc'), NULL, 'text');
SELECT eq(trtc_event(''), NULL, 'empty text');
SELECT eq(trtc_event('0x138B', 0), NULL, 'hex text is not a number here');
SELECT eq(trtc_event('5e3'), NULL, 'exponent text is not accepted');
SELECT eq(trtc_event(x'138B', 0), NULL, 'blob');
SELECT eq(trtc_event(1e300), NULL, 'huge real');
SELECT eq(trtc_event(9223372036854775808.0), NULL, 'real 2^63 is out of range');
SELECT eq(trtc_event('99999999999999999999'), NULL, 'text beyond 64 bits');
SELECT eq(trtc_event(-9223372036854775808), NULL, 'int64 minimum: unknown id');
SELECT eq(trtc_event(5001, '-9223372036854775808'), 'Started entering room', 'int64 minimum as text is a number');
SELECT eq(trtc_event(5001, '9223372036854775808'), NULL, '2^63 as text is out of range');
SELECT eq(trtc_event(5001, 0.5), NULL, 'a non-integral parameter gives NULL, even where any value matches');

-- Unknown ids.
SELECT eq(trtc_event(0), NULL, 'event 0');
SELECT eq(trtc_event(1000, 0), NULL, 'event 1000');
SELECT eq(trtc_event(7002, 0), NULL, 'event 7002');
SELECT eq(trtc_event(32794), NULL, 'event 32794');
SELECT eq(trtc_stream_type(1), NULL, 'stream type 1');

-- The id spaces overlap: the field decides, never the number alone.
SELECT eq(trtc_abnormal_event(1001), 'Failed to initialize audio device', 'abnormal 1001');
SELECT eq(trtc_event(1001, 0), 'The user unplugged wired earphone', 'event 1001 0');
SELECT eq(trtc_abnormal_event(2002), 'The application CPU utilization was too high', 'abnormal 2002');
SELECT eq(trtc_event(2002, 5), 'The application does not have permission to use camera', 'event 2002 5');
SELECT eq(trtc_abnormal_event_kind(1032), 'room_dismissal', 'kind of 1032');
SELECT eq(trtc_abnormal_event_kind(2001), 'realtime', 'kind of 2001');

-- Stream types (EventMessage.Type).
SELECT eq(trtc_stream_type(0), 'none', 'type 0');
SELECT eq(trtc_stream_type(2), 'big', 'type 2');
SELECT eq(trtc_stream_type('3'), 'small', 'type 3 as text');
SELECT eq(trtc_stream_type(7), 'bypass', 'type 7');

-- Source, category, severity.
SELECT eq(trtc_event_source(5003), 'sdk', 'source of 5003');
SELECT eq(trtc_event_source(32788), 'webrtc', 'source of 32788');
SELECT eq(trtc_event_source(9999), NULL, 'source of an unknown id');
SELECT eq(trtc_event_category(2002), 'permission', 'category of 2002');
SELECT eq(trtc_event_category(6001), 'qos', 'category of 6001');
SELECT eq(trtc_event_category(4242), NULL, 'category of an unknown id');
SELECT eq(trtc_event_severity(5003, 0), 'error', '5003 0 is an error');
SELECT eq(trtc_event_severity(5003, 1, -1), 'info', '5003 1 is info');
SELECT eq(trtc_event_severity(5003), NULL, 'severity follows the matching rule');
SELECT eq(trtc_event_severity(2001, 1), 'warning', 'background is a warning');

-- Version and build.
SELECT eq(trtc_version(), '0.1.0', 'trtc_version');
SELECT ok(trtc_debug() LIKE 'Version: 0.1.0' || char(10) || 'SQLite compiled: 3.%'
          AND instr(trtc_debug(), 'SQLite running: ' || sqlite_version()) > 0, 'trtc_debug');
