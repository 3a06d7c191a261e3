/*
** src/cli/fetch.c: "trtc fetch", which fetches an application's (or a
** room's) calls in a time range from TRTC's monitoring API and stores them
** as "trtc ingest" would, with their context:
**
**   TENCENTCLOUD_SECRET_ID=... TENCENTCLOUD_SECRET_KEY=... \
**   trtc fetch --sdk-app-id 1400188366 --start 2024-05-01T09:00:00+08:00 \
**              --end 2024-05-01T12:00:00+08:00 [--room 8008] [--user alice]... calls.db
**
** The flow, for SdkAppId N in [start, end]:
**   1. DescribeRoomInfo, in windows of 24 h, every page (until a short
**      page): the calls, into trtc_calls.
**   2. For each call not complete yet (ordered by creation):
**      a. DescribeUserInfo over the call's lifetime in windows of 4 h,
**         every page: its users, into trtc_users;
**      b. for each user (--user: those only) not fetched for good yet:
**         DescribeUserEvent over the call's lifetime;
**      c. DescribeUnusualEvent for the call's room over its lifetime, in
**         hour slots (aligned on the creation time); a window that returns
**         20 results (the API's cap) is cut in two until fewer come back.
**   Each response is stored with trtcStoreResponse() (store.h), its
**   context taken from the request, in one transaction with the record of
**   what was fetched (trtc_fetched): a user's or a slot's earlier
**   responses are replaced, never added to, so a re-run adds nothing and
**   asks again only for calls, users and slots that were not finished.
**
** Requests go through tcapi.h (signing, 15 a second at most, retries).
** Credentials come from the environment only; they are copied, the
** environment's copy of the key and token is overwritten, and every copy
** is wiped at the end. Core dumps are turned off while they are in memory.
** Exit status: 0 everything fetched (or there already), 1 something not
** fetched (each named on stderr), 2 usage error or database failure.
*/
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <curl/curl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "http.h"
#include "sign.h"
#include "store.h"
#include "tcapi.h"
#include "window.h"

#define DAY 86400
#define MAX_AGE (14 * DAY)          /* the API keeps 14 days at most */
#define ROOM_WINDOW DAY             /* DescribeRoomInfo: <= 24 h */
#define USER_WINDOW (4 * 3600)      /* DescribeUserInfo: <= 4 h */
#define UNUSUAL_WINDOW 3600         /* DescribeUnusualEvent: <= 1 h */
#define UNUSUAL_CAP 20              /* DescribeUnusualEvent: at most 20 results */
#define MAX_PAGES 10000             /* a guard against a service that ignores paging */
#define MIN_INTERVAL_MS 67          /* at most 15 requests a second (limit: 20) */

static const char zUsage[] =
    "usage: trtc fetch --sdk-app-id N --start TIME --end TIME [--room ID] [--user ID]...\n"
    "                  [--region R] [--endpoint URL] [--again] [--quiet] DB\n"
    "\n"
    "Fetch the calls of application N (or of one room) created between --start and\n"
    "--end from TRTC's monitoring API and store them in the database file DB, decoded,\n"
    "with their context: DescribeRoomInfo, then for each call DescribeUserInfo,\n"
    "DescribeUserEvent for each user, and DescribeUnusualEvent. Running it again adds\n"
    "nothing and asks only for what is missing or was not finished.\n"
    "\n"
    "  --sdk-app-id N   the application (SdkAppId)\n"
    "  --start TIME     Unix seconds or ISO 8601 with a zone, e.g. 2024-05-01T09:00:00+08:00;\n"
    "  --end TIME       at most 14 days ago (the API keeps no more; 7 days on some plans)\n"
    "  --room ID        only this room\n"
    "  --user ID        only the events of this user (repeat, or separate with commas)\n"
    "  --region R       X-TC-Region (default ap-guangzhou)\n"
    "  --endpoint URL   default https://trtc.tencentcloudapi.com/ (international site:\n"
    "                   https://trtc.intl.tencentcloudapi.com/)\n"
    "  --again          ask again for calls, users and windows fetched for good before\n"
    "                   (their responses are replaced, never doubled)\n"
    "  --quiet          no progress line\n"
    "\n"
    "Credentials come from the environment only: TENCENTCLOUD_SECRET_ID,\n"
    "TENCENTCLOUD_SECRET_KEY and, for temporary credentials, TENCENTCLOUD_SESSION_TOKEN.\n"
    "Exit status: 0 everything fetched, 1 something not fetched (named on stderr),\n"
    "2 usage error or database failure. See docs/fetch.md.\n";

/* A call, as listed by DescribeRoomInfo and kept in trtc_calls. */
typedef struct Call {
  char *zCommId, *zRoom;
  long long tCreate, tDestroy;
  int bFinished, bComplete;
} Call;

/* A DescribeUnusualEvent window whose response is kept. */
typedef struct Leaf {
  long long from, to;
  char *zBody;
  size_t nBody;
  int bCapped;
} Leaf;

typedef struct Fetch {
  /* Options. */
  sqlite3_int64 iSdkAppId;
  long long tStart, tEnd, tNow, tHorizon;
  const char *zRoom, *zRegion, *zEndpoint, *zDb;
  char **azUser;
  int nUser;
  int pageSize, backoffMs, bProgress;
  int bAgain;     /* --again: ask again for what is complete too */
  /* Working parts. */
  TrtcStore *pStore;
  sqlite3 *db;
  TrtcApi *pApi;
  Call *aCall;
  int nCall, iCall;
  /* What happened. */
  int nCallsComplete, nUsers, nResponses, nReplaced, nEvents, nUnusual, nFailed, nCapped;
  int nWarnings;
  int nCallsDone;  /* calls gone through without being stopped */
  const char *zStoring;  /* the API of the response being stored (for warnings) */
  int bStop;      /* stop asking: credentials refused, network gone */
  int bDbFailed;  /* the database cannot be written: exit 2 */
  int bProgressShown;
} Fetch;

/* ---- Messages --------------------------------------------------------------- */

static void clearProgress(Fetch *f) {
  if (f->bProgressShown) {
    fputs("\r\033[K", stderr);
    f->bProgressShown = 0;
  }
}

/* "trtc fetch: ..." on stderr, clear of the progress line. */
static void say(Fetch *f, const char *zFormat, ...) {
  va_list ap;
  char zMsg[2048];
  va_start(ap, zFormat);
  vsnprintf(zMsg, sizeof zMsg, zFormat, ap);
  va_end(ap);
  if (f->pApi) trtcApiRedact(f->pApi, zMsg);
  clearProgress(f);
  fprintf(stderr, "trtc fetch: %s\n", zMsg);
}

static void onProgress(void *pArg) {
  Fetch *f = (Fetch *)pArg;
  int nReq;
  double rate;
  if (!f->bProgress) return;
  trtcApiStats(f->pApi, &nReq, 0, 0, &rate);
  fprintf(stderr, "\rtrtc fetch: call %d/%d, %d user(s), %d request(s), %.1f/s\033[K",
          f->iCall, f->nCall, f->nUsers, nReq, rate);
  fflush(stderr);
  f->bProgressShown = 1;
}

/* ---- Request bodies ----------------------------------------------------------- */

static void jsonString(sqlite3_str *s, const char *z) {
  const unsigned char *p = (const unsigned char *)z;
  sqlite3_str_appendchar(s, 1, '"');
  for (; *p; p++) {
    if (*p == '"' || *p == '\\') {
      sqlite3_str_appendchar(s, 1, '\\');
      sqlite3_str_appendchar(s, 1, (char)*p);
    } else if (*p < 0x20) {
      sqlite3_str_appendf(s, "\\u%04x", *p);
    } else {
      sqlite3_str_appendchar(s, 1, (char)*p);
    }
  }
  sqlite3_str_appendchar(s, 1, '"');
}

