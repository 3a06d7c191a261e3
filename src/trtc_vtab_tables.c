/*
** trtc_vtab_tables.c: the mapping tables as eponymous, read-only virtual
** tables, usable without CREATE VIRTUAL TABLE:
**
**   SELECT * FROM trtc_events WHERE event_id = 5003;
**   SELECT * FROM trtc_events WHERE event_id IN (1003, 5003) ORDER BY event_id;
**   SELECT description FROM trtc_experiences WHERE experience_id = 4;
**   SELECT kind, count(*) FROM trtc_abnormal_events GROUP BY kind;
**   SELECT * FROM trtc_stream_types;
**
** One module, trtcTableModule, serves the four tables: SQLite hands
** xConnect the table's TrtcTableDef as pAux (trtc_ext.c registers the
** module once per table), which says what differs (schema, rows, lookups,
** columns). The rows are the static const arrays of trtc_data.c, each
** sorted by the table's first column, its key. Equality constraints on the
** key become lookups (trtc_lookup.c), one per value of an IN list (SQLite
** iterates the list); on trtc_events' param1 and param2 they filter the
** rows. Rows come in key order, so ORDER BY key (ASC or DESC) needs no
** sort. INSERT, UPDATE and DELETE fail with SQLite's "table trtc_events may
** not be modified": the modules have no xUpdate. The tables declare
** SQLITE_VTAB_INNOCUOUS, so views and triggers may use them under
** PRAGMA trusted_schema=OFF.
*/
#include "trtc_ext.h"
#include "trtc_lookup.h"
#include "trtc_vtab.h"

#include <string.h>

/* trtc_events: the event row columns (trtc_vtab.h), TRTC_EVENT_COL_*. */
#define EVENTS_SCHEMA "CREATE TABLE x(" TRTC_EVENT_COLUMNS ")"

#define EXPERIENCES_SCHEMA "CREATE TABLE x(experience_id INTEGER, description TEXT)"
enum { EXPERIENCE_COL_ID, EXPERIENCE_COL_DESCRIPTION };

#define ABNORMAL_SCHEMA "CREATE TABLE x(event_id INTEGER, kind TEXT, description TEXT)"
enum { ABNORMAL_COL_ID, ABNORMAL_COL_KIND, ABNORMAL_COL_DESCRIPTION };

#define STREAM_TYPES_SCHEMA "CREATE TABLE x(type INTEGER, name TEXT, description TEXT)"
enum { STREAM_TYPE_COL_TYPE, STREAM_TYPE_COL_NAME, STREAM_TYPE_COL_DESCRIPTION };

/* At most this many lookup columns per table (trtc_events: 3). */
#define MAX_LOOKUP 3

/*
** What the generic code needs to know about one table. Column 0 is the
** key, the rows are sorted by it; columns 0 .. nLookup-1 are INTEGER
** columns on which "=" and IN constraints are used.
*/
struct TrtcTableDef {
  const char *zSchema;                  /* for sqlite3_declare_vtab() */
  const char *const *azLookup;          /* names of the lookup columns */
  int nLookup;                          /* 1 .. MAX_LOOKUP */
  const int *pnRow;                     /* number of rows */
  int nRowPerKey;                       /* rows per key, for the planner; 1: unique */
  /* The rows [*piFirst, *piEnd) whose key is iKey. */
  void (*xRange)(sqlite3_int64 iKey, int *piFirst, int *piEnd);
  /* Lookup column iCol (>= 1) of row iRow into *pVal; 0 when it is NULL.
  ** Only for tables with nLookup > 1. */
  int (*xLookupValue)(int iRow, int iCol, sqlite3_int64 *pVal);
  /* Column iCol of row iRow as the result of ctx. */
  void (*xColumn)(sqlite3_context *ctx, int iRow, int iCol);
}; /* typedef'd in trtc_ext.h */

/* ---- trtc_events ------------------------------------------------------- */

/* param1 or param2 (iCol) of an event row; event_id is the key. */
static int eventsLookupValue(int iRow, int iCol, sqlite3_int64 *pVal) {
  const TrtcEventRow *pRow = &trtc_event_rows[iRow];
  const TrtcParam *pParam = iCol == TRTC_EVENT_COL_PARAM1 ? &pRow->param1 : &pRow->param2;
  if (pParam->label != 0) return 0; /* a measured value: NULL */
  *pVal = pParam->value;
  return 1;
}

static void eventsColumn(sqlite3_context *ctx, int iRow, int iCol) {
  trtcEventColumn(ctx, &trtc_event_rows[iRow], iCol);
}

