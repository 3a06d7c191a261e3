/*
** trtc_data.h: the shapes of the mapping rows held in trtc_data.c.
**
** Every mapping row lives in trtc_data.c and nowhere else; the lookups
** (trtc_lookup.c), the scalar functions, the virtual tables, the docs and
** sql/trtc_mappings.sql all derive from those arrays.
*/
#ifndef TRTC_DATA_H
#define TRTC_DATA_H

#include "trtc_private.h"

/* Where an event id comes from: which table of the spec it sits in. */
typedef enum TrtcSource { TRTC_SRC_SDK, TRTC_SRC_WEBRTC, TRTC_SRC_COUNT } TrtcSource;

/* The category taxonomy (docs/taxonomy.md): one per event id. */
typedef enum TrtcCategory {
  TRTC_CAT_DEVICE, TRTC_CAT_NETWORK, TRTC_CAT_APP, TRTC_CAT_PERMISSION,
  TRTC_CAT_AUDIO, TRTC_CAT_VIDEO, TRTC_CAT_ROOM, TRTC_CAT_QOS,
  TRTC_CAT_SIGNALING, TRTC_CAT_MEDIA, TRTC_CAT_COUNT
} TrtcCategory;

/* Severity (docs/taxonomy.md): one per row. */
typedef enum TrtcSeverity {
  TRTC_SEV_INFO, TRTC_SEV_WARNING, TRTC_SEV_ERROR, TRTC_SEV_COUNT
} TrtcSeverity;

/* Kind of an abnormal event: which of the spec's two tables it sits in. */
typedef enum TrtcAbnormalKind {
  TRTC_KIND_ROOM_DISMISSAL, TRTC_KIND_REALTIME, TRTC_KIND_COUNT
} TrtcAbnormalKind;

/*
** One parameter column of an event row. When label is NULL the row holds
** the integer value (-1: the parameter is unused and any value matches);
** otherwise the spec names a measured value (label, e.g. "Resolution
** width") and any value matches.
*/
typedef struct TrtcParam {
  int value;
  int any;            /* 1 when any value matches: -1 or a measured value */
  const char *label;
} TrtcParam;

/* A row of the SDK or WebRTC event mapping table. */
typedef struct TrtcEventRow {
  int event_id;
  TrtcParam param1;
  TrtcParam param2;
  unsigned char source;     /* TrtcSource */
  unsigned char category;   /* TrtcCategory */
  unsigned char severity;   /* TrtcSeverity */
  const char *description;  /* the spec's "Specific Event", exact */
} TrtcEventRow;

/* A row of the exceptional experience table. */
typedef struct TrtcExperienceRow {
  int experience_id;
  const char *description;
} TrtcExperienceRow;

/* A row of the room-dismissal or real-time abnormal event table. */
typedef struct TrtcAbnormalRow {
  int event_id;
  unsigned char kind;       /* TrtcAbnormalKind */
  const char *description;
} TrtcAbnormalRow;

/* EventMessage.Type of DescribeUserEvent (../shared/spec/api-formats.md). */
typedef struct TrtcStreamTypeRow {
  int type;
  const char *name;
  const char *description;
} TrtcStreamTypeRow;

/* The tables. Each is sorted by its id (the lookups rely on it;
** tests/test_static.c checks the order). */
TRTC_PRIVATE extern const TrtcEventRow trtc_event_rows[];
TRTC_PRIVATE extern const int trtc_event_count;
TRTC_PRIVATE extern const TrtcExperienceRow trtc_experience_rows[];
TRTC_PRIVATE extern const int trtc_experience_count;
TRTC_PRIVATE extern const TrtcAbnormalRow trtc_abnormal_rows[];
TRTC_PRIVATE extern const int trtc_abnormal_count;
TRTC_PRIVATE extern const TrtcStreamTypeRow trtc_stream_type_rows[];
TRTC_PRIVATE extern const int trtc_stream_type_count;

/* Names of the enumerations above, as SQL sees them. */
TRTC_PRIVATE extern const char *const trtc_source_names[TRTC_SRC_COUNT];
TRTC_PRIVATE extern const char *const trtc_category_names[TRTC_CAT_COUNT];
TRTC_PRIVATE extern const char *const trtc_severity_names[TRTC_SEV_COUNT];
TRTC_PRIVATE extern const char *const trtc_kind_names[TRTC_KIND_COUNT];

#endif /* TRTC_DATA_H */
