/*
** tests/test_loadable.c: the loadable trtc.so as a program loads it
** (dlopen), on SQLite versions other than the one running: IN lists on the
** mapping tables (SQLite iterates them, one xFilter per value) keep their
** rows, order and one-row (SQLITE_INDEX_SCAN_UNIQUE) claims right, on a
** library that says it is 3.37.2; and on one that says 3.30.1, older than
** the oldest supported (3.31.0), the module refuses to load with a clear
** message and registers nothing.
**
** The test calls the module's entry point with a copy of the running
** library's API table (caught with sqlite3_auto_extension) in which
** sqlite3_libversion_number() (and sqlite3_libversion()) say another
** version; everything else is the real library. TRTC_MODULE names the
** module (without .so), as for the SQL tests.
*/
#define SQLITE_CORE 1 /* sqlite3ext.h for its types only: call the library directly */
#include <sqlite3.h>
#include <sqlite3ext.h>

#include <dlfcn.h>
#include <stdlib.h>

#include "tap.h"

typedef int (*InitFunc)(sqlite3 *, char **, const sqlite3_api_routines *);

static const sqlite3_api_routines *pRealApi = 0;
static sqlite3_api_routines sOldApi;

static int catchApi(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  (void)db;
  (void)pzErrMsg;
  pRealApi = pApi;
  return SQLITE_OK;
}

static int oldVersionNumber(void) { return 3037002; }

/* Older than the oldest SQLite the extension runs on (3.31.0). */
static sqlite3_api_routines sTooOldApi;
static int tooOldVersionNumber(void) { return 3030001; }
static const char *tooOldVersion(void) { return "3.30.1"; }

/* Every row of zSql, columns joined by '|', rows by ' '; sqlite3_free() it. */
static char *rows(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  sqlite3_str *pStr = sqlite3_str_new(db);
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    int i;
    if (sqlite3_str_length(pStr)) sqlite3_str_appendchar(pStr, 1, ' ');
    for (i = 0; i < sqlite3_column_count(pStmt); i++) {
      const unsigned char *z = sqlite3_column_text(pStmt, i);
      sqlite3_str_appendf(pStr, "%s%s", i ? "|" : "", z ? (const char *)z : "NULL");
    }
  }
  if (rc != SQLITE_OK) sqlite3_str_appendf(pStr, "error: %s", sqlite3_errmsg(db));
  sqlite3_finalize(pStmt);
  return sqlite3_str_finish(pStr);
}

static void check_rows(sqlite3 *db, const char *zSql, const char *zWant, const char *zWhat) {
  char *z = rows(db, zSql);
  is_str(z, zWant, zWhat);
  sqlite3_free(z);
}

/* Two queries give the same rows. */
static void check_same(sqlite3 *db, const char *zSql, const char *zWantSql, const char *zWhat) {
  char *zWant = rows(db, zWantSql);
  check_rows(db, zSql, zWant, zWhat);
  sqlite3_free(zWant);
}

