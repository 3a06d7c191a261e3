/*
** tests/test_walk.c: the JSON reader (src/trtc_json.c) and the response
** walker (src/trtc_walk.c) driven directly, without SQL: every syntax
** error with its place and reason, numbers read by trtc_event()'s rule,
** escapes, and the rows a walk gives for a shape of the test's own
** (DescribeCallDetailInfo's UserList-like "Rooms"/"Users" list, which the
** extension does not read: the walker knows shapes only as data).
*/
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "trtc_json.h"
#include "trtc_walk.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- trtcJsonCheck ------------------------------------------------------ */

static const struct {
  const char *z;
  int iPos;          /* -1: valid */
  const char *zWhat;
} aCheck[] = {
    { "{}", -1, 0 },
    { " [1, -0, 2.5e-3, \"a\\u00e9\\n\", true, false, null, {\"k\": [[]]}] ", -1, 0 },
    { "", 0, "the text is empty" },
    { " \n", 2, "the text is only whitespace" },
    { "[1,]", 3, "something that is not a JSON value" },
    { "{\"a\":1,}", 7, "expected a string key in an object" },
    { "{\"a\" 1}", 5, "expected ':' after a key" },
    { "{\"a\":1 \"b\":2}", 7, "expected ',' or '}' in an object" },
    { "[1 2]", 3, "expected ',' or ']' in an array" },
    { "[1", 2, "the text ends inside an object or array" },
    { "{\"a\":", 5, "the text ends where a value should be" },
    { "\"abc", 0, "a string that never ends" },
    { "\"a\tb\"", 2, "a control character inside a string" },
    { "\"\\x\"", 1, "an invalid escape in a string" },
    { "\"\\u12g4\"", 1, "a \\u escape without four hex digits" },
    { "01", 0, "a number with a leading zero" },
    { "-", 0, "a number without digits" },
    { "1.", 0, "a number without digits after '.'" },
    { "1e+", 0, "a number without exponent digits" },
    { "tru", 0, "something that is not a JSON value" },
    { "[] x", 3, "more text after the end of the JSON value" },
    { "\f[]", 0, "something that is not a JSON value" },
    { "[1.5e]", 1, "a number without exponent digits" },
    { "[1e-2, 3E+4, \"\\u00C9\"]", -1, 0 },
    { "\"\\", 0, "a string that never ends" },
    { "\"\\u12\"", 1, "a \\u escape without four hex digits" },
    { "{\"a\"", 4, "expected ':' after a key" },
};

static void testCheck(void) {
  int i;
  for (i = 0; i < COUNT(aCheck); i++) {
    TrtcJsonError e = { -2, 0 };
    char zWhat[120];
    int bOk = trtcJsonCheck((const unsigned char *)aCheck[i].z, (int)strlen(aCheck[i].z), &e, 0);
    snprintf(zWhat, sizeof(zWhat), "check %d: %s", i, aCheck[i].iPos < 0 ? "valid" : aCheck[i].zWhat);
    if (aCheck[i].iPos < 0) {
      ok(bOk, zWhat);
    } else {
      ok(!bOk && e.iPos == aCheck[i].iPos && e.zWhat && strcmp(e.zWhat, aCheck[i].zWhat) == 0, zWhat);
      if (bOk || e.iPos != aCheck[i].iPos) printf("#   got pos %d: %s\n", e.iPos, e.zWhat ? e.zWhat : "-");
    }
  }
}

/* Nesting: 2000 levels are fine, 2001 are not. */
static void testDepth(void) {
  static char z[2 * 2001 + 1];
  TrtcJsonError e;
  memset(z, '[', 2000);
  memset(z + 2000, ']', 2000);
  ok(trtcJsonCheck((const unsigned char *)z, 4000, &e, 0), "2000 nested arrays are JSON");
  memset(z, '[', 2001);
  memset(z + 2001, ']', 2001);
  ok(!trtcJsonCheck((const unsigned char *)z, 4002, &e, 0) && e.iPos == 2000,
     "2001 nested arrays are refused at the 2001st '['");
}

/* ---- Numbers -------------------------------------------------------------- */

