/*
** trtc_ingest.c: the table-valued functions that turn a saved response of
** TRTC's monitoring API into decoded rows, one SQL statement from response
** to answer:
**
**   SELECT peer_id, time_ms, event_id, text           -- DescribeUserEvent
**     FROM trtc_user_events(readfile('alice.json'));
**   SELECT user_id, experience, abnormal_event, peer_id
**     FROM trtc_unusual_events(:response);            -- DescribeUnusualEvent
**   SELECT r.user_id, e.time_ms, e.text               -- every stored response
**     FROM responses r, trtc_user_events(r.body) e;
**
** One module, trtcIngestModule, serves every response shape: SQLite hands
** xConnect the shape as pAux (trtc_ext.c registers the module once per
** shape; the shapes are in trtc_shapes.c). The tables are eponymous-only
** and read-only; their one argument is the HIDDEN column "json". A cursor
** keeps a copy of the argument and walks it with trtc_walk.c, which
** checks the whole text first: malformed JSON and API error responses are
** errors before any row. docs/ingest.md documents every column and rule.
*/
#include "trtc_ingest.h"
#include "trtc_ext.h"
#include "trtc_vtab.h"

#include <string.h>

typedef struct IngestVtab {
  sqlite3_vtab base;
  const TrtcIngestShape *pShape;
} IngestVtab;

typedef struct IngestCursor {
  sqlite3_vtab_cursor base;
  sqlite3_value *pJson; /* copy of the argument; the walk points into it */
  TrtcWalk walk;
  TrtcIngestRow row;
} IngestCursor;

static const TrtcIngestShape *shapeOf(sqlite3_vtab_cursor *cur) {
  return ((IngestVtab *)cur->pVtab)->pShape;
}

/* Set the table's error message "<name>: <zMsg>"; returns rc, or
** SQLITE_NOMEM when zMsg (which it frees) or the message is NULL. */
static int ingestError(sqlite3_vtab_cursor *cur, int rc, char *zMsg) {
  sqlite3_vtab *pVtab = cur->pVtab;
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = zMsg ? sqlite3_mprintf("%s: %s", shapeOf(cur)->zName, zMsg) : 0;
  sqlite3_free(zMsg);
  return pVtab->zErrMsg ? rc : SQLITE_NOMEM;
}

static int ingestConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                         sqlite3_vtab **ppVtab, char **pzErr) {
  const TrtcIngestShape *pShape = pAux;
  int rc = trtcVtabConnect(db, pShape->zSchema, sizeof(IngestVtab), ppVtab, pzErr);
  (void)argc;
  (void)argv;
  if (rc == SQLITE_OK) ((IngestVtab *)*ppVtab)->pShape = pShape;
  return rc;
}

/*
** idxNum bits:
**   IDX_JSON (1)  the json argument is given (an = constraint on the
**                 HIDDEN column), passed as argv[0].
** A json constraint that cannot be used yet (its value comes from a table
** later in the join) makes this plan SQLITE_CONSTRAINT, so SQLite puts
** the function after that table. A plan without any json constraint costs
** more than any other, and xFilter reports the missing argument if SQLite
** runs it anyway (it also asks about such plans while planning an OR).
*/
#define IDX_JSON 1

static int ingestBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  const TrtcIngestShape *pShape = ((IngestVtab *)pVtab)->pShape;
  int i, iJson = -1, bUnusable = 0;
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *pCons = &pInfo->aConstraint[i];
    if (pCons->iColumn != pShape->iColJson || pCons->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!pCons->usable) {
      bUnusable = 1;
    } else if (iJson < 0) {
      iJson = i;
    }
  }
  if (iJson >= 0) {
    pInfo->aConstraintUsage[iJson].argvIndex = 1;
    pInfo->aConstraintUsage[iJson].omit = 1;
    pInfo->idxNum = IDX_JSON;
    pInfo->estimatedCost = 1000.0;
    pInfo->estimatedRows = 1000;
    return SQLITE_OK;
  }
  if (bUnusable) return SQLITE_CONSTRAINT;
  pInfo->idxNum = 0; /* xFilter reports the missing argument */
  pInfo->estimatedCost = 1e99;
  pInfo->estimatedRows = 2147483647;
  return SQLITE_OK;
}

