/*
** trtc_time.h: trtc_time() of trtc_time.c, for the registration table in
** trtc_ext.c.
*/
#ifndef TRTC_TIME_H
#define TRTC_TIME_H

#include "trtc_func.h"

TRTC_SCALAR(trtcTimeFunc);

#endif /* TRTC_TIME_H */
