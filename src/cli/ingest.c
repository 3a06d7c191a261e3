/*
** src/cli/ingest.c: "trtc ingest", which loads saved monitoring API
** responses into a database file (docs/ingest-command.md, man trtc):
**
**   trtc ingest [--user ID] [--room ID] [--comm-id ID] [--sdk-app-id N]
**               [--api NAME] [--replace] [--busy-timeout MS] [--commit-every MS]
**               [--quiet] DB PATH...
**   trtc ingest calls.db sql/sample            a directory with manifest.json
**   trtc ingest --comm-id C calls.db user-events-alice.json
**   tccli trtc DescribeUserEvent ... | trtc ingest --user alice ... calls.db -
**
** PATH is a response file, a directory (with a manifest.json naming each
** file with its context, or without one: every *.json file in it, the
** context from the options and the file names), or "-" for standard
** input. First every PATH is expanded into a list of files with their
** context (jobs); then each file is read (never blocking: FIFOs and
** devices are refused after an fstat), split into responses (forms.c) and
** stored (store.c) in a savepoint of its own, so that it is loaded whole
** or not at all; the transaction is committed every second or so
** (--commit-every).
** Warnings are held until the file is loaded (a file rolled back says only
** why). Exit status: 0 all loaded or already there, 1 some input not
** loaded (each named on stderr), 2 usage error, or a database that cannot
** be opened or written (including giving up waiting for other writers).
*/
#define _POSIX_C_SOURCE 200809L
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "forms.h"
#include "store.h"

/* How often the progress line is redrawn. */
#define PROGRESS_SECONDS 0.1

static const char zUsage[] =
    "usage: trtc ingest [--user ID] [--room ID] [--comm-id ID] [--sdk-app-id N]\n"
    "                   [--api NAME] [--replace] [--busy-timeout MS]\n"
    "                   [--commit-every MS] [--quiet] DB PATH...\n";

static const char zHelp[] =
    "\n"
    "Load saved responses of TRTC's monitoring API (DescribeUserEvent,\n"
    "DescribeUnusualEvent) into the SQLite database DB, with the context they\n"
    "lack (user, room, call). Loading again adds nothing.\n"
    "\n"
    "PATH is a response file, a directory (with a manifest.json naming each\n"
    "file and its context, or without one: every *.json file in it), or - for\n"
    "standard input. A file user-events-ID.json holds the events of user ID.\n"
    "\n"
    "  --user ID          the user of DescribeUserEvent responses (UserId)\n"
    "  --room ID          the room (RoomId)\n"
    "  --comm-id ID       the call (CommId, from DescribeRoomInfo)\n"
    "  --sdk-app-id N     the application (SdkAppId)\n"
    "  --api NAME         DescribeUserEvent or DescribeUnusualEvent, where the\n"
    "                     content cannot tell (an empty list, an API error)\n"
    "  --replace          a response stored already under another user, room or\n"
    "                     call (a typo corrected, say) is replaced by the one\n"
    "                     loaded now; without it such a response is refused\n"
    "  --busy-timeout MS  wait this long for other writers (default 30000)\n"
    "  --commit-every MS  commit after this long (default 1000; each file is\n"
    "                     loaded whole or not at all whatever it is)\n"
    "  -q, --quiet        no progress line, no summary (warnings still shown)\n"
    "  -h, --help         this help\n"
    "\n"
    "A manifest's keys override the options. Warnings (\"warning: FILE: ...\")\n"
    "say what would make answers wrong; \"error: FILE: ...\" what was not loaded.\n"
    "Exit status: 0 everything loaded or already there, 1 some input not\n"
    "loaded, 2 usage error or a database that cannot be opened or written.\n"
    "More: man trtc, docs/ingest-command.md.\n";

/* ---- Context ---------------------------------------------------------------- */

/* The context of a file: what the request said and the response lacks. */
typedef struct Ctx {
  char *zUser, *zRoom, *zComm, *zApi; /* owned, or NULL */
  int bSdk;
  sqlite3_int64 iSdk;
  const char *zUserFrom, *zApiFrom; /* where they came from (static text) */
} Ctx;

/* One file to load. */
typedef struct Job {
  char *zPath; /* as opened, shown and stored in source_file; "-" for stdin */
  Ctx ctx;
  char *zNameUser; /* the user its file name gives, when --user or the manifest overrode it */
  int bNameCopy;   /* its user is from a name like "user-events-ID (1).json" */
  int bLoaded;     /* loaded (in the open transaction, until committed) */
} Job;

typedef struct Tally {
  long nFiles, nNew, nEvents, nUnusual, nAlready, nNotLoaded, nWarnings;
} Tally;

/* What a run holds. No globals: everything is here. */
typedef struct Run {
  Ctx opt;             /* from the options */
  int busyMs, bQuiet;
  int bReplace;        /* --replace */
  double commitEvery;  /* seconds */
  const char *zDb;
  TrtcStore *pStore;
  sqlite3 *pMem;       /* an in-memory connection that reads manifests */
  Job *aJob;
  int nJob, nJobAlloc;
  Tally total;         /* committed */
  Tally tx;            /* in the open transaction */
  int iTxFirst;        /* the first job of the open transaction */
  double tStart, tTx, tProgress;
  int bProgress, bLineShown;
  int iJob;
  /* the file being stored: its warnings, held until it is loaded */
  const Job *pJob;
  int iPart, nPart;
  char **azHeld;
  int nHeld, nHeldAlloc;
} Run;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Memory: out of it, the command says so and exits with status 2. What
** was committed stays; the open transaction is rolled back by SQLite (as
** after kill -9). */
static void outOfMemory(void) {
  fputs("\ntrtc: out of memory\n", stderr);
  exit(TRTC_EXIT_USAGE);
}
static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (p == 0) outOfMemory();
  return p;
}
static void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (p == 0) outOfMemory();
  return p;
}
static char *xstrdup(const char *z) {
  size_t n = strlen(z) + 1;
  return (char *)memcpy(xmalloc(n), z, n);
}

