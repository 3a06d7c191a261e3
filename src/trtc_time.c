/*
** trtc_time.c: trtc_time(), the time of a log row as text, in UTC or at a
** fixed offset, with the zone said (the analytics in sql/examples/ show
** every time this way).
**
**   SELECT trtc_time(1710235840050);            -- '2024-03-12 09:30:40.050'
**   SELECT trtc_time(1710235840050, NULL);      -- '2024-03-12 09:30:40.050 UTC'
**   SELECT trtc_time(1710235840050, '+08:00');  -- '2024-03-12 17:30:40.050 +08:00'
**
** The time is Unix time in milliseconds (EventMessage.Time), read as the
** decoding functions read integers (trtcValueInt64): NULL, or a value that
** is not an integer, gives NULL; so does a time outside the years 0000 to
** 9999 once shifted. A zone that is not NULL, 'UTC', 'Z', '+HH:MM' or
** '-HH:MM' is an error that says so. Registered (trtc_ext.c) as
** SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS; it is many times cheaper than
** strftime() for the same text (docs/performance.md).
*/
#include <string.h>

#include "trtc_ext.h"
#include "trtc_lookup.h"

/* 0000-01-01 00:00:00.000 and 9999-12-31 23:59:59.999 UTC in Unix ms. */
#define TRTC_TIME_MIN (-62167219200000LL)
#define TRTC_TIME_MAX 253402300799999LL

/* Read a zone: NULL/'UTC'/'Z' (offset 0, label "UTC") or [+-]HH:MM (HH up
** to 23, MM up to 59; label: the zone as given). 0 if it is neither. */
static int parseZone(sqlite3_value *pZone, int *pnOffsetMin, char zLabel[8]) {
  const unsigned char *z;
  int n, h, m;
  if (sqlite3_value_type(pZone) == SQLITE_NULL) {
    *pnOffsetMin = 0;
    memcpy(zLabel, "UTC", 4);
    return 1;
  }
  if (sqlite3_value_type(pZone) != SQLITE_TEXT) return 0;
  z = sqlite3_value_text(pZone);
  n = sqlite3_value_bytes(pZone);
  if (z == 0) return 0;
  if ((n == 3 && sqlite3_strnicmp((const char *)z, "UTC", 3) == 0) ||
      (n == 1 && (z[0] == 'Z' || z[0] == 'z'))) {
    *pnOffsetMin = 0;
    memcpy(zLabel, "UTC", 4);
    return 1;
  }
  if (n != 6 || (z[0] != '+' && z[0] != '-') || z[3] != ':') return 0;
  if (z[1] < '0' || z[1] > '9' || z[2] < '0' || z[2] > '9') return 0;
  if (z[4] < '0' || z[4] > '9' || z[5] < '0' || z[5] > '9') return 0;
  h = (z[1] - '0') * 10 + (z[2] - '0');
  m = (z[4] - '0') * 10 + (z[5] - '0');
  if (h > 23 || m > 59) return 0;
  *pnOffsetMin = (z[0] == '-' ? -1 : 1) * (h * 60 + m);
  memcpy(zLabel, z, 6);
  zLabel[6] = 0;
  return 1;
}

/* Floor division and modulo for a positive divisor. */
static sqlite3_int64 floorDiv(sqlite3_int64 a, sqlite3_int64 b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Write v (0 <= v < 10^n) as n decimal digits. */
static void put(char *z, int v, int n) {
  while (n-- > 0) {
    z[n] = (char)('0' + v % 10);
    v /= 10;
  }
}

/* "YYYY-MM-DD HH:MM:SS.mmm" of Unix ms t (within the supported range). */
static void formatTime(sqlite3_int64 t, char *zOut) {
  sqlite3_int64 days = floorDiv(t, 86400000), z, era, doe, yoe, y, doy, mp;
  int msOfDay = (int)(t - days * 86400000), d, mo;
  /* Civil date from days since 1970-01-01 (proleptic Gregorian). */
  z = days + 719468;
  era = floorDiv(z, 146097);
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = (int)(doy - (153 * mp + 2) / 5 + 1);
  mo = (int)(mp < 10 ? mp + 3 : mp - 9);
  y += mo <= 2;
  put(zOut, (int)y, 4);
  zOut[4] = '-';
  put(zOut + 5, mo, 2);
  zOut[7] = '-';
  put(zOut + 8, d, 2);
  zOut[10] = ' ';
  put(zOut + 11, msOfDay / 3600000, 2);
  zOut[13] = ':';
  put(zOut + 14, msOfDay / 60000 % 60, 2);
  zOut[16] = ':';
  put(zOut + 17, msOfDay / 1000 % 60, 2);
  zOut[19] = '.';
  put(zOut + 20, msOfDay % 1000, 3);
  zOut[23] = 0;
}

/* trtc_time(time_ms [, zone]) */
void trtcTimeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3_int64 t;
  int nOffsetMin = 0, n;
  char zLabel[8], zOut[40];
  if (argc == 2 && !parseZone(argv[1], &nOffsetMin, zLabel)) {
    /* On the stack: no allocation to fail (a long zone is cut short). */
    char zErr[160];
    sqlite3_snprintf((int)sizeof zErr, zErr,
                     "trtc_time: the time zone must be '+HH:MM', '-HH:MM' or 'UTC', not %.40Q",
                     (const char *)sqlite3_value_text(argv[1]));
    sqlite3_result_error(ctx, zErr, -1);
    return;
  }
  if (!trtcValueInt64(argv[0], &t)) return;
  if (t < TRTC_TIME_MIN - 86400000LL || t > TRTC_TIME_MAX + 86400000LL) return;
  t += (sqlite3_int64)nOffsetMin * 60000;
  if (t < TRTC_TIME_MIN || t > TRTC_TIME_MAX) return;
  formatTime(t, zOut);
  n = 23;
  if (argc == 2) {
    zOut[n++] = ' ';
    memcpy(zOut + n, zLabel, strlen(zLabel) + 1);
    n += (int)strlen(zLabel);
  }
  sqlite3_result_text(ctx, zOut, n, SQLITE_TRANSIENT);
}
