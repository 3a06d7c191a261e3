/*
** trtc_ingest.h: the table-valued functions of trtc_ingest.c, for the
** module table in trtc_ext.c.
*/
#ifndef TRTC_INGEST_H
#define TRTC_INGEST_H

#include "trtc_private.h"

/* trtc_user_events(json): one row per EventMessage of DescribeUserEvent. */
TRTC_PRIVATE extern const sqlite3_module trtcUserEventsModule;

/* trtc_unusual_events(json): one row per AbnormalEvent of DescribeUnusualEvent. */
TRTC_PRIVATE extern const sqlite3_module trtcUnusualEventsModule;

#endif /* TRTC_INGEST_H */
