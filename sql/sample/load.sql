-- sql/sample/load.sql: load the bundled sample call into the current
-- database, quietly: sql/schema.sql, then sql/ingest.sql on sql/sample/
-- (what "sql/ingest.sh DB sql/sample" does, without the report). For the
-- sqlite3 shell with the trtc module loaded, run from the repository root:
--
--   sqlite3 -cmd '.load ./trtc' :memory:
--   sqlite> .read sql/sample/load.sql
--   sqlite> .read sql/examples/02-room-entry.sql
.read sql/schema.sql
CREATE TEMP TABLE trtc_ingest_dir AS SELECT 'sql/sample' AS dir;
.read sql/ingest.sql
