/*
** trtc_vtab_decode.c: trtc_decode(event_id [, param1 [, param2]]), a
** table-valued function that decodes one event log row:
**
**   SELECT * FROM trtc_decode(5003, 0, -1);
**   SELECT text, severity FROM trtc_decode(4003, 1280, 720);
**   SELECT l.*, d.text, d.severity
**     FROM log l LEFT JOIN trtc_decode(l.EventId, l.ParamOne, l.ParamTwo) d;
**
** It returns zero rows or one: the trtc_events row that the arguments
** match, by trtc_event()'s rule (trtcEventFromArgs: an omitted parameter
** counts as -1; NULL or non-integer arguments match nothing), with the
** same columns as trtc_events, plus "text", which is exactly what
** trtc_event() returns for the same arguments (with the measured values,
** e.g. "... (Resolution width: 1280, Resolution height: 720)").
**
** So event_id, param1 and param2 are the ROW's columns, as in trtc_events
** (param1 is NULL for 4003, whose parameters are measured values). The
** arguments are the hidden columns arg_event_id, arg_param1 and arg_param2,
** which show the arguments as read (-1 for an omitted parameter). They are
** declared without a type, so no affinity changes the arguments before
** trtc_event()'s rule reads them.
*/
#include "trtc_ext.h"
#include "trtc_lookup.h"
#include "trtc_vtab.h"

#include <string.h>

#define DECODE_SCHEMA                                                                   \
  "CREATE TABLE x(" TRTC_EVENT_COLUMNS ", text TEXT, "                                  \
  "arg_event_id HIDDEN, arg_param1 HIDDEN, arg_param2 HIDDEN)"
enum {
  DECODE_COL_TEXT = TRTC_EVENT_NCOL,
  DECODE_COL_ARG_EVENT_ID, /* the arguments, in order */
  DECODE_COL_ARG_PARAM1,
  DECODE_COL_ARG_PARAM2
};
#define DECODE_NARG 3

typedef struct DecodeCursor {
  sqlite3_vtab_cursor base;
  const TrtcEventRow *pRow;        /* the row; NULL at EOF */
  sqlite3_int64 aArg[DECODE_NARG]; /* the arguments as read */
} DecodeCursor;

static int decodeConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                         sqlite3_vtab **ppVtab, char **pzErr) {
  (void)pAux;
  (void)argc;
  (void)argv;
  return trtcVtabConnect(db, DECODE_SCHEMA, sizeof(sqlite3_vtab), ppVtab, pzErr);
}

/*
** idxNum bits: 0x1 arg_event_id, 0x2 arg_param1, 0x4 arg_param2: an "="
** constraint on that argument is used; xFilter's argv holds the used ones
** in that order. (trtc_decode(a, b) is "arg_event_id = a AND arg_param1 =
** b".) The constraints are omitted: xFilter applies trtc_event()'s rule,
** and the hidden columns show the arguments as read, not as given.
**
** event_id is required: a plan without it costs 1e99, so SQLite takes it
** only when no other exists, and then xFilter fails saying so (an OR in
** the WHERE makes SQLite ask about each branch alone, without the
** arguments: that must not be an error). An argument whose value is not
** known yet (it refers to a table that this plan visits later) makes the
** plan impossible: SQLITE_CONSTRAINT, and the planner tries another order. That
** is what makes correlated calls and LEFT JOIN work. At most one row comes
** out: SQLITE_INDEX_SCAN_UNIQUE, cost 1. idxStr names the arguments used
** (EXPLAIN QUERY PLAN shows e.g. "INDEX 7:arg_event_id=,arg_param1=,arg_param2=").
*/
static const char *const azDecodeIdxStr[1 << DECODE_NARG] = {
    0, "arg_event_id=", 0, "arg_event_id=,arg_param1=",
    0, "arg_event_id=,arg_param2=", 0, "arg_event_id=,arg_param1=,arg_param2=",
};

