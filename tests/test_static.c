/*
** tests/test_static.c: the extension linked statically (libsqlite_trtc.a,
** built with -DSQLITE_CORE) into a program, as a reporting tool bundles
** it; the invariants the lookups rely on; the entry point's error paths.
*/
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite-trtc.h"
#include "trtc_data.h"
#include "trtc_lookup.h"
#include "tap.h"

/* The first column of the first row of zSql, copied; NULL on error/NULL. */
static char *query1(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  char *z = 0;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) == SQLITE_OK &&
      sqlite3_step(pStmt) == SQLITE_ROW && sqlite3_column_text(pStmt, 0)) {
    z = sqlite3_mprintf("%s", sqlite3_column_text(pStmt, 0));
  }
  sqlite3_finalize(pStmt);
  return z;
}

static void check_str(sqlite3 *db, const char *zSql, const char *zWant) {
  char *z = query1(db, zSql);
  is_str(z, zWant, zSql);
  sqlite3_free(z);
}

/* Two rows of one event id can never both match the same arguments: some
** parameter holds a different exact value in each. */
static int rowsExclusive(const TrtcEventRow *a, const TrtcEventRow *b) {
  const TrtcParam *pa[2] = { &a->param1, &a->param2 };
  const TrtcParam *pb[2] = { &b->param1, &b->param2 };
  int i;
  for (i = 0; i < 2; i++) {
    if (!pa[i]->label && !pb[i]->label && pa[i]->value != -1 && pb[i]->value != -1 &&
        pa[i]->value != pb[i]->value) {
      return 1;
    }
  }
  return 0;
}

static void test_data_invariants(void) {
  int i, j, bSorted = 1, bSameId = 1, bExclusive = 1, bSorted2 = 1;
  for (i = 1; i < trtc_event_count; i++) {
    const TrtcEventRow *p = &trtc_event_rows[i - 1], *q = &trtc_event_rows[i];
    if (p->event_id > q->event_id) bSorted = 0;
    if (p->event_id == q->event_id && (p->source != q->source || p->category != q->category)) {
      bSameId = 0;
    }
  }
  for (i = 0; i < trtc_event_count; i++) {
    for (j = i + 1; j < trtc_event_count; j++) {
      if (trtc_event_rows[i].event_id == trtc_event_rows[j].event_id &&
          !rowsExclusive(&trtc_event_rows[i], &trtc_event_rows[j])) {
        bExclusive = 0;
        printf("# rows %d and %d can match the same arguments\n", i, j);
      }
    }
  }
  for (i = 1; i < trtc_experience_count; i++) {
    if (trtc_experience_rows[i - 1].experience_id >= trtc_experience_rows[i].experience_id) bSorted2 = 0;
  }
  for (i = 1; i < trtc_abnormal_count; i++) {
    if (trtc_abnormal_rows[i - 1].event_id >= trtc_abnormal_rows[i].event_id) bSorted2 = 0;
  }
  for (i = 1; i < trtc_stream_type_count; i++) {
    if (trtc_stream_type_rows[i - 1].type >= trtc_stream_type_rows[i].type) bSorted2 = 0;
  }
  ok(bSorted, "event rows are sorted by event id (the lookups rely on it)");
  ok(bSameId, "rows of one event id share source and category");
  ok(bExclusive, "no two rows of one event id match the same arguments");
  ok(bSorted2, "experience, abnormal and stream type rows are sorted by unique id");
  is_int(trtc_event_count, 83 + 27, "110 event rows");
  is_int(trtc_experience_count, 5, "5 experiences");
  is_int(trtc_abnormal_count, 32 + 26, "58 abnormal events");
  is_int(trtc_stream_type_count, 4, "4 stream types");
}

static void test_lookup_edges(void) {
  int a, b;
  trtcEventRange(0, &a, &b);
  ok(a == b, "no rows below the first id");
  trtcEventRange(99999, &a, &b);
  ok(a == b, "no rows above the last id");
  trtcEventRange(6001, &a, &b);
  is_int(b - a, 16, "6001 has 16 rows");
  ok(trtcFindEvent(4013, 5, 2) == 0, "4013 with param2 2 matches nothing");
  ok(trtcFindExperience(-1) < 0 && trtcFindAbnormal((sqlite3_int64)1 << 40) < 0,
     "ids out of int range are unknown");
}