int main(void) {
  const char *zModule = getenv("TRTC_MODULE");
  char *zPath, *zErr = 0;
  void *pLib;
  InitFunc xInit;
  sqlite3 *db = 0;

  plan(15);
  if (zModule == 0) {
    diag("TRTC_MODULE is not set (make check sets it)");
    return 1;
  }
  sqlite3_auto_extension((void (*)(void))catchApi);
  sqlite3_open(":memory:", &db);
  sqlite3_cancel_auto_extension((void (*)(void))catchApi);
  if (!ok(pRealApi != 0, "caught the library's API table")) return done();
  sOldApi = *pRealApi;
  sOldApi.libversion_number = oldVersionNumber;

  zPath = sqlite3_mprintf("%s.so", zModule);
  pLib = dlopen(zPath, RTLD_NOW | RTLD_LOCAL);
  sqlite3_free(zPath);
  xInit = pLib ? (InitFunc)(size_t)dlsym(pLib, "sqlite3_trtc_init") : 0;
  if (!ok(xInit != 0, "dlopen the module and find sqlite3_trtc_init")) {
    diag(dlerror());
    return done();
  }
  if (!is_int(xInit(db, &zErr, &sOldApi), SQLITE_OK, "init with sqlite3_libversion_number() = 3037002")) {
    diag(zErr ? zErr : "(no message)");
  }
  sqlite3_free(zErr);

  /* IN is left to SQLite: one xFilter per value. */
  check_rows(db, "EXPLAIN QUERY PLAN SELECT * FROM trtc_events WHERE event_id IN (5003, 1001)",
             "2|0|0|SCAN trtc_events VIRTUAL TABLE INDEX 1:event_id=",
             "IN on event_id: one lookup per value (no \"event_id IN\")");
  check_rows(db,
             "SELECT event_id, param1 FROM trtc_events WHERE event_id IN (5003, '1002', 99, 5003.0)"
             " ORDER BY event_id, param1",
             "1002|0 1002|1 5003|0 5003|1", "IN on event_id: the rows of each value, once");
  check_same(db,
             "SELECT event_id FROM trtc_events WHERE event_id IN (4013, 1003, 5003, 1001)"
             " ORDER BY event_id DESC",
             "SELECT event_id FROM trtc_events WHERE +event_id IN (4013, 1003, 5003, 1001)"
             " ORDER BY +event_id DESC",
             "IN with ORDER BY event_id DESC: descending");
  check_same(db,
             "SELECT event_id, param1, param2 FROM trtc_events WHERE event_id = 6001"
             " AND param1 IN (101, 3) AND param2 IN (2, 1, 2) ORDER BY 1, 2, 3",
             "SELECT event_id, param1, param2 FROM trtc_events WHERE +event_id = 6001"
             " AND +param1 IN (101, 3) AND +param2 IN (2, 1, 2) ORDER BY 1, 2, 3",
             "IN on param1 and param2: the same rows as a scan");
  check_rows(db,
             "EXPLAIN QUERY PLAN SELECT * FROM trtc_events WHERE event_id = 6001"
             " AND param1 IN (101, 3) AND param2 IN (2, 1)",
             "2|0|0|SCAN trtc_events VIRTUAL TABLE INDEX 7:event_id=,param1=,param2=",
             "IN on the parameters: one xFilter per pair of values");

  /* A key "=" claims one row; for an IN, SQLite must not believe it (it
  ** would drop this LEFT JOIN, whose columns the query does not use). */
  check_rows(db,
             "SELECT count(*) FROM (SELECT 1) LEFT JOIN trtc_experiences x"
             " ON x.experience_id IN (1, 2, 4)",
             "3", "LEFT JOIN with IN on a unique key: every match counts");
  check_rows(db,
             "SELECT count(*) FROM (SELECT 1) LEFT JOIN trtc_events x"
             " ON x.event_id = 5003 AND x.param1 IN (0, 1) AND x.param2 = -1",
             "2", "LEFT JOIN with IN on a parameter: every match counts");
  check_rows(db, "SELECT text FROM trtc_decode(4003, 1280, 720)",
             "Video resolution has been switched (Resolution width: 1280, Resolution height: 720)",
             "trtc_decode works");
  check_rows(db, "SELECT count(*) FROM trtc_decode WHERE arg_event_id = 5003 AND arg_param1 IN (0, 1, 2)",
             "2", "trtc_decode with IN on an argument: one call per value");

  sqlite3_close(db);

  /* On a SQLite older than 3.31.0 the module refuses to load, saying why. */
  sTooOldApi = *pRealApi;
  sTooOldApi.libversion_number = tooOldVersionNumber;
  sTooOldApi.libversion = tooOldVersion;
  sqlite3_open(":memory:", &db);
  zErr = 0;
  is_int(xInit(db, &zErr, &sTooOldApi), SQLITE_ERROR, "init on SQLite 3.30.1 fails");
  is_str(zErr, "trtc: SQLite 3.31.0 or newer is required, this is 3.30.1",
         "the error names the required and the running version");
  sqlite3_free(zErr);
  check_rows(db, "SELECT count(*) FROM pragma_function_list WHERE name GLOB 'trtc_*'", "0",
             "nothing was registered");
  sqlite3_close(db);
  dlclose(pLib);
  return done();
}
