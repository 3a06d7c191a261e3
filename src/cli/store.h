/*
** src/cli/store.h: the database side of the trtc command (store.c), shared
** by "trtc ingest" and "trtc fetch": open a database with sql/schema.sql
** applied (and an older database migrated), store one saved response of
** the monitoring API with the context it lacks, decode it into
** trtc_event_log / trtc_unusual_log in the same transaction, and say what
** was wrong with it (warnings on stderr, counted).
**
**   TrtcStore *pStore;
**   if (trtcStoreOpen("calls.db", &opts, &pStore) != TRTC_OK) ...;   exit 2
**   TrtcResponseIn in = { .zSource = "alice.json", .zUserId = "alice", ... };
**   TrtcStoreOutcome out;
**   rc = trtcStoreResponse(pStore, &in, &out);
**   trtcStoreClose(pStore);
**
** Several responses in one transaction (what "trtc ingest" does): each
** group (a file) in a savepoint, so that it is stored whole or not at all:
**
**   trtcStoreBegin(pStore);                BEGIN IMMEDIATE, waits for writers
**   trtcStoreSavepoint(pStore);
**   ... trtcStoreResponse(pStore, &in, &out) for each response ...
**   trtcStoreRelease(pStore);              or trtcStoreRollbackTo(pStore)
**   trtcStoreCommit(pStore);               or trtcStoreRollback(pStore)
**
** Without trtcStoreBegin, trtcStoreResponse is its own transaction.
** Duplicates are decided inside the write transaction, so concurrent
** writers never store a response twice. docs/ingest-command.md lists the
** warnings; the columns are in sql/schema.sql.
**
** This contract is shared by several files: change it only together with
** every caller (extend it; do not break it).
*/
#ifndef TRTC_CLI_STORE_H
#define TRTC_CLI_STORE_H

#include <sqlite3.h>
#include <stddef.h>

typedef struct TrtcStore TrtcStore;

/* How to open the database. */
typedef struct TrtcStoreOptions {
  int busyTimeoutMs; /* wait this long for other writers (default 30000) */
  int bQuiet;        /* no warnings on stderr (they are still counted) */
} TrtcStoreOptions;

/* One response to store, with its context. Every pointer may be NULL
** except zSource and zBody. */
typedef struct TrtcResponseIn {
  const char *zSource;   /* where it came from: a file name, "-", or a request */
  const char *zApi;      /* what the caller says it is (a label), or NULL: the
                         ** content decides; a contradicting label is a warning */
  sqlite3_int64 iSdkAppId;
  int bSdkAppId;         /* iSdkAppId is set */
  const char *zRoomId;
  const char *zCommId;
  const char *zUserId;   /* DescribeUserEvent: the user whose events these are */
  const char *zBody;     /* the response: UTF-8 JSON, one response */
  size_t nBody;
  /* Optional, for what is stored and said about it: */
  const char *zNotes;    /* what the caller did to it (e.g. "UTF-8 byte-order
                         ** mark removed"), kept in trtc_responses.notes */
  const char *zApiFrom;  /* where zApi came from (e.g. "--api"), for warnings */
  const char *zUserFrom; /* where zUserId came from, for warnings */
  int bReplace;          /* the same response stored under another context
                         ** (user, room, call) is replaced by this one; without
                         ** it, this one is refused (TRTC_R_OTHER_CONTEXT) */
  /* trtc fetch: the responses it recorded in trtc_fetched for this item
  ** (api, sdk_app_id, comm_id, zFetchUser, iFetchSlot) are replaced once
  ** the item is stored, so they are not earlier saves whose events this
  ** one's would repeat (see TRTC_W_OVERLAP). */
  int bFetchItem;
  const char *zFetchUser; /* trtc_fetched.user_id: the user, or "" */
  sqlite3_int64 iFetchSlot;
} TrtcResponseIn;

/* What happened to it. */
typedef enum TrtcStoreStatus {
  TRTC_STORED_NEW,       /* stored and decoded */
  TRTC_STORED_ALREADY,   /* the same response was already there: nothing added */
  TRTC_STORED_API_ERROR, /* an API error response: stored, no rows */
  TRTC_STORED_REFUSED    /* not stored (malformed, not a response, ...): zWhy says why */
} TrtcStoreStatus;

typedef struct TrtcStoreOutcome {
  TrtcStoreStatus eStatus;
  sqlite3_int64 iResponseId; /* trtc_responses.response_id (NEW, ALREADY, API_ERROR) */
  const char *zApi;          /* the API it was recognised as (static text) or NULL */
  int nEvents;               /* rows added to trtc_event_log */
  int nUnusual;              /* rows added to trtc_unusual_log */
  int nWarnings;             /* warnings printed for it */
  char zWhy[512];            /* REFUSED: the reason, for "FILE: reason" */
  int eReason;               /* REFUSED: TRTC_R_* */
} TrtcStoreOutcome;