static char *dupText(const char *z) { return z ? xstrdup(z) : 0; }

static void ctxFree(Ctx *c) {
  free(c->zUser);
  free(c->zRoom);
  free(c->zComm);
  free(c->zApi);
  memset(c, 0, sizeof(*c));
}

/* ---- Output ----------------------------------------------------------------- */

static void clearProgress(Run *r) {
  if (r->bLineShown) {
    fputs("\r\033[K", stderr);
    r->bLineShown = 0;
  }
}

static void showProgress(Run *r) {
  double t = now();
  long nRows;
  if (!r->bProgress || t - r->tProgress < PROGRESS_SECONDS) return;
  /* Short loads show nothing: fewer than 50 files done within half a second. */
  if (!r->bLineShown && t - r->tStart < 0.5 && r->nJob < 50) return;
  r->tProgress = t;
  nRows = r->total.nEvents + r->total.nUnusual + r->tx.nEvents + r->tx.nUnusual;
  fprintf(stderr, "\r\033[Ktrtc ingest: %d/%d files, %ld rows, %.0f rows/s", r->iJob + 1, r->nJob, nRows,
          nRows / (t - r->tStart + 1e-9));
  fflush(stderr);
  r->bLineShown = 1;
}

/* "error: WHAT: ..." or "warning: ..." on stderr, below the progress line. */
static void report(Run *r, const char *zKind, const char *zWhat, const char *zFmt, ...) {
  va_list ap;
  clearProgress(r);
  fprintf(stderr, "%s: %s: ", zKind, zWhat);
  va_start(ap, zFmt);
  vfprintf(stderr, zFmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

static void notLoaded(Run *r, const char *zWhat, const char *zFmt, const char *zWhy) {
  report(r, "error", zWhat, zFmt, zWhy);
  r->total.nNotLoaded++;
}

/* The name a file is shown (and stored) by. */
static const char *showName(const Job *j) { return strcmp(j->zPath, "-") ? j->zPath : "(stdin)"; }

/* ... with the response's place in it (r->pJob is the file being loaded). */
static void partName(const Run *r, char *z, size_t n) {
  if (r->nPart > 1) snprintf(z, n, "%s (response %d of %d)", showName(r->pJob), r->iPart + 1, r->nPart);
  else snprintf(z, n, "%s", showName(r->pJob));
}

/* What to do about some warnings, from here (store.c knows no options). */
static const char *hintFor(int eCode) {
  switch (eCode) {
    case TRTC_W_NO_COMM_ID: return " (give it: --comm-id, or \"comm_id\" in manifest.json; DescribeRoomInfo has it)";
    default: return "";
  }
}

/* store.c's warnings: held while a file is being stored, said directly
** otherwise (responses decoded from the database). */
static void onWarning(void *pCtx, const char *zSource, int eCode, const char *zMsg) {
  Run *r = (Run *)pCtx;
  char zName[1200], *zLine;
  size_t n;
  if (r->pJob == 0) {
    report(r, "warning", zSource, "%s", zMsg);
    r->total.nWarnings++;
    return;
  }
  partName(r, zName, sizeof(zName));
  n = strlen(zName) + strlen(zMsg) + strlen(hintFor(eCode)) + 16;
  zLine = (char *)xmalloc(n);
  snprintf(zLine, n, "warning: %s: %s%s", zName, zMsg, hintFor(eCode));
  if (r->nHeld >= r->nHeldAlloc) {
    r->nHeldAlloc = r->nHeldAlloc ? 2 * r->nHeldAlloc : 8;
    r->azHeld = (char **)xrealloc(r->azHeld, (size_t)r->nHeldAlloc * sizeof(char *));
  }
  r->azHeld[r->nHeld++] = zLine;
}

/* Say (bSay) or drop the warnings held for the file. */
static void releaseHeld(Run *r, int bSay) {
  int i;
  if (bSay && r->nHeld) clearProgress(r);
  for (i = 0; i < r->nHeld; i++) {
    if (bSay) {
      fputs(r->azHeld[i], stderr);
      fputc('\n', stderr);
    }
    free(r->azHeld[i]);
  }
  if (bSay) r->tx.nWarnings += r->nHeld;
  r->nHeld = 0;
}

/* A warning of the file itself (before any response is stored). */
static void holdWarning(Run *r, const char *zFmt, ...) {
  char zMsg[1200];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof(zMsg), zFmt, ap);
  va_end(ap);
  onWarning(r, showName(r->pJob), 0, zMsg);
}

/* ---- Jobs -------------------------------------------------------------------- */

static Job *addJob(Run *r, const char *zPath) {
  Job *j;
  if (r->nJob >= r->nJobAlloc) {
    r->nJobAlloc = r->nJobAlloc ? 2 * r->nJobAlloc : 16;
    r->aJob = (Job *)xrealloc(r->aJob, (size_t)r->nJobAlloc * sizeof(Job));
  }
  j = &r->aJob[r->nJob++];
  memset(j, 0, sizeof(*j));
  j->zPath = xstrdup(zPath);
  return j;
}

static char *joinPath(const char *zDir, const char *zName) {
  size_t nDir = strlen(zDir), n;
  char *z;
  if (zName[0] == '/') return xstrdup(zName);
  while (nDir > 1 && zDir[nDir - 1] == '/') nDir--;
  if (nDir == 1 && zDir[0] == '.') return xstrdup(zName);
  n = nDir + strlen(zName) + 2;
  z = (char *)xmalloc(n);
  snprintf(z, n, "%.*s/%s", (int)nDir, zDir, zName);
  return z;
}

static const char *baseName(const char *zPath) {
  const char *z = strrchr(zPath, '/');
  return z ? z + 1 : zPath;
}

static int endsWithNoCase(const char *z, const char *zSuffix) {
  size_t n = strlen(z), m = strlen(zSuffix);
  return n >= m && sqlite3_stricmp(z + n - m, zSuffix) == 0;
}

/* The file-naming convention: user-events-ID.json holds the events of
** user ID (a DescribeUserEvent response); unusual-events*.json holds a
** DescribeUnusualEvent response. *pzUser is malloc'ed; *pbCopy is set
** when the name is that of a saved copy ("user-events-ID (1).json"). */
static const char *nameConvention(const char *zPath, char **pzUser, int *pbCopy) {
  const char *zBase = baseName(zPath);
  size_t n = strlen(zBase);
  *pzUser = 0;
  if (pbCopy) *pbCopy = 0;
  if (n > 17 && strncmp(zBase, "user-events-", 12) == 0 && strcmp(zBase + n - 5, ".json") == 0) {
    size_t m = n - 17; /* the ID's length */
    /* A second download of the same file: "user-events-ID (1).json"
    ** (browsers) or "user-events-ID copy.json" (file managers). TRTC
    ** user ids are letters, digits, '_' and '-' (Tencent's advice), so
    ** what follows the first space is taken for no part of the ID. */
    const char *zId = zBase + 12;
    const char *zSpace = memchr(zId, ' ', m);
    size_t k;
    if (zSpace && zSpace > zId) {
      m = (size_t)(zSpace - zId);
      if (pbCopy) *pbCopy = 1;
    }
    /* "ID(2)" (no space) and "ID.json" (the extension saved twice). */
    if (m > 3 && zId[m - 1] == ')') {
      for (k = m - 2; k > 0 && zId[k] >= '0' && zId[k] <= '9'; k--) {
      }
      if (k > 0 && k < m - 2 && zId[k] == '(') {
        m = k;
        if (pbCopy) *pbCopy = 1;
      }
    }
    if (m > 5 && sqlite3_strnicmp(zId + m - 5, ".json", 5) == 0) {
      m -= 5;
      if (pbCopy) *pbCopy = 1;
    }
    *pzUser = (char *)xmalloc(m + 1);
    memcpy(*pzUser, zBase + 12, m);
    (*pzUser)[m] = 0;
    return "DescribeUserEvent";
  }
  if (strncmp(zBase, "unusual-events", 14) == 0 && endsWithNoCase(zBase, ".json")) return "DescribeUnusualEvent";
  return 0;
}

/* Fill the context a job lacks from the options, then from its name. */
static int completeContext(Run *r, Job *j) {
  Ctx *c = &j->ctx;
  char *zNameUser = 0;
  int bCopy = 0;
  const char *zNameApi = nameConvention(j->zPath, &zNameUser, &bCopy);
  const Ctx *o = &r->opt;
  if (!c->zUser && o->zUser) {
    c->zUser = dupText(o->zUser);
    c->zUserFrom = "--user";
  }
  if (c->zUser && zNameUser && strcmp(zNameUser, c->zUser) != 0) {
    /* --user or manifest.json says another user than the name. */
    j->zNameUser = zNameUser;
    zNameUser = 0;
  }
  if (!c->zUser && zNameUser) {
    c->zUser = zNameUser;
    zNameUser = 0;
    c->zUserFrom = "the file name";
    j->bNameCopy = bCopy;
  }
  free(zNameUser);
  if (!c->zRoom && o->zRoom) c->zRoom = dupText(o->zRoom);
  if (!c->zComm && o->zComm) c->zComm = dupText(o->zComm);
  if (!c->bSdk && o->bSdk) {
    c->bSdk = 1;
    c->iSdk = o->iSdk;
  }
  if (!c->zApi && o->zApi) {
    c->zApi = dupText(o->zApi);
    c->zApiFrom = "--api";
  }
  if (!c->zApi && zNameApi) {
    c->zApi = dupText(zNameApi);
    c->zApiFrom = "the file name";
  }
  return 0;
}

static int cmpName(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The *.json files of a directory (not manifest.json, not hidden), sorted;
** -1 if it cannot be read. */
static int listJson(const char *zDir, char ***pazName) {
  DIR *d = opendir(zDir);
  struct dirent *e;
  char **a = 0;
  int n = 0, nAlloc = 0;
  *pazName = 0;
  if (d == 0) return -1;
  while ((e = readdir(d)) != 0) {
    if (e->d_name[0] == '.' || !endsWithNoCase(e->d_name, ".json") || strcmp(e->d_name, "manifest.json") == 0) {
      continue;
    }
    if (n >= nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 32;
      a = (char **)xrealloc(a, (size_t)nAlloc * sizeof(char *));
    }
    a[n++] = xstrdup(e->d_name);
  }
  closedir(d);
  if (n) qsort(a, (size_t)n, sizeof(char *), cmpName);
  *pazName = a;
  return n;
}

static void freeNames(char **a, int n) {
  int i;
  for (i = 0; i < n; i++) free(a[i]);
  free(a);
}

/* ---- Reading a file without ever blocking ------------------------------------------ */

/* Read a whole file (at most nMax bytes) into *pz (malloc'ed). 0: done; else
** zWhy says why not. */
static int readInput(const char *zPath, size_t nMax, char **pz, size_t *pn, char *zWhy, size_t nWhy) {
  int fd, bStdin = strcmp(zPath, "-") == 0;
  struct stat st;
  size_t nAlloc, n = 0;
  char *z;
  *pz = 0;
  *pn = 0;
  if (bStdin) {
    fd = 0;
  } else {
    fd = open(zPath, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
      snprintf(zWhy, nWhy, "cannot open it (%s)", strerror(errno));
      return 1;
    }
  }
  if (fstat(fd, &st) != 0) {
    snprintf(zWhy, nWhy, "cannot read it (%s)", strerror(errno));
    if (!bStdin) close(fd);
    return 1;
  }
  if (!bStdin && !S_ISREG(st.st_mode)) {
    snprintf(zWhy, nWhy, "%s, not a file: skipped",
             S_ISDIR(st.st_mode)                           ? "a directory"
             : S_ISFIFO(st.st_mode)                        ? "a FIFO (named pipe), which could block for ever"
             : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                                           : "not a regular file");
    close(fd);
    return 1;
  }
  if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > nMax) {
    snprintf(zWhy, nWhy, "too big: %llu bytes, more than %zu (SQLite's maximum length of a value)",
             (unsigned long long)st.st_size, nMax);
    if (!bStdin) close(fd);
    return 1;
  }
  if (!bStdin) {
    /* A regular file never blocks: back to blocking reads. */
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  }
  nAlloc = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
  z = (char *)xmalloc(nAlloc);
  for (;;) {
    ssize_t got;
    if (n == nAlloc) {
      if (nAlloc > nMax) break;
      nAlloc = nAlloc * 2 > nMax + 1 ? nMax + 1 : nAlloc * 2;
      z = (char *)xrealloc(z, nAlloc);
    }
    got = read(fd, z + n, nAlloc - n);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      snprintf(zWhy, nWhy, "cannot read it (%s)", strerror(errno));
      free(z);
      if (!bStdin) close(fd);
      return 1;
    }
    if (got == 0) break;
    n += (size_t)got;
  }
  if (!bStdin) close(fd);
  if (n > nMax) {
    free(z);
    snprintf(zWhy, nWhy, "too big: more than %zu bytes (SQLite's maximum length of a value)", nMax);
    return 1;
  }
  *pz = z;
  *pn = n;
  return 0;
}

