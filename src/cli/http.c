/*
** src/cli/http.c: the HTTP side of "trtc fetch" (see http.h): one libcurl
** easy handle, kept open so that requests reuse the connection; the
** endpoint parsed once with libcurl's URL API and handed to libcurl as
** parsed (CURLOPT_CURLU), so the address checked is the address used.
**
** TLS: CURLOPT_SSL_VERIFYPEER and CURLOPT_SSL_VERIFYHOST are set
** explicitly (they are libcurl's defaults too) and never turned off;
** TLS 1.2 at least. Only http and https are allowed, redirects are not
** followed, and plain http is refused unless the host is a loopback
** address (a test server on this machine).
*/
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "http.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "dev"
#endif

/* The largest response kept: DescribeUserEvent of a long call with many
** users is a few megabytes. */
#define TRTC_HTTP_MAX_BODY (256u * 1024u * 1024u)

struct TrtcHttp {
  CURL *pCurl;
  CURLU *pUrl;        /* the parsed endpoint */
  char *zHostHeader;  /* "Host: host[:port]" */
  const char *zHost;  /* points into zHostHeader, after "Host: " */
  int bLoopback;      /* plain http to a loopback address */
};

/* The response being received. */
typedef struct Buffer {
  char *z;
  size_t n, nAlloc;
  int bTooBig;
} Buffer;

static size_t onData(char *p, size_t size, size_t nmemb, void *pArg) {
  Buffer *b = (Buffer *)pArg;
  size_t n = size * nmemb;
  if (b->n + n + 1 > TRTC_HTTP_MAX_BODY) {
    b->bTooBig = 1;
    return 0; /* makes libcurl stop with CURLE_WRITE_ERROR */
  }
  if (b->n + n + 1 > b->nAlloc) {
    size_t nNew = b->nAlloc ? b->nAlloc : 16384;
    char *z;
    while (nNew < b->n + n + 1) nNew *= 2;
    z = realloc(b->z, nNew);
    if (z == 0) return 0;
    b->z = z;
    b->nAlloc = nNew;
  }
  memcpy(b->z + b->n, p, n);
  b->n += n;
  b->z[b->n] = 0;
  return n;
}

/* 1 when zHost (as libcurl's URL API gives it) is a loopback address. */
static int isLoopbackHost(const char *zHost) {
  struct in_addr a4;
  if (strcasecmp(zHost, "localhost") == 0) return 1; /* libcurl never asks DNS for it */
  if (strcmp(zHost, "[::1]") == 0) return 1;
  if (inet_pton(AF_INET, zHost, &a4) == 1) {
    return (ntohl(a4.s_addr) >> 24) == 127;
  }
  return 0;
}

/* A part of the URL, or NULL when absent (caller frees with curl_free). */
static char *urlPart(CURLU *pUrl, CURLUPart part) {
  char *z = 0;
  if (curl_url_get(pUrl, part, &z, 0) != CURLUE_OK) return 0;
  return z;
}

