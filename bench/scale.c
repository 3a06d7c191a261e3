/*
** bench/scale.c: how the analytics of sql/examples/ and the views of
** sql/schema.sql scale, against a plain full scan of the tables they
** read. Built and run by "make bench-scale" (not part of make check):
**
**   bench/scale [-n ROWS] [-r REPEATS] [-s SEED] [-k] [-d DB] MODULE SRCDIR
**   bench/scale -n 10000000 -r 5 .libs/trtc .
**
** Without -d it creates a temporary directory (under $TMPDIR, else /tmp),
** builds a seeded database of about ROWS event rows there with
** SRCDIR/sql/schema.sql and SRCDIR/bench/scale-gen.sql (SQL only, indexes
** created after the rows), and removes it at the end (-k keeps it and
** prints its path). With -d it uses an existing database as it is.
**
** Then, REPEATS times, for every query (each .sql file of sql/examples/,
** its dot-commands skipped and its parameters left unset, i.e. NULL =
** every call and user; then SELECT * FROM each trtc_* view) it times the
** baseline, then the query: the baseline is a plain scan of each table the
** query reads, selecting the columns it reads (found with the authorizer
** while preparing it). Every row of both is stepped and every column read.
** It prints min and median of both and the ratio of the medians
** (docs/performance.md; the goal is 3 or less).
*/
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_QUERY 64
#define MAX_REPEAT 50

/* The tables whose scans make the baselines. */
static const char *const azTable[] = { "trtc_event_log", "trtc_unusual_log", "trtc_responses" };
#define N_TABLE 3
#define MAX_COLUMN 16

typedef struct Query {
  char zName[64];     /* the file name without .sql, or the view's name */
  char *zSql;         /* its statements, dot-commands removed */
  char *azBase[N_TABLE]; /* "SELECT cols FROM table" for each table it reads, or NULL */
  double aQuery[MAX_REPEAT], aBase[MAX_REPEAT];
  long long nRow;     /* rows of its last statement */
} Query;

typedef struct Bench {
  sqlite3 *db;
  char zDir[512];     /* the temporary directory, "" if none */
  char zDb[600];      /* the database file */
  int bKeep;
} Bench;

/* Touched columns, filled by the authorizer while a query is prepared. */
typedef struct Reads {
  char azCol[N_TABLE][MAX_COLUMN][32];
  int anCol[N_TABLE];
} Reads;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void cleanup(Bench *p) {
  if (p->db) sqlite3_close(p->db);
  p->db = 0;
  if (p->zDir[0] && !p->bKeep) {
    char z[700];
    static const char *const azSuffix[] = { "", "-journal", "-wal", "-shm" };
    int i;
    for (i = 0; i < 4; i++) {
      snprintf(z, sizeof z, "%s%s", p->zDb, azSuffix[i]);
      unlink(z);
    }
    rmdir(p->zDir);
  } else if (p->zDir[0]) {
    printf("kept: %s\n", p->zDb);
  }
}

static void die(Bench *p, const char *zWhat) {
  fprintf(stderr, "bench/scale: %s: %s\n", zWhat, p->db ? sqlite3_errmsg(p->db) : "error");
  cleanup(p);
  exit(1);
}

static void exec(Bench *p, const char *zSql) {
  char *zErr = 0;
  if (sqlite3_exec(p->db, zSql, 0, 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "bench/scale: %s\n", zErr);
    sqlite3_free(zErr);
    die(p, "exec");
  }
}

/* The text of a file, or NULL. */
static char *readFile(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  char *z;
  long n;
  if (f == 0) return 0;
  if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return 0;
  }
  z = malloc((size_t)n + 1);
  if (z && fread(z, 1, (size_t)n, f) != (size_t)n) {
    free(z);
    z = 0;
  }
  if (z) z[n] = 0;
  fclose(f);
  return z;
}

