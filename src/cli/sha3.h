/*
** src/cli/sha3.h: SHA3-256 (FIPS 202) for the trtc command, which stores
** each response's sha3(body, 256) in trtc_responses.body_sha3 (the value
** the sqlite3 shell's sha3(X, 256) gives) and a SHA3-256 of its content
** in content_sha3 (src/cli/forms.c says what the content is).
**
**   TrtcSha3 h;
**   unsigned char aDigest[TRTC_SHA3_SIZE];
**   trtcSha3Init(&h);
**   trtcSha3Update(&h, zBody, nBody);    any number of times
**   trtcSha3Final(&h, aDigest);
*/
#ifndef TRTC_CLI_SHA3_H
#define TRTC_CLI_SHA3_H

#include <stddef.h>
#include <stdint.h>

#define TRTC_SHA3_SIZE 32 /* bytes in a SHA3-256 digest */

typedef struct TrtcSha3 {
  uint64_t aState[25];  /* the Keccak-f[1600] state, lane (x, y) at x + 5y */
  unsigned char aBuf[136]; /* bytes not absorbed yet (136: the rate of SHA3-256) */
  unsigned nBuf;
} TrtcSha3;

void trtcSha3Init(TrtcSha3 *p);
void trtcSha3Update(TrtcSha3 *p, const void *pData, size_t n);
void trtcSha3Final(TrtcSha3 *p, unsigned char *aDigest);

/* SHA3-256 of one buffer. */
void trtcSha3(const void *pData, size_t n, unsigned char *aDigest);

#endif /* TRTC_CLI_SHA3_H */