static const struct {
  const char *z;
  int bInt;
  sqlite3_int64 v;
} aNumber[] = {
    { "5003", 1, 5003 },
    { "-1", 1, -1 },
    { "0", 1, 0 },
    { "-0", 1, 0 },
    { "5003.0", 1, 5003 },
    { "5.003e3", 1, 5003 },
    { "50030E-1", 1, 5003 },
    { "5003.5", 0, 0 },
    { "1e-400", 1, 0 },       /* SQLite reads it as 0.0 */
    { "9223372036854775807", 1, (sqlite3_int64)9223372036854775807LL },
    { "-9223372036854775808", 1, (sqlite3_int64)(-9223372036854775807LL - 1) },
    { "9223372036854775808", 0, 0 },  /* 2^63: beyond */
    { "-9223372036854775809", 1, (sqlite3_int64)(-9223372036854775807LL - 1) }, /* rounds to -2^63 */
    { "18446744073709551615", 0, 0 },
    { "1e400", 0, 0 },
    { "123456789012345678901234567890", 0, 0 },
    { "0.000000000000000000000000001e27", 1, 1 },
    { "1E+5", 1, 100000 },
    { "-1.5e3", 1, -1500 },
    { "25e-1", 0, 0 },
    { "1e-0", 1, 1 },
    { "1.00000000000000000000000000001", 1, 1 },  /* digits past the 19th dropped: a double holds 1.0 */
    { "1e99999999", 0, 0 },
    { "-1e400", 0, 0 },
};

static void testNumbers(void) {
  int i;
  for (i = 0; i < COUNT(aNumber); i++) {
    const unsigned char *z = (const unsigned char *)aNumber[i].z;
    int n = (int)strlen(aNumber[i].z), iEnd = -1;
    sqlite3_int64 v = 42;
    int bInt = trtcJsonNumberInt64(z, n, 0, &v, &iEnd);
    char zWhat[120];
    snprintf(zWhat, sizeof(zWhat), "number %s: %s", aNumber[i].z, aNumber[i].bInt ? "an integer" : "not one");
    ok(bInt == aNumber[i].bInt && (!bInt || v == aNumber[i].v) && iEnd == n, zWhat);
    if (bInt != aNumber[i].bInt || (bInt && v != aNumber[i].v)) printf("#   got %d, %lld\n", bInt, v);
  }
}

/* ---- Escapes -------------------------------------------------------------- */

static void testUnescape(void) {
  static const char zIn[] = "a\\\"b\\\\c\\/d\\n\\u00e9\\u4e2d\\ud83d\\ude00\\ud800x";
  static const char zWant[] = "a\"b\\c/d\n\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\xed\xa0\x80x";
  char zOut[sizeof(zIn)];
  int n = trtcJsonUnescape((const unsigned char *)zIn, (int)strlen(zIn), zOut);
  ok(n == (int)strlen(zWant) && memcmp(zOut, zWant, (size_t)n) == 0,
     "escapes: quote, backslash, slash, newline, 2-, 3- and 4-byte UTF-8, a lone surrogate");
}

/* ---- Iterating ------------------------------------------------------------ */

static void testIter(void) {
  static const char z[] = "{\"a\": [1, {\"x\": 2}], \"b\\u0063\": \"t\", \"d\": null}";
  TrtcJsonIter it;
  int nMember = 0, bSawBc = 0;
  trtcJsonEnter(&it, (const unsigned char *)z, (int)strlen(z), 0);
  while (trtcJsonNext(&it)) {
    nMember++;
    if (trtcJsonKeyIs(&it, "bc", 2)) bSawBc = z[it.iVal] == '"';
  }
  ok(nMember == 3 && bSawBc && it.iEnd == (int)strlen(z),
     "iterating an object: 3 members, an escaped key, the end after '}'");
}

/* ---- Reading text that was not checked: never past n ---------------------- */

/* The watch is told the top-level members, at depth 1 and 2 only. */
static void countMember(void *pArg, int iDepth, const TrtcJsonIter *pMember) {
  int *a = pArg;
  (void)pMember;
  a[iDepth - 1]++;
}

