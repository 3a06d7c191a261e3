/*
** tests/test_window.c: src/cli/window.c, the times and windows of
** "trtc fetch": --start/--end as Unix seconds and ISO 8601 with a zone
** (checked against values computed independently with GNU date), refused
** inputs with their messages, and the cutting of a range into the API's
** windows (contiguous, none longer than allowed, nothing left out).
**
**   tests/test_window      (TAP on stdout)
*/
#include <stdio.h>
#include <string.h>

#include "../src/cli/window.h"
#include "tap.h"

static const struct Good {
  const char *z;
  long long t;
} aGood[] = {
    { "0", 0 },
    { "1714527000", 1714527000 },
    /* date -u -d '2024-05-01T01:30:00Z' +%s = 1714527000 */
    { "2024-05-01T01:30:00Z", 1714527000 },
    { "2024-05-01T09:30:00+08:00", 1714527000 },
    { "2024-05-01 09:30:00+0800", 1714527000 },
    { "2024-05-01t09:30+08", 1714527000 },
    { "2024-04-30T20:30:00-05:00", 1714527000 },
    { "2024-05-01T01:30:00.999z", 1714527000 },
    { "2024-05-01T01:30:00,5+00:00", 1714527000 },
    /* A leap day, the end of a leap century, the epoch. */
    { "2024-02-29T00:00:00Z", 1709164800 },
    { "2000-12-31T23:59:59Z", 978307199 },
    { "1970-01-01T00:00:00Z", 0 },
    { "2019-02-25T16:44:25Z", 1551113065 },
    /* Offsets of every form (values from GNU date); a leap day of a leap century. */
    { "2024-05-01T07:00:00-0630", 1714570200 },
    { "2024-05-01T07:15:00+05:45", 1714527000 },
    { "2000-02-29T12:00:00Z", 951825600 },
};

static const struct Bad {
  const char *z;
  const char *zWant; /* in the message */
} aBad[] = {
    { "", "empty" },
    { "2024-05-01T09:30:00", "no zone" },
    { "2024-05-01", "date alone" },
    { "2024-02-30T00:00:00Z", "no such date" },
    { "2023-02-29T00:00:00Z", "no such date" },
    { "2024-05-01T24:00:00Z", "no such date" },
    { "2024-05-01T09:30:00+8", "zone offset" },
    { "2024-05-01T09:30:00Zjunk", "unexpected" },
    { "yesterday", "not a time" },
    { "-5", "not a time" },
    { "99999999999999", "too large" },
    { "1969-12-31T23:59:59Z", "before 1970" },
    { "2024-05-01T09:3", "not an ISO 8601 time" },
    { "2024-05-01X09:30Z", "not an ISO 8601 time" },
    { "2024-05-01T0930Z", "not an ISO 8601 time" },
    { "2024/05/01T09:30Z", "not a time" },
    { "2024-05/01T09:30Z", "not a time" },
    { "2024-05-01T09:30:0Z", "seconds must be two digits" },
    { "2024-05-01T09:30:00.Z", "a fraction of a second needs digits" },
    { "2024-05-01T09:30:00+08:0", "zone offset" },
    { "2024-05-01T09:30:00+081", "zone offset" },
    { "2024-05-01T09:30:00+08:00x", "unexpected" },
    { "2024-13-01T00:00:00Z", "no such date" },
    { "2024-00-01T00:00:00Z", "no such date" },
    { "2024-01-00T00:00:00Z", "no such date" },
    { "2100-02-29T00:00:00Z", "no such date" },
    { "2024-01-01T00:60:00Z", "no such date" },
    { "2024-01-01T00:00:60Z", "no such date" },
    { "2024-01-01T00:00:00+24:00", "no such date" },
    { "2024-01-01T00:00:00+08:60", "no such date" },
};