/* {"k":"v",...}: a list of (name, kind, value) with kind 's' for a string
** (const char *; skipped when NULL) and 'i' for an integer (long long). */
static char *jsonObject(const char *zFirst, ...) {
  sqlite3_str *s = sqlite3_str_new(0);
  const char *zName = zFirst;
  int bFirst = 1;
  va_list ap;
  va_start(ap, zFirst);
  sqlite3_str_appendchar(s, 1, '{');
  while (zName) {
    int kind = va_arg(ap, int);
    if (kind == 's') {
      const char *z = va_arg(ap, const char *);
      if (z) {
        sqlite3_str_appendf(s, "%s\"%s\":", bFirst ? "" : ",", zName);
        jsonString(s, z);
        bFirst = 0;
      }
    } else {
      long long v = va_arg(ap, long long);
      sqlite3_str_appendf(s, "%s\"%s\":%lld", bFirst ? "" : ",", zName, v);
      bFirst = 0;
    }
    zName = va_arg(ap, const char *);
  }
  va_end(ap);
  sqlite3_str_appendchar(s, 1, '}');
  return sqlite3_str_finish(s); /* NULL when out of memory */
}

/* ---- Database ---------------------------------------------------------------------- */

/* Runs one statement with bound values: a list of ('i', long long),
** ('s', const char *: NULL binds NULL), ('b', const char *, int length),
** ending with 0. Returns the first column of the first row as an integer
** in *pOut (if pOut), SQLITE_OK/SQLITE_DONE-ish rc otherwise. */
static int runSql(Fetch *f, sqlite3_int64 *pOut, const char *zSql, ...) {
  sqlite3_stmt *q = 0;
  va_list ap;
  int rc, i = 1, kind;
  rc = sqlite3_prepare_v2(f->db, zSql, -1, &q, 0);
  if (rc != SQLITE_OK) goto fail;
  va_start(ap, zSql);
  while ((kind = va_arg(ap, int)) != 0) {
    if (kind == 'i') {
      sqlite3_bind_int64(q, i++, (sqlite3_int64)va_arg(ap, long long));
    } else if (kind == 's') {
      const char *z = va_arg(ap, const char *);
      sqlite3_bind_text(q, i++, z, -1, SQLITE_STATIC);
    } else {
      const char *z = va_arg(ap, const char *);
      int n = va_arg(ap, int);
      sqlite3_bind_text(q, i++, z, n, SQLITE_STATIC);
    }
  }
  va_end(ap);
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    if (pOut) {
      *pOut = sqlite3_column_int64(q, 0);
      pOut = 0;
    }
  }
  if (rc != SQLITE_DONE) goto fail;
  sqlite3_finalize(q);
  return SQLITE_OK;
fail:
  say(f, "%s: database error: %s", f->zDb, sqlite3_errmsg(f->db));
  sqlite3_finalize(q);
  f->bDbFailed = 1;
  f->bStop = 1;
  return rc == SQLITE_OK ? SQLITE_ERROR : rc;
}

/* The store's transactions (it then stores inside them). */
static int storeFailed(Fetch *f, int rc) {
  say(f, "%s: the database cannot be written%s", f->zDb,
      rc == TRTC_BUSY ? " (busy: another program holds it)" : "");
  f->bDbFailed = f->bStop = 1;
  return SQLITE_ERROR;
}
static int begin(Fetch *f) {
  int rc = trtcStoreBegin(f->pStore);
  return rc == TRTC_OK ? SQLITE_OK : storeFailed(f, rc);
}
static int commit(Fetch *f) {
  int rc = trtcStoreCommit(f->pStore);
  return rc == TRTC_OK ? SQLITE_OK : storeFailed(f, rc);
}
static void rollback(Fetch *f) {
  if (!sqlite3_get_autocommit(f->db)) trtcStoreRollback(f->pStore);
}

/* The store's warnings. Those about fetch's own doing are dropped: a
** response fetched again (already there, or the same empty list for
** another window or user) and an hour without abnormal experiences. The
** rest (a user without events of their own, times in odd units, ...) are
** shown and counted. */
static void onStoreWarning(void *pCtx, const char *zSource, int eCode, const char *zMsg) {
  Fetch *f = (Fetch *)pCtx;
  switch (eCode) {
    case TRTC_W_ALREADY:
    case TRTC_W_TWICE:
    case TRTC_W_OTHER_CONTEXT:
    case TRTC_W_CONTEXT_ADDED:
      return;
    case TRTC_W_EMPTY:
      if (f->zStoring && strcmp(f->zStoring, "DescribeUnusualEvent") == 0) return;
      break;
    default:
      break;
  }
  f->nWarnings++;
  say(f, "warning: %s: %s", zSource, zMsg);
}

/* ---- Requests ------------------------------------------------------------------------ */

/* One request; on failure names it (zWhat) and counts it. Returns the
** status; *pReply is the caller's to free. */
static TrtcApiStatus call(Fetch *f, const char *zAction, const char *zBody, const char *zWhat,
                          TrtcApiReply *pReply) {
  TrtcApiStatus st;
  if (zBody == 0) {
    memset(pReply, 0, sizeof *pReply);
    say(f, "out of memory");
    f->bStop = 1;
    f->nFailed++;
    return pReply->eStatus = TRTC_API_STOP;
  }
  st = trtcApiCall(f->pApi, zAction, zBody, pReply);
  if (st == TRTC_API_ERROR) {
    say(f, "%s: %s failed: %s", zWhat, zAction, pReply->zWhy);
    f->nFailed++;
  } else if (st == TRTC_API_STOP) {
    if (strncmp(pReply->zCode, "AuthFailure", 11) == 0 ||
        strncmp(pReply->zCode, "UnauthorizedOperation", 21) == 0) {
      say(f, "stopped: the service refused the credentials (%s): %s%s", zAction, pReply->zWhy,
          strcmp(pReply->zCode, "AuthFailure.SignatureExpire") == 0
              ? "; the signature carries this machine's time: is its clock right?"
              : "");
    } else {
      say(f, "stopped: %s: %s", zAction, pReply->zWhy);
    }
    f->nFailed++;
    f->bStop = 1;
  }
  return st;
}

/* The length of the JSON array at zPath of the reply into *pn (absent or
** null: 0). 1 when it is something else. */
static int jsonArrayLength(Fetch *f, const TrtcApiReply *r, const char *zPath, int *pn) {
  sqlite3_stmt *q = 0;
  int rc = 1;
  if (sqlite3_prepare_v2(f->db,
                         "SELECT json_type(?1, ?2), json_array_length(?1, ?2)", -1, &q, 0) !=
      SQLITE_OK) {
    return 1;
  }
  sqlite3_bind_text(q, 1, r->zBody, (int)r->nBody, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, zPath, -1, SQLITE_STATIC);
  if (sqlite3_step(q) == SQLITE_ROW) {
    const unsigned char *zType = sqlite3_column_text(q, 0);
    if (zType == 0 || strcmp((const char *)zType, "null") == 0) {
      *pn = 0; /* absent or null: an empty list */
      rc = 0;
    } else if (strcmp((const char *)zType, "array") == 0) {
      *pn = sqlite3_column_int(q, 1);
      rc = 0;
    }
  }
  sqlite3_finalize(q);
  return rc;
}

/* The JSON text at zPath of the reply, minified (sqlite3_malloc'd), or NULL. */
static char *jsonText(Fetch *f, const TrtcApiReply *r, const char *zPath) {
  sqlite3_stmt *q = 0;
  char *z = 0;
  if (sqlite3_prepare_v2(f->db, "SELECT json_extract(?1, ?2)", -1, &q, 0) != SQLITE_OK) return 0;
  sqlite3_bind_text(q, 1, r->zBody, (int)r->nBody, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, zPath, -1, SQLITE_STATIC);
  if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0)) {
    z = sqlite3_mprintf("%s", sqlite3_column_text(q, 0));
  }
  sqlite3_finalize(q);
  return z;
}

