/*
** tests/test_forms.c: unit tests of src/cli/forms.c (how the trtc command
** reads the forms responses are saved in) and src/cli/sha3.c; then every
** seed of tests/fuzz/corpus/forms/ replayed through the same calls as the
** fuzz target (so the sanitizer and valgrind stages run them too).
**
**   tests/test_forms        (TAP; TRTC_SRCDIR is compiled in)
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* forms.c compiled in here, its allocations counted: the Nth can fail. */
static int nAllocs, nFailAt, bFailed;
static int failNow(void) {
  if (nFailAt && ++nAllocs == nFailAt) {
    bFailed = 1;
    return 1;
  }
  return 0;
}
static void *testMalloc(size_t n) { return failNow() ? 0 : malloc(n); }
static void *testCalloc(size_t a, size_t b) { return failNow() ? 0 : calloc(a, b); }
static void *testRealloc(void *p, size_t n) { return failNow() ? 0 : realloc(p, n); }
#define malloc(n) testMalloc(n)
#define calloc(a, b) testCalloc(a, b)
#define realloc(p, n) testRealloc(p, n)
#include "forms.c"
#undef malloc
#undef calloc
#undef realloc

#include "sha3.h"
#include "tap.h"

static void hex(const unsigned char *a, char *z) {
  int i;
  for (i = 0; i < TRTC_SHA3_SIZE; i++) sprintf(z + 2 * i, "%02x", a[i]);
}

static void check_sha3(const char *zIn, size_t n, const char *zWant, const char *zWhat) {
  unsigned char a[TRTC_SHA3_SIZE];
  char z[2 * TRTC_SHA3_SIZE + 1];
  trtcSha3(zIn, n, a);
  hex(a, z);
  is_str(z, zWant, zWhat);
}

/* Split a C string (n bytes); check rc, parts, layout, and a text the
** reason or the first part holds. */
static void check_split(const char *zIn, size_t n, int wantRc, int wantParts, int wantLayout, const char *zWant,
                        const char *zWhat) {
  TrtcForms f;
  int rc = trtcFormsSplit(zIn, n, &f);
  char zMsg[300];
  snprintf(zMsg, sizeof(zMsg), "%s: rc %d, %d part(s)", zWhat, wantRc, wantParts);
  if (!ok(rc == wantRc && f.nPart == wantParts && (rc || f.eLayout == wantLayout), zMsg)) {
    printf("#   got rc %d, %d part(s), layout %d, why: %s\n", rc, f.nPart, f.eLayout, f.zWhy);
  }
  if (zWant) {
    const char *zHay = rc ? f.zWhy : f.zEncoding ? f.zEncoding : "";
    snprintf(zMsg, sizeof(zMsg), "%s: says \"%s\"", zWhat, zWant);
    if (!ok(strstr(zHay, zWant) != 0, zMsg)) printf("#   got: %s\n", zHay);
  }
  trtcFormsFree(&f);
}

#define SPLIT(z, rc, parts, layout, want, what) check_split(z, sizeof(z) - 1, rc, parts, layout, want, what)

static int summarize(const char *z, TrtcFormSummary *s) { return trtcFormsSummarize(z, strlen(z), s); }

static void check_kind(const char *z, int wantKind, int wantShape, const char *zWhat) {
  TrtcFormSummary s;
  int rc = summarize(z, &s);
  char zMsg[300];
  snprintf(zMsg, sizeof(zMsg), "%s: kind %d, shape %d", zWhat, wantKind, wantShape);
  if (!ok(rc == TRTC_FORMS_OK && s.eKind == wantKind && (wantShape == 0 || s.eShape == wantShape), zMsg)) {
    printf("#   got rc %d, kind %d, shape %d, why: %s\n", rc, s.eKind, s.eShape, s.zWhy);
  }
}

static void check_same_content(const char *a, const char *b, int bSame, const char *zWhat) {
  TrtcFormSummary sa, sb;
  int ra = summarize(a, &sa), rb = summarize(b, &sb);
  int bEq = memcmp(sa.aContent, sb.aContent, TRTC_SHA3_SIZE) == 0;
  ok(ra == TRTC_FORMS_OK && rb == TRTC_FORMS_OK && bEq == bSame, zWhat);
}

static void check_text(const char *zBody, const char *zWant, const char *zWhat) {
  TrtcFormSummary s;
  char *z;
  summarize(zBody, &s);
  z = trtcFormsText(zBody, s.requestId);
  is_str(z, zWant, zWhat);
  free(z);
}

/* The fuzz target's calls on one input: split, summarize each part, read
** its texts; the parts lie inside the text. */
static int replay(const char *a, size_t n) {
  TrtcForms f;
  int i, bOk = 1;
  if (trtcFormsSplit(a, n, &f) == TRTC_FORMS_OK) {
    for (i = 0; i < f.nPart; i++) {
      TrtcFormSummary s;
      if (f.aPart[i].iStart + f.aPart[i].n > f.n || f.aPart[i].n == 0) bOk = 0;
      if (trtcFormsSummarize(f.z + f.aPart[i].iStart, f.aPart[i].n, &s) == TRTC_FORMS_OK) {
        free(trtcFormsText(f.z + f.aPart[i].iStart, s.requestId));
        free(trtcFormsText(f.z + f.aPart[i].iStart, s.errorCode));
        free(trtcFormsText(f.z + f.aPart[i].iStart, s.errorMessage));
      } else {
        bOk = 0; /* a part of a split file is always one JSON value */
      }
    }
  }
  trtcFormsFree(&f);
  return bOk;
}

