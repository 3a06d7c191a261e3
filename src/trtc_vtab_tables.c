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
** One generic implementation serves the four tables; a TableDef per table
** says what differs (schema, rows, lookups, columns). The rows are the
** static const arrays of trtc_data.c, each sorted by the table's first
** column, its key. Equality and IN constraints on the key become binary
** searches (trtc_lookup.c); on trtc_events' param1 and param2 they filter
** the rows. Rows come in key order, so ORDER BY key (ASC or DESC) needs no
** sort. INSERT, UPDATE and DELETE fail with SQLite's "table trtc_events may
** not be modified": the modules have no xUpdate. The tables declare
** SQLITE_VTAB_INNOCUOUS, so views and triggers may use them under
** PRAGMA trusted_schema=OFF.
*/
#include "trtc_vtab.h"
#include "trtc_lookup.h"

#include <stdlib.h>
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
typedef struct TableDef {
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
} TableDef;

/* ---- trtc_events ------------------------------------------------------- */

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
static const TableDef eventsDef = {
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
static const TableDef experiencesDef = {
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
static const TableDef abnormalDef = {
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
static const TableDef streamTypesDef = {
    .zSchema = STREAM_TYPES_SCHEMA, .azLookup = azStreamTypesLookup, .nLookup = 1,
    .pnRow = &trtc_stream_type_count, .nRowPerKey = 1,
    .xRange = streamTypesRange, .xColumn = streamTypesColumn,
};

/* ---- connecting (shared with trtc_vtab_decode.c) ----------------------- */

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

typedef struct TableVtab {
  sqlite3_vtab base;
  const TableDef *pDef;
} TableVtab;

static int tableConnect(sqlite3 *db, const TableDef *pDef, sqlite3_vtab **ppVtab,
                        char **pzErr) {
  int rc = trtcVtabConnect(db, pDef->zSchema, sizeof(TableVtab), ppVtab, pzErr);
  if (rc == SQLITE_OK) ((TableVtab *)*ppVtab)->pDef = pDef;
  return rc;
}

/* ---- query planning ---------------------------------------------------- */

/*
** idxNum, as xBestIndex sets it and xFilter reads it. For lookup column j
** (0: the key, event_id / experience_id / type; 1: param1; 2: param2, in
** trtc_events only):
**
**   IDX_EQ(j)  = 0x01 << 2j   an "=" (or IN) constraint on column j is used:
**                             xFilter's next argv value holds it.
**   IDX_IN(j)  = 0x02 << 2j   that argv value is an IN list handed over all
**                             at once (sqlite3_vtab_in, SQLite >= 3.38);
**                             without this bit SQLite iterates an IN itself,
**                             one xFilter per value.
**   IDX_DESC   = 0x40         ORDER BY key DESC is consumed: rows come in
**                             descending key order (else ascending).
**
** So trtc_events uses 0x01..0x20 and 0x40; the other tables 0x01, 0x02 and
** 0x40. argv holds the values of the used columns in column order. idxStr
** says the same for people: e.g. "event_id IN,param1=,DESC" in EXPLAIN
** QUERY PLAN.
**
** Constraints are never omitted: SQLite checks them again on each row, so
** the lookups only have to return every row that can match (see
** valueKey()). At most one row can match when every lookup column is
** pinned to a single value (trtc_events' rows differ in (event_id, param1,
** param2); the other tables have one row per key): then
** SQLITE_INDEX_SCAN_UNIQUE and estimatedRows 1. A full scan costs the
** table's size.
*/
#define IDX_EQ(j) (0x01 << (2 * (j)))
#define IDX_IN(j) (0x02 << (2 * (j)))
#define IDX_DESC  0x40

/* Does SQLite hand over the IN list of constraint iCons all at once? Asks
** for it when the headers and the library running both know how. */
static int useInAllAtOnce(sqlite3_index_info *pInfo, int iCons) {
#if SQLITE_VERSION_NUMBER >= 3038000
  if (sqlite3_libversion_number() >= 3038000 && sqlite3_vtab_in(pInfo, iCons, -1)) {
    sqlite3_vtab_in(pInfo, iCons, 1);
    return 1;
  }
#else
  (void)pInfo;
  (void)iCons;
#endif
  return 0;
}

static int tableBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  const TableDef *pDef = ((TableVtab *)pVtab)->pDef;
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
    if (useInAllAtOnce(pInfo, aCons[j])) {
      idxNum |= IDX_IN(j);
      bUnique = 0;
    }
  }

  if (idxNum & IDX_EQ(0)) {
    /* Binary search, then the key's rows (an IN list: guess 4 keys). */
    nOut = pDef->nRowPerKey * ((idxNum & IDX_IN(0)) ? 4 : 1);
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
      sqlite3_str_appendf(pStr, "%s%s%s", sqlite3_str_length(pStr) ? "," : "",
                          pDef->azLookup[j], (idxNum & IDX_IN(j)) ? " IN" : "=");
    }
  }
  if (idxNum & IDX_DESC) sqlite3_str_appendf(pStr, "%sDESC", sqlite3_str_length(pStr) ? "," : "");
  pInfo->idxStr = sqlite3_str_finish(pStr);
  if (pInfo->idxStr == 0) return SQLITE_NOMEM;
  pInfo->needToFreeIdxStr = 1;
  return SQLITE_OK;
}