/* 1 when a full page is the previous page again (a service that ignores
** PageNumber would send it forever); keeps this page's list in *pzPrev. */
static int samePageAgain(Fetch *f, const TrtcApiReply *r, const char *zPath, char **pzPrev) {
  char *zCur = jsonText(f, r, zPath);
  int bSame = zCur && *pzPrev && strcmp(zCur, *pzPrev) == 0;
  sqlite3_free(*pzPrev);
  *pzPrev = zCur;
  return bSame;
}

/* A page of DescribeRoomInfo (?1) into trtc_calls for SdkAppId ?2. */
static const char zUpsertCalls[] =
    "INSERT INTO trtc_calls(sdk_app_id, comm_id, room_id, create_time, destroy_time,"
    "                       is_finished, creator_id)"
    " SELECT ?2, json_extract(value, '$.CommId'), json_extract(value, '$.RoomString'),"
    "        json_extract(value, '$.CreateTime'), json_extract(value, '$.DestroyTime'),"
    "        CASE WHEN json_extract(value, '$.IsFinished') IN (1, 'true') THEN 1 ELSE 0 END,"
    "        json_extract(value, '$.UserId')"
    "   FROM json_each(?1, '$.Response.RoomList')"
    "  WHERE typeof(json_extract(value, '$.CommId')) = 'text'"
    "    AND typeof(json_extract(value, '$.CreateTime')) = 'integer'"
    " ON CONFLICT (sdk_app_id, comm_id) DO UPDATE SET"
    "   room_id = excluded.room_id, create_time = excluded.create_time,"
    "   destroy_time = excluded.destroy_time, is_finished = excluded.is_finished,"
    "   creator_id = excluded.creator_id, seen_at = CURRENT_TIMESTAMP,"
    "   complete = complete AND excluded.is_finished,"
    "   users_complete = users_complete AND excluded.is_finished";

/* ... and its calls into this run's list. */
static const char zRunCalls[] =
    "INSERT OR IGNORE INTO temp.trtc_fetch_run(comm_id)"
    " SELECT json_extract(value, '$.CommId') FROM json_each(?1, '$.Response.RoomList')"
    "  WHERE typeof(json_extract(value, '$.CommId')) = 'text'"
    "    AND typeof(json_extract(value, '$.CreateTime')) = 'integer'";

/* A page of DescribeUserInfo (?1) into trtc_users for SdkAppId ?2, CommId ?3. */
static const char zUpsertUsers[] =
    "INSERT INTO trtc_users(sdk_app_id, comm_id, room_id, user_id, join_ts, leave_ts,"
    "                       device_type, sdk_version, client_ip, finished)"
    " SELECT ?2, ?3, json_extract(value, '$.RoomStr'), json_extract(value, '$.UserId'),"
    "        ifnull(json_extract(value, '$.JoinTs'), 0), json_extract(value, '$.LeaveTs'),"
    "        json_extract(value, '$.DeviceType'), json_extract(value, '$.SdkVersion'),"
    "        json_extract(value, '$.ClientIp'),"
    "        CASE WHEN json_extract(value, '$.Finished') IN (1, 'true') THEN 1 ELSE 0 END"
    "   FROM json_each(?1, '$.Response.UserList')"
    "  WHERE typeof(json_extract(value, '$.UserId')) = 'text'"
    " ON CONFLICT (sdk_app_id, comm_id, user_id, join_ts) DO UPDATE SET"
    "   room_id = excluded.room_id, leave_ts = excluded.leave_ts,"
    "   device_type = excluded.device_type, sdk_version = excluded.sdk_version,"
    "   client_ip = excluded.client_ip, finished = excluded.finished,"
    "   seen_at = CURRENT_TIMESTAMP";

/* ---- 1. The calls ------------------------------------------------------------------- */

static int listCalls(Fetch *f) {
  TrtcWindow aWin[32];
  int nWin = trtcWindows(f->tStart, f->tEnd, ROOM_WINDOW, 0, aWin, 32);
  int iWin, bAllListed = 1;
  char zA[40], zB[40], zWhat[160];

  if (runSql(f, 0,
             "CREATE TEMP TABLE IF NOT EXISTS trtc_fetch_run(comm_id TEXT PRIMARY KEY)", 0) !=
      SQLITE_OK) {
    return 1;
  }
  for (iWin = 0; iWin < nWin && iWin < 32 && !f->bStop; iWin++) {
    char *zPrev = 0;
    int page;
    trtcFormatTime(aWin[iWin].from, zA, sizeof zA);
    trtcFormatTime(aWin[iWin].to, zB, sizeof zB);
    for (page = 0; page < MAX_PAGES && !f->bStop; page++) {
      TrtcApiReply r;
      int n = 0;
      char *zBody = jsonObject("SdkAppId", 'i', (long long)f->iSdkAppId, "StartTime", 'i',
                               aWin[iWin].from, "EndTime", 'i', aWin[iWin].to, "RoomId", 's',
                               f->zRoom, "PageNumber", 'i', (long long)page, "PageSize", 'i',
                               (long long)f->pageSize, (const char *)0);
      snprintf(zWhat, sizeof zWhat, "calls %s - %s, page %d", zA, zB, page);
      if (call(f, "DescribeRoomInfo", zBody, zWhat, &r) != TRTC_API_OK) {
        sqlite3_free(zBody);
        trtcApiReplyFree(&r);
        bAllListed = 0;
        break;
      }
      sqlite3_free(zBody);
      if (jsonArrayLength(f, &r, "$.Response.RoomList", &n)) {
        say(f, "%s: DescribeRoomInfo: the response has no RoomList array (RequestId %s)", zWhat,
            r.zRequestId);
        f->nFailed++;
        trtcApiReplyFree(&r);
        bAllListed = 0;
        break;
      }
      /* A service that ignores PageNumber would send the same page forever. */
      if (n > 0 && samePageAgain(f, &r, "$.Response.RoomList", &zPrev)) {
        say(f, "%s: DescribeRoomInfo sent the previous page again; stopped paging", zWhat);
        f->nFailed++;
        trtcApiReplyFree(&r);
        bAllListed = 0;
        break;
      }
      /* A null or absent list is empty (json_each would yield the null). */
      if (n > 0 && (runSql(f, 0, zUpsertCalls, 'b', r.zBody, (int)r.nBody, 'i',
                           (long long)f->iSdkAppId, 0) != SQLITE_OK ||
                    runSql(f, 0, zRunCalls, 'b', r.zBody, (int)r.nBody, 0) != SQLITE_OK)) {
        trtcApiReplyFree(&r);
        break;
      }
      if (n > 0) {
        sqlite3_int64 nBad = 0;
        runSql(f, &nBad,
               "SELECT count(*) FROM json_each(?1, '$.Response.RoomList')"
               " WHERE typeof(json_extract(value, '$.CommId')) <> 'text'"
               "    OR typeof(json_extract(value, '$.CreateTime')) <> 'integer'",
               'b', r.zBody, (int)r.nBody, 0);
        if (nBad > 0) {
          say(f, "%s: %lld room(s) without a CommId or CreateTime skipped (RequestId %s)", zWhat,
              (long long)nBad, r.zRequestId);
          f->nFailed++;
        }
      }
      trtcApiReplyFree(&r);
      if (n < f->pageSize) break; /* the last page; Total may count only a page */
    }
    sqlite3_free(zPrev);
  }
  if (nWin > 32) {
    say(f, "internal error: too many day windows");
    f->nFailed++;
  }
  if (!bAllListed) say(f, "the list of calls is incomplete: calls may be missing");
  return f->bDbFailed;
}

