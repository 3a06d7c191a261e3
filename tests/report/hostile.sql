-- tests/report/hostile.sql: hostile text in every place the report shows
-- data, added to a database of the sample call (tests/report_browser.sh,
-- tests/report_cli.sh). A user id that is HTML, one that closes the
-- script element, a peer id with U+2028 in it, a call and a room whose
-- ids are markup, a device type of the user list (trtc fetch's
-- trtc_users) that is markup; none of it may run or become markup.
INSERT INTO trtc_responses (response_id, api, sdk_app_id, comm_id, room_id, user_id, body, body_sha3)
VALUES (9001, 'DescribeUserEvent', 1400188366, '1400188366_61203_1710235800', '61203',
        '<img src=x onerror=alert(1)>', '{}', x'01'),
       (9002, 'DescribeUserEvent', 1400188366, '"><svg onload=alert(3)>', '</title><script>alert(4)</script>',
        '</script><script>alert(1)</script>', '{}', x'02'),
       (9003, 'DescribeUnusualEvent', 1400188366, '1400188366_61203_1710235800', '61203', NULL, '{}', x'03');
INSERT INTO trtc_event_log (response_id, seq, sdk_app_id, comm_id, room_id, user_id, peer_id, type, time_ms, event_id, param1, param2)
VALUES
 (9001, 1, 1400188366, '1400188366_61203_1710235800', '61203', '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>', 0, 1710235900000, 5001, -1, -1),
 (9001, 2, 1400188366, '1400188366_61203_1710235800', '61203', '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>', 0, 1710235901000, 5003, 0, -1),
 (9001, 3, 1400188366, '1400188366_61203_1710235800', '61203', '<img src=x onerror=alert(1)>', 'alice' || char(8232) || '</script><b>', 1, 1710235905000, 5007, -1, -1),
 (9002, 1, 1400188366, '"><svg onload=alert(3)>', '</title><script>alert(4)</script>', '</script><script>alert(1)</script>', '</script><script>alert(1)</script>', 0, 1710235910000, 5001, -1, -1),
 (9002, 2, 1400188366, '"><svg onload=alert(3)>', '</title><script>alert(4)</script>', '</script><script>alert(1)</script>', '</script><script>alert(1)</script>', 0, 1710235910500, 5003, 1, -1);
INSERT INTO trtc_unusual_log (response_id, seq, sdk_app_id, comm_id, room_id, user_id, event_time, experience_id, abnormal_event_id, peer_id)
VALUES (9003, 1, 1400188366, '1400188366_61203_1710235800', '61203', '<img src=x onerror=alert(1)>', 1710235902, 1, 1005, '<script>alert(5)</script>');
INSERT INTO trtc_users (sdk_app_id, comm_id, room_id, user_id, join_ts, leave_ts, device_type, sdk_version, client_ip, finished)
VALUES (1400188366, '1400188366_61203_1710235800', '61203', '<img src=x onerror=alert(1)>', 1710235899, 1710235990,
        '<img src=y onerror=alert(6)>', '"><b>7</b>', '10.0.0.9', 1);
