/*
** tests/test_store.c: src/cli/store.c through its contract (store.h), as
** "trtc ingest" and "trtc fetch" call it: what the command line never
** reaches (a response in its own transaction, quiet mode, SQLite's length
** limit, stored rows an old or foreign program left, contexts that
** conflict on every field, a merge that would break the identity index);
** then failures at every point: the Nth SQLite allocation failing, and
** the Nth write to the database file failing (an I/O error, a full disk).
** Each run must end cleanly (TRTC_OK or a reported TRTC_FAIL), leak no
** SQLite memory, and leave a database that passes integrity_check.
**
**   tests/test_store        (TAP)
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "forms.h"
#include "store.h"
#include "tap.h"

/* ---- Responses ---------------------------------------------------------- */

static const char zAlice[] =
    "{\"Response\": {\"Data\": [{\"PeerId\": \"alice\", \"Content\": ["
    "{\"Type\": 0, \"Time\": 1700000000123, \"EventId\": 5001, \"ParamOne\": -1, \"ParamTwo\": -1},"
    "{\"Type\": 0, \"Time\": 1700000000, \"EventId\": 5003, \"ParamOne\": 1, \"ParamTwo\": -1}]}],"
    " \"RequestId\": \"r-alice\"}}";
static const char zUnusual[] =
    "{\"Response\": {\"AbnormalExperienceList\": [{\"UserId\": \"bob\", \"RoomId\": \"8008\", \"EventTime\": "
    "1700000060000, \"ExperienceId\": 4, \"AbnormalEventList\": [{\"AbnormalEventId\": 2024, \"PeerId\": \"alice\"}]}],"
    " \"RequestId\": \"r-unusual\"}}";
static const char zError[] =
    "{\"Response\": {\"Error\": {\"Code\": \"LimitExceeded\", \"Message\": \"m\"}, \"RequestId\": \"r-error\"}}";
/* Seven peers, none the user. */
static const char zPeers[] =
    "[{\"PeerId\": \"p1\", \"Content\": [{\"EventId\": 5001}]}, {\"PeerId\": \"p2\", \"Content\": [{\"EventId\": 5001}]},"
    " {\"PeerId\": \"p3\", \"Content\": [{\"EventId\": 5001}]}, {\"PeerId\": \"p4\", \"Content\": [{\"EventId\": 5001}]},"
    " {\"PeerId\": \"p5\", \"Content\": [{\"EventId\": 5001}]}, {\"PeerId\": \"p6\", \"Content\": [{\"EventId\": 5001}]},"
    " {\"PeerId\": \"p7\", \"Content\": [{\"EventId\": 5001}]}]";

/* ---- Warnings, collected ---------------------------------------------------- */

static int nWarn;
static char zLastWarn[4000]; /* every warning's text since the last reset */
static unsigned warnMask; /* 1 << code of each warning seen */

static void onWarn(void *pCtx, const char *zSource, int eCode, const char *zMsg) {
  (void)pCtx;
  (void)zSource;
  nWarn++;
  warnMask |= 1u << eCode;
  snprintf(zLastWarn + strlen(zLastWarn), sizeof(zLastWarn) - strlen(zLastWarn), "%s\n", zMsg);
}

static void resetWarnings(void) {
  nWarn = 0;
  warnMask = 0;
  zLastWarn[0] = 0;
}

static TrtcResponseIn response(const char *zSource, const char *zBody, const char *zUser) {
  TrtcResponseIn in;
  memset(&in, 0, sizeof(in));
  in.zSource = zSource;
  in.zBody = zBody;
  in.nBody = strlen(zBody);
  in.zUserId = zUser;
  return in;
}

static char *query1(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  char *z = 0;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    z = sqlite3_mprintf("%s", sqlite3_column_text(pStmt, 0) ? (const char *)sqlite3_column_text(pStmt, 0) : "NULL");
  }
  sqlite3_finalize(pStmt);
  return z;
}

static sqlite3_int64 queryInt64(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  sqlite3_int64 v = -1;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    v = sqlite3_column_int64(pStmt, 0);
  }
  sqlite3_finalize(pStmt);
  return v;
}

static void check_sql(sqlite3 *db, const char *zSql, const char *zWant, const char *zWhat) {
  char *z = query1(db, zSql);
  is_str(z, zWant, zWhat);
  sqlite3_free(z);
}

/* ---- What the command line does not reach ----------------------------------- */

