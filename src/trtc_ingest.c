/*
** trtc_ingest.c: the table-valued functions that turn a saved response of
** TRTC's monitoring API (see ../shared/spec/api-formats.md) into decoded
** rows, one SQL statement from response to answer:
**
**   SELECT peer_id, time_ms, event_id, text           -- DescribeUserEvent
**     FROM trtc_user_events(readfile('alice.json'));
**   SELECT user_id, experience, abnormal_event, peer_id
**     FROM trtc_unusual_events(:response);            -- DescribeUnusualEvent
**   SELECT r.user_id, e.time_ms, e.text               -- every stored response
**     FROM responses r, trtc_user_events(r.body) e;
**
** Both are eponymous-only, read-only virtual tables; their one argument is
** the HIDDEN column "json". They accept the wrapped {"Response": {...}},
** the inner object and the bare list; docs/ingest.md documents every column
** and every rule for values of the wrong type.
**
** How a response is read. Each cursor prepares once, and reuses across
** xFilter calls, the nested statement zWalkSql: SQLite's own json_tree on
** the connection that holds the table, so the document is parsed once per
** xFilter. Its rows come in document order, parents before children. A
** response has this shape (shape-specific names from IngestShape):
**
**   root    {"Response": inner}, or the inner object, or the list itself
**   inner   {<zList>: list, "Error": {"Code": .., "Message": ..}, ...}
**   list    [group, ...]              Data / AbnormalExperienceList
**   group   {<aGroup fields>, <zItems>: items}
**                                     EventList / AbnormalExperience
**   items   [item, ...]               Content / AbnormalEventList
**   item    {<aItem fields>}          EventMessage / AbnormalEvent
**
** The walker keeps the json_tree ids of the containers it is inside and
** classifies each row by its parent's id. Rows below a field (a field
** holding an object or array) have a parent it does not track and are
** ignored. An item ends when a row arrives whose parent is the items
** array, the group or anything further out, and likewise a group. An
** ended item becomes an output row in aQueue; since a group's fields may
** come after its items (JSON objects are unordered), queued rows are
** released (nReady) only once every group field has been seen or the
** group has ended. When the row that ends something releases rows, the
** walker stops before that row's "opening" work and does the row again
** on the next pull (bHeld): a group's text is therefore never replaced
** while its rows are still being read. Values are kept as 64-bit integers
** or as text in a cursor-owned arena; once the buffers have grown nothing
** is allocated per row (the text of measured rows excepted).
*/
#include "trtc_ingest.h"
#include "trtc_lookup.h"
#include "trtc_vtab.h"

#include <stdarg.h>
#include <string.h>

/* The nested statement that walks a response, and its result columns. */
static const char zWalkSql[] = "SELECT parent, id, type, key, atom FROM json_tree(?1)";
#define WALK_PARENT 0
#define WALK_ID     1
#define WALK_TYPE   2
#define WALK_KEY    3
#define WALK_ATOM   4

/* JSON types, from json_tree's "type" column. */
enum { J_NULL, J_TRUE, J_FALSE, J_INTEGER, J_REAL, J_TEXT, J_ARRAY, J_OBJECT };

static int jsonType(const unsigned char *z) {
  if (z == 0) return J_NULL;
  switch (z[0]) {
    case 'o': return J_OBJECT;
    case 'a': return J_ARRAY;
    case 'i': return J_INTEGER;
    case 'r': return J_REAL;
    case 't': return z[1] == 'e' ? J_TEXT : J_TRUE;
    case 'f': return J_FALSE;
    default: return J_NULL;
  }
}

/* How a field's JSON value becomes a column value (docs/ingest.md):
** FIELD_INT: a number, or a string holding one, read by trtcValueInt64
**            (the rule of trtc_event's arguments); anything else is NULL.
** FIELD_TEXT: a non-empty string, or a number as text; "", null, true,
**            false, objects and arrays are NULL. */
#define FIELD_INT  0
#define FIELD_TEXT 1

typedef struct IngestField {
  const char *zKey;
  int nKey;
  int eKind;
} IngestField;
#define FIELD(key, kind) { key, (int)sizeof(key) - 1, kind }
#define KEY(key) key, (int)sizeof(key) - 1 /* a key and its length */

#define INGEST_MAX_FIELDS 5

/* The fields of one group or item. A FIELD_TEXT value is the offset (high
** 32 bits) and length (low 32 bits) of its text in the cursor's arena. */
typedef struct IngestRec {
  sqlite3_int64 aVal[INGEST_MAX_FIELDS];
  unsigned int mask; /* bit i set: field i has a value */
} IngestRec;

typedef struct IngestCursor IngestCursor;

/* What distinguishes the two functions. */
typedef struct IngestShape {
  const char *zName;   /* the SQL name, for error messages */
  const char *zSchema; /* for sqlite3_declare_vtab */
  int iColJson;        /* the HIDDEN argument column */
  const char *zList;   /* key of the list in the inner object */
  int nList;
  const char *zItems;  /* key of the items array in a group */
  int nItems;
  const IngestField *aGroup;
  int nGroup;
  const IngestField *aItem;
  int nItem;
  int bEmptyGroupRow;  /* a group without items still gives one row */
  int (*xColumn)(IngestCursor *, sqlite3_context *, int);
} IngestShape;

