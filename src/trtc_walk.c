/*
** trtc_walk.c: the response walker (usage and rules in trtc_walk.h): a
** saved response of TRTC's monitoring API, as JSON text, read as rows,
** one per item of a group of the list:
**
**   trtcWalkStart(&w, &shape, z, n);         check the text, find the list
**   while (!trtcWalkEof(&w)) { ...; trtcWalkNext(&w); }
**
** The text is checked once (trtcJsonCheck), so an API error or malformed
** JSON is reported before any row. Then the walk is one forward pass over
** the list: for each group, its members are read until its fields and its
** items are known; when every group field comes before the items (the
** usual order) the items are read right there, else once the group's
** members have all been read. Values are kept as integers or as offsets
** into the text; nothing is allocated per row.
*/
#include "trtc_walk.h"
#include "trtc_lookup.h"

#include <string.h>

static const char zResponse[] = "Response";
static const char zError[] = "Error";

void trtcWalkInit(TrtcWalk *p) {
  memset(p, 0, sizeof(*p));
  p->bEof = 1;
}

void trtcWalkFree(TrtcWalk *p) {
  sqlite3_free(p->zBuf);
  trtcWalkInit(p);
}

static int keyIs(const TrtcJsonIter *pIt, const char *zKey) {
  return trtcJsonKeyIs(pIt, zKey, (int)strlen(zKey));
}

/* Make p->zBuf at least n bytes. */
static int growBuffer(TrtcWalk *p, int n) {
  char *zNew;
  if (n <= p->nBuf) return TRTC_WALK_OK;
  zNew = sqlite3_realloc64(p->zBuf, (sqlite3_uint64)n);
  if (zNew == 0) return TRTC_WALK_NOMEM;
  p->zBuf = zNew;
  p->nBuf = n;
  return TRTC_WALK_OK;
}

int trtcWalkText(TrtcWalk *p, const TrtcWalkValue *pVal, const char **pz, int *pn) {
  if (!pVal->bEscaped) {
    *pz = (const char *)p->z + pVal->iText;
    *pn = pVal->nText;
    return TRTC_WALK_OK;
  }
  if (growBuffer(p, pVal->nText) != TRTC_WALK_OK) return TRTC_WALK_NOMEM;
  *pn = trtcJsonUnescape(p->z + pVal->iText, pVal->nText, p->zBuf);
  *pz = p->zBuf;
  return TRTC_WALK_OK;
}

/*
** Read the value at z[i] as a field of kind eKind into *pVal (TRTC_VALUE_NONE
** when it is of another type). Returns the offset just after the value
** when it was read to its end, else -1 (the caller's iterator skips it).
*/
static int readValue(TrtcWalk *p, TrtcFieldKind eKind, int i, TrtcWalkValue *pVal, int *pRc) {
  const unsigned char *z = p->z;
  int n = p->n, iEnd = -1;
  unsigned char c = z[i];
  pVal->eType = TRTC_VALUE_NONE;
  if (c == '-' || (c >= '0' && c <= '9')) {
    if (eKind == TRTC_FIELD_INT) {
      if (trtcJsonNumberInt64(z, n, i, &pVal->iInt, &iEnd)) pVal->eType = TRTC_VALUE_INT;
    } else {
      iEnd = trtcJsonSkip(z, n, i);
      pVal->eType = TRTC_VALUE_TEXT;
      pVal->iText = i;
      pVal->nText = iEnd - i;
      pVal->bEscaped = 0;
    }
  } else if (c == '"') {
    int iStart, iStop, bEsc;
    iEnd = trtcJsonString(z, n, i, &iStart, &iStop, &bEsc);
    if (eKind == TRTC_FIELD_TEXT) {
      if (iStop > iStart) {
        pVal->eType = TRTC_VALUE_TEXT;
        pVal->iText = iStart;
        pVal->nText = iStop - iStart;
        pVal->bEscaped = (unsigned char)bEsc;
      }
    } else if (!bEsc) {
      if (trtcTextInt64(z + iStart, iStop - iStart, &pVal->iInt)) pVal->eType = TRTC_VALUE_INT;
    } else if (growBuffer(p, iStop - iStart) != TRTC_WALK_OK) {
      *pRc = TRTC_WALK_NOMEM;
    } else {
      int nText = trtcJsonUnescape(z + iStart, iStop - iStart, p->zBuf);
      if (trtcTextInt64((const unsigned char *)p->zBuf, nText, &pVal->iInt)) {
        pVal->eType = TRTC_VALUE_INT;
      }
    }
  }
  return iEnd;
}