static void functional(const char *zDir) {
  TrtcStore *p = 0;
  TrtcStoreOptions o = {30000, 1};
  TrtcResponseIn in;
  TrtcStoreOutcome out;
  char zPath[512];
  sqlite3 *db;
  int nDecoded, nFailed, rc;

  snprintf(zPath, sizeof(zPath), "%s/functional.db", zDir);
  ok(trtcStoreOpen(zPath, &o, &p) == TRTC_OK, "open a new database");

  /* Its own transaction; quiet: warnings counted, not said. */
  in = response("alice.json", zAlice, "alice");
  rc = trtcStoreResponse(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_NEW && out.nEvents == 2 && out.nWarnings == 2,
     "a response in its own transaction; quiet, its warnings (seconds, no comm_id) counted");
  db = trtcStoreDb(p);
  ok(sqlite3_get_autocommit(db), "... committed");
  check_sql(db, "SELECT group_concat(time_ms, ' ') FROM (SELECT time_ms FROM trtc_event_log ORDER BY seq)",
            "1700000000123 1700000000000",
            "... Time in seconds converted");
  rc = trtcStoreResponse(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_ALREADY && out.nWarnings == 1,
     "the same response again from the same source, same session: already there, said (twice in it)");

  trtcStoreOnWarning(p, onWarn, 0);
  /* SQLite's length limit. */
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 64);
  ok(trtcStoreMaxBody(p) == 64, "trtcStoreMaxBody is SQLITE_LIMIT_LENGTH");
  in = response("big.json", zAlice, "alice");
  rc = trtcStoreResponse(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_REFUSED && out.eReason == TRTC_R_TOO_BIG,
     "a body over SQLite's length limit is refused");
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1000000000);
  in = response("x.json", "{\"Data\": [", "alice");
  rc = trtcStoreResponse(p, &in, &out);
  ok(rc == TRTC_OK && out.eReason == TRTC_R_NOT_JSON && strstr(out.zWhy, "not JSON"), "malformed JSON is refused");

  /* Explicit transaction and savepoints. */
  resetWarnings();
  ok(trtcStoreBegin(p) == TRTC_OK && trtcStoreSavepoint(p) == TRTC_OK, "begin, savepoint");
  in = response("unusual.json", zUnusual, 0);
  in.zRoomId = "8008";
  rc = trtcStoreResponse(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_NEW && out.nUnusual == 1 && (warnMask & (1u << TRTC_W_EVENTTIME_MS)),
     "an unusual-event response in ms: converted, warned");
  ok(trtcStoreRollbackTo(p) == TRTC_OK, "rolled back to the savepoint");
  check_sql(db, "SELECT count(*) FROM trtc_unusual_log", "0", "... nothing of it left");
  ok(trtcStoreSavepoint(p) == TRTC_OK, "savepoint again");
  rc = trtcStoreResponse(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_NEW && trtcStoreRelease(p) == TRTC_OK && trtcStoreCommit(p) == TRTC_OK,
     "stored, released, committed");
  ok(trtcStoreBegin(p) == TRTC_OK && trtcStoreCommit(p) == TRTC_OK && sqlite3_get_autocommit(db),
     "a transaction that wrote nothing ends");
  ok(trtcStoreBegin(p) == TRTC_OK, "begin");
  trtcStoreRollback(p);
  ok(sqlite3_get_autocommit(db), "rollback");

  /* Peers, context. */
  resetWarnings();
  in = response("peers.json", zPeers, "zed");
  rc = trtcStoreResponse(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_NEW && strstr(zLastWarn, "p1, p2, p3, p4, p5, ...") != 0 &&
         (warnMask & (1u << TRTC_W_USER_NOT_PEER)) && (warnMask & (1u << TRTC_W_NO_COMM_ID)),
     "seven peers, none the user: warned; no comm_id nor room_id: warned");
  resetWarnings();
  in = response("peers.json", zPeers, "zed");
  in.bSdkAppId = 1;
  in.iSdkAppId = 7;
  in.zCommId = "8_r_1";
  in.zRoomId = "r";
  rc = trtcStoreResponse(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_ALREADY && (warnMask & (1u << TRTC_W_CONTEXT_ADDED)),
     "the same content with more context: completed");
  resetWarnings();
  in.iSdkAppId = 9;
  in.zCommId = "9_s_1";
  in.zRoomId = "s";
  rc = trtcStoreResponse(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_REFUSED && out.eReason == TRTC_R_OTHER_CONTEXT &&
         strstr(out.zWhy, "sdk_app_id \"7\" (now \"9\"); comm_id \"8_r_1\" (now \"9_s_1\"); room_id \"r\" (now \"s\")") != 0 &&
         strstr(out.zWhy, "--replace") != 0,
     "... another context on every field: refused (it would count twice), saying how to replace");
  resetWarnings();
  in.bReplace = 1;
  rc = trtcStoreResponse(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_NEW && (warnMask & (1u << TRTC_W_OTHER_CONTEXT)) &&
         strstr(zLastWarn, "replaces response_id") != 0,
     "... with bReplace: stored, the old one replaced, warned");
  check_sql(db, "SELECT group_concat(sdk_app_id || '/' || comm_id, ' ') || ' ' ||"
            " (SELECT count(*) FROM trtc_event_log WHERE comm_id = '8_r_1') FROM trtc_responses WHERE user_id = 'zed'",
            "9/9_s_1 0", "... only the new one is left, and none of the old rows");
  in.bReplace = 0;

  /* Candidates found both ways, out of order: one by RequestId (the later
  ** one), one by content. */
  resetWarnings();
  {
    char zQ[sizeof(zAlice) + 16];
    snprintf(zQ, sizeof(zQ), "%s", zAlice);
    memcpy(strstr(zQ, "r-alice"), "r-qqqqq", 7);
    in = response("q.json", zQ, "quinn");
    in.zCommId = "c";
    rc = trtcStoreResponse(p, &in, &out);
    ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_REFUSED && out.eReason == TRTC_R_OTHER_CONTEXT &&
           strstr(out.zWhy, "(the same content)") != 0,
       "the same content for another user: refused, found by content");
    in.zUserId = "alice";
    in.zCommId = 0;
    rc = trtcStoreResponse(p, &in, &out);
    ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_ALREADY, "for the user it was stored for: already there");
  }

  /* Rows another program left: an API not decodable, one to decode. */
  resetWarnings();
  sqlite3_exec(db,
               "PRAGMA ignore_check_constraints = ON;"
               "INSERT INTO trtc_responses (api, user_id, body, body_sha3, content_sha3)"
               " VALUES ('DescribeFoo', 'x', '[]', x'00', x''),"
               "        ('DescribeUserEvent', 'y', '{\"Data\": [{\"PeerId\": \"y\", \"Content\": [{\"EventId\": 5001}]}]}',"
               "         x'01', x'');"
               "PRAGMA ignore_check_constraints = OFF;",
               0, 0, 0);
  rc = trtcStoreDecodePending(p, &nDecoded, &nFailed);
  ok(rc == TRTC_OK && nDecoded == 1 && nFailed == 1 && (warnMask & (1u << TRTC_W_PENDING)),
     "responses left by another program: one decoded, one marked and warned");
  check_sql(db, "SELECT decode_error FROM trtc_responses WHERE user_id = 'x'",
            "an api that is not DescribeUserEvent or DescribeUnusualEvent", "... why");
  ok(trtcStoreBegin(p) == TRTC_OK && trtcStoreDecodePending(p, &nDecoded, &nFailed) == TRTC_OK && nDecoded == 0 &&
         nFailed == 0 && trtcStoreCommit(p) == TRTC_OK,
     "... inside a transaction: nothing left");
  ok(trtcStoreWaited(p) == 0, "no time waited for locks");
  trtcStoreClose(p);

  /* A merge that would give a response the context and bytes of another:
  ** left as it is. Another program stored B (comm c, room r); A (room r)
  ** came first. */
  snprintf(zPath, sizeof(zPath), "%s/merge.db", zDir);
  ok(trtcStoreOpen(zPath, &o, &p) == TRTC_OK, "open another database");
  db = trtcStoreDb(p);
  in = response("a.json", zAlice, "alice");
  in.zRoomId = "r";
  trtcStoreResponse(p, &in, &out);
  {
    sqlite3_stmt *pStmt = 0;
    unsigned char aHash[TRTC_SHA3_SIZE];
    trtcSha3(zAlice, strlen(zAlice), aHash);
    sqlite3_prepare_v2(db,
                       "INSERT INTO trtc_responses (api, comm_id, room_id, user_id, body, body_sha3, n_rows)"
                       " VALUES ('DescribeUserEvent', 'c', 'r', 'alice', ?1, ?2, 0)",
                       -1, &pStmt, 0);
    sqlite3_bind_text(pStmt, 1, zAlice, -1, SQLITE_STATIC);
    sqlite3_bind_blob(pStmt, 2, aHash, TRTC_SHA3_SIZE, SQLITE_STATIC);
    sqlite3_step(pStmt);
    sqlite3_finalize(pStmt);
  }
  trtcStoreClose(p);
  ok(trtcStoreOpen(zPath, &o, &p) == TRTC_OK, "reopened: the other program's row gets its content hash");
  in.zCommId = "c";
  rc = trtcStoreResponse(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_ALREADY && out.iResponseId == 1, "already there, as A");
  check_sql(trtcStoreDb(p), "SELECT group_concat(ifnull(comm_id, '-'), ' ') FROM trtc_responses", "- c",
            "... A not merged into B's identity");
  trtcStoreClose(p);

  ok(trtcStoreApiName(0) == 0 && trtcStoreApiName("describedetailevent") != 0 &&
         strcmp(trtcStoreApiName("DescribeAbnormalEvent"), "DescribeUnusualEvent") == 0 && trtcStoreApiName("x") == 0,
     "trtcStoreApiName: old names, any case; others none");
}