/* Why a response was refused (TrtcStoreOutcome.eReason). */
#define TRTC_R_NOT_JSON 1     /* not one JSON value */
#define TRTC_R_NOT_RESPONSE 2 /* JSON, but no DescribeUserEvent/DescribeUnusualEvent response */
#define TRTC_R_OTHER_API 3    /* the response of another API */
#define TRTC_R_NO_USER 4      /* a DescribeUserEvent response without its user id */
#define TRTC_R_NO_API 5       /* an empty list or API error, and no label says which API */
#define TRTC_R_DECODE 6       /* the extension could not decode it: zWhy has its message */
#define TRTC_R_TOO_BIG 7      /* longer than SQLite's maximum string length */
#define TRTC_R_OTHER_CONTEXT 8 /* stored already under another context (see bReplace) */

/* Warnings: what would make answers wrong (docs/ingest-command.md). */
#define TRTC_W_LABEL 1          /* the label contradicts the content: the content wins */
#define TRTC_W_UNKNOWN_LABEL 2  /* a label naming no API: ignored */
#define TRTC_W_USER_NOT_PEER 3  /* no event has PeerId = the user id */
#define TRTC_W_TIME_SECONDS 4   /* Time values in s, us or ns: converted to ms */
#define TRTC_W_EVENTTIME_MS 5   /* EventTime values in ms, us or ns: converted to s */
#define TRTC_W_ALREADY 6        /* already stored from another source */
#define TRTC_W_TWICE 7          /* the same response twice from one source in a session */
#define TRTC_W_CONTEXT_ADDED 8  /* a stored response got the context it lacked */
#define TRTC_W_OTHER_CONTEXT 9  /* the same response, stored with another context, was replaced */
#define TRTC_W_EMPTY 10         /* no events, no abnormal experiences */
#define TRTC_W_NO_COMM_ID 11    /* DescribeUserEvent without comm_id */
#define TRTC_W_COMM_SDK 12      /* comm_id does not begin with sdk_app_id, or names another room */
#define TRTC_W_API_ERROR 13     /* an API error response: stored without rows */
#define TRTC_W_REPEATED_KEY 14  /* a key given twice: the first counts */
#define TRTC_W_PENDING 15       /* a stored response (another program's) cannot be decoded */
#define TRTC_W_TIME_UNIT 16     /* times that are no Unix time in the unit expected: left as they are */
#define TRTC_W_OVERLAP 17       /* rows stored already from another save of the same context: left out */
#define TRTC_W_CAPPED 18        /* a DescribeUnusualEvent response at its 20-result cap: some are missing */
#define TRTC_W_UNKNOWN_ID 19    /* events whose EventId the mapping tables lack */

/* Where warnings go: by default "warning: SOURCE: MESSAGE" on stderr
** (unless bQuiet). A hook gets them instead (and decides). */
typedef void (*TrtcStoreWarnFn)(void *pCtx, const char *zSource, int eCode, const char *zMsg);
void trtcStoreOnWarning(TrtcStore *pStore, TrtcStoreWarnFn xWarn, void *pCtx);

/* Return codes of the functions below (TRTC_STORED_REFUSED is not an error). */
#define TRTC_OK 0
#define TRTC_BUSY 1   /* another process held the database past the busy timeout */
#define TRTC_FAIL 2   /* the database cannot be opened or written: message printed */

/* Open (creating or migrating the schema). TRTC_FAIL: message printed,
** *ppStore NULL. TRTC_BUSY: not printed (the caller says what it gives up). */
int trtcStoreOpen(const char *zPath, const TrtcStoreOptions *pOpts, TrtcStore **ppStore);
int trtcStoreResponse(TrtcStore *pStore, const TrtcResponseIn *pIn, TrtcStoreOutcome *pOut);
sqlite3 *trtcStoreDb(TrtcStore *pStore); /* the connection, trtc loaded */
void trtcStoreClose(TrtcStore *pStore);

/* Transactions and savepoints (see above). Each returns TRTC_OK, TRTC_BUSY
** (not printed) or TRTC_FAIL (printed); after BUSY or FAIL call
** trtcStoreRollback. */
int trtcStoreBegin(TrtcStore *pStore);
int trtcStoreCommit(TrtcStore *pStore);
void trtcStoreRollback(TrtcStore *pStore);
int trtcStoreSavepoint(TrtcStore *pStore);
int trtcStoreRelease(TrtcStore *pStore);
int trtcStoreRollbackTo(TrtcStore *pStore);

/* Decode the responses stored without rows by other programs (n_rows
** NULL), each in a savepoint of its own: one that fails is marked
** (decode_error) and warned about, never blocking the others. Inside or
** outside a transaction. */
int trtcStoreDecodePending(TrtcStore *pStore, int *pnDecoded, int *pnFailed);

/* The canonical API name of a label ("DescribeDetailEvent" gives
** "DescribeUserEvent"), or NULL when it names no API this stores. */
const char *trtcStoreApiName(const char *zLabel);

/* The longest body SQLite accepts (SQLITE_LIMIT_LENGTH). */
size_t trtcStoreMaxBody(TrtcStore *pStore);

/* Seconds spent waiting for other connections' locks so far. */
double trtcStoreWaited(TrtcStore *pStore);

#endif /* TRTC_CLI_STORE_H */
