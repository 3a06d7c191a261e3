/*
** tests/lib/tap.h: minimal TAP output for the C tests.
**
**   plan(3);
**   ok(rc == SQLITE_OK, "opened");
**   is_int(n, 173, "rows");
**   is_str(z, "Video lagged", "experience 4");
**   return done();
*/
#ifndef TRTC_TEST_TAP_H
#define TRTC_TEST_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n = 0;
static int tap_failed = 0;

static inline void plan(int n) { printf("1..%d\n", n); }

static inline int ok(int cond, const char *what) {
  tap_n++;
  if (!cond) tap_failed++;
  printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, what);
  return cond;
}

static inline int is_int(long long got, long long want, const char *what) {
  int r = ok(got == want, what);
  if (!r) printf("#      got: %lld\n#     want: %lld\n", got, want);
  return r;
}

static inline int is_str(const char *got, const char *want, const char *what) {
  int r = ok((got == 0 && want == 0) || (got && want && strcmp(got, want) == 0), what);
  if (!r) printf("#      got: %s\n#     want: %s\n", got ? got : "NULL", want ? want : "NULL");
  return r;
}

static inline void diag(const char *msg) { printf("# %s\n", msg); }

/* The test program's exit status: 0 when every test passed. */
static inline int done(void) { return tap_failed ? 1 : 0; }

#endif /* TRTC_TEST_TAP_H */