int main(void) {
  char zErr[256], zMsg[200];
  long long t;
  size_t i;
  TrtcWindow a[64];
  int n, k, bOk;

  plan((int)(sizeof aGood / sizeof aGood[0]) + (int)(sizeof aBad / sizeof aBad[0]) * 2 + 21);

  for (i = 0; i < sizeof aGood / sizeof aGood[0]; i++) {
    int rc;
    t = -1;
    rc = trtcParseTime(aGood[i].z, &t, zErr, sizeof zErr);
    snprintf(zMsg, sizeof zMsg, "\"%s\" is %lld", aGood[i].z, aGood[i].t);
    if (!ok(rc == 0 && t == aGood[i].t, zMsg)) printf("#   got rc=%d t=%lld: %s\n", rc, t, zErr);
  }
  for (i = 0; i < sizeof aBad / sizeof aBad[0]; i++) {
    t = 12345;
    snprintf(zMsg, sizeof zMsg, "\"%s\" is refused", aBad[i].z);
    ok(trtcParseTime(aBad[i].z, &t, zErr, sizeof zErr) != 0 && t == 12345, zMsg);
    snprintf(zMsg, sizeof zMsg, "\"%s\": the message says \"%s\"", aBad[i].z, aBad[i].zWant);
    if (!ok(strstr(zErr, aBad[i].zWant) != 0, zMsg)) printf("#   message: %s\n", zErr);
  }

  trtcFormatTime(1714527000, zErr, sizeof zErr);
  is_str(zErr, "2024-05-01 01:30:00 UTC", "formatted in UTC");
  trtcFormatTime(1714527000, zErr, 8);
  is_str(zErr, "@171452", "no room for the date: @seconds, cut");
  trtcFormatTime(0x7fffffffffffffffLL, zErr, sizeof zErr);
  is_str(zErr, "@9223372036854775807", "beyond the calendar: @seconds");
  t = 1;
  ok(trtcParseTime(0, &t, zErr, sizeof zErr) != 0 && t == 1 && strstr(zErr, "empty"), "no text: refused");
  is_int(trtcWindows(0, 10, 0, 0, a, 64), 0, "a step of 0: no windows");

  /* Lists: 30 hours in days share their boundary second. */
  n = trtcWindows(1000, 1000 + 30 * 3600, 86400, 0, a, 64);
  is_int(n, 2, "30 h: two day windows");
  ok(a[0].from == 1000 && a[0].to == 1000 + 86400 && a[1].from == 1000 + 86400 &&
         a[1].to == 1000 + 30 * 3600,
     "list windows: [s, s+24h], [s+24h, end]");
  n = trtcWindows(1000, 1000 + 86400, 86400, 0, a, 64);
  ok(n == 1 && a[0].from == 1000 && a[0].to == 1000 + 86400, "exactly 24 h: one window");
  n = trtcWindows(5, 5, 3600, 0, a, 64);
  ok(n == 1 && a[0].from == 5 && a[0].to == 5, "an instant: one window");
  is_int(trtcWindows(6, 5, 3600, 0, a, 64), 0, "start after end: none");

  /* Results: disjoint hour slots, covering every second once. */
  n = trtcWindows(100, 100 + 7199, 3600, 1, a, 64);
  ok(n == 2 && a[0].from == 100 && a[0].to == 3699 && a[1].from == 3700 && a[1].to == 7299,
     "two hours: [s, s+3599], [s+3600, s+7199]");
  n = trtcWindows(100, 100 + 7200, 3600, 1, a, 64);
  ok(n == 3 && a[2].from == 7300 && a[2].to == 7300, "two hours and a second: a third window of 1 s");
  /* Any range: no window longer than the step, no gap, no overlap. */
  bOk = 1;
  for (k = 0; k < 200; k++) {
    long long s = 1700000000 + k * 7919, e = s + k * 977;
    int j;
    n = trtcWindows(s, e, 3600, 1, a, 64);
    if (n < 1 || n > 64 || a[0].from != s || a[n - 1].to != e) bOk = 0;
    for (j = 0; bOk && j < n; j++) {
      if (a[j].to - a[j].from > 3599 || a[j].to < a[j].from) bOk = 0;
      if (j > 0 && a[j].from != a[j - 1].to + 1) bOk = 0;
    }
  }
  ok(bOk, "200 ranges: disjoint windows of at most 3600 s cover each range exactly");
  bOk = 1;
  for (k = 0; k < 200; k++) {
    long long s = 1700000000 + k * 7919, e = s + k * 977 + 1;
    int j;
    n = trtcWindows(s, e, 14400, 0, a, 64);
    if (n < 1 || a[0].from != s || a[n - 1].to != e) bOk = 0;
    for (j = 0; bOk && j < n; j++) {
      if (a[j].to - a[j].from > 14400 || a[j].to <= a[j].from) bOk = 0;
      if (j > 0 && a[j].from != a[j - 1].to) bOk = 0;
    }
  }
  ok(bOk, "200 ranges: list windows of at most 4 h chain end to start");
  /* More windows than room: the count says so, nothing written past nMax. */
  a[3].from = -7;
  n = trtcWindows(0, 10 * 3600, 3600, 1, a, 3);
  ok(n == 11 && a[3].from == -7, "more windows than room: counted, not written");
  is_int(trtcDaysFromCivil(1970, 1, 1), 0, "day 0 is 1970-01-01");
  is_int(trtcDaysFromCivil(2024, 3, 1) - trtcDaysFromCivil(2024, 2, 28), 2, "2024 has a 29 February");
  is_int(trtcDaysFromCivil(2100, 3, 1) - trtcDaysFromCivil(2100, 2, 28), 1, "2100 has none");
  is_int(trtcDaysFromCivil(2000, 3, 1) - trtcDaysFromCivil(2000, 2, 28), 2, "2000 has one");
  is_int(trtcDaysFromCivil(0, 1, 1), -719528, "0000-01-01 (proleptic Gregorian)");
  is_int(trtcDaysFromCivil(-1, 1, 1), -719893, "-0001-01-01: year -1 has 365 days");
  return done();
}