/*
** The current member of *pIt is a candidate field of aField[nField]: when
** its key names a field not met yet (*pSeen), read it into pRec.
** Returns the field's index, or -1.
*/
static int readField(TrtcWalk *p, TrtcJsonIter *pIt, const TrtcWalkField *aField, int nField,
                     TrtcWalkRecord *pRec, unsigned *pSeen, int *pRc) {
  int k;
  for (k = 0; k < nField; k++) {
    if (trtcJsonKeyIs(pIt, aField[k].zKey, aField[k].nKey)) break;
  }
  if (k == nField || (*pSeen & (1u << k))) return -1;
  *pSeen |= 1u << k;
  pIt->iValEnd = readValue(p, aField[k].eKind, pIt->iVal, &pRec->a[k], pRc);
  return k;
}

/* Read the item object at z[i] into p->item. */
static int readItem(TrtcWalk *p, int i) {
  const TrtcWalkShape *pShape = p->pShape;
  TrtcJsonIter it;
  unsigned seen = 0;
  int k, rc = TRTC_WALK_OK;
  for (k = 0; k < pShape->nItem; k++) p->item.a[k].eType = TRTC_VALUE_NONE;
  trtcJsonEnter(&it, p->z, p->n, i);
  while (rc == TRTC_WALK_OK && trtcJsonNext(&it)) {
    readField(p, &it, pShape->aItem, pShape->nItem, &p->item, &seen, &rc);
  }
  p->items.iValEnd = it.iEnd;
  return rc;
}

/*
** Move to the next group of the list that is an object and read its
** fields; p->items is then set to iterate over its items (from where they
** are, bInline when the group's own iteration p->group is paused at them).
** Returns 0 at the end of the list.
*/
static int nextGroup(TrtcWalk *p, int *pRc) {
  const TrtcWalkShape *pShape = p->pShape;
  const unsigned allFields = (1u << pShape->nGroup) - 1u;
  while (trtcJsonNext(&p->list)) {
    unsigned seen = 0;
    int bItemsSeen = 0, k;
    if (p->z[p->list.iVal] != '{') continue;
    for (k = 0; k < pShape->nGroup; k++) p->group.a[k].eType = TRTC_VALUE_NONE;
    p->iItems = -1;
    p->nGroupRows = 0;
    trtcJsonEnter(&p->groupIt, p->z, p->n, p->list.iVal);
    while (trtcJsonNext(&p->groupIt)) {
      if (!bItemsSeen && keyIs(&p->groupIt, pShape->zItems)) {
        bItemsSeen = 1;
        if (p->z[p->groupIt.iVal] != '[') continue;
        p->iItems = p->groupIt.iVal;
        if (seen == allFields) { /* read the items now, go on after them */
          p->bInline = 1;
          trtcJsonEnter(&p->items, p->z, p->n, p->iItems);
          return 1;
        }
        continue;
      }
      readField(p, &p->groupIt, pShape->aGroup, pShape->nGroup, &p->group, &seen, pRc);
      if (*pRc != TRTC_WALK_OK) return 0;
    }
    p->list.iValEnd = p->groupIt.iEnd;
    p->bInline = 0;
    if (p->iItems >= 0) {
      trtcJsonEnter(&p->items, p->z, p->n, p->iItems);
    } else {
      p->items.bDone = 1;
    }
    return 1;
  }
  return 0;
}