/* ---- Manifests ------------------------------------------------------------------ */

/* A context key's value from a manifest (json_each's type and atom). */
static int manifestValue(Run *r, const char *zWhere, const char *zKey, const char *zType, sqlite3_stmt *pStmt,
                         int iCol, Ctx *c) {
  const char *zAtom = (const char *)sqlite3_column_text(pStmt, iCol);
  int bText = strcmp(zType, "text") == 0, bNum = strcmp(zType, "integer") == 0 || strcmp(zType, "real") == 0;
  char **pz = 0;
  if (strcmp(zType, "null") == 0) return 0;
  if (strcmp(zKey, "sdk_app_id") == 0) {
    char *zEnd = 0;
    long long v;
    if (c->bSdk) return 0;
    errno = 0;
    v = zAtom && (bText || bNum) ? strtoll(zAtom, &zEnd, 10) : 0;
    if (!zAtom || !zEnd || *zEnd || zEnd == zAtom || errno || v <= 0) {
      notLoaded(r, zWhere, "\"sdk_app_id\" is not a number (%s): not loaded", zAtom && (bText || bNum) ? zAtom : zType);
      return 1;
    }
    c->bSdk = 1;
    c->iSdk = v;
    return 0;
  }
  if (strcmp(zKey, "user_id") == 0) pz = &c->zUser;
  else if (strcmp(zKey, "room_id") == 0) pz = &c->zRoom;
  else if (strcmp(zKey, "comm_id") == 0) pz = &c->zComm;
  else if (strcmp(zKey, "api") == 0) pz = &c->zApi;
  else return 0; /* other keys ("about", ...) are ignored */
  if (*pz) return 0; /* a repeated key: the first counts */
  if (!bText && !bNum) {
    char zMsg[200];
    snprintf(zMsg, sizeof(zMsg), "\"%s\" must be a string or a number, not %s", zKey,
             strcmp(zType, "true") == 0 || strcmp(zType, "false") == 0 ? "a boolean" : zType);
    notLoaded(r, zWhere, "%s: not loaded", zMsg);
    return 1;
  }
  *pz = dupText(zAtom);
  if (pz == &c->zUser) c->zUserFrom = "manifest.json";
  if (pz == &c->zApi) c->zApiFrom = "manifest.json";
  return 0;
}

