/*
** src/cli/sha3.c: SHA3-256 as FIPS 202 defines it: Keccak-f[1600], rate
** 136 bytes, domain padding 0x06 ... 0x80. Written from the standard; the
** digest equals the sqlite3 shell's sha3(X, 256) (tests/test_forms.c
** checks the standard's test vectors).
**
**   unsigned char a[TRTC_SHA3_SIZE];
**   trtcSha3("abc", 3, a);
*/
#include "sha3.h"

#include <string.h>

#define RATE 136

/* Round constants of the iota step. */
static const uint64_t aRoundConst[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808Aull, 0x8000000080008000ull,
    0x000000000000808Bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008Aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000Aull,
    0x000000008000808Bull, 0x800000000000008Bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800Aull, 0x800000008000000Aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull,
};

/* The rho offsets and the pi permutation, along the walk that visits every
** lane but (0, 0): lane aPiLane[i] receives the previous lane rotated by
** aRhoOffset[i]. */
static const unsigned char aRhoOffset[24] = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                                             27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};
static const unsigned char aPiLane[24] = {10, 7,  11, 17, 18, 3, 5,  16, 8,  21, 24, 4,
                                          15, 23, 19, 13, 12, 2, 20, 14, 22, 9,  6,  1};

static uint64_t rotl(uint64_t x, unsigned n) { return (x << n) | (x >> (64 - n)); }

static void keccakF(uint64_t *s) {
  int round, i, j;
  for (round = 0; round < 24; round++) {
    uint64_t c[5], t;
    /* theta */
    for (i = 0; i < 5; i++) c[i] = s[i] ^ s[i + 5] ^ s[i + 10] ^ s[i + 15] ^ s[i + 20];
    for (i = 0; i < 5; i++) {
      t = c[(i + 4) % 5] ^ rotl(c[(i + 1) % 5], 1);
      for (j = 0; j < 25; j += 5) s[i + j] ^= t;
    }
    /* rho and pi */
    t = s[1];
    for (i = 0; i < 24; i++) {
      uint64_t u = s[aPiLane[i]];
      s[aPiLane[i]] = rotl(t, aRhoOffset[i]);
      t = u;
    }
    /* chi */
    for (j = 0; j < 25; j += 5) {
      for (i = 0; i < 5; i++) c[i] = s[j + i];
      for (i = 0; i < 5; i++) s[j + i] = c[i] ^ (~c[(i + 1) % 5] & c[(i + 2) % 5]);
    }
    /* iota */
    s[0] ^= aRoundConst[round];
  }
}

/* XOR one block of RATE bytes into the state (lanes are little-endian). */
static void absorbBlock(uint64_t *s, const unsigned char *a) {
  int i, k;
  for (i = 0; i < RATE / 8; i++) {
    uint64_t v = 0;
    for (k = 7; k >= 0; k--) v = (v << 8) | a[i * 8 + k];
    s[i] ^= v;
  }
  keccakF(s);
}

void trtcSha3Init(TrtcSha3 *p) { memset(p, 0, sizeof(*p)); }

void trtcSha3Update(TrtcSha3 *p, const void *pData, size_t n) {
  const unsigned char *a = (const unsigned char *)pData;
  if (p->nBuf) {
    size_t nTake = RATE - p->nBuf;
    if (nTake > n) nTake = n;
    memcpy(p->aBuf + p->nBuf, a, nTake);
    p->nBuf += (unsigned)nTake;
    a += nTake;
    n -= nTake;
    if (p->nBuf < RATE) return;
    absorbBlock(p->aState, p->aBuf);
    p->nBuf = 0;
  }
  while (n >= RATE) {
    absorbBlock(p->aState, a);
    a += RATE;
    n -= RATE;
  }
  if (n) {
    memcpy(p->aBuf, a, n);
    p->nBuf = (unsigned)n;
  }
}

void trtcSha3Final(TrtcSha3 *p, unsigned char *aDigest) {
  int i;
  memset(p->aBuf + p->nBuf, 0, RATE - p->nBuf);
  p->aBuf[p->nBuf] ^= 0x06;
  p->aBuf[RATE - 1] ^= 0x80;
  absorbBlock(p->aState, p->aBuf);
  for (i = 0; i < TRTC_SHA3_SIZE; i++) aDigest[i] = (unsigned char)(p->aState[i / 8] >> (8 * (i % 8)));
  memset(p, 0, sizeof(*p));
}

void trtcSha3(const void *pData, size_t n, unsigned char *aDigest) {
  TrtcSha3 h;
  trtcSha3Init(&h);
  trtcSha3Update(&h, pData, n);
  trtcSha3Final(&h, aDigest);
}
