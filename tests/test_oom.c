/*
** tests/test_oom.c: out-of-memory at every allocation.
**
** For each scenario (loading the extension, then running one statement),
** the test makes the Nth allocation fail, for N = 1, 2, ... until a run
** completes without reaching the Nth allocation. Every run must end in
** SQLITE_OK with the right answer, or in an error (SQLITE_NOMEM or another
** clean error); after closing the connection no memory may remain
** allocated. A crash fails the test program.
*/
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite-trtc.h"
#include "tap.h"

/* ---- A failing allocator wrapped around SQLite's own ------------------ */
static sqlite3_mem_methods origMem;
static int nAlloc;     /* allocations since the counter was armed */
static int nFailAt;    /* fail the allocation with this number; 0 = never */
static int bFailed;    /* did an injected failure happen in this run? */

static int shouldFail(void) {
  if (nFailAt == 0) return 0;
  if (++nAlloc == nFailAt) {
    bFailed = 1;
    return 1;
  }
  return 0;
}
static void *failMalloc(int n) { return shouldFail() ? 0 : origMem.xMalloc(n); }
static void *failRealloc(void *p, int n) { return shouldFail() ? 0 : origMem.xRealloc(p, n); }

/* ---- Scenarios ---------------------------------------------------------- */
typedef struct Scenario {
  const char *zSql;   /* one statement returning one value */
  const char *zWant;  /* the value when nothing failed */
} Scenario;

static const Scenario aScenario[] = {
    { "SELECT trtc_event(5003, 0)", "Failed to enter room" },
    { "SELECT trtc_event(4003, 1280, 720)",
      "Video resolution has been switched (Resolution width: 1280, Resolution height: 720)" },
    { "SELECT trtc_event('4013', 17.0, ' 1 ')",
      "(Hardware) decoding failed (Number of frames failed to be decoded (3s): 17)" },
    { "SELECT trtc_experience(4) || trtc_abnormal_event(1001) || trtc_abnormal_event_kind(2001)"
      " || trtc_stream_type(7) || trtc_event_source(32788) || trtc_event_category(2002)"
      " || trtc_event_severity(5003, 0)",
      "Video laggedFailed to initialize audio devicerealtimebypasswebrtcpermissionerror" },
    { "SELECT substr(trtc_debug(), 1, 14)", "Version: 0.1.0" },
    { "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) "
      "SELECT count(trtc_event(4003, i, i)) FROM n", "200" },
    /* The virtual tables: IN lists (one xFilter per value), idxStr, a
    ** descending order; trtc_decode's text in a LEFT JOIN. */
    { "SELECT group_concat(event_id || ':' || param1) FROM (SELECT event_id, param1 FROM trtc_events"
      " WHERE event_id IN (1001, 1002, 1003, 2001, 2002, 3001, 3002, 3003, 3004, 4001, 4002, 4003,"
      " 4004, 4005, 4006, 4007, 4008, 4009, 4010, 4011) AND param1 IN (0, 1) ORDER BY event_id DESC, param1 DESC)",
      "4010:1,4006:1,4006:0,4005:1,4005:0,4004:1,4004:0,4002:1,4002:0,4001:1,4001:0,3004:1,3004:0,"
      "3002:1,3002:0,3001:1,3001:0,2002:1,2001:1,2001:0,1003:1,1003:0,1002:1,1002:0,1001:1,1001:0" },
    { "SELECT group_concat(coalesce(d.text, '-'), ';') FROM (SELECT 4003 AS e, 1280 AS a, 720 AS b"
      " UNION ALL SELECT 9, 0, 0 UNION ALL SELECT 5003, 0, -1) l LEFT JOIN trtc_decode(l.e, l.a, l.b) d",
      "Video resolution has been switched (Resolution width: 1280, Resolution height: 720);-;"
      "Failed to enter room" },
    { "SELECT count(*) || (SELECT group_concat(kind) FROM trtc_abnormal_events WHERE event_id IN (1001, 2001))"
      " FROM trtc_experiences x JOIN trtc_stream_types t ON t.type = x.experience_id",
      "2room_dismissal,realtime" },
    /* The JSON reader: escaped text and numbers (the walker's buffer), an
    ** API error and malformed JSON (their messages). */
    { "SELECT group_concat(substr(peer_id, 1, 6) || '+' || length(peer_id) || ':' || event_id || ':'"
      " || ifnull(text, '-'), ';')"
      " FROM trtc_user_events('[{\"Peer\\u0049d\": \"caf\\u00e9 ' || printf('%.*c', 300, 'x') || '\","
      " \"Content\": [{\"EventId\": \"\\u0035003\", \"ParamOne\": \"0\", \"ParamTwo\": -1}]}]')",
      "caf\xc3\xa9 x+305:5003:Failed to enter room" },
    { "SELECT count(*) FROM trtc_unusual_events('{\"Response\": {\"Error\": {\"Code\": \"C\\u0031\","
      " \"Message\": \"m\\u00e9\"}}}')",
      "error: trtc_unusual_events: API error C1: m\xc3\xa9" },
    { "SELECT count(*) FROM trtc_user_events('{\"Data\": [} ')",
      "error: trtc_user_events: malformed JSON at byte 10 (line 1, column 11): something that is not a JSON value" },
    /* trtc_user_events, trtc_unusual_events (src/trtc_ingest.c) */
    { "SELECT group_concat(ifnull(peer_id, '-') || event_id || ifnull(text, '-') || ifnull(severity, '-')"
      " || ifnull(stream, '-') || category || source || e.rowid, ';')"
      " FROM trtc_user_events('{\"Response\": {\"Data\": [{\"Content\": [{\"Type\": 2, \"EventId\": 4003,"
      " \"ParamOne\": 640, \"ParamTwo\": 480}, {\"EventId\": \"5003\", \"ParamOne\": 0, \"ParamTwo\": -1}],"
      " \"PeerId\": \"alice\"}, {\"PeerId\": \"bob\", \"Content\": [{\"EventId\": 32788, \"ParamOne\": -1,"
      " \"ParamTwo\": -1}]}]}}') AS e",
      "alice4003Video resolution has been switched (Resolution width: 640, Resolution height: 480)"
      "infobigvideosdk1;alice5003Failed to enter roomerror-roomsdk2;bob32788Entered roominfo-roomwebrtc3" },
    { "SELECT group_concat(e.rowid || e.user_id || ifnull(e.experience, '-') || ifnull(e.abnormal_kind, '-')"
      " || ifnull(length(e.peer_id), '-'), ';')"
      " FROM (SELECT '[{\"UserId\": \"u\", \"ExperienceId\": 4, \"AbnormalEventList\": [{\"AbnormalEventId\":"
      " 2024, \"PeerId\": \"' || printf('%.*c', 300, 'p') || '\"}]}]' AS j UNION ALL SELECT"
      " '{\"AbnormalExperienceList\": [{\"ExperienceId\": 1, \"UserId\": \"v\"}]}') AS v,"
      " trtc_unusual_events(v.j) AS e",
      "1uVideo laggedrealtime300;1vRoom entry was slow--" },
};

