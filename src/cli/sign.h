/*
** src/cli/sign.h: Tencent Cloud API signature v3 (TC3-HMAC-SHA256) for
** "trtc fetch": the canonical request of a JSON POST to "/", the string to
** sign, the signature and the Authorization header (sign.c; HMAC-SHA256 and
** SHA-256 from OpenSSL's libcrypto).
**
**   TrtcSignInput in = { .zService = "trtc", .zHost = "trtc.tencentcloudapi.com",
**                        .zContentType = "application/json",
**                        .zPayload = zBody, .nPayload = strlen(zBody),
**                        .iTimestamp = time(0) };
**   TrtcSigned sig;
**   if (trtcSign(&in, zSecretId, zSecretKey, &sig) != 0) ...;   out of memory
**   ... send "Authorization: " sig.zAuthorization ...
**   trtcSignedFree(&sig);
**
** Only "content-type" and "host" are signed (SignedHeaders=content-type;host),
** as in Tencent's published worked example, which tests/test_sign.c checks
** byte for byte. The secret key and every key derived from it are wiped
** from memory before trtcSign() returns.
*/
#ifndef TRTC_CLI_SIGN_H
#define TRTC_CLI_SIGN_H

#include <stddef.h>

typedef struct TrtcSignInput {
  const char *zService;     /* the product: "trtc" (the first label of the host) */
  const char *zHost;        /* the Host header as sent, e.g. "trtc.tencentcloudapi.com" */
  const char *zContentType; /* the Content-Type header as sent */
  const char *zPayload;     /* the request body, exactly as sent */
  size_t nPayload;
  long long iTimestamp;     /* X-TC-Timestamp: Unix seconds; gives the UTC date */
} TrtcSignInput;

typedef struct TrtcSigned {
  char zDate[11];           /* YYYY-MM-DD, UTC, of iTimestamp */
  char zPayloadHash[65];    /* hex SHA-256 of the payload */
  char *zCanonical;         /* the canonical request (malloc'd) */
  char zCanonicalHash[65];  /* hex SHA-256 of the canonical request */
  char *zScope;             /* "<date>/<service>/tc3_request" (malloc'd) */
  char *zStringToSign;      /* (malloc'd) */
  char zSignature[65];      /* hex HMAC-SHA256 */
  char *zAuthorization;     /* the Authorization header's value (malloc'd) */
} TrtcSigned;

/* Signs; 0 on success, nonzero when out of memory or an input is missing
** (then *pOut holds nothing to free). */
int trtcSign(const TrtcSignInput *pIn, const char *zSecretId, const char *zSecretKey,
             TrtcSigned *pOut);
/* Frees what trtcSign() allocated (and wipes it). */
void trtcSignedFree(TrtcSigned *p);

/* Hex SHA-256 of n bytes into zOut[65]. */
void trtcSha256Hex(const void *p, size_t n, char zOut[65]);
/* Overwrites n bytes with zeros in a way the compiler keeps. */
void trtcWipe(void *p, size_t n);

#endif /* TRTC_CLI_SIGN_H */
