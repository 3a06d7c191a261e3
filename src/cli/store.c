/*
** src/cli/store.c: the database side of the trtc command (the contract is
** src/cli/store.h): open a database with sql/schema.sql (built in, from
** the generated trtc_cli_schema.h) and migrate an older one; store one
** response with its context, decide whether it is already there, decode
** it into trtc_event_log / trtc_unusual_log with the extension's
** trtc_user_events(?) / trtc_unusual_events(?), and say what is wrong with
** it. No file, manifest or command-line knowledge lives here: "trtc
** ingest" and "trtc fetch" both call it with a body and its context.
**
**   TrtcStore *pStore;
**   trtcStoreOpen("calls.db", &opts, &pStore);
**   trtcStoreResponse(pStore, &in, &out);
**   trtcStoreClose(pStore);
**
** How a response is stored (storeOne): forms.c reads it (what it is, its
** RequestId, the hash of its content); the label and the content decide
** the API; candidates with the same API and RequestId or content are
** compared by context (the same context: already there; a context that
** only lacks or adds values: the same response, its missing values filled
** in; another context: a new response, and a warning); its rows are
** decoded first, under the response_id it will get, and the response row
** is written last, once, with n_rows and notes known (rewriting a row
** rewrites its body: a 100 MB body is written once). Everything happens
** in a savepoint inside the caller's write transaction.
*/
#define _POSIX_C_SOURCE 200809L
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "forms.h"
#include "sha3.h"
#include "sqlite-trtc.h"
#include "trtc_cli_schema.h" /* zTrtcCliSchema: sql/schema.sql */

static const char zUserApi[] = "DescribeUserEvent";
static const char zUnusualApi[] = "DescribeUnusualEvent";

/* Times that look like another unit (docs/ingest-command.md), by their
** size as Unix times of the years 1973 to 5138: [1e8, 1e11) seconds,
** [1e11, 1e14) milliseconds, [1e14, 1e17) microseconds, from 1e17
** nanoseconds; below 1e8 (and negative) none: left as they are. */
#define SECONDS_MIN 100000000LL
#define SECONDS_MAX 100000000000LL
#define MS_MAX 100000000000000LL
#define US_MAX 100000000000000000LL
enum { UNIT_S, UNIT_MS, UNIT_US, UNIT_NS, UNIT_NONE, N_UNIT };
static const char *const azUnitName[N_UNIT] = {"seconds", "milliseconds", "microseconds", "nanoseconds",
                                               "no Unix time"};
static int timeUnit(sqlite3_int64 v) {
  if (v < SECONDS_MIN) return UNIT_NONE;
  if (v < SECONDS_MAX) return UNIT_S;
  if (v < MS_MAX) return UNIT_MS;
  if (v < US_MAX) return UNIT_US;
  return UNIT_NS;
}
/* v, of unit e, in unit eWant (UNIT_S or UNIT_MS). */
static sqlite3_int64 toUnit(sqlite3_int64 v, int e, int eWant) {
  static const sqlite3_int64 aPerSecond[] = {1, 1000, 1000000, 1000000000};
  if (e == UNIT_NONE || e == eWant) return v;
  if (e < eWant) return v * (aPerSecond[eWant] / aPerSecond[e]);
  return v / (aPerSecond[e] / aPerSecond[eWant]);
}

/* What the rows being decoded showed (the trtc_cli_* functions fill it). */
#define MAX_PEERS 5
typedef struct DecodeStats {
  const char *zUser;             /* the response's user id, or NULL */
  int bUserSeen;                 /* some PeerId equals it */
  char *zCaseMatch;              /* the first PeerId equal to it but for case */
  char *azPeer[MAX_PEERS];       /* the first distinct PeerIds */
  int nPeer, bMorePeers;
  sqlite3_int64 anUnit[N_UNIT], aiUnitExample[N_UNIT]; /* times of each unit; the first of each */
  sqlite3_int64 nNoTime;                                 /* times that are NULL (missing, not whole) */
  sqlite3_int64 nRoomOwn, nRoomOther; /* room events (category "room") with PeerId the user's, another's */
  char *zRoomPeer;                    /* the first other PeerId of a room event */
  sqlite3_int64 nUnknownId, iUnknownId; /* events whose EventId the mapping lacks; the first such id */
} DecodeStats;

/* Warnings of the response being stored, said once it is stored. */
#define MAX_WARN 16
typedef struct Warning {
  int eCode;
  char zMsg[480];
} Warning;

/* A stored response with the same API and RequestId or content. */
#define MAX_CANDIDATES 16
typedef struct Candidate {
  sqlite3_int64 id;
  char *zSource;
  int bSdk;
  sqlite3_int64 iSdk;
  char *zComm, *zRoom, *zUser;
  int bByRequest;
} Candidate;

/* The context of a response. */
typedef struct Context {
  int bSdk;
  sqlite3_int64 iSdk;
  const char *zComm, *zRoom, *zUser;
} Context;

struct TrtcStore {
  sqlite3 *db;
  char *zPath;
  int busyTimeoutMs;
  int bQuiet;
  TrtcStoreWarnFn xWarn;
  void *pWarnCtx;
  double tBusyStart, waited; /* the busy handler's clock */
  int nChangesAtBegin;    /* sqlite3_total_changes() at trtcStoreBegin */
  sqlite3_stmt *pBegin, *pCommit, *pRollback;
  sqlite3_stmt *pGroupSave, *pGroupRelease, *pGroupRollback;
  sqlite3_stmt *pSave, *pRelease, *pRollbackTo;
  sqlite3_stmt *pFind, *pNextId, *pInsert, *pDecodeUser, *pDecodeUnusual;
  sqlite3_stmt *pMergeResp, *pMergeEvents, *pMergeUnusual;
  sqlite3_stmt *pPending, *pGetRow, *pSetDecoded, *pSetFailed, *pOthers;
  DecodeStats st;
  const char *zRedecodeApi;      /* set when a replaced response may have */
  char *zRedecodeUser;           /* trimmed others (see redecodeTrimmed) */
  Warning aWarn[MAX_WARN];
  int nWarn;
  char *zLastSource;             /* responses stored from the last source: */
  sqlite3_int64 aSourceId[64];   /* their ids, to tell one appearing twice */
  int nSourceId;
};

/* ---- Small helpers -------------------------------------------------------- */

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *dup(const char *z) {
  size_t n;
  char *zNew;
  if (z == 0) return 0;
  n = strlen(z);
  zNew = (char *)malloc(n + 1);
  if (zNew) memcpy(zNew, z, n + 1);
  return zNew;
}

/* An empty string is no value. */
static const char *orNull(const char *z) { return z && z[0] ? z : 0; }

static int sameText(const char *a, const char *b) { return (a == 0 && b == 0) || (a && b && strcmp(a, b) == 0); }

/* Append ("; "-separated) to a notes buffer. */
static void addNote(char *zNotes, size_t nNotes, const char *zFmt, ...) {
  size_t m = strlen(zNotes);
  va_list ap;
  if (m && m + 2 < nNotes) {
    memcpy(zNotes + m, "; ", 3);
    m += 2;
  }
  va_start(ap, zFmt);
  vsnprintf(zNotes + m, nNotes - m, zFmt, ap);
  va_end(ap);
}

/* A warning of the response being stored (said by flushWarnings). */
static void warn(TrtcStore *p, int eCode, const char *zFmt, ...) {
  va_list ap;
  Warning *w;
  if (p->nWarn >= MAX_WARN) return;
  w = &p->aWarn[p->nWarn++];
  w->eCode = eCode;
  va_start(ap, zFmt);
  vsnprintf(w->zMsg, sizeof(w->zMsg), zFmt, ap);
  va_end(ap);
}

static void say(TrtcStore *p, const char *zSource, int eCode, const char *zMsg) {
  if (p->xWarn) {
    p->xWarn(p->pWarnCtx, zSource, eCode, zMsg);
  } else if (!p->bQuiet) {
    fprintf(stderr, "warning: %s: %s\n", zSource, zMsg);
  }
}

static int flushWarnings(TrtcStore *p, const char *zSource) {
  int i, n = p->nWarn;
  for (i = 0; i < n; i++) say(p, zSource, p->aWarn[i].eCode, p->aWarn[i].zMsg);
  p->nWarn = 0;
  return n;
}

/* A database error: TRTC_BUSY (not printed) or TRTC_FAIL (printed). */
static int dbError(TrtcStore *p, int rc) {
  const char *zWhat;
  int ePrimary = rc & 0xff;
  if (ePrimary == SQLITE_BUSY || ePrimary == SQLITE_LOCKED) return TRTC_BUSY;
  switch (ePrimary) {
    case SQLITE_NOTADB: zWhat = "not an SQLite database"; break;
    case SQLITE_READONLY: zWhat = "cannot write to the database"; break;
    case SQLITE_FULL: zWhat = "the disk (or the database) is full"; break;
    case SQLITE_CANTOPEN: zWhat = "cannot open it as a database"; break;
    case SQLITE_CORRUPT: zWhat = "the database is corrupt"; break;
    case SQLITE_IOERR: zWhat = "an I/O error"; break;
    case SQLITE_NOMEM: zWhat = "out of memory"; break;
    default: zWhat = "cannot write to the database"; break;
  }
  fprintf(stderr, "trtc: %s: %s (%s)\n", p->zPath, zWhat, p->db ? sqlite3_errmsg(p->db) : sqlite3_errstr(rc));
  return TRTC_FAIL;
}

static int prep(TrtcStore *p, sqlite3_stmt **pp, const char *zSql) {
  int rc;
  if (*pp) return SQLITE_OK;
  rc = sqlite3_prepare_v3(p->db, zSql, -1, SQLITE_PREPARE_PERSISTENT, pp, 0);
  return rc;
}

/* Run a statement that returns no rows; SQLite's result code. */
static int run(sqlite3_stmt *pStmt) {
  int rc = sqlite3_step(pStmt);
  sqlite3_reset(pStmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* A statement prepared on first use and run; TRTC_* code. */
static int runSql(TrtcStore *p, sqlite3_stmt **pp, const char *zSql) {
  int rc = prep(p, pp, zSql);
  if (rc == SQLITE_OK) rc = run(*pp);
  if (rc == SQLITE_OK) return TRTC_OK;
  /* The statement's own error code (sqlite3_reset returned it) */
  return dbError(p, sqlite3_extended_errcode(p->db));
}

static void bindText(sqlite3_stmt *pStmt, int i, const char *z) {
  if (z) sqlite3_bind_text(pStmt, i, z, -1, SQLITE_STATIC);
  else sqlite3_bind_null(pStmt, i);
}

static void bindContext(sqlite3_stmt *pStmt, int i, const Context *c) {
  if (c->bSdk) sqlite3_bind_int64(pStmt, i, c->iSdk);
  else sqlite3_bind_null(pStmt, i);
  bindText(pStmt, i + 1, c->zComm);
  bindText(pStmt, i + 2, c->zRoom);
  bindText(pStmt, i + 3, c->zUser);
}

/* ---- Busy handling ------------------------------------------------------------ */

/* Wait in small steps (other writers' commits come every second or so) up
** to the busy timeout, counting the time waited. */
static int busyHandler(void *pArg, int nCall) {
  TrtcStore *p = (TrtcStore *)pArg;
  double t = now(), elapsed, remain;
  struct timespec ts;
  if (nCall == 0) p->tBusyStart = t;
  elapsed = t - p->tBusyStart;
  remain = p->busyTimeoutMs / 1000.0 - elapsed;
  if (remain <= 0) {
    p->waited += elapsed;
    return 0;
  }
  if (remain > 0.004 + 0.001 * (nCall % 4)) remain = 0.004 + 0.001 * (nCall % 4);
  ts.tv_sec = 0;
  ts.tv_nsec = (long)(remain * 1e9);
  nanosleep(&ts, 0);
  p->waited += now() - t;
  return 1;
}

double trtcStoreWaited(TrtcStore *p) { return p->waited; }

/* ---- The functions the decoding statements call ------------------------------ */

/* Count v's unit in st; v in unit eWant (a time of another unit is
** converted; one that is no Unix time is left as it is). */
static sqlite3_int64 countUnit(DecodeStats *st, sqlite3_int64 v, int eWant) {
  int e = timeUnit(v);
  if (st->anUnit[e]++ == 0) st->aiUnitExample[e] = v;
  return toUnit(v, e, eWant);
}

/* trtc_cli_ms(Time): Time in ms; a value that looks like seconds,
** microseconds or nanoseconds is converted and counted. */
static void fnMs(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  DecodeStats *st = (DecodeStats *)sqlite3_user_data(ctx);
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER) {
    sqlite3_result_int64(ctx, countUnit(st, sqlite3_value_int64(argv[0]), UNIT_MS));
  } else {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) st->nNoTime++;
    sqlite3_result_value(ctx, argv[0]);
  }
}

