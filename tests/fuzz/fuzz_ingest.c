/*
** tests/fuzz/fuzz_ingest.c: libFuzzer target for trtc_user_events and
** trtc_unusual_events (src/trtc_ingest.c).
**
** The input is the response text, given to both functions (every column
** of every row is read) and, as a BLOB, to trtc_user_events again; errors
** (malformed JSON, API errors) are fine, crashes and sanitizer reports are
** not. Built and run by "make fuzz"; seeds in tests/fuzz/corpus/ingest/.
*/
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "sqlite-trtc.h"

static const char *const azSql[] = {
    "SELECT e.rowid, e.* FROM trtc_user_events(?1) AS e",
    "SELECT e.rowid, e.* FROM trtc_unusual_events(?1) AS e",
    "SELECT count(*), sum(length(text)) FROM trtc_user_events(CAST(?1 AS BLOB))",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static sqlite3 *db = 0;
  size_t i;
  if (db == 0) {
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 0;
    if (sqlite3_trtc_init(db, 0, 0) != SQLITE_OK) return 0;
  }
  for (i = 0; i < sizeof(azSql) / sizeof(azSql[0]); i++) {
    sqlite3_stmt *pStmt = 0;
    int col;
    if (sqlite3_prepare_v2(db, azSql[i], -1, &pStmt, 0) != SQLITE_OK) return 0;
    sqlite3_bind_text(pStmt, 1, (const char *)data, (int)size, SQLITE_TRANSIENT);
    while (sqlite3_step(pStmt) == SQLITE_ROW) {
      for (col = 0; col < sqlite3_column_count(pStmt); col++) {
        const unsigned char *z = sqlite3_column_text(pStmt, col);
        if (z) (void)strlen((const char *)z);
      }
    }
    sqlite3_finalize(pStmt);
  }
  return 0;
}
