/*
** trtc_shapes.c: the response shapes that trtc_ingest.c's module reads,
** one TrtcIngestShape each: where the rows sit in the JSON, the SQL
** schema, and how a row becomes column values.
**
**   trtc_user_events(json)     DescribeUserEvent: one row per EventMessage
**                              of each EventList of Data
**   trtc_unusual_events(json)  DescribeUnusualEvent: one row per
**                              AbnormalEvent of each AbnormalExperience of
**                              AbnormalExperienceList (one row for an
**                              experience without any)
**
** Field lists are indexed by an enum of their own (EVENTLIST_*, EVENT_*,
** EXPERIENCE_*, ABNORMAL_*); columns by another (UE_*, UU_*) beside the
** schema. A third shape is one more block like these, plus a line in
** trtc_ext.c's registration table.
*/
#include "trtc_ext.h"
#include "trtc_ingest.h"
#include "trtc_lookup.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- trtc_user_events --------------------------------------------------- */

enum {
  UE_PEER_ID, UE_TYPE, UE_STREAM, UE_TIME_MS, UE_EVENT_ID, UE_PARAM1, UE_PARAM2,
  UE_TEXT, UE_SOURCE, UE_CATEGORY, UE_SEVERITY, UE_JSON
};
static const char zUserEventsSchema[] =
    "CREATE TABLE x(peer_id TEXT, type INTEGER, stream TEXT, time_ms INTEGER, "
    "event_id INTEGER, param1 INTEGER, param2 INTEGER, text TEXT, source TEXT, "
    "category TEXT, severity TEXT, json HIDDEN)";

/* EventList: the group. */
enum { EVENTLIST_PEER_ID, EVENTLIST_N };
static const TrtcWalkField aEventListField[EVENTLIST_N] = {
    [EVENTLIST_PEER_ID] = TRTC_WALK_FIELD("PeerId", TRTC_FIELD_TEXT),
};

/* EventMessage: the item. */
enum { EVENT_TYPE, EVENT_TIME, EVENT_ID, EVENT_PARAM1, EVENT_PARAM2, EVENT_N };
static const TrtcWalkField aEventField[EVENT_N] = {
    [EVENT_TYPE] = TRTC_WALK_FIELD("Type", TRTC_FIELD_INT),
    [EVENT_TIME] = TRTC_WALK_FIELD("Time", TRTC_FIELD_INT),
    [EVENT_ID] = TRTC_WALK_FIELD("EventId", TRTC_FIELD_INT),
    [EVENT_PARAM1] = TRTC_WALK_FIELD("ParamOne", TRTC_FIELD_INT),
    [EVENT_PARAM2] = TRTC_WALK_FIELD("ParamTwo", TRTC_FIELD_INT),
};

/* The mapping rows of the current row's event, looked up once per row:
** apCache[0] the row it decodes to, apCache[1] the first row of its id
** (for source and category, which belong to the id). */
static void decodeEvent(TrtcIngestRow *pRow) {
  const TrtcWalkValue *a = trtcWalkItem(pRow->pWalk)->a;
  const TrtcEventRow *pEvent = 0, *pFirst = 0;
  if (pRow->iCached == pRow->iRowid) return;
  if (a[EVENT_ID].eType == TRTC_VALUE_INT) {
    int iFirst, iEnd;
    trtcEventRange(a[EVENT_ID].iInt, &iFirst, &iEnd);
    if (iFirst < iEnd) pFirst = &trtc_event_rows[iFirst];
    if (a[EVENT_PARAM1].eType == TRTC_VALUE_INT && a[EVENT_PARAM2].eType == TRTC_VALUE_INT) {
      pEvent = trtcFindEvent(a[EVENT_ID].iInt, a[EVENT_PARAM1].iInt, a[EVENT_PARAM2].iInt);
    }
  }
  pRow->iCached = pRow->iRowid;
  pRow->apCache[0] = pEvent;
  pRow->apCache[1] = pFirst;
}

static int userEventsColumn(TrtcIngestRow *pRow, sqlite3_context *ctx, int iCol) {
  const TrtcWalkValue *a = trtcWalkItem(pRow->pWalk)->a;
  const TrtcEventRow *pEvent, *pFirst;
  int i;
  switch (iCol) {
    case UE_PEER_ID:
      return trtcIngestResultText(pRow, ctx, &trtcWalkGroup(pRow->pWalk)->a[EVENTLIST_PEER_ID]);
    case UE_TYPE: trtcIngestResultInt(ctx, &a[EVENT_TYPE]); break;
    case UE_STREAM:
      if (a[EVENT_TYPE].eType == TRTC_VALUE_INT && (i = trtcFindStreamType(a[EVENT_TYPE].iInt)) >= 0) {
        trtcResultStatic(ctx, trtc_stream_type_rows[i].name);
      }
      break;
    case UE_TIME_MS: trtcIngestResultInt(ctx, &a[EVENT_TIME]); break;
    case UE_EVENT_ID: trtcIngestResultInt(ctx, &a[EVENT_ID]); break;
    case UE_PARAM1: trtcIngestResultInt(ctx, &a[EVENT_PARAM1]); break;
    case UE_PARAM2: trtcIngestResultInt(ctx, &a[EVENT_PARAM2]); break;
    default:
      decodeEvent(pRow);
      pEvent = pRow->apCache[0];
      pFirst = pRow->apCache[1];
      if (iCol == UE_TEXT && pEvent) {
        trtcResultEventText(ctx, pEvent, a[EVENT_PARAM1].iInt, a[EVENT_PARAM2].iInt);
      } else if (iCol == UE_SOURCE && pFirst) {
        trtcResultStatic(ctx, trtc_source_names[pFirst->source]);
      } else if (iCol == UE_CATEGORY && pFirst) {
        trtcResultStatic(ctx, trtc_category_names[pFirst->category]);
      } else if (iCol == UE_SEVERITY && pEvent) {
        trtcResultStatic(ctx, trtc_severity_names[pEvent->severity]);
      }
      break;
  }
  return SQLITE_OK;
}

