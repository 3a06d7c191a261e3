/*
** src/cli/report.c: "trtc report", one self-contained HTML page for the
** calls of a database made by "trtc ingest" (sql/schema.sql):
**
**   trtc report DB -o call.html [--call COMM_ID] [--user ID]... [--tz +08:00]
**
** It opens DB read-only, registers the extension (linked statically),
** makes the views of sql/schema.sql TEMP views, and the tables the
** database lacks (it may predate them) empty TEMP tables, runs sql/report.sql (built into the command, as are the schema
** and the page's parts under report/: see mk/report.am), which leaves the
** page's data as one
** JSON document, and writes report/template.html with the styles, that
** JSON (escaped for a <script> element) and the script that draws it.
** The page loads nothing: its Content-Security-Policy allows no request
** and no script but its own (by hash, computed here).
**
** Exit status: 0 the page was written; 1 nothing to report (no calls) or
** an unknown --call / --user (what exists is named); 2 usage error, a bad
** --tz, a database that cannot be opened or lacks the schema's tables, or
** an output that cannot be written.
*/
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "sqlite-trtc.h"
#include "trtc_report_assets.h" /* zReportSchema, zReportSql, zReportHtml, zReportCss, zReportJs */

#define MAX_USERS 1000

typedef struct ReportArgs {
  const char *zDb;
  const char *zOut;
  const char *zCall;
  const char *azUser[MAX_USERS];
  int nUser;
  int bTz;
  int tzMin;     /* minutes east of UTC */
  char zTz[16];  /* the same as "+HH:MM", as sql/report.sql takes it */
} ReportArgs;

static void reportUsage(FILE *out) {
  fprintf(out,
          "usage: trtc report DB -o FILE.html [--call COMM_ID] [--user ID]... [--tz +HH:MM]\n"
          "\n"
          "Write one self-contained HTML page for the calls in DB (made by 'trtc ingest'):\n"
          "a lane per user with the time in the room and every event, the abnormal\n"
          "experiences with their causes, and a summary per user. The page loads nothing.\n"
          "\n"
          "  -o, --output FILE  the page to write ('-': standard output)\n"
          "  --call COMM_ID     only this call (a CommId; or a RoomId for rows without one)\n"
          "  --user ID          only this user's lane (repeat for more users)\n"
          "  --tz +HH:MM        show times in this offset from UTC (default UTC), e.g. +08:00\n"
          "  -h, --help         this help\n"
          "\n"
          "Exit status: 0 written; 1 no calls, or an unknown --call or --user;\n"
          "2 usage error, or a database that cannot be opened or is not a trtc database.\n"
          "The data comes from sql/report.sql: see docs/report.md.\n");
}

/* Parse "+HH:MM", "-HH:MM", "+HHMM", "+HH", "UTC" or "Z" into minutes
** east of UTC, -12:00 to +14:00. Returns 0 on success. */
static int parseTz(const char *z, int *pMin) {
  int sign, hh, mm = 0, n = 0;
  if (strcmp(z, "UTC") == 0 || strcmp(z, "utc") == 0 || strcmp(z, "Z") == 0) {
    *pMin = 0;
    return 0;
  }
  if (z[0] != '+' && z[0] != '-') return 1;
  sign = z[0] == '-' ? -1 : 1;
  z++;
  if (!(z[0] >= '0' && z[0] <= '9' && z[1] >= '0' && z[1] <= '9')) return 1;
  hh = (z[0] - '0') * 10 + (z[1] - '0');
  n = 2;
  if (z[n] == ':') n++;
  if (z[n] != 0) {
    if (!(z[n] >= '0' && z[n] <= '9' && z[n + 1] >= '0' && z[n + 1] <= '9') || z[n + 2] != 0) return 1;
    mm = (z[n] - '0') * 10 + (z[n + 1] - '0');
  } else if (n == 3) {
    return 1; /* "+08:" */
  }
  if (mm > 59) return 1;
  *pMin = sign * (hh * 60 + mm);
  if (*pMin < -12 * 60 || *pMin > 14 * 60) return 1;
  return 0;
}