/* Loads this run's calls (from trtc_calls) into f->aCall, oldest first. */
static int loadCalls(Fetch *f) {
  sqlite3_stmt *q = 0;
  int nAlloc = 0;
  if (sqlite3_prepare_v2(f->db,
                         "SELECT c.comm_id, c.room_id, c.create_time, ifnull(c.destroy_time, 0),"
                         "       c.is_finished, c.complete"
                         "  FROM trtc_calls AS c JOIN temp.trtc_fetch_run AS r USING (comm_id)"
                         " WHERE c.sdk_app_id = ?1 ORDER BY c.create_time, c.comm_id",
                         -1, &q, 0) != SQLITE_OK) {
    say(f, "%s: database error: %s", f->zDb, sqlite3_errmsg(f->db));
    f->bDbFailed = 1;
    return 1;
  }
  sqlite3_bind_int64(q, 1, f->iSdkAppId);
  while (sqlite3_step(q) == SQLITE_ROW) {
    Call *c;
    if (f->nCall == nAlloc) {
      Call *aNew;
      nAlloc = nAlloc ? nAlloc * 2 : 64;
      aNew = realloc(f->aCall, sizeof(Call) * (size_t)nAlloc);
      if (aNew == 0) {
        say(f, "out of memory");
        f->bStop = 1;
        break;
      }
      f->aCall = aNew;
    }
    c = &f->aCall[f->nCall];
    memset(c, 0, sizeof *c);
    c->zCommId = sqlite3_mprintf("%s", sqlite3_column_text(q, 0));
    c->zRoom = sqlite3_column_text(q, 1) ? sqlite3_mprintf("%s", sqlite3_column_text(q, 1)) : 0;
    c->tCreate = sqlite3_column_int64(q, 2);
    c->tDestroy = sqlite3_column_int64(q, 3);
    c->bFinished = sqlite3_column_int(q, 4);
    c->bComplete = sqlite3_column_int(q, 5);
    f->nCall++; /* freed with the others even when out of memory */
    if (c->zCommId == 0 || (sqlite3_column_text(q, 1) && c->zRoom == 0)) {
      say(f, "out of memory");
      f->bStop = 1;
      break;
    }
  }
  sqlite3_finalize(q);
  return 0;
}

/* ---- 2. One call ---------------------------------------------------------------------- */

/* The span of a call requests cover: [*pFrom, *pTo] within what the API keeps. */
static void callSpan(const Fetch *f, const Call *c, long long *pFrom, long long *pTo) {
  long long from = c->tCreate, to;
  if (c->bFinished && c->tDestroy >= c->tCreate) {
    to = c->tDestroy;
  } else {
    to = f->tNow;
  }
  if (to > f->tNow) to = f->tNow;
  if (from < f->tHorizon) from = f->tHorizon;
  if (to < from) to = from;
  *pFrom = from;
  *pTo = to;
}

/* a. DescribeUserInfo: the users of the call into trtc_users. 0 when the
** list was read in full. */
static int listUsers(Fetch *f, const Call *c, long long from, long long to) {
  TrtcWindow aWin[128];
  int nWin = trtcWindows(from, to, USER_WINDOW, 0, aWin, 128), iWin;
  char zWhat[300];
  if (nWin > 128) {
    say(f, "call %s: longer than 21 days; its users were not listed", c->zCommId);
    f->nFailed++;
    return 1;
  }
  for (iWin = 0; iWin < nWin && !f->bStop; iWin++) {
    char *zPrev = 0;
    int page, bDone = 0;
    for (page = 0; page < MAX_PAGES && !f->bStop; page++) {
      TrtcApiReply r;
      int n = 0;
      char *zBody = jsonObject("CommId", 's', c->zCommId, "SdkAppId", 'i',
                               (long long)f->iSdkAppId, "StartTime", 'i', aWin[iWin].from,
                               "EndTime", 'i', aWin[iWin].to, "PageNumber", 'i', (long long)page,
                               "PageSize", 'i', (long long)f->pageSize, (const char *)0);
      snprintf(zWhat, sizeof zWhat, "call %s: users, page %d", c->zCommId, page);
      if (call(f, "DescribeUserInfo", zBody, zWhat, &r) != TRTC_API_OK) {
        sqlite3_free(zBody);
        trtcApiReplyFree(&r);
        break;
      }
      sqlite3_free(zBody);
      if (jsonArrayLength(f, &r, "$.Response.UserList", &n)) {
        say(f, "%s: DescribeUserInfo: the response has no UserList array (RequestId %s)", zWhat,
            r.zRequestId);
        f->nFailed++;
        trtcApiReplyFree(&r);
        break;
      }
      if (n > 0 && samePageAgain(f, &r, "$.Response.UserList", &zPrev)) {
        say(f, "%s: DescribeUserInfo sent the previous page again; stopped paging", zWhat);
        f->nFailed++;
        trtcApiReplyFree(&r);
        break;
      }
      if (n > 0 && runSql(f, 0, zUpsertUsers, 'b', r.zBody, (int)r.nBody, 'i',
                          (long long)f->iSdkAppId, 's', c->zCommId, 0) != SQLITE_OK) {
        trtcApiReplyFree(&r);
        break;
      }
      if (n > 0) {
        sqlite3_int64 nBad = 0;
        runSql(f, &nBad,
               "SELECT count(*) FROM json_each(?1, '$.Response.UserList')"
               " WHERE typeof(json_extract(value, '$.UserId')) <> 'text'",
               'b', r.zBody, (int)r.nBody, 0);
        if (nBad > 0) {
          say(f, "%s: %lld user(s) without a UserId skipped (RequestId %s)", zWhat,
              (long long)nBad, r.zRequestId);
          f->nFailed++;
        }
      }
      trtcApiReplyFree(&r);
      if (n < f->pageSize) {
        bDone = 1;
        break;
      }
    }
    sqlite3_free(zPrev);
    if (!bDone) return 1;
  }
  return f->bStop;
}

