/*
** trtc_lookup.c: finding rows of the mapping tables in trtc_data.c, and
** reading SQL arguments as event ids and parameters.
**
** Used by the scalar functions (trtc_func.c) and the virtual tables. The
** tables are small and sorted, so every lookup is a binary search over
** static const data: no allocation, no state.
*/
#include "trtc_lookup.h"

#include <string.h>

/* Parse TEXT as an integer: [spaces][+|-]digits[.zeros][spaces]. */
static int textInt64(const unsigned char *z, int n, sqlite3_int64 *pOut) {
  int i = 0, neg = 0, nDigit = 0;
  sqlite3_uint64 u = 0;
  const sqlite3_uint64 lim = (sqlite3_uint64)1 << 63; /* |INT64_MIN| */
  while (i < n && (z[i] == ' ' || (z[i] >= '\t' && z[i] <= '\r'))) i++;
  if (i < n && (z[i] == '+' || z[i] == '-')) neg = (z[i++] == '-');
  for (; i < n && z[i] >= '0' && z[i] <= '9'; i++, nDigit++) {
    unsigned d = (unsigned)(z[i] - '0');
    if (u > (lim - d) / 10) return 0; /* beyond the 64-bit range */
    u = u * 10 + d;
  }
  if (nDigit == 0) return 0;
  if (i < n && z[i] == '.') {
    for (i++; i < n && z[i] == '0'; i++) {}
    if (i < n && z[i] >= '1' && z[i] <= '9') return 0; /* not integral */
  }
  while (i < n && (z[i] == ' ' || (z[i] >= '\t' && z[i] <= '\r'))) i++;
  if (i != n) return 0;
  if (!neg && u == lim) return 0;
  *pOut = neg ? (sqlite3_int64)(0 - u) : (sqlite3_int64)u;
  return 1;
}

int trtcValueInt64(sqlite3_value *pVal, sqlite3_int64 *pOut) {
  switch (sqlite3_value_type(pVal)) {
    case SQLITE_INTEGER:
      *pOut = sqlite3_value_int64(pVal);
      return 1;
    case SQLITE_FLOAT: {
      double r = sqlite3_value_double(pVal);
      /* NaN fails both comparisons; 2^63 itself is out of range. */
      if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0)) return 0;
      if ((double)(sqlite3_int64)r != r) return 0;
      *pOut = (sqlite3_int64)r;
      return 1;
    }
    case SQLITE_TEXT: {
      const unsigned char *z = sqlite3_value_text(pVal);
      return z != 0 && textInt64(z, sqlite3_value_bytes(pVal), pOut);
    }
    default: /* NULL, BLOB */
      return 0;
  }
}

/* Index of the first event row whose id is >= iEventId (trtc_event_count
** when none is): a branch-free binary search, the hot path of decoding. */
static int eventLowerBound(sqlite3_int64 iEventId) {
  const TrtcEventRow *pBase = trtc_event_rows;
  int n = trtc_event_count;
  while (n > 1) {
    int half = n / 2;
    pBase = pBase[half - 1].event_id < iEventId ? pBase + half : pBase;
    n -= half;
  }
  return (int)(pBase - trtc_event_rows) + (n == 1 && pBase->event_id < iEventId);
}

void trtcEventRange(sqlite3_int64 iEventId, int *piFirst, int *piEnd) {
  int lo = eventLowerBound(iEventId), hi = lo;
  while (hi < trtc_event_count && trtc_event_rows[hi].event_id == iEventId) hi++;
  *piFirst = lo;
  *piEnd = hi;
}

static int paramMatches(const TrtcParam *p, sqlite3_int64 v) {
  return p->label != 0 || p->value == -1 || p->value == v;
}

int trtcEventMatches(const TrtcEventRow *pRow, sqlite3_int64 iParam1,
                     sqlite3_int64 iParam2) {
  return paramMatches(&pRow->param1, iParam1) && paramMatches(&pRow->param2, iParam2);
}

const TrtcEventRow *trtcFindEvent(sqlite3_int64 iEventId, sqlite3_int64 iParam1,
                                  sqlite3_int64 iParam2) {
  const TrtcEventRow *p = &trtc_event_rows[eventLowerBound(iEventId)];
  const TrtcEventRow *pEnd = &trtc_event_rows[trtc_event_count];
  for (; p < pEnd && p->event_id == iEventId; p++) {
    if (trtcEventMatches(p, iParam1, iParam2)) return p;
  }
  return 0;
}

const TrtcEventRow *trtcEventFromArgs(sqlite3_value *const apArg[3], sqlite3_int64 *pParam1,
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

char *trtcEventText(const TrtcEventRow *pRow, sqlite3_int64 iParam1,
                    sqlite3_int64 iParam2, int *pbOwned) {
  const TrtcParam *p1 = &pRow->param1, *p2 = &pRow->param2;
  if (p1->label == 0 && p2->label == 0) {
    *pbOwned = 0;
    return (char *)pRow->description;
  }
  *pbOwned = 1;
  if (p1->label != 0 && p2->label != 0) {
    return sqlite3_mprintf("%s (%s: %lld, %s: %lld)", pRow->description, p1->label,
                           iParam1, p2->label, iParam2);
  }
  if (p1->label != 0) {
    return sqlite3_mprintf("%s (%s: %lld)", pRow->description, p1->label, iParam1);
  }
  return sqlite3_mprintf("%s (%s: %lld)", pRow->description, p2->label, iParam2);
}

/* Binary search over an array of structs that begin with an int id. */
static int findById(const void *aRow, int nRow, size_t szRow, sqlite3_int64 iId) {
  int lo = 0, hi = nRow - 1;
  while (lo <= hi) {
    int mid = lo + (hi - lo) / 2;
    int v;
    memcpy(&v, (const char *)aRow + (size_t)mid * szRow, sizeof(v));
    if (v == iId) return mid;
    if (v < iId) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

int trtcFindExperience(sqlite3_int64 iId) {
  return findById(trtc_experience_rows, trtc_experience_count,
                  sizeof(trtc_experience_rows[0]), iId);
}

int trtcFindAbnormal(sqlite3_int64 iId) {
  return findById(trtc_abnormal_rows, trtc_abnormal_count, sizeof(trtc_abnormal_rows[0]), iId);
}

int trtcFindStreamType(sqlite3_int64 iType) {
  return findById(trtc_stream_type_rows, trtc_stream_type_count,
                  sizeof(trtc_stream_type_rows[0]), iType);
}
