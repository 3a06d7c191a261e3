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
** This contract is shared by several files: change it only together with
** every caller.
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
  char zWhy[256];            /* REFUSED: the reason, for "FILE: reason" */
} TrtcStoreOutcome;

/* Return codes of the functions below (TRTC_STORED_REFUSED is not an error). */
#define TRTC_OK 0
#define TRTC_BUSY 1   /* another process held the database past the busy timeout */
#define TRTC_FAIL 2   /* the database cannot be opened or written: message printed */

int trtcStoreOpen(const char *zPath, const TrtcStoreOptions *pOpts, TrtcStore **ppStore);
int trtcStoreResponse(TrtcStore *pStore, const TrtcResponseIn *pIn, TrtcStoreOutcome *pOut);
sqlite3 *trtcStoreDb(TrtcStore *pStore); /* the connection, trtc loaded */
void trtcStoreClose(TrtcStore *pStore);

#endif /* TRTC_CLI_STORE_H */