/* The text of every measured-value row fits TRTC_EVENT_TEXT_MAX with the
** longest values (INT64_MIN), and equals what sqlite3_mprintf writes. */
static void test_measured_text_fits(void) {
  const sqlite3_int64 iMin = (sqlite3_int64)(((sqlite3_uint64)1) << 63);
  int i, nMeasured = 0, bFits = 1;
  for (i = 0; i < trtc_event_count; i++) {
    const TrtcEventRow *p = &trtc_event_rows[i];
    char zBuf[TRTC_EVENT_TEXT_MAX], *zWant;
    int n;
    if (!TRTC_ROW_MEASURED(p)) continue;
    nMeasured++;
    n = trtcEventTextFormat(p, iMin, iMin, zBuf);
    if (p->param1.label && p->param2.label) {
      zWant = sqlite3_mprintf("%s (%s: %lld, %s: %lld)", p->description, p->param1.label, iMin,
                              p->param2.label, iMin);
    } else {
      zWant = sqlite3_mprintf("%s (%s: %lld)", p->description,
                              p->param1.label ? p->param1.label : p->param2.label, iMin);
    }
    if (n >= TRTC_EVENT_TEXT_MAX - 1 || strcmp(zBuf, zWant) != 0) {
      printf("# row %d: %s\n", i, zBuf);
      bFits = 0;
    }
    sqlite3_free(zWant);
  }
  is_int(nMeasured, 6, "6 rows name measured values");
  ok(bFits, "their texts with 64-bit minimum values fit the buffer, untruncated");
}

static void test_auto_extension(void) {
  sqlite3 *db = 0;
  char *z;
  ok(sqlite3_auto_extension((void (*)(void))sqlite3_trtc_init) == SQLITE_OK,
     "sqlite3_auto_extension(sqlite3_trtc_init)");
  ok(sqlite3_open(":memory:", &db) == SQLITE_OK, "open a connection");
  check_str(db, "SELECT trtc_event(5003, 0)", "Failed to enter room");
  check_str(db, "SELECT trtc_event(4003, 1280, 720)",
            "Video resolution has been switched (Resolution width: 1280, Resolution height: 720)");
  check_str(db, "SELECT trtc_abnormal_event(1001)", "Failed to initialize audio device");
  check_str(db, "SELECT count(*) FROM trtc_events WHERE event_id IN (5003, 1001, 7)", "4");
  check_str(db, "SELECT text FROM trtc_decode(4013, 17, 1)",
            "(Hardware) decoding failed (Number of frames failed to be decoded (3s): 17)");
  z = query1(db, "SELECT trtc_debug()");
  ok(z && strstr(z, "Build: static (SQLITE_CORE)"), "trtc_debug() says the build is static");
  sqlite3_free(z);
  sqlite3_close(db);
  sqlite3_reset_auto_extension();
}

static void test_init_errors(void) {
  sqlite3 *db = 0;
  sqlite3_stmt *pStmt = 0;
  char *zErr = 0;
  int rc;
  sqlite3_open(":memory:", &db);
  rc = sqlite3_trtc_init(db, &zErr, 0);
  ok(rc == SQLITE_OK && zErr == 0, "sqlite3_trtc_init on one connection");
  ok(sqlite3_trtc_init(db, 0, 0) == SQLITE_OK, "a second init replaces the functions");

  /* Redefining a function while a statement runs fails with SQLITE_BUSY:
  ** the init must report which registration failed, through *pzErrMsg. */
  sqlite3_prepare_v2(db,
                     "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                     "LIMIT 10) SELECT trtc_event(5001, x) FROM c",
                     -1, &pStmt, 0);
  ok(sqlite3_step(pStmt) == SQLITE_ROW, "a statement is running");
  rc = sqlite3_trtc_init(db, &zErr, 0);
  is_int(rc, SQLITE_BUSY, "init while a statement runs fails with SQLITE_BUSY");
  ok(zErr && strncmp(zErr, "trtc: cannot register function trtc_event/1: ", 45) == 0,
     "the error message names the function");
  if (zErr) diag(zErr);
  sqlite3_free(zErr);
  zErr = 0;
  is_int(sqlite3_trtc_init(db, 0, 0), SQLITE_BUSY, "a NULL pzErrMsg is allowed");
  sqlite3_finalize(pStmt);
  sqlite3_close(db);
}

int main(void) {
  plan(29);
  test_data_invariants();
  test_lookup_edges();
  test_measured_text_fits();
  test_auto_extension();
  test_init_errors();
  return done();
}
