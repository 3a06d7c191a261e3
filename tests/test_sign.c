/*
** tests/test_sign.c: src/cli/sign.c against Tencent's published worked
** example of signature v3 (TC3-HMAC-SHA256: a CVM DescribeInstances POST,
** timestamp 1551113065), both revisions of the page, byte for byte: the
** canonical request, its hash, the string to sign, the signature and the
** Authorization header. Then every input check, and every allocation of
** sign.c failing in turn (malloc is wrapped: the link has
** -Wl,--wrap=malloc): each failure is an error with nothing left to free,
** never a wrong signature.
**
**   tests/test_sign        (TAP on stdout)
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/cli/sign.h"
#include "tap.h"

/* The published payload: the \u escapes are six ASCII bytes each. */
static const char zPayload[] =
    "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";

static const char zCanonical[] =
    "POST\n"
    "/\n"
    "\n"
    "content-type:application/json; charset=utf-8\n"
    "host:cvm.tencentcloudapi.com\n"
    "\n"
    "content-type;host\n"
    "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";

static const char zStringToSign[] =
    "TC3-HMAC-SHA256\n"
    "1551113065\n"
    "2019-02-25/cvm/tc3_request\n"
    "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031";

/* The two revisions: each page's SecretId, SecretKey and results. */
static const struct Revision {
  const char *zName, *zSecretId, *zSecretKey, *zSignature, *zAuthorization;
} aRev[] = {
    { "EXAMPLE key", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
      "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
      "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
      "SignedHeaders=content-type;host, "
      "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168" },
    { "******* key", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******", "Gu5t9xGARNpq86cd98joQYCN3*******",
      "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c",
      "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, "
      "SignedHeaders=content-type;host, "
      "Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c" },
};