/* JSON at its edges: each text split (rc), and what it says. */
static const struct Edge {
  const char *z;
  int n; /* bytes; 0: strlen */
  int rc;
  const char *zWant; /* in zWhy (refused) or NULL */
} aEdge[] = {
    {"[-0, 0.5, 1e5, 1E+5, 2.5e-3, -1.0E-2, true, false, null]", 0, TRTC_FORMS_OK, 0},
    {"[\"\\b\\f\\n\\r\\t\\/\\\\\\\"\\u00e9\\uD83D\\uDE00\"]", 0, TRTC_FORMS_OK, 0},
    {"\t\r\n [ ] \t\r\n", 0, TRTC_FORMS_OK, 0},
    {"[\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xED\x9F\xBF\xF4\x8F\xBF\xBF\"]", 0, TRTC_FORMS_OK, 0},
    {"[01]", 0, TRTC_FORMS_REFUSED, "expected ',' or ']'"},
    {"[1.]", 0, TRTC_FORMS_REFUSED, "an invalid number"},
    {"[1e]", 0, TRTC_FORMS_REFUSED, "an invalid number"},
    {"[1e+]", 0, TRTC_FORMS_REFUSED, "an invalid number"},
    {"[-]", 0, TRTC_FORMS_REFUSED, "an invalid number"},
    {"[-a]", 0, TRTC_FORMS_REFUSED, "an invalid number"},
    {"[.5]", 0, TRTC_FORMS_REFUSED, "where a value should be"},
    {"[tru]", 0, TRTC_FORMS_REFUSED, "not true, false or null"},
    {"[nul]", 0, TRTC_FORMS_REFUSED, "not true, false or null"},
    {"[fals]", 0, TRTC_FORMS_REFUSED, "not true, false or null"},
    {"[\"\\x\"]", 0, TRTC_FORMS_REFUSED, "an invalid escape"},
    {"[\"\\u12\"]", 0, TRTC_FORMS_REFUSED, "four hexadecimal digits"},
    {"[\"\\u12G4\"]", 0, TRTC_FORMS_REFUSED, "four hexadecimal digits"},
    {"[\"\\uabcg\"]", 0, TRTC_FORMS_REFUSED, "four hexadecimal digits"},
    {"[\"\\", 0, TRTC_FORMS_REFUSED, "not closed"},
    {"[\"abc", 0, TRTC_FORMS_REFUSED, "not closed"},
    {"[\"a\tb\"]", 0, TRTC_FORMS_REFUSED, "a control character"},
    {"[\"\xC0\x80\"]", 0, TRTC_FORMS_REFUSED, "not UTF-8"},
    {"[\"\xE0\x80\x80\"]", 0, TRTC_FORMS_REFUSED, "not UTF-8"},
    {"[\"\xED\xA0\x80\"]", 0, TRTC_FORMS_REFUSED, "not UTF-8"},
    {"[\"\xF0\x80\x80\x80\"]", 0, TRTC_FORMS_REFUSED, "not UTF-8"},
    {"[\"\xF4\x90\x80\x80\"]", 0, TRTC_FORMS_REFUSED, "not UTF-8"},
    {"[\"\xF5\x80\x80\x80\"]", 0, TRTC_FORMS_REFUSED, "not UTF-8"},
    {"[\"\x80\"]", 0, TRTC_FORMS_REFUSED, "not UTF-8"},
    {"[\"\xE2\x82\"]", 0, TRTC_FORMS_REFUSED, "not UTF-8"},
    {"[\"\xE2\x82", 0, TRTC_FORMS_REFUSED, "not UTF-8"},
    {"[\xC3\xA9]", 0, TRTC_FORMS_REFUSED, "found byte 0xC3"},
    {"{\"a\" 1}", 0, TRTC_FORMS_REFUSED, "expected ':' after a member name"},
    {"{\"a\":1 \"b\":2}", 0, TRTC_FORMS_REFUSED, "expected ',' or '}'"},
    {"[1 2]", 0, TRTC_FORMS_REFUSED, "expected ',' or ']'"},
    {"{1:2}", 0, TRTC_FORMS_REFUSED, "expected a member name"},
    {"[1,]", 0, TRTC_FORMS_REFUSED, "where a value should be"},
    {"]", 0, TRTC_FORMS_REFUSED, "where a value should be"},
    {"{\"a\":", 0, TRTC_FORMS_REFUSED, "ends inside an object"},
    {"{\"a\"", 0, TRTC_FORMS_REFUSED, "ends inside an object"},
    {"{\"a\":1", 0, TRTC_FORMS_REFUSED, "ends inside an object"},
    {"{\"\"\"}", 0, TRTC_FORMS_REFUSED, "found '\"'"},
    {"// saved by hand\n{}", 0, TRTC_FORMS_REFUSED, "comments are not JSON"},
    {"usage: tccli [options]\n", 0, TRTC_FORMS_REFUSED, "tccli's usage message"},
    {"| Data |\n", 0, TRTC_FORMS_REFUSED, "--output table"},
    {"x\ty\n", 0, TRTC_FORMS_REFUSED, "not JSON: line 1, column 1"},
    {"{}\n{}\n\n[]", 0, TRTC_FORMS_OK, 0},
    {"\xFE\xFF\0[\0\"\0\xE9\x20\xAC\xD8\x3D\xDE\0\0\"\0]", 18, TRTC_FORMS_OK, 0},
    {"\xFF\xFE[\0\"\0\x3D\xD8\0\0\"\0]\0", 14, TRTC_FORMS_REFUSED, "malformed UTF-16"},
    {"\xFF\xFE[\0\"\0\x3D\xD8", 8, TRTC_FORMS_REFUSED, "malformed UTF-16"},
    {"\xFF\xFE[\0\"\0\0\xDE\"\0]\0", 12, TRTC_FORMS_REFUSED, "malformed UTF-16"},
    {"\xFF\xFE[\0]", 5, TRTC_FORMS_REFUSED, "odd number of bytes"},
    {"\xFF\xFE\xFF\xFE", 4, TRTC_FORMS_REFUSED, "only white space"},
    {"\0\0\xFE\xFF\0\0\0[", 8, TRTC_FORMS_REFUSED, "UTF-32"},
    {"a", 1, TRTC_FORMS_REFUSED, "(found \"a\")"},
    {"\xFF", 1, TRTC_FORMS_REFUSED, "found byte 0xFF"},
    {"\xEF\xBB", 2, TRTC_FORMS_REFUSED, "found byte 0xEF"},
    {"{}", 2, TRTC_FORMS_OK, 0},
    {"[\0\0\0", 4, TRTC_FORMS_REFUSED, "found byte 0x00"},
    {"\0[\0\0", 4, TRTC_FORMS_REFUSED, "found byte 0x00"},
    {"\xFF\xFE\xFF\xFE{\0}\0", 8, TRTC_FORMS_OK, 0},
    {"true", 0, TRTC_FORMS_REFUSED, "a JSON boolean at line 1"},
    {"null", 0, TRTC_FORMS_REFUSED, "JSON null at line 1"},
    {"[{\"Response\": {\"a\": {\"b\": [1, {}]}}}, {\"Response\": {}}]", 0, TRTC_FORMS_OK, 0},
    {"<html><body>502</body></html>", 0, TRTC_FORMS_REFUSED, "an HTML page"},
    {"-x", 0, TRTC_FORMS_REFUSED, "an invalid number"},
    {"[TencentCloudSDKException]   code:X\x01 message:\r\n", 0, TRTC_FORMS_REFUSED, "(code:X? message:)"},
};

