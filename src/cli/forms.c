/*
** src/cli/forms.c: from a file's bytes to the monitoring API responses in
** it, and what each one is (forms.h says what is accepted and refused).
** Pure: no SQLite, no file I/O, no globals; fuzzed by
** tests/fuzz/fuzz_forms.c, tested by tests/test_forms.c.
**
**   TrtcForms f;
**   rc = trtcFormsSplit(aFile, nFile, &f);     f.aPart[i]: one response each
**   TrtcFormSummary s;
**   rc = trtcFormsSummarize(zBody, nBody, &s); s.eKind, s.requestId, ...
**
** Everything rests on one strict JSON scanner (RFC 8259, UTF-8 checked,
** nesting up to TRTC_FORMS_MAX_DEPTH) that returns one token at a time:
** splitting looks at the top-level values and the members of a top-level
** array's elements; the summary looks at the response object, its list
** and the list's elements; the content hash re-reads the list (or the
** Error object) and hashes its tokens without the white space between
** them.
*/
#include "forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- The scanner ---------------------------------------------------------- */

enum { TK_EOF, TK_OBJ, TK_OBJ_END, TK_ARR, TK_ARR_END, TK_KEY, TK_STR, TK_NUM, TK_TRUE, TK_FALSE, TK_NULL, TK_ERR };
/* What may come next. */
enum { EX_TOP, EX_VALUE, EX_VALUE_OR_END, EX_KEY_OR_END, EX_KEY, EX_COMMA_OR_END };

typedef struct Scan {
  const unsigned char *z;
  size_t n, i;           /* the text and the position */
  size_t iTok, nTok;     /* the last token: a string with its quotes, a key without its colon */
  int depth;             /* containers open */
  int eExpect;
  size_t iErr;           /* TK_ERR: where, and what */
  const char *zErr;
  int bNotUtf8;          /* the error is a byte sequence that is not UTF-8 */
  unsigned char aStack[TRTC_FORMS_MAX_DEPTH]; /* 'o' or 'a' per open container */
} Scan;

static void scanInit(Scan *s, const char *z, size_t n) {
  s->z = (const unsigned char *)z;
  s->n = n;
  s->i = 0;
  s->iTok = s->nTok = 0;
  s->depth = 0;
  s->eExpect = EX_TOP;
  s->iErr = 0;
  s->zErr = 0;
  s->bNotUtf8 = 0;
}