/* trtc_cli_s(EventTime): EventTime in s; a value that looks like
** milliseconds, microseconds or nanoseconds is converted and counted. */
static void fnS(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  DecodeStats *st = (DecodeStats *)sqlite3_user_data(ctx);
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER) {
    sqlite3_result_int64(ctx, countUnit(st, sqlite3_value_int64(argv[0]), UNIT_S));
  } else {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) st->nNoTime++;
    sqlite3_result_value(ctx, argv[0]);
  }
}

/* trtc_cli_peer(PeerId, category, EventId): the PeerId, noting whether it
** is the user's, whose room events (entering, leaving the room) are, and
** EventIds the mapping tables lack (their category is NULL). A missing or
** empty PeerId is the user's own, as the views read it (it is stored as
** NULL). */
static void fnPeer(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  DecodeStats *st = (DecodeStats *)sqlite3_user_data(ctx);
  const char *z = (const char *)sqlite3_value_text(argv[0]);
  const char *zCat = (const char *)sqlite3_value_text(argv[1]);
  int bOwn = z == 0 || z[0] == 0 || (st->zUser && strcmp(z, st->zUser) == 0);
  (void)argc;
  if (zCat == 0 && sqlite3_value_type(argv[2]) == SQLITE_INTEGER) {
    if (st->nUnknownId++ == 0) st->iUnknownId = sqlite3_value_int64(argv[2]);
  }
  if (st->zUser && zCat && strcmp(zCat, "room") == 0) {
    if (bOwn) {
      st->nRoomOwn++;
    } else {
      if (st->nRoomOther++ == 0) st->zRoomPeer = dup(z);
    }
  }
  if (!st->bUserSeen) {
    int i;
    if (bOwn) {
      st->bUserSeen = 1;
    } else {
      if (st->zUser && !st->zCaseMatch && sqlite3_stricmp(z, st->zUser) == 0) st->zCaseMatch = dup(z);
      for (i = 0; i < st->nPeer && strcmp(st->azPeer[i], z) != 0; i++) {
      }
      if (i == st->nPeer) {
        if (st->nPeer < MAX_PEERS) {
          char *zCopy = dup(z);
          if (zCopy) st->azPeer[st->nPeer++] = zCopy;
        } else {
          st->bMorePeers = 1;
        }
      }
    }
  }
  sqlite3_result_value(ctx, argv[0]);
}

static void statsReset(DecodeStats *st, const char *zUser) {
  int i;
  free(st->zCaseMatch);
  free(st->zRoomPeer);
  for (i = 0; i < st->nPeer; i++) free(st->azPeer[i]);
  memset(st, 0, sizeof(*st));
  st->zUser = zUser;
}

/* ---- Open, migrate, close ------------------------------------------------------- */

static void closeStore(TrtcStore *p);

/* Columns trtc_responses gained since the first schema, for ALTER TABLE. */
static const char *const azNewColumn[] = {
    "request_id TEXT",
    "content_sha3 BLOB",
    "notes TEXT",
    "decode_error TEXT",
};

static int execSql(TrtcStore *p, const char *zSql) {
  int rc = sqlite3_exec(p->db, zSql, 0, 0, 0);
  return rc == SQLITE_OK ? TRTC_OK : dbError(p, sqlite3_extended_errcode(p->db));
}

static int migrateViews(TrtcStore *p, int *pbNeeded);

/* ALTER TABLE for the columns an older trtc_responses lacks, and the views
** of an older version (with pbNeeded set: only say whether any is). */
static int migrate(TrtcStore *p, int *pbNeeded) {
  sqlite3_stmt *pStmt = 0;
  size_t k;
  int rc, bTable = 0;
  rc = sqlite3_prepare_v2(p->db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'trtc_responses'", -1,
                          &pStmt, 0);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(pStmt);
    bTable = rc == SQLITE_ROW;
    rc = sqlite3_finalize(pStmt);
  }
  if (rc != SQLITE_OK) return dbError(p, rc);
  if (!bTable) return TRTC_OK;
  for (k = 0; k < sizeof(azNewColumn) / sizeof(azNewColumn[0]); k++) {
    char zName[64];
    int bHave = 0;
    size_t m = strcspn(azNewColumn[k], " ");
    memcpy(zName, azNewColumn[k], m);
    zName[m] = 0;
    rc = sqlite3_prepare_v2(p->db, "SELECT 1 FROM pragma_table_info('trtc_responses') WHERE name = ?1", -1, &pStmt, 0);
    if (rc == SQLITE_OK) {
      sqlite3_bind_text(pStmt, 1, zName, -1, SQLITE_STATIC);
      bHave = sqlite3_step(pStmt) == SQLITE_ROW;
      rc = sqlite3_finalize(pStmt);
    }
    if (rc != SQLITE_OK) return dbError(p, rc);
    if (!bHave && pbNeeded) {
      *pbNeeded = 1;
      return TRTC_OK;
    }
    if (!bHave) {
      char *zSql = sqlite3_mprintf("ALTER TABLE trtc_responses ADD COLUMN %s", azNewColumn[k]);
      if (zSql == 0) return dbError(p, SQLITE_NOMEM);
      rc = execSql(p, zSql);
      sqlite3_free(zSql);
      if (rc) return rc;
    }
  }
  return migrateViews(p, pbNeeded);
}

