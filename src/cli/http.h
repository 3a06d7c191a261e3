/*
** src/cli/http.h: HTTPS POST for "trtc fetch", through libcurl (http.c).
**
**   char zErr[256];
**   TrtcHttp *pHttp = trtcHttpOpen("https://trtc.tencentcloudapi.com/", zErr, sizeof zErr);
**   if (pHttp == 0) ...;                          zErr says why (usage error)
**   const char *azHeader[] = { "Content-Type: application/json", ..., 0 };
**   TrtcHttpResult res;
**   trtcHttpPost(pHttp, azHeader, zBody, nBody, &res);
**   if (res.eOutcome == TRTC_HTTP_DONE) ... res.iStatus, res.zBody ...
**   trtcHttpResultFree(&res);
**   trtcHttpClose(pHttp);
**
** The endpoint is parsed once, by libcurl's own URL parser, and the parsed
** URL is what every request uses: https:// (certificate and host name
** always verified) or http:// to a loopback address only (127.0.0.0/8,
** [::1], localhost), for tests; the path must be "/", without query,
** fragment or user name. No redirects are followed. curl_global_init()
** is the caller's (once, at start).
*/
#ifndef TRTC_CLI_HTTP_H
#define TRTC_CLI_HTTP_H

#include <stddef.h>

typedef struct TrtcHttp TrtcHttp;

/* What became of a request. */
typedef enum TrtcHttpOutcome {
  TRTC_HTTP_DONE,    /* a response came (any HTTP status): iStatus, zBody */
  TRTC_HTTP_RETRY,   /* no response, and trying again may help (connection
                     ** refused or dropped, time-out, name lookup) */
  TRTC_HTTP_FAIL     /* no response, and trying again will not help (TLS
                     ** verification failed, response too large, ...) */
} TrtcHttpOutcome;

typedef struct TrtcHttpResult {
  TrtcHttpOutcome eOutcome;
  long iStatus;      /* HTTP status; 0 without a response */
  char *zBody;       /* the response body, NUL-terminated (malloc'd), or NULL */
  size_t nBody;
  char zError[256];  /* RETRY, FAIL: libcurl's message */
} TrtcHttpResult;

/* The endpoint URL, checked; NULL with a message in zErr when refused. */
TrtcHttp *trtcHttpOpen(const char *zUrl, char *zErr, size_t nErr);
/* "host" or "host:port" as the Host header carries it (and as it is signed). */
const char *trtcHttpHost(const TrtcHttp *p);
/* POSTs; azHeader is NULL-terminated ("Name: value"); the Host header is
** added. Always fills *pRes; returns pRes->eOutcome. */
TrtcHttpOutcome trtcHttpPost(TrtcHttp *p, const char *const *azHeader, const char *zBody,
                             size_t nBody, TrtcHttpResult *pRes);
void trtcHttpResultFree(TrtcHttpResult *pRes);
void trtcHttpClose(TrtcHttp *p);

#endif /* TRTC_CLI_HTTP_H */