/* The value of option zOpt: "--opt VALUE" or "--opt=VALUE". */
static const char *optValue(int argc, char **argv, int *pi, const char *zOpt) {
  size_t n = strlen(zOpt);
  const char *z = argv[*pi];
  if (strncmp(z, zOpt, n) == 0 && z[n] == '=') return z + n + 1;
  if (strcmp(z, zOpt) != 0) return 0;
  if (*pi + 1 >= argc) return "";
  return argv[++*pi];
}

/* Returns -1 when the arguments are good, else the exit status. */
static int parseArgs(int argc, char **argv, ReportArgs *p) {
  int i;
  int bOpts = 1;
  memset(p, 0, sizeof(*p));
  for (i = 1; i < argc; i++) {
    const char *z = argv[i], *v;
    if (bOpts && strcmp(z, "--") == 0) {
      bOpts = 0;
    } else if (bOpts && (strcmp(z, "-h") == 0 || strcmp(z, "--help") == 0)) {
      reportUsage(stdout);
      return TRTC_EXIT_OK;
    } else if (bOpts && ((v = optValue(argc, argv, &i, "-o")) != 0 ||
                         (v = optValue(argc, argv, &i, "--output")) != 0)) {
      if (v[0] == 0) goto missing;
      p->zOut = v;
    } else if (bOpts && (v = optValue(argc, argv, &i, "--call")) != 0) {
      if (v[0] == 0) goto missing;
      p->zCall = v;
    } else if (bOpts && (v = optValue(argc, argv, &i, "--user")) != 0) {
      if (v[0] == 0) goto missing;
      if (p->nUser >= MAX_USERS) {
        fprintf(stderr, "trtc report: at most %d --user options\n", MAX_USERS);
        return TRTC_EXIT_USAGE;
      }
      p->azUser[p->nUser++] = v;
    } else if (bOpts && (v = optValue(argc, argv, &i, "--tz")) != 0) {
      if (v[0] == 0) goto missing;
      if (parseTz(v, &p->tzMin)) {
        fprintf(stderr,
                "trtc report: --tz %s: not a time zone offset (want +HH:MM from -12:00 to "
                "+14:00, e.g. +08:00, or UTC)\n",
                v);
        return TRTC_EXIT_USAGE;
      }
      p->bTz = 1;
      snprintf(p->zTz, sizeof(p->zTz), "%c%02d:%02d", p->tzMin < 0 ? '-' : '+', abs(p->tzMin) / 60,
               abs(p->tzMin) % 60);
    } else if (bOpts && z[0] == '-' && z[1] != 0) {
      fprintf(stderr, "trtc report: unknown option %s (see 'trtc report --help')\n", z);
      return TRTC_EXIT_USAGE;
    } else if (p->zDb == 0) {
      p->zDb = z;
    } else {
      fprintf(stderr, "trtc report: one database only (%s, then %s)\n", p->zDb, z);
      return TRTC_EXIT_USAGE;
    }
    continue;
  missing:
    fprintf(stderr, "trtc report: %.*s needs a value (see 'trtc report --help')\n", (int)strcspn(z, "="), z);
    return TRTC_EXIT_USAGE;
  }
  if (p->zDb == 0 || p->zOut == 0) {
    fprintf(stderr, "trtc report: %s\n", p->zDb == 0 ? "no database given" : "no output given (-o FILE.html)");
    reportUsage(stderr);
    return TRTC_EXIT_USAGE;
  }
  return -1;
}

/* ---- SHA-256 (FIPS 180-4), for the page's script hash -------------------- */
typedef struct Sha256 {
  uint32_t h[8];
  uint64_t nByte;
} Sha256;

static const uint32_t aSha256K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256Block(Sha256 *p, const unsigned char *b) {
  uint32_t w[64], a, bb, c, d, e, f, g, h, t1, t2;
  int i;
  for (i = 0; i < 16; i++) {
    w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 | (uint32_t)b[4 * i + 2] << 8 |
           (uint32_t)b[4 * i + 3];
  }
  for (i = 16; i < 64; i++) {
    uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  a = p->h[0], bb = p->h[1], c = p->h[2], d = p->h[3];
  e = p->h[4], f = p->h[5], g = p->h[6], h = p->h[7];
  for (i = 0; i < 64; i++) {
    t1 = h + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + aSha256K[i] + w[i];
    t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c));
    h = g, g = f, f = e, e = d + t1, d = c, c = bb, bb = a, a = t1 + t2;
  }
  p->h[0] += a, p->h[1] += bb, p->h[2] += c, p->h[3] += d;
  p->h[4] += e, p->h[5] += f, p->h[6] += g, p->h[7] += h;
}