/* ---- cursors ----------------------------------------------------------- */

/* The integers a lookup column must equal: one value, or an IN list. */
typedef struct KeySet {
  int bActive;            /* the column is constrained */
  int n;                  /* keys in a[]; 0: no row can match */
  sqlite3_int64 *a;       /* sorted ascending, distinct: &one or aAlloc */
  sqlite3_int64 one;      /* the key of an "=" constraint */
  sqlite3_int64 *aAlloc;  /* the keys of an IN list (sqlite3_malloc) */
  int nAlloc;             /* allocated size of aAlloc */
} KeySet;

typedef struct TableCursor {
  sqlite3_vtab_cursor base;
  const TableDef *pDef;
  KeySet aSet[MAX_LOOKUP];  /* per lookup column */
  int bDesc;                /* descending key order */
  int iSeg, nSeg;           /* next segment: a key of aSet[0], or the table */
  int iFirst, iEnd;         /* the rows of the current segment */
  int k;                    /* rows of it visited so far */
  int iRow;                 /* the current row; -1 at EOF */
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

static int cmpInt64(const void *a, const void *b) {
  sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
  return (x > y) - (x < y);
}

/* Add a key of an IN list to p->aAlloc. */
static int keySetAppend(KeySet *p, sqlite3_int64 iKey) {
  if (p->n == p->nAlloc) {
    int nNew = p->nAlloc ? 2 * p->nAlloc : 16;
    sqlite3_int64 *aNew = sqlite3_realloc64(p->aAlloc, (sqlite3_uint64)nNew * sizeof(iKey));
    if (aNew == 0) return SQLITE_NOMEM;
    p->aAlloc = aNew;
    p->nAlloc = nNew;
  }
  p->aAlloc[p->n++] = iKey;
  return SQLITE_OK;
}

/* Fill p from xFilter's argument pArg: one value, or (bList) an IN list. */
static int keySetFill(KeySet *p, sqlite3_value *pArg, int bList) {
  int rc = SQLITE_OK;
  p->bActive = 1;
  p->n = 0;
  if (!bList) {
    if (valueKey(pArg, &p->one)) p->n = 1;
    p->a = &p->one;
    return SQLITE_OK;
  }
#if SQLITE_VERSION_NUMBER >= 3038000
  {
    sqlite3_value *pVal = 0;
    sqlite3_int64 iKey;
    int i, n;
    for (rc = sqlite3_vtab_in_first(pArg, &pVal); rc == SQLITE_OK && pVal;
         rc = sqlite3_vtab_in_next(pArg, &pVal)) {
      if (valueKey(pVal, &iKey) && (rc = keySetAppend(p, iKey)) != SQLITE_OK) return rc;
    }
    if (rc != SQLITE_DONE) return rc;
    rc = SQLITE_OK;
    p->a = p->aAlloc;
    if (p->n > 1) {
      qsort(p->a, (size_t)p->n, sizeof(p->a[0]), cmpInt64);
      for (i = n = 1; i < p->n; i++) {
        if (p->a[i] != p->a[n - 1]) p->a[n++] = p->a[i];
      }
      p->n = n;
    }
  }
#else
  (void)pArg;
  rc = SQLITE_ERROR; /* xBestIndex never asks for IN lists here */
#endif
  return rc;
}

static int keySetHas(const KeySet *p, sqlite3_int64 iKey) {
  int lo = 0, hi = p->n - 1;
  while (lo <= hi) {
    int mid = lo + (hi - lo) / 2;
    if (p->a[mid] == iKey) return 1;
    if (p->a[mid] < iKey) lo = mid + 1; else hi = mid - 1;
  }
  return 0;
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
  TableCursor *p = (TableCursor *)pCursor;
  int j;
  for (j = 0; j < MAX_LOOKUP; j++) sqlite3_free(p->aSet[j].aAlloc);
  sqlite3_free(p);
  return SQLITE_OK;
}

/* Does row iRow satisfy the constraints on the lookup columns after the key? */
static int rowMatches(const TableCursor *p, int iRow) {
  int j;
  for (j = 1; j < p->pDef->nLookup; j++) {
    sqlite3_int64 v;
    if (!p->aSet[j].bActive) continue;
    if (!p->pDef->xLookupValue(iRow, j, &v) || !keySetHas(&p->aSet[j], v)) return 0;
  }
  return 1;
}

/* Move to the next row that matches, or to EOF. Segments are the keys'
** row ranges in key order, or the whole table; both walk backwards when
** bDesc. */
static void tableAdvance(TableCursor *p) {
  const KeySet *pKeys = &p->aSet[0];
  for (;;) {
    int iRow;
    while (p->k >= p->iEnd - p->iFirst) {
      if (p->iSeg >= p->nSeg) {
        p->iRow = -1;
        return;
      }
      if (pKeys->bActive) {
        int i = p->bDesc ? pKeys->n - 1 - p->iSeg : p->iSeg;
        p->pDef->xRange(pKeys->a[i], &p->iFirst, &p->iEnd);
      } else {
        p->iFirst = 0;
        p->iEnd = *p->pDef->pnRow;
      }
      p->iSeg++;
      p->k = 0;
    }
    iRow = p->bDesc ? p->iEnd - 1 - p->k : p->iFirst + p->k;
    p->k++;
    if (rowMatches(p, iRow)) {
      p->iRow = iRow;
      return;
    }
  }
}

static int tableFilter(sqlite3_vtab_cursor *pCursor, int idxNum, const char *idxStr, int argc,
                       sqlite3_value **argv) {
  TableCursor *p = (TableCursor *)pCursor;
  int iArg = 0, j;
  (void)idxStr;
  for (j = 0; j < MAX_LOOKUP; j++) p->aSet[j].bActive = 0;
  for (j = 0; j < p->pDef->nLookup; j++) {
    int rc;
    if (!(idxNum & IDX_EQ(j))) continue;
    if (iArg >= argc) return SQLITE_ERROR;
    rc = keySetFill(&p->aSet[j], argv[iArg++], (idxNum & IDX_IN(j)) != 0);
    if (rc != SQLITE_OK) return rc;
  }
  p->bDesc = (idxNum & IDX_DESC) != 0;
  p->nSeg = p->aSet[0].bActive ? p->aSet[0].n : 1;
  p->iSeg = p->iFirst = p->iEnd = p->k = 0;
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

/*
** One module per table: the methods are shared, xConnect picks the
** TableDef. No xCreate: the tables are eponymous-only. No xUpdate: they
** are read-only.
*/
#define TABLE_MODULE(zModule, def)                                                    \
  static int zModule##Connect(sqlite3 *db, void *pAux, int argc,                     \
                              const char *const *argv, sqlite3_vtab **ppVtab,        \
                              char **pzErr) {                                        \
    (void)pAux;                                                                      \
    (void)argc;                                                                      \
    (void)argv;                                                                      \
    return tableConnect(db, &def, ppVtab, pzErr);                                    \
  }                                                                                  \
  const sqlite3_module zModule = {                                                   \
      .xConnect = zModule##Connect, .xBestIndex = tableBestIndex,                    \
      .xDisconnect = trtcVtabDisconnect, .xOpen = tableOpen, .xClose = tableClose,  \
      .xFilter = tableFilter, .xNext = tableNext, .xEof = tableEof,                  \
      .xColumn = tableColumn, .xRowid = tableRowid,                                  \
  }

TABLE_MODULE(trtcEventsModule, eventsDef);
TABLE_MODULE(trtcExperiencesModule, experiencesDef);
TABLE_MODULE(trtcAbnormalEventsModule, abnormalDef);
TABLE_MODULE(trtcStreamTypesModule, streamTypesDef);
