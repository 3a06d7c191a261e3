/*
** tests/lib/tap.c: a test-only SQLite extension that gives SQL test files
** pgTAP-style assertions, printing TAP through the sqlite3 shell. IS is
** an SQL keyword, so pgTAP's is()/isnt() are called eq()/ne() here.
**
**   .load tests/.libs/tap
**   SELECT plan(2);                                 -- 1..2
**   SELECT eq(trtc_experience(4), 'Video lagged', 'experience 4');
**   SELECT throws_like('INSERT INTO trtc_events DEFAULT VALUES',
**                      '%read-only%', 'trtc_events is read-only');
**   SELECT done_testing();                          -- 1..N when no plan
**   SELECT query_plan('SELECT * FROM trtc_events WHERE event_id = 1');
**       -- 'SCAN trtc_events VIRTUAL TABLE INDEX 1:event_id='
**
** eq() and ne() compare like SQL's IS (integer 1 and real 1.0 are the
** same; text and numbers never are); a failure prints got and want as
** TAP diagnostics. Test counters live in the connection's function data.
*/
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <string.h>

typedef struct Tap {
  int nTest;    /* tests run so far */
  int nPlan;    /* from plan(), 0 when none */
} Tap;

/* A value as an SQL literal, for diagnostics; sqlite3_free() it. */
static char *literal(sqlite3_value *v) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_NULL: return sqlite3_mprintf("NULL");
    case SQLITE_INTEGER: return sqlite3_mprintf("%lld", sqlite3_value_int64(v));
    case SQLITE_FLOAT: return sqlite3_mprintf("%!.17g", sqlite3_value_double(v));
    case SQLITE_TEXT: return sqlite3_mprintf("%Q", (const char *)sqlite3_value_text(v));
    default: {
      const unsigned char *p = sqlite3_value_blob(v);
      int i, n = sqlite3_value_bytes(v);
      sqlite3_str *s = sqlite3_str_new(0);
      sqlite3_str_appendall(s, "X'");
      for (i = 0; i < n; i++) sqlite3_str_appendf(s, "%02X", p[i]);
      sqlite3_str_appendall(s, "'");
      return sqlite3_str_finish(s);
    }
  }
}

/* SQL's "a IS b", strict about text versus numbers. */
static int same(sqlite3_value *a, sqlite3_value *b) {
  int ta = sqlite3_value_type(a), tb = sqlite3_value_type(b);
  int na = ta == SQLITE_INTEGER || ta == SQLITE_FLOAT;
  int nb = tb == SQLITE_INTEGER || tb == SQLITE_FLOAT;
  if (na && nb) {
    if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
      return sqlite3_value_int64(a) == sqlite3_value_int64(b);
    }
    return sqlite3_value_double(a) == sqlite3_value_double(b);
  }
  if (ta != tb) return 0;
  if (ta == SQLITE_NULL) return 1;
  if (ta == SQLITE_TEXT) {
    int n = sqlite3_value_bytes(a);
    return n == sqlite3_value_bytes(b) &&
           memcmp(sqlite3_value_text(a), sqlite3_value_text(b), (size_t)n) == 0;
  } else {
    int n = sqlite3_value_bytes(a);
    return n == sqlite3_value_bytes(b) &&
           (n == 0 || memcmp(sqlite3_value_blob(a), sqlite3_value_blob(b), (size_t)n) == 0);
  }
}

static const char *what(int argc, sqlite3_value **argv, int i) {
  const char *z = i < argc ? (const char *)sqlite3_value_text(argv[i]) : 0;
  return z ? z : "";
}

/* Report one test; zDiag (owned, may be NULL) follows a failure. */
static void report(sqlite3_context *ctx, int bOk, const char *zWhat, char *zDiag) {
  Tap *p = (Tap *)sqlite3_user_data(ctx);
  char *z;
  p->nTest++;
  z = sqlite3_mprintf("%sok %d - %s%s%s", bOk ? "" : "not ", p->nTest, zWhat,
                      (!bOk && zDiag) ? "\n" : "", (!bOk && zDiag) ? zDiag : "");
  sqlite3_free(zDiag);
  sqlite3_result_text(ctx, z, -1, sqlite3_free);
}

static void planFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  Tap *p = (Tap *)sqlite3_user_data(ctx);
  (void)argc;
  p->nPlan = sqlite3_value_int(argv[0]);
  sqlite3_result_text(ctx, sqlite3_mprintf("1..%d", p->nPlan), -1, sqlite3_free);
}

static void doneFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  Tap *p = (Tap *)sqlite3_user_data(ctx);
  (void)argc;
  (void)argv;
  if (p->nPlan == 0) {
    sqlite3_result_text(ctx, sqlite3_mprintf("1..%d", p->nTest), -1, sqlite3_free);
  } else {
    sqlite3_result_text(ctx, sqlite3_mprintf("# ran %d of %d planned", p->nTest, p->nPlan),
                        -1, sqlite3_free);
  }
}