static void sha256(const void *pData, size_t n, unsigned char out[32]) {
  static const uint32_t aInit[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const unsigned char *z = pData;
  unsigned char aTail[128]; /* the last bytes, 0x80, zeros, the length: 1 or 2 blocks */
  size_t nTail;
  Sha256 s;
  int i;
  memcpy(s.h, aInit, sizeof(aInit));
  s.nByte = n;
  for (; n >= 64; n -= 64, z += 64) sha256Block(&s, z);
  nTail = n < 56 ? 64 : 128;
  memset(aTail, 0, sizeof(aTail));
  memcpy(aTail, z, n);
  aTail[n] = 0x80;
  for (i = 0; i < 8; i++) aTail[nTail - 1 - i] = (unsigned char)((s.nByte * 8) >> (8 * i));
  for (i = 0; i < (int)nTail; i += 64) sha256Block(&s, aTail + i);
  for (i = 0; i < 32; i++) out[i] = (unsigned char)(s.h[i / 4] >> (24 - 8 * (i % 4)));
}

/* "sha256-BASE64" of the script, for the Content-Security-Policy. */
static void scriptHash(const char *zJs, char zOut[60]) {
  static const char zB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  unsigned char d[33];
  char *o = zOut;
  int i;
  sha256(zJs, strlen(zJs), d);
  d[32] = 0;
  memcpy(o, "sha256-", 7);
  o += 7;
  for (i = 0; i < 33; i += 3) {
    uint32_t v = (uint32_t)d[i] << 16 | (uint32_t)d[i + 1] << 8 | (i + 2 < 33 ? d[i + 2] : 0);
    *o++ = zB64[v >> 18 & 63];
    *o++ = zB64[v >> 12 & 63];
    *o++ = i + 1 < 32 ? zB64[v >> 6 & 63] : '=';
    *o++ = i + 2 < 32 ? zB64[v & 63] : '=';
  }
  *o = 0;
}

/* ---- the page ------------------------------------------------------------ */
/* Append JSON for a <script> element: <, >, & and U+2028/2029 as \uXXXX
** (JSON has them only inside strings, where the escape means the same). */
static void appendJsonForScript(sqlite3_str *pOut, const char *z) {
  const char *zStart = z;
  for (; *z; z++) {
    const char *zEsc = 0;
    int nSkip = 0;
    unsigned char c = (unsigned char)*z;
    if (c == '<') zEsc = "\\u003c";
    else if (c == '>') zEsc = "\\u003e";
    else if (c == '&') zEsc = "\\u0026";
    else if (c == 0xe2 && (unsigned char)z[1] == 0x80 && ((unsigned char)z[2] == 0xa8 || (unsigned char)z[2] == 0xa9)) {
      zEsc = (unsigned char)z[2] == 0xa8 ? "\\u2028" : "\\u2029";
      nSkip = 2;
    }
    if (zEsc) {
      sqlite3_str_append(pOut, zStart, (int)(z - zStart));
      sqlite3_str_appendall(pOut, zEsc);
      z += nSkip;
      zStart = z + 1;
    }
  }
  sqlite3_str_append(pOut, zStart, (int)(z - zStart));
}

/* The template with each {{NAME}} replaced. */
static char *buildPage(sqlite3 *db, const char *zJson) {
  sqlite3_str *pOut = sqlite3_str_new(db);
  const char *z = zReportHtml;
  char zHash[60];
  scriptHash(zReportJs, zHash);
  while (*z) {
    const char *zOpen = strstr(z, "{{"), *zClose;
    size_t n;
    if (zOpen == 0 || (zClose = strstr(zOpen, "}}")) == 0) {
      sqlite3_str_appendall(pOut, z);
      break;
    }
    sqlite3_str_append(pOut, z, (int)(zOpen - z));
    n = (size_t)(zClose - zOpen - 2);
    if (n == 10 && memcmp(zOpen + 2, "CSP_SCRIPT", 10) == 0) sqlite3_str_appendall(pOut, zHash);
    else if (n == 7 && memcmp(zOpen + 2, "VERSION", 7) == 0) sqlite3_str_appendall(pOut, PACKAGE_VERSION);
    else if (n == 3 && memcmp(zOpen + 2, "CSS", 3) == 0) sqlite3_str_appendall(pOut, zReportCss);
    else if (n == 2 && memcmp(zOpen + 2, "JS", 2) == 0) sqlite3_str_appendall(pOut, zReportJs);
    else if (n == 4 && memcmp(zOpen + 2, "DATA", 4) == 0) appendJsonForScript(pOut, zJson);
    else sqlite3_str_append(pOut, zOpen, (int)(zClose + 2 - zOpen));
    z = zClose + 2;
  }
  return sqlite3_str_finish(pOut);
}

/* ---- the database -------------------------------------------------------- */
/* Run zSql (one statement, an aggregate: it returns a row) and return its
** first column as an integer; -1 on error (message printed). */
static sqlite3_int64 queryInt(sqlite3 *db, const char *zDb, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  sqlite3_int64 v = -1;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) == SQLITE_OK) {
    if (sqlite3_step(pStmt) == SQLITE_ROW) v = sqlite3_column_int64(pStmt, 0);
  }
  if (v < 0) fprintf(stderr, "trtc report: %s: %s\n", zDb, sqlite3_errmsg(db));
  sqlite3_finalize(pStmt);
  return v;
}