/* ---- More of the contract: odd inputs and other programs' rows ---------------- */

static int store1(TrtcStore *p, TrtcResponseIn *pIn, TrtcStoreOutcome *pOut) {
  resetWarnings();
  return trtcStoreResponse(p, pIn, pOut);
}

static void contract(const char *zDir) {
  TrtcStore *p = 0;
  TrtcResponseIn in;
  TrtcStoreOutcome out;
  char zPath[512], zBody[200];
  sqlite3 *db;
  int rc, i, nDecoded, nFailed;

  snprintf(zPath, sizeof(zPath), "%s/contract.db", zDir);
  ok(trtcStoreOpen(zPath, 0, &p) == TRTC_OK, "open without options (the defaults), not quiet");
  db = trtcStoreDb(p);
  in = response(0, "{\"Data\": [{\"PeerId\": \"u\", \"Content\": [{\"EventId\": 5001}]}], \"RequestId\": \"\"}", "u");
  in.zCommId = "c";
  rc = trtcStoreResponse(p, &in, &out);
  check_sql(db, "SELECT quote(source_file) || quote(request_id) FROM trtc_responses", "'-'NULL",
            "no source: \"-\"; an empty RequestId is none");
  trtcStoreOnWarning(p, onWarn, 0);

  /* Labels without their origin. */
  in = response("l.json", "{\"Data\": [{\"PeerId\": \"v\", \"Content\": [{\"EventId\": 5001}]}]}", "v");
  in.zApi = "DescribeAbnormalEvent";
  in.zCommId = "c";
  rc = store1(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_NEW && strstr(zLastWarn, "labelled DescribeUnusualEvent, but") != 0,
     "a contradicting label, origin unknown");
  in = response("l.json", "{\"Data\": [{\"PeerId\": \"w\", \"Content\": [{\"EventId\": 5001}]}]}", "w");
  in.zCommId = "c";
  in.zApi = "Foo";
  rc = store1(p, &in, &out);
  ok(rc == TRTC_OK && strstr(zLastWarn, "the API label \"Foo\" names no API") != 0, "an unknown label, origin unknown");
  in.zApi = "Foo";
  in.zBody = "{\"Response\": {}}";
  in.nBody = strlen(in.zBody);
  rc = store1(p, &in, &out);
  ok(rc == TRTC_OK && out.eReason == TRTC_R_NOT_RESPONSE && nWarn == 0, "no response: refused, the label not said");

  /* API errors: no Code, no Message; beside a list; the same Error for
  ** two users (no RequestId): two responses. */
  in = response("e.json", "{\"Error\": {}}", 0);
  in.zApi = "DescribeUserEvent";
  in.zUserId = "x";
  rc = store1(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_API_ERROR && strstr(zLastWarn, "((no Code): (no Message))") != 0,
     "an API error without Code nor Message");
  check_sql(db, "SELECT error_code || '/' || quote(error_message) FROM trtc_responses WHERE source_file = 'e.json'",
            "(no Code)/NULL", "... stored so");
  in.zUserId = "y";
  rc = store1(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_API_ERROR, "... the same Error for another user: another response");
  in = response("el.json", "{\"Data\": [{\"PeerId\": \"z\"}], \"Error\": {\"Code\": \"C\", \"Message\": \"M\"}}", "z");
  rc = store1(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_API_ERROR && strstr(zLastWarn, "the list beside the Error") != 0,
     "an Error beside a list: an API error");
  check_sql(db, "SELECT notes FROM trtc_responses WHERE source_file = 'el.json'",
            "an Error beside a list: loaded as an API error", "... noted");

  /* The extension refuses what another program's trigger refuses. */
  sqlite3_exec(db,
               "CREATE TRIGGER boom BEFORE INSERT ON trtc_event_log WHEN NEW.peer_id = 'boom'"
               " BEGIN SELECT RAISE(ABORT, 'no boom here'); END",
               0, 0, 0);
  in = response("boom.json", "[{\"PeerId\": \"boom\", \"Content\": [{\"EventId\": 5001}]}]", "boom");
  rc = store1(p, &in, &out);
  ok(rc == TRTC_OK && out.eReason == TRTC_R_DECODE && strstr(out.zWhy, "no boom here") && nWarn == 0,
     "rows that cannot be stored: refused with SQLite's message, nothing kept");
  check_sql(db, "SELECT count(*) FROM trtc_responses WHERE user_id = 'boom'", "0", "... no response row");

  /* A row another program stores meanwhile (no content_sha3): the identity
  ** index says already there. */
  in = response(0, "[{\"PeerId\": \"k\", \"Content\": [{\"EventId\": 5001}]}]", "k");
  in.zCommId = "c";
  {
    sqlite3_stmt *pStmt = 0;
    unsigned char aHash[TRTC_SHA3_SIZE];
    trtcSha3(in.zBody, in.nBody, aHash);
    sqlite3_prepare_v2(db,
                       "INSERT INTO trtc_responses (api, comm_id, user_id, body, body_sha3, n_rows)"
                       " VALUES ('DescribeUserEvent', 'c', 'k', ?1, ?2, 0)",
                       -1, &pStmt, 0);
    sqlite3_bind_text(pStmt, 1, in.zBody, -1, SQLITE_STATIC);
    sqlite3_bind_blob(pStmt, 2, aHash, TRTC_SHA3_SIZE, SQLITE_STATIC);
    sqlite3_step(pStmt);
    sqlite3_finalize(pStmt);
  }
  rc = store1(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_ALREADY &&
         out.iResponseId == queryInt64(db, "SELECT response_id FROM trtc_responses WHERE user_id = 'k'"),
     "another program's row, same bytes and context: already there, as that row (its response_id)");

  /* A trigger of another program that refuses the response row: an error
  ** saying so, never "already there" (trtc fetch would take it as stored). */
  sqlite3_exec(db,
               "CREATE TRIGGER nope BEFORE INSERT ON trtc_responses WHEN NEW.user_id = 'nope'"
               " BEGIN SELECT RAISE(ABORT, 'no responses of nope'); END",
               0, 0, 0);
  in = response("nope.json", "[{\"PeerId\": \"nope\", \"Content\": [{\"EventId\": 5001}]}]", "nope");
  rc = store1(p, &in, &out);
  ok(rc == TRTC_FAIL && out.eStatus != TRTC_STORED_ALREADY, "a response row a trigger refuses: an error, not 'already there'");
  check_sql(db, "SELECT count(*) FROM trtc_responses WHERE user_id = 'nope'", "0", "... and nothing of it kept");
  sqlite3_exec(db, "DROP TRIGGER nope", 0, 0, 0);

  /* Other programs' rows without a source, found again; conflicting twice. */
  sqlite3_exec(db,
               "INSERT INTO trtc_responses (api, user_id, body, body_sha3, request_id, content_sha3, n_rows)"
               " VALUES ('DescribeUserEvent', 'm1', '[]', x'01', 'dup', x'', 0),"
               "        ('DescribeUserEvent', 'm2', '[]', x'02', 'dup', x'', 0)",
               0, 0, 0);
  in = response("dup.json", "{\"Data\": [{\"PeerId\": \"m3\", \"Content\": []}], \"RequestId\": \"dup\"}", "m3");
  in.zCommId = "c";
  rc = store1(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_REFUSED && strstr(out.zWhy, "loaded from ? with user_id \"m1\"") != 0,
     "the same RequestId under two other users: refused, the first named (source unknown)");
  in.zUserId = "m1";
  in.zCommId = 0;
  rc = store1(p, &in, &out);
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_ALREADY && strstr(zLastWarn, "already loaded from ? (") != 0,
     "... and as m1: already loaded (from an unknown source)");

  /* Many responses from one source; user ids in other cases. */
  for (i = 0; i < 70; i++) {
    snprintf(zBody, sizeof(zBody), "[{\"PeerId\": \"n%d\", \"Content\": [{\"EventId\": 5001}]}]", i);
    in = response("many.json", zBody, "n");
    in.zCommId = "c";
    rc = store1(p, &in, &out);
  }
  ok(rc == TRTC_OK && out.eStatus == TRTC_STORED_NEW, "70 responses from one source");
  in = response("case.json", "[{\"PeerId\": \"CaSe\", \"Content\": [{\"EventId\": 1}]}, {\"PeerId\": \"CASE\", "
                             "\"Content\": [{\"EventId\": 1}]}]", "case");
  in.zCommId = "c";
  in.zUserFrom = "--user";
  rc = store1(p, &in, &out);
  ok(rc == TRTC_OK && strstr(zLastWarn, "given by --user; \"CaSe\" differs only in case") != 0,
     "two PeerIds differing from the user only in case: the first named");

  /* Pending rows: with a source, notes, and times to convert; unusual
  ** rows without EventTime. */
  sqlite3_exec(db,
               "INSERT INTO trtc_responses (api, user_id, source_file, body, body_sha3, notes)"
               " VALUES ('DescribeUserEvent', 's', 'other.json',"
               " '[{\"PeerId\": \"s\", \"Content\": [{\"Time\": 1700000000, \"EventId\": 5001}]}]', x'03', 'by hand'),"
               "        ('DescribeUnusualEvent', NULL, 'other2.json',"
               " '[{\"UserId\": \"t\", \"ExperienceId\": 4}]', x'04', NULL)",
               0, 0, 0);
  resetWarnings();
  rc = trtcStoreDecodePending(p, &nDecoded, &nFailed);
  ok(rc == TRTC_OK && nDecoded == 2 && strstr(zLastWarn, "1 Time value(s) look like seconds") != 0,
     "responses left by another program, with times in seconds: decoded, converted, warned");
  check_sql(db, "SELECT notes FROM trtc_responses WHERE source_file = 'other.json'",
            "by hand; Time: 1 value(s) in seconds multiplied by 1000", "... its notes kept, the conversion added");

  /* Closed with a transaction open: rolled back. */
  ok(trtcStoreBegin(p) == TRTC_OK, "begin");
  in = response("open.json", "[{\"PeerId\": \"o\", \"Content\": [{\"EventId\": 1}]}]", "o");
  trtcStoreResponse(p, &in, &out);
  trtcStoreClose(p);
  {
    sqlite3 *db2 = 0;
    sqlite3_open(zPath, &db2);
    check_sql(db2, "SELECT count(*) FROM trtc_responses WHERE user_id = 'o'", "0",
              "closed inside a transaction: rolled back");
    sqlite3_close(db2);
  }
}

