/*
** src/cli/sign.c: TC3-HMAC-SHA256, the signature v3 of Tencent Cloud's
** API, for the JSON POST requests of "trtc fetch" (see sign.h for usage).
**
**   CanonicalRequest = "POST\n/\n\n"                       method, URI, no query
**                      "content-type:" <lowercased>  "\n"
**                      "host:" <lowercased> "\n\n"
**                      "content-type;host\n"              SignedHeaders
**                      hex(SHA256(payload))
**   StringToSign     = "TC3-HMAC-SHA256\n" timestamp "\n" date/service/tc3_request "\n"
**                      hex(SHA256(CanonicalRequest))
**   kDate = HMAC("TC3" SecretKey, date), kService = HMAC(kDate, service),
**   kSigning = HMAC(kService, "tc3_request"),
**   Signature = hex(HMAC(kSigning, StringToSign))
**
** HMAC-SHA256 and SHA-256 are OpenSSL's (libcrypto); the secret key's copy
** and every derived key are wiped with OPENSSL_cleanse().
*/
#include "sign.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void trtcWipe(void *p, size_t n) {
  if (p && n) OPENSSL_cleanse(p, n);
}

static void toHex(const unsigned char *a, size_t n, char *zOut) {
  static const char hex[] = "0123456789abcdef";
  size_t i;
  for (i = 0; i < n; i++) {
    zOut[2 * i] = hex[a[i] >> 4];
    zOut[2 * i + 1] = hex[a[i] & 15];
  }
  zOut[2 * n] = 0;
}

void trtcSha256Hex(const void *p, size_t n, char zOut[65]) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256((const unsigned char *)p, n, md);
  toHex(md, sizeof md, zOut);
}

/* HMAC-SHA256 of (p, n) under (key, nKey) into out[32]; 0 on success. */
static int hmac(const void *key, size_t nKey, const void *p, size_t n,
                unsigned char out[SHA256_DIGEST_LENGTH]) {
  unsigned int nOut = 0;
  const unsigned char *pMac = HMAC(EVP_sha256(), key, (int)nKey, (const unsigned char *)p, n, out, &nOut);
  return (pMac == 0) | (nOut != SHA256_DIGEST_LENGTH);
}

/* A malloc'd printf; NULL when out of memory. */
static char *fmt(const char *zFormat, ...) {
  va_list ap;
  int n;
  char *z;
  va_start(ap, zFormat);
  n = vsnprintf(0, 0, zFormat, ap);
  va_end(ap);
  if (n < 0) return 0;
  z = malloc((size_t)n + 1);
  if (z == 0) return 0;
  va_start(ap, zFormat);
  vsnprintf(z, (size_t)n + 1, zFormat, ap);
  va_end(ap);
  return z;
}

/* A header value as it is signed: leading and trailing blanks removed,
** lowercased (malloc'd). */
static char *canonicalValue(const char *z) {
  size_t n;
  char *zOut;
  size_t i;
  while (*z == ' ' || *z == '\t') z++;
  n = strlen(z);
  while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
  zOut = malloc(n + 1);
  if (zOut == 0) return 0;
  for (i = 0; i < n; i++) zOut[i] = (char)tolower((unsigned char)z[i]);
  zOut[n] = 0;
  return zOut;
}

void trtcSignedFree(TrtcSigned *p) {
  if (p == 0) return;
  if (p->zCanonical) trtcWipe(p->zCanonical, strlen(p->zCanonical));
  if (p->zStringToSign) trtcWipe(p->zStringToSign, strlen(p->zStringToSign));
  if (p->zAuthorization) trtcWipe(p->zAuthorization, strlen(p->zAuthorization));
  free(p->zCanonical);
  free(p->zScope);
  free(p->zStringToSign);
  free(p->zAuthorization);
  memset(p, 0, sizeof *p);
}