const TrtcIngestShape trtcUserEventsShape = {
    .zName = "trtc_user_events",
    .zSchema = zUserEventsSchema,
    .iColJson = UE_JSON,
    .walk = {
        .zList = "Data", .zItems = "Content",
        .aGroup = aEventListField, .nGroup = COUNT(aEventListField),
        .aItem = aEventField, .nItem = COUNT(aEventField),
        .bEmptyGroupRow = 0,
    },
    .xColumn = userEventsColumn,
};

/* ---- trtc_unusual_events ------------------------------------------------ */

enum {
  UU_USER_ID, UU_ROOM_ID, UU_EVENT_TIME, UU_EXPERIENCE_ID, UU_EXPERIENCE,
  UU_ABNORMAL_EVENT_ID, UU_ABNORMAL_EVENT, UU_ABNORMAL_KIND, UU_PEER_ID, UU_JSON
};
static const char zUnusualEventsSchema[] =
    "CREATE TABLE x(user_id TEXT, room_id TEXT, event_time INTEGER, experience_id INTEGER, "
    "experience TEXT, abnormal_event_id INTEGER, abnormal_event TEXT, abnormal_kind TEXT, "
    "peer_id TEXT, json HIDDEN)";

/* AbnormalExperience: the group. */
enum { EXPERIENCE_USER_ID, EXPERIENCE_ROOM_ID, EXPERIENCE_TIME, EXPERIENCE_ID, EXPERIENCE_N };
static const TrtcWalkField aExperienceField[EXPERIENCE_N] = {
    [EXPERIENCE_USER_ID] = TRTC_WALK_FIELD("UserId", TRTC_FIELD_TEXT),
    [EXPERIENCE_ROOM_ID] = TRTC_WALK_FIELD("RoomId", TRTC_FIELD_TEXT),
    [EXPERIENCE_TIME] = TRTC_WALK_FIELD("EventTime", TRTC_FIELD_INT),
    [EXPERIENCE_ID] = TRTC_WALK_FIELD("ExperienceId", TRTC_FIELD_INT),
};

/* AbnormalEvent: the item. */
enum { ABNORMAL_ID, ABNORMAL_PEER_ID, ABNORMAL_N };
static const TrtcWalkField aAbnormalField[ABNORMAL_N] = {
    [ABNORMAL_ID] = TRTC_WALK_FIELD("AbnormalEventId", TRTC_FIELD_INT),
    [ABNORMAL_PEER_ID] = TRTC_WALK_FIELD("PeerId", TRTC_FIELD_TEXT),
};

static int unusualEventsColumn(TrtcIngestRow *pRow, sqlite3_context *ctx, int iCol) {
  const TrtcWalkValue *g = trtcWalkGroup(pRow->pWalk)->a;
  const TrtcWalkValue *a = trtcWalkItem(pRow->pWalk)->a;
  int i;
  switch (iCol) {
    case UU_USER_ID: return trtcIngestResultText(pRow, ctx, &g[EXPERIENCE_USER_ID]);
    case UU_ROOM_ID: return trtcIngestResultText(pRow, ctx, &g[EXPERIENCE_ROOM_ID]);
    case UU_EVENT_TIME: trtcIngestResultInt(ctx, &g[EXPERIENCE_TIME]); break;
    case UU_EXPERIENCE_ID: trtcIngestResultInt(ctx, &g[EXPERIENCE_ID]); break;
    case UU_EXPERIENCE:
      if (g[EXPERIENCE_ID].eType == TRTC_VALUE_INT && (i = trtcFindExperience(g[EXPERIENCE_ID].iInt)) >= 0) {
        trtcResultStatic(ctx, trtc_experience_rows[i].description);
      }
      break;
    case UU_ABNORMAL_EVENT_ID: trtcIngestResultInt(ctx, &a[ABNORMAL_ID]); break;
    case UU_ABNORMAL_EVENT:
    case UU_ABNORMAL_KIND:
      if (a[ABNORMAL_ID].eType == TRTC_VALUE_INT && (i = trtcFindAbnormal(a[ABNORMAL_ID].iInt)) >= 0) {
        trtcResultStatic(ctx, iCol == UU_ABNORMAL_EVENT ? trtc_abnormal_rows[i].description
                                                        : trtc_kind_names[trtc_abnormal_rows[i].kind]);
      }
      break;
    case UU_PEER_ID: return trtcIngestResultText(pRow, ctx, &a[ABNORMAL_PEER_ID]);
    default: break;
  }
  return SQLITE_OK;
}

const TrtcIngestShape trtcUnusualEventsShape = {
    .zName = "trtc_unusual_events",
    .zSchema = zUnusualEventsSchema,
    .iColJson = UU_JSON,
    .walk = {
        .zList = "AbnormalExperienceList", .zItems = "AbnormalEventList",
        .aGroup = aExperienceField, .nGroup = COUNT(aExperienceField),
        .aItem = aAbnormalField, .nItem = COUNT(aAbnormalField),
        .bEmptyGroupRow = 1,
    },
    .xColumn = unusualEventsColumn,
};

/* Every field list fits a TrtcWalkRecord. */
typedef char trtc_fields_fit[(EVENTLIST_N <= TRTC_WALK_MAX_FIELDS && EVENT_N <= TRTC_WALK_MAX_FIELDS &&
                              EXPERIENCE_N <= TRTC_WALK_MAX_FIELDS && ABNORMAL_N <= TRTC_WALK_MAX_FIELDS)
                                 ? 1 : -1];
