/*
** src/cli/tcapi.c: the Tencent Cloud API client of "trtc fetch" (see
** tcapi.h): one signed JSON POST per attempt, paced, retried, sorted.
**
** Pacing: request starts are at least minIntervalMs apart (67 ms: at most
** 15 a second, under the service's 20 a second), measured on the
** monotonic clock, retries included.
** Retried (nAttempts in all, waits of backoffMs, 2x, 4x, ... capped at
** 30 s): RequestLimitExceeded*, InternalError*, HTTP 429 and 5xx without
** an API error, and network failures that may pass (http.h's RETRY).
** Stop (TRTC_API_STOP): AuthFailure*, UnauthorizedOperation* (every
** further request would be refused too), a TLS or configuration failure,
** and a network failure that outlived its retries.
** Anything else is an error of this request only (TRTC_API_ERROR).
*/
#include "tcapi.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http.h"
#include "sign.h"

struct TrtcApi {
  TrtcApiConfig cfg;
  char *zSecretId, *zSecretKey, *zToken; /* copies, wiped on close */
  TrtcHttp *pHttp;
  sqlite3 *db;
  sqlite3_stmt *pParse;   /* reads a response's validity, Error and RequestId */
  double tLastStart;      /* monotonic seconds of the last request's start, or 0 */
  double tFirstStart;     /* ... of the first request's start, or 0 */
  double tOpen;
  int nRequests, nRetries;
};

