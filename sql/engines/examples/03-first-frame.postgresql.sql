-- sql/examples/03-first-frame.sql in PostgreSQL (schema.postgresql.sql):
-- time to first frame (trtc_first_frame), for each viewer and remote user,
-- timed from the later of the two users' latest entry attempts.
-- Parameters: the values in p (NULL: all; "user" as viewer or remote).
WITH p (call, "user", tz) AS (SELECT NULL::text, NULL::text, NULL::text)
SELECT f.call, f.viewer, f.remote, f.stream, trtc_time(f.first_frame_ms, p.tz) AS first_frame,
       f.ttff_ms,
       f.start_user || CASE WHEN f.start_reported = 1 THEN '' ELSE ' (at entry: no 5001)' END AS "from"
  FROM trtc_first_frame AS f, p
 WHERE (p.call IS NULL OR f.call = p.call)
   AND (p."user" IS NULL OR f.viewer = p."user" OR f.remote = p."user")
 ORDER BY f.call, f.viewer, f.first_frame_ms;
