/*
** trtc_walk.h: the response walker (trtc_walk.c): reads a saved response
** of TRTC's monitoring API, given as JSON text, as a sequence of rows, each
** an "item" inside a "group" of a list. It knows the shape of a response,
** not what the fields mean, and no SQL: the shapes and their columns are in
** trtc_shapes.c, the virtual tables in trtc_ingest.c.
**
**   TrtcWalk w;
**   trtcWalkInit(&w);
**   rc = trtcWalkStart(&w, &shape, z, n);    TRTC_WALK_OK, _MALFORMED, _API_ERROR
**   while (rc == TRTC_WALK_OK && !trtcWalkEof(&w)) {
**     ... trtcWalkGroup(&w)->a[i], trtcWalkItem(&w)->a[j], trtcWalkText(...) ...
**     rc = trtcWalkNext(&w);
**   }
**   trtcWalkFree(&w);
**
** The shape of a response (names from TrtcWalkShape):
**
**   root    {"Response": inner}, or the inner object, or the list itself
**   inner   {<zList>: list, "Error": {"Code": .., "Message": ..}, ...}
**   list    [group, ...]            Data / AbnormalExperienceList
**   group   {<aGroup fields>, <zItems>: items}
**   items   [item, ...]             Content / AbnormalEventList
**   item    {<aItem fields>}
**
** Rules (docs/ingest.md): in an object only the first member with a key
** counts (as SQLite's json_extract); the list is the root's <zList>, or
** its "Response" object's, whichever comes first in the text and is an
** array; an "Error" object in either makes the response an API error,
** reported before any row; elements of the list or of the items that are
** not objects are skipped; members may come in any order (a group's fields
** after its items). A UTF-8 byte-order mark is skipped.
*/
#ifndef TRTC_WALK_H
#define TRTC_WALK_H

#include "trtc_json.h"

/* How a field's value is read. */
typedef enum TrtcFieldKind {
  TRTC_FIELD_INT,  /* a number, or a string holding one, by trtc_event()'s rule */
  TRTC_FIELD_TEXT  /* a non-empty string, or a number as written */
} TrtcFieldKind;

typedef struct TrtcWalkField {
  const char *zKey;
  int nKey;
  TrtcFieldKind eKind;
} TrtcWalkField;
/* A field of a list of fields: TRTC_WALK_FIELD("PeerId", TRTC_FIELD_TEXT). */
#define TRTC_WALK_FIELD(zKey, eKind) { zKey, (int)sizeof(zKey) - 1, eKind }

/* At most this many fields in a group or an item. */
#define TRTC_WALK_MAX_FIELDS 8

typedef struct TrtcWalkShape {
  const char *zList;     /* key of the list in the inner object */
  const char *zItems;    /* key of the items array in a group */
  const TrtcWalkField *aGroup;
  int nGroup;
  const TrtcWalkField *aItem;
  int nItem;
  int bEmptyGroupRow;    /* a group without object items still gives one row */
} TrtcWalkShape;

/* The value of one field in the current group or item. */
typedef enum TrtcValueType {
  TRTC_VALUE_NONE,     /* missing, or of a type the field does not take: NULL */
  TRTC_VALUE_INT,      /* iInt */
  TRTC_VALUE_TEXT      /* z[iText..iText+nText), read with trtcWalkText() */
} TrtcValueType;

typedef struct TrtcWalkValue {
  sqlite3_int64 iInt;
  int iText, nText;
  unsigned char eType;    /* TrtcValueType */
  unsigned char bEscaped; /* the text holds JSON escapes */
} TrtcWalkValue;

typedef struct TrtcWalkRecord {
  TrtcWalkValue a[TRTC_WALK_MAX_FIELDS]; /* indexed like the shape's field list */
} TrtcWalkRecord;

/* Return codes of trtcWalkStart and trtcWalkNext. */
#define TRTC_WALK_OK 0
#define TRTC_WALK_MALFORMED 1 /* not JSON: trtcWalkErrorMessage says why */
#define TRTC_WALK_API_ERROR 2 /* an API error response: trtcWalkApiError */
#define TRTC_WALK_NOMEM 3

typedef struct TrtcWalk {
  const TrtcWalkShape *pShape;
  const unsigned char *z;
  int n;
  int nSkipped;          /* bytes of a byte-order mark skipped before z */
  int bEof;
  int bInGroup;          /* rows come from the current group's items */
  int bInline;           /* ... while groupIt is paused at the items */
  int nGroupRows;        /* rows the current group has given */
  TrtcJsonIter list;     /* over the list's elements */
  TrtcJsonIter groupIt;  /* over the current group's members */
  TrtcJsonIter items;    /* over the current group's items */
  int iItems;            /* offset of the current group's items array, or -1 */
  TrtcWalkRecord group;  /* the current group's fields */
  TrtcWalkRecord item;   /* the current item's fields */
  TrtcJsonError err;     /* TRTC_WALK_MALFORMED */
  TrtcWalkValue code, message; /* TRTC_WALK_API_ERROR: Error.Code and .Message */
  char *zBuf;            /* for unescaped text (sqlite3_malloc), reused */
  int nBuf;
} TrtcWalk;

TRTC_PRIVATE void trtcWalkInit(TrtcWalk *p);
TRTC_PRIVATE void trtcWalkFree(TrtcWalk *p);

/* Check z[0..n) and move to its first row (or EOF). z must stay unchanged
** and in place until the walk ends. */
TRTC_PRIVATE int trtcWalkStart(TrtcWalk *p, const TrtcWalkShape *pShape, const unsigned char *z,
                               int n);
/* Move to the next row, or to EOF. */
TRTC_PRIVATE int trtcWalkNext(TrtcWalk *p);
static inline int trtcWalkEof(const TrtcWalk *p) { return p->bEof; }

/* The current row's group and item (an empty record for a group without items). */
static inline const TrtcWalkRecord *trtcWalkGroup(const TrtcWalk *p) { return &p->group; }
static inline const TrtcWalkRecord *trtcWalkItem(const TrtcWalk *p) { return &p->item; }

/*
** The text of a TRTC_VALUE_TEXT value: *pz and *pn, unescaped when it
** holds escapes (into a buffer valid until the next call). Returns
** TRTC_WALK_OK or TRTC_WALK_NOMEM.
*/
TRTC_PRIVATE int trtcWalkText(TrtcWalk *p, const TrtcWalkValue *pVal, const char **pz, int *pn);

/*
** Why the text is not JSON, for TRTC_WALK_MALFORMED: "malformed JSON at
** byte 12 (line 2, column 3): expected ',' or '}' in an object", with a
** hint where one applies (a UTF-16 text, an HTML page, several values).
** sqlite3_free() it; NULL when out of memory.
*/
TRTC_PRIVATE char *trtcWalkErrorMessage(TrtcWalk *p);

/* Error.Code and Error.Message for TRTC_WALK_API_ERROR, as "Code: Message"
** ("(no Code)", "(no Message)" when missing). sqlite3_free() it. */
TRTC_PRIVATE char *trtcWalkApiError(TrtcWalk *p);

#endif /* TRTC_WALK_H */