/* Move to the next row, or set bEof. */
static int advance(TrtcWalk *p) {
  int rc = TRTC_WALK_OK;
  for (;;) {
    if (p->bInGroup) {
      while (trtcJsonNext(&p->items)) {
        if (p->z[p->items.iVal] != '{') continue;
        p->nGroupRows++;
        return readItem(p, p->items.iVal);
      }
      if (p->bInline) { /* the rest of the group's members: nothing left to read */
        p->groupIt.iValEnd = p->items.iEnd;
        while (trtcJsonNext(&p->groupIt)) {}
        p->list.iValEnd = p->groupIt.iEnd;
        p->bInline = 0;
      }
      p->bInGroup = 0;
      if (p->pShape->bEmptyGroupRow && p->nGroupRows == 0) {
        int k;
        for (k = 0; k < p->pShape->nItem; k++) p->item.a[k].eType = TRTC_VALUE_NONE;
        p->nGroupRows = 1;
        return TRTC_WALK_OK;
      }
    }
    if (!nextGroup(p, &rc)) {
      p->bEof = 1;
      return rc;
    }
    p->bInGroup = 1;
  }
}

int trtcWalkNext(TrtcWalk *p) {
  if (p->bEof) return TRTC_WALK_OK;
  return advance(p);
}

/* Read Error.Code and Error.Message of the Error object at z[i]. */
static void readApiError(TrtcWalk *p, int i) {
  TrtcJsonIter it;
  int bCode = 0, bMessage = 0, rc = TRTC_WALK_OK;
  p->code.eType = p->message.eType = TRTC_VALUE_NONE;
  trtcJsonEnter(&it, p->z, p->n, i);
  while (trtcJsonNext(&it)) {
    if (!bCode && keyIs(&it, "Code")) {
      bCode = 1;
      it.iValEnd = readValue(p, TRTC_FIELD_TEXT, it.iVal, &p->code, &rc);
    } else if (!bMessage && keyIs(&it, "Message")) {
      bMessage = 1;
      it.iValEnd = readValue(p, TRTC_FIELD_TEXT, it.iVal, &p->message, &rc);
    }
  }
}

/*
** Finding the list and the Error object while the text is checked: the
** first <zList> array and the first "Error" object among the root's
** members and its "Response" object's, in text order (the first member
** with a key counts in each object).
*/
typedef struct TopScan {
  TrtcWalk *p;
  int bList, bError, bResponse;         /* root keys met */
  int bInnerList, bInnerError;          /* Response keys met */
  int bInResponse;                      /* depth-2 members are Response's */
  int iList, iError;                    /* offsets, or -1 */
} TopScan;

static void topMember(void *pArg, int iDepth, const TrtcJsonIter *pM) {
  TopScan *t = pArg;
  const unsigned char c = pM->z[pM->iVal];
  const char *zList = t->p->pShape->zList;
  if (iDepth == 1) {
    t->bInResponse = 0;
    if (!t->bList && keyIs(pM, zList)) {
      t->bList = 1;
      if (c == '[' && t->iList < 0) t->iList = pM->iVal;
    } else if (!t->bError && keyIs(pM, zError)) {
      t->bError = 1;
      if (c == '{' && t->iError < 0) t->iError = pM->iVal;
    } else if (!t->bResponse && keyIs(pM, zResponse)) {
      t->bResponse = 1;
      t->bInResponse = c == '{';
    }
  } else if (t->bInResponse) {
    if (!t->bInnerList && keyIs(pM, zList)) {
      t->bInnerList = 1;
      if (c == '[' && t->iList < 0) t->iList = pM->iVal;
    } else if (!t->bInnerError && keyIs(pM, zError)) {
      t->bInnerError = 1;
      if (c == '{' && t->iError < 0) t->iError = pM->iVal;
    }
  }
}