/* The nth allocation from now fails (1-based); 0: none does. */
static int nFailAt = 0;
void *__real_malloc(size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_malloc(size_t n) {
  if (nFailAt > 0 && --nFailAt == 0) return 0;
  return __real_malloc(n);
}

static TrtcSignInput example(void) {
  TrtcSignInput in;
  memset(&in, 0, sizeof in);
  in.zService = "cvm";
  in.zHost = "cvm.tencentcloudapi.com";
  in.zContentType = "application/json; charset=utf-8";
  in.zPayload = zPayload;
  in.nPayload = strlen(zPayload);
  in.iTimestamp = 1551113065;
  return in;
}

int main(void) {
  TrtcSignInput in = example();
  TrtcSigned sig;
  char zHash[65];
  char zMsg[128];
  size_t i;

  plan(37);

  trtcSha256Hex(zPayload, strlen(zPayload), zHash);
  is_str(zHash, "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
         "payload SHA-256 as published");
  trtcSha256Hex("", 0, zHash);
  is_str(zHash, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
         "SHA-256 of nothing");

  for (i = 0; i < sizeof aRev / sizeof aRev[0]; i++) {
    const struct Revision *r = &aRev[i];
    int rc = trtcSign(&in, r->zSecretId, r->zSecretKey, &sig);
    snprintf(zMsg, sizeof zMsg, "%s: signed", r->zName);
    ok(rc == 0, zMsg);
    if (rc) continue;
    snprintf(zMsg, sizeof zMsg, "%s: canonical request byte for byte", r->zName);
    is_str(sig.zCanonical, zCanonical, zMsg);
    snprintf(zMsg, sizeof zMsg, "%s: canonical request hash as published", r->zName);
    is_str(sig.zCanonicalHash, "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
           zMsg);
    snprintf(zMsg, sizeof zMsg, "%s: string to sign byte for byte", r->zName);
    is_str(sig.zStringToSign, zStringToSign, zMsg);
    snprintf(zMsg, sizeof zMsg, "%s: signature as published", r->zName);
    is_str(sig.zSignature, r->zSignature, zMsg);
    snprintf(zMsg, sizeof zMsg, "%s: Authorization header", r->zName);
    is_str(sig.zAuthorization, r->zAuthorization, zMsg);
    snprintf(zMsg, sizeof zMsg, "%s: the secret key is in no output", r->zName);
    ok(strstr(sig.zCanonical, r->zSecretKey) == 0 && strstr(sig.zStringToSign, r->zSecretKey) == 0 &&
           strstr(sig.zAuthorization, r->zSecretKey) == 0,
       zMsg);
    trtcSignedFree(&sig);
  }

  /* Header values are trimmed and lowercased before signing: the same
  ** signature for the same request written differently. */
  in.zHost = "  CVM.TencentCloudAPI.com ";
  in.zContentType = "Application/JSON; charset=UTF-8";
  ok(trtcSign(&in, aRev[0].zSecretId, aRev[0].zSecretKey, &sig) == 0, "signed with odd case");
  is_str(sig.zSignature, aRev[0].zSignature, "header values are lowercased and trimmed");
  trtcSignedFree(&sig);

  /* The date of the scope is UTC: one second before 2019-02-25 00:00 UTC. */
  in = example();
  in.iTimestamp = 1551052799;
  ok(trtcSign(&in, "id", "key", &sig) == 0, "signed a day earlier");
  is_str(sig.zDate, "2019-02-24", "the date is the timestamp's UTC date");
  ok(strstr(sig.zAuthorization, "Credential=id/2019-02-24/cvm/tc3_request, ") != 0,
     "the scope follows the date");
  trtcSignedFree(&sig);

  /* A changed payload byte changes the signature. */
  in = example();
  in.nPayload--;
  ok(trtcSign(&in, aRev[0].zSecretId, aRev[0].zSecretKey, &sig) == 0 &&
         strcmp(sig.zSignature, aRev[0].zSignature) != 0,
     "one byte less of payload: another signature");
  trtcSignedFree(&sig);

  /* Missing inputs are refused, not signed. */
  in = example();
  in.zHost = 0;
  ok(trtcSign(&in, "id", "key", &sig) != 0 && sig.zAuthorization == 0, "no host: refused");
  in = example();
  ok(trtcSign(&in, "id", 0, &sig) != 0 && sig.zAuthorization == 0, "no key: refused");
  in = example();
  ok(trtcSign(&in, 0, "key", &sig) != 0 && sig.zAuthorization == 0, "no secret id: refused");
  ok(trtcSign(0, "id", "key", &sig) != 0 && sig.zAuthorization == 0, "no input: refused");
  in.zService = 0;
  ok(trtcSign(&in, "id", "key", &sig) != 0, "no service: refused");
  in = example();
  in.zContentType = 0;
  ok(trtcSign(&in, "id", "key", &sig) != 0, "no content type: refused");
  in = example();
  in.zPayload = 0;
  ok(trtcSign(&in, "id", "key", &sig) != 0, "no payload but a length: refused");
  in.nPayload = 0;
  ok(trtcSign(&in, "id", "key", &sig) == 0 &&
         strcmp(sig.zPayloadHash, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0,
     "no payload and no length: the empty payload's hash");
  trtcSignedFree(&sig);
  in = example();
  in.iTimestamp = -1;
  ok(trtcSign(&in, "id", "key", &sig) != 0, "a time before 1970: refused");
  in.iTimestamp = 253402300800LL; /* 10000-01-01 */
  ok(trtcSign(&in, "id", "key", &sig) != 0, "a time after 9999: refused");
  in.iTimestamp = 0x7fffffffffffffffLL;
  ok(trtcSign(&in, "id", "key", &sig) != 0, "a time beyond the calendar: refused");
  in = example();
  in.zHost = "\tcvm.tencentcloudapi.com\t ";
  in.zContentType = " \tapplication/json; charset=utf-8";
  ok(trtcSign(&in, aRev[0].zSecretId, aRev[0].zSecretKey, &sig) == 0 &&
         strcmp(sig.zSignature, aRev[0].zSignature) == 0,
     "tabs around header values are trimmed too");
  trtcSignedFree(&sig);
  trtcSignedFree(0);
  memset(&sig, 0, sizeof sig);
  trtcSignedFree(&sig);
  trtcWipe(0, 0);
  ok(1, "freeing nothing, or an empty result, is harmless");

  /* Each allocation failing in turn: an error, nothing to free; then the
  ** published signature once every allocation succeeds. */
  {
    int k, nFailed = 0, bClean = 1, bSigned = 0;
    in = example();
    for (k = 1; k <= 50 && !bSigned; k++) {
      int rc;
      nFailAt = k;
      rc = trtcSign(&in, aRev[0].zSecretId, aRev[0].zSecretKey, &sig);
      bSigned = nFailAt > 0; /* the kth allocation was never asked for */
      nFailAt = 0;
      if (rc != 0) {
        nFailed++;
        if (sig.zCanonical || sig.zScope || sig.zStringToSign || sig.zAuthorization) bClean = 0;
      } else {
        if (!bSigned || strcmp(sig.zAuthorization, aRev[0].zAuthorization) != 0) bClean = 0;
        trtcSignedFree(&sig);
      }
    }
    ok(nFailed >= 5 && bSigned, "every allocation of trtcSign failed in turn (5 at least), then it signs");
    ok(bClean, "... each failure an error with nothing allocated, never a wrong signature");
  }

  return done();
}
