/*
** bench/bench.c: how fast sqlite-trtc decodes, against a built-in function
** and against the plain SQL a user would write without the extension.
** Built and run by "make bench" (not part of make check):
**
**   bench/bench [-n ROWS] [-j EVENTS] [-r REPEATS] [-s SEED] MODULE
**
** MODULE is the path of trtc.so (loaded as users load it). The program
** generates a seeded event log, times each query REPEATS times (keeping
** the fastest run), and prints ns/row and the ratios the project's goals
** are stated in (docs/performance.md).
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- Counting allocations ---------------------------------------------- */
static sqlite3_mem_methods origMem;
static long long nMalloc; /* xMalloc + xRealloc calls since start */
static void *countMalloc(int n) { nMalloc++; return origMem.xMalloc(n); }
static void *countRealloc(void *p, int n) { nMalloc++; return origMem.xRealloc(p, n); }

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(sqlite3 *db, const char *zWhat) {
  fprintf(stderr, "bench: %s: %s\n", zWhat, db ? sqlite3_errmsg(db) : "error");
  exit(1);
}

static void exec(sqlite3 *db, const char *zSql) {
  char *zErr = 0;
  if (sqlite3_exec(db, zSql, 0, 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "bench: %s\n  in: %s\n", zErr, zSql);
    exit(1);
  }
}

/* splitmix64: a small seeded generator, so every run builds the same log. */
static unsigned long long rngState;
static unsigned long long rnd(void) {
  unsigned long long z = (rngState += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* Run zSql (with an optional text bound to ?1), step every row, read every
** column; returns the best time over nRepeat runs, *pnRow the row count. */
static double timeQuery(sqlite3 *db, const char *zSql, const char *zBind, int nRepeat,
                        long long *pnRow, long long *pnAlloc) {
  double best = 1e30;
  int r;
  for (r = 0; r < nRepeat; r++) {
    sqlite3_stmt *pStmt = 0;
    long long nRow = 0, nAlloc0;
    double t0;
    int rc, i, nCol;
    if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) die(db, zSql);
    if (zBind) sqlite3_bind_text(pStmt, 1, zBind, -1, SQLITE_STATIC);
    nCol = sqlite3_column_count(pStmt);
    nAlloc0 = nMalloc;
    t0 = now();
    while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
      for (i = 0; i < nCol; i++) (void)sqlite3_column_type(pStmt, i);
      nRow++;
    }
    t0 = now() - t0;
    if (rc != SQLITE_DONE) die(db, zSql);
    if (pnAlloc) *pnAlloc = nMalloc - nAlloc0;
    sqlite3_finalize(pStmt);
    if (t0 < best) best = t0;
    if (pnRow) *pnRow = nRow;
  }
  return best;
}

/* Run zSql once and print how many allocations its rows cost. */
static void reportAllocs(sqlite3 *db, const char *zWhat, const char *zSql) {
  long long nRow = 0, nAlloc = 0;
  timeQuery(db, zSql, 0, 1, &nRow, &nAlloc);
  printf("allocations by %s over %lld fixed-text rows: %lld (%.4f per row)\n", zWhat, nRow, nAlloc,
         (double)nAlloc / (double)(nRow ? nRow : 1));
}

/* A value of one query: the first column of the first row, as an integer. */
static long long value(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  long long v = -1;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) die(db, zSql);
  if (sqlite3_step(pStmt) == SQLITE_ROW) v = sqlite3_column_int64(pStmt, 0);
  sqlite3_finalize(pStmt);
  return v;
}

