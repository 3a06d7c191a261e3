/*
** trtc_json.c: a JSON reader over UTF-8 text in memory, with no SQL in it
** (declarations and usage in trtc_json.h):
**
**   trtcJsonCheck(z, n, &err)         is z[0..n) one JSON value? (RFC 8259)
**   trtcJsonEnter(&it, z, n, i)       iterate over the container at z[i]
**   while (trtcJsonNext(&it)) ...     it.iKey/it.nKey, it.iVal
**   trtcJsonNumberInt64(z, n, i, &v, &iEnd)
**
** trtcJsonCheck is a single forward pass with a bit stack of container
** kinds (no recursion, no allocation). It is as strict as SQLite's JSON
** parser of the versions this extension supports: no comments, no
** trailing commas, no leading zeros, no control characters in strings,
** whitespace being space, tab, CR and LF. The other functions read text
** that passed it and still never read past n.
*/
#include "trtc_json.h"
#include "trtc_lookup.h"

#include <string.h>

static int isWs(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Bytes that may stand in a string as they are: not '"', '\\' or a
** control character. */
static const unsigned char aPlain[256] = {
#define X16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
    X16(0), X16(0),                                     /* 0x00-0x1f */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,     /* 0x20-0x2f: '"' */
    X16(1), X16(1),                                     /* 0x30-0x4f */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,     /* 0x50-0x5f: '\\' */
    X16(1), X16(1), X16(1), X16(1), X16(1), X16(1), X16(1), X16(1), X16(1), X16(1),
#undef X16
};

static int isDigit(unsigned char c) {
  return c >= '0' && c <= '9';
}

static int hexValue(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int trtcJsonWs(const unsigned char *z, int n, int i) {
  while (i < n && isWs(z[i])) i++;
  return i;
}

/* ---- Checking ----------------------------------------------------------- */

static int fail(TrtcJsonError *pErr, int iPos, const char *zWhat) {
  pErr->iPos = iPos;
  pErr->zWhat = zWhat;
  return -1;
}

/* The string whose quote is at z[i]: the offset after it, or -1.
** *pbEscaped is set when it holds escapes. */
static int checkString(const unsigned char *z, int n, int i, TrtcJsonError *pErr,
                       int *pbEscaped) {
  int iStart = i++;
  *pbEscaped = 0;
  for (;;) {
    unsigned char c;
    while (i < n && aPlain[z[i]]) i++;
    if (i >= n) return fail(pErr, iStart, "a string that never ends");
    c = z[i];
    if (c == '"') return i + 1;
    if (c < 0x20) return fail(pErr, i, "a control character inside a string");
    *pbEscaped = 1;
    if (i + 1 >= n) return fail(pErr, iStart, "a string that never ends");
    switch (z[i + 1]) {
      case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        i += 2;
        break;
      case 'u':
        if (i + 5 >= n || hexValue(z[i + 2]) < 0 || hexValue(z[i + 3]) < 0 ||
            hexValue(z[i + 4]) < 0 || hexValue(z[i + 5]) < 0) {
          return fail(pErr, i, "a \\u escape without four hex digits");
        }
        i += 6;
        break;
      default:
        return fail(pErr, i, "an invalid escape in a string");
    }
  }
}

/* The number that starts at z[i]: the offset after it, or -1. */
static int checkNumber(const unsigned char *z, int n, int i, TrtcJsonError *pErr) {
  int iStart = i;
  if (z[i] == '-') i++;
  if (i >= n || !isDigit(z[i])) return fail(pErr, iStart, "a number without digits");
  if (z[i] == '0') {
    i++;
    if (i < n && isDigit(z[i])) return fail(pErr, iStart, "a number with a leading zero");
  } else {
    while (i < n && isDigit(z[i])) i++;
  }
  if (i < n && z[i] == '.') {
    i++;
    if (i >= n || !isDigit(z[i])) return fail(pErr, iStart, "a number without digits after '.'");
    while (i < n && isDigit(z[i])) i++;
  }
  if (i < n && (z[i] == 'e' || z[i] == 'E')) {
    i++;
    if (i < n && (z[i] == '+' || z[i] == '-')) i++;
    if (i >= n || !isDigit(z[i])) return fail(pErr, iStart, "a number without exponent digits");
    while (i < n && isDigit(z[i])) i++;
  }
  return i;
}

/* The literal true, false or null at z[i]: the offset after it, or -1. */
static int checkLiteral(const unsigned char *z, int n, int i, TrtcJsonError *pErr) {
  static const struct { const char *z; int n; } aLit[] = { { "true", 4 }, { "false", 5 }, { "null", 4 } };
  int k;
  for (k = 0; k < 3; k++) {
    if (n - i >= aLit[k].n && memcmp(z + i, aLit[k].z, (size_t)aLit[k].n) == 0) return i + aLit[k].n;
  }
  return fail(pErr, i, "something that is not a JSON value");
}

/* The bit stack of open containers: bit set for an object. */
#define STACK_BYTES ((TRTC_JSON_MAX_DEPTH + 7) / 8)
#define STACK_SET(a, d, bObj)                                                          \
  ((a)[(d) >> 3] = (unsigned char)(bObj ? (a)[(d) >> 3] | (1u << ((d)&7))            \
                                        : (a)[(d) >> 3] & ~(1u << ((d)&7))))
#define STACK_IS_OBJECT(a, d) (((a)[(d) >> 3] >> ((d)&7)) & 1u)

int trtcJsonCheck(const unsigned char *z, int n, TrtcJsonError *pErr,
                  const TrtcJsonWatch *pWatch) {
  unsigned char aStack[STACK_BYTES];
  int depth = 0; /* open containers; aStack bit depth-1 is the innermost */
  int bEscaped;
  int i = trtcJsonWs(z, n, 0);
  if (i >= n) return fail(pErr, i, n == 0 ? "the text is empty" : "the text is only whitespace") + 1;
  for (;;) {
    /* A value at z[i]. */
    unsigned char c;
    i = trtcJsonWs(z, n, i);
    if (i >= n) return fail(pErr, n, "the text ends where a value should be") + 1;
    c = z[i];
    if (c == '{' || c == '[') {
      if (depth >= TRTC_JSON_MAX_DEPTH) {
        return fail(pErr, i, "containers nested more than 2000 deep") + 1;
      }
      STACK_SET(aStack, depth, c == '{');
      depth++;
      i = trtcJsonWs(z, n, i + 1);
      if (i < n && z[i] == (c == '{' ? '}' : ']')) {
        depth--;
        i++;
      } else if (c == '{') {
        goto key;
      } else {
        continue; /* the array's first value */
      }
    } else if (c == '"') {
      i = checkString(z, n, i, pErr, &bEscaped);
    } else if (c == '-' || isDigit(c)) {
      i = checkNumber(z, n, i, pErr);
    } else {
      i = checkLiteral(z, n, i, pErr);
    }
    if (i < 0) return 0;

    /* After a value: the end, a comma, or the end of containers. */
    for (;;) {
      i = trtcJsonWs(z, n, i);
      if (depth == 0) {
        if (i < n) return fail(pErr, i, "more text after the end of the JSON value") + 1;
        return 1;
      }
      if (i >= n) return fail(pErr, n, "the text ends inside an object or array") + 1;
      if (STACK_IS_OBJECT(aStack, depth - 1)) {
        if (z[i] == '}') {
          depth--;
          i++;
          continue;
        }
        if (z[i] != ',') return fail(pErr, i, "expected ',' or '}' in an object") + 1;
        i++;
        goto key;
      }
      if (z[i] == ']') {
        depth--;
        i++;
        continue;
      }
      if (z[i] != ',') return fail(pErr, i, "expected ',' or ']' in an array") + 1;
      i++;
      break; /* the next value of the array */
    }
    continue;

  key:
    i = trtcJsonWs(z, n, i);
    if (i >= n) return fail(pErr, n, "the text ends inside an object or array") + 1;
    if (z[i] != '"') return fail(pErr, i, "expected a string key in an object") + 1;
    {
      int iKey = i + 1;
      i = checkString(z, n, i, pErr, &bEscaped);
      if (i < 0) return 0;
      if (pWatch && depth <= 2) {
        TrtcJsonIter m;
        memset(&m, 0, sizeof(m));
        m.z = z;
        m.n = n;
        m.iKey = iKey;
        m.nKey = i - 1 - iKey;
        m.bKeyEscaped = bEscaped;
        m.bObject = 1;
        m.iVal = trtcJsonWs(z, n, trtcJsonWs(z, n, i) + 1);
        if (m.iVal < n) pWatch->xMember(pWatch->pArg, depth, &m);
      }
    }
    i = trtcJsonWs(z, n, i);
    if (i >= n || z[i] != ':') return fail(pErr, i, "expected ':' after a key") + 1;
    i++;
  }
}

/* ---- Reading checked text ----------------------------------------------- */

/* The offset after the string whose quote is at z[i]. */
static int skipString(const unsigned char *z, int n, int i) {
  for (i++;; i += 2) {
    while (i < n && aPlain[z[i]]) i++; /* checked: no control characters */
    if (i >= n) return n;
    if (z[i] == '"') return i + 1;
  }
}

int trtcJsonSkip(const unsigned char *z, int n, int i) {
  int depth = 0;
  if (i >= n) return n;
  switch (z[i]) {
    case '"':
      return skipString(z, n, i);
    case '{':
    case '[':
      for (; i < n; i++) {
        switch (z[i]) {
          case '"': i = skipString(z, n, i) - 1; break;
          case '{': case '[': depth++; break;
          case '}': case ']':
            if (--depth == 0) return i + 1;
            break;
          default: break;
        }
      }
      return n;
    default: /* a number or a literal */
      while (i < n && !isWs(z[i]) && z[i] != ',' && z[i] != ']' && z[i] != '}') i++;
      return i;
  }
}

int trtcJsonString(const unsigned char *z, int n, int i, int *piStart, int *piEnd,
                   int *pbEscaped) {
  int bEsc = 0;
  *piStart = ++i;
  for (;; i += 2) {
    while (i < n && aPlain[z[i]]) i++;
    if (i >= n || z[i] == '"') break;
    bEsc = 1; /* a backslash: skip it and the byte it escapes */
  }
  if (i > n) i = n;
  *piEnd = i;
  *pbEscaped = bEsc;
  return i < n ? i + 1 : n;
}

void trtcJsonEnter(TrtcJsonIter *pIt, const unsigned char *z, int n, int i) {
  pIt->z = z;
  pIt->n = n;
  pIt->bObject = i < n && z[i] == '{';
  pIt->iVal = -1;
  pIt->iValEnd = i + 1; /* where the first member is looked for */
  pIt->iKey = pIt->nKey = pIt->bKeyEscaped = 0;
  pIt->bDone = i >= n;
  pIt->iEnd = n;
}

/* The iteration has ended at z[i], the closing bracket (checked text). */
static int iterDone(TrtcJsonIter *pIt, int i) {
  pIt->bDone = 1;
  pIt->iEnd = i < pIt->n ? i + 1 : pIt->n;
  return 0;
}

int trtcJsonNext(TrtcJsonIter *pIt) {
  const unsigned char *z = pIt->z;
  int n = pIt->n, i;
  if (pIt->bDone) return 0;
  i = pIt->iValEnd >= 0 ? pIt->iValEnd : trtcJsonSkip(z, n, pIt->iVal);
  i = trtcJsonWs(z, n, i);
  if (pIt->iVal >= 0) {
    if (i >= n || z[i] != ',') return iterDone(pIt, i);
    i = trtcJsonWs(z, n, i + 1);
  } else if (i >= n || z[i] == '}' || z[i] == ']') {
    return iterDone(pIt, i);
  }
  if (pIt->bObject) {
    int iEnd;
    i = trtcJsonString(z, n, i, &pIt->iKey, &iEnd, &pIt->bKeyEscaped);
    pIt->nKey = iEnd - pIt->iKey;
    i = trtcJsonWs(z, n, i);
    i = trtcJsonWs(z, n, i + 1); /* the ':' */
  }
  if (i >= n) return iterDone(pIt, n);
  pIt->iVal = i;
  pIt->iValEnd = -1;
  return 1;
}

int trtcJsonKeyIs(const TrtcJsonIter *pIt, const char *zKey, int nKey) {
  char zBuf[64];
  if (!pIt->bKeyEscaped) {
    return pIt->nKey == nKey && memcmp(pIt->z + pIt->iKey, zKey, (size_t)nKey) == 0;
  }
  /* An escaped key is no shorter than what it stands for. */
  if (pIt->nKey > (int)sizeof(zBuf)) return 0;
  return trtcJsonUnescape(pIt->z + pIt->iKey, pIt->nKey, zBuf) == nKey &&
         memcmp(zBuf, zKey, (size_t)nKey) == 0;
}

/* Write code point c as UTF-8 at z; returns the number of bytes. */
static int putUtf8(char *z, unsigned c) {
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

/* The four hex digits at z[i..i+4) (checked), or -1 if they are not there. */
static int hex4(const unsigned char *z, int n, int i) {
  int k, v = 0;
  if (i + 4 > n) return -1;
  for (k = 0; k < 4; k++) {
    int h = hexValue(z[i + k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

int trtcJsonUnescape(const unsigned char *z, int n, char *zOut) {
  int i = 0, j = 0;
  while (i < n) {
    unsigned char c = z[i];
    if (c != '\\' || i + 1 >= n) {
      zOut[j++] = (char)c;
      i++;
      continue;
    }
    c = z[i + 1];
    i += 2;
    switch (c) {
      case 'b': zOut[j++] = '\b'; break;
      case 'f': zOut[j++] = '\f'; break;
      case 'n': zOut[j++] = '\n'; break;
      case 'r': zOut[j++] = '\r'; break;
      case 't': zOut[j++] = '\t'; break;
      case 'u': {
        int u = hex4(z, n, i);
        if (u < 0) break; /* not in checked text */
        i += 4;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n && z[i] == '\\' && z[i + 1] == 'u') {
          int lo = hex4(z, n, i + 2);
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
          }
        }
        j += putUtf8(zOut + j, (unsigned)u);
        break;
      }
      default: zOut[j++] = (char)c; break; /* " \ / */
    }
  }
  return j;
}

/* 10^k for k in 0..22, each exact as a double. */
static const double aPow10[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* m * 10^e as a double (correctly rounded when m < 2^53 and |e| <= 22;
** infinity or 0 when out of range). */
static double scaleByPow10(double m, int e) {
  while (e > 22) {
    if (m == 0 || m > 1.7976931348623157e308) return m; /* 0, or already infinite */
    m *= 1e22;
    e -= 22;
  }
  while (e < -22) {
    if (m == 0) return 0;
    m /= 1e22;
    e += 22;
  }
  return e >= 0 ? m * aPow10[e] : m / aPow10[-e];
}

int trtcJsonNumberInt64(const unsigned char *z, int n, int i, sqlite3_int64 *pOut, int *piEnd) {
  const sqlite3_uint64 lim = (sqlite3_uint64)1 << 63; /* |INT64_MIN| */
  sqlite3_uint64 m = 0;
  int neg = 0, nDigit = 0, e = 0, bInteger = 1;
  double r;
  if (i < n && z[i] == '-') {
    neg = 1;
    i++;
  }
  /* Up to 19 significant digits in m; further integer digits scale it. */
  for (; i < n && isDigit(z[i]); i++) {
    if (nDigit < 19) {
      m = m * 10 + (unsigned)(z[i] - '0');
      if (m) nDigit++;
    } else {
      e++;
    }
  }
  if (i < n && z[i] == '.') {
    bInteger = 0;
    for (i++; i < n && isDigit(z[i]); i++) {
      if (nDigit < 19) {
        m = m * 10 + (unsigned)(z[i] - '0');
        if (m) nDigit++;
        e--;
      }
    }
  }
  if (i < n && (z[i] == 'e' || z[i] == 'E')) {
    int eNeg = 0, x = 0;
    bInteger = 0;
    i++;
    if (i < n && (z[i] == '+' || z[i] == '-')) eNeg = z[i++] == '-';
    for (; i < n && isDigit(z[i]); i++) {
      if (x < 100000) x = x * 10 + (z[i] - '0');
    }
    e += eNeg ? -x : x;
  }
  *piEnd = i;
  if (bInteger && e == 0 && (m < lim || (neg && m == lim))) {
    /* An integer within 64 bits, read exactly as SQLite reads it. */
    *pOut = neg ? (sqlite3_int64)(0 - m) : (sqlite3_int64)m;
    return 1;
  }
  /* Anything else is a double to SQLite. */
  r = scaleByPow10((double)m, e);
  return trtcRealInt64(neg ? -r : r, pOut);
}