/* A directory with a manifest.json: one job per entry of "files" (a
** file's own keys override the top level's, which override the options);
** the directory's other *.json files are warned about. */
static void expandManifest(Run *r, const char *zDir, const char *zManifest) {
  char *z = 0, zWhy[400];
  size_t n = 0;
  TrtcForms f;
  Ctx top;
  sqlite3_stmt *pStmt = 0;
  int rc, bFiles = 0, nEntries = 0, i, nListed = 0, nAllocListed = 0, nJson;
  char **azListed = 0, **azJson = 0;
  memset(&top, 0, sizeof(top));
  memset(&f, 0, sizeof(f));
  if (readInput(zManifest, 64 << 20, &z, &n, zWhy, sizeof(zWhy))) {
    notLoaded(r, zManifest, "%s: the directory is not loaded", zWhy);
    return;
  }
  rc = trtcFormsSplit(z, n, &f);
  if (rc == TRTC_FORMS_NOMEM) outOfMemory();
  if (rc == TRTC_FORMS_OK && f.nPart != 1) {
    rc = TRTC_FORMS_REFUSED;
    snprintf(f.zWhy, sizeof(f.zWhy), "more than one JSON value");
  }
  if (rc != TRTC_FORMS_OK) {
    notLoaded(r, zManifest, "%s: the directory is not loaded", f.zWhy);
    goto done;
  }
  /* The top level, read once. */
  rc = sqlite3_prepare_v2(r->pMem, "SELECT key, type, atom, json_type(?1) FROM json_each(?1)", -1, &pStmt, 0);
  if (rc == SQLITE_OK) sqlite3_bind_text64(pStmt, 1, f.z, f.n, SQLITE_STATIC, SQLITE_UTF8);
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    const char *zKey = (const char *)sqlite3_column_text(pStmt, 0);
    const char *zType = (const char *)sqlite3_column_text(pStmt, 1);
    if (strcmp((const char *)sqlite3_column_text(pStmt, 3), "object") != 0) {
      bFiles = -2;
      break;
    }
    if (strcmp(zKey, "files") == 0) { /* an object's members have a key and a type */
      if (bFiles == 0) bFiles = strcmp(zType, "array") == 0 ? 1 : -1;
      continue;
    }
    if (manifestValue(r, zManifest, zKey, zType, pStmt, 2, &top)) goto done;
  }
  sqlite3_finalize(pStmt);
  pStmt = 0;
  if (bFiles != 1) {
    notLoaded(r, zManifest, "%s: the directory is not loaded",
              bFiles == -2  ? "not a JSON object"
              : bFiles < 0 ? "its \"files\" is not an array"
                           : "no \"files\" array in it (docs/ingest-command.md)");
    goto done;
  }
  /* Each entry of "files": an object (or just a file name). */
  rc = sqlite3_prepare_v2(r->pMem,
                          "SELECT f.key, f.type, f.atom, m.key, m.type, m.atom"
                          " FROM json_each(?1, '$.files') AS f"
                          " LEFT JOIN json_each(CASE WHEN f.type = 'object' THEN f.value END) AS m",
                          -1, &pStmt, 0);
  if (rc != SQLITE_OK) {
    notLoaded(r, zManifest, "%s: the directory is not loaded", sqlite3_errmsg(r->pMem));
    goto done;
  }
  sqlite3_bind_text64(pStmt, 1, f.z, f.n, SQLITE_STATIC, SQLITE_UTF8);
  {
    int iEntry = -1, bBad = 0;
    char *zFile = 0;
    Ctx e;
    memset(&e, 0, sizeof(e));
    for (;;) {
      int bRow = sqlite3_step(pStmt) == SQLITE_ROW;
      int iThis = bRow ? sqlite3_column_int(pStmt, 0) : -1;
      if (iThis != iEntry && iEntry >= 0) {
        /* The entry iEntry is complete. */
        char zWhere[1200];
        snprintf(zWhere, sizeof(zWhere), "%s (entry %d of \"files\")", zManifest, iEntry + 1);
        if (!bBad && zFile == 0) {
          notLoaded(r, zWhere, "%s", "no \"file\" in it: not loaded");
        } else if (!bBad) {
          char *zPath = joinPath(zDir, zFile);
          Job *j = addJob(r, zPath);
          free(zPath);
          j->ctx = e;
          memset(&e, 0, sizeof(e));
          if (!j->ctx.zUser && top.zUser) j->ctx.zUser = dupText(top.zUser), j->ctx.zUserFrom = "manifest.json";
          if (!j->ctx.zRoom && top.zRoom) j->ctx.zRoom = dupText(top.zRoom);
          if (!j->ctx.zComm && top.zComm) j->ctx.zComm = dupText(top.zComm);
          if (!j->ctx.zApi && top.zApi) j->ctx.zApi = dupText(top.zApi), j->ctx.zApiFrom = "manifest.json";
          if (!j->ctx.bSdk && top.bSdk) j->ctx.bSdk = 1, j->ctx.iSdk = top.iSdk;
          completeContext(r, j);
          if (nListed >= nAllocListed) {
            nAllocListed = nAllocListed ? 2 * nAllocListed : 16;
            azListed = (char **)xrealloc(azListed, (size_t)nAllocListed * sizeof(char *));
          }
          if (strchr(zFile, '/') == 0) azListed[nListed++] = xstrdup(zFile);
        }
        nEntries++;
        ctxFree(&e);
        free(zFile);
        zFile = 0;
        bBad = 0;
      }
      if (!bRow) break;
      iEntry = iThis;
      {
        const char *zEType = (const char *)sqlite3_column_text(pStmt, 1);
        const char *zKey = (const char *)sqlite3_column_text(pStmt, 3);
        const char *zType = (const char *)sqlite3_column_text(pStmt, 4);
        char zWhere[1200];
        snprintf(zWhere, sizeof(zWhere), "%s (entry %d of \"files\")", zManifest, iEntry + 1);
        if (bBad) continue;
        if (strcmp(zEType, "text") == 0) { /* just a file name */
          zFile = xstrdup((const char *)sqlite3_column_text(pStmt, 2));
          continue;
        }
        if (strcmp(zEType, "object") != 0) {
          notLoaded(r, zWhere, "an entry must be an object with a \"file\", not %s: not loaded", zEType);
          bBad = 1;
          continue;
        }
        if (zKey == 0) continue; /* an empty object */
        if (strcmp(zKey, "file") == 0) {
          if (zFile == 0 && strcmp(zType, "text") == 0) zFile = xstrdup((const char *)sqlite3_column_text(pStmt, 5));
          continue;
        }
        if (manifestValue(r, zWhere, zKey, zType, pStmt, 5, &e)) bBad = 1;
      }
    }
    ctxFree(&e);
    free(zFile);
  }
  sqlite3_finalize(pStmt);
  pStmt = 0;
  if (nEntries == 0) {
    notLoaded(r, zManifest, "%s: nothing to load", "its \"files\" is empty");
  }
  /* Files of the directory the manifest does not list: said, not loaded. */
  nJson = listJson(zDir, &azJson);
  for (i = 0; i < nJson; i++) {
    int k, bListed = 0;
    for (k = 0; k < nListed && !bListed; k++) bListed = strcmp(azListed[k], azJson[i]) == 0;
    if (!bListed) {
      char *zPath = joinPath(zDir, azJson[i]);
      report(r, "warning", zPath, "not listed in manifest.json: not loaded (add it to \"files\")");
      r->total.nWarnings++;
      free(zPath);
    }
  }
  if (nJson > 0) freeNames(azJson, nJson);
