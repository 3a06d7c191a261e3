/*
** trtc_lookup.h: finding rows of the mapping tables (trtc_lookup.c).
*/
#ifndef TRTC_LOOKUP_H
#define TRTC_LOOKUP_H

#include "trtc_data.h"

/*
** Read an SQL argument as a 64-bit integer. INTEGER values, integral REAL
** values and TEXT that SQLite reads as such a number ('5003', ' 5003 ',
** '5003.0') give 1 and *pOut; NULL, BLOB, other TEXT and non-integral or
** out-of-range REAL values give 0.
*/
TRTC_PRIVATE int trtcValueInt64Slow(sqlite3_value *pVal, sqlite3_int64 *pOut);
/* The parts of that rule: an integral REAL in range; TEXT of the form
** [spaces][+|-]digits[.zeros][spaces] (n bytes, no NUL needed). */
TRTC_PRIVATE int trtcRealInt64(double r, sqlite3_int64 *pOut);
TRTC_PRIVATE int trtcTextInt64(const unsigned char *z, int n, sqlite3_int64 *pOut);
static inline int trtcValueInt64(sqlite3_value *pVal, sqlite3_int64 *pOut) {
  if (sqlite3_value_type(pVal) == SQLITE_INTEGER) { /* the common case, inlined */
    *pOut = sqlite3_value_int64(pVal);
    return 1;
  }
  return trtcValueInt64Slow(pVal, pOut);
}

/*
** The rows of one event id: [*piFirst, *piEnd) in trtc_event_rows, an
** empty range (both equal) when the id is not in the tables.
*/
TRTC_PRIVATE void trtcEventRange(sqlite3_int64 iEventId, int *piFirst, int *piEnd);

/*
** The event row that (event id, param1, param2) decodes to, or NULL. A
** row matches when the event id is equal and, for each parameter, its
** value is equal, or is -1 (unused), or is a measured value. At most one
** row matches (tests/test_static.c checks the data for that).
*/
TRTC_PRIVATE const TrtcEventRow *trtcFindEvent(sqlite3_int64 iEventId,
                                               sqlite3_int64 iParam1,
                                               sqlite3_int64 iParam2);

/*
** The event row that SQL arguments (event_id, param1, param2) decode to, by
** trtc_event()'s rule: an omitted argument (a NULL pointer in apArg)
** counts as -1, and an argument that trtcValueInt64 cannot read (SQL NULL,
** text, blob, 5003.5) matches no row. *pParam1 and *pParam2 receive the
** parameters as read, for the text. NULL when no row matches.
*/
static inline const TrtcEventRow *trtcEventFromArgs(sqlite3_value *const apArg[3],
                                                   sqlite3_int64 *pParam1,
                                                   sqlite3_int64 *pParam2) {
  sqlite3_int64 a[3] = { 0, -1, -1 };
  int i;
  *pParam1 = *pParam2 = -1;
  if (apArg[0] == 0) return 0; /* the event id is never omitted */
  for (i = 0; i < 3; i++) {
    if (apArg[i] != 0 && !trtcValueInt64(apArg[i], &a[i])) return 0;
  }
  *pParam1 = a[1];
  *pParam2 = a[2];
  return trtcFindEvent(a[0], a[1], a[2]);
}

/* Does the row name a measured value in either parameter? */
#define TRTC_ROW_MEASURED(pRow) ((pRow)->param1.label != 0 || (pRow)->param2.label != 0)

/*
** The text trtc_event() shows for a row naming measured values: the
** description followed by the values, e.g. "Video resolution has been
** switched (Resolution width: 1280, Resolution height: 720)", written to
** zBuf (TRTC_EVENT_TEXT_MAX bytes, NUL-terminated; the longest such text
** with 64-bit values fits: a compile-time check in trtc_lookup.c, and
** tests/test_static.c). Returns the length. Only for rows naming measured
** values (TRTC_ROW_MEASURED); the others show their description as it is.
*/
#define TRTC_EVENT_TEXT_MAX 256
TRTC_PRIVATE int trtcEventTextFormat(const TrtcEventRow *pRow, sqlite3_int64 iParam1,
                                     sqlite3_int64 iParam2, char *zBuf);

/*
** Set the result of ctx to trtc_event()'s text for pRow and the parameters:
** the description (SQLITE_STATIC, no copy) or, for rows naming measured
** values, trtcEventTextFormat's text (copied: SQLITE_TRANSIENT). The text
** columns of trtc_decode and trtc_user_events use it too.
*/
TRTC_PRIVATE void trtcResultEventText(sqlite3_context *ctx, const TrtcEventRow *pRow,
                                      sqlite3_int64 iParam1, sqlite3_int64 iParam2);

/* Set the result of ctx to the fixed text z (SQLITE_STATIC); NULL stays NULL. */
static inline void trtcResultStatic(sqlite3_context *ctx, const char *z) {
  if (z) sqlite3_result_text(ctx, z, -1, SQLITE_STATIC);
}

/* Set the result of ctx to pRow's description (SQLITE_STATIC). */
TRTC_PRIVATE void trtcResultEventDescription(sqlite3_context *ctx, const TrtcEventRow *pRow);

/* Index of id in the experience / abnormal event / stream type table, or -1. */
TRTC_PRIVATE int trtcFindExperience(sqlite3_int64 iId);
TRTC_PRIVATE int trtcFindAbnormal(sqlite3_int64 iId);
TRTC_PRIVATE int trtcFindStreamType(sqlite3_int64 iType);

#endif /* TRTC_LOOKUP_H */
