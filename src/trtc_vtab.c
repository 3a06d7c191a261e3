/*
** trtc_vtab.c: what the virtual tables of sqlite-trtc share (trtc_vtab.h):
** connecting (every table is eponymous, read-only and declared
** SQLITE_VTAB_INNOCUOUS, so views and triggers may use it under PRAGMA
** trusted_schema=OFF) and the event-row columns of trtc_events and
** trtc_decode.
*/
#include "trtc_vtab.h"
#include "trtc_lookup.h"

#include <string.h>

int trtcVtabConnect(sqlite3 *db, const char *zSchema, size_t nByte, sqlite3_vtab **ppVtab,
                    char **pzErr) {
  sqlite3_vtab *p;
  int rc = sqlite3_declare_vtab(db, zSchema);
  if (rc == SQLITE_OK) rc = sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  if (rc != SQLITE_OK) {
    *pzErr = sqlite3_mprintf("%s", sqlite3_errmsg(db));
    return rc;
  }
  p = sqlite3_malloc64(nByte);
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, nByte);
  *ppVtab = p;
  return SQLITE_OK;
}

int trtcVtabDisconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

/* A parameter column: the spec's integer, or NULL for a measured value. */
static void paramColumn(sqlite3_context *ctx, const TrtcParam *pParam) {
  if (pParam->label == 0) sqlite3_result_int(ctx, pParam->value);
}

void trtcEventColumn(sqlite3_context *ctx, const TrtcEventRow *pRow, int iCol) {
  switch (iCol) {
    case TRTC_EVENT_COL_EVENT_ID: sqlite3_result_int(ctx, pRow->event_id); break;
    case TRTC_EVENT_COL_PARAM1: paramColumn(ctx, &pRow->param1); break;
    case TRTC_EVENT_COL_PARAM2: paramColumn(ctx, &pRow->param2); break;
    case TRTC_EVENT_COL_PARAM1_LABEL: trtcResultStatic(ctx, pRow->param1.label); break;
    case TRTC_EVENT_COL_PARAM2_LABEL: trtcResultStatic(ctx, pRow->param2.label); break;
    case TRTC_EVENT_COL_DESCRIPTION: trtcResultEventDescription(ctx, pRow); break;
    case TRTC_EVENT_COL_SOURCE: trtcResultStatic(ctx, trtc_source_names[pRow->source]); break;
    case TRTC_EVENT_COL_CATEGORY: trtcResultStatic(ctx, trtc_category_names[pRow->category]); break;
    case TRTC_EVENT_COL_SEVERITY: trtcResultStatic(ctx, trtc_severity_names[pRow->severity]); break;
    default: break;
  }
}