int trtcSign(const TrtcSignInput *pIn, const char *zSecretId, const char *zSecretKey,
             TrtcSigned *pOut) {
  char *zType = 0, *zHost = 0, *zKey = 0;
  size_t nKey = 0;
  unsigned char kDate[SHA256_DIGEST_LENGTH], kService[SHA256_DIGEST_LENGTH];
  unsigned char kSigning[SHA256_DIGEST_LENGTH], sig[SHA256_DIGEST_LENGTH];
  struct tm tm;
  time_t t;
  int rc = 1, bBad;

  memset(pOut, 0, sizeof *pOut);
  if (pIn == 0 || pIn->zService == 0 || pIn->zHost == 0 || pIn->zContentType == 0 ||
      (pIn->zPayload == 0 && pIn->nPayload > 0) || zSecretId == 0 || zSecretKey == 0) {
    return 1;
  }
  t = (time_t)pIn->iTimestamp;
  /* Years 1970-9999 only: the date is always 10 characters. */
  if (gmtime_r(&t, &tm) == 0 || tm.tm_year < 70 || tm.tm_year > 9999 - 1900) return 1;
  strftime(pOut->zDate, sizeof pOut->zDate, "%Y-%m-%d", &tm);

  /* 1. The canonical request. */
  trtcSha256Hex(pIn->zPayload ? pIn->zPayload : "", pIn->nPayload, pOut->zPayloadHash);
  zType = canonicalValue(pIn->zContentType);
  zHost = canonicalValue(pIn->zHost);
  if (zType == 0 || zHost == 0) goto done;
  pOut->zCanonical = fmt("POST\n/\n\ncontent-type:%s\nhost:%s\n\ncontent-type;host\n%s",
                         zType, zHost, pOut->zPayloadHash);
  if (pOut->zCanonical == 0) goto done;
  trtcSha256Hex(pOut->zCanonical, strlen(pOut->zCanonical), pOut->zCanonicalHash);

  /* 2. The string to sign. */
  pOut->zScope = fmt("%s/%s/tc3_request", pOut->zDate, pIn->zService);
  if (pOut->zScope == 0) goto done;
  pOut->zStringToSign = fmt("TC3-HMAC-SHA256\n%lld\n%s\n%s", pIn->iTimestamp, pOut->zScope,
                            pOut->zCanonicalHash);
  if (pOut->zStringToSign == 0) goto done;

  /* 3. The signature. */
  nKey = 3 + strlen(zSecretKey);
  zKey = malloc(nKey + 1);
  if (zKey == 0) goto done;
  memcpy(zKey, "TC3", 3);
  memcpy(zKey + 3, zSecretKey, nKey - 3);
  zKey[nKey] = 0;
  /* Each step on its own: a failure in one fails the whole (no shortcut needed). */
  bBad = hmac(zKey, nKey, pOut->zDate, strlen(pOut->zDate), kDate);
  bBad |= hmac(kDate, sizeof kDate, pIn->zService, strlen(pIn->zService), kService);
  bBad |= hmac(kService, sizeof kService, "tc3_request", 11, kSigning);
  bBad |= hmac(kSigning, sizeof kSigning, pOut->zStringToSign, strlen(pOut->zStringToSign), sig);
  if (bBad) goto done;
  toHex(sig, sizeof sig, pOut->zSignature);

  /* 4. The Authorization header. */
  pOut->zAuthorization = fmt("TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=content-type;host, "
                             "Signature=%s",
                             zSecretId, pOut->zScope, pOut->zSignature);
  if (pOut->zAuthorization == 0) goto done;
  rc = 0;

done:
  if (zKey) trtcWipe(zKey, nKey);
  free(zKey);
  trtcWipe(kDate, sizeof kDate);
  trtcWipe(kService, sizeof kService);
  trtcWipe(kSigning, sizeof kSigning);
  trtcWipe(sig, sizeof sig);
  free(zType);
  free(zHost);
  if (rc) trtcSignedFree(pOut);
  return rc;
}