/* Stores responses of one item (a user's events, or an hour slot of
** unusual events) and replaces what was stored for it before, in one
** transaction. zUser: the user ("" for a slot); slot: the hour's start
** (0 for a user). 0 on success. */
static int storeItem(Fetch *f, const Call *c, const char *zApi, const char *zUser, long long slot,
                     Leaf *aLeaf, int nLeaf, int bComplete) {
  sqlite3_int64 *aId = calloc((size_t)nLeaf + 1, sizeof(sqlite3_int64));
  int i, nEvents = 0, nUnusual = 0, nNew = 0, nReplaced = 0;
  char zSource[400];
  if (aId == 0) {
    say(f, "out of memory");
    f->bStop = 1;
    return 1;
  }
  if (begin(f) != SQLITE_OK) goto fail;
  for (i = 0; i < nLeaf; i++) {
    TrtcResponseIn in;
    TrtcStoreOutcome out;
    int rc;
    memset(&in, 0, sizeof in);
    memset(&out, 0, sizeof out);
    if (zUser[0]) {
      snprintf(zSource, sizeof zSource, "trtc fetch %s CommId=%s UserId=%s StartTime=%lld EndTime=%lld",
               zApi, c->zCommId, zUser, aLeaf[i].from, aLeaf[i].to);
    } else {
      snprintf(zSource, sizeof zSource, "trtc fetch %s CommId=%s RoomId=%s StartTime=%lld EndTime=%lld",
               zApi, c->zCommId, c->zRoom ? c->zRoom : "", aLeaf[i].from, aLeaf[i].to);
    }
    in.zSource = zSource;
    in.zApi = zApi;
    in.iSdkAppId = f->iSdkAppId;
    in.bSdkAppId = 1;
    in.zRoomId = c->zRoom;
    in.zCommId = c->zCommId;
    in.zUserId = zUser[0] ? zUser : 0;
    in.zBody = aLeaf[i].zBody;
    in.nBody = aLeaf[i].nBody;
    in.bFetchItem = 1; /* what it stored for this item before is replaced below */
    in.zFetchUser = zUser;
    in.iFetchSlot = slot;
    f->zStoring = zApi;
    rc = trtcStoreResponse(f->pStore, &in, &out);
    f->zStoring = 0;
    if (rc != TRTC_OK) {
      storeFailed(f, rc);
      goto fail;
    }
    if (out.eStatus == TRTC_STORED_REFUSED || out.eStatus == TRTC_STORED_API_ERROR) {
      say(f, "%s: %s was not stored: %s", zSource, zApi,
          out.eStatus == TRTC_STORED_REFUSED ? out.zWhy : "an API error response");
      f->nFailed++;
      goto fail;
    }
    aId[i] = out.iResponseId;
    if (out.eStatus == TRTC_STORED_NEW) nNew++;
    nEvents += out.nEvents;
    nUnusual += out.nUnusual;
  }
  /* What this item replaces: its earlier responses that are not among the
  ** new ones (a response stored again unchanged keeps its id). */
  if (runSql(f, 0, "CREATE TEMP TABLE IF NOT EXISTS trtc_fetch_keep(response_id INTEGER PRIMARY KEY)",
             0) != SQLITE_OK ||
      runSql(f, 0, "DELETE FROM temp.trtc_fetch_keep", 0) != SQLITE_OK) {
    goto fail;
  }
  for (i = 0; i < nLeaf; i++) {
    if (runSql(f, 0, "INSERT OR IGNORE INTO temp.trtc_fetch_keep VALUES (?1)", 'i',
               (long long)aId[i], 0) != SQLITE_OK) {
      goto fail;
    }
  }
  {
    static const char *const azDelete[] = {
        "DELETE FROM trtc_event_log WHERE response_id IN (%s)",
        "DELETE FROM trtc_unusual_log WHERE response_id IN (%s)",
        "DELETE FROM trtc_responses WHERE response_id IN (%s)",
    };
    static const char zOld[] =
        "SELECT response_id FROM trtc_fetched"
        " WHERE api = ?1 AND sdk_app_id = ?2 AND comm_id = ?3 AND user_id = ?4 AND slot = ?5"
        "   AND response_id NOT IN (SELECT response_id FROM temp.trtc_fetch_keep)"
        /* The store keeps one copy of equal responses (the same empty list
        ** for two windows): one that another item still uses stays. */
        "   AND response_id NOT IN (SELECT response_id FROM trtc_fetched"
        "        WHERE NOT (api = ?1 AND sdk_app_id = ?2 AND comm_id = ?3 AND user_id = ?4"
        "                   AND slot = ?5) AND response_id IS NOT NULL)";
    size_t k;
    for (k = 0; k < sizeof azDelete / sizeof azDelete[0]; k++) {
      char *zSql = sqlite3_mprintf(azDelete[k], zOld);
      int rc = zSql ? runSql(f, 0, zSql, 's', zApi, 'i', (long long)f->iSdkAppId, 's',
                             c->zCommId, 's', zUser, 'i', slot, 0)
                    : SQLITE_NOMEM;
      sqlite3_free(zSql);
      if (rc != SQLITE_OK) goto fail;
    }
    nReplaced = sqlite3_changes(f->db); /* of the last DELETE: responses */
  }
  if (runSql(f, 0,
             "DELETE FROM trtc_fetched WHERE api = ?1 AND sdk_app_id = ?2 AND comm_id = ?3"
             "   AND user_id = ?4 AND slot = ?5",
             's', zApi, 'i', (long long)f->iSdkAppId, 's', c->zCommId, 's', zUser, 'i', slot,
             0) != SQLITE_OK) {
    goto fail;
  }
  for (i = 0; i < nLeaf; i++) {
    if (runSql(f, 0,
               "INSERT INTO trtc_fetched(api, sdk_app_id, comm_id, user_id, slot, start_time,"
               "                         end_time, response_id, capped, complete)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
               's', zApi, 'i', (long long)f->iSdkAppId, 's', c->zCommId, 's', zUser, 'i', slot,
               'i', aLeaf[i].from, 'i', aLeaf[i].to, 'i', (long long)aId[i], 'i',
               (long long)aLeaf[i].bCapped, 'i', (long long)(bComplete && !aLeaf[i].bCapped),
               0) != SQLITE_OK) {
      goto fail;
    }
  }
  if (commit(f) != SQLITE_OK) goto fail;
  f->nResponses += nNew;
  f->nReplaced += nReplaced;
  f->nEvents += nEvents;
  f->nUnusual += nUnusual;
  free(aId);
  return 0;
fail:
  rollback(f);
  free(aId);
  return 1;
}

/* b. DescribeUserEvent for each user of the call. */
static void fetchUsers(Fetch *f, const Call *c, long long from, long long to) {
  sqlite3_stmt *q = 0;
  char **azUser = 0;
  int *aFinished = 0, nUser = 0, nAlloc = 0, i;
  char zWhat[300];

  /* A user is done when a response fetched after all their sessions had
  ** ended is there; a user who came back since is asked again. */
  if (sqlite3_prepare_v2(f->db,
                         "SELECT u.user_id, min(u.finished),"
                         "       (SELECT max(x.complete) FROM trtc_fetched AS x"
                         "         WHERE x.api = 'DescribeUserEvent' AND x.sdk_app_id = ?1"
                         "           AND x.comm_id = ?2 AND x.user_id = u.user_id)"
                         "  FROM trtc_users AS u WHERE u.sdk_app_id = ?1 AND u.comm_id = ?2"
                         " GROUP BY u.user_id ORDER BY min(u.join_ts), u.user_id",
                         -1, &q, 0) != SQLITE_OK) {
    say(f, "%s: database error: %s", f->zDb, sqlite3_errmsg(f->db));
    f->bDbFailed = f->bStop = 1;
    return;
  }
  sqlite3_bind_int64(q, 1, f->iSdkAppId);
  sqlite3_bind_text(q, 2, c->zCommId, -1, SQLITE_STATIC);
  while (sqlite3_step(q) == SQLITE_ROW) {
    const char *zUser = (const char *)sqlite3_column_text(q, 0);
    int bFinished = sqlite3_column_int(q, 1);
    int bDone = sqlite3_column_int(q, 2);
    int bWanted = f->nUser == 0;
    for (i = 0; i < f->nUser && !bWanted; i++) bWanted = strcmp(f->azUser[i], zUser) == 0;
    if (!bWanted) continue;
    f->nUsers++;
    if (bDone && bFinished && !f->bAgain) continue;
    if (nUser == nAlloc) {
      char **azNew;
      int *aNew;
      nAlloc = nAlloc ? nAlloc * 2 : 16;
      azNew = realloc(azUser, sizeof(char *) * (size_t)nAlloc);
      if (azNew) azUser = azNew;
      aNew = realloc(aFinished, sizeof(int) * (size_t)nAlloc);
      if (aNew) aFinished = aNew;
      if (azNew == 0 || aNew == 0) {
        say(f, "out of memory");
        f->bStop = 1;
        break;
      }
    }
    azUser[nUser] = sqlite3_mprintf("%s", zUser);
    if (azUser[nUser] == 0) {
      say(f, "out of memory");
      f->bStop = 1;
      break;
    }
    aFinished[nUser++] = bFinished;
  }
  sqlite3_finalize(q);

  for (i = 0; i < nUser && !f->bStop; i++) {
    TrtcApiReply r;
    Leaf leaf;
    char *zBody = jsonObject("CommId", 's', c->zCommId, "UserId", 's', azUser[i], "RoomId", 's',
                             c->zRoom ? c->zRoom : "", "SdkAppId", 'i', (long long)f->iSdkAppId,
                             "StartTime", 'i', from, "EndTime", 'i', to, (const char *)0);
    snprintf(zWhat, sizeof zWhat, "call %s: user %s", c->zCommId, azUser[i]);
    if (call(f, "DescribeUserEvent", zBody, zWhat, &r) == TRTC_API_OK) {
      leaf.from = from;
      leaf.to = to;
      leaf.zBody = r.zBody;
      leaf.nBody = r.nBody;
      leaf.bCapped = 0;
      storeItem(f, c, "DescribeUserEvent", azUser[i], 0, &leaf, 1, aFinished[i]);
    }
    sqlite3_free(zBody);
    trtcApiReplyFree(&r);
  }
  for (i = 0; i < nUser; i++) sqlite3_free(azUser[i]);
  free(azUser);
  free(aFinished);
}