static void testUnchecked(void) {
  static const char *const azTrunc[] = { "[1, \"a", "\"abc", "{\"a\": [1, {\"b\": 2", "123" };
  TrtcJsonIter it;
  TrtcJsonError e;
  int a[2] = { 0, 0 }, i, iStart, iEnd, bEsc, bAllAtEnd = 1;
  char zOut[64];
  TrtcJsonWatch watch = { countMember, a };
  static const char zDoc[] = "{\"a\": 1, \"b\": {\"c\": {\"d\": 1}, \"e\": [{\"f\": 1}]}, \"g\": [{\"h\": 1}]}";

  ok(trtcJsonCheck((const unsigned char *)zDoc, (int)strlen(zDoc), &e, &watch) && a[0] == 3 && a[1] == 2,
     "the watch hears the 3 root members and the 2 members of objects that are their values");
  a[0] = a[1] = 0;
  ok(!trtcJsonCheck((const unsigned char *)"{\"a\":", 5, &e, &watch) && a[0] == 0,
     "... but not of a member whose value is missing");

  for (i = 0; i < COUNT(azTrunc); i++) {
    int n = (int)strlen(azTrunc[i]);
    if (trtcJsonSkip((const unsigned char *)azTrunc[i], n, 0) != n) bAllAtEnd = 0;
  }
  ok(bAllAtEnd && trtcJsonSkip((const unsigned char *)"1", 1, 1) == 1,
     "skipping a truncated value stops at the end");
  ok(trtcJsonString((const unsigned char *)"\"ab\\", 4, 0, &iStart, &iEnd, &bEsc) == 4 && iEnd == 4 && bEsc,
     "a string cut after a backslash ends at the end");

  trtcJsonEnter(&it, (const unsigned char *)"[", 1, 1);
  ok(!trtcJsonNext(&it) && it.iEnd == 1, "iterating from past the end: nothing");
  trtcJsonEnter(&it, (const unsigned char *)"{\"a\": 1", 7, 0);
  ok(trtcJsonNext(&it) && !trtcJsonNext(&it) && it.iEnd == 7, "an object cut after a value: one member");
  trtcJsonEnter(&it, (const unsigned char *)"{\"a\":", 5, 0);
  ok(!trtcJsonNext(&it), "an object cut after a key: none");
  trtcJsonEnter(&it, (const unsigned char *)"[1 2]", 5, 0);
  ok(trtcJsonNext(&it) && !trtcJsonNext(&it) && it.iEnd == 4, "an array without a comma: stops at what follows");
  {
    static const char zLong[] =
        "{\"\\u0061aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": 1}";
    trtcJsonEnter(&it, (const unsigned char *)zLong, (int)strlen(zLong), 0);
    ok(trtcJsonNext(&it) && !trtcJsonKeyIs(&it, "a", 1), "an escaped key longer than any field name matches none");
  }

  i = trtcJsonUnescape((const unsigned char *)"\\b\\f\\r\\t\\u00C9\\uD83D\\u0041\\uDE00\\u12", 36, zOut);
  ok(i == 4 + 2 + 3 + 1 + 3 + 2 && memcmp(zOut, "\b\f\r\t\xc3\x89\xed\xa0\xbd" "A\xed\xb8\x80" "12", (size_t)i) == 0,
     "escapes: \\b \\f \\r \\t, upper-case hex, a high surrogate not followed by a low one, a cut \\u");
  i = trtcJsonUnescape((const unsigned char *)"a\\", 2, zOut);
  ok(i == 2 && memcmp(zOut, "a\\", 2) == 0, "a backslash at the end stays");
}

/* ---- Walking a shape of the test's own ------------------------------------ */

enum { ROOM_NAME, ROOM_N };
static const TrtcWalkField aRoom[ROOM_N] = {
    [ROOM_NAME] = TRTC_WALK_FIELD("Name", TRTC_FIELD_TEXT),
};
enum { USER_ID, USER_JOIN, USER_N };
static const TrtcWalkField aUser[USER_N] = {
    [USER_ID] = TRTC_WALK_FIELD("UserId", TRTC_FIELD_TEXT),
    [USER_JOIN] = TRTC_WALK_FIELD("JoinTs", TRTC_FIELD_INT),
};
static const TrtcWalkShape sRooms = {
    .zList = "Rooms", .zItems = "Users",
    .aGroup = aRoom, .nGroup = ROOM_N,
    .aItem = aUser, .nItem = USER_N,
    .bEmptyGroupRow = 1,
};

/* The walk's rows as "room:user:join;..." ("-" for NULL), or its error. */
static void walkRows(const char *zJson, char *zOut, int nOut) {
  TrtcWalk w;
  int rc, n = 0;
  zOut[0] = 0;
  trtcWalkInit(&w);
  rc = trtcWalkStart(&w, &sRooms, (const unsigned char *)zJson, (int)strlen(zJson));
  while (rc == TRTC_WALK_OK && !trtcWalkEof(&w)) {
    const TrtcWalkValue *g = &trtcWalkGroup(&w)->a[ROOM_NAME];
    const TrtcWalkValue *u = &trtcWalkItem(&w)->a[USER_ID];
    const TrtcWalkValue *j = &trtcWalkItem(&w)->a[USER_JOIN];
    const char *zRoom = "-", *zUser = "-";
    int nRoom = 1, nUser = 1;
    if (g->eType == TRTC_VALUE_TEXT) trtcWalkText(&w, g, &zRoom, &nRoom);
    n += snprintf(zOut + n, (size_t)(nOut - n), "%.*s:", nRoom, zRoom);
    if (u->eType == TRTC_VALUE_TEXT) trtcWalkText(&w, u, &zUser, &nUser);
    n += snprintf(zOut + n, (size_t)(nOut - n), "%.*s:", nUser, zUser);
    if (j->eType == TRTC_VALUE_INT) {
      n += snprintf(zOut + n, (size_t)(nOut - n), "%lld;", j->iInt);
    } else {
      n += snprintf(zOut + n, (size_t)(nOut - n), "-;");
    }
    rc = trtcWalkNext(&w);
  }
  if (rc == TRTC_WALK_MALFORMED) {
    char *z = trtcWalkErrorMessage(&w);
    snprintf(zOut, (size_t)nOut, "%s", z ? z : "nomem");
    sqlite3_free(z);
  } else if (rc == TRTC_WALK_API_ERROR) {
    char *z = trtcWalkApiError(&w);
    snprintf(zOut, (size_t)nOut, "API error %s", z ? z : "nomem");
    sqlite3_free(z);
  }
  trtcWalkFree(&w);
}