TrtcHttp *trtcHttpOpen(const char *zUrl, char *zErr, size_t nErr) {
  TrtcHttp *p = 0;
  char *zScheme = 0, *zHost = 0, *zPort = 0, *zPath = 0, *zPart = 0;
  int bHttps;
  CURLUcode uc;

  zErr[0] = 0;
  p = calloc(1, sizeof *p);
  if (p == 0) {
    snprintf(zErr, nErr, "out of memory");
    return 0;
  }
  p->pUrl = curl_url();
  if (p->pUrl == 0) {
    snprintf(zErr, nErr, "out of memory");
    goto fail;
  }
  uc = curl_url_set(p->pUrl, CURLUPART_URL, zUrl, 0);
  if (uc != CURLUE_OK) {
    snprintf(zErr, nErr, "--endpoint %s: not a URL (%s)", zUrl, curl_url_strerror(uc));
    goto fail;
  }
  zScheme = urlPart(p->pUrl, CURLUPART_SCHEME);
  zHost = urlPart(p->pUrl, CURLUPART_HOST);
  zPort = urlPart(p->pUrl, CURLUPART_PORT);
  zPath = urlPart(p->pUrl, CURLUPART_PATH);
  bHttps = zScheme && strcmp(zScheme, "https") == 0;
  if (!bHttps && (zScheme == 0 || strcmp(zScheme, "http") != 0)) {
    snprintf(zErr, nErr, "--endpoint %s: only https:// is allowed", zUrl);
    goto fail;
  }
  if (zHost == 0 || zHost[0] == 0) {
    snprintf(zErr, nErr, "--endpoint %s: a URL with a host is needed, e.g. https://trtc.tencentcloudapi.com/", zUrl);
    goto fail;
  }
  if ((zPart = urlPart(p->pUrl, CURLUPART_USER)) != 0 ||
      (zPart = urlPart(p->pUrl, CURLUPART_PASSWORD)) != 0 ||
      (zPart = urlPart(p->pUrl, CURLUPART_QUERY)) != 0 ||
      (zPart = urlPart(p->pUrl, CURLUPART_FRAGMENT)) != 0 ||
      (zPath && strcmp(zPath, "/") != 0)) {
    snprintf(zErr, nErr,
             "--endpoint %s: give the scheme, the host and at most a port (the path is always /)",
             zUrl);
    goto fail;
  }
  if (!bHttps) {
    if (!isLoopbackHost(zHost)) {
      snprintf(zErr, nErr,
               "--endpoint %s: plain http:// is refused (credentials and data would cross the "
               "network unencrypted); use https://",
               zUrl);
      goto fail;
    }
    p->bLoopback = 1;
  }
  {
    size_t n = strlen(zHost) + (zPort ? strlen(zPort) + 1 : 0) + 7;
    p->zHostHeader = malloc(n);
    if (p->zHostHeader == 0) {
      snprintf(zErr, nErr, "out of memory");
      goto fail;
    }
    snprintf(p->zHostHeader, n, "Host: %s%s%s", zHost, zPort ? ":" : "", zPort ? zPort : "");
    p->zHost = p->zHostHeader + 6;
  }

  p->pCurl = curl_easy_init();
  if (p->pCurl == 0) {
    snprintf(zErr, nErr, "cannot start libcurl");
    goto fail;
  }
  curl_easy_setopt(p->pCurl, CURLOPT_CURLU, p->pUrl);
  curl_easy_setopt(p->pCurl, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(p->pCurl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(p->pCurl, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  curl_easy_setopt(p->pCurl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(p->pCurl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(p->pCurl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(p->pCurl, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
  curl_easy_setopt(p->pCurl, CURLOPT_CONNECTTIMEOUT, 15L);
  curl_easy_setopt(p->pCurl, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(p->pCurl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(p->pCurl, CURLOPT_USERAGENT, "sqlite-trtc/" PACKAGE_VERSION " (trtc fetch)");
  curl_easy_setopt(p->pCurl, CURLOPT_WRITEFUNCTION, onData);
  /* A test server on this machine is never reached through a proxy. */
  if (p->bLoopback) curl_easy_setopt(p->pCurl, CURLOPT_NOPROXY, "*");

  curl_free(zScheme);
  curl_free(zHost);
  curl_free(zPort);
  curl_free(zPath);
  return p;

fail:
  curl_free(zScheme);
  curl_free(zHost);
  curl_free(zPort);
  curl_free(zPath);
  curl_free(zPart);
  trtcHttpClose(p);
  return 0;
}

const char *trtcHttpHost(const TrtcHttp *p) { return p->zHost; }

/* 1 when a failure of libcurl may go away by itself. */
static int isTransient(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return 1;
    default:
      return 0;
  }
}

TrtcHttpOutcome trtcHttpPost(TrtcHttp *p, const char *const *azHeader, const char *zBody,
                             size_t nBody, TrtcHttpResult *pRes) {
  struct curl_slist *pList = 0, *pNew;
  Buffer buf = { 0, 0, 0, 0 };
  char zCurlErr[CURL_ERROR_SIZE];
  CURLcode rc;
  int i;

  memset(pRes, 0, sizeof *pRes);
  zCurlErr[0] = 0;
  pNew = curl_slist_append(pList, p->zHostHeader);
  for (i = 0; pNew && azHeader[i]; i++) {
    pList = pNew;
    pNew = curl_slist_append(pList, azHeader[i]);
  }
  if (pNew == 0) {
    curl_slist_free_all(pList);
    pRes->eOutcome = TRTC_HTTP_FAIL;
    snprintf(pRes->zError, sizeof pRes->zError, "out of memory");
    return pRes->eOutcome;
  }
  pList = pNew;
  /* "Expect: 100-continue" would cost a round trip for nothing. */
  pNew = curl_slist_append(pList, "Expect:");
  if (pNew) pList = pNew;

  curl_easy_setopt(p->pCurl, CURLOPT_HTTPHEADER, pList);
  curl_easy_setopt(p->pCurl, CURLOPT_POST, 1L);
  curl_easy_setopt(p->pCurl, CURLOPT_POSTFIELDS, zBody);
  curl_easy_setopt(p->pCurl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)nBody);
  curl_easy_setopt(p->pCurl, CURLOPT_WRITEDATA, &buf);
  curl_easy_setopt(p->pCurl, CURLOPT_ERRORBUFFER, zCurlErr);
  rc = curl_easy_perform(p->pCurl);
  curl_easy_setopt(p->pCurl, CURLOPT_HTTPHEADER, (struct curl_slist *)0);
  curl_easy_setopt(p->pCurl, CURLOPT_ERRORBUFFER, (char *)0);
  /* The headers carry the Authorization (and a session token): wipe them. */
  for (pNew = pList; pNew; pNew = pNew->next) memset(pNew->data, 0, strlen(pNew->data));
  curl_slist_free_all(pList);

  if (rc == CURLE_OK) {
    curl_easy_getinfo(p->pCurl, CURLINFO_RESPONSE_CODE, &pRes->iStatus);
    if (buf.z == 0) {
      buf.z = calloc(1, 1);
      if (buf.z == 0) {
        pRes->eOutcome = TRTC_HTTP_FAIL;
        snprintf(pRes->zError, sizeof pRes->zError, "out of memory");
        return pRes->eOutcome;
      }
    }
    pRes->zBody = buf.z;
    pRes->nBody = buf.n;
    pRes->eOutcome = TRTC_HTTP_DONE;
    return pRes->eOutcome;
  }
  free(buf.z);
  if (buf.bTooBig) {
    snprintf(pRes->zError, sizeof pRes->zError, "the response is larger than %u MiB",
             TRTC_HTTP_MAX_BODY / (1024u * 1024u));
    pRes->eOutcome = TRTC_HTTP_FAIL;
  } else {
    snprintf(pRes->zError, sizeof pRes->zError, "%s", zCurlErr[0] ? zCurlErr : curl_easy_strerror(rc));
    pRes->eOutcome = isTransient(rc) ? TRTC_HTTP_RETRY : TRTC_HTTP_FAIL;
  }
  return pRes->eOutcome;
}

void trtcHttpResultFree(TrtcHttpResult *pRes) {
  if (pRes == 0) return;
  free(pRes->zBody);
  pRes->zBody = 0;
  pRes->nBody = 0;
}

void trtcHttpClose(TrtcHttp *p) {
  if (p == 0) return;
  if (p->pCurl) curl_easy_cleanup(p->pCurl);
  if (p->pUrl) curl_url_cleanup(p->pUrl);
  free(p->zHostHeader);
  free(p);
}