/* A file of SQL for the sqlite3 shell without its dot-command lines. */
static char *withoutDotCommands(const char *zText) {
  char *zOut = malloc(strlen(zText) + 1), *q = zOut;
  const char *p = zText;
  if (zOut == 0) return 0;
  while (*p) {
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) + 1 : strlen(p);
    if (*p != '.') {
      memcpy(q, p, n);
      q += n;
    }
    p += n;
  }
  *q = 0;
  return zOut;
}

static void execFile(Bench *p, const char *zPath) {
  char *zText = readFile(zPath), *zSql;
  if (zText == 0) {
    fprintf(stderr, "bench/scale: cannot read %s\n", zPath);
    die(p, "read");
  }
  zSql = withoutDotCommands(zText);
  exec(p, zSql);
  free(zSql);
  free(zText);
}

static int authorizer(void *pArg, int op, const char *z1, const char *z2, const char *zDb,
                      const char *zTrigger) {
  Reads *r = pArg;
  int t, i;
  (void)zDb;
  (void)zTrigger;
  if (op != SQLITE_READ || z1 == 0 || z2 == 0 || z2[0] == 0) return SQLITE_OK;
  for (t = 0; t < N_TABLE; t++) {
    if (strcmp(z1, azTable[t]) != 0) continue;
    for (i = 0; i < r->anCol[t]; i++) {
      if (strcmp(r->azCol[t][i], z2) == 0) return SQLITE_OK;
    }
    if (r->anCol[t] < MAX_COLUMN && strlen(z2) < sizeof r->azCol[t][0]) {
      strcpy(r->azCol[t][r->anCol[t]++], z2);
    }
  }
  return SQLITE_OK;
}

/* Run every statement of zSql (with :call bound to zCall when not NULL),
** step every row, read every column; the time taken. *pnRow: the rows of
** the last statement that had columns. */
static double runCall(Bench *p, const char *zSql, const char *zCall, long long *pnRow) {
  const char *zTail = zSql;
  double t0 = now();
  while (zTail && *zTail) {
    sqlite3_stmt *pStmt = 0;
    long long nRow = 0;
    int rc, i, nCol;
    if (sqlite3_prepare_v2(p->db, zTail, -1, &pStmt, &zTail) != SQLITE_OK) die(p, zTail);
    if (pStmt == 0) continue; /* a comment or white space */
    if (zCall && sqlite3_bind_parameter_index(pStmt, ":call") > 0) {
      sqlite3_bind_text(pStmt, sqlite3_bind_parameter_index(pStmt, ":call"), zCall, -1, SQLITE_STATIC);
    }
    nCol = sqlite3_column_count(pStmt);
    while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
      for (i = 0; i < nCol; i++) (void)sqlite3_column_type(pStmt, i);
      nRow++;
    }
    if (rc != SQLITE_DONE) die(p, sqlite3_sql(pStmt));
    sqlite3_finalize(pStmt);
    if (nCol > 0 && pnRow) *pnRow = nRow;
  }
  return now() - t0;
}

static double run(Bench *p, const char *zSql, long long *pnRow) {
  return runCall(p, zSql, 0, pnRow);
}

/* The baselines of q: which columns of which tables its statements read. */
static void findBaseline(Bench *p, Query *q) {
  Reads r;
  const char *zTail = q->zSql;
  int t, i;
  memset(&r, 0, sizeof r);
  sqlite3_set_authorizer(p->db, authorizer, &r);
  while (zTail && *zTail) {
    sqlite3_stmt *pStmt = 0;
    if (sqlite3_prepare_v2(p->db, zTail, -1, &pStmt, &zTail) != SQLITE_OK) die(p, zTail);
    sqlite3_finalize(pStmt);
  }
  sqlite3_set_authorizer(p->db, 0, 0);
  for (t = 0; t < N_TABLE; t++) {
    sqlite3_str *s;
    if (r.anCol[t] == 0) continue;
    s = sqlite3_str_new(p->db);
    sqlite3_str_appendall(s, "SELECT ");
    for (i = 0; i < r.anCol[t]; i++) sqlite3_str_appendf(s, "%s\"%w\"", i ? ", " : "", r.azCol[t][i]);
    sqlite3_str_appendf(s, " FROM %s", azTable[t]);
    q->azBase[t] = sqlite3_str_finish(s);
  }
}