static const char *const azEventsLookup[] = { "event_id", "param1", "param2" };
const TrtcTableDef trtcEventsTable = {
    .zSchema = EVENTS_SCHEMA, .azLookup = azEventsLookup, .nLookup = 3,
    .pnRow = &trtc_event_count, .nRowPerKey = 2,
    .xRange = trtcEventRange, .xLookupValue = eventsLookupValue, .xColumn = eventsColumn,
};

/* ---- the tables with one row per key ----------------------------------- */

/* The range of a row index from trtcFind*(): empty when it is -1. */
static void rangeOf(int i, int *piFirst, int *piEnd) {
  *piFirst = i < 0 ? 0 : i;
  *piEnd = i < 0 ? 0 : i + 1;
}

static void experiencesRange(sqlite3_int64 iKey, int *piFirst, int *piEnd) {
  rangeOf(trtcFindExperience(iKey), piFirst, piEnd);
}

static void experiencesColumn(sqlite3_context *ctx, int iRow, int iCol) {
  const TrtcExperienceRow *p = &trtc_experience_rows[iRow];
  switch (iCol) {
    case EXPERIENCE_COL_ID: sqlite3_result_int(ctx, p->experience_id); break;
    case EXPERIENCE_COL_DESCRIPTION: trtcResultStatic(ctx, p->description); break;
    default: break;
  }
}

static const char *const azExperiencesLookup[] = { "experience_id" };
const TrtcTableDef trtcExperiencesTable = {
    .zSchema = EXPERIENCES_SCHEMA, .azLookup = azExperiencesLookup, .nLookup = 1,
    .pnRow = &trtc_experience_count, .nRowPerKey = 1,
    .xRange = experiencesRange, .xColumn = experiencesColumn,
};

static void abnormalRange(sqlite3_int64 iKey, int *piFirst, int *piEnd) {
  rangeOf(trtcFindAbnormal(iKey), piFirst, piEnd);
}

static void abnormalColumn(sqlite3_context *ctx, int iRow, int iCol) {
  const TrtcAbnormalRow *p = &trtc_abnormal_rows[iRow];
  switch (iCol) {
    case ABNORMAL_COL_ID: sqlite3_result_int(ctx, p->event_id); break;
    case ABNORMAL_COL_KIND: trtcResultStatic(ctx, trtc_kind_names[p->kind]); break;
    case ABNORMAL_COL_DESCRIPTION: trtcResultStatic(ctx, p->description); break;
    default: break;
  }
}

static const char *const azAbnormalLookup[] = { "event_id" };
const TrtcTableDef trtcAbnormalEventsTable = {
    .zSchema = ABNORMAL_SCHEMA, .azLookup = azAbnormalLookup, .nLookup = 1,
    .pnRow = &trtc_abnormal_count, .nRowPerKey = 1,
    .xRange = abnormalRange, .xColumn = abnormalColumn,
};

static void streamTypesRange(sqlite3_int64 iKey, int *piFirst, int *piEnd) {
  rangeOf(trtcFindStreamType(iKey), piFirst, piEnd);
}

static void streamTypesColumn(sqlite3_context *ctx, int iRow, int iCol) {
  const TrtcStreamTypeRow *p = &trtc_stream_type_rows[iRow];
  switch (iCol) {
    case STREAM_TYPE_COL_TYPE: sqlite3_result_int(ctx, p->type); break;
    case STREAM_TYPE_COL_NAME: trtcResultStatic(ctx, p->name); break;
    case STREAM_TYPE_COL_DESCRIPTION: trtcResultStatic(ctx, p->description); break;
    default: break;
  }
}

static const char *const azStreamTypesLookup[] = { "type" };
const TrtcTableDef trtcStreamTypesTable = {
    .zSchema = STREAM_TYPES_SCHEMA, .azLookup = azStreamTypesLookup, .nLookup = 1,
    .pnRow = &trtc_stream_type_count, .nRowPerKey = 1,
    .xRange = streamTypesRange, .xColumn = streamTypesColumn,
};

/* ---- connecting -------------------------------------------------------- */

typedef struct TableVtab {
  sqlite3_vtab base;
  const TrtcTableDef *pDef;
} TableVtab;

/* pAux is the table's TrtcTableDef. */
static int tableConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                        sqlite3_vtab **ppVtab, char **pzErr) {
  const TrtcTableDef *pDef = pAux;
  int rc = trtcVtabConnect(db, pDef->zSchema, sizeof(TableVtab), ppVtab, pzErr);
  (void)argc;
  (void)argv;
  if (rc == SQLITE_OK) ((TableVtab *)*ppVtab)->pDef = pDef;
  return rc;
}

