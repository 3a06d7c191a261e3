/*
** trtc_ingest.h: the table-valued functions that read saved API responses
** (trtc_ingest.c): one virtual table module, told by its pAux which
** response shape it reads (a TrtcIngestShape, defined in trtc_shapes.c):
**
**   SELECT peer_id, text FROM trtc_user_events(readfile('alice.json'));
**   SELECT user_id, experience FROM trtc_unusual_events(:response);
**
** A shape says everything that differs: the SQL name and schema, where
** the rows sit in the JSON (a TrtcWalkShape for trtc_walk.c) and how a row
** becomes column values. Adding a response shape touches trtc_shapes.c
** (and trtc_ext.c's registration table) only.
*/
#ifndef TRTC_INGEST_H
#define TRTC_INGEST_H

#include "trtc_ext.h"
#include "trtc_walk.h"

/* What a shape's column function reads. */
typedef struct TrtcIngestRow {
  TrtcWalk *pWalk;        /* the current row: trtcWalkGroup(), trtcWalkItem() */
  sqlite3_int64 iRowid;   /* its position in the response, from 1 */
  /* A cache for lookups that several columns of one row need. */
  sqlite3_int64 iCached;  /* the row it belongs to; 0 for none */
  const void *apCache[2];
} TrtcIngestRow;

struct TrtcIngestShape {
  const char *zName;    /* the SQL name, for error messages */
  const char *zSchema;  /* for sqlite3_declare_vtab() */
  int iColJson;         /* the HIDDEN argument column */
  TrtcWalkShape walk;
  /* Set the result of ctx to column iCol (not iColJson) of the row. */
  int (*xColumn)(TrtcIngestRow *pRow, sqlite3_context *ctx, int iCol);
}; /* typedef'd in trtc_ext.h */

/* An integer field's value as a result; missing stays NULL. */
static inline void trtcIngestResultInt(sqlite3_context *ctx, const TrtcWalkValue *pVal) {
  if (pVal->eType == TRTC_VALUE_INT) sqlite3_result_int64(ctx, pVal->iInt);
}

/* A text field's value as a result (copied); missing stays NULL. */
static inline int trtcIngestResultText(TrtcIngestRow *pRow, sqlite3_context *ctx,
                                       const TrtcWalkValue *pVal) {
  const char *z;
  int n;
  if (pVal->eType != TRTC_VALUE_TEXT) return SQLITE_OK;
  if (trtcWalkText(pRow->pWalk, pVal, &z, &n) != TRTC_WALK_OK) return SQLITE_NOMEM;
  sqlite3_result_text(ctx, z, n, SQLITE_TRANSIENT);
  return SQLITE_OK;
}

#endif /* TRTC_INGEST_H */