typedef struct IngestVtab {
  sqlite3_vtab base;
  sqlite3 *db; /* for the nested statement (kept from xConnect) */
  const IngestShape *pShape;
} IngestVtab;

struct IngestCursor {
  sqlite3_vtab_cursor base;
  sqlite3_stmt *pWalk;   /* zWalkSql, prepared on the first xFilter */
  sqlite3_value *pJson;  /* copy of the argument; pWalk's ?1 points into it */
  /* json_tree ids of the containers being read; -1 when none. */
  sqlite3_int64 idOuter; /* the root object */
  sqlite3_int64 idInner; /* root.Response */
  sqlite3_int64 idError; /* inner.Error */
  sqlite3_int64 idList;
  sqlite3_int64 idGroup;
  sqlite3_int64 idItems;
  sqlite3_int64 idItem;
  int bRootSeen;         /* the walk's first row (the root) is done */
  int bHeld;             /* the walk's current row is to be read again */
  int bDone;             /* the walk has ended */
  int bEof;
  unsigned int groupSeen; /* group fields met so far (the first one wins) */
  unsigned int itemSeen;  /* item fields met so far */
  int nGroupRows;         /* rows the current group has queued */
  IngestRec group;        /* the current group's fields */
  IngestRec item;         /* the item being read */
  IngestRec *aQueue;      /* rows: [iQueue, nReady) can be read now */
  int nQueue, nReady, iQueue, nQueueAlloc;
  char *aText;            /* arena for FIELD_TEXT values of one group */
  sqlite3_int64 nText, nTextAlloc;
  char *zErrCode;         /* inner.Error.Code and .Message, when met */
  char *zErrMessage;
  sqlite3_int64 iRowid;   /* position of the current row, from 1 */
  /* trtc_user_events: lookups for the current row, computed on demand. */
  sqlite3_int64 iDecoded; /* the rowid they belong to; 0 for none */
  const TrtcEventRow *pEvent; /* trtcFindEvent(event_id, param1, param2) */
  const TrtcEventRow *pFirst; /* first row of event_id (source, category) */
};

/* Set the table's error message; returns rc (SQLITE_NOMEM if no memory). */
static int ingestError(IngestCursor *pCur, int rc, const char *zFormat, ...) {
  sqlite3_vtab *pVtab = pCur->base.pVtab;
  va_list ap;
  sqlite3_free(pVtab->zErrMsg);
  va_start(ap, zFormat);
  pVtab->zErrMsg = sqlite3_vmprintf(zFormat, ap);
  va_end(ap);
  return pVtab->zErrMsg ? rc : SQLITE_NOMEM;
}

static const IngestShape *shapeOf(IngestCursor *pCur) {
  return ((IngestVtab *)pCur->base.pVtab)->pShape;
}

/* ---- Buffers ------------------------------------------------------------ */

/* Copy n > 0 bytes into the arena; *pRef gets their offset and length. */
static int arenaAdd(IngestCursor *pCur, const unsigned char *z, int n, sqlite3_int64 *pRef) {
  if (pCur->nText + n > pCur->nTextAlloc) {
    sqlite3_int64 nNew = pCur->nTextAlloc ? pCur->nTextAlloc * 2 : 256;
    char *aNew;
    while (nNew < pCur->nText + n) nNew *= 2;
    if (nNew > 0x7fffffff) return SQLITE_TOOBIG;
    aNew = sqlite3_realloc64(pCur->aText, (sqlite3_uint64)nNew);
    if (aNew == 0) return SQLITE_NOMEM;
    pCur->aText = aNew;
    pCur->nTextAlloc = nNew;
  }
  memcpy(pCur->aText + pCur->nText, z, (size_t)n);
  *pRef = (pCur->nText << 32) | (sqlite3_int64)n;
  pCur->nText += n;
  return SQLITE_OK;
}

/* Whether the current group's rows can be released: all fields met. */
static int groupSettled(IngestCursor *pCur) {
  return pCur->groupSeen == (1u << shapeOf(pCur)->nGroup) - 1u;
}

/* Queue an output row. */
static int queuePush(IngestCursor *pCur, const IngestRec *pRec) {
  if (pCur->nQueue == pCur->nQueueAlloc) {
    int nNew = pCur->nQueueAlloc ? pCur->nQueueAlloc * 2 : 16;
    IngestRec *aNew;
    if (nNew > 0x7fffffff / (int)sizeof(IngestRec)) return SQLITE_TOOBIG;
    aNew = sqlite3_realloc64(pCur->aQueue, (sqlite3_uint64)nNew * sizeof(IngestRec));
    if (aNew == 0) return SQLITE_NOMEM;
    pCur->aQueue = aNew;
    pCur->nQueueAlloc = nNew;
  }
  pCur->aQueue[pCur->nQueue++] = *pRec;
  pCur->nGroupRows++;
  if (groupSettled(pCur)) pCur->nReady = pCur->nQueue;
  return SQLITE_OK;
}