/* Print z on stderr with control characters as '?': ids come from the
** data and must not drive the terminal. */
static void printText(const char *z) {
  for (; *z; z++) fputc((unsigned char)*z < 0x20 || *z == 0x7f ? '?' : *z, stderr);
}

/* Print the rows of zSql (one text column) as a comma-separated list. */
static void printList(sqlite3 *db, const char *zSql, const char *zCall) {
  sqlite3_stmt *pStmt = 0;
  int n = 0;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) return;
  if (zCall) sqlite3_bind_text(pStmt, 1, zCall, -1, SQLITE_STATIC);
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    const char *z = (const char *)sqlite3_column_text(pStmt, 0);
    if (n == 30) {
      fprintf(stderr, ", ...");
      break;
    }
    if (n++) fprintf(stderr, ", ");
    printText(z ? z : "(null)");
  }
  if (n == 0) fprintf(stderr, "(none)");
  fprintf(stderr, "\n");
  sqlite3_finalize(pStmt);
}

/* Bind the parameters sql/report.sql uses (:call, :users, :tz). */
static void bindParams(sqlite3_stmt *pStmt, const ReportArgs *p, const char *zUsers) {
  int i;
  if ((i = sqlite3_bind_parameter_index(pStmt, ":call")) > 0 && p->zCall) {
    sqlite3_bind_text(pStmt, i, p->zCall, -1, SQLITE_STATIC);
  }
  if ((i = sqlite3_bind_parameter_index(pStmt, ":users")) > 0 && zUsers) {
    sqlite3_bind_text(pStmt, i, zUsers, -1, SQLITE_STATIC);
  }
  if ((i = sqlite3_bind_parameter_index(pStmt, ":tz")) > 0 && p->bTz) {
    sqlite3_bind_text(pStmt, i, p->zTz, -1, SQLITE_STATIC);
  }
}

/* Run every statement of sql/report.sql; *pzJson gets the first column of
** the last row returned (sqlite3_malloc'd). Returns SQLITE_OK or an error
** (message printed). */
static int runReportSql(sqlite3 *db, const ReportArgs *p, const char *zUsers, char **pzJson) {
  const char *zSql = zReportSql;
  int rc = SQLITE_OK;
  *pzJson = 0;
  while (rc == SQLITE_OK && *zSql) {
    sqlite3_stmt *pStmt = 0;
    const char *zTail = 0;
    rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, &zTail);
    if (rc != SQLITE_OK) break;
    zSql = zTail;
    if (pStmt == 0) continue; /* only a comment or white space was left */
    bindParams(pStmt, p, zUsers);
    while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
      const char *z = (const char *)sqlite3_column_text(pStmt, 0);
      sqlite3_free(*pzJson);
      *pzJson = z ? sqlite3_mprintf("%s", z) : 0;
      if (z && *pzJson == 0) {
        rc = SQLITE_NOMEM;
        break;
      }
    }
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
    sqlite3_finalize(pStmt);
  }
  if (rc != SQLITE_OK) {
    fprintf(stderr, "trtc report: %s: %s\n", p->zDb, sqlite3_errmsg(db));
    sqlite3_free(*pzJson);
    *pzJson = 0;
  }
  return rc;
}

