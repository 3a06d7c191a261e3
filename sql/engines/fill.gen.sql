-- sql/engines/fill.gen.sql: prints sql/engines/ENGINE.sql. Run by
-- sql/engines/generate.sh in the sqlite3 shell with trtc loaded, after
-- cases.gen.sql and a line that puts the template ENGINE.in.sql into the
-- TEMP TABLE engine_template(text): it fills the template, replacing @rows@
-- with the mapping tables' rows and @<function>@ with the function's CASE
-- expression (engine_case), all read from the extension's virtual tables.
.headers off
.mode list
CREATE TEMP VIEW engine_rows(name, expr) AS
SELECT 'rows',
       (SELECT 'INSERT INTO trtc_events (event_id, param1, param2, param1_label, param2_label, '
               || 'description, source, category, severity) VALUES'
               || group_concat(char(10) || printf('  (%d, %s, %s, %s, %s, %s, %s, %s, %s)', event_id,
                               quote(param1), quote(param2), quote(param1_label), quote(param2_label),
                               quote(description), quote(source), quote(category), quote(severity)), ',')
               || ';' FROM (SELECT * FROM trtc_events ORDER BY rowid))
       || char(10) ||
       (SELECT 'INSERT INTO trtc_experiences (experience_id, description) VALUES'
               || group_concat(char(10) || printf('  (%d, %s)', experience_id, quote(description)), ',')
               || ';' FROM (SELECT * FROM trtc_experiences ORDER BY rowid))
       || char(10) ||
       (SELECT 'INSERT INTO trtc_abnormal_events (event_id, kind, description) VALUES'
               || group_concat(char(10) || printf('  (%d, %s, %s)', event_id, quote(kind), quote(description)), ',')
               || ';' FROM (SELECT * FROM trtc_abnormal_events ORDER BY rowid))
       || char(10) ||
       (SELECT 'INSERT INTO trtc_stream_types (type, name, description) VALUES'
               || group_concat(char(10) || printf('  (%d, %s, %s)', type, quote(name), quote(description)), ',')
               || ';' FROM (SELECT * FROM trtc_stream_types ORDER BY rowid));
WITH RECURSIVE subst(i, name, expr) AS (
  SELECT row_number() OVER (ORDER BY name), name, expr
    FROM (SELECT * FROM engine_case UNION ALL SELECT * FROM engine_rows)
), filled(i, text) AS (
  SELECT 0, text FROM engine_template
  UNION ALL
  SELECT f.i + 1, replace(f.text, '@' || s.name || '@', s.expr) FROM filled f JOIN subst s ON s.i = f.i + 1
)
SELECT rtrim(text, char(10)) FROM filled ORDER BY i DESC LIMIT 1;
