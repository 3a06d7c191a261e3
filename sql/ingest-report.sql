-- sql/ingest-report.sql: what sql/ingest.sql did, from the temp tables it
-- left: "problem: ..." lines for what could not be loaded, "note: ..."
-- lines for API error responses (stored, without rows), then a summary.
.headers off
.mode list
SELECT 'problem: ' || dir || '/manifest.json: '
       || CASE WHEN j IS NULL THEN 'cannot read it'
               WHEN NOT json_valid(j) THEN 'malformed JSON'
               ELSE 'no "files" array' END
  FROM trtc_ingest_manifest
 WHERE CASE WHEN json_valid(j) THEN json_type(j, '$.files') IS NOT 'array' ELSE 1 END;
SELECT 'problem: ' || d.dir || '/' || ifnull(f.file, '') || ': ' || f.problem
  FROM trtc_ingest_file AS f, trtc_ingest_dir AS d
 WHERE f.problem IS NOT NULL
 ORDER BY f.ord;
SELECT 'note: ' || r.source_file || ': API error ' || r.error_code || ': '
       || ifnull(r.error_message, '(no Message)') || ' (stored, no rows)'
  FROM trtc_responses AS r, trtc_ingest_before AS b
 WHERE r.response_id > b.last_id AND r.error_code IS NOT NULL
 ORDER BY r.response_id;
SELECT printf('%s: %d file(s): %d new response(s), %d event row(s), %d abnormal-event row(s); %d already loaded',
              d.dir, f.n, r.n, r.n_events, r.n_unusual, f.n - f.n_problem - r.n)
  FROM trtc_ingest_dir AS d,
       (SELECT count(*) AS n, count(problem) AS n_problem FROM trtc_ingest_file) AS f,
       (SELECT count(*) AS n,
               ifnull(sum(CASE WHEN api = 'DescribeUserEvent' THEN n_rows END), 0) AS n_events,
               ifnull(sum(CASE WHEN api = 'DescribeUnusualEvent' THEN n_rows END), 0) AS n_unusual
          FROM trtc_responses
         WHERE response_id > (SELECT last_id FROM trtc_ingest_before)) AS r;