/* Does the main database have a table (or view) named by the identifier
** at z? 1 yes, 0 no, -1 error. */
static int mainHas(sqlite3 *db, const char *z) {
  sqlite3_stmt *pStmt = 0;
  int n = 0, rc;
  while (z[n] && z[n] != ' ' && z[n] != '(' && z[n] != '\n') n++;
  rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM main.sqlite_master WHERE name = ?1", -1, &pStmt, 0);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(pStmt, 1, z, n, SQLITE_STATIC);
  rc = rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW ? sqlite3_column_int(pStmt, 0) > 0 : -1;
  sqlite3_finalize(pStmt);
  return rc;
}

/* What sql/schema.sql has, as this command knows it, for a database made
** before it had all of it, without writing to the database: each CREATE
** VIEW becomes a TEMP view (TEMP comes first in name lookup, so an older
** view of the same name is not used), each table the database lacks an
** empty TEMP table ("CREATE TABLE IF NOT EXISTS name" statements). Nothing
** else of the schema runs. Returns SQLITE_OK or an error (printed). */
static int createTempSchema(sqlite3 *db, const char *zDb) {
  static const char zTable[] = "CREATE TABLE IF NOT EXISTS ";
  const char *z = zReportSchema;
  sqlite3_str *pStmt = sqlite3_str_new(db);
  int rc = SQLITE_OK;
  while (rc == SQLITE_OK && *z) {
    const char *zStart, *zEnd = z;
    char *zSql = 0;
    /* The next complete statement: up to the first ';' that ends one. */
    do {
      const char *zSemi = strchr(zEnd, ';');
      zEnd = zSemi ? zSemi + 1 : zEnd + strlen(zEnd);
      sqlite3_str_reset(pStmt);
      sqlite3_str_append(pStmt, z, (int)(zEnd - z));
      if (sqlite3_str_errcode(pStmt)) rc = SQLITE_NOMEM;
    } while (rc == SQLITE_OK && *zEnd && !sqlite3_complete(sqlite3_str_value(pStmt)));
    /* Skip white space and comments before it. */
    for (zStart = z; zStart < zEnd;) {
      if (*zStart == ' ' || *zStart == '\t' || *zStart == '\n' || *zStart == '\r') zStart++;
      else if (zStart[0] == '-' && zStart[1] == '-') {
        while (zStart < zEnd && *zStart != '\n') zStart++;
      } else break;
    }
    z = zEnd;
    if (rc != SQLITE_OK) break;
    if (zEnd - zStart > 12 && sqlite3_strnicmp(zStart, "CREATE VIEW ", 12) == 0) {
      zSql = sqlite3_mprintf("CREATE TEMP VIEW %.*s", (int)(zEnd - zStart - 12), zStart + 12);
    } else if (zEnd - zStart > (int)sizeof(zTable) - 1 &&
               sqlite3_strnicmp(zStart, zTable, (int)sizeof(zTable) - 1) == 0) {
      int has = mainHas(db, zStart + sizeof(zTable) - 1);
      if (has < 0) rc = SQLITE_ERROR;
      if (has != 0) continue;
      zSql = sqlite3_mprintf("CREATE TEMP TABLE %.*s", (int)(zEnd - zStart - 13), zStart + 13);
    } else {
      continue;
    }
    rc = zSql ? sqlite3_exec(db, zSql, 0, 0, 0) : SQLITE_NOMEM;
    sqlite3_free(zSql);
  }
  if (rc != SQLITE_OK) fprintf(stderr, "trtc report: %s: sql/schema.sql: %s\n", zDb, sqlite3_errmsg(db));
  sqlite3_free(sqlite3_str_finish(pStmt));
  return rc;
}

