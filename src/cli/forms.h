/*
** src/cli/forms.h: how the trtc command reads the forms people save
** monitoring API responses in (forms.c): pure functions from bytes to
** responses, with no SQLite and no file I/O, so that they can be fuzzed
** (tests/fuzz/fuzz_forms.c) and unit-tested (tests/test_forms.c).
**
**   TrtcForms f;
**   if (trtcFormsSplit(aFile, nFile, &f) == TRTC_FORMS_OK) {
**     for (i = 0; i < f.nPart; i++) {
**       const char *zBody = f.z + f.aPart[i].iStart;     one response,
**       size_t nBody = f.aPart[i].n;                     UTF-8 JSON
**       TrtcFormSummary s;
**       trtcFormsSummarize(zBody, nBody, &s);            what it is
**     }
**   } else {
**     puts(f.zWhy);                                     why not
**   }
**   trtcFormsFree(&f);
**
** trtcFormsSplit accepts: UTF-8 with or without a byte-order mark; UTF-16
** (LE or BE, with a byte-order mark or recognisable without), converted to
** UTF-8; one response (wrapped {"Response": ...}, the inner object, or the
** bare list), tccli's output (the inner object, printed with indent 4);
** several responses in one file: a JSON array whose elements are
** responses, one per line, or JSON values one after another. It refuses,
** saying what to do: empty files, UTF-32, text that is not UTF-8, HTML
** pages, tccli's error messages and its text/table output, anything that
** is not JSON (with the line and column).
**
** trtcFormsSummarize reads one response: what it is (DescribeUserEvent,
** DescribeUnusualEvent, an API error, a response of another API, or no
** response at all), its RequestId, the Error's Code and Message, keys
** repeated where they matter, and a SHA3-256 of its content: the list
** (Data or AbnormalExperienceList) or the Error object, minified (white
** space outside strings removed), so that the same response saved in
** another form or layout, or fetched again (another RequestId), has the
** same content hash. Repeated keys follow docs/ingest.md: the first one
** counts, but for the list the first that is an array.
*/
#ifndef TRTC_CLI_FORMS_H
#define TRTC_CLI_FORMS_H

#include <stddef.h>

#include "sha3.h"

/* Return codes. */
#define TRTC_FORMS_OK 0
#define TRTC_FORMS_REFUSED 1 /* not loadable: zWhy says why and what to do */
#define TRTC_FORMS_NOMEM 2

/* The deepest nesting accepted (as the extension's JSON reader). */
#define TRTC_FORMS_MAX_DEPTH 2000

/* How the responses are laid out in a file. */
#define TRTC_LAYOUT_ONE 0    /* one response */
#define TRTC_LAYOUT_ARRAY 1  /* a JSON array whose elements are responses */
#define TRTC_LAYOUT_LINES 2  /* one JSON value per line (NDJSON) */
#define TRTC_LAYOUT_CONCAT 3 /* JSON values one after another */

typedef struct TrtcFormPart {
  size_t iStart, n; /* the response's bytes: z[iStart .. iStart+n) */
  int iLine;        /* the line it starts on, from 1 */
} TrtcFormPart;

typedef struct TrtcForms {
  const char *z;          /* the UTF-8 text the parts point into */
  size_t n;
  const char *zEncoding;  /* NULL for UTF-8 without a byte-order mark, else
                          ** what was converted or removed (static text) */
  int eLayout;            /* TRTC_LAYOUT_* */
  int nPart;              /* responses found */
  TrtcFormPart *aPart;
  char zWhy[320];         /* TRTC_FORMS_REFUSED: why, and what to do */
  /* private */
  char *zOwned;           /* the text converted from UTF-16 */
  int nAlloc;
} TrtcForms;

/* Find the responses in a file's bytes. On TRTC_FORMS_OK there is at least
** one part. Always call trtcFormsFree afterwards. */
int trtcFormsSplit(const void *pData, size_t n, TrtcForms *p);
void trtcFormsFree(TrtcForms *p);
const char *trtcFormsLayoutName(int eLayout); /* e.g. "a JSON array of responses" */

/* What a response is (TrtcFormSummary.eKind). */
#define TRTC_FORM_USER_EVENTS 1 /* DescribeUserEvent: Data (or a bare list) of EventList */
#define TRTC_FORM_UNUSUAL 2     /* DescribeUnusualEvent: AbnormalExperienceList or a bare list of them */
#define TRTC_FORM_API_ERROR 3   /* an Error object: an API error response */
#define TRTC_FORM_EMPTY_LIST 4  /* [] or a list whose elements tell nothing: the API is unknown */
#define TRTC_FORM_OTHER_API 5   /* a response of another API: zOtherApi */
#define TRTC_FORM_NOT_RESPONSE 6 /* JSON but no response: zWhy */

/* How it was saved (TrtcFormSummary.eShape). */
#define TRTC_SHAPE_WRAPPED 1 /* {"Response": {...}} */
#define TRTC_SHAPE_INNER 2   /* the inner object */
#define TRTC_SHAPE_LIST 3    /* the bare list */

/* A JSON value inside the body: z[iStart .. iStart+n); n == 0: absent. */
typedef struct TrtcFormSpan {
  size_t iStart, n;
} TrtcFormSpan;

typedef struct TrtcFormSummary {
  int eKind;               /* TRTC_FORM_* */
  int eShape;              /* TRTC_SHAPE_* */
  const char *zOtherApi;   /* TRTC_FORM_OTHER_API: e.g. "DescribeCallDetailInfo" */
  size_t nItems;           /* elements of the list */
  TrtcFormSpan requestId;  /* RequestId (a JSON string, with its quotes) */
  TrtcFormSpan errorCode;  /* Error.Code, Error.Message (any JSON value) */
  TrtcFormSpan errorMessage;
  int bErrorAndList;       /* an Error object beside a list */
  char zRepeated[80];      /* response keys given more than once, e.g. "Error" */
  unsigned char aContent[TRTC_SHA3_SIZE]; /* SHA3-256 of the minified list or Error */
  char zWhy[320];          /* NOT_RESPONSE, or TRTC_FORMS_REFUSED: why */
} TrtcFormSummary;

/* Read one response (n bytes of UTF-8 JSON). TRTC_FORMS_OK: *p tells what
** it is; TRTC_FORMS_REFUSED: not one JSON value (p->zWhy). */
int trtcFormsSummarize(const char *z, size_t n, TrtcFormSummary *p);

/* The text of a JSON value of the body (a string decoded: escapes, \u
** pairs; \u0000 and lone surrogates become U+FFFD; any other value as
** written). NUL-terminated, from malloc(); NULL when absent or out of
** memory. */
char *trtcFormsText(const char *z, TrtcFormSpan span);

/* The SHA3-256 of the JSON value z[0..n) with white space outside strings
** removed; TRTC_FORMS_REFUSED if it is not one JSON value. */
int trtcFormsContentHash(const char *z, size_t n, unsigned char *aDigest);

#endif /* TRTC_CLI_FORMS_H */