/* ---- The walk ----------------------------------------------------------- */

/* Is the row's key (zKey, nKey) the name z of n > 0 bytes? (A NULL zKey,
** from a failed allocation, has nKey 0.) */
static int keyIs(const unsigned char *zKey, int nKey, const char *z, int n) {
  return nKey == n && memcmp(zKey, z, (size_t)n) == 0;
}

static int findField(const IngestField *aField, int nField, const unsigned char *zKey,
                     int nKey) {
  int i;
  for (i = 0; i < nField; i++) {
    if (keyIs(zKey, nKey, aField[i].zKey, aField[i].nKey)) return i;
  }
  return -1;
}

/*
** The walk's current row is a member of a group or item object: if its
** key names a field not met yet, store the value in pRec. *pSeen records
** the fields met, whatever their value.
*/
static int readField(IngestCursor *pCur, const IngestField *aField, int nField, int eType,
                     IngestRec *pRec, unsigned int *pSeen) {
  sqlite3_stmt *p = pCur->pWalk;
  const unsigned char *zKey = sqlite3_column_text(p, WALK_KEY);
  int i = findField(aField, nField, zKey, sqlite3_column_bytes(p, WALK_KEY));
  unsigned int bit;
  if (i < 0) return SQLITE_OK;
  bit = 1u << i;
  if (*pSeen & bit) return SQLITE_OK;
  *pSeen |= bit;
  if (eType != J_INTEGER && eType != J_REAL && eType != J_TEXT) return SQLITE_OK;
  if (aField[i].eKind == FIELD_INT) {
    /* trtc_event()'s rule for arguments, read through sqlite3_column_*. */
    /* (By the SQL type of the atom: SQLite reads a JSON integer beyond 64
    ** bits as a REAL.) */
    int bInt, eSqlType = sqlite3_column_type(p, WALK_ATOM);
    if (eSqlType == SQLITE_INTEGER) {
      pRec->aVal[i] = sqlite3_column_int64(p, WALK_ATOM);
      bInt = 1;
    } else if (eSqlType == SQLITE_FLOAT) {
      bInt = trtcRealInt64(sqlite3_column_double(p, WALK_ATOM), &pRec->aVal[i]);
    } else {
      const unsigned char *z = sqlite3_column_text(p, WALK_ATOM);
      if (z == 0) return SQLITE_NOMEM;
      bInt = trtcTextInt64(z, sqlite3_column_bytes(p, WALK_ATOM), &pRec->aVal[i]);
    }
    if (bInt) pRec->mask |= bit;
  } else {
    const unsigned char *z = sqlite3_column_text(p, WALK_ATOM);
    int n = sqlite3_column_bytes(p, WALK_ATOM);
    int rc;
    if (z == 0) return SQLITE_NOMEM;
    if (n == 0) return SQLITE_OK;
    rc = arenaAdd(pCur, z, n, &pRec->aVal[i]);
    if (rc != SQLITE_OK) return rc;
    pRec->mask |= bit;
  }
  return SQLITE_OK;
}

/* End the current item: it becomes a row. */
static int closeItem(IngestCursor *pCur) {
  if (pCur->idItem < 0) return SQLITE_OK;
  pCur->idItem = -1;
  return queuePush(pCur, &pCur->item);
}

/* End the current group: its rows are released. */
static int closeGroup(IngestCursor *pCur) {
  int rc = closeItem(pCur);
  if (rc == SQLITE_OK && pCur->idGroup >= 0) {
    if (shapeOf(pCur)->bEmptyGroupRow && pCur->nGroupRows == 0) {
      static const IngestRec empty = { { 0 }, 0 };
      rc = queuePush(pCur, &empty);
    }
    pCur->nReady = pCur->nQueue;
    pCur->idGroup = -1;
    pCur->idItems = -1;
  }
  return rc;
}

/* Copy the text of the current row's atom for the API error, once. */
static int keepErrorText(IngestCursor *pCur, char **pz) {
  const unsigned char *z = sqlite3_column_text(pCur->pWalk, WALK_ATOM);
  if (*pz != 0 || z == 0) return SQLITE_OK;
  *pz = sqlite3_mprintf("%s", z);
  return *pz ? SQLITE_OK : SQLITE_NOMEM;
}

/* After closing work: if rows were released, hold the current row back. */
static int heldBack(IngestCursor *pCur) {
  pCur->bHeld = pCur->iQueue < pCur->nReady;
  return pCur->bHeld;
}

/* The response is an API error: say so, with its Code and Message. */
static int apiError(IngestCursor *pCur) {
  return ingestError(pCur, SQLITE_ERROR, "%s: API error %s: %s", shapeOf(pCur)->zName,
                     pCur->zErrCode ? pCur->zErrCode : "(no Code)",
                     pCur->zErrMessage ? pCur->zErrMessage : "(no Message)");
}

