/*
** src/cli/tcapi.h: a client of Tencent Cloud's API for "trtc fetch"
** (tcapi.c): signs each request (sign.h), sends it (http.h), keeps under
** the request rate, retries what may succeed later and sorts responses
** into success, an error for this request, and an error that must stop
** the whole fetch.
**
**   TrtcApiConfig cfg = { .zEndpoint = "https://trtc.tencentcloudapi.com/",
**                         .zRegion = "ap-guangzhou", .zVersion = "2019-07-22",
**                         .zService = "trtc", .minIntervalMs = 67,
**                         .nAttempts = 6, .backoffMs = 1000 };
**   TrtcApi *pApi = trtcApiOpen(&cfg, zId, zKey, zToken, db, zErr, sizeof zErr);
**   TrtcApiReply r;
**   switch (trtcApiCall(pApi, "DescribeRoomInfo", "{\"SdkAppId\":1400000001,...}", &r)) {
**     case TRTC_API_OK:    ... r.zBody: the response, Response.Error absent ...
**     case TRTC_API_ERROR: ... r.zWhy: "InvalidParameter: ... (RequestId ...)" ...
**     case TRTC_API_STOP:  ... r.zWhy: credentials refused, TLS failed, network down ...
**   }
**   trtcApiReplyFree(&r);
**   trtcApiClose(pApi);                                   wipes the credentials
**
** db is any SQLite connection: responses are read with its JSON functions.
** Texts that leave this file (zWhy, zCode, zMessage) never hold the secret
** id, key or token: a server message that echoes one has it replaced.
*/
#ifndef TRTC_CLI_TCAPI_H
#define TRTC_CLI_TCAPI_H

#include <sqlite3.h>
#include <stddef.h>

typedef struct TrtcApi TrtcApi;

typedef struct TrtcApiConfig {
  const char *zEndpoint; /* URL (http.h says which are accepted) */
  const char *zRegion;   /* X-TC-Region */
  const char *zVersion;  /* X-TC-Version */
  const char *zService;  /* signing scope: "trtc" */
  int minIntervalMs;     /* at least this long between two request starts */
  int nAttempts;         /* tries per request, the first included */
  int backoffMs;         /* the first wait before a retry; doubled each time */
  void (*xProgress)(void *); /* called after each attempt, or NULL */
  void *pProgressArg;
} TrtcApiConfig;

typedef enum TrtcApiStatus {
  TRTC_API_OK,    /* a response without Response.Error */
  TRTC_API_ERROR, /* this request failed (an API error, a malformed response, retries used up) */
  TRTC_API_STOP   /* every request would fail: credentials refused, TLS, network gone */
} TrtcApiStatus;

typedef struct TrtcApiReply {
  TrtcApiStatus eStatus;
  char *zBody;          /* OK: the response as received (malloc'd, NUL-terminated) */
  size_t nBody;
  char zCode[96];       /* Response.Error.Code, or "" */
  char zMessage[512];   /* Response.Error.Message, or "" */
  char zRequestId[96];  /* Response.RequestId, or "" */
  char zWhy[1024];      /* ERROR, STOP: what went wrong, for a message */
  int nAttempts;        /* how many times it was sent */
} TrtcApiReply;

/* NULL with a message in zErr (a refused endpoint, out of memory). The
** credentials are copied. */
TrtcApi *trtcApiOpen(const TrtcApiConfig *pCfg, const char *zSecretId, const char *zSecretKey,
                     const char *zToken, sqlite3 *db, char *zErr, size_t nErr);
TrtcApiStatus trtcApiCall(TrtcApi *p, const char *zAction, const char *zBody, TrtcApiReply *pReply);
void trtcApiReplyFree(TrtcApiReply *pReply);
/* Requests sent (attempts), of which retries, seconds since open, and the
** rate of request starts (per second; 0 before the second request). */
void trtcApiStats(const TrtcApi *p, int *pnRequests, int *pnRetries, double *pSeconds,
                  double *pRate);
/* Replaces every occurrence of a credential in z (in place) with '*'. */
void trtcApiRedact(const TrtcApi *p, char *z);
/* Wipes the credentials and frees everything. */
void trtcApiClose(TrtcApi *p);

#endif /* TRTC_CLI_TCAPI_H */