static int decodeBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  int aCons[DECODE_NARG] = { -1, -1, -1 };
  int mUnusable = 0, idxNum = 0, nArg = 0, i, j;
  (void)pVtab;
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *p = &pInfo->aConstraint[i];
    j = p->iColumn - DECODE_COL_ARG_EVENT_ID;
    if (j < 0 || j >= DECODE_NARG || p->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!p->usable) {
      mUnusable |= 1 << j;
    } else if (aCons[j] < 0) {
      aCons[j] = i;
    }
  }
  for (j = 0; j < DECODE_NARG; j++) {
    if (aCons[j] < 0) continue;
    idxNum |= 1 << j;
    pInfo->aConstraintUsage[aCons[j]].argvIndex = ++nArg;
    pInfo->aConstraintUsage[aCons[j]].omit = 1;
  }
  if (mUnusable & ~idxNum) return SQLITE_CONSTRAINT;
  if (!(idxNum & 1)) {
    /* No event_id: a plan SQLite will not pick if any other exists (an OR
    ** in the WHERE makes it ask about each branch alone); if it must,
    ** xFilter says the argument is missing. */
    pInfo->idxNum = idxNum;
    pInfo->estimatedCost = 1e99;
    pInfo->estimatedRows = 2147483647;
    return SQLITE_OK;
  }
  pInfo->idxNum = idxNum;
  pInfo->idxStr = (char *)azDecodeIdxStr[idxNum]; /* static: needToFreeIdxStr stays 0 */
  pInfo->idxFlags |= SQLITE_INDEX_SCAN_UNIQUE;
  pInfo->estimatedRows = 1;
  pInfo->estimatedCost = 1;
  return SQLITE_OK;
}

static int decodeOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  DecodeCursor *p = sqlite3_malloc(sizeof(*p));
  (void)pVtab;
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  *ppCursor = &p->base;
  return SQLITE_OK;
}

static int decodeClose(sqlite3_vtab_cursor *pCursor) {
  sqlite3_free(pCursor);
  return SQLITE_OK;
}

static int decodeFilter(sqlite3_vtab_cursor *pCursor, int idxNum, const char *idxStr, int argc,
                        sqlite3_value **argv) {
  DecodeCursor *p = (DecodeCursor *)pCursor;
  sqlite3_value *apArg[DECODE_NARG] = { 0, 0, 0 };
  int iArg = 0, j;
  (void)idxStr;
  (void)argc; /* used by assert() only */
  if (!(idxNum & 1)) {
    sqlite3_vtab *pVtab = pCursor->pVtab;
    sqlite3_free(pVtab->zErrMsg);
    pVtab->zErrMsg = sqlite3_mprintf("trtc_decode: the first argument, event_id, is required");
    return pVtab->zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (idxNum == 7) { /* all three, in order: argv as it is (2% of a join) */
    p->pRow = trtcEventFromArgs(argv, &p->aArg[1], &p->aArg[2]);
    if (p->pRow) p->aArg[0] = p->pRow->event_id;
    return SQLITE_OK;
  }
  for (j = 0; j < DECODE_NARG; j++) {
    if (!(idxNum & (1 << j))) continue;
    assert(iArg < argc);
    apArg[j] = argv[iArg++];
  }
  p->pRow = trtcEventFromArgs(apArg, &p->aArg[1], &p->aArg[2]);
  if (p->pRow) p->aArg[0] = p->pRow->event_id;
  return SQLITE_OK;
}

static int decodeNext(sqlite3_vtab_cursor *pCursor) {
  ((DecodeCursor *)pCursor)->pRow = 0;
  return SQLITE_OK;
}

static int decodeEof(sqlite3_vtab_cursor *pCursor) {
  return ((DecodeCursor *)pCursor)->pRow == 0;
}

static int decodeColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx, int iCol) {
  DecodeCursor *p = (DecodeCursor *)pCursor;
  if (p->pRow == 0) return SQLITE_OK;
  if (iCol < TRTC_EVENT_NCOL) {
    trtcEventColumn(ctx, p->pRow, iCol);
  } else if (iCol == DECODE_COL_TEXT) {
    trtcResultEventText(ctx, p->pRow, p->aArg[1], p->aArg[2]);
  } else if (iCol - DECODE_COL_ARG_EVENT_ID < DECODE_NARG) {
    sqlite3_result_int64(ctx, p->aArg[iCol - DECODE_COL_ARG_EVENT_ID]);
  }
  return SQLITE_OK;
}

static int decodeRowid(sqlite3_vtab_cursor *pCursor, sqlite3_int64 *pRowid) {
  const DecodeCursor *p = (const DecodeCursor *)pCursor;
  *pRowid = p->pRow ? (sqlite3_int64)(p->pRow - trtc_event_rows) : 0;
  return SQLITE_OK;
}

/* No xCreate: eponymous-only. No xUpdate: read-only. */
const sqlite3_module trtcDecodeModule = {
    .xConnect = decodeConnect,
    .xBestIndex = decodeBestIndex,
    .xDisconnect = trtcVtabDisconnect,
    .xOpen = decodeOpen,
    .xClose = decodeClose,
    .xFilter = decodeFilter,
    .xNext = decodeNext,
    .xEof = decodeEof,
    .xColumn = decodeColumn,
    .xRowid = decodeRowid,
};