/*
** Read the walk's current row. The "closing" work comes first; when it
** releases rows the row is held (bHeld) and read again on the next pull,
** when the closing work finds nothing left to close.
*/
static int walkRow(IngestCursor *pCur) {
  sqlite3_stmt *p = pCur->pWalk;
  const IngestShape *pShape = shapeOf(pCur);
  sqlite3_int64 iParent = sqlite3_column_int64(p, WALK_PARENT);
  sqlite3_int64 iId;
  const unsigned char *zKey;
  int nKey, eType, rc;

  pCur->bHeld = 0;
  eType = jsonType(sqlite3_column_text(p, WALK_TYPE));
  if (iParent == pCur->idItem) { /* a field of the item (the hot path) */
    return readField(pCur, pShape->aItem, pShape->nItem, eType, &pCur->item, &pCur->itemSeen);
  }
  iId = sqlite3_column_int64(p, WALK_ID);
  if (!pCur->bRootSeen) { /* the root: the bare list, or an object */
    pCur->bRootSeen = 1;
    if (eType == J_ARRAY) pCur->idList = iId;
    if (eType == J_OBJECT) pCur->idOuter = iId;
    return SQLITE_OK;
  }
  if (iParent == pCur->idItems) { /* the next item */
    rc = closeItem(pCur);
    if (rc != SQLITE_OK || heldBack(pCur)) return rc;
    if (eType == J_OBJECT) {
      pCur->idItem = iId;
      pCur->item.mask = 0;
      pCur->itemSeen = 0;
    }
    return SQLITE_OK;
  }
  if (iParent == pCur->idGroup) { /* a member of the group: a field or the items */
    rc = closeItem(pCur);
    if (rc != SQLITE_OK || heldBack(pCur)) return rc;
    zKey = sqlite3_column_text(p, WALK_KEY);
    nKey = sqlite3_column_bytes(p, WALK_KEY);
    if (pCur->idItems < 0 && eType == J_ARRAY && keyIs(zKey, nKey, pShape->zItems, pShape->nItems)) {
      pCur->idItems = iId;
      return SQLITE_OK;
    }
    rc = readField(pCur, pShape->aGroup, pShape->nGroup, eType, &pCur->group, &pCur->groupSeen);
    if (rc == SQLITE_OK && groupSettled(pCur)) pCur->nReady = pCur->nQueue;
    return rc;
  }
  if (iParent == pCur->idList) { /* the next group */
    rc = closeGroup(pCur);
    if (rc != SQLITE_OK || heldBack(pCur)) return rc;
    if (eType == J_OBJECT) {
      pCur->idGroup = iId;
      pCur->idItems = -1;
      pCur->group.mask = 0;
      pCur->groupSeen = 0;
      pCur->nGroupRows = 0;
      pCur->nText = 0; /* the queue is empty: no row refers to the arena */
    }
    return SQLITE_OK;
  }
  if (iParent == pCur->idError) { /* Error.Code, Error.Message */
    zKey = sqlite3_column_text(p, WALK_KEY);
    nKey = sqlite3_column_bytes(p, WALK_KEY);
    if (keyIs(zKey, nKey, KEY("Code"))) return keepErrorText(pCur, &pCur->zErrCode);
    if (keyIs(zKey, nKey, KEY("Message"))) return keepErrorText(pCur, &pCur->zErrMessage);
    return SQLITE_OK;
  }
  if (iParent == pCur->idOuter || iParent == pCur->idInner) { /* Response, the list, Error */
    /* Error is complete once a member after it arrives: fail before
    ** reading further (a list after Error gives no rows). */
    if (pCur->idError >= 0) return apiError(pCur);
    rc = closeGroup(pCur); /* a member after the list ends it */
    if (rc != SQLITE_OK || heldBack(pCur)) return rc;
    zKey = sqlite3_column_text(p, WALK_KEY);
    nKey = sqlite3_column_bytes(p, WALK_KEY);
    if (eType == J_OBJECT && iParent == pCur->idOuter && pCur->idInner < 0 &&
        keyIs(zKey, nKey, KEY("Response"))) {
      pCur->idInner = iId;
    } else if (eType == J_ARRAY && pCur->idList < 0 &&
               keyIs(zKey, nKey, pShape->zList, pShape->nList)) {
      pCur->idList = iId;
    } else if (eType == J_OBJECT && pCur->idError < 0 && keyIs(zKey, nKey, KEY("Error"))) {
      pCur->idError = iId;
    }
    return SQLITE_OK;
  }
  return SQLITE_OK; /* below a field, or outside what is read */
}

/* The walk has ended: release the last rows, or report an API error. */
static int walkEnd(IngestCursor *pCur) {
  int rc;
  pCur->bDone = 1;
  rc = closeGroup(pCur);
  sqlite3_reset(pCur->pWalk); /* frees the parse; the binding stays */
  if (rc == SQLITE_OK && pCur->idError >= 0) rc = apiError(pCur);
  return rc;
}

/* The nested statement failed: say so in the function's name. */
static int walkError(IngestCursor *pCur, int rc) {
  const char *zErr = sqlite3_errmsg(((IngestVtab *)pCur->base.pVtab)->db);
  if (rc == SQLITE_NOMEM) return rc;
  if (strstr(zErr, "malformed JSON") != 0) {
    return ingestError(pCur, rc, "%s: malformed JSON", shapeOf(pCur)->zName);
  }
  return ingestError(pCur, rc, "%s: %s", shapeOf(pCur)->zName, zErr);
}