static int ingestOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  IngestCursor *pCur = sqlite3_malloc(sizeof(*pCur));
  (void)pVtab;
  if (pCur == 0) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  trtcWalkInit(&pCur->walk);
  pCur->row.pWalk = &pCur->walk;
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

static int ingestClose(sqlite3_vtab_cursor *cur) {
  IngestCursor *pCur = (IngestCursor *)cur;
  sqlite3_value_free(pCur->pJson);
  trtcWalkFree(&pCur->walk);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/* The walk's return code as the table's. */
static int walkResult(IngestCursor *pCur, int rc) {
  switch (rc) {
    case TRTC_WALK_OK: return SQLITE_OK;
    case TRTC_WALK_MALFORMED:
      return ingestError(&pCur->base, SQLITE_ERROR, trtcWalkErrorMessage(&pCur->walk));
    case TRTC_WALK_API_ERROR: {
      char *zApi = trtcWalkApiError(&pCur->walk);
      char *zMsg = zApi ? sqlite3_mprintf("API error %s", zApi) : 0;
      sqlite3_free(zApi);
      return ingestError(&pCur->base, SQLITE_ERROR, zMsg);
    }
    default: return SQLITE_NOMEM;
  }
}

static int ingestFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                        sqlite3_value **argv) {
  IngestCursor *pCur = (IngestCursor *)cur;
  const TrtcIngestShape *pShape = shapeOf(cur);
  const unsigned char *z;
  int n;
  (void)idxStr;
  (void)argc;
  sqlite3_value_free(pCur->pJson);
  pCur->pJson = 0;
  pCur->walk.bEof = 1;
  pCur->row.iRowid = 1;
  pCur->row.iCached = 0;
  if ((idxNum & IDX_JSON) == 0) {
    return ingestError(cur, SQLITE_ERROR,
                       sqlite3_mprintf("missing argument: use %s(json)", pShape->zName));
  }
  assert(argc == 1);
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return SQLITE_OK; /* no rows */
  pCur->pJson = sqlite3_value_dup(argv[0]);
  if (pCur->pJson == 0) return SQLITE_NOMEM;
  if (sqlite3_value_type(pCur->pJson) == SQLITE_BLOB) {
    /* JSON text as readfile() returns it (read as text whatever the
    ** SQLite version: 3.45 and later would take a BLOB for JSONB). */
    z = sqlite3_value_blob(pCur->pJson);
  } else {
    z = sqlite3_value_text(pCur->pJson);
    if (z == 0) return SQLITE_NOMEM;
  }
  n = sqlite3_value_bytes(pCur->pJson);
  return walkResult(pCur, trtcWalkStart(&pCur->walk, &pShape->walk, z, n));
}

static int ingestNext(sqlite3_vtab_cursor *cur) {
  IngestCursor *pCur = (IngestCursor *)cur;
  pCur->row.iRowid++;
  return walkResult(pCur, trtcWalkNext(&pCur->walk));
}

static int ingestEof(sqlite3_vtab_cursor *cur) {
  return trtcWalkEof(&((IngestCursor *)cur)->walk);
}

static int ingestColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int iCol) {
  IngestCursor *pCur = (IngestCursor *)cur;
  const TrtcIngestShape *pShape = shapeOf(cur);
  if (iCol == pShape->iColJson) { /* there are rows: pJson is set */
    sqlite3_result_value(ctx, pCur->pJson);
    return SQLITE_OK;
  }
  return pShape->xColumn(&pCur->row, ctx, iCol);
}

/* The row's position in the response, from 1. */
static int ingestRowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *pRowid) {
  *pRowid = ((IngestCursor *)cur)->row.iRowid;
  return SQLITE_OK;
}

/* Eponymous-only (no xCreate) and read-only (no xUpdate). */
const sqlite3_module trtcIngestModule = {
    .iVersion = 0,
    .xConnect = ingestConnect,
    .xBestIndex = ingestBestIndex,
    .xDisconnect = trtcVtabDisconnect,
    .xOpen = ingestOpen,
    .xClose = ingestClose,
    .xFilter = ingestFilter,
    .xNext = ingestNext,
    .xEof = ingestEof,
    .xColumn = ingestColumn,
    .xRowid = ingestRowid,
};
