/*
** src/cli/window.c: --start/--end and time windows for "trtc fetch" (see
** window.h). No libc time zone handling: an ISO 8601 time carries its
** own offset, and the calendar arithmetic is done here.
*/
#include "window.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

long long trtcDaysFromCivil(long long y, int m, int d) {
  /* Shift the year to start in March, so that the leap day is last. */
  long long era, yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static int isLeap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int daysInMonth(long long y, int m) {
  static const unsigned char aDays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  return m == 2 && isLeap(y) ? 29 : aDays[m - 1];
}

/* Reads exactly n digits at *pz into *pV; 0 when they are not there. */
static int digits(const char **pz, int n, int *pV) {
  const char *z = *pz;
  int v = 0, i;
  for (i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return 0;
    v = v * 10 + (z[i] - '0');
  }
  *pz = z + n;
  *pV = v;
  return 1;
}

int trtcParseTime(const char *z, long long *pT, char *zErr, size_t nErr) {
  const char *zIn = z;
  int y, mo, d, h, mi, s = 0, oh = 0, om = 0, sign = 0;
  long long t;

  zErr[0] = 0;
  if (z == 0 || z[0] == 0) {
    snprintf(zErr, nErr, "an empty time");
    return 1;
  }
  /* Unix seconds: digits only. */
  if (strspn(z, "0123456789") == strlen(z)) {
    if (strlen(z) > 11) {
      snprintf(zErr, nErr, "%s: too large for Unix seconds", zIn);
      return 1;
    }
    sscanf(z, "%lld", &t);
    *pT = t;
    return 0;
  }
  if (!digits(&z, 4, &y) || *z++ != '-' || !digits(&z, 2, &mo) || *z++ != '-' ||
      !digits(&z, 2, &d)) {
    snprintf(zErr, nErr,
             "%s: not a time; give Unix seconds or ISO 8601 with a zone, "
             "e.g. 2024-05-01T09:30:00+08:00 or 2024-05-01T01:30:00Z",
             zIn);
    return 1;
  }
  if (*z == 0) {
    snprintf(zErr, nErr, "%s: a date alone is ambiguous; give a time of day and a zone, e.g. %sT00:00:00+08:00",
             zIn, zIn);
    return 1;
  }
  if ((*z != 'T' && *z != 't' && *z != ' ') || (z++, !digits(&z, 2, &h)) || *z++ != ':' ||
      !digits(&z, 2, &mi)) {
    snprintf(zErr, nErr, "%s: not an ISO 8601 time (expected YYYY-MM-DDTHH:MM[:SS] and a zone)", zIn);
    return 1;
  }
  if (*z == ':') {
    z++;
    if (!digits(&z, 2, &s)) {
      snprintf(zErr, nErr, "%s: seconds must be two digits", zIn);
      return 1;
    }
    if (*z == '.' || *z == ',') {
      z++;
      if (*z < '0' || *z > '9') {
        snprintf(zErr, nErr, "%s: a fraction of a second needs digits", zIn);
        return 1;
      }
      while (*z >= '0' && *z <= '9') z++; /* dropped */
    }
  }
  if (*z == 'Z' || *z == 'z') {
    z++;
  } else if (*z == '+' || *z == '-') {
    sign = *z++ == '-' ? -1 : 1;
    if (!digits(&z, 2, &oh)) {
      snprintf(zErr, nErr, "%s: a zone offset is +HH:MM, +HHMM or +HH", zIn);
      return 1;
    }
    if (*z == ':') {
      z++;
      if (!digits(&z, 2, &om)) {
        snprintf(zErr, nErr, "%s: a zone offset is +HH:MM, +HHMM or +HH", zIn);
        return 1;
      }
    } else if (*z >= '0' && *z <= '9') {
      if (!digits(&z, 2, &om)) {
        snprintf(zErr, nErr, "%s: a zone offset is +HH:MM, +HHMM or +HH", zIn);
        return 1;
      }
    }
  } else if (*z == 0) {
    snprintf(zErr, nErr,
             "%s: no zone; add Z for UTC or an offset such as +08:00 (the time would be ambiguous)",
             zIn);
    return 1;
  }
  if (*z != 0) {
    snprintf(zErr, nErr, "%s: unexpected \"%s\" at the end", zIn, z);
    return 1;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59 ||
      oh > 23 || om > 59) {
    snprintf(zErr, nErr, "%s: no such date or time", zIn);
    return 1;
  }
  t = trtcDaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  t -= sign * (oh * 3600 + om * 60);
  if (t < 0) {
    snprintf(zErr, nErr, "%s: before 1970", zIn);
    return 1;
  }
  *pT = t;
  return 0;
}

void trtcFormatTime(long long t, char *zOut, size_t nOut) {
  time_t tt = (time_t)t;
  struct tm tm;
  if (gmtime_r(&tt, &tm) == 0 || strftime(zOut, nOut, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0) {
    snprintf(zOut, nOut, "@%lld", t);
  }
}

int trtcWindows(long long start, long long end, long long nStep, int bDisjoint, TrtcWindow *a,
                int nMax) {
  int n = 0;
  long long from = start;
  if (start > end || nStep <= 0) return 0;
  for (;;) {
    long long to = bDisjoint ? from + nStep - 1 : from + nStep;
    if (to > end) to = end;
    if (n < nMax) {
      a[n].from = from;
      a[n].to = to;
    }
    n++;
    if (bDisjoint) {
      if (to >= end) break;
      from = to + 1;
    } else {
      if (to >= end) break;
      from = to;
    }
  }
  return n;
}