/* An old database (sql/ingest.sh's schema) with bodies of every kind:
** migrated and backfilled. */
static const char zOldSchema[] =
    "CREATE TABLE trtc_responses (response_id INTEGER PRIMARY KEY, api TEXT NOT NULL"
    " CHECK (api IN ('DescribeUserEvent', 'DescribeUnusualEvent')), sdk_app_id INTEGER, comm_id TEXT,"
    " room_id TEXT, user_id TEXT, source_file TEXT, body TEXT NOT NULL, body_sha3 BLOB NOT NULL,"
    " error_code TEXT, error_message TEXT, n_rows INTEGER, loaded_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);"
    "INSERT INTO trtc_responses (api, user_id, body, body_sha3, n_rows) VALUES"
    " ('DescribeUserEvent', 'a', '{\"Data\": [], \"RequestId\": \"old-1\"}', x'01', 0),"
    " ('DescribeUserEvent', 'b', '5', x'02', 0),"
    " ('DescribeUserEvent', 'c', '{\"Data\": [', x'03', NULL);";

static void oldDatabase(const char *zPath) {
  sqlite3 *db = 0;
  unlink(zPath);
  sqlite3_open(zPath, &db);
  sqlite3_exec(db, zOldSchema, 0, 0, 0);
  sqlite3_close(db);
}