/* Make a row readable (iQueue < nReady), or set bEof. */
static int walkFill(IngestCursor *pCur) {
  int rc = SQLITE_OK;
  if (pCur->iQueue >= pCur->nReady) {
    /* Every released row has been read. Rows are only ever released all
    ** at once (nReady = nQueue), so none are left: start the queue over. */
    pCur->nQueue = pCur->nReady = pCur->iQueue = 0;
  }
  while (rc == SQLITE_OK && pCur->iQueue >= pCur->nReady) {
    if (pCur->bDone) {
      pCur->bEof = 1;
    } else if (pCur->bHeld) {
      rc = walkRow(pCur);
    } else {
      rc = sqlite3_step(pCur->pWalk);
      if (rc == SQLITE_ROW) {
        rc = walkRow(pCur);
      } else if (rc == SQLITE_DONE) {
        rc = walkEnd(pCur);
      } else {
        rc = walkError(pCur, rc);
      }
    }
    if (pCur->bEof) break;
  }
  return rc;
}

/* ---- Column values ------------------------------------------------------ */

static const IngestRec *currentItem(IngestCursor *pCur) {
  return &pCur->aQueue[pCur->iQueue];
}

static int has(const IngestRec *p, int i) {
  return (p->mask >> i) & 1u;
}

static void resultInt(sqlite3_context *ctx, const IngestRec *p, int i) {
  if (has(p, i)) sqlite3_result_int64(ctx, p->aVal[i]);
}

static void resultText(sqlite3_context *ctx, IngestCursor *pCur, const IngestRec *p, int i) {
  if (has(p, i)) {
    sqlite3_int64 v = p->aVal[i];
    sqlite3_result_text(ctx, pCur->aText + (v >> 32), (int)(v & 0xffffffff), SQLITE_TRANSIENT);
  }
}

/* ---- trtc_user_events --------------------------------------------------- */

#define UE_PEER_ID  0
#define UE_TYPE     1
#define UE_STREAM   2
#define UE_TIME_MS  3
#define UE_EVENT_ID 4
#define UE_PARAM1   5
#define UE_PARAM2   6
#define UE_TEXT     7
#define UE_SOURCE   8
#define UE_CATEGORY 9
#define UE_SEVERITY 10
#define UE_JSON     11
static const char zUserEventsSchema[] =
    "CREATE TABLE x(peer_id TEXT, type INTEGER, stream TEXT, time_ms INTEGER, "
    "event_id INTEGER, param1 INTEGER, param2 INTEGER, text TEXT, source TEXT, "
    "category TEXT, severity TEXT, json HIDDEN)";

/* EventList and EventMessage fields; the F_ numbers index IngestRec.aVal. */
#define F_PEER_ID 0
static const IngestField aEventListField[] = { FIELD("PeerId", FIELD_TEXT) };
#define F_TYPE     0
#define F_TIME     1
#define F_EVENT_ID 2
#define F_PARAM1   3
#define F_PARAM2   4
static const IngestField aEventMessageField[] = {
    FIELD("Type", FIELD_INT),     FIELD("Time", FIELD_INT),     FIELD("EventId", FIELD_INT),
    FIELD("ParamOne", FIELD_INT), FIELD("ParamTwo", FIELD_INT),
};

/* The mapping rows of the current row's event, looked up once per row. */
static void decodeEvent(IngestCursor *pCur) {
  const IngestRec *p = currentItem(pCur);
  if (pCur->iDecoded == pCur->iRowid) return;
  pCur->iDecoded = pCur->iRowid;
  pCur->pEvent = pCur->pFirst = 0;
  if (has(p, F_EVENT_ID)) {
    int iFirst, iEnd;
    trtcEventRange(p->aVal[F_EVENT_ID], &iFirst, &iEnd);
    if (iFirst < iEnd) pCur->pFirst = &trtc_event_rows[iFirst];
    if (has(p, F_PARAM1) && has(p, F_PARAM2)) {
      pCur->pEvent = trtcFindEvent(p->aVal[F_EVENT_ID], p->aVal[F_PARAM1], p->aVal[F_PARAM2]);
    }
  }
}