/* Fetches DescribeUnusualEvent for [from, to], cut in two while the cap
** comes back; appends the responses to keep to *paLeaf. 0 on success. */
static int fetchUnusualWindow(Fetch *f, const Call *c, long long from, long long to, Leaf **paLeaf,
                              int *pnLeaf, int *pnAlloc) {
  TrtcApiReply r;
  int n = 0;
  char zWhat[300], zA[40], zB[40];
  char *zBody = jsonObject("SdkAppId", 'i', (long long)f->iSdkAppId, "StartTime", 'i', from,
                           "EndTime", 'i', to, "RoomId", 's', c->zRoom ? c->zRoom : "",
                           (const char *)0);
  trtcFormatTime(from, zA, sizeof zA);
  trtcFormatTime(to, zB, sizeof zB);
  snprintf(zWhat, sizeof zWhat, "call %s: unusual events %s - %s", c->zCommId, zA, zB);
  if (call(f, "DescribeUnusualEvent", zBody, zWhat, &r) != TRTC_API_OK) {
    sqlite3_free(zBody);
    trtcApiReplyFree(&r);
    return 1;
  }
  sqlite3_free(zBody);
  if (jsonArrayLength(f, &r, "$.Response.AbnormalExperienceList", &n)) {
    say(f, "%s: the response has no AbnormalExperienceList array (RequestId %s)", zWhat,
        r.zRequestId);
    f->nFailed++;
    trtcApiReplyFree(&r);
    return 1;
  }
  if (n >= UNUSUAL_CAP && to > from) {
    /* The cap: there may be more. Ask for each half instead. */
    long long mid = from + (to - from) / 2;
    trtcApiReplyFree(&r);
    if (fetchUnusualWindow(f, c, from, mid, paLeaf, pnLeaf, pnAlloc)) return 1;
    return fetchUnusualWindow(f, c, mid + 1, to, paLeaf, pnLeaf, pnAlloc);
  }
  if (*pnLeaf == *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 8;
    Leaf *aNew = realloc(*paLeaf, sizeof(Leaf) * (size_t)nNew);
    if (aNew == 0) {
      trtcApiReplyFree(&r);
      say(f, "out of memory");
      f->bStop = 1;
      return 1;
    }
    *paLeaf = aNew;
    *pnAlloc = nNew;
  }
  (*paLeaf)[*pnLeaf].from = from;
  (*paLeaf)[*pnLeaf].to = to;
  (*paLeaf)[*pnLeaf].zBody = r.zBody; /* handed over */
  (*paLeaf)[*pnLeaf].nBody = r.nBody;
  (*paLeaf)[*pnLeaf].bCapped = n >= UNUSUAL_CAP;
  (*pnLeaf)++;
  if (n >= UNUSUAL_CAP) {
    say(f, "%s: %d results within one second, the API's cap: some may be missing", zWhat, n);
    f->nCapped++;
  }
  return 0;
}

/* c. DescribeUnusualEvent for the call's room, hour slot by hour slot. */
static void fetchUnusual(Fetch *f, const Call *c, long long to) {
  TrtcWindow *aSlot;
  long long end = to;
  int nSlot, i;
  /* Slots are aligned on the creation time, whatever the horizon: the
  ** same slots on every run. */
  nSlot = trtcWindows(c->tCreate, end, UNUSUAL_WINDOW, 1, 0, 0);
  if (nSlot <= 0) return;
  aSlot = malloc(sizeof(TrtcWindow) * (size_t)nSlot);
  if (aSlot == 0) {
    say(f, "out of memory");
    f->bStop = 1;
    return;
  }
  trtcWindows(c->tCreate, end, UNUSUAL_WINDOW, 1, aSlot, nSlot);
  for (i = 0; i < nSlot && !f->bStop; i++) {
    sqlite3_int64 nDone = 0;
    Leaf *aLeaf = 0;
    int nLeaf = 0, nAlloc = 0, k, rc;
    long long a = aSlot[i].from;
    if (aSlot[i].to < f->tHorizon) continue; /* gone from the service; counted by the caller */
    if (a < f->tHorizon) a = f->tHorizon;
    if (runSql(f, &nDone,
               "SELECT count(*) > 0 AND min(complete) = 1 FROM trtc_fetched"
               " WHERE api = 'DescribeUnusualEvent' AND sdk_app_id = ?1 AND comm_id = ?2"
               "   AND user_id = '' AND slot = ?3",
               'i', (long long)f->iSdkAppId, 's', c->zCommId, 'i', aSlot[i].from, 0) != SQLITE_OK) {
      break;
    }
    if (nDone && !f->bAgain) continue;
    rc = fetchUnusualWindow(f, c, a, aSlot[i].to, &aLeaf, &nLeaf, &nAlloc);
    if (rc == 0) {
      storeItem(f, c, "DescribeUnusualEvent", "", aSlot[i].from, aLeaf, nLeaf, c->bFinished);
    }
    for (k = 0; k < nLeaf; k++) free(aLeaf[k].zBody);
    free(aLeaf);
  }
  free(aSlot);
}

static void fetchCall(Fetch *f, Call *c) {
  long long from, to;
  sqlite3_int64 bComplete = 0;
  int bUsersListed;
  callSpan(f, c, &from, &to);
  if (c->tCreate + UNUSUAL_WINDOW <= f->tHorizon) {
    say(f, "call %s: created more than 14 days ago; only its last 14 days can be fetched",
        c->zCommId);
  }
  bUsersListed = listUsers(f, c, from, to) == 0;
  if (f->bStop) return;
  if (bUsersListed && c->bFinished) {
    if (runSql(f, 0,
               "UPDATE trtc_calls SET users_complete = 1 WHERE sdk_app_id = ?1 AND comm_id = ?2",
               'i', (long long)f->iSdkAppId, 's', c->zCommId, 0) != SQLITE_OK) {
      return;
    }
  }
  fetchUsers(f, c, from, to);
  if (f->bStop) return;
  fetchUnusual(f, c, to);
  if (f->bStop) return;
  /* Complete: ended, user list read in full since, every user's events and
  ** every slot final. Never asked again. */
  if (runSql(f, &bComplete,
             "SELECT c.is_finished AND c.users_complete"
             "   AND NOT EXISTS (SELECT 1 FROM trtc_users AS u"
             "        WHERE u.sdk_app_id = c.sdk_app_id AND u.comm_id = c.comm_id"
             "          AND NOT EXISTS (SELECT 1 FROM trtc_fetched AS x"
             "               WHERE x.api = 'DescribeUserEvent' AND x.sdk_app_id = u.sdk_app_id"
             "                 AND x.comm_id = u.comm_id AND x.user_id = u.user_id AND x.complete))"
             "   AND (SELECT count(DISTINCT slot) FROM trtc_fetched AS x"
             "         WHERE x.api = 'DescribeUnusualEvent' AND x.sdk_app_id = c.sdk_app_id"
             "           AND x.comm_id = c.comm_id AND x.slot BETWEEN c.create_time AND ?4"
             "           AND x.complete) = ?3"
             "   AND NOT EXISTS (SELECT 1 FROM trtc_fetched AS x"
             "         WHERE x.api = 'DescribeUnusualEvent' AND x.sdk_app_id = c.sdk_app_id"
             "           AND x.comm_id = c.comm_id AND x.slot BETWEEN c.create_time AND ?4"
             "           AND NOT x.complete)"
             "  FROM trtc_calls AS c WHERE c.sdk_app_id = ?1 AND c.comm_id = ?2",
             'i', (long long)f->iSdkAppId, 's', c->zCommId, 'i',
             (long long)trtcWindows(c->tCreate, to, UNUSUAL_WINDOW, 1, 0, 0), 'i', to,
             0) != SQLITE_OK) {
    return;
  }
  if (bComplete) {
    runSql(f, 0, "UPDATE trtc_calls SET complete = 1 WHERE sdk_app_id = ?1 AND comm_id = ?2", 'i',
           (long long)f->iSdkAppId, 's', c->zCommId, 0);
  }
}

