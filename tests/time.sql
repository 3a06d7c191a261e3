-- tests/time.sql: trtc_time(time_ms [, zone]): the same text as SQLite's
-- own date functions over the whole supported range (years 0000 to 9999,
-- leap years, times before 1970), the zones it takes and the one error.
SELECT plan(49);

-- SQLite's strftime() of the same instant: floor division, so that times
-- before 1970 keep their milliseconds positive.
CREATE TEMP TABLE t(ms INTEGER);
WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 19999)
INSERT INTO t SELECT -62167219200000 + i * 15717253771003 % 315537897600000 FROM k;
INSERT INTO t VALUES (0), (-1), (1), (951782400000), (951868799999), (4107542399999),
  (-62167219200000), (253402300799999), (1710235840050), (-86400001);
CREATE TEMP VIEW want AS
SELECT ms, strftime('%Y-%m-%d %H:%M:%S', (ms - (ms % 1000 + 1000) % 1000) / 1000, 'unixepoch')
           || printf('.%03d', (ms % 1000 + 1000) % 1000) AS utc,
       strftime('%Y-%m-%d %H:%M:%S', (ms - (ms % 1000 + 1000) % 1000) / 1000, 'unixepoch', '+08:00')
           || printf('.%03d', (ms % 1000 + 1000) % 1000) AS cn
  FROM t;
SELECT eq((SELECT count(*) FROM want WHERE utc IS NOT NULL), 20010, '20,010 times, all in the range of strftime()');
SELECT eq((SELECT count(*) FROM want WHERE trtc_time(ms) IS NOT utc), 0, 'trtc_time(ms) = strftime() in UTC, years 0000-9999');
SELECT eq((SELECT count(*) FROM want WHERE cn IS NOT NULL AND trtc_time(ms, '+08:00') IS NOT cn || ' +08:00'), 0,
          'trtc_time(ms, ''+08:00'') = strftime(..., ''+08:00'') with the zone');

-- Forms and values.
SELECT eq(trtc_time(1710235840050), '2024-03-12 09:30:40.050', 'one argument: UTC, no zone');
SELECT eq(trtc_time(1710235840050, NULL), '2024-03-12 09:30:40.050 UTC', 'zone NULL: UTC, said');
SELECT eq(trtc_time(1710235840050, 'UTC'), '2024-03-12 09:30:40.050 UTC', 'zone UTC');
SELECT eq(trtc_time(1710235840050, 'utc'), '2024-03-12 09:30:40.050 UTC', 'zone utc');
SELECT eq(trtc_time(1710235840050, 'Z'), '2024-03-12 09:30:40.050 UTC', 'zone Z');
SELECT eq(trtc_time(1710235840050, '-05:30'), '2024-03-12 04:00:40.050 -05:30', 'a negative offset with minutes');
SELECT eq(trtc_time(1710235840050, '+00:00'), '2024-03-12 09:30:40.050 +00:00', '+00:00 is shown as given');
SELECT eq(trtc_time(1710201600000, '-00:01'), '2024-03-11 23:59:00.000 -00:01', 'an offset crosses midnight backwards');
SELECT eq(trtc_time(1710287999999, '+23:59'), '2024-03-13 23:58:59.999 +23:59', 'the largest offset');
SELECT eq(trtc_time('1710235840050'), '2024-03-12 09:30:40.050', 'text holding an integer counts');
SELECT eq(trtc_time(1710235840050.0), '2024-03-12 09:30:40.050', 'an integral real counts');

-- NULL in, NULL out; out of range, NULL.
SELECT eq(trtc_time(NULL), NULL, 'NULL time');
SELECT eq(trtc_time(NULL, '+08:00'), NULL, 'NULL time with a zone');
SELECT eq(trtc_time('abc'), NULL, 'text that is not an integer');
SELECT eq(trtc_time(1710235840050.5), NULL, 'a non-integral real');
SELECT eq(trtc_time(x'01'), NULL, 'a blob');
SELECT eq(trtc_time(253402300800000), NULL, 'after 9999-12-31 23:59:59.999');
SELECT eq(trtc_time(-62167219200001), NULL, 'before 0000-01-01');
SELECT eq(trtc_time(253402300799999, '+00:01'), NULL, 'in range, out of range once shifted');
SELECT eq(trtc_time(9223372036854775807, '+08:00'), NULL, 'the largest integer');
SELECT eq(trtc_time(-9223372036854775808, '-08:00'), NULL, 'the smallest integer');

-- A zone of another form is an error that says what is wrong.
SELECT throws_like('SELECT trtc_time(0, ''Asia/Shanghai'')',
                   'trtc_time: the time zone must be ''+HH:MM'', ''-HH:MM'' or ''UTC'', not ''Asia/Shanghai''',
                   'a zone name is refused, with its value');
SELECT throws_like('SELECT trtc_time(0, 8)', '%not ''8''', 'a number is refused');
SELECT throws_like('SELECT trtc_time(0, ' || quote(column1) || ')', 'trtc_time: the time zone must be%',
                   'malformed zone ' || quote(column1))
  FROM (VALUES ('+8:00'), ('+08'), ('+0800'), ('08:00'), ('+24:00'), ('+08:60'), ('+08:00 '), (''),
               ('+0a:00'), ('UTC+8'), ('+/8:00'), ('+0/:00'), ('+08:/0'), ('+08:a0'), ('+08:0/'), ('+08:0a'),
               ('+08;00'), ('*08:00'), ('UTX'), ('y'));
SELECT eq(trtc_time(1710235840050, 'z'), '2024-03-12 09:30:40.050 UTC', 'zone z (lower case)');
SELECT throws_like('SELECT trtc_time(0, 8)', 'trtc_time: the time zone must be%', 'a zone that is a number, not text');
SELECT throws_like('SELECT trtc_time(0, x''2b30383a3030'')', 'trtc_time: the time zone must be%', 'a zone that is a blob');
