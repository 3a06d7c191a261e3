/*
** src/cli/window.h: times and time windows for "trtc fetch" (window.c):
** reading --start/--end (Unix seconds or ISO 8601 with a zone) and cutting
** a time range into the windows the API accepts.
**
**   long long t;
**   char zErr[200];
**   if (trtcParseTime("2024-05-01T09:30:00+08:00", &t, zErr, sizeof zErr)) ...;   zErr
**   TrtcWindow a[16];
**   int n = trtcWindows(t, t + 30 * 3600, 86400, 0, a, 16);   [t, t+86400], [t+86400, t+30h]
**   int m = trtcWindows(t, t + 7199, 3600, 1, a, 16);          [t, t+3599], [t+3600, t+7199]
**
** All times are Unix seconds; ends are inclusive.
*/
#ifndef TRTC_CLI_WINDOW_H
#define TRTC_CLI_WINDOW_H

#include <stddef.h>

typedef struct TrtcWindow {
  long long from, to; /* StartTime, EndTime: both inclusive */
} TrtcWindow;

/* Reads "1714527000" (Unix seconds) or ISO 8601 with a date, a time and a
** zone: "2024-05-01T09:30:00Z", "2024-05-01 09:30+08:00", "...+0800",
** "...-05" (a fraction of a second is allowed and dropped). 0 on success;
** otherwise a message in zErr. */
int trtcParseTime(const char *z, long long *pT, char *zErr, size_t nErr);

/* "YYYY-MM-DD HH:MM:SS UTC" into zOut. */
void trtcFormatTime(long long t, char *zOut, size_t nOut);

/* Cuts [start, end] into windows of at most nStep seconds, into a[0..nMax)
** and returns how many there are (possibly more than nMax: then call again
** with room for them). bDisjoint 0: each window ends where the next begins
** ([s, s+nStep], [s+nStep, ...]: lists, where an item seen twice is merged);
** bDisjoint 1: windows share no second ([s, s+nStep-1], [s+nStep, ...]:
** results that would be stored twice). start > end: none. */
int trtcWindows(long long start, long long end, long long nStep, int bDisjoint, TrtcWindow *a,
                int nMax);

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
long long trtcDaysFromCivil(long long y, int m, int d);

#endif /* TRTC_CLI_WINDOW_H */