/* ---- The whole life of a store, for the failure loops ------------------------ */

/* Open, store each kind of response in a transaction and one in its own,
** decode what another program left, close. TRTC_OK or TRTC_FAIL/BUSY. */
static int lifecycle(const char *zPath) {
  TrtcStore *p = 0;
  TrtcStoreOptions o = {0, 1};
  TrtcResponseIn in;
  TrtcStoreOutcome out;
  int rc, nDecoded, nFailed;
  rc = trtcStoreOpen(zPath, &o, &p);
  if (rc) return rc;
  trtcStoreOnWarning(p, onWarn, 0);
  rc = trtcStoreBegin(p);
  if (rc == TRTC_OK) rc = trtcStoreSavepoint(p);
  in = response("alice.json", zAlice, "alice");
  if (rc == TRTC_OK) rc = trtcStoreResponse(p, &in, &out);
  in = response("unusual.json", zUnusual, 0);
  if (rc == TRTC_OK) rc = trtcStoreResponse(p, &in, &out);
  in = response("error.json", zError, "alice");
  if (rc == TRTC_OK) rc = trtcStoreResponse(p, &in, &out);
  in = response("peers.json", zPeers, "p1");
  in.zCommId = "c";
  if (rc == TRTC_OK) rc = trtcStoreResponse(p, &in, &out);
  in.zCommId = "d";
  if (rc == TRTC_OK) rc = trtcStoreResponse(p, &in, &out);
  if (rc == TRTC_OK) rc = trtcStoreRelease(p);
  if (rc == TRTC_OK) rc = trtcStoreCommit(p);
  if (rc != TRTC_OK) trtcStoreRollback(p);
  in = response("alice.json", zAlice, "alice");
  in.zCommId = "c";
  if (rc == TRTC_OK) rc = trtcStoreResponse(p, &in, &out);
  if (rc == TRTC_OK) {
    sqlite3_exec(trtcStoreDb(p),
                 "INSERT INTO trtc_responses (api, user_id, body, body_sha3)"
                 " VALUES ('DescribeUserEvent', 'y', '{\"Data\": [{\"PeerId\": \"y\", \"Content\": [{}]}]}', x'01'),"
                 "        ('DescribeUserEvent', 'z', '{\"Data\": [', x'02')",
                 0, 0, 0);
    rc = trtcStoreDecodePending(p, &nDecoded, &nFailed);
  }
  trtcStoreClose(p);
  return rc;
}

