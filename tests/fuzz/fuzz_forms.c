/*
** tests/fuzz/fuzz_forms.c: libFuzzer target for src/cli/forms.c, how the
** trtc command reads the files people save responses in (pure: no SQLite,
** no I/O). The input is a file's bytes: split into responses, each one
** summarized and its texts read; every part must lie inside the text and
** be one JSON value. Built and run by "make fuzz" (FUZZ_TARGETS in
** mk/fuzz.am); seeds in tests/fuzz/corpus/forms/, which tests/test_forms.c
** also replays in make check.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/forms.c"
#include "cli/sha3.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  TrtcForms f;
  int i;
  if (trtcFormsSplit(data, size, &f) == TRTC_FORMS_OK) {
    for (i = 0; i < f.nPart; i++) {
      TrtcFormSummary s;
      const char *z = f.z + f.aPart[i].iStart;
      if (f.aPart[i].n == 0 || f.aPart[i].iStart + f.aPart[i].n > f.n) abort();
      if (trtcFormsSummarize(z, f.aPart[i].n, &s) != TRTC_FORMS_OK) abort();
      free(trtcFormsText(z, s.requestId));
      free(trtcFormsText(z, s.errorCode));
      free(trtcFormsText(z, s.errorMessage));
    }
  }
  trtcFormsFree(&f);
  /* The summary on the raw bytes too (what "trtc fetch" gives the store). */
  {
    TrtcFormSummary s;
    if (trtcFormsSummarize((const char *)data, size, &s) == TRTC_FORMS_OK) {
      free(trtcFormsText((const char *)data, s.requestId));
    }
  }
  return 0;
}