done:
  sqlite3_finalize(pStmt);
  for (i = 0; i < nListed; i++) free(azListed[i]);
  free(azListed);
  ctxFree(&top);
  trtcFormsFree(&f);
  free(z);
}

/* One PATH of the command line into jobs. */
static void expandPath(Run *r, const char *zPath) {
  struct stat st;
  if (strcmp(zPath, "-") == 0) {
    completeContext(r, addJob(r, "-"));
    return;
  }
  if (stat(zPath, &st) != 0) {
    char zWhy[300];
    snprintf(zWhy, sizeof(zWhy), "cannot open it (%s)", strerror(errno));
    notLoaded(r, zPath, "%s", zWhy);
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    char *zManifest = joinPath(zPath, "manifest.json");
    struct stat stM;
    if (stat(zManifest, &stM) == 0) {
      expandManifest(r, zPath, zManifest);
    } else {
      char **azName;
      int n = listJson(zPath, &azName), i;
      if (n <= 0) {
        notLoaded(r, zPath, "%s", n < 0 ? "cannot list the directory" : "no manifest.json and no *.json file in it");
      }
      for (i = 0; i < n; i++) {
        char *zFile = joinPath(zPath, azName[i]);
        completeContext(r, addJob(r, zFile));
        free(zFile);
      }
      if (n > 0) freeNames(azName, n);
    }
    free(zManifest);
    return;
  }
  if (strcmp(baseName(zPath), "manifest.json") == 0) {
    /* The manifest itself names the directory. */
    char *zDir = xstrdup(zPath);
    if (strrchr(zDir, '/')) *strrchr(zDir, '/') = 0;
    else strcpy(zDir, ".");
    expandManifest(r, zDir[0] ? zDir : "/", zPath);
    free(zDir);
    return;
  }
  completeContext(r, addJob(r, zPath));
}