/* ---- The event log ------------------------------------------------------- */
/* The mix: rows of the mapping drawn uniformly (with the API's -1 where the
** spec says -1), measured-value rows with random values, ~2% unknown ids. */
static void buildLog(sqlite3 *db, long long nRow) {
  sqlite3_stmt *pIns = 0, *pMap = 0;
  long long aKey[256][3];
  int nKey = 0, i;
  static const int aMeasured[] = { 4003, 4007, 4008, 4009, 4013 };
  exec(db, "CREATE TABLE log(event_id INTEGER, param1 INTEGER, param2 INTEGER)");
  if (sqlite3_prepare_v2(db,
                         "SELECT event_id, param1, param2 FROM trtc_events "
                         "WHERE param1 IS NOT NULL AND param2 IS NOT NULL",
                         -1, &pMap, 0) != SQLITE_OK) {
    die(db, "list the mapping");
  }
  while (sqlite3_step(pMap) == SQLITE_ROW && nKey < 256) {
    for (i = 0; i < 3; i++) aKey[nKey][i] = sqlite3_column_int64(pMap, i);
    nKey++;
  }
  sqlite3_finalize(pMap);
  exec(db, "BEGIN");
  if (sqlite3_prepare_v2(db, "INSERT INTO log VALUES (?1, ?2, ?3)", -1, &pIns, 0)) die(db, "insert");
  for (i = 0; i < nRow; i++) {
    unsigned long long x = rnd();
    unsigned pick = (unsigned)(x % 100);
    long long id, p1, p2;
    if (pick < 2) { /* unknown id */
      id = 8000 + (long long)((x >> 8) % 1000);
      p1 = -1;
      p2 = -1;
    } else if (pick < 17) { /* a measured-value row */
      id = aMeasured[(x >> 8) % 5];
      p1 = (long long)((x >> 16) % 1920);
      p2 = id == 4013 ? (long long)((x >> 32) % 2) : id <= 4007 ? (long long)((x >> 32) % 1080) : -1;
    } else {
      const long long *k = aKey[(x >> 8) % (unsigned long long)nKey];
      id = k[0];
      p1 = k[1];
      p2 = k[2];
    }
    sqlite3_bind_int64(pIns, 1, id);
    sqlite3_bind_int64(pIns, 2, p1);
    sqlite3_bind_int64(pIns, 3, p2);
    if (sqlite3_step(pIns) != SQLITE_DONE) die(db, "insert");
    sqlite3_reset(pIns);
  }
  sqlite3_finalize(pIns);
  exec(db, "COMMIT");
}

/* A DescribeUserEvent response with nEvent events of 10 users. */
static char *buildResponse(long long nEvent) {
  sqlite3_str *s = sqlite3_str_new(0);
  long long i, perPeer = nEvent / 10;
  static const int aId[] = { 5001, 5003, 4003, 3001, 2002, 32788, 5007, 4013, 6001, 9999 };
  sqlite3_str_appendall(s, "{\"Response\": {\"Data\": [");
  for (i = 0; i < nEvent; i++) {
    unsigned long long x = rnd();
    int id = aId[x % 10];
    if (i % perPeer == 0) {
      sqlite3_str_appendf(s, "%s{\"PeerId\": \"user%lld\", \"Content\": [", i ? "]}, " : "",
                          i / perPeer);
    } else {
      sqlite3_str_appendall(s, ", ");
    }
    sqlite3_str_appendf(s,
                        "{\"Type\": %d, \"Time\": %lld, \"EventId\": %d, \"ParamOne\": %d, "
                        "\"ParamTwo\": %d}",
                        (int)((x >> 8) % 2) * 2, 1700000000000LL + i, id,
                        id == 4003 ? 1280 : (int)((x >> 16) % 2), id == 4003 ? 720 : -1);
  }
  sqlite3_str_appendall(s, "]}], \"RequestId\": \"bench\"}}");
  return sqlite3_str_finish(s);
}