/* The views sql/schema.sql defines, as a database made by this version
** holds them (name, sql): the schema run into a database in memory. */
static int schemaViews(TrtcStore *p, sqlite3 **pMem) {
  int rc = sqlite3_open_v2(":memory:", pMem, SQLITE_OPEN_READWRITE, 0);
  if (rc == SQLITE_OK) rc = sqlite3_trtc_init(*pMem, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_exec(*pMem, zTrtcCliSchema, 0, 0, 0);
  return rc == SQLITE_OK ? TRTC_OK : dbError(p, rc);
}

/* A view whose definition is not the schema's (made by an older version;
** CREATE VIEW IF NOT EXISTS would keep it) is dropped, for the schema to
** create it again; with pbNeeded set, only say whether there is one. */
static int migrateViews(TrtcStore *p, int *pbNeeded) {
  sqlite3 *mem = 0;
  sqlite3_stmt *pWant = 0, *pHave = 0;
  int rc = schemaViews(p, &mem);
  if (rc == TRTC_OK) {
    int r = sqlite3_prepare_v2(mem, "SELECT name, sql FROM sqlite_master WHERE type = 'view'", -1, &pWant, 0);
    if (r == SQLITE_OK) {
      r = sqlite3_prepare_v2(p->db, "SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?1", -1,
                             &pHave, 0);
    }
    while (r == SQLITE_OK && sqlite3_step(pWant) == SQLITE_ROW) {
      const char *zName = (const char *)sqlite3_column_text(pWant, 0);
      const char *zWant = (const char *)sqlite3_column_text(pWant, 1);
      int bOld = 0;
      sqlite3_bind_text(pHave, 1, zName, -1, SQLITE_TRANSIENT);
      if (sqlite3_step(pHave) == SQLITE_ROW) {
        const char *zHave = (const char *)sqlite3_column_text(pHave, 0);
        bOld = zHave == 0 || zWant == 0 || strcmp(zHave, zWant) != 0;
      }
      r = sqlite3_reset(pHave);
      if (r == SQLITE_OK && bOld && pbNeeded) {
        *pbNeeded = 1;
        break;
      }
      if (r == SQLITE_OK && bOld) {
        char *zSql = sqlite3_mprintf("DROP VIEW \"%w\"", zName);
        if (zSql == 0) {
          r = SQLITE_NOMEM;
          break;
        }
        r = sqlite3_exec(p->db, zSql, 0, 0, 0);
        sqlite3_free(zSql);
        if (r != SQLITE_OK) r = sqlite3_extended_errcode(p->db);
      }
    }
    if (r == SQLITE_OK) r = sqlite3_finalize(pWant);
    else sqlite3_finalize(pWant);
    sqlite3_finalize(pHave);
    rc = r == SQLITE_OK ? TRTC_OK : dbError(p, r);
  }
  sqlite3_close(mem);
  return rc;
}

/* Is there a response stored without content_sha3 (so: to backfill)? */
static int backfillNeeded(TrtcStore *p, int *pbNeeded) {
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(p->db, "SELECT 1 FROM trtc_responses WHERE content_sha3 IS NULL LIMIT 1", -1, &pStmt, 0);
  if (rc == SQLITE_OK) {
    if (sqlite3_step(pStmt) == SQLITE_ROW) *pbNeeded = 1;
    rc = sqlite3_finalize(pStmt);
  }
  return rc == SQLITE_OK ? TRTC_OK : dbError(p, rc);
}

/* Fill request_id and content_sha3 of the responses stored without them
** (by the old script, or by another program): what duplicates are found
** by. A body that cannot be read gets an empty content_sha3. */
static int backfill(TrtcStore *p) {
  sqlite3_stmt *pSel = 0, *pUpd = 0;
  int rc = sqlite3_prepare_v2(p->db,
                              "SELECT response_id, body FROM trtc_responses WHERE content_sha3 IS NULL LIMIT 1",
                              -1, &pSel, 0);
  if (rc == SQLITE_OK) {
    rc = sqlite3_prepare_v2(p->db,
                            "UPDATE trtc_responses SET content_sha3 = ?2, request_id = coalesce(request_id, ?3)"
                            " WHERE response_id = ?1",
                            -1, &pUpd, 0);
  }
  while (rc == SQLITE_OK) {
    TrtcFormSummary s;
    sqlite3_int64 id;
    const char *zBody;
    char *zReq = 0;
    int rcSum;
    rc = sqlite3_step(pSel);
    if (rc != SQLITE_ROW) {
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
      break;
    }
    id = sqlite3_column_int64(pSel, 0);
    zBody = (const char *)sqlite3_column_text(pSel, 1);
    rcSum = zBody ? trtcFormsSummarize(zBody, (size_t)sqlite3_column_bytes(pSel, 1), &s) : TRTC_FORMS_REFUSED;
    if (rcSum == TRTC_FORMS_NOMEM) {
      rc = SQLITE_NOMEM;
      break;
    }
    sqlite3_bind_int64(pUpd, 1, id);
    if (rcSum == TRTC_FORMS_OK && s.eKind != TRTC_FORM_NOT_RESPONSE && s.eKind != TRTC_FORM_OTHER_API) {
      sqlite3_bind_blob(pUpd, 2, s.aContent, TRTC_SHA3_SIZE, SQLITE_TRANSIENT);
      zReq = trtcFormsText(zBody, s.requestId);
    } else {
      sqlite3_bind_zeroblob(pUpd, 2, 0);
    }
    bindText(pUpd, 3, orNull(zReq));
    sqlite3_reset(pSel);
    rc = run(pUpd);
    free(zReq);
  }
  sqlite3_finalize(pSel);
  sqlite3_finalize(pUpd);
  return rc == SQLITE_OK ? TRTC_OK : dbError(p, rc);
}

/* The schema, migrated and backfilled. In rollback-journal mode ending a
** write transaction needs every reader gone, even when nothing was
** written: so first a read transaction looks (the schema's CREATE ... IF
** NOT EXISTS only write what is missing), and a write transaction is
** taken only when something is to be done. */
static int prepareSchema(TrtcStore *p) {
  int rc, bNeeded = 0;
  rc = execSql(p, "BEGIN");
  if (rc == TRTC_OK) rc = migrate(p, &bNeeded);
  if (rc == TRTC_OK && !bNeeded) {
    rc = sqlite3_exec(p->db, zTrtcCliSchema, 0, 0, 0);
    if ((rc & 0xff) == SQLITE_BUSY) {
      bNeeded = 1; /* another writer: wait for it below */
      rc = TRTC_OK;
    } else {
      rc = rc == SQLITE_OK ? TRTC_OK : dbError(p, sqlite3_extended_errcode(p->db));
    }
  }
  if (rc == TRTC_OK && !bNeeded) rc = backfillNeeded(p, &bNeeded);
  if (rc == TRTC_OK && !bNeeded) rc = execSql(p, "COMMIT");
  if (rc != TRTC_OK || bNeeded) {
    if (!sqlite3_get_autocommit(p->db)) sqlite3_exec(p->db, "ROLLBACK", 0, 0, 0);
    if (rc != TRTC_OK) return rc;
    rc = execSql(p, "BEGIN IMMEDIATE");
    if (rc == TRTC_OK) rc = migrate(p, 0);
    if (rc == TRTC_OK) rc = execSql(p, zTrtcCliSchema);
    if (rc == TRTC_OK) rc = backfill(p);
    if (rc == TRTC_OK) rc = execSql(p, "COMMIT");
    if (rc != TRTC_OK && !sqlite3_get_autocommit(p->db)) sqlite3_exec(p->db, "ROLLBACK", 0, 0, 0);
  }
  return rc;
}

int trtcStoreOpen(const char *zPath, const TrtcStoreOptions *pOpts, TrtcStore **ppStore) {
  TrtcStore *p;
  char *zErr = 0;
  int rc;
  *ppStore = 0;
  p = (TrtcStore *)calloc(1, sizeof(TrtcStore));
  if (p == 0 || (p->zPath = dup(zPath)) == 0) {
    free(p);
    fprintf(stderr, "trtc: %s: out of memory\n", zPath);
    return TRTC_FAIL;
  }
  p->busyTimeoutMs = pOpts ? pOpts->busyTimeoutMs : 30000;
  p->bQuiet = pOpts ? pOpts->bQuiet : 0;
  rc = sqlite3_open_v2(zPath, &p->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 0);
  if (rc != SQLITE_OK) goto fail;
  sqlite3_extended_result_codes(p->db, 1);
  sqlite3_busy_handler(p->db, busyHandler, p);
  if (sqlite3_trtc_init(p->db, &zErr, 0) != SQLITE_OK) {
    fprintf(stderr, "trtc: %s: cannot register the trtc extension: %s\n", zPath, zErr ? zErr : "?");
    sqlite3_free(zErr);
    trtcStoreClose(p);
    return TRTC_FAIL;
  }
  if (sqlite3_create_function_v2(p->db, "trtc_cli_ms", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, &p->st, fnMs, 0, 0, 0) ||
      sqlite3_create_function_v2(p->db, "trtc_cli_s", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, &p->st, fnS, 0, 0, 0) ||
      sqlite3_create_function_v2(p->db, "trtc_cli_peer", 3, SQLITE_UTF8 | SQLITE_DIRECTONLY, &p->st, fnPeer, 0, 0,
                                 0)) {
    rc = sqlite3_errcode(p->db);
    goto fail;
  }
  /* A page cache of 64 MB: a big response is written without spilling. */
  sqlite3_exec(p->db, "PRAGMA cache_size = -65536", 0, 0, 0);
  rc = prepareSchema(p);
  if (rc != TRTC_OK) {
    trtcStoreClose(p);
    return rc;
  }
  *ppStore = p;
  return TRTC_OK;
fail:
  rc = dbError(p, p->db ? sqlite3_extended_errcode(p->db) : rc);
  trtcStoreClose(p);
  return rc;
}

sqlite3 *trtcStoreDb(TrtcStore *p) { return p->db; }

void trtcStoreOnWarning(TrtcStore *p, TrtcStoreWarnFn xWarn, void *pCtx) {
  p->xWarn = xWarn;
  p->pWarnCtx = pCtx;
}

size_t trtcStoreMaxBody(TrtcStore *p) { return (size_t)sqlite3_limit(p->db, SQLITE_LIMIT_LENGTH, -1); }

void trtcStoreClose(TrtcStore *p) {
  if (p) closeStore(p);
}

static void closeStore(TrtcStore *p) {
  sqlite3_stmt **aStmt[] = {&p->pBegin,        &p->pCommit,       &p->pRollback,      &p->pGroupSave,
                            &p->pGroupRelease, &p->pGroupRollback, &p->pSave,          &p->pRelease,
                            &p->pRollbackTo,   &p->pFind,         &p->pNextId,        &p->pInsert,
                            &p->pDecodeUser,   &p->pDecodeUnusual, &p->pMergeResp,     &p->pMergeEvents,
                            &p->pMergeUnusual, &p->pPending,      &p->pGetRow,        &p->pSetDecoded,
                            &p->pSetFailed,    &p->pOthers};
  size_t k;
  for (k = 0; k < sizeof(aStmt) / sizeof(aStmt[0]); k++) sqlite3_finalize(*aStmt[k]);
  if (p->db && !sqlite3_get_autocommit(p->db)) sqlite3_exec(p->db, "ROLLBACK", 0, 0, 0);
  sqlite3_close(p->db);
  statsReset(&p->st, 0);
  free(p->zRedecodeUser);
  free(p->zLastSource);
  free(p->zPath);
  free(p);
}

/* ---- Transactions ------------------------------------------------------------ */

int trtcStoreBegin(TrtcStore *p) {
  p->nChangesAtBegin = sqlite3_total_changes(p->db);
  return runSql(p, &p->pBegin, "BEGIN IMMEDIATE");
}

/* A transaction that wrote nothing ends with ROLLBACK: COMMIT would wait
** for every reader (rollback-journal mode) for nothing. */
int trtcStoreCommit(TrtcStore *p) {
  if (sqlite3_total_changes(p->db) == p->nChangesAtBegin) return runSql(p, &p->pRollback, "ROLLBACK");
  return runSql(p, &p->pCommit, "COMMIT");
}
void trtcStoreRollback(TrtcStore *p) {
  if (!sqlite3_get_autocommit(p->db)) runSql(p, &p->pRollback, "ROLLBACK");
}
int trtcStoreSavepoint(TrtcStore *p) { return runSql(p, &p->pGroupSave, "SAVEPOINT trtc_group"); }
int trtcStoreRelease(TrtcStore *p) { return runSql(p, &p->pGroupRelease, "RELEASE trtc_group"); }
int trtcStoreRollbackTo(TrtcStore *p) {
  int rc = runSql(p, &p->pGroupRollback, "ROLLBACK TO trtc_group");
  if (rc == TRTC_OK) rc = trtcStoreRelease(p);
  return rc;
}

/* The savepoint around one response. */
static int responseSave(TrtcStore *p) { return runSql(p, &p->pSave, "SAVEPOINT trtc_response"); }
static int responseRelease(TrtcStore *p) { return runSql(p, &p->pRelease, "RELEASE trtc_response"); }
static int responseUndo(TrtcStore *p) {
  int rc = runSql(p, &p->pRollbackTo, "ROLLBACK TO trtc_response");
  if (rc == TRTC_OK) rc = responseRelease(p);
  return rc;
}

/* ---- Labels --------------------------------------------------------------------- */

const char *trtcStoreApiName(const char *zLabel) {
  if (zLabel == 0) return 0;
  if (sqlite3_stricmp(zLabel, zUserApi) == 0 || sqlite3_stricmp(zLabel, "DescribeDetailEvent") == 0) return zUserApi;
  if (sqlite3_stricmp(zLabel, zUnusualApi) == 0 || sqlite3_stricmp(zLabel, "DescribeAbnormalEvent") == 0) {
    return zUnusualApi;
  }
  return 0;
}

/* ---- Decoding ------------------------------------------------------------------------ */

#define DECODE_REFUSED 3 /* beside TRTC_OK, TRTC_BUSY, TRTC_FAIL: the extension refused the body */

static const char zDecodeUserSql[] =
    "INSERT INTO trtc_event_log (response_id, seq, sdk_app_id, comm_id, room_id, user_id,"
    " peer_id, type, time_ms, event_id, param1, param2)"
    " SELECT ?2, e.rowid, ?3, ?4, ?5, ?6, trtc_cli_peer(e.peer_id, e.category, e.event_id), e.type, trtc_cli_ms(e.time_ms),"
    " e.event_id, e.param1, e.param2"
    " FROM trtc_user_events(?1) AS e";
static const char zDecodeUnusualSql[] =
    "INSERT INTO trtc_unusual_log (response_id, seq, sdk_app_id, comm_id, room_id, user_id,"
    " event_time, experience_id, abnormal_event_id, peer_id)"
    " SELECT ?2, e.rowid, ?3, ?4, coalesce(e.room_id, ?5), e.user_id, trtc_cli_s(e.event_time),"
    " e.experience_id, e.abnormal_event_id, e.peer_id"
    " FROM trtc_unusual_events(?1) AS e";

/* Decode a body into the log of its API under response_id id; *pnRows the
** rows added; p->st what they showed. DECODE_REFUSED: zErr says why. */
static int decodeRows(TrtcStore *p, const char *zApi, sqlite3_int64 id, const Context *c, const char *zBody,
                      size_t nBody, int *pnRows, char *zErr, size_t nErr) {
  int bUser = zApi == zUserApi;
  sqlite3_stmt **pp = bUser ? &p->pDecodeUser : &p->pDecodeUnusual;
  int rc = prep(p, pp, bUser ? zDecodeUserSql : zDecodeUnusualSql);
  *pnRows = 0;
  statsReset(&p->st, bUser ? c->zUser : 0);
  if (rc != SQLITE_OK) return dbError(p, rc);
  /* The body fits: storeOne checked it against SQLITE_LIMIT_LENGTH. */
  sqlite3_bind_text64(*pp, 1, zBody, nBody, SQLITE_STATIC, SQLITE_UTF8);
  sqlite3_bind_int64(*pp, 2, id);
  bindContext(*pp, 3, c); /* ?3-?6 (trtc_unusual_events has no ?6: ignored) */
  rc = sqlite3_step(*pp);
  if (rc == SQLITE_DONE) {
    *pnRows = sqlite3_changes(p->db);
    rc = SQLITE_OK;
  } else {
    snprintf(zErr, nErr, "%s", sqlite3_errmsg(p->db));
  }
  sqlite3_reset(*pp);
  sqlite3_clear_bindings(*pp);
  if (rc == SQLITE_OK) return TRTC_OK;
  switch (rc & 0xff) {
    case SQLITE_ERROR:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_CONSTRAINT: return DECODE_REFUSED;
    default: return dbError(p, rc);
  }
}

/* Warnings and notes for the times of a unit other than eWant, and for
** those that are no whole number. */
static void unitWarnings(TrtcStore *p, const char *zField, int eWant, char *zNotes, size_t nNotes) {
  DecodeStats *st = &p->st;
  int e;
  if (st->nNoTime) {
    warn(p, TRTC_W_TIME_UNIT,
         "%lld %s value(s) missing or not a whole number (a fraction, text): stored as NULL, so those rows have no "
         "time (no place in a timeline, a room entry or a stay)",
         (long long)st->nNoTime, zField);
    addNote(zNotes, nNotes, "%s: %lld value(s) missing or not whole: NULL", zField, (long long)st->nNoTime);
  }
  for (e = 0; e < N_UNIT; e++) {
    if (e == eWant || st->anUnit[e] == 0) continue;
    if (e == UNIT_NONE) {
      warn(p, TRTC_W_TIME_UNIT,
           "%lld %s value(s) are no Unix time of any unit (e.g. %lld: below 10^8, before 1973 even in "
           "seconds): left as they are, shown as dates near 1970",
           (long long)st->anUnit[e], zField, (long long)st->aiUnitExample[e]);
      addNote(zNotes, nNotes, "%s: %lld value(s) no Unix time", zField, (long long)st->anUnit[e]);
    } else {
      /* "multiplied by 1000", "divided by 1000000", ... */
      const char *zOp = e < eWant ? "multiplied" : "divided";
      long long f = (long long)(e < eWant ? toUnit(1, e, eWant) : toUnit(1000000000, eWant, e) / 1000000000);
      warn(p, eWant == UNIT_MS ? TRTC_W_TIME_SECONDS : TRTC_W_EVENTTIME_MS,
           "%lld %s value(s) look like %s, not %s (e.g. %lld): %s by %lld", (long long)st->anUnit[e], zField,
           azUnitName[e], azUnitName[eWant], (long long)st->aiUnitExample[e], zOp, f);
      addNote(zNotes, nNotes, "%s: %lld value(s) in %s %s by %lld", zField, (long long)st->anUnit[e],
              azUnitName[e], zOp, f);
    }
  }
}

/* The warnings and notes the decoded rows call for. */
static void afterDecode(TrtcStore *p, const char *zApi, const Context *c, int nRows, const char *zUserFrom,
                        char *zNotes, size_t nNotes) {
  DecodeStats *st = &p->st;
  if (zApi == zUserApi) {
    if (nRows == 0) {
      warn(p, TRTC_W_EMPTY, "no events in it (Data is empty): were the user, the call and the time range of the "
                            "request right?");
    } else if (!st->bUserSeen) { /* a DescribeUserEvent response always has its user */
      char zPeers[200] = "";
      int i;
      for (i = 0; i < st->nPeer; i++) {
        size_t m = strlen(zPeers);
        snprintf(zPeers + m, sizeof(zPeers) - m, "%s%s", i ? ", " : "", st->azPeer[i]);
      }
      if (st->bMorePeers) {
        size_t m = strlen(zPeers);
        snprintf(zPeers + m, sizeof(zPeers) - m, ", ...");
      }
      if (st->zCaseMatch) {
        warn(p, TRTC_W_USER_NOT_PEER,
             "no event has PeerId \"%s\", the user id given%s%s; \"%s\" differs only in case: is the user id right? "
             "(reports find a user's own events by PeerId = user_id)",
             c->zUser, zUserFrom ? " by " : "", zUserFrom ? zUserFrom : "", st->zCaseMatch);
      } else {
        warn(p, TRTC_W_USER_NOT_PEER,
             "no event has PeerId \"%s\", the user id given%s%s (its PeerIds: %s): is the user id right? "
             "(reports find a user's own events by PeerId = user_id)",
             c->zUser, zUserFrom ? " by " : "", zUserFrom ? zUserFrom : "", zPeers);
      }
    }
    if (st->nUnknownId > 0) {
      warn(p, TRTC_W_UNKNOWN_ID,
           "%lld event(s) with an EventId the mapping tables lack (e.g. %lld): the views and reports show them "
           "without text or severity (is the SDK newer than the tables?)",
           (long long)st->nUnknownId, (long long)st->iUnknownId);
      addNote(zNotes, nNotes, "%lld event(s) of unknown EventId (e.g. %lld)", (long long)st->nUnknownId,
              (long long)st->iUnknownId);
    }
    if (st->bUserSeen && st->nRoomOwn == 0 && st->nRoomOther > 0) {
      warn(p, TRTC_W_USER_NOT_PEER,
           "no room event (entering or leaving the room) has PeerId \"%s\", the user id given%s%s, but %lld have "
           "PeerId \"%s\": is the user id right? (reports take a user's room entry from the events with PeerId = "
           "user_id)",
           c->zUser, zUserFrom ? " by " : "", zUserFrom ? zUserFrom : "", (long long)st->nRoomOther, st->zRoomPeer);
    }
    unitWarnings(p, "Time", UNIT_MS, zNotes, nNotes);
  } else {
    if (nRows == 0) {
      warn(p, TRTC_W_EMPTY, "no abnormal experiences in it (AbnormalExperienceList is empty): was the request's time "
                            "range or room right?");
    }
    unitWarnings(p, "EventTime", UNIT_S, zNotes, nNotes);
  }
}

/* The context ?3-?6, as trtc_responses_identity indexes it (NULL and ''
** alike): the index finds the earlier saves. */
#define CONTEXT_IS                                                                                        \
  " AND ifnull(sdk_app_id, '') = ifnull(?3, '') AND ifnull(comm_id, '') = ifnull(?4, '')"             \
  " AND ifnull(room_id, '') = ifnull(?5, '') AND ifnull(user_id, '') = ifnull(?6, '')"

/* The id of the response stored with this API, context and body hash
** (trtc_responses_identity), or 0. */
static sqlite3_int64 identicalResponse(TrtcStore *p, const char *zApi, const Context *c,
                                       const unsigned char *aBodyHash) {
  sqlite3_stmt *pStmt = 0;
  sqlite3_int64 id = 0;
  if (sqlite3_prepare_v2(p->db,
                         "SELECT response_id FROM trtc_responses WHERE api = ?2" CONTEXT_IS " AND body_sha3 = ?1",
                         -1, &pStmt, 0) == SQLITE_OK) {
    sqlite3_bind_blob(pStmt, 1, aBodyHash, TRTC_SHA3_SIZE, SQLITE_STATIC);
    sqlite3_bind_text(pStmt, 2, zApi, -1, SQLITE_STATIC);
    bindContext(pStmt, 3, c);
    if (sqlite3_step(pStmt) == SQLITE_ROW) id = sqlite3_column_int64(pStmt, 0);
  }
  sqlite3_finalize(pStmt);
  return id;
}

/* ---- Overlapping saves ------------------------------------------------------------- */

/* Saves that overlap: two fetches of overlapping time ranges, a second
** fetch with one more event, the same events saved once with a comm_id and
** once without. An event of response ?1 is the same as an event of an
** earlier save when the saves are of the same API, the same user (for
** DescribeUserEvent; DescribeUnusualEvent rows name their own room and
** user) and an sdk_app_id that does not differ (NULL: unknown), and every
** field of the row is equal (to the millisecond, or the second). Such rows
** of response ?1 are left out, one for one (the k-th copy of an event goes
** when the earlier saves hold it k times), so that every event is counted
** once, whatever context each save was given. Rows with a NULL in their
** key are never taken for the same.
**
** Responses that trtc fetch is about to replace (the earlier ones of the
** item it stores: ?7 set, ?8 user, ?9 slot) do not count as earlier saves. */
#define NOT_REPLACED(col)                                                                                \
  " AND NOT (?7 AND " col " IN (SELECT response_id FROM trtc_fetched WHERE api = ?2 AND sdk_app_id IS ?3" \
  " AND comm_id IS ?4 AND user_id = ?8 AND slot = ?9 AND response_id IS NOT NULL))"
#define SDK_AGREES(col) " AND (" col " IS NULL OR ?3 IS NULL OR " col " = ?3)"
/* The earlier saves of the same user (trtc_responses_user finds them). */
static const char zUserOthersSql[] =
    "SELECT response_id FROM trtc_responses"
    " WHERE api = ?2 AND ifnull(user_id, '') = ifnull(?6, '') AND response_id <> ?1 AND n_rows > 0"
    SDK_AGREES("sdk_app_id") NOT_REPLACED("response_id");
/* Rows of ?1 that earlier saves hold: (seq, the save holding it). */
static const char zUserOverlapSql[] =
    "WITH others AS (SELECT response_id FROM trtc_responses"
    "   WHERE api = ?2 AND ifnull(user_id, '') = ifnull(?6, '') AND response_id <> ?1 AND n_rows > 0"
    SDK_AGREES("sdk_app_id") NOT_REPLACED("response_id") "),"
    " n AS (SELECT seq, peer_id, type, time_ms, event_id, param1, param2, row_number() OVER"
    "   (PARTITION BY peer_id, type, time_ms, event_id, param1, param2 ORDER BY seq) AS k"
    "   FROM trtc_event_log WHERE response_id = ?1),"
    " o AS (SELECT response_id, peer_id, type, time_ms, event_id, param1, param2, row_number() OVER"
    "   (PARTITION BY peer_id, type, time_ms, event_id, param1, param2 ORDER BY response_id, seq) AS k"
    "   FROM trtc_event_log WHERE response_id IN others)"
    " SELECT n.seq, o.response_id FROM n JOIN o"
    "   ON n.time_ms = o.time_ms AND n.event_id = o.event_id AND n.k = o.k AND n.peer_id = o.peer_id"
    "   AND n.type = o.type AND n.param1 = o.param1 AND n.param2 = o.param2";
/* The same for abnormal events, found through trtc_unusual_log_user. */
static const char zUnusualOverlapSql[] =
    "WITH n AS (SELECT seq, room_id, user_id, event_time, experience_id, abnormal_event_id, peer_id,"
    "   row_number() OVER (PARTITION BY room_id, user_id, event_time, experience_id, abnormal_event_id,"
    "   peer_id ORDER BY seq) AS k FROM trtc_unusual_log WHERE response_id = ?1),"
    " o AS (SELECT u.response_id, u.room_id, u.user_id, u.event_time, u.experience_id, u.abnormal_event_id,"
    "   u.peer_id, row_number() OVER (PARTITION BY u.room_id, u.user_id, u.event_time, u.experience_id,"
    "   u.abnormal_event_id, u.peer_id ORDER BY u.response_id, u.seq) AS k"
    "   FROM trtc_unusual_log AS u JOIN trtc_responses AS r ON r.response_id = u.response_id"
    "   WHERE (u.room_id, u.user_id, u.event_time) IN (SELECT room_id, user_id, event_time FROM n)"
    "   AND u.response_id <> ?1 AND r.n_rows > 0" SDK_AGREES("r.sdk_app_id") NOT_REPLACED("u.response_id") ")"
    " SELECT n.seq, o.response_id FROM n JOIN o"
    "   ON n.event_time = o.event_time AND n.user_id = o.user_id AND n.room_id = o.room_id AND n.k = o.k"
    "   AND n.experience_id = o.experience_id AND n.abnormal_event_id IS o.abnormal_event_id"
    "   AND n.peer_id IS o.peer_id";

static void bindOverlap(sqlite3_stmt *pStmt, const char *zApi, sqlite3_int64 id, const Context *c,
                        const TrtcResponseIn *pIn) {
  sqlite3_bind_int64(pStmt, 1, id);
  sqlite3_bind_text(pStmt, 2, zApi, -1, SQLITE_STATIC);
  bindContext(pStmt, 3, c); /* ?3-?6 */
  sqlite3_bind_int(pStmt, 7, pIn && pIn->bFetchItem);
  bindText(pStmt, 8, pIn && pIn->zFetchUser ? pIn->zFetchUser : "");
  sqlite3_bind_int64(pStmt, 9, pIn ? pIn->iFetchSlot : 0);
}

/* Leave out the rows of response id that earlier saves hold; *pnRows is
** lowered by their number, which is said in a warning and a note.
** pIn: the response being stored (NULL: one stored before, decoded now). */
static int dropOverlap(TrtcStore *p, const char *zApi, sqlite3_int64 id, const Context *c,
                       const TrtcResponseIn *pIn, int *pnRows, char *zNotes, size_t nNotes) {
  int bUser = zApi == zUserApi;
  sqlite3_stmt *pStmt = 0, *pKeep = 0, *pDel = 0;
  sqlite3_int64 aSrc[3];
  int rc, nSrc = 0, bMoreSrc = 0, nDropped = 0, i;
  if (*pnRows == 0) return TRTC_OK;
  if (bUser) {
    /* The usual case, cheaply: no earlier save of this user. */
    rc = prep(p, &p->pOthers, zUserOthersSql);
    if (rc != SQLITE_OK) return dbError(p, rc);
    bindOverlap(p->pOthers, zApi, id, c, pIn);
    rc = sqlite3_step(p->pOthers);
    sqlite3_reset(p->pOthers);
    sqlite3_clear_bindings(p->pOthers);
    if (rc == SQLITE_DONE) return TRTC_OK;
    if (rc != SQLITE_ROW) return dbError(p, rc);
  }
  /* The rows to leave out, into a temporary table (read in full before
  ** any row is deleted), then deleted at once. */
  rc = sqlite3_exec(p->db, "CREATE TEMP TABLE IF NOT EXISTS trtc_overlap(seq INTEGER PRIMARY KEY);"
                           "DELETE FROM temp.trtc_overlap", 0, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(p->db, bUser ? zUserOverlapSql : zUnusualOverlapSql, -1, &pStmt, 0);
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(p->db, "INSERT INTO temp.trtc_overlap VALUES (?1)", -1, &pKeep, 0);
  if (rc == SQLITE_OK) {
    bindOverlap(pStmt, zApi, id, c, pIn);
    while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
      sqlite3_int64 idSrc = sqlite3_column_int64(pStmt, 1);
      for (i = 0; i < nSrc && aSrc[i] != idSrc; i++) {
      }
      if (i == nSrc) {
        if (nSrc < 3) aSrc[nSrc++] = idSrc;
        else bMoreSrc = 1;
      }
      nDropped++;
      sqlite3_bind_int64(pKeep, 1, sqlite3_column_int64(pStmt, 0));
      rc = run(pKeep); /* a seq once: n has each row once */
    }
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  if (rc == SQLITE_OK && nDropped > 0) {
    rc = sqlite3_prepare_v2(p->db,
                            bUser ? "DELETE FROM trtc_event_log WHERE response_id = ?1"
                                    " AND seq IN (SELECT seq FROM temp.trtc_overlap)"
                                  : "DELETE FROM trtc_unusual_log WHERE response_id = ?1"
                                    " AND seq IN (SELECT seq FROM temp.trtc_overlap)",
                            -1, &pDel, 0);
    if (rc == SQLITE_OK) {
      sqlite3_bind_int64(pDel, 1, id);
      rc = run(pDel);
    }
  }
  sqlite3_finalize(pStmt);
  sqlite3_finalize(pKeep);
  sqlite3_finalize(pDel);
  if (rc != SQLITE_OK) return dbError(p, rc);
  if (nDropped > 0) {
    const char *zWhat = bUser ? "events" : "abnormal-event rows";
    char zIds[100] = "", zSaves[600] = "";
    for (i = 0; i < nSrc; i++) {
      sqlite3_stmt *pSrc = 0;
      const char *zFile = "?";
      size_t m;
      if (sqlite3_prepare_v2(p->db, "SELECT source_file FROM trtc_responses WHERE response_id = ?1", -1, &pSrc,
                             0) == SQLITE_OK) {
        sqlite3_bind_int64(pSrc, 1, aSrc[i]);
        if (sqlite3_step(pSrc) == SQLITE_ROW && sqlite3_column_text(pSrc, 0)) {
          zFile = (const char *)sqlite3_column_text(pSrc, 0);
        }
      }
      m = strlen(zSaves);
      snprintf(zSaves + m, sizeof(zSaves) - m, "%s%s (response_id %lld)", i ? ", " : "", zFile, (long long)aSrc[i]);
      m = strlen(zIds);
      snprintf(zIds + m, sizeof(zIds) - m, "%s%lld", i ? ", " : "", (long long)aSrc[i]);
      sqlite3_finalize(pSrc);
    }
    warn(p, TRTC_W_OVERLAP, "%d of its %d %s are stored already, from %s that overlap%s it: %s%s; stored once (%d new)",
         nDropped, *pnRows, zWhat, nSrc > 1 ? "earlier saves" : "an earlier save", nSrc > 1 ? "" : "s", zSaves,
         bMoreSrc ? ", ..." : "", *pnRows - nDropped);
    addNote(zNotes, nNotes, "%d %s stored already (response_id %s%s) left out (overlapping saves)", nDropped,
            zWhat, zIds, bMoreSrc ? ", ..." : "");
    *pnRows -= nDropped;
  }
  return TRTC_OK;
}

/* A DescribeUnusualEvent response holds at most 20 abnormal
** experiences: one with 20 may miss some, one with a Total above what it
** holds does. (More than 20 come from no single request: not said.) */
static void checkCapped(TrtcStore *p, const char *zBody, size_t nBody) {
  sqlite3_stmt *pStmt = 0;
  static const char zSql[] =
      "SELECT coalesce(json_extract(?1, '$.Response.Total'), json_extract(?1, '$.Total')),"
      " coalesce(json_array_length(?1, '$.Response.AbnormalExperienceList'),"
      " json_array_length(?1, '$.AbnormalExperienceList')) WHERE json_valid(?1)";
  if (sqlite3_prepare_v2(p->db, zSql, -1, &pStmt, 0) != SQLITE_OK) return;
  sqlite3_bind_text64(pStmt, 1, zBody, nBody, SQLITE_STATIC, SQLITE_UTF8);
  if (sqlite3_step(pStmt) == SQLITE_ROW && sqlite3_column_type(pStmt, 1) == SQLITE_INTEGER) {
    sqlite3_int64 nList = sqlite3_column_int64(pStmt, 1);
    int bTotal = sqlite3_column_type(pStmt, 0) == SQLITE_INTEGER;
    sqlite3_int64 nTotal = sqlite3_column_int64(pStmt, 0);
    if (bTotal && nTotal > nList) {
      warn(p, TRTC_W_CAPPED,
           "its Total is %lld but it holds %lld abnormal experiences: the API returns at most 20 per request, "
           "so %lld are missing; ask again for shorter time ranges (trtc fetch splits them)",
           (long long)nTotal, (long long)nList, (long long)(nTotal - nList));
    } else if (nList == 20) {
      warn(p, TRTC_W_CAPPED,
           "it holds %lld abnormal experiences, the most the API returns per request: some may be missing; ask "
           "again for shorter time ranges (trtc fetch splits them)",
           (long long)nList);
    }
  }
  sqlite3_finalize(pStmt);
}

/* Warnings about the context itself. */
static void checkContext(TrtcStore *p, const char *zApi, const Context *c) {
  if (zApi == zUserApi && !c->zComm) {
    if (c->zRoom) {
      warn(p, TRTC_W_NO_COMM_ID, "no comm_id: reports group its events by room (%s) instead of by call", c->zRoom);
    } else {
      warn(p, TRTC_W_NO_COMM_ID, "no comm_id and no room_id: reports cannot tell which call its events belong to");
    }
  }
  if (c->zComm && c->bSdk) {
    char zPrefix[32];
    snprintf(zPrefix, sizeof(zPrefix), "%lld_", (long long)c->iSdk);
    if (strncmp(c->zComm, zPrefix, strlen(zPrefix)) != 0) {
      warn(p, TRTC_W_COMM_SDK, "comm_id %s does not begin with sdk_app_id %lld (a CommId is SdkAppId_RoomId_CreateTime):"
                               " one of them is wrong",
           c->zComm, (long long)c->iSdk);
    }
  }
  if (c->zComm && c->zRoom) {
    /* DIGITS_ROOM_DIGITS: the room is between the first '_' and the last. */
    const char *z = c->zComm, *zFirst = strchr(z, '_'), *zLast = strrchr(z, '_');
    size_t i, nRoom = zLast && zFirst && zLast > zFirst ? (size_t)(zLast - zFirst - 1) : 0;
    int bNamed = zFirst && zFirst > z && zFirst - z <= 18 && nRoom > 0 && zLast[1] != 0;
    for (i = 0; bNamed && z + i < zFirst; i++) bNamed = z[i] >= '0' && z[i] <= '9';
    for (i = 1; bNamed && zLast[i]; i++) bNamed = zLast[i] >= '0' && zLast[i] <= '9';
    if (bNamed && (strlen(c->zRoom) != nRoom || strncmp(zFirst + 1, c->zRoom, nRoom) != 0)) {
      warn(p, TRTC_W_COMM_SDK, "comm_id %s names room %.*s, not room_id %s (a CommId is SdkAppId_RoomId_CreateTime):"
                               " one of them is wrong",
           c->zComm, (int)nRoom, zFirst + 1, c->zRoom);
    }
  }
}

/* ---- Duplicates ---------------------------------------------------------------------- */

static void freeCandidates(Candidate *a, int n) {
  int i;
  for (i = 0; i < n; i++) {
    free(a[i].zSource);
    free(a[i].zComm);
    free(a[i].zRoom);
    free(a[i].zUser);
  }
}

/* The stored responses with this API and RequestId or content: two
** lookups, one per index ("+api": not by trtc_responses_identity, which
** would read every response of the API, body and all). */
static int findCandidates(TrtcStore *p, const char *zApi, const char *zReq, const unsigned char *aContent,
                          Candidate *a, int *pn) {
  int rc = prep(p, &p->pFind,
                "SELECT response_id, source_file, sdk_app_id, comm_id, room_id, user_id, 1"
                "  FROM trtc_responses WHERE request_id = ?2 AND +api = ?1"
                " UNION ALL "
                "SELECT response_id, source_file, sdk_app_id, comm_id, room_id, user_id, 0"
                "  FROM trtc_responses WHERE content_sha3 = ?3 AND +api = ?1");
  int n = 0, i;
  *pn = 0;
  if (rc != SQLITE_OK) return dbError(p, rc);
  sqlite3_bind_text(p->pFind, 1, zApi, -1, SQLITE_STATIC);
  bindText(p->pFind, 2, zReq);
  sqlite3_bind_blob(p->pFind, 3, aContent, TRTC_SHA3_SIZE, SQLITE_STATIC);
  while ((rc = sqlite3_step(p->pFind)) == SQLITE_ROW && n < MAX_CANDIDATES) {
    sqlite3_int64 id = sqlite3_column_int64(p->pFind, 0);
    Candidate *c;
    for (i = 0; i < n && a[i].id != id; i++) {
    }
    if (i < n) continue; /* found by both */
    c = &a[n++];
    memset(c, 0, sizeof(*c));
    c->id = id;
    c->zSource = dup((const char *)sqlite3_column_text(p->pFind, 1));
    c->bSdk = sqlite3_column_type(p->pFind, 2) != SQLITE_NULL;
    c->iSdk = sqlite3_column_int64(p->pFind, 2);
    c->zComm = dup((const char *)sqlite3_column_text(p->pFind, 3));
    c->zRoom = dup((const char *)sqlite3_column_text(p->pFind, 4));
    c->zUser = dup((const char *)sqlite3_column_text(p->pFind, 5));
    c->bByRequest = sqlite3_column_int(p->pFind, 6);
  }
  sqlite3_reset(p->pFind);
  *pn = n;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return dbError(p, rc);
  /* In the order they were stored. */
  for (i = 1; i < n; i++) {
    int k;
    for (k = i; k > 0 && a[k - 1].id > a[k].id; k--) {
      Candidate t = a[k];
      a[k] = a[k - 1];
      a[k - 1] = t;
    }
  }
  return TRTC_OK;
}

/* How a stored context relates to the new one. */
#define CTX_SAME 0
#define CTX_COMPATIBLE 1 /* one lacks values the other has; none differs */
#define CTX_CONFLICT 2

static int fieldRel(const char *zOld, const char *zNew, int *pbAdds) {
  if (sameText(zOld, zNew)) return CTX_SAME;
  if (zOld && zNew) return CTX_CONFLICT;
  if (zNew) *pbAdds = 1;
  return CTX_COMPATIBLE;
}

static int compareContext(const Candidate *o, const Context *c, int *pbAdds) {
  int rel = CTX_SAME, r, k;
  char zOld[32], zNew[32];
  *pbAdds = 0;
  snprintf(zOld, sizeof(zOld), "%lld", (long long)o->iSdk);
  snprintf(zNew, sizeof(zNew), "%lld", (long long)c->iSdk);
  for (k = 0; k < 4; k++) {
    switch (k) {
      case 0: r = fieldRel(o->bSdk ? zOld : 0, c->bSdk ? zNew : 0, pbAdds); break;
      case 1: r = fieldRel(o->zComm, c->zComm, pbAdds); break;
      case 2: r = fieldRel(o->zRoom, c->zRoom, pbAdds); break;
      default: r = fieldRel(o->zUser, c->zUser, pbAdds); break;
    }
    if (r > rel) rel = r;
  }
  return rel;
}

/* Describe what differs ("user_id \"carol\"" ...) for a warning: the
** stored values where both contexts have one and they differ (a conflict
** has at least one). */
static void describeDifference(const Candidate *o, const Context *c, char *z, size_t n) {
  char zOld[32], zNew[32];
  const char *azOld[4], *azNew[4];
  static const char *const azName[4] = {"sdk_app_id", "comm_id", "room_id", "user_id"};
  int k;
  snprintf(zOld, sizeof(zOld), "%lld", (long long)o->iSdk);
  snprintf(zNew, sizeof(zNew), "%lld", (long long)c->iSdk);
  azOld[0] = o->bSdk ? zOld : 0, azNew[0] = c->bSdk ? zNew : 0;
  azOld[1] = o->zComm, azNew[1] = c->zComm;
  azOld[2] = o->zRoom, azNew[2] = c->zRoom;
  azOld[3] = o->zUser, azNew[3] = c->zUser;
  z[0] = 0;
  for (k = 0; k < 4; k++) {
    if (azOld[k] && azNew[k] && strcmp(azOld[k], azNew[k]) != 0) {
      addNote(z, n, "%s \"%s\" (now \"%s\")", azName[k], azOld[k], azNew[k]);
    }
  }
}

/* Fill in the context a stored response (and its rows) lacked. */
static int mergeContext(TrtcStore *p, const Candidate *o, const Context *c, const char *zSource, int *pbMerged) {
  static const char *const azSql[3] = {
      "UPDATE trtc_responses SET sdk_app_id = coalesce(sdk_app_id, ?2), comm_id = coalesce(comm_id, ?3),"
      " room_id = coalesce(room_id, ?4), user_id = coalesce(user_id, ?5),"
      " notes = CASE WHEN notes IS NULL THEN ?6 ELSE notes || '; ' || ?6 END WHERE response_id = ?1",
      "UPDATE trtc_event_log SET sdk_app_id = coalesce(sdk_app_id, ?2), comm_id = coalesce(comm_id, ?3),"
      " room_id = coalesce(room_id, ?4), user_id = coalesce(user_id, ?5) WHERE response_id = ?1",
      "UPDATE trtc_unusual_log SET sdk_app_id = coalesce(sdk_app_id, ?2), comm_id = coalesce(comm_id, ?3),"
      " room_id = coalesce(room_id, ?4) WHERE response_id = ?1"};
  sqlite3_stmt **aStmt[3] = {&p->pMergeResp, &p->pMergeEvents, &p->pMergeUnusual};
  char zNote[300];
  int k, rc = TRTC_OK;
  *pbMerged = 0;
  snprintf(zNote, sizeof(zNote), "context completed from %s", zSource);
  rc = responseSave(p);
  for (k = 0; k < 3 && rc == TRTC_OK; k++) {
    int rcSql = prep(p, aStmt[k], azSql[k]);
    if (rcSql != SQLITE_OK) return dbError(p, rcSql);
    sqlite3_bind_int64(*aStmt[k], 1, o->id);
    bindContext(*aStmt[k], 2, c);
    if (k == 0) sqlite3_bind_text(*aStmt[k], 6, zNote, -1, SQLITE_TRANSIENT);
    rcSql = run(*aStmt[k]);
    sqlite3_clear_bindings(*aStmt[k]);
    if ((rcSql & 0xff) == SQLITE_CONSTRAINT) {
      /* Another response already has this context and body: leave it. */
      return responseUndo(p);
    }
    if (rcSql != SQLITE_OK) rc = dbError(p, rcSql);
  }
  if (rc == TRTC_OK) {
    rc = responseRelease(p);
    *pbMerged = 1;
  }
  return rc;
}

/* Delete a stored response and its rows (foreign keys may be off). */
static int forgetResponse(TrtcStore *p, sqlite3_int64 id) {
  static const char *const azSql[3] = {
      "DELETE FROM trtc_event_log WHERE response_id = ?1",
      "DELETE FROM trtc_unusual_log WHERE response_id = ?1",
      "DELETE FROM trtc_responses WHERE response_id = ?1"};
  int k;
  for (k = 0; k < 3; k++) {
    sqlite3_stmt *pStmt = 0;
    int rc = sqlite3_prepare_v2(p->db, azSql[k], -1, &pStmt, 0);
    if (rc == SQLITE_OK) {
      sqlite3_bind_int64(pStmt, 1, id);
      rc = run(pStmt);
    }
    sqlite3_finalize(pStmt);
    if (rc != SQLITE_OK) return dbError(p, rc);
  }
  return TRTC_OK;
}

/* Was this id stored from the same source in this session? */
static int storedFromSource(TrtcStore *p, sqlite3_int64 id) {
  int i;
  for (i = 0; i < p->nSourceId; i++) {
    if (p->aSourceId[i] == id) return 1;
  }
  return 0;
}

static void rememberStored(TrtcStore *p, const char *zSource, sqlite3_int64 id) {
  if (!sameText(p->zLastSource, zSource)) {
    free(p->zLastSource);
    p->zLastSource = dup(zSource);
    p->nSourceId = 0;
  }
  if (p->nSourceId < (int)(sizeof(p->aSourceId) / sizeof(p->aSourceId[0]))) p->aSourceId[p->nSourceId++] = id;
}

/* ---- Storing a response -------------------------------------------------------------- */

static void refuse(TrtcStoreOutcome *pOut, int eReason, const char *zFmt, ...) {
  va_list ap;
  pOut->eStatus = TRTC_STORED_REFUSED;
  pOut->eReason = eReason;
  va_start(ap, zFmt);
  vsnprintf(pOut->zWhy, sizeof(pOut->zWhy), zFmt, ap);
  va_end(ap);
}

/* "InvalidParameter.RoomId: RoomId does not exist." from the Error object. */
static void errorText(const char *zCode, const char *zMessage, char *z, size_t n) {
  snprintf(z, n, "%s: %s", zCode ? zCode : "(no Code)", zMessage ? zMessage : "(no Message)");
}

static int storeOne(TrtcStore *p, const TrtcResponseIn *pIn, TrtcStoreOutcome *pOut) {
  TrtcFormSummary s;
  Context c;
  Candidate aCand[MAX_CANDIDATES];
  int nCand = 0, i, rc, bError, nRows = 0;
  const char *zApi = 0, *zLabel;
  char *zReq = 0, *zCode = 0, *zMessage = 0;
  char zNotes[1024], zErr[400];
  const char *zSource = pIn->zSource ? pIn->zSource : "-";
  unsigned char aBodyHash[TRTC_SHA3_SIZE];
  sqlite3_int64 id = 0;
  const Candidate *pConflict = 0;

  memset(pOut, 0, sizeof(*pOut));
  p->nWarn = 0;
  zNotes[0] = 0;
  if (pIn->zNotes && pIn->zNotes[0]) snprintf(zNotes, sizeof(zNotes), "%s", pIn->zNotes);
  if (pIn->nBody > trtcStoreMaxBody(p)) {
    refuse(pOut, TRTC_R_TOO_BIG, "too big: %zu bytes, more than SQLite's maximum of %zu", pIn->nBody,
           trtcStoreMaxBody(p));
    return TRTC_OK;
  }
  rc = trtcFormsSummarize(pIn->zBody, pIn->nBody, &s);
  if (rc == TRTC_FORMS_NOMEM) return dbError(p, SQLITE_NOMEM);
  if (rc != TRTC_FORMS_OK) {
    refuse(pOut, TRTC_R_NOT_JSON, "%s", s.zWhy);
    return TRTC_OK;
  }

  /* The API: the content decides; a label only where it cannot. */
  zLabel = trtcStoreApiName(orNull(pIn->zApi));
  if (orNull(pIn->zApi) && !zLabel && s.eKind != TRTC_FORM_NOT_RESPONSE && s.eKind != TRTC_FORM_OTHER_API) {
    warn(p, TRTC_W_UNKNOWN_LABEL, "the API label \"%s\"%s%s names no API this loads (DescribeUserEvent, "
                                  "DescribeUnusualEvent): ignored",
         pIn->zApi, pIn->zApiFrom ? " given by " : "", pIn->zApiFrom ? pIn->zApiFrom : "");
  }
  bError = s.eKind == TRTC_FORM_API_ERROR;
  if (bError) {
    zCode = trtcFormsText(pIn->zBody, s.errorCode);
    zMessage = trtcFormsText(pIn->zBody, s.errorMessage);
  }
  switch (s.eKind) {
    case TRTC_FORM_USER_EVENTS: zApi = zUserApi; break;
    case TRTC_FORM_UNUSUAL: zApi = zUnusualApi; break;
    case TRTC_FORM_API_ERROR:
    case TRTC_FORM_EMPTY_LIST:
      zApi = zLabel ? zLabel : orNull(pIn->zUserId) ? zUserApi : 0;
      if (zApi == 0) {
        if (bError) {
          errorText(zCode, zMessage, zErr, sizeof(zErr));
          refuse(pOut, TRTC_R_NO_API, "an API error response (%s), and nothing says which API it answers: "
                                      "give its API to store it",
                 zErr);
        } else {
          refuse(pOut, TRTC_R_NO_API, "an empty list ([]): which API it answers cannot be told: give its API");
        }
        goto done;
      }
      break;
    case TRTC_FORM_OTHER_API:
      refuse(pOut, TRTC_R_OTHER_API, "a response of %s: only DescribeUserEvent and DescribeUnusualEvent responses "
                                     "are loaded",
             s.zOtherApi);
      goto done;
    default:
      refuse(pOut, TRTC_R_NOT_RESPONSE, "not a DescribeUserEvent or DescribeUnusualEvent response: %s", s.zWhy);
      goto done;
  }
  if (zLabel && zLabel != zApi && !bError && s.eKind != TRTC_FORM_EMPTY_LIST) {
    warn(p, TRTC_W_LABEL, "labelled %s%s%s, but the content is a %s response (%s): loaded as %s", zLabel,
         pIn->zApiFrom ? " by " : "", pIn->zApiFrom ? pIn->zApiFrom : "", zApi,
         zApi == zUserApi ? "EventList objects" : "AbnormalExperience objects", zApi);
    addNote(zNotes, sizeof(zNotes), "labelled %s, loaded as %s (its content)", zLabel, zApi);
  }
  pOut->zApi = zApi;

  /* The context. */
  memset(&c, 0, sizeof(c));
  c.bSdk = pIn->bSdkAppId;
  c.iSdk = pIn->iSdkAppId;
  c.zComm = orNull(pIn->zCommId);
  c.zRoom = orNull(pIn->zRoomId);
  c.zUser = zApi == zUserApi ? orNull(pIn->zUserId) : 0;
  if (zApi == zUserApi && !c.zUser) {
    refuse(pOut, TRTC_R_NO_USER, "a DescribeUserEvent response needs the user id it was requested for (the "
                                 "request's UserId)");
    goto done;
  }

  /* Already there? */
  zReq = trtcFormsText(pIn->zBody, s.requestId);
  if (zReq && !zReq[0]) {
    free(zReq);
    zReq = 0;
  }
  rc = findCandidates(p, zApi, zReq, s.aContent, aCand, &nCand);
  if (rc) goto done;
  for (i = 0; i < nCand; i++) {
    const Candidate *o = &aCand[i];
    int bAdds, rel = compareContext(o, &c, &bAdds);
    /* Matching content counts only for a response with something in it:
    ** two users' empty responses are not the same response. */
    int bStrong = o->bByRequest || (!bError && s.nItems > 0);
    const char *zBy = o->bByRequest ? "the same RequestId" : "the same content";
    if (rel == CTX_SAME || (rel == CTX_COMPATIBLE && bStrong)) {
      int bMerged = 0;
      if (rel == CTX_COMPATIBLE && bAdds) {
        rc = mergeContext(p, o, &c, zSource, &bMerged);
        if (rc) goto done;
        if (bMerged) {
          warn(p, TRTC_W_CONTEXT_ADDED, "already loaded from %s (%s) with less context: the context given now was "
                                        "added to it and its rows",
               o->zSource ? o->zSource : "?", zBy);
        }
      }
      if (!bMerged) {
        if (storedFromSource(p, o->id) && sameText(o->zSource, zSource)) {
          warn(p, TRTC_W_TWICE, "already loaded from this same file in this run (%s): loaded once (is it in the "
                                "file twice, or the file given twice?)",
               zBy);
        } else if (!sameText(o->zSource, zSource)) {
          warn(p, TRTC_W_ALREADY, "already loaded from %s (%s): not loaded again", o->zSource ? o->zSource : "?",
               zBy);
        }
      }
      pOut->eStatus = TRTC_STORED_ALREADY;
      pOut->iResponseId = o->id;
      goto done;
    }
    if (rel == CTX_CONFLICT && bStrong && !pConflict) pConflict = o;
  }
  if (pConflict && !pIn->bReplace) {
    /* Stored again it would count twice, once per context: refuse, and say
    ** how to correct the first one. */
    char zDiff[300];
    describeDifference(pConflict, &c, zDiff, sizeof(zDiff));
    refuse(pOut, TRTC_R_OTHER_CONTEXT,
           "the same response (%s) is stored already, loaded from %s with %s (response_id %lld): not loaded "
           "again (it would count twice); if the context given now is right, load it with --replace",
           pConflict->bByRequest ? "the same RequestId" : "the same content",
           pConflict->zSource ? pConflict->zSource : "?", zDiff, (long long)pConflict->id);
    goto done;
  }

  /* A new response: its rows first, under the id it will get. */
  rc = responseSave(p);
  if (rc) goto done;
  /* Past rows another program may have left without their response. */
  rc = prep(p, &p->pNextId,
            "SELECT max(coalesce((SELECT max(response_id) FROM trtc_responses), 0),"
            " coalesce((SELECT max(response_id) FROM trtc_event_log), 0),"
            " coalesce((SELECT max(response_id) FROM trtc_unusual_log), 0)) + 1");
  if (rc != SQLITE_OK) {
    rc = dbError(p, rc);
    goto undo;
  }
  rc = sqlite3_step(p->pNextId);
  id = sqlite3_column_int64(p->pNextId, 0);
  rc = rc == SQLITE_ROW ? SQLITE_OK : sqlite3_reset(p->pNextId);
  sqlite3_reset(p->pNextId);
  if (rc != SQLITE_OK) {
    rc = dbError(p, rc);
    goto undo;
  }
  if (s.zRepeated[0]) {
    warn(p, TRTC_W_REPEATED_KEY, "%s given more than once in the response: the first counts, whatever its value (as "
                                 "json_extract)",
         s.zRepeated);
    addNote(zNotes, sizeof(zNotes), "repeated keys: %s (the first counts)", s.zRepeated);
  }
  if (pConflict) {
    /* Replacing (asked for): the old response and its rows go. */
    char zDiff[300];
    describeDifference(pConflict, &c, zDiff, sizeof(zDiff));
    rc = forgetResponse(p, pConflict->id);
    if (rc) goto undo;
    /* Saves trimmed against it lack events now: decoded again below. */
    p->zRedecodeApi = zApi;
    free(p->zRedecodeUser);
    p->zRedecodeUser = pConflict->zUser ? dup(pConflict->zUser) : 0;
    warn(p, TRTC_W_OTHER_CONTEXT, "replaces response_id %lld, the same response (%s) loaded from %s with %s",
         (long long)pConflict->id, pConflict->bByRequest ? "the same RequestId" : "the same content",
         pConflict->zSource ? pConflict->zSource : "?", zDiff);
    addNote(zNotes, sizeof(zNotes), "replaces response_id %lld (%s)", (long long)pConflict->id, zDiff);
  }
  if (bError) {
    errorText(zCode, zMessage, zErr, sizeof(zErr));
    warn(p, TRTC_W_API_ERROR, "an API error response (%s): stored without events%s; request it again", zErr,
         s.bErrorAndList ? " (the list beside the Error is not loaded)" : "");
  } else {
    checkContext(p, zApi, &c);
    rc = decodeRows(p, zApi, id, &c, pIn->zBody, pIn->nBody, &nRows, zErr, sizeof(zErr));
    if (rc == DECODE_REFUSED) {
      refuse(pOut, TRTC_R_DECODE, "%s", zErr);
      p->nWarn = 0;
      rc = responseUndo(p);
      goto done;
    }
    if (rc) goto undo;
    afterDecode(p, zApi, &c, nRows, pIn->zUserFrom, zNotes, sizeof(zNotes));
    if (zApi != zUserApi) checkCapped(p, pIn->zBody, pIn->nBody);
    rc = dropOverlap(p, zApi, id, &c, pIn, &nRows, zNotes, sizeof(zNotes));
    if (rc) goto undo;
  }
  if (s.bErrorAndList) addNote(zNotes, sizeof(zNotes), "an Error beside a list: loaded as an API error");

  /* The response row, written once. */
  trtcSha3(pIn->zBody, pIn->nBody, aBodyHash);
  rc = prep(p, &p->pInsert,
            "INSERT INTO trtc_responses (response_id, api, sdk_app_id, comm_id, room_id, user_id, source_file, body,"
            " body_sha3, error_code, error_message, n_rows, request_id, content_sha3, notes)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  if (rc != SQLITE_OK) {
    rc = dbError(p, rc);
    goto undo;
  }
  sqlite3_bind_int64(p->pInsert, 1, id);
  sqlite3_bind_text(p->pInsert, 2, zApi, -1, SQLITE_STATIC);
  bindContext(p->pInsert, 3, &c);
  sqlite3_bind_text(p->pInsert, 7, zSource, -1, SQLITE_STATIC);
  sqlite3_bind_text64(p->pInsert, 8, pIn->zBody, pIn->nBody, SQLITE_STATIC, SQLITE_UTF8);
  sqlite3_bind_blob(p->pInsert, 9, aBodyHash, TRTC_SHA3_SIZE, SQLITE_STATIC);
  if (bError) {
    sqlite3_bind_text(p->pInsert, 10, zCode ? zCode : "(no Code)", -1, SQLITE_STATIC);
    bindText(p->pInsert, 11, zMessage);
  } else {
    sqlite3_bind_null(p->pInsert, 10);
    sqlite3_bind_null(p->pInsert, 11);
  }
  sqlite3_bind_int(p->pInsert, 12, nRows);
  bindText(p->pInsert, 13, zReq);
  sqlite3_bind_blob(p->pInsert, 14, s.aContent, TRTC_SHA3_SIZE, SQLITE_STATIC);
  bindText(p->pInsert, 15, zNotes[0] ? zNotes : 0);
  rc = run(p->pInsert);
  sqlite3_clear_bindings(p->pInsert);
  if (rc == SQLITE_CONSTRAINT_UNIQUE) {
    /* The same API, context and bytes are there (stored by another
    ** program, without the RequestId and content hash the check above
    ** looks for): already loaded, as that response. */
    sqlite3_int64 idSame = identicalResponse(p, zApi, &c, aBodyHash);
    if (idSame > 0) {
      p->nWarn = 0;
      rc = responseUndo(p);
      pOut->eStatus = TRTC_STORED_ALREADY;
      pOut->iResponseId = idSame;
      goto done;
    }
  }
  if (rc != SQLITE_OK) {
    rc = dbError(p, rc);
    goto undo;
  }
  rc = responseRelease(p);
  if (rc) goto done;
  rememberStored(p, zSource, id);
  pOut->eStatus = bError ? TRTC_STORED_API_ERROR : TRTC_STORED_NEW;
  pOut->iResponseId = id;
  if (zApi == zUserApi) pOut->nEvents = nRows;
  else pOut->nUnusual = nRows;
  goto done;

undo:
  /* A database error (rc set): the caller rolls the transaction back. */
  p->nWarn = 0;
done:
  if (pOut->eStatus != TRTC_STORED_REFUSED && rc == TRTC_OK) pOut->nWarnings = flushWarnings(p, zSource);
  p->nWarn = 0;
  freeCandidates(aCand, nCand);
  free(zReq);
  free(zCode);
  free(zMessage);
  return rc;
}

static int decodeOnePending(TrtcStore *p, sqlite3_int64 id, int *pbFailed);

/* notes without its "(overlapping saves)" parts; malloc'ed (NULL if none left). */
static char *notesWithoutOverlap(const char *zNotes) {
  char *zOut = dup(zNotes ? zNotes : ""), *o = zOut;
  const char *z = zNotes;
  if (zOut == 0) return 0;
  while (z && *z) {
    const char *zEnd = strstr(z, "; ");
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z), k;
    int bOverlap = 0;
    for (k = 0; k + 19 <= n && !bOverlap; k++) bOverlap = memcmp(z + k, "(overlapping saves)", 19) == 0;
    if (!bOverlap) {
      if (o != zOut) *o++ = ';', *o++ = ' ';
      memmove(o, z, n);
      o += n;
    }
    z = zEnd ? zEnd + 2 : 0;
  }
  *o = 0;
  if (zOut[0] == 0) {
    free(zOut);
    return 0;
  }
  return zOut;
}

/* A response was replaced (--replace): the saves of the same API (and
** user) that left out events it held lack them now. Their rows are
** decoded again, in the order they were stored, each leaving out only
** what the others hold now. */
static int redecodeTrimmed(TrtcStore *p, const char *zApi, const char *zUser) {
  sqlite3_stmt *pList = 0, *pReset = 0;
  sqlite3_int64 *aId = 0;
  int nId = 0, nAlloc = 0, rc, i;
  rc = sqlite3_prepare_v2(p->db,
                          "SELECT response_id, notes FROM trtc_responses WHERE api = ?1"
                          " AND (?1 <> 'DescribeUserEvent' OR ifnull(user_id, '') = ifnull(?2, ''))"
                          " AND n_rows IS NOT NULL AND notes LIKE '%(overlapping saves)%' ORDER BY response_id",
                          -1, &pList, 0);
  if (rc == SQLITE_OK) {
    rc = sqlite3_prepare_v2(p->db, "UPDATE trtc_responses SET n_rows = NULL, notes = ?2 WHERE response_id = ?1",
                            -1, &pReset, 0);
  }
  if (rc == SQLITE_OK) {
    sqlite3_bind_text(pList, 1, zApi, -1, SQLITE_STATIC);
    bindText(pList, 2, zUser);
    while ((rc = sqlite3_step(pList)) == SQLITE_ROW) {
      if (nId == nAlloc) {
        sqlite3_int64 *aNew = realloc(aId, sizeof(*aId) * (size_t)(nAlloc = nAlloc ? 2 * nAlloc : 8));
        if (aNew == 0) {
          rc = SQLITE_NOMEM;
          break;
        }
        aId = aNew;
      }
      aId[nId++] = sqlite3_column_int64(pList, 0);
    }
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  sqlite3_finalize(pList);
  /* Each made pending again: rows gone, the note of what it left out too. */
  for (i = 0; rc == SQLITE_OK && i < nId; i++) {
    char *zSql = sqlite3_mprintf("DELETE FROM %s WHERE response_id = %lld",
                                 zApi == zUserApi ? "trtc_event_log" : "trtc_unusual_log", (long long)aId[i]);
    char *zNotes = 0;
    sqlite3_stmt *pNotes = 0;
    rc = zSql ? sqlite3_exec(p->db, zSql, 0, 0, 0) : SQLITE_NOMEM;
    sqlite3_free(zSql);
    if (rc == SQLITE_OK) {
      rc = sqlite3_prepare_v2(p->db, "SELECT notes FROM trtc_responses WHERE response_id = ?1", -1, &pNotes, 0);
      if (rc == SQLITE_OK) {
        sqlite3_bind_int64(pNotes, 1, aId[i]);
        if (sqlite3_step(pNotes) == SQLITE_ROW) zNotes = notesWithoutOverlap((const char *)sqlite3_column_text(pNotes, 0));
      }
      sqlite3_finalize(pNotes);
    }
    if (rc == SQLITE_OK) {
      sqlite3_bind_int64(pReset, 1, aId[i]);
      bindText(pReset, 2, zNotes);
      rc = run(pReset);
    }
    free(zNotes);
  }
  sqlite3_finalize(pReset);
  if (rc != SQLITE_OK) {
    free(aId);
    return dbError(p, rc);
  }
  for (i = 0; i < nId; i++) {
    int bFailed = 0;
    int rc2 = decodeOnePending(p, aId[i], &bFailed);
    if (rc2) {
      free(aId);
      return rc2;
    }
  }
  free(aId);
  return TRTC_OK;
}

int trtcStoreResponse(TrtcStore *p, const TrtcResponseIn *pIn, TrtcStoreOutcome *pOut) {
  int bOwn = sqlite3_get_autocommit(p->db), rc;
  if (bOwn) {
    memset(pOut, 0, sizeof(*pOut));
    rc = trtcStoreBegin(p);
    if (rc) return rc;
  }
  rc = storeOne(p, pIn, pOut);
  if (p->zRedecodeApi) {
    if (rc == TRTC_OK) rc = redecodeTrimmed(p, p->zRedecodeApi, p->zRedecodeUser);
    p->zRedecodeApi = 0;
  }
  if (bOwn) {
    if (rc == TRTC_OK) rc = trtcStoreCommit(p);
    if (rc != TRTC_OK) trtcStoreRollback(p);
  }
  return rc;
}

/* ---- Responses stored by others, not decoded yet -------------------------------------- */

static int decodeOnePending(TrtcStore *p, sqlite3_int64 id, int *pbFailed) {
  int rc, nRows = 0;
  Context c;
  const char *zApi, *zBody;
  char zSource[300], zErr[400], zNotes[1024] = "";
  *pbFailed = 0;
  rc = prep(p, &p->pGetRow,
            "SELECT api, sdk_app_id, comm_id, room_id, user_id, source_file, body, notes"
            " FROM trtc_responses WHERE response_id = ?1");
  if (rc != SQLITE_OK) return dbError(p, rc);
  sqlite3_bind_int64(p->pGetRow, 1, id);
  rc = sqlite3_step(p->pGetRow);
  if (rc != SQLITE_ROW) {
    sqlite3_reset(p->pGetRow);
    return rc == SQLITE_DONE ? TRTC_OK : dbError(p, rc);
  }
  zApi = trtcStoreApiName((const char *)sqlite3_column_text(p->pGetRow, 0));
  memset(&c, 0, sizeof(c));
  c.bSdk = sqlite3_column_type(p->pGetRow, 1) != SQLITE_NULL;
  c.iSdk = sqlite3_column_int64(p->pGetRow, 1);
  c.zComm = (const char *)sqlite3_column_text(p->pGetRow, 2);
  c.zRoom = (const char *)sqlite3_column_text(p->pGetRow, 3);
  c.zUser = (const char *)sqlite3_column_text(p->pGetRow, 4);
  snprintf(zSource, sizeof(zSource), "response %lld (from %s) in the database", (long long)id,
           sqlite3_column_text(p->pGetRow, 5) ? (const char *)sqlite3_column_text(p->pGetRow, 5) : "another program");
  if (sqlite3_column_text(p->pGetRow, 7)) snprintf(zNotes, sizeof(zNotes), "%s", sqlite3_column_text(p->pGetRow, 7));
  zBody = (const char *)sqlite3_column_text(p->pGetRow, 6);
  p->nWarn = 0;
  rc = responseSave(p);
  if (rc == TRTC_OK && zApi) { /* body is NOT NULL */
    rc = decodeRows(p, zApi, id, &c, zBody, (size_t)sqlite3_column_bytes(p->pGetRow, 6), &nRows, zErr, sizeof(zErr));
  } else if (rc == TRTC_OK) {
    snprintf(zErr, sizeof(zErr), "an api that is not DescribeUserEvent or DescribeUnusualEvent");
    rc = DECODE_REFUSED;
  }
  if (rc == TRTC_OK) {
    afterDecode(p, zApi, &c, nRows, 0, zNotes, sizeof(zNotes));
    rc = dropOverlap(p, zApi, id, &c, 0, &nRows, zNotes, sizeof(zNotes));
  }
  sqlite3_reset(p->pGetRow); /* zBody and the context are gone from here on */
  if (rc == DECODE_REFUSED) {
    p->nWarn = 0;
    rc = responseUndo(p);
    if (rc) return rc;
    rc = prep(p, &p->pSetFailed, "UPDATE trtc_responses SET decode_error = ?2 WHERE response_id = ?1");
    if (rc != SQLITE_OK) return dbError(p, rc);
    sqlite3_bind_int64(p->pSetFailed, 1, id);
    sqlite3_bind_text(p->pSetFailed, 2, zErr, -1, SQLITE_TRANSIENT);
    rc = run(p->pSetFailed);
    if (rc != SQLITE_OK) return dbError(p, rc);
    *pbFailed = 1;
    {
      char zMsg[600];
      snprintf(zMsg, sizeof(zMsg), "cannot be decoded (%s): left without rows, marked in decode_error", zErr);
      say(p, zSource, TRTC_W_PENDING, zMsg);
    }
    return TRTC_OK;
  }
  if (rc) {
    p->nWarn = 0;
    return rc;
  }
  rc = prep(p, &p->pSetDecoded, "UPDATE trtc_responses SET n_rows = ?2, notes = ?3 WHERE response_id = ?1");
  if (rc != SQLITE_OK) return dbError(p, rc);
  sqlite3_bind_int64(p->pSetDecoded, 1, id);
  sqlite3_bind_int(p->pSetDecoded, 2, nRows);
  bindText(p->pSetDecoded, 3, zNotes[0] ? zNotes : 0);
  rc = run(p->pSetDecoded);
  sqlite3_clear_bindings(p->pSetDecoded);
  if (rc != SQLITE_OK) return dbError(p, rc);
  rc = responseRelease(p);
  if (rc == TRTC_OK) flushWarnings(p, zSource);
  return rc;
}

int trtcStoreDecodePending(TrtcStore *p, int *pnDecoded, int *pnFailed) {
  int bOwn = sqlite3_get_autocommit(p->db), rc;
  *pnDecoded = *pnFailed = 0;
  if (bOwn) {
    /* Look first: a write transaction waits for readers even when idle. */
    sqlite3_stmt *pAny = 0;
    int bAny = 0;
    rc = sqlite3_prepare_v2(p->db,
                            "SELECT 1 FROM trtc_responses"
                            " WHERE n_rows IS NULL AND error_code IS NULL AND decode_error IS NULL LIMIT 1",
                            -1, &pAny, 0);
    if (rc == SQLITE_OK) {
      bAny = sqlite3_step(pAny) == SQLITE_ROW;
      rc = sqlite3_finalize(pAny);
    }
    if (rc != SQLITE_OK) return dbError(p, rc);
    if (!bAny) return TRTC_OK;
    rc = trtcStoreBegin(p);
    if (rc) return rc;
  }
  rc = prep(p, &p->pPending,
            "SELECT response_id FROM trtc_responses"
            " WHERE n_rows IS NULL AND error_code IS NULL AND decode_error IS NULL AND response_id > ?1"
            " ORDER BY response_id LIMIT 1");
  if (rc != SQLITE_OK) rc = dbError(p, rc);
  else {
    sqlite3_int64 iLast = 0;
    for (;;) {
      int bFailed;
      sqlite3_bind_int64(p->pPending, 1, iLast);
      rc = sqlite3_step(p->pPending);
      if (rc != SQLITE_ROW) {
        sqlite3_reset(p->pPending);
        rc = rc == SQLITE_DONE ? TRTC_OK : dbError(p, rc);
        break;
      }
      iLast = sqlite3_column_int64(p->pPending, 0);
      sqlite3_reset(p->pPending);
      rc = decodeOnePending(p, iLast, &bFailed);
      if (rc) break;
      if (bFailed) (*pnFailed)++;
      else (*pnDecoded)++;
    }
  }
  if (bOwn) {
    if (rc == TRTC_OK) rc = trtcStoreCommit(p);
    if (rc != TRTC_OK) trtcStoreRollback(p);
  }
  return rc;
}