/* ---- Loading ----------------------------------------------------------------------- */

/* The database failed (TRTC_BUSY or TRTC_FAIL): what was lost. */
static void lostTransaction(Run *r, int rc, int iFailedJob) {
  int i, nLost = 0;
  clearProgress(r);
  if (rc == TRTC_BUSY) {
    fprintf(stderr, "trtc: %s: the database is locked: another process kept it for more than the busy timeout "
                    "(%d ms; --busy-timeout MS waits longer)\n",
            r->zDb, r->busyMs);
  }
  for (i = r->iTxFirst; i <= iFailedJob && i < r->nJob; i++) {
    if (!r->aJob[i].bLoaded && i != iFailedJob) continue; /* refused: said already */
    if (nLost < 5) fprintf(stderr, "error: %s: not loaded (rolled back)\n", showName(&r->aJob[i]));
    nLost++;
  }
  if (nLost > 5) fprintf(stderr, "error: ... and %d more file(s) not loaded (rolled back)\n", nLost - 5);
  if (iFailedJob + 1 < r->nJob) fprintf(stderr, "error: %d file(s) not tried\n", r->nJob - iFailedJob - 1);
  r->total.nNotLoaded += nLost + (r->nJob - iFailedJob - 1);
  memset(&r->tx, 0, sizeof(r->tx));
}

static void addTally(Tally *a, const Tally *b) {
  a->nFiles += b->nFiles;
  a->nNew += b->nNew;
  a->nEvents += b->nEvents;
  a->nUnusual += b->nUnusual;
  a->nAlready += b->nAlready;
  a->nNotLoaded += b->nNotLoaded;
  a->nWarnings += b->nWarnings;
}

static int commit(Run *r) {
  int rc = trtcStoreCommit(r->pStore);
  if (rc == TRTC_OK) {
    addTally(&r->total, &r->tx);
    memset(&r->tx, 0, sizeof(r->tx));
  }
  return rc;
}

/* What to add to a refusal: how to give what was missing. */
static const char *refusalHint(int eReason) {
  switch (eReason) {
    case TRTC_R_NO_USER: return ": give it with --user ID, \"user_id\" in manifest.json, or the file name user-events-ID.json";
    case TRTC_R_NO_API: return " (--api NAME, or \"api\" in manifest.json)";
    default: return "";
  }
}