/* ---- query planning ---------------------------------------------------- */

/*
** idxNum, as xBestIndex sets it and xFilter reads it. For lookup column j
** (0: the key, event_id / experience_id / type; 1: param1; 2: param2, in
** trtc_events only):
**
**   IDX_EQ(j)  = 1 << j   an "=" constraint on column j is used: xFilter's
**                         next argv value holds it. (An IN list on it is
**                         iterated by SQLite: one xFilter per value.)
**   IDX_DESC   = 0x08     ORDER BY key DESC is consumed: rows come in
**                         descending key order (else ascending).
**
** argv holds the values of the used columns in column order. idxStr says
** the same for people: e.g. "event_id=,param1=,DESC" in EXPLAIN QUERY PLAN.
**
** Constraints are never omitted: SQLite checks them again on each row, so
** the lookups only have to return every row that can match (see
** valueKey()). At most one row can match when every lookup column is
** pinned (trtc_events' rows differ in (event_id, param1, param2); the other
** tables have one row per key): then SQLITE_INDEX_SCAN_UNIQUE and
** estimatedRows 1. A full scan costs the table's size.
*/
#define IDX_EQ(j) (1 << (j))
#define IDX_DESC  0x08

static int tableBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  const TrtcTableDef *pDef = ((TableVtab *)pVtab)->pDef;
  int aCons[MAX_LOOKUP] = { -1, -1, -1 };
  int idxNum = 0, nArg = 0, bUnique = 1, i, j;
  double nRow = *pDef->pnRow, nOut = nRow, rCost = nRow;
  sqlite3_str *pStr;

  /* The first usable "=" constraint on each lookup column. */
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *p = &pInfo->aConstraint[i];
    if (p->usable && p->op == SQLITE_INDEX_CONSTRAINT_EQ && p->iColumn >= 0 &&
        p->iColumn < pDef->nLookup && aCons[p->iColumn] < 0) {
      aCons[p->iColumn] = i;
    }
  }
  for (j = 0; j < pDef->nLookup; j++) {
    if (aCons[j] < 0) {
      bUnique = 0;
      continue;
    }
    idxNum |= IDX_EQ(j);
    pInfo->aConstraintUsage[aCons[j]].argvIndex = ++nArg;
  }

  if (idxNum & IDX_EQ(0)) { /* a lookup, then the key's rows */
    nOut = pDef->nRowPerKey;
    rCost = 1 + nOut;
  }
  for (j = 1; j < pDef->nLookup; j++) {
    if ((idxNum & IDX_EQ(j)) && nOut > 1) nOut /= 2;
  }
  if (bUnique) {
    pInfo->idxFlags |= SQLITE_INDEX_SCAN_UNIQUE;
    nOut = 1;
  }
  pInfo->estimatedRows = (sqlite3_int64)nOut;
  pInfo->estimatedCost = rCost;

  /* The rows come sorted by the key; with a unique key, ties are impossible
  ** and any further ORDER BY terms are satisfied too. */
  if (pInfo->nOrderBy >= 1 && pInfo->aOrderBy[0].iColumn == 0 &&
      (pInfo->nOrderBy == 1 || pDef->nRowPerKey == 1)) {
    pInfo->orderByConsumed = 1;
    if (pInfo->aOrderBy[0].desc) idxNum |= IDX_DESC;
  }

  pInfo->idxNum = idxNum;
  if (idxNum == 0) return SQLITE_OK;
  pStr = sqlite3_str_new(0);
  for (j = 0; j < pDef->nLookup; j++) {
    if (idxNum & IDX_EQ(j)) {
      sqlite3_str_appendf(pStr, "%s%s=", sqlite3_str_length(pStr) ? "," : "", pDef->azLookup[j]);
    }
  }
  if (idxNum & IDX_DESC) sqlite3_str_appendf(pStr, "%sDESC", sqlite3_str_length(pStr) ? "," : "");
  pInfo->idxStr = sqlite3_str_finish(pStr);
  if (pInfo->idxStr == 0) return SQLITE_NOMEM;
  pInfo->needToFreeIdxStr = 1;
  return SQLITE_OK;
}

/* ---- cursors ----------------------------------------------------------- */