static const struct {
  const char *zJson;
  const char *zWant;
  const char *zWhat;
} aWalk[] = {
    { "{\"Response\": {\"Rooms\": [{\"Name\": \"r1\", \"Users\": [{\"UserId\": \"a\", \"JoinTs\": 7},"
      " {\"UserId\": \"b\", \"JoinTs\": \"8\"}]}], \"RequestId\": \"x\"}}",
      "r1:a:7;r1:b:8;", "wrapped: the group's field before its items" },
    { "{\"Rooms\": [{\"Users\": [{\"JoinTs\": 1}, 5, {\"UserId\": \"c\"}], \"Name\": \"late\"}]}",
      "late:-:1;late:c:-;", "inner: the field after the items; a non-object item skipped" },
    { "[{\"Name\": \"empty\", \"Users\": []}, {\"Name\": \"none\"}, 3, {\"Name\": \"n\", \"Users\": null}]",
      "empty:-:-;none:-:-;n:-:-;", "bare list: groups without items give one row; 3 is skipped" },
    { "{\"Rooms\": null, \"Rooms\": [{\"Name\": \"second\"}]}", "",
      "a repeated key: the first counts, even null" },
    { "{\"Response\": {\"Rooms\": [{\"Name\": \"inner\"}]}, \"Rooms\": [{\"Name\": \"outer\"}]}",
      "inner:-:-;", "the first list in the text wins" },
    { "{\"Rooms\": [{\"Name\": \"r\", \"Name\": \"s\", \"Users\": [{\"UserId\": \"u\", \"UserId\": \"v\"}],"
      " \"Users\": [{\"UserId\": \"w\"}]}]}",
      "r:u:-;", "repeated fields and items: the first" },
    { "{\"Rooms\": [{\"N\\u0061me\": \"\\u00e9t\\u00e9\", \"Users\": [{\"UserId\": 12.50}]}]}",
      "\xc3\xa9t\xc3\xa9:12.50:-;", "escaped key and text; a number as text as written" },
    { "\xef\xbb\xbf{\"Rooms\": [{\"Name\": \"bom\"}]}", "bom:-:-;", "a UTF-8 byte-order mark" },
    { "{\"Rooms\": [{\"Name\": \"r\", \"Users\": [{\"UserId\": \"a\"}]}],"
      " \"Response\": {\"Error\": {\"Message\": \"m\", \"Code\": \"C\"}}}",
      "API error C: m", "an Error after the list: an error, before any row" },
    { "{\"Error\": {\"Code\": 5}}", "API error 5: (no Message)", "a numeric Code, no Message" },
    { "{\"Error\": \"text\"}", "", "an Error that is not an object is no error" },
    { "{\"Rooms\": [{\"Name\": \"r\"}]", "malformed JSON at byte 25 (line 1, column 26): "
      "the text ends inside an object or array", "malformed: nothing but the error" },
    { "5", "", "JSON that is not a response: no rows" },
};

static void testWalk(void) {
  int i;
  for (i = 0; i < COUNT(aWalk); i++) {
    char zGot[400];
    walkRows(aWalk[i].zJson, zGot, (int)sizeof(zGot));
    is_str(zGot, aWalk[i].zWant, aWalk[i].zWhat);
  }
}

int main(void) {
  plan(COUNT(aCheck) + 2 + COUNT(aNumber) + 1 + 1 + 11 + COUNT(aWalk));
  testCheck();
  testDepth();
  testNumbers();
  testUnescape();
  testIter();
  testUnchecked();
  testWalk();
  return done();
}
