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

/* One permutation, unrolled: lanes a<x+5y>; theta (c, d), rho and pi
** (lane x + 5y, rotated, goes to y + 5((2x + 3y) mod 5): the b lanes),
** chi, iota. */
#define ROTL(x, n) (((x) << (n)) | ((x) >> (64 - (n))))
static void keccakF(uint64_t *st) {
  uint64_t a00 = st[0], a01 = st[1], a02 = st[2], a03 = st[3], a04 = st[4], a05 = st[5], a06 = st[6], a07 = st[7], a08 = st[8], a09 = st[9], a10 = st[10], a11 = st[11], a12 = st[12], a13 = st[13], a14 = st[14], a15 = st[15], a16 = st[16], a17 = st[17], a18 = st[18], a19 = st[19], a20 = st[20], a21 = st[21], a22 = st[22], a23 = st[23], a24 = st[24];
  uint64_t b00, b01, b02, b03, b04, b05, b06, b07, b08, b09, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24;
  uint64_t c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;
  int round;
  for (round = 0; round < 24; round++) {
    c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
    c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
    c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
    c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
    c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
    d0 = c4 ^ ROTL(c1, 1);
    d1 = c0 ^ ROTL(c2, 1);
    d2 = c1 ^ ROTL(c3, 1);
    d3 = c2 ^ ROTL(c4, 1);
    d4 = c3 ^ ROTL(c0, 1);
    b00 = a00 ^ d0;
    b10 = ROTL(a01 ^ d1, 1);
    b20 = ROTL(a02 ^ d2, 62);
    b05 = ROTL(a03 ^ d3, 28);
    b15 = ROTL(a04 ^ d4, 27);
    b16 = ROTL(a05 ^ d0, 36);
    b01 = ROTL(a06 ^ d1, 44);
    b11 = ROTL(a07 ^ d2, 6);
    b21 = ROTL(a08 ^ d3, 55);
    b06 = ROTL(a09 ^ d4, 20);
    b07 = ROTL(a10 ^ d0, 3);
    b17 = ROTL(a11 ^ d1, 10);
    b02 = ROTL(a12 ^ d2, 43);
    b12 = ROTL(a13 ^ d3, 25);
    b22 = ROTL(a14 ^ d4, 39);
    b23 = ROTL(a15 ^ d0, 41);
    b08 = ROTL(a16 ^ d1, 45);
    b18 = ROTL(a17 ^ d2, 15);
    b03 = ROTL(a18 ^ d3, 21);
    b13 = ROTL(a19 ^ d4, 8);
    b14 = ROTL(a20 ^ d0, 18);
    b24 = ROTL(a21 ^ d1, 2);
    b09 = ROTL(a22 ^ d2, 61);
    b19 = ROTL(a23 ^ d3, 56);
    b04 = ROTL(a24 ^ d4, 14);
    a00 = b00 ^ (~b01 & b02);
    a01 = b01 ^ (~b02 & b03);
    a02 = b02 ^ (~b03 & b04);
    a03 = b03 ^ (~b04 & b00);
    a04 = b04 ^ (~b00 & b01);
    a05 = b05 ^ (~b06 & b07);
    a06 = b06 ^ (~b07 & b08);
    a07 = b07 ^ (~b08 & b09);
    a08 = b08 ^ (~b09 & b05);
    a09 = b09 ^ (~b05 & b06);
    a10 = b10 ^ (~b11 & b12);
    a11 = b11 ^ (~b12 & b13);
    a12 = b12 ^ (~b13 & b14);
    a13 = b13 ^ (~b14 & b10);
    a14 = b14 ^ (~b10 & b11);
    a15 = b15 ^ (~b16 & b17);
    a16 = b16 ^ (~b17 & b18);
    a17 = b17 ^ (~b18 & b19);
    a18 = b18 ^ (~b19 & b15);
    a19 = b19 ^ (~b15 & b16);
    a20 = b20 ^ (~b21 & b22);
    a21 = b21 ^ (~b22 & b23);
    a22 = b22 ^ (~b23 & b24);
    a23 = b23 ^ (~b24 & b20);
    a24 = b24 ^ (~b20 & b21);
    a00 ^= aRoundConst[round];
  }
  st[0] = a00;
  st[1] = a01;
  st[2] = a02;
  st[3] = a03;
  st[4] = a04;
  st[5] = a05;
  st[6] = a06;
  st[7] = a07;
  st[8] = a08;
  st[9] = a09;
  st[10] = a10;
  st[11] = a11;
  st[12] = a12;
  st[13] = a13;
  st[14] = a14;
  st[15] = a15;
  st[16] = a16;
  st[17] = a17;
  st[18] = a18;
  st[19] = a19;
  st[20] = a20;
  st[21] = a21;
  st[22] = a22;
  st[23] = a23;
  st[24] = a24;
}

/* XOR one block of RATE bytes into the state (lanes are little-endian). */
static void absorbBlock(uint64_t *s, const unsigned char *a) {
  int i;
  for (i = 0; i < RATE / 8; i++) {
    const unsigned char *q = a + 8 * i;
    s[i] ^= (uint64_t)q[0] | (uint64_t)q[1] << 8 | (uint64_t)q[2] << 16 | (uint64_t)q[3] << 24 |
            (uint64_t)q[4] << 32 | (uint64_t)q[5] << 40 | (uint64_t)q[6] << 48 | (uint64_t)q[7] << 56;
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
