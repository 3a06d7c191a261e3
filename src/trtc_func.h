/*
** trtc_func.h: the scalar functions of trtc_func.c, for the registration
** table in trtc_ext.c.
*/
#ifndef TRTC_FUNC_H
#define TRTC_FUNC_H

#include "trtc_data.h"

#define TRTC_SCALAR(name) \
  TRTC_PRIVATE void name(sqlite3_context *ctx, int argc, sqlite3_value **argv)

TRTC_SCALAR(trtcEventFunc);
TRTC_SCALAR(trtcEventSeverityFunc);
TRTC_SCALAR(trtcEventSourceFunc);
TRTC_SCALAR(trtcEventCategoryFunc);
TRTC_SCALAR(trtcExperienceFunc);
TRTC_SCALAR(trtcAbnormalEventFunc);
TRTC_SCALAR(trtcAbnormalEventKindFunc);
TRTC_SCALAR(trtcStreamTypeFunc);

#endif /* TRTC_FUNC_H */
