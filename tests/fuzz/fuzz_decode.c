/*
** tests/fuzz/fuzz_decode.c: libFuzzer target for the decoding functions.
**
** The input is cut into up to three SQL values (each: a type byte, then
** its bytes up to a 0xFF separator) bound to every scalar function of
** the extension. Built and run by "make fuzz" (clang, -fsanitize=fuzzer,
** address, undefined); seeds in tests/fuzz/corpus/decode/.
*/
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "sqlite-trtc.h"

static const char *const zSql =
    "SELECT trtc_event(?1), trtc_event(?1, ?2), trtc_event(?1, ?2, ?3),"
    " trtc_event_severity(?1, ?2, ?3), trtc_event_source(?1), trtc_event_category(?2),"
    " trtc_experience(?3), trtc_abnormal_event(?1), trtc_abnormal_event_kind(?2),"
    " trtc_stream_type(?3),"
    " (SELECT group_concat(text || severity, ';') FROM trtc_decode(?1, ?2, ?3)),"
    " (SELECT count(*) FROM trtc_events WHERE event_id = ?1 AND param1 IN (?2, ?3))";

/* Bind bytes [p, p+n) as parameter i, typed by the first byte. */
static void bindValue(sqlite3_stmt *pStmt, int i, const uint8_t *p, size_t n) {
  sqlite3_int64 v = 0;
  double r = 0;
  if (n == 0) {
    sqlite3_bind_null(pStmt, i);
    return;
  }
  switch (p[0] % 5) {
    case 0:
      memcpy(&v, p + 1, n - 1 < sizeof(v) ? n - 1 : sizeof(v));
      sqlite3_bind_int64(pStmt, i, v);
      break;
    case 1: /* small integers near the ids are more interesting */
      memcpy(&v, p + 1, n - 1 < 2 ? n - 1 : 2);
      sqlite3_bind_int64(pStmt, i, (v % 40000) - 2);
      break;
    case 2:
      memcpy(&r, p + 1, n - 1 < sizeof(r) ? n - 1 : sizeof(r));
      sqlite3_bind_double(pStmt, i, r);
      break;
    case 3:
      sqlite3_bind_text(pStmt, i, (const char *)p + 1, (int)(n - 1), SQLITE_TRANSIENT);
      break;
    default:
      sqlite3_bind_blob(pStmt, i, p + 1, (int)(n - 1), SQLITE_TRANSIENT);
      break;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static sqlite3 *db = 0;
  sqlite3_stmt *pStmt = 0;
  size_t start = 0;
  int i, col;
  if (db == 0) {
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 0;
    if (sqlite3_trtc_init(db, 0, 0) != SQLITE_OK) return 0;
  }
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) return 0;
  for (i = 1; i <= 3; i++) {
    size_t end = start;
    while (end < size && data[end] != 0xFF) end++;
    if (start < size) bindValue(pStmt, i, data + start, end - start);
    start = end + 1;
  }
  if (sqlite3_step(pStmt) == SQLITE_ROW) {
    for (col = 0; col < sqlite3_column_count(pStmt); col++) {
      const unsigned char *z = sqlite3_column_text(pStmt, col);
      if (z) (void)strlen((const char *)z);
    }
  }
  sqlite3_finalize(pStmt);
  return 0;
}