static double monoNow(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleepSeconds(double s) {
  struct timespec ts;
  if (s <= 0) return;
  ts.tv_sec = (time_t)s;
  ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

static char *dupString(const char *z) {
  size_t n;
  char *zCopy;
  if (z == 0) return 0;
  n = strlen(z);
  zCopy = malloc(n + 1);
  if (zCopy) memcpy(zCopy, z, n + 1);
  return zCopy;
}

static void wipeFree(char *z) {
  if (z) trtcWipe(z, strlen(z));
  free(z);
}

TrtcApi *trtcApiOpen(const TrtcApiConfig *pCfg, const char *zSecretId, const char *zSecretKey,
                     const char *zToken, sqlite3 *db, char *zErr, size_t nErr) {
  TrtcApi *p = calloc(1, sizeof *p);
  if (p == 0) {
    snprintf(zErr, nErr, "out of memory");
    return 0;
  }
  p->cfg = *pCfg;
  p->db = db;
  p->zSecretId = dupString(zSecretId);
  p->zSecretKey = dupString(zSecretKey);
  p->zToken = zToken && zToken[0] ? dupString(zToken) : 0;
  if (p->zSecretId == 0 || p->zSecretKey == 0 || (zToken && zToken[0] && p->zToken == 0)) {
    snprintf(zErr, nErr, "out of memory");
    trtcApiClose(p);
    return 0;
  }
  p->pHttp = trtcHttpOpen(pCfg->zEndpoint, zErr, nErr);
  if (p->pHttp == 0) {
    trtcApiClose(p);
    return 0;
  }
  if (sqlite3_prepare_v2(db,
                         "SELECT v, CASE WHEN v THEN json_type(?1, '$.Response') END,"
                         " CASE WHEN v THEN json_type(?1, '$.Response.Error') END,"
                         " CASE WHEN v THEN json_extract(?1, '$.Response.Error.Code') END,"
                         " CASE WHEN v THEN json_extract(?1, '$.Response.Error.Message') END,"
                         " CASE WHEN v THEN json_extract(?1, '$.Response.RequestId') END"
                         " FROM (SELECT json_valid(?1) AS v)",
                         -1, &p->pParse, 0) != SQLITE_OK) {
    snprintf(zErr, nErr, "cannot read JSON: %s", sqlite3_errmsg(db));
    trtcApiClose(p);
    return 0;
  }
  p->tOpen = monoNow();
  return p;
}

void trtcApiRedact(const TrtcApi *p, char *z) {
  const char *azSecret[3];
  int i;
  azSecret[0] = p->zSecretKey;
  azSecret[1] = p->zToken;
  azSecret[2] = p->zSecretId;
  for (i = 0; i < 3; i++) {
    size_t n = azSecret[i] ? strlen(azSecret[i]) : 0;
    char *zAt;
    if (n < 4) continue; /* too short to be one; would mangle ordinary text */
    while ((zAt = strstr(z, azSecret[i])) != 0) memset(zAt, '*', n);
  }
}

/* Copies a column's text into zOut[nOut] (truncated), "" when NULL. */
static void copyColumn(sqlite3_stmt *pStmt, int iCol, char *zOut, size_t nOut) {
  const unsigned char *z = sqlite3_column_text(pStmt, iCol);
  snprintf(zOut, nOut, "%s", z ? (const char *)z : "");
}

static int startsWith(const char *z, const char *zPrefix) {
  return strncmp(z, zPrefix, strlen(zPrefix)) == 0;
}

/* What to do with an attempt's outcome. */
typedef enum Verdict { V_OK, V_RETRY, V_ERROR, V_STOP } Verdict;

/* Sorts a response that came; fills pReply's Code, Message, RequestId, zWhy. */
static Verdict sortResponse(TrtcApi *p, const TrtcHttpResult *pRes, TrtcApiReply *pReply) {
  sqlite3_stmt *q = p->pParse;
  Verdict v;
  int bValid = 0;
  const unsigned char *zResponseType = 0, *zErrorType = 0;

  sqlite3_reset(q);
  sqlite3_bind_text(q, 1, pRes->zBody, (int)pRes->nBody, SQLITE_STATIC);
  if (pRes->nBody > 0x7fffffff || sqlite3_step(q) != SQLITE_ROW) {
    snprintf(pReply->zWhy, sizeof pReply->zWhy, "cannot read the response (HTTP %ld): %s",
             pRes->iStatus, sqlite3_errmsg(p->db));
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return V_ERROR;
  }
  bValid = sqlite3_column_int(q, 0);
  zResponseType = sqlite3_column_text(q, 1);
  zErrorType = sqlite3_column_text(q, 2);
  pReply->zCode[0] = pReply->zMessage[0] = pReply->zRequestId[0] = 0;
  if (bValid) {
    copyColumn(q, 3, pReply->zCode, sizeof pReply->zCode);
    copyColumn(q, 4, pReply->zMessage, sizeof pReply->zMessage);
    copyColumn(q, 5, pReply->zRequestId, sizeof pReply->zRequestId);
    trtcApiRedact(p, pReply->zCode);
    trtcApiRedact(p, pReply->zMessage);
    trtcApiRedact(p, pReply->zRequestId);
  }

  if (!bValid) {
    v = (pRes->iStatus == 429 || pRes->iStatus >= 500) ? V_RETRY : V_ERROR;
    snprintf(pReply->zWhy, sizeof pReply->zWhy, "not a JSON response (HTTP %ld, %zu bytes)",
             pRes->iStatus, pRes->nBody);
  } else if (zErrorType != 0) {
    const char *zCode = pReply->zCode[0] ? pReply->zCode : "(no Code)";
    if (startsWith(zCode, "AuthFailure") || startsWith(zCode, "UnauthorizedOperation")) {
      v = V_STOP;
    } else if (startsWith(zCode, "RequestLimitExceeded") || startsWith(zCode, "InternalError")) {
      v = V_RETRY;
    } else {
      v = V_ERROR;
    }
    snprintf(pReply->zWhy, sizeof pReply->zWhy, "%s: %s (RequestId %s)", zCode,
             pReply->zMessage[0] ? pReply->zMessage : "(no Message)",
             pReply->zRequestId[0] ? pReply->zRequestId : "none");
  } else if (pRes->iStatus == 429 || pRes->iStatus >= 500) {
    v = V_RETRY;
    snprintf(pReply->zWhy, sizeof pReply->zWhy, "HTTP status %ld", pRes->iStatus);
  } else if (pRes->iStatus != 200) {
    v = V_ERROR;
    snprintf(pReply->zWhy, sizeof pReply->zWhy, "HTTP status %ld (RequestId %s)", pRes->iStatus,
             pReply->zRequestId[0] ? pReply->zRequestId : "none");
  } else if (zResponseType == 0 || strcmp((const char *)zResponseType, "object") != 0) {
    v = V_ERROR;
    snprintf(pReply->zWhy, sizeof pReply->zWhy, "the response has no \"Response\" object");
  } else {
    v = V_OK;
  }
  sqlite3_reset(q);
  sqlite3_clear_bindings(q);
  return v;
}

/* Sends one attempt: signs with the current time, paced. */
static Verdict attempt(TrtcApi *p, const char *zAction, const char *zBody, TrtcApiReply *pReply,
                       TrtcHttpResult *pRes) {
  TrtcSignInput in;
  TrtcSigned sig;
  char zAction_[160], zVersion[96], zRegion[96], zStamp[64], *zAuth = 0, *zToken = 0;
  const char *azHeader[8];
  int nHeader = 0;
  double tWait;
  Verdict v;

  /* Pacing. */
  if (p->tLastStart > 0) {
    tWait = p->tLastStart + p->cfg.minIntervalMs / 1000.0 - monoNow();
    sleepSeconds(tWait);
  }
  p->tLastStart = monoNow();
  if (p->tFirstStart == 0) p->tFirstStart = p->tLastStart;

  memset(&in, 0, sizeof in);
  in.zService = p->cfg.zService;
  in.zHost = trtcHttpHost(p->pHttp);
  in.zContentType = "application/json";
  in.zPayload = zBody;
  in.nPayload = strlen(zBody);
  in.iTimestamp = (long long)time(0);
  if (trtcSign(&in, p->zSecretId, p->zSecretKey, &sig) != 0) {
    snprintf(pReply->zWhy, sizeof pReply->zWhy, "cannot sign the request (out of memory)");
    return V_STOP;
  }
  snprintf(zAction_, sizeof zAction_, "X-TC-Action: %s", zAction);
  snprintf(zVersion, sizeof zVersion, "X-TC-Version: %s", p->cfg.zVersion);
  snprintf(zRegion, sizeof zRegion, "X-TC-Region: %s", p->cfg.zRegion);
  snprintf(zStamp, sizeof zStamp, "X-TC-Timestamp: %lld", in.iTimestamp);
  zAuth = malloc(strlen(sig.zAuthorization) + 16);
  if (zAuth) sprintf(zAuth, "Authorization: %s", sig.zAuthorization);
  if (p->zToken) {
    zToken = malloc(strlen(p->zToken) + 16);
    if (zToken) sprintf(zToken, "X-TC-Token: %s", p->zToken);
  }
  trtcSignedFree(&sig);
  if (zAuth == 0 || (p->zToken && zToken == 0)) {
    wipeFree(zAuth);
    wipeFree(zToken);
    snprintf(pReply->zWhy, sizeof pReply->zWhy, "out of memory");
    return V_STOP;
  }
  azHeader[nHeader++] = "Content-Type: application/json";
  azHeader[nHeader++] = zAction_;
  azHeader[nHeader++] = zVersion;
  azHeader[nHeader++] = zRegion;
  azHeader[nHeader++] = zStamp;
  if (zToken) azHeader[nHeader++] = zToken;
  azHeader[nHeader++] = zAuth;
  azHeader[nHeader] = 0;

  trtcHttpPost(p->pHttp, azHeader, zBody, in.nPayload, pRes);
  wipeFree(zAuth);
  wipeFree(zToken);
  p->nRequests++;
  pReply->nAttempts++;

  switch (pRes->eOutcome) {
    case TRTC_HTTP_DONE:
      v = sortResponse(p, pRes, pReply);
      break;
    case TRTC_HTTP_RETRY:
      trtcApiRedact(p, pRes->zError);
      snprintf(pReply->zWhy, sizeof pReply->zWhy, "network: %s", pRes->zError);
      v = V_RETRY;
      break;
    default:
      trtcApiRedact(p, pRes->zError);
      snprintf(pReply->zWhy, sizeof pReply->zWhy, "%s", pRes->zError);
      v = V_STOP;
      break;
  }
  if (p->cfg.xProgress) p->cfg.xProgress(p->cfg.pProgressArg);
  return v;
}

TrtcApiStatus trtcApiCall(TrtcApi *p, const char *zAction, const char *zBody, TrtcApiReply *pReply) {
  TrtcHttpResult res;
  double backoff = p->cfg.backoffMs / 1000.0;
  int bNetwork = 0;
  Verdict v = V_ERROR;

  memset(pReply, 0, sizeof *pReply);
  for (;;) {
    v = attempt(p, zAction, zBody, pReply, &res);
    bNetwork = res.eOutcome == TRTC_HTTP_RETRY;
    if (v != V_RETRY || pReply->nAttempts >= p->cfg.nAttempts) break;
    trtcHttpResultFree(&res);
    p->nRetries++;
    sleepSeconds(backoff);
    backoff = backoff * 2 > 30 ? 30 : backoff * 2;
  }
  if (v == V_OK) {
    pReply->zBody = res.zBody; /* handed over */
    pReply->nBody = res.nBody;
    res.zBody = 0;
    pReply->eStatus = TRTC_API_OK;
  } else if (v == V_RETRY) {
    /* Retries used up: a network that stays down stops the fetch; a
    ** service that keeps refusing this request fails this request. */
    size_t n = strlen(pReply->zWhy);
    snprintf(pReply->zWhy + n, sizeof pReply->zWhy - n, " (gave up after %d attempts)",
             pReply->nAttempts);
    pReply->eStatus = bNetwork ? TRTC_API_STOP : TRTC_API_ERROR;
  } else {
    pReply->eStatus = v == V_STOP ? TRTC_API_STOP : TRTC_API_ERROR;
  }
  trtcHttpResultFree(&res);
  return pReply->eStatus;
}

void trtcApiReplyFree(TrtcApiReply *pReply) {
  if (pReply == 0) return;
  free(pReply->zBody);
  pReply->zBody = 0;
  pReply->nBody = 0;
}

void trtcApiStats(const TrtcApi *p, int *pnRequests, int *pnRetries, double *pSeconds,
                  double *pRate) {
  double span = p->tLastStart - p->tFirstStart;
  if (pnRequests) *pnRequests = p->nRequests;
  if (pnRetries) *pnRetries = p->nRetries;
  if (pSeconds) *pSeconds = monoNow() - p->tOpen;
  if (pRate) *pRate = p->nRequests > 1 && span > 0 ? (p->nRequests - 1) / span : 0;
}

void trtcApiClose(TrtcApi *p) {
  if (p == 0) return;
  sqlite3_finalize(p->pParse);
  trtcHttpClose(p->pHttp);
  wipeFree(p->zSecretId);
  wipeFree(p->zSecretKey);
  wipeFree(p->zToken);
  free(p);
}
