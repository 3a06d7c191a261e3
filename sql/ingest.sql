-- sql/ingest.sql: the SQL half of sql/ingest.sh, which runs it in the
-- sqlite3 shell (readfile() and sha3() are the shell's) with the trtc
-- module loaded, sql/schema.sql applied and temp.trtc_ingest_dir(dir)
-- naming one directory of saved responses with its manifest.json.
--
-- One transaction, no output: every listed file that can be read is
-- stored in trtc_responses (a response already there, same API, context
-- and bytes, is skipped), then every response not decoded yet is decoded
-- into trtc_event_log / trtc_unusual_log. The temp tables it leaves
-- behind feed sql/ingest-report.sql.

BEGIN IMMEDIATE;

CREATE TEMP TABLE trtc_ingest_manifest AS
SELECT d.dir, CAST(readfile(d.dir || '/manifest.json') AS TEXT) AS j
  FROM trtc_ingest_dir AS d;

-- The files the manifest lists, with their context (a file's own keys win
-- over the manifest's top-level ones) and their bytes.
CREATE TEMP TABLE trtc_ingest_file AS
SELECT ord, file, sdk_app_id, comm_id, room_id, user_id, body,
       CASE WHEN api IN ('DescribeUserEvent', 'DescribeDetailEvent') THEN 'DescribeUserEvent'
            WHEN api IN ('DescribeUnusualEvent', 'DescribeAbnormalEvent') THEN 'DescribeUnusualEvent'
            WHEN api IS NOT NULL THEN api
            WHEN NOT json_valid(body) THEN NULL
            WHEN json_type(body, '$.Response.AbnormalExperienceList') IS NOT NULL
              OR json_type(body, '$.AbnormalExperienceList') IS NOT NULL
              OR json_type(body, '$[0].ExperienceId') IS NOT NULL THEN 'DescribeUnusualEvent'
            ELSE 'DescribeUserEvent' END AS api,
       NULL AS problem, NULL AS error_code, NULL AS error_message
  FROM (SELECT f.key AS ord,
               json_extract(f.value, '$.file') AS file,
               coalesce(json_extract(f.value, '$.api'), json_extract(m.j, '$.api')) AS api,
               CAST(coalesce(json_extract(f.value, '$.sdk_app_id'),
                             json_extract(m.j, '$.sdk_app_id')) AS INTEGER) AS sdk_app_id,
               CAST(coalesce(json_extract(f.value, '$.comm_id'),
                             json_extract(m.j, '$.comm_id')) AS TEXT) AS comm_id,
               CAST(coalesce(json_extract(f.value, '$.room_id'),
                             json_extract(m.j, '$.room_id')) AS TEXT) AS room_id,
               CAST(coalesce(json_extract(f.value, '$.user_id'),
                             json_extract(m.j, '$.user_id')) AS TEXT) AS user_id,
               CAST(readfile(m.dir || '/' || json_extract(f.value, '$.file')) AS TEXT) AS body
          FROM trtc_ingest_manifest AS m,
               json_each(CASE WHEN NOT json_valid(m.j) THEN NULL
                              WHEN json_type(m.j, '$.files') = 'array' THEN m.j END,
                         '$.files') AS f);

UPDATE trtc_ingest_file SET problem = CASE
    WHEN file IS NULL THEN 'manifest entry ' || ord || ' has no "file"'
    WHEN body IS NULL THEN 'cannot read the file'
    WHEN NOT json_valid(body) THEN 'malformed JSON'
    WHEN api NOT IN ('DescribeUserEvent', 'DescribeUnusualEvent')
      THEN 'unknown "api" ' || quote(api) || ' in the manifest'
    WHEN api = 'DescribeUserEvent' AND user_id IS NULL
      THEN 'a DescribeUserEvent response needs "user_id" in the manifest'
  END;

-- API error responses are kept (with their Code and Message) but not decoded.
UPDATE trtc_ingest_file
   SET error_code = coalesce(json_extract(body, '$.Response.Error.Code'),
                             json_extract(body, '$.Error.Code'), '(no Code)'),
       error_message = coalesce(json_extract(body, '$.Response.Error.Message'),
                                json_extract(body, '$.Error.Message'))
 WHERE CASE WHEN problem IS NULL
            THEN json_type(body, '$.Response.Error') = 'object'
                 OR json_type(body, '$.Error') = 'object' END;

CREATE TEMP TABLE trtc_ingest_before AS
SELECT ifnull(max(response_id), 0) AS last_id FROM trtc_responses;

INSERT OR IGNORE INTO trtc_responses
       (api, sdk_app_id, comm_id, room_id, user_id, source_file, body, body_sha3,
        error_code, error_message)
SELECT api, sdk_app_id, comm_id, room_id, user_id, file, body, sha3(body, 256),
       error_code, error_message
  FROM trtc_ingest_file
 WHERE problem IS NULL
 ORDER BY ord;

INSERT INTO trtc_event_log
       (response_id, seq, sdk_app_id, comm_id, room_id, user_id,
        peer_id, type, time_ms, event_id, param1, param2)
SELECT r.response_id, e.rowid, r.sdk_app_id, r.comm_id, r.room_id, r.user_id,
       e.peer_id, e.type, e.time_ms, e.event_id, e.param1, e.param2
  FROM trtc_responses AS r, trtc_user_events(r.body) AS e
 WHERE r.api = 'DescribeUserEvent' AND r.n_rows IS NULL AND r.error_code IS NULL;

INSERT INTO trtc_unusual_log
       (response_id, seq, sdk_app_id, comm_id, room_id, user_id,
        event_time, experience_id, abnormal_event_id, peer_id)
SELECT r.response_id, e.rowid, r.sdk_app_id, r.comm_id, coalesce(e.room_id, r.room_id),
       e.user_id, e.event_time, e.experience_id, e.abnormal_event_id, e.peer_id
  FROM trtc_responses AS r, trtc_unusual_events(r.body) AS e
 WHERE r.api = 'DescribeUnusualEvent' AND r.n_rows IS NULL AND r.error_code IS NULL;

UPDATE trtc_responses SET n_rows = CASE
    WHEN error_code IS NOT NULL THEN 0
    WHEN api = 'DescribeUserEvent' THEN
      (SELECT count(*) FROM trtc_event_log AS l
        WHERE l.response_id = trtc_responses.response_id)
    ELSE
      (SELECT count(*) FROM trtc_unusual_log AS u
        WHERE u.response_id = trtc_responses.response_id)
  END
 WHERE n_rows IS NULL;

COMMIT;