static void edges(void) {
  size_t k;
  for (k = 0; k < sizeof(aEdge) / sizeof(aEdge[0]); k++) {
    TrtcForms f;
    size_t n = aEdge[k].n ? (size_t)aEdge[k].n : strlen(aEdge[k].z);
    int rc = trtcFormsSplit(aEdge[k].z, n, &f);
    char zWhat[200];
    int bOk = rc == aEdge[k].rc && (aEdge[k].zWant == 0 || strstr(f.zWhy, aEdge[k].zWant) != 0);
    snprintf(zWhat, sizeof(zWhat), "edge %zu: %s", k + 1, aEdge[k].zWant ? aEdge[k].zWant : "read");
    if (!ok(bOk, zWhat)) printf("#   rc %d, why: %s\n", rc, f.zWhy);
    trtcFormsFree(&f);
  }
}

/* Summaries of odd responses, texts of odd strings, layouts, hashes. */
static void odd(void) {
  TrtcFormSummary s;
  char *z;
  static char aBig[70010];
  unsigned char a1[TRTC_SHA3_SIZE];
  size_t k;
  char *zLong;
  TrtcForms f;

  check_kind("{\"Response\": {\"Response\": {\"Data\": []}}}", TRTC_FORM_NOT_RESPONSE, 0,
             "a Response inside Response is not looked into");
  summarize("{\"Response\": {\"Data\": []}, \"Response\": {}}", &s);
  is_str(s.zRepeated, "Response", "a repeated Response is said");
  summarize("{\"Data\": 1, \"Data\": 2, \"Response\": {\"Data\": [], \"Data\": []}}", &s);
  is_str(s.zRepeated, "Data", "... Data repeated at both levels, said once");
  check_kind("{\"AbnormalExperienceList\": {}}", TRTC_FORM_NOT_RESPONSE, 0, "an AbnormalExperienceList that is an object");
  ok(summarize("{\"AbnormalExperienceList\": null}", &s) == TRTC_FORMS_OK &&
         strcmp(s.zWhy, "its AbnormalExperienceList is not a list (the first AbnormalExperienceList counts)") == 0,
     "... null: said so");
  summarize("{\"Error\": {\"Code\": {\"x\": 1}, \"Code\": \"y\", \"Other\": 1, \"Message\": null}}", &s);
  ok(s.eKind == TRTC_FORM_API_ERROR && s.errorCode.n == 0 && s.errorMessage.n == 0,
     "an Error whose first Code is an object and Message null: neither has a text");
  summarize("{\"Error\": {\"Message\": \"m\"}}", &s);
  ok(s.eKind == TRTC_FORM_API_ERROR && s.errorCode.n == 0 && s.errorMessage.n == 3, "an Error without Code");
  check_kind("{\"Data\": [], \"UserList\": []}", TRTC_FORM_OTHER_API, 0, "Data beside UserList: DescribeCallDetailInfo");
  check_kind("[{\"DataType\": \"bigvCapFps\"}]", TRTC_FORM_OTHER_API, TRTC_SHAPE_LIST, "a bare list of QualityData");
  summarize("{\"Response\": {\"UserList\": []}}", &s);
  is_str(s.zOtherApi, "DescribeUserInfo", "UserList alone: DescribeUserInfo");
  summarize("{\"ScaleList\": []}", &s);
  is_str(s.zOtherApi, "DescribeScaleInfo", "ScaleList: DescribeScaleInfo");
  ok(summarize("  ", &s) == TRTC_FORMS_REFUSED && strcmp(s.zWhy, "no JSON value") == 0, "white space: no JSON value");
  check_same_content("{\"Response\": {\"Data\": [{\"PeerId\": \"in\"}]}, \"Data\": [{\"PeerId\": \"out\"}]}",
                     "[{\"PeerId\": \"in\"}]", 1, "the Response's list, first in the text, before the root's");
  is_str(trtcFormsLayoutName(TRTC_LAYOUT_ONE), "one response", "layout names");
  ok(strcmp(trtcFormsLayoutName(TRTC_LAYOUT_LINES), "one response per line") == 0 &&
         strcmp(trtcFormsLayoutName(TRTC_LAYOUT_CONCAT), "responses one after another") == 0 &&
         strcmp(trtcFormsLayoutName(TRTC_LAYOUT_ARRAY), "a JSON array of responses") == 0,
     "... all of them");
  ok(trtcFormsContentHash("", 0, a1) == TRTC_FORMS_REFUSED, "no text has no content hash");
  /* A string token longer than the hash's buffer, and enough small tokens
  ** to fill it at a comma. */
  zLong = (char *)malloc(30000);
  k = 0;
  zLong[k++] = '[';
  zLong[k++] = '"';
  memset(zLong + k, 'x', 5000);
  k += 5000;
  zLong[k++] = '"';
  while (k < 29000) {
    memcpy(zLong + k, ", 1", 3);
    k += 3;
  }
  zLong[k++] = ']';
  ok(trtcFormsContentHash(zLong, k, a1) == TRTC_FORMS_OK, "a content hash over a long string and many tokens");
  {
    unsigned char a2[TRTC_SHA3_SIZE];
    /* the same text minified: its SHA3-256 */
    size_t m = 0, i;
    char *zMin = (char *)malloc(k);
    for (i = 0; i < k; i++) {
      if (zLong[i] != ' ') zMin[m++] = zLong[i];
    }
    trtcSha3(zMin, m, a2);
    ok(memcmp(a1, a2, TRTC_SHA3_SIZE) == 0, "... the SHA3-256 of it minified");
    free(zMin);
  }
  free(zLong);
  /* Not JSON, over 64 kB: the first 64 kB looked at for tccli's messages. */
  aBig[0] = '<';
  memset(aBig + 1, 'x', sizeof(aBig) - 1);
  ok(trtcFormsSplit(aBig, sizeof(aBig), &f) == TRTC_FORMS_REFUSED && strstr(f.zWhy, "HTML or XML"), "70 kB of not JSON");
  trtcFormsFree(&f);
  /* Escapes decoded. */
  check_text("{\"RequestId\": \"\\b\\f\\r\\t\\/\\u00E9\", \"Data\": []}", "\b\f\r\t/\xC3\xA9", "every escape");
  check_text("{\"RequestId\": \"\\ud83d\", \"Data\": []}", "\xEF\xBF\xBD", "a high surrogate at the end");
  check_text("{\"RequestId\": \"\\ud83d\\n\", \"Data\": []}", "\xEF\xBF\xBD\n", "a high surrogate, then another escape");
  check_text("{\"RequestId\": \"\\ud83d\\u0041x\", \"Data\": []}", "\xEF\xBF\xBD" "Ax",
             "a high surrogate, then not a low one");
  z = trtcFormsText("5", (TrtcFormSpan){0, 1});
  is_str(z, "5", "a number's text as written");
  free(z);
}