/* Is the database made by sql/schema.sql? 0 yes, else the exit status. */
static int checkSchema(sqlite3 *db, const char *zDb) {
  static const char *const azTable[] = {"trtc_responses", "trtc_event_log", "trtc_unusual_log"};
  size_t i;
  for (i = 0; i < sizeof(azTable) / sizeof(azTable[0]); i++) {
    char *zSql = sqlite3_mprintf(
        "SELECT count(*) FROM main.sqlite_master WHERE type IN ('table', 'view') AND name = '%q'",
        azTable[i]);
    sqlite3_int64 n = zSql ? queryInt(db, zDb, zSql) : -1;
    sqlite3_free(zSql);
    if (n < 0) return TRTC_EXIT_USAGE;
    if (n == 0) {
      fprintf(stderr,
              "trtc report: %s: not a database of trtc responses: it has no table %s "
              "(make one with 'trtc ingest %s FILE...')\n",
              zDb, azTable[i], zDb);
      return TRTC_EXIT_USAGE;
    }
  }
  return 0;
}

/* Every requested call and user exists? 0 yes, else 1 (what exists named). */
static int checkSelection(sqlite3 *db, const ReportArgs *p) {
  int i, bad = 0;
  if (p->zCall && queryInt(db, p->zDb, "SELECT count(*) FROM temp.trtc_report_call") == 0) {
    fprintf(stderr, "trtc report: %s: no call '%s'; the calls are: ", p->zDb, p->zCall);
    printList(db,
              "SELECT ifnull(comm_id, 'room ' || ifnull(room_id, '?') || ' (no CommId)') "
              "FROM temp.trtc_report_call_all ORDER BY call_no",
              0);
    return TRTC_EXIT_PARTIAL;
  }
  for (i = 0; i < p->nUser; i++) {
    sqlite3_stmt *pStmt = 0;
    int found = 0;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM temp.trtc_report_user WHERE user_id = ?1", -1, &pStmt,
                           0) == SQLITE_OK) {
      sqlite3_bind_text(pStmt, 1, p->azUser[i], -1, SQLITE_STATIC);
      found = sqlite3_step(pStmt) == SQLITE_ROW;
    }
    sqlite3_finalize(pStmt);
    if (!found) {
      fprintf(stderr, "trtc report: %s: no user '%s' in %s; the users are: ", p->zDb, p->azUser[i],
              p->zCall ? "that call" : "any call");
      printList(db,
                "SELECT DISTINCT ifnull(user_id, '(no user id)') FROM temp.trtc_report_user_all "
                "ORDER BY 1",
                0);
      bad = 1;
    }
  }
  return bad ? TRTC_EXIT_PARTIAL : 0;
}

/* What the page marks as missing (its yellow box: temp.trtc_report_note,
** made by sql/report.sql), said on stderr too: one "note:" line per note
** the box shows, after the call's CommId (or "room R"). */
static void printNotes(sqlite3 *db) {
  static const char zSql[] =
      "SELECT ifnull(c.comm_id, 'room ' || ifnull(c.room_id, '?')) || ': ' || n.note "
      "FROM temp.trtc_report_note AS n JOIN temp.trtc_report_call AS c USING (call_no) "
      "ORDER BY n.call_no, n.n";
  sqlite3_stmt *pStmt = 0;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) return;
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    const char *z = (const char *)sqlite3_column_text(pStmt, 0);
    fprintf(stderr, "trtc report: note: ");
    printText(z ? z : "?");
    fprintf(stderr, "\n");
  }
  sqlite3_finalize(pStmt);
}

/* Write the page. After a failed write a file this run created is
** removed; one that was there before (a device such as /dev/full, a
** FIFO, an older page) is left alone. */
static int writeFile(const char *zOut, const char *zPage) {
  int bStdout = strcmp(zOut, "-") == 0;
  struct stat st;
  int bExisted = !bStdout && stat(zOut, &st) == 0;
  FILE *f = bStdout ? stdout : fopen(zOut, "wb");
  size_t n = strlen(zPage);
  int bad;
  if (f == 0) {
    perror(zOut);
    return 1;
  }
  bad = fwrite(zPage, 1, n, f) != n;
  bad |= bStdout ? fflush(f) != 0 : fclose(f) != 0;
  if (bad) {
    fprintf(stderr, "trtc report: cannot write %s\n", zOut);
    if (!bStdout && !bExisted) remove(zOut);
  }
  return bad;
}