static int userEventsColumn(IngestCursor *pCur, sqlite3_context *ctx, int iCol) {
  const IngestRec *p = currentItem(pCur);
  switch (iCol) {
    case UE_PEER_ID: resultText(ctx, pCur, &pCur->group, F_PEER_ID); break;
    case UE_TYPE: resultInt(ctx, p, F_TYPE); break;
    case UE_STREAM:
      if (has(p, F_TYPE)) {
        int i = trtcFindStreamType(p->aVal[F_TYPE]);
        if (i >= 0) trtcResultStatic(ctx, trtc_stream_type_rows[i].name);
      }
      break;
    case UE_TIME_MS: resultInt(ctx, p, F_TIME); break;
    case UE_EVENT_ID: resultInt(ctx, p, F_EVENT_ID); break;
    case UE_PARAM1: resultInt(ctx, p, F_PARAM1); break;
    case UE_PARAM2: resultInt(ctx, p, F_PARAM2); break;
    case UE_TEXT:
      decodeEvent(pCur);
      if (pCur->pEvent) trtcResultEventText(ctx, pCur->pEvent, p->aVal[F_PARAM1], p->aVal[F_PARAM2]);
      break;
    case UE_SOURCE:
      decodeEvent(pCur);
      if (pCur->pFirst) trtcResultStatic(ctx, trtc_source_names[pCur->pFirst->source]);
      break;
    case UE_CATEGORY:
      decodeEvent(pCur);
      if (pCur->pFirst) trtcResultStatic(ctx, trtc_category_names[pCur->pFirst->category]);
      break;
    case UE_SEVERITY:
      decodeEvent(pCur);
      if (pCur->pEvent) trtcResultStatic(ctx, trtc_severity_names[pCur->pEvent->severity]);
      break;
    default: break;
  }
  return SQLITE_OK;
}

static const IngestShape userEventsShape = {
    "trtc_user_events", zUserEventsSchema, UE_JSON,
    KEY("Data"), KEY("Content"),
    aEventListField, (int)(sizeof(aEventListField) / sizeof(aEventListField[0])),
    aEventMessageField, (int)(sizeof(aEventMessageField) / sizeof(aEventMessageField[0])),
    0, userEventsColumn,
};

/* ---- trtc_unusual_events ------------------------------------------------ */

#define UU_USER_ID           0
#define UU_ROOM_ID           1
#define UU_EVENT_TIME        2
#define UU_EXPERIENCE_ID     3
#define UU_EXPERIENCE        4
#define UU_ABNORMAL_EVENT_ID 5
#define UU_ABNORMAL_EVENT    6
#define UU_ABNORMAL_KIND     7
#define UU_PEER_ID           8
#define UU_JSON              9
static const char zUnusualEventsSchema[] =
    "CREATE TABLE x(user_id TEXT, room_id TEXT, event_time INTEGER, experience_id INTEGER, "
    "experience TEXT, abnormal_event_id INTEGER, abnormal_event TEXT, abnormal_kind TEXT, "
    "peer_id TEXT, json HIDDEN)";

/* AbnormalExperience and AbnormalEvent fields. */
#define F_USER_ID       0
#define F_ROOM_ID       1
#define F_EVENT_TIME    2
#define F_EXPERIENCE_ID 3
static const IngestField aExperienceField[] = {
    FIELD("UserId", FIELD_TEXT), FIELD("RoomId", FIELD_TEXT),
    FIELD("EventTime", FIELD_INT), FIELD("ExperienceId", FIELD_INT),
};
#define F_ABNORMAL_ID   0
#define F_ABNORMAL_PEER 1
static const IngestField aAbnormalField[] = {
    FIELD("AbnormalEventId", FIELD_INT), FIELD("PeerId", FIELD_TEXT),
};

/* Every field list fits an IngestRec. */
#define N_FIELDS(a) (sizeof(a) / sizeof((a)[0]))
typedef char ingest_fields_fit[(N_FIELDS(aEventListField) <= INGEST_MAX_FIELDS &&
                                N_FIELDS(aEventMessageField) <= INGEST_MAX_FIELDS &&
                                N_FIELDS(aExperienceField) <= INGEST_MAX_FIELDS &&
                                N_FIELDS(aAbnormalField) <= INGEST_MAX_FIELDS) ? 1 : -1];

static int unusualEventsColumn(IngestCursor *pCur, sqlite3_context *ctx, int iCol) {
  const IngestRec *g = &pCur->group, *p = currentItem(pCur);
  int i;
  switch (iCol) {
    case UU_USER_ID: resultText(ctx, pCur, g, F_USER_ID); break;
    case UU_ROOM_ID: resultText(ctx, pCur, g, F_ROOM_ID); break;
    case UU_EVENT_TIME: resultInt(ctx, g, F_EVENT_TIME); break;
    case UU_EXPERIENCE_ID: resultInt(ctx, g, F_EXPERIENCE_ID); break;
    case UU_EXPERIENCE:
      if (has(g, F_EXPERIENCE_ID) && (i = trtcFindExperience(g->aVal[F_EXPERIENCE_ID])) >= 0) {
        trtcResultStatic(ctx, trtc_experience_rows[i].description);
      }
      break;
    case UU_ABNORMAL_EVENT_ID: resultInt(ctx, p, F_ABNORMAL_ID); break;
    case UU_ABNORMAL_EVENT:
    case UU_ABNORMAL_KIND:
      if (has(p, F_ABNORMAL_ID) && (i = trtcFindAbnormal(p->aVal[F_ABNORMAL_ID])) >= 0) {
        trtcResultStatic(ctx, iCol == UU_ABNORMAL_EVENT
                              ? trtc_abnormal_rows[i].description
                              : trtc_kind_names[trtc_abnormal_rows[i].kind]);
      }
      break;
    case UU_PEER_ID: resultText(ctx, pCur, p, F_ABNORMAL_PEER); break;
    default: break;
  }
  return SQLITE_OK;
}

