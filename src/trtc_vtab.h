/*
** trtc_vtab.h: what the virtual tables share (trtc_vtab.c): their common
** xConnect/xDisconnect, and the columns of an event row, which
** trtc_events (trtc_vtab_tables.c) and trtc_decode (trtc_vtab_decode.c)
** both show:
**
**   SELECT * FROM trtc_events WHERE event_id = 5003;
**   SELECT * FROM trtc_decode(4003, 1280, 720);
*/
#ifndef TRTC_VTAB_H
#define TRTC_VTAB_H

#include "trtc_data.h"

#include <stddef.h>

/* The columns of an event row, as trtc_events and trtc_decode declare them. */
#define TRTC_EVENT_COLUMNS                                                            \
  "event_id INTEGER, param1 INTEGER, param2 INTEGER, param1_label TEXT, "             \
  "param2_label TEXT, description TEXT, source TEXT, category TEXT, severity TEXT"
enum {
  TRTC_EVENT_COL_EVENT_ID,
  TRTC_EVENT_COL_PARAM1,
  TRTC_EVENT_COL_PARAM2,
  TRTC_EVENT_COL_PARAM1_LABEL,
  TRTC_EVENT_COL_PARAM2_LABEL,
  TRTC_EVENT_COL_DESCRIPTION,
  TRTC_EVENT_COL_SOURCE,
  TRTC_EVENT_COL_CATEGORY,
  TRTC_EVENT_COL_SEVERITY,
  TRTC_EVENT_NCOL
};

/*
** Set the result of ctx to column iCol (TRTC_EVENT_COL_*) of pRow:
** param1/param2 hold the spec's integer (-1: unused) or NULL where the
** spec names a measured value, which param1_label/param2_label name.
*/
TRTC_PRIVATE void trtcEventColumn(sqlite3_context *ctx, const TrtcEventRow *pRow, int iCol);

/*
** xConnect's common part: declare zSchema, mark the table
** SQLITE_VTAB_INNOCUOUS, allocate *ppVtab of nByte zeroed bytes (a struct
** beginning with sqlite3_vtab). trtcVtabDisconnect frees it.
*/
TRTC_PRIVATE int trtcVtabConnect(sqlite3 *db, const char *zSchema, size_t nByte,
                                 sqlite3_vtab **ppVtab, char **pzErr);
TRTC_PRIVATE int trtcVtabDisconnect(sqlite3_vtab *pVtab);

#endif /* TRTC_VTAB_H */