int trtcReportMain(int argc, char **argv) {
  ReportArgs args;
  sqlite3 *db = 0;
  char *zErr = 0, *zJson = 0, *zPage = 0, *zUsers = 0;
  int rc, status = TRTC_EXIT_USAGE;

  rc = parseArgs(argc, argv, &args);
  if (rc >= 0) return rc;

  if (sqlite3_open_v2(args.zDb, &db, SQLITE_OPEN_READONLY, 0) != SQLITE_OK) {
    fprintf(stderr, "trtc report: cannot open %s: %s\n", args.zDb, db ? sqlite3_errmsg(db) : "out of memory");
    goto done;
  }
  if (sqlite3_trtc_init(db, &zErr, 0) != SQLITE_OK) {
    fprintf(stderr, "trtc report: cannot register the trtc functions: %s\n", zErr ? zErr : "?");
    goto done;
  }
  if ((status = checkSchema(db, args.zDb)) != 0) goto done;
  status = TRTC_EXIT_USAGE;
  rc = (int)queryInt(db, args.zDb,
                     "SELECT EXISTS (SELECT 1 FROM main.trtc_event_log) "
                     "OR EXISTS (SELECT 1 FROM main.trtc_unusual_log)");
  if (rc < 0) goto done;
  if (rc == 0) {
    fprintf(stderr,
            "trtc report: %s: no calls: the database holds no events and no abnormal "
            "experiences (load responses with 'trtc ingest')\n",
            args.zDb);
    status = TRTC_EXIT_PARTIAL;
    goto done;
  }

  if (args.nUser > 0) { /* the users as a JSON array, built by SQLite */
    sqlite3_str *pStr = sqlite3_str_new(db);
    int i;
    sqlite3_str_appendall(pStr, "SELECT json_array(");
    for (i = 0; i < args.nUser; i++) sqlite3_str_appendf(pStr, "%s%Q", i ? "," : "", args.azUser[i]);
    sqlite3_str_appendall(pStr, ")");
    zErr = sqlite3_str_finish(pStr);
    if (zErr) {
      sqlite3_stmt *pStmt = 0;
      if (sqlite3_prepare_v2(db, zErr, -1, &pStmt, 0) == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
        zUsers = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(pStmt, 0));
      }
      sqlite3_finalize(pStmt);
    }
    sqlite3_free(zErr);
    zErr = 0;
    if (zUsers == 0) {
      fprintf(stderr, "trtc report: out of memory\n");
      goto done;
    }
  }

  if (createTempSchema(db, args.zDb) != SQLITE_OK) goto done;
  if (runReportSql(db, &args, zUsers, &zJson) != SQLITE_OK) goto done;
  if ((status = checkSelection(db, &args)) != 0) goto done;
  status = TRTC_EXIT_USAGE;
  if (zJson == 0) {
    fprintf(stderr, "trtc report: %s: sql/report.sql returned no data\n", args.zDb);
    goto done;
  }
  printNotes(db);
  zPage = buildPage(db, zJson);
  if (zPage == 0) {
    fprintf(stderr, "trtc report: out of memory\n");
    goto done;
  }
  if (writeFile(args.zOut, zPage)) goto done;
  {
    sqlite3_int64 nCall = queryInt(db, args.zDb,
                                   "SELECT count(*) FROM temp.trtc_report_call AS c WHERE EXISTS "
                                   "(SELECT 1 FROM temp.trtc_report_user AS u WHERE u.call_no = c.call_no)");
    sqlite3_int64 nUser = queryInt(db, args.zDb, "SELECT count(*) FROM temp.trtc_report_user");
    sqlite3_int64 nEvent = queryInt(db, args.zDb, "SELECT count(*) FROM temp.trtc_report_event");
    fprintf(stderr, "trtc report: wrote %s: %lld call(s), %lld user lane(s), %lld event(s)\n",
            strcmp(args.zOut, "-") == 0 ? "the page to standard output" : args.zOut, (long long)nCall,
            (long long)nUser, (long long)nEvent);
  }
  status = TRTC_EXIT_OK;

done:
  sqlite3_free(zErr);
  sqlite3_free(zJson);
  sqlite3_free(zPage);
  sqlite3_free(zUsers);
  sqlite3_close(db);
  return status;
}