static int isWs(unsigned char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
static int isDigit(unsigned char c) { return c >= '0' && c <= '9'; }
static int isHex(unsigned char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

static int scanError(Scan *s, size_t i, const char *zErr) {
  s->iErr = i;
  s->zErr = zErr;
  return TK_ERR;
}

/* The length of the UTF-8 sequence at z (n bytes left), 0 if malformed. */
static int utf8Len(const unsigned char *z, size_t n) {
  unsigned char c = z[0];
  int len, k;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F; /* no surrogates */
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if ((size_t)len > n) return 0;
  if (z[1] < lo || z[1] > hi) return 0;
  for (k = 2; k < len; k++) {
    if (z[k] < 0x80 || z[k] > 0xBF) return 0;
  }
  return len;
}

/* A string starting at z[i] == '"'; sets iTok/nTok and i past it. */
static int scanString(Scan *s, size_t i) {
  const unsigned char *z = s->z;
  size_t n = s->n, j = i + 1;
  for (;;) {
    unsigned char c;
    while (j < n && z[j] >= 0x20 && z[j] < 0x80 && z[j] != '"' && z[j] != '\\') j++;
    if (j >= n) return scanError(s, i, "a string is not closed (truncated?)");
    c = z[j];
    if (c == '"') break;
    if (c == '\\') {
      if (j + 1 >= n) return scanError(s, i, "a string is not closed (truncated?)");
      c = z[j + 1];
      if (c == 'u') {
        if (j + 5 >= n || !isHex(z[j + 2]) || !isHex(z[j + 3]) || !isHex(z[j + 4]) || !isHex(z[j + 5])) {
          return scanError(s, j, "\\u must be followed by four hexadecimal digits");
        }
        j += 6;
      } else if (strchr("\"\\/bfnrt", c) && c) {
        j += 2;
      } else {
        return scanError(s, j, "an invalid escape sequence in a string");
      }
    } else if (c < 0x20) {
      return scanError(s, j, "a control character inside a string (it must be escaped)");
    } else {
      int len = utf8Len(z + j, n - j);
      if (len == 0) {
        s->bNotUtf8 = 1;
        return scanError(s, j, "a byte sequence that is not UTF-8");
      }
      j += (size_t)len;
    }
  }
  s->iTok = i;
  s->nTok = j + 1 - i;
  s->i = j + 1;
  return TK_STR;
}

static int afterScalar(Scan *s, int tk) {
  s->eExpect = s->depth ? EX_COMMA_OR_END : EX_TOP;
  return tk;
}

static int scanValue(Scan *s, size_t i) {
  const unsigned char *z = s->z;
  size_t n = s->n, j;
  unsigned char c = z[i];
  s->iTok = i;
  s->nTok = 1;
  switch (c) {
    case '{':
    case '[':
      if (s->depth >= TRTC_FORMS_MAX_DEPTH) return scanError(s, i, "nested too deeply");
      s->aStack[s->depth++] = c == '{' ? 'o' : 'a';
      s->i = i + 1;
      s->eExpect = c == '{' ? EX_KEY_OR_END : EX_VALUE_OR_END;
      return c == '{' ? TK_OBJ : TK_ARR;
    case '"':
      if (scanString(s, i) == TK_ERR) return TK_ERR;
      return afterScalar(s, TK_STR);
    case 't':
    case 'f':
    case 'n': {
      const char *zLit = c == 't' ? "true" : c == 'f' ? "false" : "null";
      size_t nLit = strlen(zLit);
      if (n - i < nLit || memcmp(z + i, zLit, nLit) != 0) return scanError(s, i, "an unexpected word (not true, false or null)");
      s->nTok = nLit;
      s->i = i + nLit;
      return afterScalar(s, c == 't' ? TK_TRUE : c == 'f' ? TK_FALSE : TK_NULL);
    }
    default:
      break;
  }
  if (c != '-' && !isDigit(c)) return scanError(s, i, "an unexpected character where a value should be");
  j = i;
  if (z[j] == '-') j++;
  if (j < n && z[j] == '0') {
    j++;
  } else if (j < n && isDigit(z[j])) {
    while (j < n && isDigit(z[j])) j++;
  } else {
    return scanError(s, i, "an invalid number");
  }
  if (j < n && z[j] == '.') {
    j++;
    if (j >= n || !isDigit(z[j])) return scanError(s, i, "an invalid number");
    while (j < n && isDigit(z[j])) j++;
  }
  if (j < n && (z[j] == 'e' || z[j] == 'E')) {
    j++;
    if (j < n && (z[j] == '+' || z[j] == '-')) j++;
    if (j >= n || !isDigit(z[j])) return scanError(s, i, "an invalid number");
    while (j < n && isDigit(z[j])) j++;
  }
  s->nTok = j - i;
  s->i = j;
  return afterScalar(s, TK_NUM);
}

static int scanClose(Scan *s, size_t i) {
  unsigned char c = s->z[i];
  s->depth--;
  s->iTok = i;
  s->nTok = 1;
  s->i = i + 1;
  s->eExpect = s->depth ? EX_COMMA_OR_END : EX_TOP;
  return c == '}' ? TK_OBJ_END : TK_ARR_END;
}

/* The next token. At depth 0 between values: TK_EOF at the end of the text
** (any number of top-level values may follow one another). */
static int scanNext(Scan *s) {
  const unsigned char *z = s->z;
  size_t n = s->n;
  for (;;) {
    size_t i = s->i;
    unsigned char c, top;
    while (i < n && isWs(z[i])) i++;
    s->i = i;
    if (i >= n) {
      if (s->eExpect == EX_TOP) return TK_EOF;
      if (s->depth == 0) return scanError(s, i, "the text ends where a value should be");
      return scanError(s, i, s->aStack[s->depth - 1] == 'o' ? "the text ends inside an object (truncated?)"
                                                            : "the text ends inside an array (truncated?)");
    }
    c = z[i];
    top = s->depth ? s->aStack[s->depth - 1] : 0;
    switch (s->eExpect) {
      case EX_COMMA_OR_END:
        if (c == ',') {
          s->i = i + 1;
          s->eExpect = top == 'o' ? EX_KEY : EX_VALUE;
          continue;
        }
        if ((c == '}' && top == 'o') || (c == ']' && top == 'a')) return scanClose(s, i);
        return scanError(s, i, top == 'o' ? "expected ',' or '}' after an object member"
                                          : "expected ',' or ']' after an array element");
      case EX_KEY_OR_END:
        if (c == '}') return scanClose(s, i);
        /* fall through */
      case EX_KEY: {
        size_t j;
        if (c != '"') return scanError(s, i, "expected a member name in double quotes");
        if (scanString(s, i) == TK_ERR) return TK_ERR;
        j = s->i;
        while (j < n && isWs(z[j])) j++;
        if (j >= n) return scanError(s, j, "the text ends inside an object (truncated?)");
        if (z[j] != ':') return scanError(s, j, "expected ':' after a member name");
        s->i = j + 1;
        s->eExpect = EX_VALUE;
        return TK_KEY;
      }
      case EX_VALUE_OR_END:
        if (c == ']') return scanClose(s, i);
        /* fall through */
      default:
        return scanValue(s, i);
    }
  }
}

/* Skip the rest of the container just opened (depth d once closed). */
static int scanSkip(Scan *s, int d) {
  int tk;
  do {
    tk = scanNext(s);
    if (tk == TK_ERR || tk == TK_EOF) return TK_ERR;
  } while (s->depth > d);
  return tk;
}

/* ---- Messages ----------------------------------------------------------- */

/* Line and column (from 1, in bytes) of z[i]. */
static void lineCol(const unsigned char *z, size_t i, int *piLine, size_t *piCol) {
  size_t k, iLineStart = 0;
  int iLine = 1;
  for (k = 0; k < i; k++) {
    if (z[k] == '\n') {
      iLine++;
      iLineStart = k + 1;
    }
  }
  *piLine = iLine;
  *piCol = i - iLineStart + 1;
}

/* "not JSON: line L, column C: WHAT (found 'x')" and a hint for some
** characters. */
static void notJsonWhy(const Scan *s, char *zWhy, size_t nWhy) {
  int iLine;
  size_t iCol;
  char zFound[64] = "";
  const char *zHint = "";
  lineCol(s->z, s->iErr, &iLine, &iCol);
  if (s->bNotUtf8) {
    snprintf(zWhy, nWhy,
             "not UTF-8 text (byte 0x%02X at line %d, column %zu): convert it to UTF-8 first "
             "(e.g. iconv -f GBK -t UTF-8 FILE >NEW if it is GBK)",
             s->z[s->iErr], iLine, iCol);
    return;
  }
  if (s->iErr < s->n) {
    unsigned char c = s->z[s->iErr];
    if (c == '"') snprintf(zFound, sizeof(zFound), " (found '\"')");
    else if (c >= 0x20 && c < 0x7F) snprintf(zFound, sizeof(zFound), " (found \"%c\")", c);
    else snprintf(zFound, sizeof(zFound), " (found byte 0x%02X)", c);
    if (c == '\'') zHint = ": single quotes are not JSON (is it Python's repr? save json.dumps(...) instead)";
    else if (c == '/') zHint = ": comments are not JSON";
  }
  snprintf(zWhy, nWhy, "not JSON: line %d, column %zu: %s%s%s", iLine, iCol, s->zErr, zFound, zHint);
}

static int startsWithNoCase(const unsigned char *z, size_t n, const char *zPrefix) {
  size_t k, m = strlen(zPrefix);
  if (n < m) return 0;
  for (k = 0; k < m; k++) {
    unsigned char a = z[k], b = (unsigned char)zPrefix[k];
    if (a >= 'A' && a <= 'Z') a = (unsigned char)(a + 32);
    if (a != b) return 0;
  }
  return 1;
}

/* Where zNeedle starts a line within the first nLook bytes, or -1. */
static long findLineStart(const unsigned char *z, size_t n, const char *zNeedle, size_t nLook) {
  size_t k, m = strlen(zNeedle);
  if (n > nLook) n = nLook;
  for (k = 0; k + m <= n; k++) {
    if ((k == 0 || z[k - 1] == '\n') && memcmp(z + k, zNeedle, m) == 0) return (long)k;
  }
  return -1;
}

/* Text that is not JSON from its first character: say what it looks like. */
static int recogniseNotJson(const unsigned char *z, size_t n, size_t iFirst, char *zWhy, size_t nWhy) {
  long iExc = findLineStart(z, n, "[TencentCloudSDKException]", 65536);
  const unsigned char *zLine = z + iFirst;
  size_t nLine = 0;
  while (iFirst + nLine < n && zLine[nLine] != '\n') nLine++;
  if (iExc >= 0) {
    /* "[TencentCloudSDKException] code:X message:Y requestId:Z": show code and message. */
    char zMsg[160];
    size_t k = (size_t)iExc + 26, m = 0;
    while (k < n && z[k] == ' ') k++;
    while (k < n && z[k] != '\n' && z[k] != '\r' && m + 1 < sizeof(zMsg)) {
      zMsg[m++] = (z[k] >= 0x20 && z[k] != 0x7F) ? (char)z[k] : '?';
      k++;
    }
    zMsg[m] = 0;
    snprintf(zWhy, nWhy,
             "tccli's error message, not a response (%s): fix the request and save what tccli prints on success",
             zMsg);
    return 1;
  }
  if (zLine[0] == '<') {
    snprintf(zWhy, nWhy, "%s, not JSON: save the API's response (JSON), not a web page",
             (startsWithNoCase(zLine, n - iFirst, "<!doctype html") || startsWithNoCase(zLine, n - iFirst, "<html"))
                 ? "an HTML page"
                 : "HTML or XML");
    return 1;
  }
  if (startsWithNoCase(zLine, n - iFirst, "usage: tccli")) {
    snprintf(zWhy, nWhy, "tccli's usage message, not a response: save what tccli prints on success");
    return 1;
  }
  if ((zLine[0] == '-' && nLine > 1 && zLine[1] == '-') || zLine[0] == '|') {
    snprintf(zWhy, nWhy, "a table (tccli's --output table?), not JSON: save tccli's default output (--output json)");
    return 1;
  }
  if (memchr(zLine, '\t', nLine) && zLine[0] >= 'A' && zLine[0] <= 'Z') {
    snprintf(zWhy, nWhy, "tab-separated text (tccli's --output text?), not JSON: save tccli's default output (--output json)");
    return 1;
  }
  return 0;
}

/* ---- Encodings ------------------------------------------------------------ */

/* Convert UTF-16 (bBig: big-endian) to UTF-8 into a new buffer. */
static int fromUtf16(const unsigned char *a, size_t n, int bBig, char **pzOut, size_t *pnOut, char *zWhy, size_t nWhy) {
  size_t k, m = 0;
  char *z;
  if (n % 2) {
    snprintf(zWhy, nWhy, "UTF-16 text with an odd number of bytes (truncated?): convert it to UTF-8 first "
                         "(iconv -f UTF-16 -t UTF-8 FILE >NEW)");
    return TRTC_FORMS_REFUSED;
  }
  z = (char *)malloc(n / 2 * 3 + 1);
  if (z == 0) return TRTC_FORMS_NOMEM;
  for (k = 0; k < n; k += 2) {
    unsigned long c = bBig ? ((unsigned long)a[k] << 8 | a[k + 1]) : ((unsigned long)a[k + 1] << 8 | a[k]);
    if (c >= 0xD800 && c <= 0xDBFF) {
      unsigned long c2;
      if (k + 3 >= n) goto bad;
      c2 = bBig ? ((unsigned long)a[k + 2] << 8 | a[k + 3]) : ((unsigned long)a[k + 3] << 8 | a[k + 2]);
      if (c2 < 0xDC00 || c2 > 0xDFFF) goto bad;
      c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
      k += 2;
    } else if (c >= 0xDC00 && c <= 0xDFFF) {
      goto bad;
    }
    if (c < 0x80) {
      z[m++] = (char)c;
    } else if (c < 0x800) {
      z[m++] = (char)(0xC0 | (c >> 6));
      z[m++] = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      z[m++] = (char)(0xE0 | (c >> 12));
      z[m++] = (char)(0x80 | ((c >> 6) & 0x3F));
      z[m++] = (char)(0x80 | (c & 0x3F));
    } else {
      z[m++] = (char)(0xF0 | (c >> 18));
      z[m++] = (char)(0x80 | ((c >> 12) & 0x3F));
      z[m++] = (char)(0x80 | ((c >> 6) & 0x3F));
      z[m++] = (char)(0x80 | (c & 0x3F));
    }
    continue;
  bad:
    free(z);
    snprintf(zWhy, nWhy, "malformed UTF-16 (a lone surrogate at byte %zu): convert it to UTF-8 first "
                         "(iconv -f UTF-16 -t UTF-8 FILE >NEW)", k);
    return TRTC_FORMS_REFUSED;
  }
  z[m] = 0;
  *pzOut = z;
  *pnOut = m;
  return TRTC_FORMS_OK;
}

/* Set p->z, p->n, p->zEncoding from the raw bytes. */
static int decodeText(const unsigned char *a, size_t n, TrtcForms *p) {
  int bBig = -1, rc;
  size_t nSkip = 0;
  if (n >= 4 && ((a[0] == 0 && a[1] == 0 && a[2] == 0xFE && a[3] == 0xFF) ||
                 (a[0] == 0xFF && a[1] == 0xFE && a[2] == 0 && a[3] == 0))) {
    snprintf(p->zWhy, sizeof(p->zWhy), "UTF-32 text: convert it to UTF-8 first (iconv -f UTF-32 -t UTF-8 FILE >NEW)");
    return TRTC_FORMS_REFUSED;
  }
  if (n >= 3 && a[0] == 0xEF && a[1] == 0xBB && a[2] == 0xBF) {
    p->z = (const char *)a + 3;
    p->n = n - 3;
    p->zEncoding = "UTF-8 with a byte-order mark (removed)";
    return TRTC_FORMS_OK;
  }
  if (n >= 2 && a[0] == 0xFF && a[1] == 0xFE) {
    bBig = 0;
    nSkip = 2;
    p->zEncoding = "UTF-16LE (converted to UTF-8)";
  } else if (n >= 2 && a[0] == 0xFE && a[1] == 0xFF) {
    bBig = 1;
    nSkip = 2;
    p->zEncoding = "UTF-16BE (converted to UTF-8)";
  } else if (n >= 4 && a[0] != 0 && a[1] == 0 && a[2] != 0 && a[3] == 0) {
    bBig = 0;
    p->zEncoding = "UTF-16LE without a byte-order mark (converted to UTF-8)";
  } else if (n >= 4 && a[0] == 0 && a[1] != 0 && a[2] == 0 && a[3] != 0) {
    bBig = 1;
    p->zEncoding = "UTF-16BE without a byte-order mark (converted to UTF-8)";
  }
  if (bBig < 0) {
    p->z = (const char *)a;
    p->n = n;
    return TRTC_FORMS_OK;
  }
  rc = fromUtf16(a + nSkip, n - nSkip, bBig, &p->zOwned, &p->n, p->zWhy, sizeof(p->zWhy));
  if (rc != TRTC_FORMS_OK) return rc;
  p->z = p->zOwned;
  /* A byte-order mark written inside the UTF-16 text as well. */
  if (p->n >= 3 && memcmp(p->z, "\xEF\xBB\xBF", 3) == 0) {
    p->z += 3;
    p->n -= 3;
  }
  return TRTC_FORMS_OK;
}

/* ---- Keys the readers look for --------------------------------------------- */

enum {
  K_OTHER,
  /* in a response object */
  K_RESPONSE, K_DATA, K_AEL, K_ERROR, K_REQUESTID, K_ROOMLIST, K_USERLIST, K_SCALELIST,
  /* in an Error object */
  K_CODE, K_MESSAGE,
  /* in list elements */
  K_PEERID, K_CONTENT, K_DATATYPE, K_USERID, K_ROOMID, K_EVENTTIME, K_EXPERIENCEID, K_AEVLIST
};

static const struct KeyName {
  const char *zName;
  unsigned char nName;
  unsigned char eKey;
} aKeyName[] = {
    {"Response", 8, K_RESPONSE},     {"Data", 4, K_DATA},         {"AbnormalExperienceList", 22, K_AEL},
    {"Error", 5, K_ERROR},           {"RequestId", 9, K_REQUESTID}, {"RoomList", 8, K_ROOMLIST},
    {"UserList", 8, K_USERLIST},     {"ScaleList", 9, K_SCALELIST}, {"Code", 4, K_CODE},
    {"Message", 7, K_MESSAGE},       {"PeerId", 6, K_PEERID},     {"Content", 7, K_CONTENT},
    {"DataType", 8, K_DATATYPE},     {"UserId", 6, K_USERID},     {"RoomId", 6, K_ROOMID},
    {"EventTime", 9, K_EVENTTIME},   {"ExperienceId", 12, K_EXPERIENCEID}, {"AbnormalEventList", 17, K_AEVLIST},
};

static char *decodeString(const unsigned char *z, size_t n, char *zOut);

/* The key of a member name token (with its quotes); a key written with
** escapes is the key it stands for ("Peer\u0049d" is PeerId). */
static int keyOf(const unsigned char *z, size_t nTok) {
  size_t k;
  char zBuf[80];
  if (nTok < 3) return K_OTHER;
  if (memchr(z, '\\', nTok)) {
    size_t m;
    if (nTok > sizeof(zBuf)) return K_OTHER;
    m = (size_t)(decodeString(z, nTok, zBuf) - zBuf);
    zBuf[m] = '"';
    memmove(zBuf + 1, zBuf, m + 1);
    zBuf[0] = '"';
    z = (const unsigned char *)zBuf;
    nTok = m + 2;
  }
  for (k = 0; k < sizeof(aKeyName) / sizeof(aKeyName[0]); k++) {
    if (aKeyName[k].nName == nTok - 2 && memcmp(z + 1, aKeyName[k].zName, nTok - 2) == 0) return aKeyName[k].eKey;
  }
  return K_OTHER;
}

/* What the elements of a list look like (flags). */
#define F_EVENTLIST 0x01  /* PeerId, Content */
#define F_EXPERIENCE 0x02 /* UserId, RoomId, EventTime, ExperienceId, AbnormalEventList */
#define F_QUALITY 0x04    /* DataType (DescribeCallDetailInfo) */
#define F_RESPONSE 0x08   /* a response itself */
#define F_OTHER 0x10      /* not an object, or an object with none of these */

static unsigned flagOfKey(int eKey) {
  switch (eKey) {
    case K_PEERID:
    case K_CONTENT: return F_EVENTLIST;
    case K_USERID:
    case K_ROOMID:
    case K_EVENTTIME:
    case K_EXPERIENCEID:
    case K_AEVLIST: return F_EXPERIENCE;
    case K_DATATYPE: return F_QUALITY;
    case K_RESPONSE:
    case K_DATA:
    case K_AEL:
    case K_ERROR:
    case K_REQUESTID: return F_RESPONSE;
    default: return 0;
  }
}

/* ---- Splitting a file --------------------------------------------------------- */

static int addPart(TrtcForms *p, size_t iStart, size_t n) {
  if (p->nPart >= p->nAlloc) {
    int nNew = p->nAlloc ? p->nAlloc * 2 : 4;
    TrtcFormPart *a = (TrtcFormPart *)realloc(p->aPart, (size_t)nNew * sizeof(TrtcFormPart));
    if (a == 0) return TRTC_FORMS_NOMEM;
    p->aPart = a;
    p->nAlloc = nNew;
  }
  p->aPart[p->nPart].iStart = iStart;
  p->aPart[p->nPart].n = n;
  p->aPart[p->nPart].iLine = 0;
  p->nPart++;
  return TRTC_FORMS_OK;
}

static const char *valueName(int tk) {
  switch (tk) {
    case TK_STR: return "a JSON string";
    case TK_NUM: return "a JSON number";
    case TK_TRUE:
    case TK_FALSE: return "a JSON boolean";
    default: return "JSON null";
  }
}

/* A top-level array just opened: its elements are responses (each one a
** part) or it is one response (a bare list). */
static int splitArray(Scan *s, TrtcForms *p, size_t iArray, int *pbResponses) {
  int nElem = 0, bResponses = 0, tk;
  size_t iElem = 0;
  unsigned flags = 0;
  for (;;) {
    int bEnded = 0, bResp = 0;
    tk = scanNext(s);
    if (tk == TK_ERR) return TRTC_FORMS_REFUSED;
    if (s->depth == 0) break; /* the array's end */
    if (s->depth == 2 && tk == TK_KEY) {
      flags |= flagOfKey(keyOf(s->z + s->iTok, s->nTok));
    } else if (s->depth == 2 && tk == TK_OBJ) { /* an element object opens */
      iElem = s->iTok;
      flags = 0;
    } else if (s->depth == 2 && tk == TK_ARR) { /* an element array: not a response */
      if (scanSkip(s, 1) == TK_ERR) return TRTC_FORMS_REFUSED;
      bEnded = 1;
    } else if (s->depth == 1) { /* an element object closed, or a scalar element */
      bEnded = 1;
      bResp = tk == TK_OBJ_END && (flags & F_RESPONSE);
    } else if (s->depth > 2 && (tk == TK_OBJ || tk == TK_ARR)) {
      if (scanSkip(s, 2) == TK_ERR) return TRTC_FORMS_REFUSED;
    }
    if (!bEnded) continue;
    nElem++;
    if (nElem == 1) bResponses = bResp;
    if (bResp != bResponses) {
      snprintf(p->zWhy, sizeof(p->zWhy),
               "element %d of a JSON array is %sa response but element 1 is %s: a file holds one response, "
               "several responses, or one bare list (of EventList or AbnormalExperience objects)",
               nElem, bResp ? "" : "not ", bResp ? "not" : "one");
      return TRTC_FORMS_REFUSED;
    }
    if (bResp) {
      int rc = addPart(p, iElem, s->iTok + 1 - iElem);
      if (rc) return rc;
    }
  }
  if (!bResponses) return addPart(p, iArray, s->iTok + 1 - iArray);
  *pbResponses = 1;
  return TRTC_FORMS_OK;
}

/* The scanner failed in value nValue (from 1): say why, recognising the
** usual non-JSON files when it is the first. */
static void whyNotJson(const Scan *s, TrtcForms *p, int nValue, size_t iFirst) {
  if (nValue > 1 || s->bNotUtf8 || !recogniseNotJson(s->z, s->n, iFirst, p->zWhy, sizeof(p->zWhy))) {
    notJsonWhy(s, p->zWhy, sizeof(p->zWhy));
  }
}

int trtcFormsSplit(const void *pData, size_t n, TrtcForms *p) {
  const unsigned char *z;
  Scan *s;
  int rc, tk, nValue = 0, bArrayOfResponses = 0, bLines = 1;
  size_t iPrevEnd = 0, iFirst;
  memset(p, 0, sizeof(*p));
  if (n == 0) {
    snprintf(p->zWhy, sizeof(p->zWhy), "an empty file (0 bytes)");
    return TRTC_FORMS_REFUSED;
  }
  rc = decodeText((const unsigned char *)pData, n, p);
  if (rc) return rc;
  z = (const unsigned char *)p->z;
  for (iFirst = 0; iFirst < p->n && isWs(z[iFirst]); iFirst++) {
  }
  if (iFirst == p->n) {
    snprintf(p->zWhy, sizeof(p->zWhy), "only white space, no JSON");
    return TRTC_FORMS_REFUSED;
  }
  s = (Scan *)malloc(sizeof(Scan));
  if (s == 0) return TRTC_FORMS_NOMEM;
  scanInit(s, p->z, p->n);
  for (;;) {
    size_t iValue;
    tk = scanNext(s);
    if (tk == TK_EOF) break;
    if (tk == TK_ERR) {
      whyNotJson(s, p, nValue + 1, iFirst);
      rc = TRTC_FORMS_REFUSED;
      goto done;
    }
    nValue++;
    iValue = s->iTok;
    if (nValue > 1 && !memchr(z + iPrevEnd, '\n', iValue - iPrevEnd)) bLines = 0;
    if (tk == TK_OBJ) {
      if (scanSkip(s, 0) == TK_ERR) {
        whyNotJson(s, p, nValue, iFirst);
        rc = TRTC_FORMS_REFUSED;
        goto done;
      }
      rc = addPart(p, iValue, s->i - iValue);
    } else if (tk == TK_ARR) {
      int bResp = 0;
      rc = splitArray(s, p, iValue, &bResp);
      if (rc == TRTC_FORMS_REFUSED && s->zErr) whyNotJson(s, p, nValue, iFirst);
      if (bResp) bArrayOfResponses = 1;
    } else {
      int iLine;
      size_t iCol;
      lineCol(z, iValue, &iLine, &iCol);
      snprintf(p->zWhy, sizeof(p->zWhy), "%s at line %d, not a response (a JSON object or array)", valueName(tk), iLine);
      rc = TRTC_FORMS_REFUSED;
    }
    if (rc) goto done;
    iPrevEnd = s->i;
  }
  if (nValue == 1 && !bArrayOfResponses) {
    /* One response: the whole text (white space around it included), so
    ** that the stored body is the file's bytes. */
    p->aPart[0].iStart = 0;
    p->aPart[0].n = p->n;
    p->eLayout = TRTC_LAYOUT_ONE;
  } else if (nValue == 1) {
    p->eLayout = TRTC_LAYOUT_ARRAY;
  } else {
    p->eLayout = bLines ? TRTC_LAYOUT_LINES : TRTC_LAYOUT_CONCAT;
  }
  {
    /* The line each part starts on. */
    int i, iLine = 1;
    size_t k = 0;
    for (i = 0; i < p->nPart; i++) {
      for (; k < p->aPart[i].iStart; k++) {
        if (z[k] == '\n') iLine++;
      }
      p->aPart[i].iLine = iLine;
    }
  }
  rc = TRTC_FORMS_OK;
done:
  free(s);
  if (rc != TRTC_FORMS_OK) {
    free(p->aPart);
    p->aPart = 0;
    p->nPart = 0;
  }
  return rc;
}

void trtcFormsFree(TrtcForms *p) {
  free(p->aPart);
  free(p->zOwned);
  p->aPart = 0;
  p->zOwned = 0;
  p->nPart = 0;
}

const char *trtcFormsLayoutName(int eLayout) {
  switch (eLayout) {
    case TRTC_LAYOUT_ARRAY: return "a JSON array of responses";
    case TRTC_LAYOUT_LINES: return "one response per line";
    case TRTC_LAYOUT_CONCAT: return "responses one after another";
    default: return "one response";
  }
}

/* ---- Content hash ------------------------------------------------------------ */

int trtcFormsContentHash(const char *z, size_t n, unsigned char *aDigest) {
  Scan *s = (Scan *)malloc(sizeof(Scan));
  TrtcSha3 h;
  unsigned char aBuf[4096];
  size_t nBuf = 0;
  int tk, rc = TRTC_FORMS_OK, bFirst = 1;
  /* aNeedComma[d]: the container at depth d has had a member or element. */
  unsigned char *aNeedComma;
  if (s == 0) return TRTC_FORMS_NOMEM;
  aNeedComma = (unsigned char *)calloc(TRTC_FORMS_MAX_DEPTH + 1, 1);
  if (aNeedComma == 0) {
    free(s);
    return TRTC_FORMS_NOMEM;
  }
  scanInit(s, z, n);
  trtcSha3Init(&h);
  for (;;) {
    int d;
    tk = scanNext(s);
    if (tk == TK_ERR || (tk == TK_EOF && bFirst)) {
      rc = TRTC_FORMS_REFUSED;
      break;
    }
    if (tk == TK_EOF) break;
    d = s->depth;
    if (tk == TK_OBJ || tk == TK_ARR) d--; /* the container's own level */
    if (d == 0 && !bFirst && (tk != TK_OBJ_END && tk != TK_ARR_END)) {
      rc = TRTC_FORMS_REFUSED; /* a second top-level value */
      break;
    }
    bFirst = 0;
    if (tk == TK_OBJ_END || tk == TK_ARR_END) {
      aNeedComma[s->depth + 1] = 0;
    } else if (d > 0 && s->aStack[d - 1] == 'o' && tk != TK_KEY) {
      /* a member's value: the comma came before its key */
    } else if (d > 0) {
      if (aNeedComma[d]) {
        if (nBuf == sizeof(aBuf)) {
          trtcSha3Update(&h, aBuf, nBuf);
          nBuf = 0;
        }
        aBuf[nBuf++] = ',';
      }
      aNeedComma[d] = 1;
    }
    if (nBuf + s->nTok + 1 > sizeof(aBuf)) {
      trtcSha3Update(&h, aBuf, nBuf);
      nBuf = 0;
    }
    if (s->nTok + 1 > sizeof(aBuf)) {
      trtcSha3Update(&h, s->z + s->iTok, s->nTok);
    } else {
      memcpy(aBuf + nBuf, s->z + s->iTok, s->nTok);
      nBuf += s->nTok;
    }
    if (tk == TK_KEY) aBuf[nBuf++] = ':';
  }
  if (rc == TRTC_FORMS_OK) {
    trtcSha3Update(&h, aBuf, nBuf);
    trtcSha3Final(&h, aDigest);
  }
  free(aNeedComma);
  free(s);
  return rc;
}

/* ---- The summary of one response ------------------------------------------- */

/* What a container is to the summary. */
enum { RO_OTHER, RO_OBJ, RO_LIST, RO_ELEM, RO_ERROR };

/* The lists a response may hold: Data or AbnormalExperienceList of the
** root object (slots 0, 1) or of its Response object (2, 3), or the root
** array (4). As trtc_user_events / trtc_unusual_events read them (docs/
** ingest.md): in each object the first member with a key counts, whatever
** its value; of the root's and Response's lists, the first array in text
** order. */
#define N_SLOTS 5
typedef struct Slot {
  int bList;          /* the key's first member is an array */
  TrtcFormSpan list;
  size_t nItems;
  unsigned elemFlags; /* F_* of its elements */
} Slot;

/* The root object (0) and its Response object (1). */
typedef struct Level {
  int bPresent;
  int nData, nAel, nError, nRequestId, nResponse; /* members with these keys */
  TrtcFormSpan error, errorCode, errorMessage, requestId;
  int bDataObject, bRoomList, bUserList, bScaleList, bResponseNotObject;
} Level;

/* The first (in text order) of two spans that are set. */
static const TrtcFormSpan *firstSpan(const TrtcFormSpan *a, const TrtcFormSpan *b) {
  if (a->n == 0) return b->n ? b : 0;
  if (b->n == 0) return a;
  return a->iStart <= b->iStart ? a : b;
}

static void addRepeated(char *z, size_t n, int nSeen, const char *zName) {
  size_t m = strlen(z);
  if (nSeen > 1 && !strstr(z, zName)) snprintf(z + m, n - m, "%s%s", m ? ", " : "", zName);
}

int trtcFormsSummarize(const char *zBody, size_t n, TrtcFormSummary *p) {
  Scan *s = (Scan *)malloc(sizeof(Scan));
  /* For each open container: its role (RO_*) and level or slot. */
  unsigned char *aRole, *aWhere;
  Level aLv[2];
  Slot aSlot[N_SLOTS];
  int tk, eKey = K_OTHER, nTop = 0, rc = TRTC_FORMS_OK, k;
  const TrtcFormSpan *pData, *pAel, *pError, *pList = 0;
  int iListSlot = -1;
  memset(p, 0, sizeof(*p));
  memset(aLv, 0, sizeof(aLv));
  memset(aSlot, 0, sizeof(aSlot));
  if (s == 0) return TRTC_FORMS_NOMEM;
  aRole = (unsigned char *)malloc(2 * (TRTC_FORMS_MAX_DEPTH + 1));
  if (aRole == 0) {
    free(s);
    return TRTC_FORMS_NOMEM;
  }
  aWhere = aRole + TRTC_FORMS_MAX_DEPTH + 1;
  scanInit(s, zBody, n);
  for (;;) {
    int d, role, w;
    tk = scanNext(s);
    if (tk == TK_ERR) {
      notJsonWhy(s, p->zWhy, sizeof(p->zWhy));
      rc = TRTC_FORMS_REFUSED;
      goto done;
    }
    if (tk == TK_EOF) break;
    if (tk == TK_OBJ_END || tk == TK_ARR_END) {
      /* The container at index s->depth closed. */
      d = s->depth;
      w = aWhere[d];
      if (aRole[d] == RO_LIST) aSlot[w].list.n = s->iTok + 1 - aSlot[w].list.iStart;
      if (aRole[d] == RO_ERROR) aLv[w].error.n = s->iTok + 1 - aLv[w].error.iStart;
      continue;
    }
    if (tk == TK_KEY) {
      d = s->depth - 1; /* the object's index */
      eKey = keyOf(s->z + s->iTok, s->nTok);
      if (aRole[d] == RO_ELEM) aSlot[aWhere[d]].elemFlags |= flagOfKey(eKey);
      continue;
    }
    /* A value: a scalar, or a container just opened. d: its index. */
    d = (tk == TK_OBJ || tk == TK_ARR) ? s->depth - 1 : s->depth;
    if (d == 0) {
      if (++nTop > 1) {
        int iLine;
        size_t iCol;
        lineCol(s->z, s->iTok, &iLine, &iCol);
        snprintf(p->zWhy, sizeof(p->zWhy), "more than one JSON value (another begins at line %d, column %zu)", iLine,
                 iCol);
        rc = TRTC_FORMS_REFUSED;
        goto done;
      }
      if (tk == TK_OBJ) {
        aRole[0] = RO_OBJ;
        aWhere[0] = 0;
        aLv[0].bPresent = 1;
      } else if (tk == TK_ARR) {
        aRole[0] = RO_LIST;
        aWhere[0] = 4;
        aSlot[4].bList = 1;
        aSlot[4].list.iStart = s->iTok;
      } else {
        snprintf(p->zWhy, sizeof(p->zWhy), "%s, not a response (a JSON object or array)", valueName(tk));
        p->eKind = TRTC_FORM_NOT_RESPONSE;
      }
      continue;
    }
    role = aRole[d - 1];
    w = aWhere[d - 1];
    if (tk == TK_OBJ || tk == TK_ARR) {
      aRole[d] = RO_OTHER;
      aWhere[d] = 0;
    }
    if (role == RO_OBJ) {
      Level *lv = &aLv[w];
      switch (eKey) {
        case K_RESPONSE:
          if (w != 0) break;
          if (++lv->nResponse == 1) {
            if (tk == TK_OBJ) {
              aRole[d] = RO_OBJ;
              aWhere[d] = 1;
              aLv[1].bPresent = 1;
            } else {
              lv->bResponseNotObject = 1;
            }
          }
          break;
        case K_DATA:
        case K_AEL: {
          int nSeen = eKey == K_DATA ? ++lv->nData : ++lv->nAel;
          int iSlot = 2 * w + (eKey == K_AEL);
          if (nSeen == 1 && tk == TK_ARR) {
            aRole[d] = RO_LIST;
            aWhere[d] = (unsigned char)iSlot;
            aSlot[iSlot].bList = 1;
            aSlot[iSlot].list.iStart = s->iTok;
          } else if (nSeen == 1 && tk == TK_OBJ && eKey == K_DATA) {
            lv->bDataObject = 1;
          }
          break;
        }
        case K_ERROR:
          if (++lv->nError == 1 && tk == TK_OBJ) {
            aRole[d] = RO_ERROR;
            aWhere[d] = (unsigned char)w;
            lv->error.iStart = s->iTok;
          }
          break;
        case K_REQUESTID:
          if (++lv->nRequestId == 1 && tk == TK_STR) {
            lv->requestId.iStart = s->iTok;
            lv->requestId.n = s->nTok;
          }
          break;
        case K_ROOMLIST: lv->bRoomList = 1; break;
        case K_USERLIST: lv->bUserList = 1; break;
        case K_SCALELIST: lv->bScaleList = 1; break;
        default: break;
      }
    } else if (role == RO_ERROR) {
      Level *lv = &aLv[w];
      TrtcFormSpan *pSpan = eKey == K_CODE ? &lv->errorCode : eKey == K_MESSAGE ? &lv->errorMessage : 0;
      /* The first Code and Message count; only text and numbers are read. */
      if (pSpan && pSpan->iStart == 0) {
        pSpan->iStart = s->iTok;
        pSpan->n = (tk == TK_STR || tk == TK_NUM) ? s->nTok : 0;
        if (pSpan->n == 0) pSpan->iStart = 1; /* seen: not text */
      }
    } else if (role == RO_LIST) {
      aSlot[w].nItems++;
      if (tk == TK_OBJ) {
        aRole[d] = RO_ELEM;
        aWhere[d] = (unsigned char)w;
      } else {
        aSlot[w].elemFlags |= F_OTHER;
      }
    }
    eKey = K_OTHER;
  }
  if (nTop == 0) {
    snprintf(p->zWhy, sizeof(p->zWhy), "no JSON value");
    rc = TRTC_FORMS_REFUSED;
    goto done;
  }
  if (p->eKind == TRTC_FORM_NOT_RESPONSE) goto done;

  /* Keys given more than once, where they matter. */
  addRepeated(p->zRepeated, sizeof(p->zRepeated), aLv[0].nResponse, "Response");
  for (k = 1; k >= 0; k--) {
    addRepeated(p->zRepeated, sizeof(p->zRepeated), aLv[k].nData, "Data");
    addRepeated(p->zRepeated, sizeof(p->zRepeated), aLv[k].nAel, "AbnormalExperienceList");
    addRepeated(p->zRepeated, sizeof(p->zRepeated), aLv[k].nError, "Error");
    addRepeated(p->zRepeated, sizeof(p->zRepeated), aLv[k].nRequestId, "RequestId");
  }
  p->requestId = aLv[1].requestId.n ? aLv[1].requestId : aLv[0].requestId;
  p->eShape = aSlot[4].bList ? TRTC_SHAPE_LIST : aLv[1].bPresent ? TRTC_SHAPE_WRAPPED : TRTC_SHAPE_INNER;

  /* The lists and the Error: the first in text order of the root's and
  ** the Response's. */
  pData = firstSpan(&aSlot[0].list, &aSlot[2].list);
  pAel = firstSpan(&aSlot[1].list, &aSlot[3].list);
  pError = firstSpan(&aLv[0].error, &aLv[1].error);
  if (aSlot[4].bList) {
    pList = &aSlot[4].list;
    iListSlot = 4;
  } else if (pData && pAel) {
    p->eKind = TRTC_FORM_NOT_RESPONSE;
    snprintf(p->zWhy, sizeof(p->zWhy), "it has both Data and AbnormalExperienceList: which API answered?");
    goto done;
  } else if (pData || pAel) {
    pList = pData ? pData : pAel;
    iListSlot = pList == &aSlot[0].list ? 0 : pList == &aSlot[1].list ? 1 : pList == &aSlot[2].list ? 2 : 3;
  }
  if (pError) {
    int iLv = pError == &aLv[1].error;
    p->eKind = TRTC_FORM_API_ERROR;
    p->eShape = iLv ? TRTC_SHAPE_WRAPPED : TRTC_SHAPE_INNER;
    p->bErrorAndList = pList != 0;
    p->errorCode = aLv[iLv].errorCode.n ? aLv[iLv].errorCode : (TrtcFormSpan){0, 0};
    p->errorMessage = aLv[iLv].errorMessage.n ? aLv[iLv].errorMessage : (TrtcFormSpan){0, 0};
    rc = trtcFormsContentHash(zBody + pError->iStart, pError->n, p->aContent);
    goto done;
  }
  if (pList) {
    const Slot *sl = &aSlot[iListSlot];
    unsigned f = sl->elemFlags;
    p->nItems = sl->nItems;
    if (iListSlot != 4) p->eShape = iListSlot >= 2 ? TRTC_SHAPE_WRAPPED : TRTC_SHAPE_INNER;
    if (iListSlot == 1 || iListSlot == 3) {
      p->eKind = TRTC_FORM_UNUSUAL;
    } else if (iListSlot == 0 || iListSlot == 2) {
      if ((f & F_QUALITY) || aLv[iListSlot / 2].bUserList) {
        p->eKind = TRTC_FORM_OTHER_API;
        p->zOtherApi = "DescribeCallDetailInfo";
      } else {
        p->eKind = TRTC_FORM_USER_EVENTS;
      }
    } else if (sl->nItems == 0) {
      p->eKind = TRTC_FORM_EMPTY_LIST;
    } else if (f & F_RESPONSE) {
      p->eKind = TRTC_FORM_NOT_RESPONSE;
      snprintf(p->zWhy, sizeof(p->zWhy), "a JSON array of %zu responses, not one response", sl->nItems);
    } else if (f & F_QUALITY) {
      p->eKind = TRTC_FORM_OTHER_API;
      p->zOtherApi = "DescribeCallDetailInfo";
    } else if ((f & F_EXPERIENCE) && !(f & F_EVENTLIST)) {
      p->eKind = TRTC_FORM_UNUSUAL;
    } else if ((f & F_EVENTLIST) && !(f & F_EXPERIENCE)) {
      p->eKind = TRTC_FORM_USER_EVENTS;
    } else if (f & F_EVENTLIST) {
      p->eKind = TRTC_FORM_NOT_RESPONSE;
      snprintf(p->zWhy, sizeof(p->zWhy), "a JSON array mixing EventList and AbnormalExperience objects");
    } else {
      p->eKind = TRTC_FORM_NOT_RESPONSE;
      snprintf(p->zWhy, sizeof(p->zWhy),
               "a JSON array whose elements are neither EventList objects (PeerId, Content) nor AbnormalExperience "
               "objects (UserId, EventTime, ExperienceId, AbnormalEventList)");
    }
    if (p->eKind != TRTC_FORM_NOT_RESPONSE) rc = trtcFormsContentHash(zBody + pList->iStart, pList->n, p->aContent);
    goto done;
  }
  {
    const Level *lv = aLv[1].bPresent ? &aLv[1] : &aLv[0];
    p->eKind = TRTC_FORM_OTHER_API;
    if (lv->bDataObject) p->zOtherApi = "another monitoring API (its Data is an object, not a list of EventList)";
    else if (lv->bRoomList) p->zOtherApi = "DescribeRoomInfo";
    else if (lv->bUserList) p->zOtherApi = "DescribeUserInfo";
    else if (lv->bScaleList) p->zOtherApi = "DescribeScaleInfo";
    else {
      p->eKind = TRTC_FORM_NOT_RESPONSE;
      if (aLv[0].bResponseNotObject) {
        snprintf(p->zWhy, sizeof(p->zWhy), "its \"Response\" is not an object");
      } else if (lv->nData || lv->nAel) {
        snprintf(p->zWhy, sizeof(p->zWhy), "its %s is not a list (the first %s counts)",
                 lv->nData ? "Data" : "AbnormalExperienceList", lv->nData ? "Data" : "AbnormalExperienceList");
      } else {
        snprintf(p->zWhy, sizeof(p->zWhy), "no Data, AbnormalExperienceList or Error in it");
      }
    }
  }
done:
  free(aRole);
  free(s);
  return rc;
}

/* ---- Text of a value ------------------------------------------------------------ */

static int hexVal(unsigned char c) {
  if (c <= '9') return c - '0';
  if (c <= 'F') return c - 'A' + 10;
  return c - 'a' + 10;
}

static size_t putUtf8(char *z, unsigned long c) {
  if (c < 0x80) {
    z[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    z[0] = (char)(0xC0 | (c >> 6));
    z[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    z[0] = (char)(0xE0 | (c >> 12));
    z[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    z[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  z[0] = (char)(0xF0 | (c >> 18));
  z[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  z[2] = (char)(0x80 | ((c >> 6) & 0x3F));
  z[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* Decode the string token z[0..n) (with its quotes, checked by the
** scanner: every \u escape is complete) into zOut, which holds n bytes;
** a decoded character never takes more bytes than its escape. Returns the
** end of the output. */
static char *decodeString(const unsigned char *z, size_t n, char *zOut) {
  size_t i, m = 0;
  for (i = 1; i + 1 < n; i++) {
    unsigned long c;
    if (z[i] != '\\') {
      zOut[m++] = (char)z[i];
      continue;
    }
    i++;
    switch (z[i]) {
      case 'b': zOut[m++] = '\b'; continue;
      case 'f': zOut[m++] = '\f'; continue;
      case 'n': zOut[m++] = '\n'; continue;
      case 'r': zOut[m++] = '\r'; continue;
      case 't': zOut[m++] = '\t'; continue;
      case 'u': break;
      default: zOut[m++] = (char)z[i]; continue;
    }
    c = (unsigned long)(hexVal(z[i + 1]) << 12 | hexVal(z[i + 2]) << 8 | hexVal(z[i + 3]) << 4 | hexVal(z[i + 4]));
    i += 4;
    if (c >= 0xD800 && c <= 0xDBFF && i + 6 < n && z[i + 1] == '\\' && z[i + 2] == 'u') {
      unsigned long c2 = (unsigned long)(hexVal(z[i + 3]) << 12 | hexVal(z[i + 4]) << 8 | hexVal(z[i + 5]) << 4 |
                                         hexVal(z[i + 6]));
      if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
        i += 6;
      }
    }
    if (c == 0 || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
    m += putUtf8(zOut + m, c);
  }
  return zOut + m;
}

char *trtcFormsText(const char *zBody, TrtcFormSpan span) {
  const unsigned char *z = (const unsigned char *)zBody + span.iStart;
  size_t n = span.n;
  char *zOut;
  if (n == 0) return 0;
  zOut = (char *)malloc(n + 1);
  if (zOut == 0) return 0;
  if (z[0] != '"' || n < 2) {
    memcpy(zOut, z, n);
    zOut[n] = 0;
    return zOut;
  }
  *decodeString(z, n, zOut) = 0;
  return zOut;
}
