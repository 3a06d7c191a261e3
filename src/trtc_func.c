/*
** trtc_func.c: the scalar functions that decode TRTC ids.
**
**   SELECT trtc_event(5003, 0);              -- 'Failed to enter room'
**   SELECT trtc_event(4003, 1280, 720);      -- '... (Resolution width: 1280, ...)'
**   SELECT trtc_event_severity(5003, 0);     -- 'error'
**   SELECT trtc_experience(4);               -- 'Video lagged'
**   SELECT trtc_abnormal_event(1001);        -- 'Failed to initialize audio device'
**   SELECT trtc_abnormal_event_kind(2024);   -- 'realtime'
**   SELECT trtc_stream_type(2);              -- 'big'
**
** Every function returns NULL for a NULL argument, for an argument that is
** not an integer (see trtcValueInt64) and for an id the tables lack. Fixed
** texts are returned with SQLITE_STATIC, texts with measured values are
** copied from a stack buffer (trtcResultEventText). All are registered
** (trtc_ext.c) as
** SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS.
*/
#include "trtc_ext.h"
#include "trtc_lookup.h"

/* (event_id [, param1 [, param2]]) -> the matching row (trtcEventFromArgs). */
static const TrtcEventRow *eventFromArgs(int argc, sqlite3_value **argv,
                                         sqlite3_int64 *pParam1, sqlite3_int64 *pParam2) {
  if (argc == 3) return trtcEventFromArgs(argv, pParam1, pParam2); /* the hot case */
  {
    sqlite3_value *apArg[3] = { argv[0], argc > 1 ? argv[1] : 0, 0 };
    return trtcEventFromArgs(apArg, pParam1, pParam2);
  }
}

/* The rows of one event id, from a single argument; 0 when there are none. */
static const TrtcEventRow *firstRowOfId(sqlite3_value *pId) {
  sqlite3_int64 iId;
  int iFirst, iEnd;
  if (!trtcValueInt64(pId, &iId)) return 0;
  trtcEventRange(iId, &iFirst, &iEnd);
  return iFirst < iEnd ? &trtc_event_rows[iFirst] : 0;
}

/* trtc_event(event_id [, param1 [, param2]]) */
void trtcEventFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3_int64 p1, p2;
  const TrtcEventRow *pRow = eventFromArgs(argc, argv, &p1, &p2);
  if (pRow) trtcResultEventText(ctx, pRow, p1, p2);
}

/* trtc_event_severity(event_id [, param1 [, param2]]) */
void trtcEventSeverityFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3_int64 p1, p2;
  const TrtcEventRow *pRow = eventFromArgs(argc, argv, &p1, &p2);
  if (pRow) trtcResultStatic(ctx, trtc_severity_names[pRow->severity]);
}

/* trtc_event_source(event_id) */
void trtcEventSourceFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const TrtcEventRow *pRow = firstRowOfId(argv[0]);
  (void)argc;
  if (pRow) trtcResultStatic(ctx, trtc_source_names[pRow->source]);
}

/* trtc_event_category(event_id) */
void trtcEventCategoryFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const TrtcEventRow *pRow = firstRowOfId(argv[0]);
  (void)argc;
  if (pRow) trtcResultStatic(ctx, trtc_category_names[pRow->category]);
}

/* trtc_experience(experience_id) */
void trtcExperienceFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3_int64 iId;
  int i;
  (void)argc;
  if (trtcValueInt64(argv[0], &iId) && (i = trtcFindExperience(iId)) >= 0) {
    trtcResultStatic(ctx, trtc_experience_rows[i].description);
  }
}

/* trtc_abnormal_event(abnormal_event_id) */
void trtcAbnormalEventFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3_int64 iId;
  int i;
  (void)argc;
  if (trtcValueInt64(argv[0], &iId) && (i = trtcFindAbnormal(iId)) >= 0) {
    trtcResultStatic(ctx, trtc_abnormal_rows[i].description);
  }
}

/* trtc_abnormal_event_kind(abnormal_event_id) */
void trtcAbnormalEventKindFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3_int64 iId;
  int i;
  (void)argc;
  if (trtcValueInt64(argv[0], &iId) && (i = trtcFindAbnormal(iId)) >= 0) {
    trtcResultStatic(ctx, trtc_kind_names[trtc_abnormal_rows[i].kind]);
  }
}

/* trtc_stream_type(type) */
void trtcStreamTypeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3_int64 iType;
  int i;
  (void)argc;
  if (trtcValueInt64(argv[0], &iType) && (i = trtcFindStreamType(iType)) >= 0) {
    trtcResultStatic(ctx, trtc_stream_type_rows[i].name);
  }
}