/* ---- The Nth SQLite allocation fails -------------------------------------------- */

static sqlite3_mem_methods origMem;
static int nAlloc, nFailAt, bFailed;
static int shouldFail(void) {
  if (nFailAt && ++nAlloc == nFailAt) {
    bFailed = 1;
    return 1;
  }
  return 0;
}
static void *failMalloc(int n) { return shouldFail() ? 0 : origMem.xMalloc(n); }
static void *failRealloc(void *p, int n) { return shouldFail() ? 0 : origMem.xRealloc(p, n); }

static char zOldPath[600];

static void oom(void) {
  sqlite3_mem_methods m;
  int n, nBad = 0, nRuns = 0, nStep = 1;
  const char *zRun = getenv("TRTC_RUN");
  sqlite3_int64 nBase;
  sqlite3_shutdown();
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &origMem);
  m = origMem;
  m.xMalloc = failMalloc;
  m.xRealloc = failRealloc;
  sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
  sqlite3_initialize();
  lifecycle(":memory:"); /* once without failures: SQLite's lasting allocations */
  nBase = sqlite3_memory_used();
  /* Under valgrind (30 times slower) every 17th allocation; else every one. */
  if (zRun && strstr(zRun, "valgrind")) {
    nStep = 17;
    diag("under valgrind: every 17th allocation fails in turn");
  }
  for (n = 1; n < 100000; n += nStep) {
    int rc;
    nAlloc = 0;
    bFailed = 0;
    nFailAt = n;
    rc = lifecycle(":memory:");
    nFailAt = 0;
    nRuns++;
    if (rc != TRTC_OK && rc != TRTC_FAIL) nBad++;
    if (sqlite3_memory_used() != nBase) {
      nBad++;
      printf("# allocation %d failed: %lld bytes left allocated\n", n, (long long)(sqlite3_memory_used() - nBase));
      nBase = sqlite3_memory_used();
    }
    if (!bFailed) break;
  }
  printf("# %d runs\n", nRuns);
  ok(nRuns > 100 && nBad == 0, "the Nth SQLite allocation fails, for every N: a clean TRTC_FAIL or success, no leak");
  /* Opening an old database: the migration and the backfill. */
  nBad = 0;
  for (n = 1; n < 100000; n += nStep) {
    int rc;
    TrtcStore *p = 0;
    oldDatabase(zOldPath);
    nBase = sqlite3_memory_used();
    nAlloc = 0;
    bFailed = 0;
    nFailAt = n;
    rc = trtcStoreOpen(zOldPath, 0, &p);
    trtcStoreClose(p);
    nFailAt = 0;
    if (rc != TRTC_OK && rc != TRTC_FAIL) nBad++;
    if (sqlite3_memory_used() != nBase) nBad++;
    if (!bFailed) break;
  }
  ok(n > 50 && nBad == 0, "... and so while an old database is migrated");
  sqlite3_shutdown();
  sqlite3_config(SQLITE_CONFIG_MALLOC, &origMem);
  sqlite3_initialize();
}