typedef struct TableCursor {
  sqlite3_vtab_cursor base;
  const TrtcTableDef *pDef;
  sqlite3_int64 aKey[MAX_LOOKUP]; /* the value each pinned lookup column must equal */
  unsigned mPinned;               /* IDX_EQ(j) bits of the pinned columns */
  int bDesc;                      /* descending key order */
  int iFirst, iEnd;               /* the rows to visit */
  int k;                          /* rows of them visited so far */
  int iRow;                       /* the current row; -1 at EOF */
} TableCursor;

/*
** The integer that an SQL value compared with "=" to an INTEGER column can
** equal, if any. The comparison applies numeric affinity to the value
** ('5003' and '5.003e3' equal 5003), so this does too, then reads it as
** trtcValueInt64() does (which accepts only integral numbers).
*/
static int valueKey(sqlite3_value *pVal, sqlite3_int64 *pKey) {
  sqlite3_value_numeric_type(pVal);
  return trtcValueInt64(pVal, pKey);
}

static int tableOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  TableCursor *p = sqlite3_malloc(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->pDef = ((TableVtab *)pVtab)->pDef;
  p->iRow = -1;
  *ppCursor = &p->base;
  return SQLITE_OK;
}

static int tableClose(sqlite3_vtab_cursor *pCursor) {
  sqlite3_free(pCursor);
  return SQLITE_OK;
}

/* Does row iRow hold the pinned values of the lookup columns after the key? */
static int rowMatches(const TableCursor *p, int iRow) {
  int j;
  for (j = 1; j < p->pDef->nLookup; j++) {
    sqlite3_int64 v;
    if (!(p->mPinned & IDX_EQ(j))) continue;
    if (!p->pDef->xLookupValue(iRow, j, &v) || v != p->aKey[j]) return 0;
  }
  return 1;
}

/* Move to the next row of [iFirst, iEnd) that matches (backwards when
** bDesc), or to EOF. */
static void tableAdvance(TableCursor *p) {
  while (p->k < p->iEnd - p->iFirst) {
    int iRow = p->bDesc ? p->iEnd - 1 - p->k : p->iFirst + p->k;
    p->k++;
    if (rowMatches(p, iRow)) {
      p->iRow = iRow;
      return;
    }
  }
  p->iRow = -1;
}

static int tableFilter(sqlite3_vtab_cursor *pCursor, int idxNum, const char *idxStr, int argc,
                       sqlite3_value **argv) {
  TableCursor *p = (TableCursor *)pCursor;
  int iArg = 0, bNone = 0, j;
  (void)idxStr;
  p->mPinned = 0;
  for (j = 0; j < p->pDef->nLookup; j++) {
    if (!(idxNum & IDX_EQ(j))) continue;
    assert(iArg < argc);
    p->mPinned |= IDX_EQ(j);
    /* A value no integer equals: no row can match. */
    if (!valueKey(argv[iArg++], &p->aKey[j])) bNone = 1;
  }
  (void)argc;
  p->bDesc = (idxNum & IDX_DESC) != 0;
  if (bNone) {
    p->iFirst = p->iEnd = 0;
  } else if (p->mPinned & IDX_EQ(0)) {
    p->pDef->xRange(p->aKey[0], &p->iFirst, &p->iEnd);
  } else {
    p->iFirst = 0;
    p->iEnd = *p->pDef->pnRow;
  }
  p->k = 0;
  tableAdvance(p);
  return SQLITE_OK;
}

static int tableNext(sqlite3_vtab_cursor *pCursor) {
  tableAdvance((TableCursor *)pCursor);
  return SQLITE_OK;
}

static int tableEof(sqlite3_vtab_cursor *pCursor) {
  return ((TableCursor *)pCursor)->iRow < 0;
}

static int tableColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx, int iCol) {
  TableCursor *p = (TableCursor *)pCursor;
  if (p->iRow >= 0) p->pDef->xColumn(ctx, p->iRow, iCol);
  return SQLITE_OK;
}

static int tableRowid(sqlite3_vtab_cursor *pCursor, sqlite3_int64 *pRowid) {
  *pRowid = ((TableCursor *)pCursor)->iRow;
  return SQLITE_OK;
}

/* No xCreate: the tables are eponymous-only. No xUpdate: they are read-only. */
const sqlite3_module trtcTableModule = {
    .xConnect = tableConnect,
    .xBestIndex = tableBestIndex,
    .xDisconnect = trtcVtabDisconnect,
    .xOpen = tableOpen,
    .xClose = tableClose,
    .xFilter = tableFilter,
    .xNext = tableNext,
    .xEof = tableEof,
    .xColumn = tableColumn,
    .xRowid = tableRowid,
};