static int cmpDouble(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}
static int cmpName(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}
static double median(const double *a, int n) {
  double s[MAX_REPEAT];
  memcpy(s, a, sizeof(double) * (size_t)n);
  qsort(s, (size_t)n, sizeof(double), cmpDouble);
  return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
static double minimum(const double *a, int n) {
  double m = a[0];
  int i;
  for (i = 1; i < n; i++) m = a[i] < m ? a[i] : m;
  return m;
}

static void generate(Bench *p, const char *zSrc, long long nRow, unsigned long long seed) {
  char zPath[1024], *zSql;
  double t0;
  sqlite3_stmt *pStmt = 0;
  long long nCall = nRow / 1470 + 1;
  exec(p, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144");
  snprintf(zPath, sizeof zPath, "%s/sql/schema.sql", zSrc);
  execFile(p, zPath);
  /* Rows first, indexes after: drop them, recreate them with the schema. */
  if (sqlite3_prepare_v2(p->db,
                         "SELECT group_concat('DROP INDEX \"' || name || '\"', ';') FROM sqlite_master "
                         "WHERE type = 'index' AND sql IS NOT NULL",
                         -1, &pStmt, 0) != SQLITE_OK ||
      sqlite3_step(pStmt) != SQLITE_ROW) {
    die(p, "list indexes");
  }
  zSql = sqlite3_mprintf("%s", sqlite3_column_text(pStmt, 0));
  sqlite3_finalize(pStmt);
  exec(p, zSql);
  sqlite3_free(zSql);
  zSql = sqlite3_mprintf("CREATE TEMP TABLE bench_scale AS SELECT %llu AS seed, %lld AS calls", seed, nCall);
  exec(p, zSql);
  sqlite3_free(zSql);
  t0 = now();
  exec(p, "BEGIN");
  snprintf(zPath, sizeof zPath, "%s/bench/scale-gen.sql", zSrc);
  execFile(p, zPath);
  exec(p, "COMMIT");
  printf("generated %lld calls in %.1f s\n", nCall, now() - t0);
  t0 = now();
  snprintf(zPath, sizeof zPath, "%s/sql/schema.sql", zSrc);
  execFile(p, zPath);
  printf("indexes of sql/schema.sql created in %.1f s\n", now() - t0);
  exec(p, "PRAGMA cache_size=-2000"); /* back to the default for the queries */
}

static void describe(Bench *p) {
  sqlite3_stmt *pStmt = 0;
  struct stat st;
  printf("database:\n");
  if (sqlite3_prepare_v2(p->db,
                         "SELECT (SELECT count(*) FROM trtc_event_log), (SELECT count(*) FROM trtc_unusual_log),"
                         " (SELECT count(*) FROM trtc_responses WHERE api = 'DescribeUserEvent')",
                         -1, &pStmt, 0) == SQLITE_OK &&
      sqlite3_step(pStmt) == SQLITE_ROW) {
    printf("  %lld event rows, %lld abnormal-event rows, %lld DescribeUserEvent responses\n",
           sqlite3_column_int64(pStmt, 0), sqlite3_column_int64(pStmt, 1), sqlite3_column_int64(pStmt, 2));
  }
  sqlite3_finalize(pStmt);
  if (stat(p->zDb, &st) == 0) printf("  file: %.1f MB\n", (double)st.st_size / 1e6);
  /* dbstat is optional in SQLite builds. */
  if (sqlite3_prepare_v2(p->db,
                         "SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE 'trtc%' GROUP BY name ORDER BY name",
                         -1, &pStmt, 0) == SQLITE_OK) {
    while (sqlite3_step(pStmt) == SQLITE_ROW) {
      printf("  %-32s %9.1f MB\n", sqlite3_column_text(pStmt, 0), sqlite3_column_double(pStmt, 1) / 1e6);
    }
  }
  sqlite3_finalize(pStmt);
}

int main(int argc, char **argv) {
  long long nRow = 10000000;
  int nRepeat = 3, i, r, nQuery = 0, nName = 0, nOver = 0;
  unsigned long long seed = 1;
  const char *zModule = 0, *zSrc = 0, *zExisting = 0;
  char *zErr = 0, zPath[1024], *azName[MAX_QUERY];
  Bench b;
  Query *aQuery = calloc(MAX_QUERY, sizeof(Query));
  DIR *dir;
  struct dirent *de;
  sqlite3_stmt *pStmt = 0;

  memset(&b, 0, sizeof b);
  setvbuf(stdout, 0, _IOLBF, 0);
  if (aQuery == 0) {
    fprintf(stderr, "bench/scale: out of memory\n");
    return 1;
  }
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) nRow = atoll(argv[++i]);
    else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc) nRepeat = atoi(argv[++i]);
    else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) seed = strtoull(argv[++i], 0, 10);
    else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) zExisting = argv[++i];
    else if (strcmp(argv[i], "-k") == 0) b.bKeep = 1;
    else if (zModule == 0) zModule = argv[i];
    else zSrc = argv[i];
  }
  if (zModule == 0 || zSrc == 0 || nRow < 1000 || nRepeat < 1 || nRepeat > MAX_REPEAT) {
    fprintf(stderr, "usage: %s [-n ROWS] [-r REPEATS] [-s SEED] [-k] [-d DB] path/to/trtc SRCDIR\n",
            argv[0]);
    return 2;
  }

  if (zExisting) {
    snprintf(b.zDb, sizeof b.zDb, "%s", zExisting);
  } else {
    const char *zTmp = getenv("TMPDIR");
    snprintf(b.zDir, sizeof b.zDir, "%s/trtc-scale-XXXXXX", zTmp && zTmp[0] ? zTmp : "/tmp");
    if (mkdtemp(b.zDir) == 0) {
      perror("bench/scale: mkdtemp");
      return 1;
    }
    snprintf(b.zDb, sizeof b.zDb, "%s/scale.db", b.zDir);
  }
  if (sqlite3_open(b.zDb, &b.db) != SQLITE_OK) die(&b, b.zDb);
  sqlite3_enable_load_extension(b.db, 1);
  if (sqlite3_load_extension(b.db, zModule, 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "bench/scale: %s\n", zErr);
    sqlite3_free(zErr);
    die(&b, "load");
  }
  printf("SQLite %s\n", sqlite3_libversion());
  if (!zExisting) generate(&b, zSrc, nRow, seed);
  describe(&b);

  /* The queries: the examples in name order, then the views. */
  snprintf(zPath, sizeof zPath, "%s/sql/examples", zSrc);
  dir = opendir(zPath);
  if (dir == 0) die(&b, zPath);
  while ((de = readdir(dir)) != 0 && nName < MAX_QUERY / 2) {
    size_t n = strlen(de->d_name);
    if (n > 4 && strcmp(de->d_name + n - 4, ".sql") == 0) azName[nName++] = strdup(de->d_name);
  }
  closedir(dir);
  qsort(azName, (size_t)nName, sizeof azName[0], cmpName);
  for (i = 0; i < nName; i++) {
    Query *q = &aQuery[nQuery];
    char *zText;
    snprintf(zPath, sizeof zPath, "%s/sql/examples/%s", zSrc, azName[i]);
    zText = readFile(zPath);
    if (zText == 0) die(&b, zPath);
    q->zSql = withoutDotCommands(zText);
    free(zText);
    snprintf(q->zName, sizeof q->zName, "%.*s", (int)strlen(azName[i]) - 4, azName[i]);
    free(azName[i]);
    nQuery++;
  }
  if (sqlite3_prepare_v2(b.db,
                         "SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE 'trtc\\_%' ESCAPE '\\'"
                         " ORDER BY name",
                         -1, &pStmt, 0) != SQLITE_OK) {
    die(&b, "list views");
  }
  while (sqlite3_step(pStmt) == SQLITE_ROW && nQuery < MAX_QUERY) {
    Query *q = &aQuery[nQuery++];
    snprintf(q->zName, sizeof q->zName, "%s", sqlite3_column_text(pStmt, 0));
    q->zSql = sqlite3_mprintf("SELECT * FROM \"%w\"", q->zName);
  }
  sqlite3_finalize(pStmt);
  for (i = 0; i < nQuery; i++) findBaseline(&b, &aQuery[i]);

  printf("\n%d queries, each run %d times, interleaved with its baseline\n", nQuery, nRepeat);
  for (r = 0; r < nRepeat; r++) {
    for (i = 0; i < nQuery; i++) {
      Query *q = &aQuery[i];
      int t;
      long long nBase = 0;
      q->aBase[r] = 0;
      for (t = 0; t < N_TABLE; t++) {
        if (q->azBase[t]) q->aBase[r] += run(&b, q->azBase[t], &nBase);
      }
      q->aQuery[r] = run(&b, q->zSql, &q->nRow);
      fprintf(stderr, "  round %d: %-26s baseline %8.3f s  query %8.3f s\n", r + 1, q->zName,
              q->aBase[r], q->aQuery[r]);
    }
  }

  printf("\n%-26s %10s  %17s  %17s  %6s %6s\n", "query", "rows", "baseline min/med s", "query min/med s",
         "ratio", "(min)");
  for (i = 0; i < nQuery; i++) {
    Query *q = &aQuery[i];
    double bMed = median(q->aBase, nRepeat), qMed = median(q->aQuery, nRepeat);
    double bMin = minimum(q->aBase, nRepeat), qMin = minimum(q->aQuery, nRepeat);
    double ratio = qMed / (bMed > 0 ? bMed : 1e-9);
    printf("%-26s %10lld  %8.3f %8.3f  %8.3f %8.3f  %6.2f %6.2f%s\n", q->zName, q->nRow, bMin, bMed, qMin,
           qMed, ratio, qMin / (bMin > 0 ? bMin : 1e-9), ratio > 3 ? "  over 3" : "");
    if (ratio > 3) nOver++;
  }
  printf("\nbaselines (a plain scan of what each query reads):\n");
  for (i = 0; i < nQuery; i++) {
    int t;
    for (t = 0; t < N_TABLE; t++) {
      if (aQuery[i].azBase[t]) printf("  %-24s %s\n", aQuery[i].zName, aQuery[i].azBase[t]);
    }
  }
  printf("\n%d of %d queries within 3x of their baseline (ratio of medians)\n", nQuery - nOver, nQuery);

  /* One call: the examples with :call set (best of three). */
  if (sqlite3_prepare_v2(b.db,
                         "SELECT call, count(*) FROM trtc_event_log_decoded"
                         " WHERE call = (SELECT call FROM trtc_event_log_decoded LIMIT 1)",
                         -1, &pStmt, 0) != SQLITE_OK) {
    die(&b, "pick a call");
  }
  if (sqlite3_step(pStmt) == SQLITE_ROW) {
    char *zCall = sqlite3_mprintf("%s", sqlite3_column_text(pStmt, 0));
    printf("\none call, :call = '%s' (%lld events):\n", zCall, sqlite3_column_int64(pStmt, 1));
    for (i = 0; i < nName; i++) {
      double best = 1e30;
      long long nRow = 0;
      for (r = 0; r < 3; r++) {
        double t = runCall(&b, aQuery[i].zSql, zCall, &nRow);
        best = t < best ? t : best;
      }
      printf("  %-26s %6lld rows  %8.1f ms\n", aQuery[i].zName, nRow, best * 1e3);
    }
    sqlite3_free(zCall);
  }
  sqlite3_finalize(pStmt);
  for (i = 0; i < nQuery; i++) {
    int t;
    for (t = 0; t < N_TABLE; t++) sqlite3_free(aQuery[i].azBase[t]);
    if (i < nName) free(aQuery[i].zSql);
    else sqlite3_free(aQuery[i].zSql);
  }
  cleanup(&b);
  free(aQuery);
  return 0;
}