/* One run: open, load, run the statement. Returns the SQLite result code;
** *pzGot gets the value (sqlite3_free it) when the statement succeeded, or
** "error: <message>" when it failed with SQLITE_ERROR (scenarios that
** expect an error say so in zWant). */
static int runOnce(const Scenario *p, char **pzGot) {
  sqlite3 *db = 0;
  sqlite3_stmt *pStmt = 0;
  char *zErr = 0;
  int rc = sqlite3_open(":memory:", &db);
  *pzGot = 0;
  if (rc == SQLITE_OK) {
    rc = sqlite3_trtc_init(db, &zErr, 0);
    sqlite3_free(zErr);
  }
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, p->zSql, -1, &pStmt, 0);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(pStmt);
    if (rc == SQLITE_ERROR && strcmp(sqlite3_errmsg(db), sqlite3_errstr(SQLITE_ERROR)) != 0) {
      /* A statement expected to fail: its message is the answer. (When
      ** SQLite cannot allocate a message it reports the generic one:
      ** then it is an error like any other.) */
      *pzGot = sqlite3_mprintf("error: %s", sqlite3_errmsg(db));
      rc = *pzGot ? SQLITE_OK : SQLITE_NOMEM;
    } else if (rc == SQLITE_ROW) {
      const unsigned char *z = sqlite3_column_text(pStmt, 0);
      rc = SQLITE_OK;
      if (z) {
        *pzGot = sqlite3_mprintf("%s", z);
        if (*pzGot == 0) rc = SQLITE_NOMEM;
      } else if (sqlite3_errcode(db) == SQLITE_NOMEM) {
        rc = SQLITE_NOMEM;
      }
    }
  }
  sqlite3_finalize(pStmt);
  sqlite3_close(db);
  return rc;
}

static void testScenario(const Scenario *p) {
  int n, bOk = 1, nRuns = 0;
  char zWhat[200];
  for (n = 1; n < 100000; n++) {
    char *zGot = 0;
    int rc;
    sqlite3_int64 before = sqlite3_memory_used();
    nAlloc = 0;
    bFailed = 0;
    nFailAt = n;
    rc = runOnce(p, &zGot);
    nFailAt = 0;
    nRuns++;
    if (rc == SQLITE_OK && (zGot == 0 || strcmp(zGot, p->zWant) != 0)) {
      printf("# fail at %d: SQLITE_OK with the wrong answer %s\n", n, zGot ? zGot : "NULL");
      bOk = 0;
    }
    if (!bFailed && rc != SQLITE_OK) {
      printf("# no failure injected at %d but rc=%d\n", n, rc);
      bOk = 0;
    }
    sqlite3_free(zGot);
    if (sqlite3_memory_used() != before) {
      printf("# fail at %d: %lld bytes leaked\n", n, sqlite3_memory_used() - before);
      bOk = 0;
    }
    if (!bFailed) break; /* the run got past the last allocation */
  }
  snprintf(zWhat, sizeof(zWhat), "OOM at each of %d allocations: %.120s", nRuns - 1, p->zSql);
  ok(bOk && nRuns > 1, zWhat);
}

int main(void) {
  sqlite3_mem_methods failMem;
  size_t i;
  char *zIgnored = 0;
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &origMem);
  failMem = origMem;
  failMem.xMalloc = failMalloc;
  failMem.xRealloc = failRealloc;
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &failMem) != SQLITE_OK ||
      sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 1) != SQLITE_OK) {
    printf("1..0 # SKIP cannot install a test allocator\n");
    return 0;
  }
  /* Initialize SQLite and run one scenario unharmed first, so that memory
  ** SQLite keeps for the process's lifetime is not counted as a leak. */
  runOnce(&aScenario[0], &zIgnored);
  sqlite3_free(zIgnored);
  plan((int)(sizeof(aScenario) / sizeof(aScenario[0])));
  for (i = 0; i < sizeof(aScenario) / sizeof(aScenario[0]); i++) testScenario(&aScenario[i]);
  return done();
}