/* ---- The Nth write to a file fails (a VFS shim) ------------------------------ */

typedef struct ShimFile {
  sqlite3_file base;
  sqlite3_file *pReal;
} ShimFile;
static sqlite3_vfs *pRealVfs;
static int nWrites, nWriteFailAt, bWriteFailed, eWriteError;

#define REAL(f) (((ShimFile *)(f))->pReal)
static int shimClose(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int shimRead(sqlite3_file *f, void *p, int n, sqlite3_int64 o) {
  return REAL(f)->pMethods->xRead(REAL(f), p, n, o);
}
static int shimWrite(sqlite3_file *f, const void *p, int n, sqlite3_int64 o) {
  if (nWriteFailAt && ++nWrites == nWriteFailAt) {
    bWriteFailed = 1;
    return eWriteError;
  }
  return REAL(f)->pMethods->xWrite(REAL(f), p, n, o);
}
static int shimTruncate(sqlite3_file *f, sqlite3_int64 n) { return REAL(f)->pMethods->xTruncate(REAL(f), n); }
/* No fsync: the test is about failed writes, not power loss (and fast). */
static int shimSync(sqlite3_file *f, int flags) {
  (void)f;
  (void)flags;
  return SQLITE_OK;
}
static int shimFileSize(sqlite3_file *f, sqlite3_int64 *pn) { return REAL(f)->pMethods->xFileSize(REAL(f), pn); }
static int shimLock(sqlite3_file *f, int e) { return REAL(f)->pMethods->xLock(REAL(f), e); }
static int shimUnlock(sqlite3_file *f, int e) { return REAL(f)->pMethods->xUnlock(REAL(f), e); }
static int shimCheck(sqlite3_file *f, int *pOut) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), pOut); }
static int shimControl(sqlite3_file *f, int op, void *pArg) {
  return REAL(f)->pMethods->xFileControl(REAL(f), op, pArg);
}
static int shimSector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int shimDevice(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static const sqlite3_io_methods shimIo = {1, shimClose, shimRead, shimWrite, shimTruncate, shimSync, shimFileSize,
                                          shimLock, shimUnlock, shimCheck, shimControl, shimSector, shimDevice,
                                          0, 0, 0, 0, 0, 0};
static int shimOpen(sqlite3_vfs *pVfs, const char *zName, sqlite3_file *f, int flags, int *pOut) {
  ShimFile *s = (ShimFile *)f;
  int rc;
  (void)pVfs;
  s->pReal = (sqlite3_file *)&s[1];
  rc = pRealVfs->xOpen(pRealVfs, zName, s->pReal, flags, pOut);
  f->pMethods = s->pReal->pMethods ? &shimIo : 0;
  return rc;
}

static void writeFailures(const char *zDir) {
  static sqlite3_vfs shim;
  char zPath[512];
  int k, n, nBad = 0, nRuns = 0;
  static const int aError[2] = {SQLITE_IOERR_WRITE, SQLITE_FULL};
  pRealVfs = sqlite3_vfs_find(0);
  shim = *pRealVfs;
  shim.zName = "trtc-test-shim";
  shim.szOsFile = (int)sizeof(ShimFile) + pRealVfs->szOsFile;
  shim.xOpen = shimOpen;
  shim.iVersion = pRealVfs->iVersion < 2 ? pRealVfs->iVersion : 2; /* no xNextSystemCall and co. */
  sqlite3_vfs_register(&shim, 1);
  snprintf(zPath, sizeof(zPath), "%s/writes.db", zDir);
  for (k = 0; k < 2; k++) {
    for (n = 1; n < 10000; n++) {
      char zJournal[600];
      sqlite3 *db = 0;
      char *zCheck;
      int rc;
      unlink(zPath);
      snprintf(zJournal, sizeof(zJournal), "%s-journal", zPath);
      unlink(zJournal);
      nWrites = 0;
      bWriteFailed = 0;
      nWriteFailAt = n;
      eWriteError = aError[k];
      rc = lifecycle(zPath);
      nWriteFailAt = 0;
      nRuns++;
      if (rc != TRTC_OK && rc != TRTC_FAIL) nBad++;
      /* What is on disk is a database, whole (a hot journal rolled back). */
      sqlite3_open(zPath, &db);
      zCheck = query1(db, "PRAGMA integrity_check");
      if (zCheck == 0 || strcmp(zCheck, "ok") != 0) {
        nBad++;
        printf("# write %d failed (%d): integrity_check %s\n", n, aError[k], zCheck ? zCheck : "?");
      }
      sqlite3_free(zCheck);
      sqlite3_close(db);
      if (!bWriteFailed) break;
    }
  }
  ok(nRuns > 20 && nBad == 0, "the Nth write fails (I/O error, then disk full), for every N: clean, database whole");
  sqlite3_vfs_unregister(&shim);
  unlink(zPath);
}

int main(void) {
  char zDir[] = "/tmp/trtc-test-store.XXXXXX";
  char zCmd[600];
  if (mkdtemp(zDir) == 0) {
    printf("1..1\nnot ok 1 - mkdtemp\n");
    return 1;
  }
  plan(61);
  snprintf(zOldPath, sizeof(zOldPath), "%s/old.db", zDir);
  functional(zDir);
  contract(zDir);
  {
    TrtcStore *p = 0;
    oldDatabase(zOldPath);
    ok(trtcStoreOpen(zOldPath, 0, &p) == TRTC_OK, "an old database with bodies of every kind: migrated");
    check_sql(trtcStoreDb(p),
              "SELECT group_concat(user_id || ':' || quote(request_id) || ':' || length(content_sha3), ' ') FROM trtc_responses",
              "a:'old-1':32 b:NULL:0 c:NULL:0", "... request_id and content_sha3 from each body (none for what is no response)");
    trtcStoreClose(p);
  }
  oom();
  writeFailures(zDir);
  snprintf(zCmd, sizeof(zCmd), "rm -rf '%s'", zDir);
  if (system(zCmd) != 0) diag("could not remove the temporary directory");
  return done();
}