int main(int argc, char **argv) {
  long long nRow = 1000000, nEvent = 100000, nOut = 0;
  int nRepeat = 3, i;
  unsigned long long seed = 42;
  const char *zModule = 0;
  char *zErr = 0, *zJson;
  sqlite3 *db = 0;
  sqlite3_mem_methods mem;
  double tFloor, tFunc, tDecode, tEvents, tExact, tWild, tIngest, tJsonEach;

  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) nRow = atoll(argv[++i]);
    else if (strcmp(argv[i], "-j") == 0 && i + 1 < argc) nEvent = atoll(argv[++i]);
    else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc) nRepeat = atoi(argv[++i]);
    else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) seed = strtoull(argv[++i], 0, 10);
    else zModule = argv[i];
  }
  if (zModule == 0 || nRow < 1 || nEvent < 10 || nRepeat < 1) {
    fprintf(stderr, "usage: %s [-n ROWS] [-j EVENTS] [-r REPEATS] [-s SEED] path/to/trtc\n", argv[0]);
    return 2;
  }
  rngState = seed;
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &origMem);
  mem = origMem;
  mem.xMalloc = countMalloc;
  mem.xRealloc = countRealloc;
  sqlite3_config(SQLITE_CONFIG_MALLOC, &mem);

  if (sqlite3_open(":memory:", &db) != SQLITE_OK) die(db, "open");
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 1, 0);
  if (sqlite3_load_extension(db, zModule, 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "bench: cannot load %s: %s\n", zModule, zErr);
    return 1;
  }
  exec(db, "PRAGMA automatic_index = OFF");

  printf("sqlite-trtc benchmark: SQLite %s, %lld-row log (seed %llu), best of %d runs\n",
         sqlite3_libversion(), nRow, seed, nRepeat);
  buildLog(db, nRow);
  /* The plain-SQL alternative: the mapping as an ordinary indexed table. */
  exec(db,
       "CREATE TABLE map(event_id INTEGER, param1 INTEGER, param2 INTEGER, description TEXT);"
       "INSERT INTO map SELECT event_id, param1, param2, description FROM trtc_events;"
       "CREATE INDEX map_key ON map(event_id, param1, param2);"
       "ANALYZE;");
  printf("log: %lld rows, %lld unknown ids, %lld measured-value rows\n",
         value(db, "SELECT count(*) FROM log"),
         value(db, "SELECT count(*) FROM log WHERE trtc_event_source(event_id) IS NULL"),
         value(db, "SELECT count(*) FROM log WHERE event_id IN (4003, 4007, 4008, 4009, 4013)"));