static const IngestShape unusualEventsShape = {
    "trtc_unusual_events", zUnusualEventsSchema, UU_JSON,
    KEY("AbnormalExperienceList"), KEY("AbnormalEventList"),
    aExperienceField, (int)(sizeof(aExperienceField) / sizeof(aExperienceField[0])),
    aAbnormalField, (int)(sizeof(aAbnormalField) / sizeof(aAbnormalField[0])),
    1, unusualEventsColumn,
};

/* ---- The virtual table methods (shared) --------------------------------- */

static int ingestConnect(sqlite3 *db, const IngestShape *pShape, sqlite3_vtab **ppVtab,
                         char **pzErr) {
  int rc = trtcVtabConnect(db, pShape->zSchema, sizeof(IngestVtab), ppVtab, pzErr);
  if (rc == SQLITE_OK) {
    ((IngestVtab *)*ppVtab)->db = db;
    ((IngestVtab *)*ppVtab)->pShape = pShape;
  }
  return rc;
}

/* The two xConnect methods: the same but for the shape they give the table. */
#define INGEST_CONNECT(xName, shape)                                                  \
  static int xName(sqlite3 *db, void *pAux, int argc, const char *const *argv,         \
                   sqlite3_vtab **ppVtab, char **pzErr) {                              \
    (void)pAux;                                                                        \
    (void)argc;                                                                        \
    (void)argv;                                                                        \
    return ingestConnect(db, &(shape), ppVtab, pzErr);                                 \
  }
INGEST_CONNECT(userEventsConnect, userEventsShape)
INGEST_CONNECT(unusualEventsConnect, unusualEventsShape)

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
  const IngestShape *pShape = ((IngestVtab *)pVtab)->pShape;
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

/* Forget the previous walk; the buffers are kept for reuse. */
static void walkReset(IngestCursor *pCur) {
  pCur->idOuter = pCur->idInner = pCur->idError = -1;
  pCur->idList = pCur->idGroup = pCur->idItems = pCur->idItem = -1;
  pCur->bRootSeen = pCur->bHeld = pCur->bDone = pCur->bEof = 0;
  pCur->groupSeen = pCur->itemSeen = 0;
  pCur->nGroupRows = 0;
  pCur->group.mask = pCur->item.mask = 0;
  pCur->nQueue = pCur->nReady = pCur->iQueue = 0;
  pCur->nText = 0;
  sqlite3_free(pCur->zErrCode);
  sqlite3_free(pCur->zErrMessage);
  pCur->zErrCode = pCur->zErrMessage = 0;
  pCur->iRowid = 1;
  pCur->iDecoded = 0;
}

static int ingestOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  IngestCursor *pCur = sqlite3_malloc(sizeof(*pCur));
  (void)pVtab;
  if (pCur == 0) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  walkReset(pCur);
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