/* Every allocation of split, summarize and text failing in turn, on a
** file of several responses in UTF-16: TRTC_FORMS_NOMEM or success, never
** a crash or a leak (the sanitizer and valgrind stages check the leaks). */
static void oom(void) {
  static const char zUtf8[] =
      "[{\"Response\": {\"Data\": [{\"PeerId\": \"a\", \"Content\": []}], \"RequestId\": \"\\u00e9\"}},"
      " {\"Response\": {\"Error\": {\"Code\": \"C\"}}}, {\"Response\": {\"AbnormalExperienceList\": []}},"
      " {\"Response\": {\"Data\": []}}, {\"Response\": {\"Data\": []}}]";
  char aUtf16[2 * sizeof(zUtf8) + 2];
  int n, nRuns = 0, nBad = 0;
  size_t k;
  aUtf16[0] = (char)0xFF;
  aUtf16[1] = (char)0xFE;
  for (k = 0; k + 1 < sizeof(zUtf8); k++) {
    aUtf16[2 + 2 * k] = zUtf8[k];
    aUtf16[3 + 2 * k] = 0;
  }
  for (n = 1; n < 1000; n++) {
    TrtcForms f;
    int rc, i;
    nAllocs = 0;
    bFailed = 0;
    nFailAt = n;
    rc = trtcFormsSplit(aUtf16, 2 * (sizeof(zUtf8) - 1) + 2, &f);
    if (rc == TRTC_FORMS_OK) {
      if (f.nPart != 5) nBad++;
      for (i = 0; i < f.nPart; i++) {
        TrtcFormSummary s;
        if (trtcFormsSummarize(f.z + f.aPart[i].iStart, f.aPart[i].n, &s) == TRTC_FORMS_OK) {
          free(trtcFormsText(f.z + f.aPart[i].iStart, s.requestId));
          free(trtcFormsText(f.z + f.aPart[i].iStart, s.errorCode));
        }
      }
    } else if (rc != TRTC_FORMS_NOMEM) {
      nBad++;
    }
    trtcFormsFree(&f);
    nFailAt = 0;
    nRuns++;
    if (!bFailed) break;
  }
  ok(nRuns > 10 && nBad == 0, "the Nth allocation fails, for every N: out of memory said, nothing else");
}