int trtcWalkStart(TrtcWalk *p, const TrtcWalkShape *pShape, const unsigned char *z, int n) {
  TopScan top;
  TrtcJsonWatch watch;
  int i;
  p->pShape = pShape;
  p->bEof = 1;
  p->bInGroup = p->bInline = 0;
  p->nSkipped = 0;
  if (n >= 3 && z[0] == 0xEF && z[1] == 0xBB && z[2] == 0xBF) { /* a UTF-8 byte-order mark */
    z += 3;
    n -= 3;
    p->nSkipped = 3;
  }
  p->z = z;
  p->n = n;
  if (n >= 2 && ((z[0] == 0xFF && z[1] == 0xFE) || (z[0] == 0xFE && z[1] == 0xFF))) {
    p->err.iPos = 0;
    p->err.zWhat = "the text is UTF-16 (it starts with a UTF-16 byte-order mark); "
                   "convert it to UTF-8, e.g. with iconv -f UTF-16 -t UTF-8";
    return TRTC_WALK_MALFORMED;
  }
  memset(&top, 0, sizeof(top));
  top.p = p;
  top.iList = top.iError = -1;
  watch.xMember = topMember;
  watch.pArg = &top;
  if (!trtcJsonCheck(z, n, &p->err, &watch)) return TRTC_WALK_MALFORMED;
  i = trtcJsonWs(z, n, 0);
  if (z[i] == '[') top.iList = i; /* the bare list */
  if (top.iError >= 0) {
    readApiError(p, top.iError);
    return TRTC_WALK_API_ERROR;
  }
  if (top.iList < 0) return TRTC_WALK_OK; /* JSON, but no list: no rows */
  trtcJsonEnter(&p->list, z, n, top.iList);
  p->bEof = 0;
  return advance(p);
}

/* The text of a value for a message, or zDefault when it has none.
** Returns TRTC_WALK_OK or TRTC_WALK_NOMEM. */
static int valueText(TrtcWalk *p, const TrtcWalkValue *pVal, const char *zDefault,
                     const char **pz, int *pn) {
  if (pVal->eType == TRTC_VALUE_TEXT) return trtcWalkText(p, pVal, pz, pn);
  *pz = zDefault;
  *pn = (int)strlen(zDefault);
  return TRTC_WALK_OK;
}

char *trtcWalkApiError(TrtcWalk *p) {
  const char *zCode, *zMessage;
  int nCode, nMessage;
  char *zCopy, *zOut;
  if (valueText(p, &p->code, "(no Code)", &zCode, &nCode) != TRTC_WALK_OK) return 0;
  zCopy = sqlite3_mprintf("%.*s", nCode, zCode); /* the buffer is reused for Message */
  if (zCopy == 0) return 0;
  if (valueText(p, &p->message, "(no Message)", &zMessage, &nMessage) != TRTC_WALK_OK) {
    sqlite3_free(zCopy);
    return 0;
  }
  zOut = sqlite3_mprintf("%s: %.*s", zCopy, nMessage, zMessage);
  sqlite3_free(zCopy);
  return zOut;
}

char *trtcWalkErrorMessage(TrtcWalk *p) {
  const unsigned char *z = p->z;
  int n = p->n, iPos = p->err.iPos, i, iLine = 1, iCol = 1;
  const char *zHint = "";
  for (i = 0; i < iPos && i < n; i++) {
    if (z[i] == '\n') {
      iLine++;
      iCol = 1;
    } else if ((z[i] & 0xC0) != 0x80) {
      iCol++;
    }
  }
  i = trtcJsonWs(z, n, 0);
  if (n >= 2 && (z[0] == 0 || z[1] == 0)) {
    zHint = " (the text holds NUL bytes: is it UTF-16? convert it to UTF-8, e.g. with "
            "iconv -f UTF-16 -t UTF-8)";
  } else if (i < n && z[i] == '<') {
    zHint = " (the text starts with '<': an HTML or XML page was saved, not a response)";
  } else if (p->err.zWhat && strncmp(p->err.zWhat, "more text after", 15) == 0) {
    zHint = " (several responses in one text? give them one at a time, or load the "
            "file with trtc ingest, which splits them)";
  }
  return sqlite3_mprintf("malformed JSON at byte %d (line %d, column %d): %s%s",
                         iPos + p->nSkipped, iLine, iCol, p->err.zWhat, zHint);
}