/* ---- Options ------------------------------------------------------------------------ */

/* The value of option zName at argv[*pi] ("--name value" or "--name=value"),
** or NULL when argv[*pi] is another option. Sets *pbMissing when the value
** is missing. */
static const char *optionValue(int argc, char **argv, int *pi, const char *zName, int *pbMissing) {
  const char *z = argv[*pi];
  size_t n = strlen(zName);
  if (strncmp(z, zName, n) != 0) return 0;
  if (z[n] == '=') return z + n + 1;
  if (z[n] != 0) return 0;
  if (*pi + 1 >= argc) {
    *pbMissing = 1;
    return 0;
  }
  return argv[++*pi];
}

static int usageError(const char *zFormat, ...) {
  va_list ap;
  fputs("trtc fetch: ", stderr);
  va_start(ap, zFormat);
  vfprintf(stderr, zFormat, ap);
  va_end(ap);
  fputs("\n(see 'trtc fetch --help')\n", stderr);
  return TRTC_EXIT_USAGE;
}

/* Adds the comma-separated user ids of z to f->azUser. */
static int addUsers(Fetch *f, const char *z) {
  while (*z) {
    size_t n = strcspn(z, ",");
    if (n > 0) {
      char **azNew = realloc(f->azUser, sizeof(char *) * (size_t)(f->nUser + 1));
      if (azNew == 0) return 1;
      f->azUser = azNew;
      f->azUser[f->nUser] = sqlite3_mprintf("%.*s", (int)n, z);
      if (f->azUser[f->nUser] == 0) return 1;
      f->nUser++;
    }
    z += n;
    if (*z == ',') z++;
  }
  return 0;
}

/* An integer from the environment (for tests), within [lo, hi]; dflt otherwise. */
static int envInt(const char *zName, int dflt, int lo, int hi) {
  const char *z = getenv(zName);
  char *zEnd = 0;
  long v;
  if (z == 0 || z[0] == 0) return dflt;
  v = strtol(z, &zEnd, 10);
  if (*zEnd != 0 || v < lo || v > hi) return dflt;
  return (int)v;
}

/* A copy of the environment variable zName, whose value in the environment
** is then overwritten when bWipe (it would otherwise stay readable in
** /proc/PID/environ for as long as the command runs). NULL when unset/empty. */
static char *takeEnv(const char *zName, int bWipe) {
  char *z = getenv(zName);
  char *zCopy;
  size_t n;
  if (z == 0 || z[0] == 0) return 0;
  n = strlen(z);
  zCopy = malloc(n + 1);
  if (zCopy == 0) return 0;
  memcpy(zCopy, z, n + 1);
  if (bWipe) trtcWipe(z, n);
  return zCopy;
}

static void freeSecret(char *z) {
  if (z) trtcWipe(z, strlen(z));
  free(z);
}

