/*
** trtc_ext.c: the entry point of sqlite-trtc. Registers every function and
** module of the extension from the tables below, plus trtc_version() and
** trtc_debug().
**
**   .load ./trtc                     -- sqlite3 shell, from the build tree
**   SELECT trtc_version();           -- '0.1.0'
**   SELECT trtc_debug();             -- version, SQLite versions, build
**
** docs/ documents each name registered here (a "### trtc_name" heading
** each); tests/registered.sh checks that the two lists are equal.
*/
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stddef.h>

#include "sqlite-trtc.h"
#include "trtc_ext.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

/* The oldest SQLite this extension runs on (SQLITE_INNOCUOUS, sqlite3_vtab_config
** SQLITE_VTAB_INNOCUOUS and SQLITE_VTAB_DIRECTONLY arrived in 3.31.0). */
#define TRTC_MIN_SQLITE_VERSION_NUMBER 3031000
#define TRTC_MIN_SQLITE_VERSION "3.31.0"

#ifdef SQLITE_CORE
#define TRTC_BUILD "static (SQLITE_CORE)"
#else
#define TRTC_BUILD "loadable"
#endif

#if defined(__clang__)
#define TRTC_COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define TRTC_COMPILER "gcc " __VERSION__
#else
#define TRTC_COMPILER "unknown compiler"
#endif

/* trtc_version() */
static void trtcVersionFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx, PACKAGE_VERSION, -1, SQLITE_STATIC);
}

/* trtc_debug() */
static void trtcDebugFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  char *z;
  (void)argc;
  (void)argv;
  z = sqlite3_mprintf("Version: %s\n"
                      "SQLite compiled: %s\n"
                      "SQLite running: %s\n"
                      "Build: %s\n"
                      "Compiler: %s",
                      PACKAGE_VERSION, SQLITE_VERSION, sqlite3_libversion(), TRTC_BUILD,
                      TRTC_COMPILER);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
  } else {
    sqlite3_result_text(ctx, z, -1, sqlite3_free);
  }
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define DECODE (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

/* Every SQL function of the extension. */
static const struct TrtcFunction {
  const char *zName;
  int nArg;
  int eTextRep;
  void (*xFunc)(sqlite3_context *, int, sqlite3_value **);
} aFunction[] = {
    { "trtc_event",               1, DECODE, trtcEventFunc },
    { "trtc_event",               2, DECODE, trtcEventFunc },
    { "trtc_event",               3, DECODE, trtcEventFunc },
    { "trtc_event_severity",      1, DECODE, trtcEventSeverityFunc },
    { "trtc_event_severity",      2, DECODE, trtcEventSeverityFunc },
    { "trtc_event_severity",      3, DECODE, trtcEventSeverityFunc },
    { "trtc_event_source",        1, DECODE, trtcEventSourceFunc },
    { "trtc_event_category",      1, DECODE, trtcEventCategoryFunc },
    { "trtc_experience",          1, DECODE, trtcExperienceFunc },
    { "trtc_abnormal_event",      1, DECODE, trtcAbnormalEventFunc },
    { "trtc_abnormal_event_kind", 1, DECODE, trtcAbnormalEventKindFunc },
    { "trtc_stream_type",         1, DECODE, trtcStreamTypeFunc },
    { "trtc_time",                1, DECODE, trtcTimeFunc },
    { "trtc_time",                2, DECODE, trtcTimeFunc },
    { "trtc_version",             0, DECODE, trtcVersionFunc },
    /* Not deterministic: it reports the SQLite library running now. */
    { "trtc_debug",               0, SQLITE_UTF8 | SQLITE_INNOCUOUS, trtcDebugFunc },
};

/* Every virtual table module of the extension, with the pAux SQLite hands
** its xConnect: the mapping tables share one module told its table by
** pAux, and so do the response readers, told their shape. */
static const struct TrtcModule {
  const char *zName;
  const sqlite3_module *pModule;
  const void *pAux;
} aModule[] = {
    { "trtc_events",          &trtcTableModule,  &trtcEventsTable },
    { "trtc_experiences",     &trtcTableModule,  &trtcExperiencesTable },
    { "trtc_abnormal_events", &trtcTableModule,  &trtcAbnormalEventsTable },
    { "trtc_stream_types",    &trtcTableModule,  &trtcStreamTypesTable },
    { "trtc_decode",          &trtcDecodeModule, 0 },
    { "trtc_user_events",     &trtcIngestModule, &trtcUserEventsShape },
    { "trtc_unusual_events",  &trtcIngestModule, &trtcUnusualEventsShape },
};

#ifdef _WIN32
__declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
__attribute__((visibility("default")))
#endif
int sqlite3_trtc_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  size_t i;
  int rc = SQLITE_OK;
  SQLITE_EXTENSION_INIT2(pApi);

  if (sqlite3_libversion_number() < TRTC_MIN_SQLITE_VERSION_NUMBER) {
    if (pzErrMsg) {
      *pzErrMsg = sqlite3_mprintf("trtc: SQLite " TRTC_MIN_SQLITE_VERSION
                                  " or newer is required, this is %s",
                                  sqlite3_libversion());
    }
    return SQLITE_ERROR;
  }
  for (i = 0; rc == SQLITE_OK && i < COUNT(aFunction); i++) {
    const struct TrtcFunction *p = &aFunction[i];
    rc = sqlite3_create_function_v2(db, p->zName, p->nArg, p->eTextRep, 0, p->xFunc, 0, 0, 0);
    if (rc != SQLITE_OK && pzErrMsg) {
      *pzErrMsg = sqlite3_mprintf("trtc: cannot register function %s/%d: %s", p->zName,
                                  p->nArg, sqlite3_errmsg(db));
    }
  }
  for (i = 0; rc == SQLITE_OK && i < COUNT(aModule); i++) {
    const struct TrtcModule *p = &aModule[i];
    rc = sqlite3_create_module_v2(db, p->zName, p->pModule, (void *)p->pAux, 0);
    if (rc != SQLITE_OK && pzErrMsg) {
      *pzErrMsg = sqlite3_mprintf("trtc: cannot register module %s: %s", p->zName,
                                  sqlite3_errmsg(db));
    }
  }
  return rc;
}