static void replay_corpus(void) {
  char zDir[4096];
  DIR *d;
  struct dirent *e;
  int nFiles = 0, nBad = 0;
  snprintf(zDir, sizeof(zDir), "%s/tests/fuzz/corpus/forms", TRTC_SRCDIR);
  d = opendir(zDir);
  if (!ok(d != 0, "the seed corpus tests/fuzz/corpus/forms/ is there")) return;
  while ((e = readdir(d)) != 0) {
    char zPath[8192];
    FILE *fp;
    char *a;
    long n;
    if (e->d_name[0] == '.') continue;
    snprintf(zPath, sizeof(zPath), "%s/%s", zDir, e->d_name);
    fp = fopen(zPath, "rb");
    if (fp == 0) continue;
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    a = (char *)malloc((size_t)n + 1);
    if (a && fread(a, 1, (size_t)n, fp) == (size_t)n) {
      nFiles++;
      if (!replay(a, (size_t)n)) {
        nBad++;
        printf("# %s: a part is not one JSON value\n", e->d_name);
      }
    }
    free(a);
    fclose(fp);
  }
  closedir(d);
  ok(nFiles >= 10 && nBad == 0, "every seed splits into parts that are JSON values");
}

int main(void) {
  static const char zUser[] =
      "{\"Response\": {\"Data\": [{\"PeerId\": \"alice\", \"Content\": [{\"Type\": 0, \"Time\": 1700000000123, "
      "\"EventId\": 5001, \"ParamOne\": -1, \"ParamTwo\": -1}]}], \"RequestId\": \"r-1\"}}";
  char aBig[1000];
  unsigned char a1[TRTC_SHA3_SIZE], a2[TRTC_SHA3_SIZE];
  TrtcSha3 h;
  TrtcFormSummary s;
  size_t i;
  char *z;

  plan(199);

  /* ---- SHA3-256 (FIPS 202 test vectors) ---- */
  check_sha3("", 0, "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", "sha3-256 of \"\"");
  check_sha3("abc", 3, "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532", "sha3-256 of abc");
  check_sha3("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
             "41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376", "sha3-256 of the 448-bit message");
  memset(aBig, 'a', sizeof(aBig));
  trtcSha3(aBig, sizeof(aBig), a1);
  trtcSha3Init(&h);
  for (i = 0; i < sizeof(aBig); i += 7) trtcSha3Update(&h, aBig + i, i + 7 <= sizeof(aBig) ? 7 : sizeof(aBig) - i);
  trtcSha3Final(&h, a2);
  ok(memcmp(a1, a2, TRTC_SHA3_SIZE) == 0, "sha3-256 in pieces equals in one go (across the 136-byte rate)");

  /* ---- Splitting a file ---- */
  SPLIT("{\"Response\": {\"Data\": []}}\n", TRTC_FORMS_OK, 1, TRTC_LAYOUT_ONE, 0, "one response");
  SPLIT("[{\"PeerId\": \"a\", \"Content\": []}]", TRTC_FORMS_OK, 1, TRTC_LAYOUT_ONE, 0, "a bare list is one response");
  SPLIT("[]", TRTC_FORMS_OK, 1, TRTC_LAYOUT_ONE, 0, "an empty list is one response");
  SPLIT("[{\"Response\": {\"Data\": []}}, {\"Data\": [], \"RequestId\": \"x\"}]", TRTC_FORMS_OK, 2, TRTC_LAYOUT_ARRAY,
        0, "a JSON array of two responses");
  SPLIT("{\"Data\": []}\n{\"Data\": []}\r\n{\"AbnormalExperienceList\": []}\n", TRTC_FORMS_OK, 3, TRTC_LAYOUT_LINES, 0,
        "one response per line (NDJSON, CRLF too)");
  SPLIT("{\"Data\": []}{\"Data\": []}", TRTC_FORMS_OK, 2, TRTC_LAYOUT_CONCAT, 0, "responses one after another");
  SPLIT("\xEF\xBB\xBF{\"Data\": []}", TRTC_FORMS_OK, 1, TRTC_LAYOUT_ONE, "byte-order mark (removed)",
        "a UTF-8 byte-order mark is removed");
  SPLIT("\xFF\xFE{\0\"\0D\0a\0t\0a\0\"\0:\0[\0]\0}\0", TRTC_FORMS_OK, 1, TRTC_LAYOUT_ONE, "UTF-16LE (converted",
        "UTF-16LE with a byte-order mark is converted");
  SPLIT("\xFE\xFF\0{\0\"\0D\0a\0t\0a\0\"\0:\0[\0]\0}", TRTC_FORMS_OK, 1, TRTC_LAYOUT_ONE, "UTF-16BE (converted",
        "UTF-16BE with a byte-order mark is converted");
  SPLIT("{\0\"\0D\0a\0t\0a\0\"\0:\0[\0]\0}\0", TRTC_FORMS_OK, 1, TRTC_LAYOUT_ONE, "without a byte-order mark",
        "UTF-16LE without a byte-order mark is recognised");
  SPLIT("\xFF\xFE{\0\"\0\x00\xD8\"\0:\0[\0]\0}\0", TRTC_FORMS_REFUSED, 0, 0, "malformed UTF-16",
        "a lone surrogate in UTF-16 is refused");
  SPLIT("\xFF\xFE\0\0{\0\0\0", TRTC_FORMS_REFUSED, 0, 0, "UTF-32", "UTF-32 is refused with the way to convert it");
  SPLIT("", TRTC_FORMS_REFUSED, 0, 0, "an empty file", "an empty file");
  SPLIT(" \n\t\r\n", TRTC_FORMS_REFUSED, 0, 0, "only white space", "white space only");
  SPLIT("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", TRTC_FORMS_REFUSED, 0, 0, "an HTML page",
        "an HTML page saved by mistake");
  SPLIT("<?xml version=\"1.0\"?><Error/>", TRTC_FORMS_REFUSED, 0, 0, "HTML or XML", "XML");
  SPLIT("usage: tccli [options] <command> <subcommand> [parameters]\n[TencentCloudSDKException] "
        "code:AuthFailure.SignatureExpire message:Signature expired requestId:abc\n",
        TRTC_FORMS_REFUSED, 0, 0, "code:AuthFailure.SignatureExpire", "tccli's error message");
  SPLIT("----------------\n|  DescribeUserEvent  |\n", TRTC_FORMS_REFUSED, 0, 0, "--output table",
        "tccli's table output");
  SPLIT("REQUESTID\t093bffd3\n", TRTC_FORMS_REFUSED, 0, 0, "--output text", "tccli's text output");
  SPLIT("{\"Response\": {\"Data\": [", TRTC_FORMS_REFUSED, 0, 0, "line 1, column 24: the text ends inside an array",
        "a truncated response: where and what");
  SPLIT("{\n  \"Data\": [],\n  \"RequestId\": \"x\",\n}", TRTC_FORMS_REFUSED, 0, 0,
        "line 4, column 1: expected a member name", "a trailing comma, with its line");
  SPLIT("{'Data': []}", TRTC_FORMS_REFUSED, 0, 0, "Python's repr", "single quotes");
  SPLIT("{\"Message\": \"\xC4\xE3\xBA\xC3\"}", TRTC_FORMS_REFUSED, 0, 0, "not UTF-8 text (byte 0xC4",
        "GBK text is refused with the way to convert it");
  SPLIT("{\"a\": \"\xED\xA0\x80\"}", TRTC_FORMS_REFUSED, 0, 0, "not UTF-8", "an encoded surrogate is not UTF-8");
  SPLIT("5003", TRTC_FORMS_REFUSED, 0, 0, "a JSON number at line 1", "a bare number");
  SPLIT("{\"Data\": []}\n\"x\"", TRTC_FORMS_REFUSED, 0, 0, "a JSON string at line 2", "a string after a response");
  SPLIT("[{\"PeerId\": \"a\"}, {\"Response\": {}}]", TRTC_FORMS_REFUSED, 0, 0, "element 2 of a JSON array is a response",
        "an array mixing a response and an EventList");
  SPLIT("[{\"Response\": {}}, [1, {\"Response\": {}}]]", TRTC_FORMS_REFUSED, 0, 0, "element 2 of a JSON array is not",
        "an array of responses with an array in it");
  SPLIT("[[{\"Response\": {}}], {\"Response\": {}}]", TRTC_FORMS_REFUSED, 0, 0, "element 2 of a JSON array is a",
        "nested arrays are elements, not responses");
  SPLIT("{\"a\": 1} x", TRTC_FORMS_REFUSED, 0, 0, "line 1, column 10", "garbage after a response");
  {
    /* Nesting: at the limit accepted, past it refused (no recursion). */
    static char aDeep[2 * TRTC_FORMS_MAX_DEPTH + 4];
    TrtcForms f;
    memset(aDeep, '[', TRTC_FORMS_MAX_DEPTH);
    memset(aDeep + TRTC_FORMS_MAX_DEPTH, ']', TRTC_FORMS_MAX_DEPTH);
    ok(trtcFormsSplit(aDeep, 2 * TRTC_FORMS_MAX_DEPTH, &f) == TRTC_FORMS_OK, "nesting at the limit is read");
    trtcFormsFree(&f);
    aDeep[0] = '{';
    memset(aDeep, '[', TRTC_FORMS_MAX_DEPTH + 1);
    memset(aDeep + TRTC_FORMS_MAX_DEPTH + 1, ']', TRTC_FORMS_MAX_DEPTH + 1);
    ok(trtcFormsSplit(aDeep, 2 * TRTC_FORMS_MAX_DEPTH + 2, &f) == TRTC_FORMS_REFUSED && strstr(f.zWhy, "nested too deeply"),
       "nesting past the limit is refused");
    trtcFormsFree(&f);
  }
  {
    /* Part boundaries and lines. */
    static const char zNd[] = "{\"Data\": []}\n\n  {\"Data\": [1]}\n";
    TrtcForms f;
    trtcFormsSplit(zNd, sizeof(zNd) - 1, &f);
    ok(f.nPart == 2 && f.aPart[1].iLine == 3 && f.aPart[1].n == 13 && memcmp(f.z + f.aPart[1].iStart, "{\"Data\": [1]}", 13) == 0,
       "each part is its value's bytes, with its line");
    trtcFormsFree(&f);
    trtcFormsSplit(zUser, sizeof(zUser) - 1, &f);
    ok(f.nPart == 1 && f.aPart[0].iStart == 0 && f.aPart[0].n == sizeof(zUser) - 1,
       "one response is the whole file (what is stored is what was saved)");
    trtcFormsFree(&f);
  }

  /* ---- What a response is ---- */
  check_kind(zUser, TRTC_FORM_USER_EVENTS, TRTC_SHAPE_WRAPPED, "wrapped DescribeUserEvent");
  check_kind("{\"Data\": [], \"RequestId\": \"r\"}", TRTC_FORM_USER_EVENTS, TRTC_SHAPE_INNER,
             "the inner object (what tccli prints), empty Data");
  check_kind("[{\"Content\": [], \"PeerId\": \"a\"}]", TRTC_FORM_USER_EVENTS, TRTC_SHAPE_LIST, "a bare EventList list");
  check_kind("{\"Response\": {\"Total\": 0, \"AbnormalExperienceList\": []}}", TRTC_FORM_UNUSUAL, TRTC_SHAPE_WRAPPED,
             "wrapped DescribeUnusualEvent");
  check_kind("[{\"UserId\": \"a\", \"EventTime\": 1, \"ExperienceId\": 4, \"AbnormalEventList\": []}]", TRTC_FORM_UNUSUAL,
             TRTC_SHAPE_LIST, "a bare AbnormalExperience list");
  check_kind("{\"Response\": {\"Error\": {\"Code\": \"A\", \"Message\": \"m\"}, \"RequestId\": \"r\"}}",
             TRTC_FORM_API_ERROR, TRTC_SHAPE_WRAPPED, "an API error response");
  check_kind("{\"Error\": {\"Code\": \"A\"}}", TRTC_FORM_API_ERROR, TRTC_SHAPE_INNER, "an inner API error");
  check_kind("[]", TRTC_FORM_EMPTY_LIST, TRTC_SHAPE_LIST, "[]: the API cannot be told");
  check_kind("{\"Response\": {\"Total\": 1, \"UserList\": [], \"Data\": [{\"UserId\": \"u\", \"PeerId\": \"\", "
             "\"DataType\": \"bigvCapFps\", \"Content\": []}]}}",
             TRTC_FORM_OTHER_API, 0, "DescribeCallDetailInfo (Data of QualityData) is another API");
  check_kind("{\"Response\": {\"RoomList\": [], \"Total\": 0}}", TRTC_FORM_OTHER_API, 0, "DescribeRoomInfo");
  check_kind("{\"Response\": {\"Data\": {\"StatementID\": 0}}}", TRTC_FORM_OTHER_API, 0, "Data holding an object");
  check_kind("{\"Response\": {\"RequestId\": \"r\"}}", TRTC_FORM_NOT_RESPONSE, 0, "no list, no Error");
  check_kind("{\"Response\": 5}", TRTC_FORM_NOT_RESPONSE, 0, "Response not an object");
  check_kind("\"x\"", TRTC_FORM_NOT_RESPONSE, 0, "a string");
  check_kind("[1, 2]", TRTC_FORM_NOT_RESPONSE, 0, "a list of numbers");
  check_kind("[{\"PeerId\": \"a\"}, {\"ExperienceId\": 1}]", TRTC_FORM_NOT_RESPONSE, 0, "a list mixing both kinds");
  check_kind("[{\"Response\": {\"Data\": []}}]", TRTC_FORM_NOT_RESPONSE, 0, "a list of responses is not one response");
  ok(summarize("{\"Data\": []} {\"Data\": []}", &s) == TRTC_FORMS_REFUSED && strstr(s.zWhy, "more than one JSON value"),
     "two values are not one response");
  ok(summarize("{\"Data\": [", &s) == TRTC_FORMS_REFUSED && strstr(s.zWhy, "not JSON"), "malformed JSON is refused");

  /* Repeated keys: the first counts, whatever its value (docs/ingest.md). */
  summarize("{\"Response\": {\"Error\": {\"Code\": \"First\"}, \"Error\": {\"Code\": \"Second\"}}}", &s);
  z = trtcFormsText("{\"Response\": {\"Error\": {\"Code\": \"First\"}, \"Error\": {\"Code\": \"Second\"}}}",
                    s.errorCode);
  is_str(z, "First", "a repeated Error: the first counts");
  free(z);
  is_str(s.zRepeated, "Error", "... and the repetition is reported");
  check_kind("{\"Error\": null, \"Error\": {\"Code\": \"A\"}, \"Data\": []}", TRTC_FORM_USER_EVENTS, 0,
             "a first Error that is null: not an error");
  check_kind("{\"Data\": null, \"Data\": [{\"PeerId\": \"a\", \"Content\": []}]}", TRTC_FORM_NOT_RESPONSE, 0,
             "a repeated Data: the first counts (null: no list)");
  check_same_content("{\"Data\": [{\"PeerId\": \"root\", \"Content\": []}], \"Response\": {\"Data\": []}}",
                     "[{\"PeerId\": \"root\", \"Content\": []}]", 1,
                     "the root's list and Response's: the first in text order");
  check_same_content("{\"Response\": {\"Data\": null}, \"Data\": [{\"PeerId\": \"r\", \"Content\": []}]}",
                     "[{\"PeerId\": \"r\", \"Content\": []}]", 1, "... the first that is a list");
  check_kind("{\"Error\": {\"Code\": \"A\"}, \"Response\": {\"Data\": []}}", TRTC_FORM_API_ERROR, TRTC_SHAPE_INNER,
             "an Error at the root beside Response's list: an API error");
  check_kind("{\"Response\": {\"D\\u0061ta\": [{\"Peer\\u0049d\": \"a\"}]}}", TRTC_FORM_USER_EVENTS,
             TRTC_SHAPE_WRAPPED, "keys written with escapes are the keys they stand for");
  check_kind("{\"Data\": [], \"AbnormalExperienceList\": []}", TRTC_FORM_NOT_RESPONSE, 0,
             "both lists: no response of one API");
  summarize("{\"Data\": [], \"Error\": {\"Code\": \"A\"}}", &s);
  ok(s.eKind == TRTC_FORM_API_ERROR && s.bErrorAndList, "an Error beside a list is an API error, noted");

  /* RequestId and texts. */
  check_text(zUser, "r-1", "RequestId of a wrapped response");
  check_text("{\"RequestId\": \"a\\u00e9\\ud83d\\ude00\\n\", \"Data\": []}", "a\xC3\xA9\xF0\x9F\x98\x80\n",
             "escapes and surrogate pairs decoded");
  check_text("{\"RequestId\": \"x\\u0000y\\udc00\", \"Data\": []}", "x\xEF\xBF\xBDy\xEF\xBF\xBD",
             "\\u0000 and a lone surrogate become U+FFFD");
  check_text("{\"RequestId\": 5, \"Data\": []}", 0, "a RequestId that is not a string is none");
  summarize("{\"Error\": {\"Code\": 400, \"Message\": \"m\"}}", &s);
  z = trtcFormsText("{\"Error\": {\"Code\": 400, \"Message\": \"m\"}}", s.errorCode);
  is_str(z, "400", "a numeric Code as written");
  free(z);
  ok(trtcFormsText("x", s.requestId) == 0, "an absent value has no text");

  /* ---- Content: the same response in any form, layout or fetch ---- */
  check_same_content(zUser,
                     "{\"Data\":[{\"PeerId\":\"alice\",\"Content\":[{\"Type\":0,\"Time\":1700000000123,\"EventId\":"
                     "5001,\"ParamOne\":-1,\"ParamTwo\":-1}]}],\"RequestId\":\"r-1\"}",
                     1, "wrapped vs inner, minified: the same content");
  check_same_content(zUser,
                     "[\n  {\n    \"PeerId\": \"alice\",\n    \"Content\": [\n      {\"Type\": 0, \"Time\": 1700000000123,"
                     " \"EventId\": 5001, \"ParamOne\": -1, \"ParamTwo\": -1}\n    ]\n  }\n]\n",
                     1, "the bare list, indented: the same content");
  check_same_content(zUser,
                     "{\"RequestId\": \"r-2\", \"Data\": [{\"PeerId\": \"alice\", \"Content\": [{\"Type\": 0, \"Time\": "
                     "1700000000123, \"EventId\": 5001, \"ParamOne\": -1, \"ParamTwo\": -1}]}]}",
                     1, "fetched again (another RequestId): the same content");
  check_same_content(zUser,
                     "{\"Data\": [{\"PeerId\": \"alice\", \"Content\": [{\"Type\": 0, \"Time\": 1700000000124, "
                     "\"EventId\": 5001, \"ParamOne\": -1, \"ParamTwo\": -1}]}]}",
                     0, "one Time differs: another content");
  check_same_content("[{\"PeerId\": \"a b\", \"Content\": []}]", "[{\"PeerId\": \"ab\", \"Content\": []}]", 0,
                     "white space inside strings counts");
  {
    unsigned char b1[TRTC_SHA3_SIZE], b2[TRTC_SHA3_SIZE];
    trtcFormsContentHash("[1,2]", 5, b1);
    trtcFormsContentHash("[12]", 4, b2);
    ok(memcmp(b1, b2, TRTC_SHA3_SIZE) != 0, "[1,2] and [12] differ (commas count)");
    static const char zMin[] = "{\"a\":[1,{\"b\":2}],\"c\":3}";
    static const char zSpaced[] = "{ \"a\" : [ 1 , { \"b\" : 2 } ] , \"c\" : 3 }";
    trtcFormsContentHash(zMin, sizeof(zMin) - 1, b1);
    trtcFormsContentHash(zSpaced, sizeof(zSpaced) - 1, b2);
    ok(memcmp(b1, b2, TRTC_SHA3_SIZE) == 0, "white space between tokens does not count");
    trtcSha3(zMin, sizeof(zMin) - 1, b2);
    ok(memcmp(b1, b2, TRTC_SHA3_SIZE) == 0, "the content hash is the SHA3-256 of the minified text");
    ok(trtcFormsContentHash("[1] [2]", 7, b1) == TRTC_FORMS_REFUSED, "two values have no content hash");
  }

  edges();
  odd();
  oom();
  replay_corpus();
  return done();
}
