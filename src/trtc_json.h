/*
** trtc_json.h: a JSON reader over UTF-8 text in memory (trtc_json.c),
** with no SQL in it. The response walker (trtc_walk.c) reads saved API
** responses with it; the trtc command splits files with it.
**
**   TrtcJsonError e;
**   if (!trtcJsonCheck(z, n, &e, 0)) ... e.iPos, e.zWhat ...   (RFC 8259)
**   TrtcJsonIter it;
**   trtcJsonEnter(&it, z, n, iObject);                          (at '{' or '[')
**   while (trtcJsonNext(&it)) { ... it.iKey, it.nKey, it.iVal ... }
**
** trtcJsonCheck validates a whole text once; everything else assumes text
** that passed it (it never reads past n all the same), so reading is a
** plain forward scan: no parse tree, no allocation.
*/
#ifndef TRTC_JSON_H
#define TRTC_JSON_H

#include "trtc_private.h"

/* Containers nested deeper than this are refused (SQLite's own limit). */
#define TRTC_JSON_MAX_DEPTH 2000

/* Where and why a text is not JSON. */
typedef struct TrtcJsonError {
  int iPos;          /* byte offset of the problem */
  const char *zWhat; /* what is wrong there (static text) */
} TrtcJsonError;

typedef struct TrtcJsonIter TrtcJsonIter;

/*
** What trtcJsonCheck tells as it goes, so that a caller learns the top of
** a document without a second pass: xMember is called for each member of
** the root object (iDepth 1) and of objects that are the values of those
** members (iDepth 2), in text order, with pMember's key and iVal set (see
** TrtcJsonIter below; the value is not checked yet when it is called).
*/
typedef struct TrtcJsonWatch {
  void (*xMember)(void *pArg, int iDepth, const TrtcJsonIter *pMember);
  void *pArg;
} TrtcJsonWatch;

/*
** Is z[0..n) one JSON value (RFC 8259), with optional whitespace around?
** 1 if so; else 0 and *pErr says where and why. pWatch may be NULL.
*/
TRTC_PRIVATE int trtcJsonCheck(const unsigned char *z, int n, TrtcJsonError *pErr,
                               const TrtcJsonWatch *pWatch);

/* The offset of the first byte at or after i that is not whitespace (n at the end). */
TRTC_PRIVATE int trtcJsonWs(const unsigned char *z, int n, int i);

/* The offset just after the value that starts at i (checked text). */
TRTC_PRIVATE int trtcJsonSkip(const unsigned char *z, int n, int i);

/*
** Iterating over the members of an object or the elements of an array of
** checked text. After trtcJsonNext() returns 1, iVal is the offset of the
** current value (its first byte) and, for an object, z[iKey..iKey+nKey)
** is its key as written between the quotes (bKeyEscaped: it contains
** backslash escapes). A reader that finds the end of the value it read may
** set iValEnd, which spares trtcJsonNext() a second scan.
*/
struct TrtcJsonIter {
  const unsigned char *z;
  int n;
  int iVal;          /* the current value; -1 before the first */
  int iValEnd;       /* just after it, when known; else -1 */
  int iKey, nKey;    /* the current member's key (objects) */
  int bKeyEscaped;
  int bObject;       /* iterating an object (else an array) */
  int bDone;         /* trtcJsonNext() has returned 0 */
  int iEnd;          /* then: the offset just after the closing '}' or ']' */
};

/* Start iterating over the container whose '{' or '[' is at z[i]. */
TRTC_PRIVATE void trtcJsonEnter(TrtcJsonIter *pIt, const unsigned char *z, int n, int i);
/* Move to the next member or element: 1, or 0 at the end of the container. */
TRTC_PRIVATE int trtcJsonNext(TrtcJsonIter *pIt);

/*
** Does the current member's key equal z[0..n) (n bytes, no escapes)? Keys
** written with escapes ("Peer\u0049d") are compared by what they stand for.
*/
TRTC_PRIVATE int trtcJsonKeyIs(const TrtcJsonIter *pIt, const char *zKey, int nKey);

/*
** The string whose opening quote is at z[i] (checked text): its content
** is z[*piStart..*piEnd), *pbEscaped when it holds backslash escapes.
** Returns the offset just after the closing quote.
*/
TRTC_PRIVATE int trtcJsonString(const unsigned char *z, int n, int i, int *piStart, int *piEnd,
                                int *pbEscaped);

/*
** Write what the escaped string content z[0..n) stands for to zOut (at
** least n bytes): \uXXXX as UTF-8 (surrogate pairs joined, a lone
** surrogate as its 3-byte form, as SQLite does). Returns the length.
*/
TRTC_PRIVATE int trtcJsonUnescape(const unsigned char *z, int n, char *zOut);

/*
** The number whose first byte is at z[i] (checked text), read as a 64-bit
** integer by trtc_event()'s rule for arguments: 1 and *pOut when it is an
** integer within 64 bits, or a number with a fraction or an exponent, or
** an integer beyond 64 bits, that SQLite would read as a double holding
** an integral value within range (5003.0, 5.003e3; -9223372036854775809
** rounds to -2^63); else 0. *piEnd gets the offset just after it.
*/
TRTC_PRIVATE int trtcJsonNumberInt64(const unsigned char *z, int n, int i, sqlite3_int64 *pOut,
                                     int *piEnd);

#endif /* TRTC_JSON_H */