static void eqFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  char *zGot, *zWant, *zDiag;
  int bOk = same(argv[0], argv[1]);
  zGot = literal(argv[0]);
  zWant = literal(argv[1]);
  zDiag = sqlite3_mprintf("#      got: %s\n#     want: %s", zGot, zWant);
  sqlite3_free(zGot);
  sqlite3_free(zWant);
  report(ctx, bOk, what(argc, argv, 2), zDiag);
}

static void neFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  char *zGot = literal(argv[0]);
  char *zDiag = sqlite3_mprintf("#      got: %s\n# expected anything else", zGot);
  sqlite3_free(zGot);
  report(ctx, !same(argv[0], argv[1]), what(argc, argv, 2), zDiag);
}

static void okFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int bOk = sqlite3_value_type(argv[0]) != SQLITE_NULL && sqlite3_value_int64(argv[0]) != 0;
  char *zGot = literal(argv[0]);
  char *zDiag = sqlite3_mprintf("#      got: %s\n#     want: true", zGot);
  sqlite3_free(zGot);
  report(ctx, bOk, what(argc, argv, 1), zDiag);
}

/* throws_like(sql, pattern, what): sql fails with a message LIKE pattern. */
static void throwsLikeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  const char *zSql = (const char *)sqlite3_value_text(argv[0]);
  const char *zPattern = (const char *)sqlite3_value_text(argv[1]);
  char *zErr = 0;
  int rc = sqlite3_exec(db, zSql ? zSql : "", 0, 0, &zErr);
  int bOk = rc != SQLITE_OK && zErr && zPattern && sqlite3_strlike(zPattern, zErr, 0) == 0;
  char *zDiag = sqlite3_mprintf("#      got: %s\n#     want: an error like %Q",
                                rc == SQLITE_OK ? "no error" : (zErr ? zErr : "(no message)"),
                                zPattern);
  sqlite3_free(zErr);
  report(ctx, bOk, what(argc, argv, 2), zDiag);
}

/* lives_ok(sql, what): sql runs without an error. */
static void livesOkFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  const char *zSql = (const char *)sqlite3_value_text(argv[0]);
  char *zErr = 0;
  int rc = sqlite3_exec(db, zSql ? zSql : "", 0, 0, &zErr);
  char *zDiag = sqlite3_mprintf("#      got: %s\n#     want: no error",
                                zErr ? zErr : "an error");
  sqlite3_free(zErr);
  report(ctx, rc == SQLITE_OK, what(argc, argv, 1), zDiag);
}

/* query_plan(sql): the detail lines of EXPLAIN QUERY PLAN sql, joined by
** newlines (the tree's shape is left out). */
static void queryPlanFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  char *zSql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sqlite3_value_text(argv[0]));
  sqlite3_stmt *pStmt = 0;
  sqlite3_str *pStr;
  int rc;
  (void)argc;
  rc = zSql ? sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) : SQLITE_NOMEM;
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) {
    sqlite3_result_error(ctx, sqlite3_errmsg(db), -1);
    return;
  }
  pStr = sqlite3_str_new(db);
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    if (sqlite3_str_length(pStr)) sqlite3_str_appendchar(pStr, 1, '\n');
    sqlite3_str_appendall(pStr, (const char *)sqlite3_column_text(pStmt, 3));
  }
  if (sqlite3_finalize(pStmt) != SQLITE_OK) {
    sqlite3_free(sqlite3_str_finish(pStr));
    sqlite3_result_error(ctx, sqlite3_errmsg(db), -1);
    return;
  }
  sqlite3_result_text(ctx, sqlite3_str_finish(pStr), -1, sqlite3_free);
}

static void diagFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  sqlite3_result_text(ctx, sqlite3_mprintf("# %s", sqlite3_value_text(argv[0])), -1,
                      sqlite3_free);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_tap_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  static const struct {
    const char *zName;
    int nArg;
    void (*xFunc)(sqlite3_context *, int, sqlite3_value **);
  } aFunc[] = {
      { "plan", 1, planFunc },          { "done_testing", 0, doneFunc },
      { "eq", 3, eqFunc },              { "ne", 3, neFunc },
      { "ok", 2, okFunc },              { "throws_like", 3, throwsLikeFunc },
      { "lives_ok", 2, livesOkFunc },   { "diag", 1, diagFunc },
      { "query_plan", 1, queryPlanFunc },
  };
  Tap *p;
  size_t i;
  int rc = SQLITE_OK;
  SQLITE_EXTENSION_INIT2(pApi);
  p = sqlite3_malloc(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  for (i = 0; rc == SQLITE_OK && i < sizeof(aFunc) / sizeof(aFunc[0]); i++) {
    rc = sqlite3_create_function_v2(db, aFunc[i].zName, aFunc[i].nArg, SQLITE_UTF8, p,
                                    aFunc[i].xFunc, 0, 0, i == 0 ? sqlite3_free : 0);
  }
  if (rc != SQLITE_OK && pzErrMsg) *pzErrMsg = sqlite3_mprintf("tap: %s", sqlite3_errmsg(db));
  return rc;
}
