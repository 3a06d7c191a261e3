/*
** trtc_ext.h: everything the entry point (trtc_ext.c) registers, from the
** files that define it: the scalar functions (trtc_func.c, trtc_time.c),
** the virtual table modules and the pAux each is registered with
** (trtc_vtab_tables.c, trtc_vtab_decode.c, trtc_ingest.c with
** trtc_shapes.c). Only trtc_ext.c and those files include it.
*/
#ifndef TRTC_EXT_H
#define TRTC_EXT_H

#include "trtc_private.h"

/* ---- Scalar functions (trtc_func.c) ---- */
#define TRTC_SCALAR(name) \
  TRTC_PRIVATE void name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
TRTC_SCALAR(trtcEventFunc);             /* trtc_event(id [, p1 [, p2]]) */
TRTC_SCALAR(trtcEventSeverityFunc);     /* trtc_event_severity(id [, p1 [, p2]]) */
TRTC_SCALAR(trtcEventSourceFunc);       /* trtc_event_source(id) */
TRTC_SCALAR(trtcEventCategoryFunc);     /* trtc_event_category(id) */
TRTC_SCALAR(trtcExperienceFunc);        /* trtc_experience(id) */
TRTC_SCALAR(trtcAbnormalEventFunc);     /* trtc_abnormal_event(id) */
TRTC_SCALAR(trtcAbnormalEventKindFunc); /* trtc_abnormal_event_kind(id) */
TRTC_SCALAR(trtcStreamTypeFunc);        /* trtc_stream_type(type) */
/* ---- trtc_time(time_ms [, zone]) (trtc_time.c) ---- */
TRTC_SCALAR(trtcTimeFunc);

/* ---- The mapping tables (trtc_vtab_tables.c): one module, pAux a table ---- */
TRTC_PRIVATE extern const sqlite3_module trtcTableModule;
typedef struct TrtcTableDef TrtcTableDef;
TRTC_PRIVATE extern const TrtcTableDef trtcEventsTable;        /* trtc_events */
TRTC_PRIVATE extern const TrtcTableDef trtcExperiencesTable;   /* trtc_experiences */
TRTC_PRIVATE extern const TrtcTableDef trtcAbnormalEventsTable; /* trtc_abnormal_events */
TRTC_PRIVATE extern const TrtcTableDef trtcStreamTypesTable;   /* trtc_stream_types */

/* ---- trtc_decode(event_id [, param1 [, param2]]) (trtc_vtab_decode.c) ---- */
TRTC_PRIVATE extern const sqlite3_module trtcDecodeModule;

/* ---- Saved API responses (trtc_ingest.c): one module, pAux a shape
** (trtc_shapes.c) ---- */
TRTC_PRIVATE extern const sqlite3_module trtcIngestModule;
typedef struct TrtcIngestShape TrtcIngestShape;
TRTC_PRIVATE extern const TrtcIngestShape trtcUserEventsShape;    /* trtc_user_events */
TRTC_PRIVATE extern const TrtcIngestShape trtcUnusualEventsShape; /* trtc_unusual_events */

#endif /* TRTC_EXT_H */