/* Load one file; TRTC_OK, or TRTC_BUSY / TRTC_FAIL (the transaction is lost). */
static int loadJob(Run *r, Job *j) {
  char *z = 0, zWhy[800], zNotes[400];
  size_t n = 0;
  TrtcForms f;
  int rc, i, bRefused = 0;
  Tally t;
  memset(&t, 0, sizeof(t));
  memset(&f, 0, sizeof(f));
  if (readInput(j->zPath, trtcStoreMaxBody(r->pStore), &z, &n, zWhy, sizeof(zWhy))) {
    notLoaded(r, showName(j), "%s", zWhy);
    return TRTC_OK;
  }
  rc = trtcFormsSplit(z, n, &f);
  if (rc == TRTC_FORMS_NOMEM) outOfMemory();
  if (rc != TRTC_FORMS_OK) {
    notLoaded(r, showName(j), "%s", f.zWhy);
    trtcFormsFree(&f);
    free(z);
    return TRTC_OK;
  }
  if (sqlite3_get_autocommit(trtcStoreDb(r->pStore))) {
    rc = trtcStoreBegin(r->pStore);
    if (rc) goto out;
    r->tTx = now();
    r->iTxFirst = r->iJob;
  }
  rc = trtcStoreSavepoint(r->pStore);
  if (rc) goto out;
  r->pJob = j;
  r->nPart = f.nPart;
  if (j->zNameUser) {
    r->iPart = 0;
    holdWarning(r, "its name says user %s, but %s says %s: loaded as %s (if the name is right, correct %s)",
                j->zNameUser, j->ctx.zUserFrom, j->ctx.zUser, j->ctx.zUser, j->ctx.zUserFrom);
  }
  if (j->bNameCopy) {
    r->iPart = 0;
    holdWarning(r, "its name is that of a saved copy: loaded as user %s (TRTC user ids are letters, digits, '_' "
                   "and '-'; if the id is the whole name, give it with --user or \"user_id\")",
                j->ctx.zUser);
  }
  for (i = 0; i < f.nPart && rc == TRTC_OK && !bRefused; i++) {
    TrtcResponseIn in;
    TrtcStoreOutcome out;
    r->iPart = i;
    zNotes[0] = 0;
    if (f.zEncoding) snprintf(zNotes, sizeof(zNotes), "%s", f.zEncoding);
    if (f.nPart > 1) {
      size_t m = strlen(zNotes);
      snprintf(zNotes + m, sizeof(zNotes) - m, "%sresponse %d of %d in its file (%s, line %d)", m ? "; " : "", i + 1,
               f.nPart, trtcFormsLayoutName(f.eLayout), f.aPart[i].iLine);
    }
    memset(&in, 0, sizeof(in));
    in.zSource = showName(j);
    in.zApi = j->ctx.zApi;
    in.zApiFrom = j->ctx.zApiFrom;
    in.bSdkAppId = j->ctx.bSdk;
    in.iSdkAppId = j->ctx.iSdk;
    in.zRoomId = j->ctx.zRoom;
    in.zCommId = j->ctx.zComm;
    in.zUserId = j->ctx.zUser;
    in.zUserFrom = j->ctx.zUserFrom;
    in.zBody = f.z + f.aPart[i].iStart;
    in.nBody = f.aPart[i].n;
    in.zNotes = zNotes;
    in.bReplace = r->bReplace;
    rc = trtcStoreResponse(r->pStore, &in, &out);
    if (rc) break;
    switch (out.eStatus) {
      case TRTC_STORED_NEW:
      case TRTC_STORED_API_ERROR:
        t.nNew++;
        t.nEvents += out.nEvents;
        t.nUnusual += out.nUnusual;
        break;
      case TRTC_STORED_ALREADY: t.nAlready++; break;
      default: {
        char zName[1200];
        partName(r, zName, sizeof(zName));
        snprintf(zWhy, sizeof(zWhy), "%s%s%s", out.zWhy, refusalHint(out.eReason),
                 f.nPart > 1 ? " (the whole file is not loaded)" : "");
        releaseHeld(r, 0);
        notLoaded(r, zName, "%s", zWhy);
        bRefused = 1;
        break;
      }
    }
  }
  if (rc == TRTC_OK) rc = bRefused ? trtcStoreRollbackTo(r->pStore) : trtcStoreRelease(r->pStore);
  if (rc == TRTC_OK && !bRefused) {
    t.nFiles = 1;
    j->bLoaded = 1;
    releaseHeld(r, 1);
    addTally(&r->tx, &t);
  }
out:
  releaseHeld(r, 0);
  r->pJob = 0;
  r->nPart = 0;
  trtcFormsFree(&f);
  free(z);
  return rc;
}

static void plural(char *z, size_t n, long v, const char *zOne, const char *zMany) {
  snprintf(z, n, "%ld %s", v, v == 1 ? zOne : zMany);
}