#define ROWS(t) ((t) * 1e9 / (double)nRow)
  tFloor = timeQuery(db, "SELECT max(event_id, param1, param2) FROM log", 0, nRepeat, &nOut, 0);
  printf("\n%-58s %8.1f ns/row\n", "floor: SELECT max(event_id, param1, param2)", ROWS(tFloor));
  tFunc = timeQuery(db, "SELECT trtc_event(event_id, param1, param2) FROM log", 0, nRepeat,
                    &nOut, 0);
  printf("%-58s %8.1f ns/row  %.2fx floor\n", "SELECT trtc_event(event_id, param1, param2)",
         ROWS(tFunc), tFunc / tFloor);
  tDecode = timeQuery(db,
                      "SELECT d.text FROM log l "
                      "LEFT JOIN trtc_decode(l.event_id, l.param1, l.param2) d",
                      0, nRepeat, &nOut, 0);
  printf("%-58s %8.1f ns/row\n", "LEFT JOIN trtc_decode(l.event_id, l.param1, l.param2)",
         ROWS(tDecode));
  tEvents = timeQuery(db,
                      "SELECT e.description FROM log l JOIN trtc_events e "
                      "ON e.event_id = l.event_id AND e.param1 = l.param1 AND e.param2 = l.param2",
                      0, nRepeat, &nOut, 0);
  printf("%-58s %8.1f ns/row\n", "JOIN trtc_events ON event_id, param1, param2", ROWS(tEvents));
  tExact = timeQuery(db,
                     "SELECT m.description FROM log l JOIN map m "
                     "ON m.event_id = l.event_id AND m.param1 = l.param1 AND m.param2 = l.param2",
                     0, nRepeat, &nOut, 0);
  printf("%-58s %8.1f ns/row\n", "plain SQL: indexed table, exact-key JOIN", ROWS(tExact));
  tWild = timeQuery(db,
                    "SELECT m.description FROM log l LEFT JOIN map m "
                    "ON m.event_id = l.event_id "
                    "AND (m.param1 = l.param1 OR m.param1 = -1 OR m.param1 IS NULL) "
                    "AND (m.param2 = l.param2 OR m.param2 = -1 OR m.param2 IS NULL)",
                    0, nRepeat, &nOut, 0);
  printf("%-58s %8.1f ns/row\n", "plain SQL: indexed table, wildcard-aware LEFT JOIN", ROWS(tWild));

  /* Allocations: none per row for fixed texts (at most one per
  ** measured-value row: see docs/performance.md). */
  printf("\n");
  reportAllocs(db, "trtc_event",
               "SELECT trtc_event(event_id, param1, param2) FROM log "
               "WHERE event_id NOT IN (4003, 4007, 4008, 4009, 4013)");
  reportAllocs(db, "trtc_decode",
               "SELECT d.text FROM log l LEFT JOIN trtc_decode(l.event_id, l.param1, l.param2) d "
               "WHERE l.event_id NOT IN (4003, 4007, 4008, 4009, 4013)");

  /* Ingest: a DescribeUserEvent response, every column read. */
  zJson = buildResponse(nEvent);
  tIngest = timeQuery(db,
                      "SELECT peer_id, type, stream, time_ms, event_id, param1, param2, text, "
                      "source, category, severity FROM trtc_user_events(?1)",
                      zJson, nRepeat, &nOut, 0);
  printf("\n%-58s %8.1f ns/event (%lld events, %.1f MB)\n", "ingest: trtc_user_events(json)",
         tIngest * 1e9 / (double)nOut, nOut, (double)strlen(zJson) / 1e6);
  /* What a user writes without the extension: json_each over Data and
  ** Content, json_extract per field (PeerId once per list, MATERIALIZED so
  ** it is not extracted again per event), the scalar functions per column. */
  tJsonEach = timeQuery(
      db,
      "WITH l AS MATERIALIZED ("
      "  SELECT json_extract(value, '$.PeerId') AS peer_id, json_extract(value, '$.Content') AS c"
      "    FROM json_each(?1, '$.Response.Data')),"
      " m AS ("
      "  SELECT l.peer_id, json_extract(e.value, '$.Type') AS type,"
      "         json_extract(e.value, '$.Time') AS time_ms,"
      "         json_extract(e.value, '$.EventId') AS event_id,"
      "         json_extract(e.value, '$.ParamOne') AS param1,"
      "         json_extract(e.value, '$.ParamTwo') AS param2"
      "    FROM l, json_each(l.c) AS e)"
      " SELECT peer_id, type, trtc_stream_type(type), time_ms, event_id, param1, param2,"
      "        trtc_event(event_id, param1, param2), trtc_event_source(event_id),"
      "        trtc_event_category(event_id), trtc_event_severity(event_id, param1, param2)"
      "   FROM m",
      zJson, nRepeat, &nOut, 0);
  printf("%-58s %8.1f ns/event\n", "ingest: plain SQL, json_each + json_extract",
         tJsonEach * 1e9 / (double)nOut);
  sqlite3_free(zJson);

  printf("\ngoals (ratios from this run):\n");
  printf("  trtc_event / floor                    %5.2f  (goal <= 1.30) %s\n", tFunc / tFloor,
         tFunc / tFloor <= 1.3 ? "met" : "MISSED");
  printf("  trtc_decode join / exact-key join     %5.2f  (goal <= 0.50) %s\n", tDecode / tExact,
         tDecode / tExact <= 0.5 ? "met" : "MISSED");
  printf("  trtc_events join / exact-key join     %5.2f  (goal <= 1.00) %s\n", tEvents / tExact,
         tEvents / tExact <= 1.0 ? "met" : "MISSED");
  printf("  trtc_decode join / wildcard-aware join %5.2f\n", tDecode / tWild);
  printf("  trtc_user_events / json_each SQL      %5.2f  (goal <= 1.10) %s\n",
         tIngest / tJsonEach, tIngest / tJsonEach <= 1.1 ? "met" : "MISSED");
  sqlite3_close(db);
  return 0;
}