int trtcFetchMain(int argc, char **argv) {
  Fetch f;
  const char *zStart = 0, *zEnd = 0, *zApp = 0;
  char *zId = 0, *zKey = 0, *zToken = 0;
  char zErr[512], zA[40], zB[40];
  int i, rc = TRTC_EXIT_OK, bDash = 0;
  TrtcStoreOptions opts;
  TrtcApiConfig cfg;
  struct rlimit noCore = { 0, 0 };

  memset(&f, 0, sizeof f);
  f.zRegion = "ap-guangzhou";
  f.zEndpoint = "https://trtc.tencentcloudapi.com/";
  f.bProgress = isatty(2);
  for (i = 1; i < argc; i++) {
    const char *z = argv[i], *zVal;
    int bMissing = 0;
    if (bDash || z[0] != '-') {
      if (f.zDb) return usageError("one database only (%s, then %s)", f.zDb, z);
      f.zDb = z;
      continue;
    }
    if (strcmp(z, "--") == 0) {
      bDash = 1;
    } else if (strcmp(z, "-h") == 0 || strcmp(z, "--help") == 0) {
      fputs(zUsage, stdout);
      return TRTC_EXIT_OK;
    } else if (strcmp(z, "--again") == 0) {
      f.bAgain = 1;
    } else if (strcmp(z, "--quiet") == 0 || strcmp(z, "-q") == 0) {
      f.bProgress = 0;
    } else if ((zVal = optionValue(argc, argv, &i, "--sdk-app-id", &bMissing)) != 0) {
      zApp = zVal;
    } else if ((zVal = optionValue(argc, argv, &i, "--start", &bMissing)) != 0) {
      zStart = zVal;
    } else if ((zVal = optionValue(argc, argv, &i, "--end", &bMissing)) != 0) {
      zEnd = zVal;
    } else if ((zVal = optionValue(argc, argv, &i, "--room", &bMissing)) != 0) {
      if (zVal[0] == 0) return usageError("--room needs a room id");
      f.zRoom = zVal;
    } else if ((zVal = optionValue(argc, argv, &i, "--user", &bMissing)) != 0) {
      if (addUsers(&f, zVal)) return usageError("out of memory");
    } else if ((zVal = optionValue(argc, argv, &i, "--region", &bMissing)) != 0) {
      f.zRegion = zVal;
    } else if ((zVal = optionValue(argc, argv, &i, "--endpoint", &bMissing)) != 0) {
      f.zEndpoint = zVal;
    } else if (bMissing) {
      return usageError("%s needs a value", z);
    } else if (strstr(z, "secret") || strstr(z, "key") || strstr(z, "token")) {
      /* The option's name only: its value may be a secret. */
      return usageError("%.*s: credentials are never taken from the command line (other users "
                        "can see it); set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY",
                        (int)strcspn(z, "="), z);
    } else {
      return usageError("unknown option %s", z);
    }
  }
  if (zApp == 0 || zStart == 0 || zEnd == 0 || f.zDb == 0) {
    return usageError("--sdk-app-id, --start, --end and a database file are needed");
  }
  {
    char *zX = 0;
    long long v = strtoll(zApp, &zX, 10);
    if (zApp[0] < '0' || zApp[0] > '9' || *zX != 0 || v <= 0 || v > 0x7fffffffffffLL) {
      return usageError("--sdk-app-id %s: not an application id (a positive number such as 1400188366)",
                        zApp);
    }
    f.iSdkAppId = v;
  }
  if (f.zRegion[0] == 0 || strspn(f.zRegion, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
                               strlen(f.zRegion)) {
    return usageError("--region %s: not a region (e.g. ap-guangzhou, ap-singapore)", f.zRegion);
  }

  /* The time range, checked before anything is asked. */
  f.tNow = (long long)time(0);
  if (trtcParseTime(zStart, &f.tStart, zErr, sizeof zErr)) return usageError("--start %s", zErr);
  if (trtcParseTime(zEnd, &f.tEnd, zErr, sizeof zErr)) return usageError("--end %s", zErr);
  trtcFormatTime(f.tStart, zA, sizeof zA);
  trtcFormatTime(f.tEnd, zB, sizeof zB);
  if (f.tEnd <= f.tStart) return usageError("--end (%s) is not after --start (%s)", zB, zA);
  if (f.tStart > f.tNow) return usageError("--start (%s) is in the future", zA);
  /* Five minutes to spare: the requests are sent later than now. */
  f.tHorizon = f.tNow - MAX_AGE + 300;
  if (f.tStart < f.tHorizon) {
    return usageError("--start (%s) is more than 14 days ago, or within 5 minutes of it: the "
                      "monitoring API keeps 14 days at most (7 on some plans)",
                      zA);
  }
  if (f.tEnd > f.tNow) {
    f.tEnd = f.tNow;
    trtcFormatTime(f.tEnd, zB, sizeof zB);
  }
  f.pageSize = envInt("TRTC_FETCH_TEST_PAGE_SIZE", 100, 1, 100);
  f.backoffMs = envInt("TRTC_FETCH_TEST_BACKOFF_MS", 1000, 0, 60000);

  /* Credentials: the environment only. */
  zId = takeEnv("TENCENTCLOUD_SECRET_ID", 0);
  zKey = takeEnv("TENCENTCLOUD_SECRET_KEY", 1);
  zToken = takeEnv("TENCENTCLOUD_SESSION_TOKEN", 1);
  if (zId == 0 || zKey == 0) {
    freeSecret(zId);
    freeSecret(zKey);
    freeSecret(zToken);
    for (i = 0; i < f.nUser; i++) sqlite3_free(f.azUser[i]);
    free(f.azUser);
    return usageError("set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY in the environment "
                      "(TENCENTCLOUD_SESSION_TOKEN too for temporary credentials)");
  }
  setrlimit(RLIMIT_CORE, &noCore); /* no core file with the key in it */

  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    say(&f, "cannot start libcurl");
    rc = TRTC_EXIT_USAGE;
    goto done_secrets;
  }
  {
    /* Refuse a bad endpoint before creating the database. */
    TrtcHttp *pCheck = trtcHttpOpen(f.zEndpoint, zErr, sizeof zErr);
    if (pCheck == 0) {
      rc = usageError("%s", zErr);
      goto done_curl;
    }
    trtcHttpClose(pCheck);
  }

  memset(&opts, 0, sizeof opts);
  opts.busyTimeoutMs = 30000;
  if (trtcStoreOpen(f.zDb, &opts, &f.pStore) != TRTC_OK) {
    rc = TRTC_EXIT_USAGE;
    goto done_curl;
  }
  f.db = trtcStoreDb(f.pStore);
  trtcStoreOnWarning(f.pStore, onStoreWarning, &f);

  memset(&cfg, 0, sizeof cfg);
  cfg.zEndpoint = f.zEndpoint;
  cfg.zRegion = f.zRegion;
  cfg.zVersion = "2019-07-22";
  cfg.zService = "trtc";
  cfg.minIntervalMs = MIN_INTERVAL_MS;
  cfg.nAttempts = 6;
  cfg.backoffMs = f.backoffMs;
  cfg.xProgress = onProgress;
  cfg.pProgressArg = &f;
  f.pApi = trtcApiOpen(&cfg, zId, zKey, zToken, f.db, zErr, sizeof zErr);
  freeSecret(zId);
  freeSecret(zKey);
  freeSecret(zToken);
  zId = zKey = zToken = 0;
  if (f.pApi == 0) {
    say(&f, "%s", zErr);
    rc = TRTC_EXIT_USAGE;
    goto done_store;
  }

  /* 1. The calls; 2. each call. */
  listCalls(&f);
  if (!f.bDbFailed) loadCalls(&f);
  for (f.iCall = 1; f.iCall <= f.nCall && !f.bStop; f.iCall++) {
    Call *c = &f.aCall[f.iCall - 1];
    if (c->bComplete && !f.bAgain) {
      f.nCallsComplete++;
      continue;
    }
    fetchCall(&f, c);
    if (!f.bStop) f.nCallsDone++;
  }
  if (f.bStop && f.nCallsComplete + f.nCallsDone < f.nCall) {
    say(&f, "%d call(s) not fetched, or not completely", f.nCall - f.nCallsComplete - f.nCallsDone);
  }
  for (i = 0; i < f.nUser && !f.bStop; i++) {
    sqlite3_int64 bSeen = 0;
    if (runSql(&f, &bSeen,
               "SELECT EXISTS (SELECT 1 FROM trtc_users AS u JOIN temp.trtc_fetch_run USING (comm_id)"
               "                WHERE u.sdk_app_id = ?1 AND u.user_id = ?2)",
               'i', (long long)f.iSdkAppId, 's', f.azUser[i], 0) == SQLITE_OK &&
        !bSeen) {
      say(&f, "user %s: in none of the calls found", f.azUser[i]);
      f.nFailed++;
    }
  }

  /* The summary. */
  {
    int nReq, nRetry;
    double sec, rate;
    trtcApiStats(f.pApi, &nReq, &nRetry, &sec, &rate);
    clearProgress(&f);
    printf("trtc fetch: SdkAppId %lld, %s - %s%s%s: %d call(s)", (long long)f.iSdkAppId, zA, zB,
           f.zRoom ? ", room " : "", f.zRoom ? f.zRoom : "", f.nCall);
    if (f.nCallsComplete) printf(" (%d complete before)", f.nCallsComplete);
    printf(", %d user(s); %d new response(s)", f.nUsers, f.nResponses);
    if (f.nReplaced) printf(" (replacing %d older one(s))", f.nReplaced);
    printf(", %d event row(s), %d abnormal-event row(s); %d request(s) in %.1f s (%.1f/s), "
           "%d retried\n",
           f.nEvents, f.nUnusual, nReq, sec, rate, nRetry);
    if (f.nCall == 0 && !f.bStop) {
      say(&f, "no calls found for SdkAppId %lld between %s and %s%s%s", (long long)f.iSdkAppId, zA,
          zB, f.zRoom ? " in room " : "", f.zRoom ? f.zRoom : "");
    }
    if (f.nWarnings) say(&f, "%d warning(s) above", f.nWarnings);
    if (f.nFailed) {
      say(&f, "not everything was fetched (%d failure(s), named above); run the same command "
              "again to ask for what is missing",
          f.nFailed);
    }
    if (f.nCapped) {
      say(&f, "%d window(s) of one second returned the API's cap of 20 unusual events: some may "
              "be missing (marked capped in trtc_fetched)",
          f.nCapped);
    }
  }
  rc = f.bDbFailed ? TRTC_EXIT_USAGE
                   : (f.nFailed || f.nCapped || f.bStop) ? TRTC_EXIT_PARTIAL : TRTC_EXIT_OK;

  trtcApiClose(f.pApi);
done_store:
  trtcStoreClose(f.pStore);
done_curl:
  curl_global_cleanup();
done_secrets:
  freeSecret(zId);
  freeSecret(zKey);
  freeSecret(zToken);
  for (i = 0; i < f.nCall; i++) {
    sqlite3_free(f.aCall[i].zCommId);
    sqlite3_free(f.aCall[i].zRoom);
  }
  free(f.aCall);
  for (i = 0; i < f.nUser; i++) sqlite3_free(f.azUser[i]);
  free(f.azUser);
  return rc;
}