static void summary(Run *r) {
  char a[7][64];
  const Tally *t = &r->total;
  plural(a[0], 64, t->nFiles, "file", "files");
  plural(a[1], 64, t->nNew, "new response", "new responses");
  plural(a[2], 64, t->nEvents, "event row", "event rows");
  plural(a[3], 64, t->nUnusual, "abnormal-event row", "abnormal-event rows");
  plural(a[4], 64, t->nAlready, "already loaded", "already loaded");
  plural(a[5], 64, t->nNotLoaded, "not loaded", "not loaded");
  plural(a[6], 64, t->nWarnings, "warning", "warnings");
  printf("%s: %s, %s, %s; %s, %s, %s\n", a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
}

/* ---- Options ------------------------------------------------------------------------- */

static int usageError(const char *zFmt, const char *zArg) {
  fputs("trtc ingest: ", stderr);
  fprintf(stderr, zFmt, zArg);
  fputs("\n", stderr);
  fputs(zUsage, stderr);
  fputs("('trtc ingest --help' for more)\n", stderr);
  return TRTC_EXIT_USAGE;
}

static int parseInt(const char *z, long long lo, long long hi, long long *pv) {
  char *zEnd = 0;
  long long v;
  errno = 0;
  v = strtoll(z, &zEnd, 10);
  if (errno || zEnd == z || *zEnd || v < lo || v > hi) return 1;
  *pv = v;
  return 0;
}

int trtcIngestMain(int argc, char **argv) {
  static const struct option aOpt[] = {
      {"user", required_argument, 0, 'u'},     {"room", required_argument, 0, 'r'},
      {"comm-id", required_argument, 0, 'c'},  {"sdk-app-id", required_argument, 0, 's'},
      {"api", required_argument, 0, 'a'},      {"busy-timeout", required_argument, 0, 'b'},
      {"commit-every", required_argument, 0, 'e'}, {"quiet", no_argument, 0, 'q'},
      {"replace", no_argument, 0, 'R'},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0},
  };
  Run run, *r = &run;
  TrtcStoreOptions so;
  int ch, i, rc = TRTC_OK, exitCode, nDecoded = 0, nFailed = 0;
  long long v;
  memset(r, 0, sizeof(*r));
  r->busyMs = 30000;
  r->commitEvery = 1.0;
  optind = 1;
  opterr = 0;
  while ((ch = getopt_long(argc, argv, ":qh", aOpt, 0)) != -1) {
    if ((ch == 'u' || ch == 'r' || ch == 'c') && optarg[0] == 0) {
      /* "--user=": an empty id would match no one; say so. */
      return usageError("--%s needs a value", ch == 'u' ? "user" : ch == 'r' ? "room" : "comm-id");
    }
    switch (ch) {
      case 'u': r->opt.zUser = optarg; break;
      case 'r': r->opt.zRoom = optarg; break;
      case 'c': r->opt.zComm = optarg; break;
      case 'a':
        if (trtcStoreApiName(optarg) == 0) {
          return usageError("--api %s: not DescribeUserEvent or DescribeUnusualEvent (nor DescribeDetailEvent, "
                            "DescribeAbnormalEvent)",
                            optarg);
        }
        r->opt.zApi = optarg;
        break;
      case 's':
        if (parseInt(optarg, 1, 0x7fffffffffffffffLL, &v)) return usageError("--sdk-app-id %s: not a number", optarg);
        r->opt.bSdk = 1;
        r->opt.iSdk = v;
        break;
      case 'b':
        if (parseInt(optarg, 0, 0x7fffffff, &v)) {
          return usageError("--busy-timeout %s: not a number of milliseconds", optarg);
        }
        r->busyMs = (int)v;
        break;
      case 'e':
        if (parseInt(optarg, 0, 86400000, &v)) return usageError("--commit-every %s: not a number of milliseconds", optarg);
        r->commitEvery = v / 1000.0;
        break;
      case 'q': r->bQuiet = 1; break;
      case 'R': r->bReplace = 1; break;
      case 'h':
        fputs(zUsage, stdout);
        fputs(zHelp, stdout);
        return TRTC_EXIT_OK;
      case ':': return usageError("%s needs a value", argv[optind - 1]);
      default: return usageError("unknown option %s", argv[optind - 1]);
    }
  }
  if (argc - optind < 2) {
    return usageError("%s", argc - optind == 0 ? "the database and the responses to load are missing"
                                                 : "no response to load (give files, directories, or - for stdin)");
  }
  r->zDb = argv[optind];
  r->bProgress = !r->bQuiet && isatty(2);
  r->tStart = now();

  /* Every PATH into jobs (nothing opened in the database yet). */
  if (sqlite3_open(":memory:", &r->pMem) != SQLITE_OK) outOfMemory();
  for (i = optind + 1; i < argc; i++) expandPath(r, argv[i]);
  sqlite3_close(r->pMem);
  r->pMem = 0;

  memset(&so, 0, sizeof(so));
  so.busyTimeoutMs = r->busyMs;
  so.bQuiet = 0;
  rc = trtcStoreOpen(r->zDb, &so, &r->pStore);
  if (rc == TRTC_BUSY) lostTransaction(r, rc, -1);
  if (rc == TRTC_OK) {
    trtcStoreOnWarning(r->pStore, onWarning, r);
    rc = trtcStoreDecodePending(r->pStore, &nDecoded, &nFailed);
    if (rc) lostTransaction(r, rc, -1);
  }
  for (r->iJob = 0; rc == TRTC_OK && r->iJob < r->nJob; r->iJob++) {
    rc = loadJob(r, &r->aJob[r->iJob]);
    if (rc) {
      trtcStoreRollback(r->pStore);
      lostTransaction(r, rc, r->iJob);
      break;
    }
    if (!sqlite3_get_autocommit(trtcStoreDb(r->pStore)) && now() - r->tTx >= r->commitEvery) {
      rc = commit(r);
      if (rc) {
        trtcStoreRollback(r->pStore);
        lostTransaction(r, rc, r->iJob);
        break;
      }
      if (r->iJob + 1 < r->nJob) {
        /* Let a writer waiting for the lock in (it polls every few ms). */
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, 0);
      }
    }
    showProgress(r);
  }
  if (rc == TRTC_OK && r->pStore && !sqlite3_get_autocommit(trtcStoreDb(r->pStore))) {
    rc = commit(r);
    if (rc) {
      trtcStoreRollback(r->pStore);
      lostTransaction(r, rc, r->nJob - 1);
    }
  }
  clearProgress(r);
  if (!r->bQuiet && (rc == TRTC_OK || r->pStore)) summary(r);
  trtcStoreClose(r->pStore);
  for (i = 0; i < r->nJob; i++) {
    free(r->aJob[i].zPath);
    free(r->aJob[i].zNameUser);
    ctxFree(&r->aJob[i].ctx);
  }
  free(r->aJob);
  free(r->azHeld);
  exitCode = rc != TRTC_OK ? TRTC_EXIT_USAGE : r->total.nNotLoaded ? TRTC_EXIT_PARTIAL : TRTC_EXIT_OK;
  return exitCode;
}
