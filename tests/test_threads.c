/*
** tests/test_threads.c: several connections in several threads use the
** extension at once (registered once with sqlite3_auto_extension). Each
** thread decodes a generated log, ingests responses with the JSON
** table-valued functions and joins the tables, checking every answer. Run in make
** check, and by "make check-tsan" under ThreadSanitizer.
*/
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "sqlite-trtc.h"
#include "tap.h"

#define N_THREAD 4
#define N_ROUND 50

/* Statements whose single value every thread must get right. */
static const struct {
  const char *zSql;
  const char *zWant;
} aCheck[] = {
    { "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999) "
      "SELECT count(*) || ':' || count(trtc_event(5000 + i % 10, i % 2, -1)) || ':' || "
      "sum(length(trtc_event(4003, i, i))) FROM n",
      "1000:900:81780" },
    /* Ingest: a DescribeUserEvent response of 300 events, built in SQL. */
    { "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 299), "
      "r(j) AS (SELECT json_object('Response', json_object('Data', json_array(json_object("
      "'PeerId', 'p', 'Content', (SELECT json_group_array(json_object('Type', 2, 'Time', i, "
      "'EventId', 5003, 'ParamOne', i % 2, 'ParamTwo', -1)) FROM n))))))"
      "SELECT count(*) || ':' || sum(severity = 'error') || ':' || sum(stream = 'big') "
      "FROM r, trtc_user_events(r.j)",
      "300:150:300" },
    { "SELECT count(*) || ':' || group_concat(kind, ',') FROM trtc_unusual_events("
      "'[{\"UserId\": \"u\", \"ExperienceId\": 4, \"AbnormalEventList\": ["
      "{\"AbnormalEventId\": 1001}, {\"AbnormalEventId\": 2024, \"PeerId\": \"b\"}]}]') "
      "JOIN trtc_abnormal_events ON event_id = abnormal_event_id",
      "2:room_dismissal,realtime" },
    { "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 499) "
      "SELECT count(d.text) FROM n LEFT JOIN trtc_decode(5000 + i % 10, i % 2, -1) d",
      "450" },
    { "SELECT trtc_event(5003, 0) || '|' || trtc_abnormal_event(1001) || '|' || "
      "trtc_experience(4) || '|' || trtc_event_severity(2002, 5)",
      "Failed to enter room|Failed to initialize audio device|Video lagged|error" },
};

typedef struct Worker {
  pthread_t tid;
  int nWrong;     /* answers that differed */
  int nError;     /* SQLite errors */
} Worker;

static void *work(void *pArg) {
  Worker *w = (Worker *)pArg;
  sqlite3 *db = 0;
  int r;
  size_t i;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, 0)) {
    w->nError++;
    sqlite3_close(db);
    return 0;
  }
  for (r = 0; r < N_ROUND; r++) {
    for (i = 0; i < sizeof(aCheck) / sizeof(aCheck[0]); i++) {
      sqlite3_stmt *pStmt = 0;
      if (sqlite3_prepare_v2(db, aCheck[i].zSql, -1, &pStmt, 0) != SQLITE_OK ||
          sqlite3_step(pStmt) != SQLITE_ROW) {
        w->nError++;
      } else {
        const char *z = (const char *)sqlite3_column_text(pStmt, 0);
        if (z == 0 || strcmp(z, aCheck[i].zWant) != 0) {
          if (w->nWrong++ == 0) printf("# got %s\n", z ? z : "NULL");
        }
      }
      sqlite3_finalize(pStmt);
    }
  }
  sqlite3_close(db);
  return 0;
}

int main(void) {
  Worker aWorker[N_THREAD];
  int i, nWrong = 0, nError = 0, nStarted = 0;
  plan(4);
  ok(sqlite3_threadsafe() != 0, "libsqlite3 is thread-safe");
  ok(sqlite3_auto_extension((void (*)(void))sqlite3_trtc_init) == SQLITE_OK,
     "registered for every new connection");
  memset(aWorker, 0, sizeof(aWorker));
  for (i = 0; i < N_THREAD; i++) {
    if (pthread_create(&aWorker[i].tid, 0, work, &aWorker[i]) == 0) nStarted++;
  }
  for (i = 0; i < nStarted; i++) {
    pthread_join(aWorker[i].tid, 0);
    nWrong += aWorker[i].nWrong;
    nError += aWorker[i].nError;
  }
  is_int(nStarted, N_THREAD, "threads started");
  ok(nWrong == 0 && nError == 0, "every thread got every answer right");
  if (nWrong || nError) printf("# %d wrong, %d errors\n", nWrong, nError);
  sqlite3_reset_auto_extension();
  return done();
}