static int ingestClose(sqlite3_vtab_cursor *cur) {
  IngestCursor *pCur = (IngestCursor *)cur;
  sqlite3_finalize(pCur->pWalk);
  sqlite3_value_free(pCur->pJson);
  sqlite3_free(pCur->aQueue);
  sqlite3_free(pCur->aText);
  sqlite3_free(pCur->zErrCode);
  sqlite3_free(pCur->zErrMessage);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/*
** Prepare zWalkSql. A table or view named json_tree in any schema of the
** connection would take the place of SQLite's json_tree() in it (a
** database file must not be able to feed these functions rows of its
** own): refuse, saying which. Only "no such table: json_tree" means that
** SQLite has no JSON support.
*/
static int walkPrepare(IngestCursor *pCur, IngestVtab *pTab) {
  const char *zName = pTab->pShape->zName;
  sqlite3_stmt *pList = 0;
  int rc = sqlite3_prepare_v2(pTab->db, "PRAGMA database_list", -1, &pList, 0);
  while (rc == SQLITE_OK && (rc = sqlite3_step(pList)) == SQLITE_ROW) {
    const char *zDb = (const char *)sqlite3_column_text(pList, 1);
    char *zSql = sqlite3_mprintf("SELECT 1 FROM \"%w\".sqlite_master"
                                 " WHERE name = 'json_tree' COLLATE NOCASE", zDb ? zDb : "");
    sqlite3_stmt *pFind = 0;
    rc = zSql ? sqlite3_prepare_v2(pTab->db, zSql, -1, &pFind, 0) : SQLITE_NOMEM;
    sqlite3_free(zSql);
    if (rc == SQLITE_OK && (rc = sqlite3_step(pFind)) == SQLITE_ROW) {
      rc = ingestError(pCur, SQLITE_ERROR,
                       "%s: a table or view named json_tree in schema \"%s\" hides "
                       "SQLite's json_tree(), which %s reads the JSON with",
                       zName, zDb ? zDb : "", zName);
    } else if (rc == SQLITE_DONE) {
      rc = SQLITE_OK;
    }
    sqlite3_finalize(pFind);
  }
  sqlite3_finalize(pList);
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  if (rc != SQLITE_OK) {
    const char *zErr = sqlite3_errmsg(pTab->db);
    if (rc == SQLITE_NOMEM || pTab->base.zErrMsg) return rc;
    return ingestError(pCur, rc, "%s: %s", zName, zErr);
  }
  rc = sqlite3_prepare_v3(pTab->db, zWalkSql, -1, SQLITE_PREPARE_PERSISTENT, &pCur->pWalk, 0);
  if (rc == SQLITE_OK || rc == SQLITE_NOMEM) return rc;
  if (strncmp(sqlite3_errmsg(pTab->db), "no such table: json_tree", 24) == 0) {
    return ingestError(pCur, rc,
                       "%s: SQLite's JSON support is not available; it is built in since "
                       "SQLite 3.38.0, earlier it needs -DSQLITE_ENABLE_JSON1",
                       zName);
  }
  return ingestError(pCur, rc, "%s: %s", zName, sqlite3_errmsg(pTab->db));
}

static int ingestFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                        sqlite3_value **argv) {
  IngestCursor *pCur = (IngestCursor *)cur;
  IngestVtab *pTab = (IngestVtab *)cur->pVtab;
  int rc;
  (void)idxStr;
  if (pCur->pWalk) { /* release ?1 before the value it points into */
    sqlite3_reset(pCur->pWalk);
    sqlite3_clear_bindings(pCur->pWalk);
  }
  sqlite3_value_free(pCur->pJson);
  pCur->pJson = 0;
  walkReset(pCur);
  if ((idxNum & IDX_JSON) == 0) {
    return ingestError(pCur, SQLITE_ERROR, "%s: missing argument: use %s(json)",
                       pTab->pShape->zName, pTab->pShape->zName);
  }
  (void)argc; /* 1 with IDX_JSON */
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    pCur->bEof = 1; /* a NULL response has no rows */
    return SQLITE_OK;
  }
  if (pCur->pWalk == 0) {
    rc = walkPrepare(pCur, pTab);
    if (rc != SQLITE_OK) return rc;
  }
  pCur->pJson = sqlite3_value_dup(argv[0]);
  if (pCur->pJson == 0) return SQLITE_NOMEM;
  if (sqlite3_value_type(pCur->pJson) == SQLITE_BLOB) {
    /* JSON text as readfile() returns it (read as text whatever the
    ** SQLite version: 3.45 and later would take a BLOB for JSONB). */
    const char *z = (const char *)sqlite3_value_blob(pCur->pJson);
    int n = sqlite3_value_bytes(pCur->pJson);
    rc = sqlite3_bind_text(pCur->pWalk, 1, n > 0 ? z : "", n, SQLITE_STATIC);
  } else if (sqlite3_value_type(pCur->pJson) == SQLITE_TEXT) {
    const char *z = (const char *)sqlite3_value_text(pCur->pJson);
    if (z == 0) return SQLITE_NOMEM;
    rc = sqlite3_bind_text(pCur->pWalk, 1, z, sqlite3_value_bytes(pCur->pJson), SQLITE_STATIC);
  } else {
    rc = sqlite3_bind_value(pCur->pWalk, 1, pCur->pJson);
  }
  if (rc != SQLITE_OK) return rc;
  return walkFill(pCur);
}

static int ingestNext(sqlite3_vtab_cursor *cur) {
  IngestCursor *pCur = (IngestCursor *)cur;
  pCur->iQueue++;
  pCur->iRowid++;
  return walkFill(pCur);
}

static int ingestEof(sqlite3_vtab_cursor *cur) {
  return ((IngestCursor *)cur)->bEof;
}

static int ingestColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int iCol) {
  IngestCursor *pCur = (IngestCursor *)cur;
  const IngestShape *pShape = shapeOf(pCur);
  if (iCol == pShape->iColJson) { /* there are rows: pJson is set */
    sqlite3_result_value(ctx, pCur->pJson);
    return SQLITE_OK;
  }
  return pShape->xColumn(pCur, ctx, iCol);
}

/* The row's position in the response, from 1. */
static int ingestRowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *pRowid) {
  *pRowid = ((IngestCursor *)cur)->iRowid;
  return SQLITE_OK;
}

/* Eponymous-only (no xCreate) and read-only (no xUpdate); all methods but
** xConnect are shared. */
#define INGEST_MODULE(xConnectMethod)                                                  \
  {                                                                                    \
    .iVersion = 0, .xConnect = xConnectMethod, .xBestIndex = ingestBestIndex,          \
    .xDisconnect = trtcVtabDisconnect, .xOpen = ingestOpen, .xClose = ingestClose,       \
    .xFilter = ingestFilter, .xNext = ingestNext, .xEof = ingestEof,                   \
    .xColumn = ingestColumn, .xRowid = ingestRowid,                                    \
  }
const sqlite3_module trtcUserEventsModule = INGEST_MODULE(userEventsConnect);
const sqlite3_module trtcUnusualEventsModule = INGEST_MODULE(unusualEventsConnect);
