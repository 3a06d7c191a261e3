/*
** trtc_data.c: the TRTC event mapping tables, transcribed from Tencent
** Cloud's "Event ID Mapping Table" (2023-10-11). This file is the one
** place that holds them: every function, virtual table, document and SQL
** dump of sqlite-trtc derives from these arrays.
**
**   SELECT trtc_event(5003, 0);          -- 'Failed to enter room'
**   SELECT * FROM trtc_events WHERE event_id = 4003;
**
** The text of every row is the spec's, letter for letter. Beyond the
** spec each event row carries its source (which table it sits in), a
** category and a severity; docs/taxonomy.md explains how they were chosen.
**
** Each array is sorted by id, and rows of one event id are adjacent: the
** lookups in trtc_lookup.c rely on it (the event index that
** src/trtc_index_gen.c generates points at an id's first row; the other
** tables are bisected), and trtc_events lists rows in event_id order. For
** that reason WebRTC event 36864, which the spec lists first, sits at the
** end of its table.
*/
#include "trtc_data.h"

#define V(n)      { (n), (n) == -1, 0 }  /* the spec's integer; -1 = unused */
#define M(label)  { 0, 1, (label) }      /* the spec names a measured value */

#define SDK        TRTC_SRC_SDK
#define WEBRTC     TRTC_SRC_WEBRTC
#define DEVICE     TRTC_CAT_DEVICE
#define NETWORK    TRTC_CAT_NETWORK
#define APP        TRTC_CAT_APP
#define PERMISSION TRTC_CAT_PERMISSION
#define AUDIO      TRTC_CAT_AUDIO
#define VIDEO      TRTC_CAT_VIDEO
#define ROOM       TRTC_CAT_ROOM
#define QOS        TRTC_CAT_QOS
#define SIGNALING  TRTC_CAT_SIGNALING
#define MEDIA      TRTC_CAT_MEDIA
#define INFO       TRTC_SEV_INFO
#define WARNING    TRTC_SEV_WARNING
#define ERROR      TRTC_SEV_ERROR

const TrtcEventRow trtc_event_rows[] = {
    /* Event ID  First     Second   Source  Category    Severity Specific Event */
    /* ---- SDK Event Mapping Table ------------------------------------- */
    {  1001, V(0),    V(-1),   SDK,    DEVICE,     INFO,    "The user unplugged wired earphone" },
    {  1001, V(1),    V(-1),   SDK,    DEVICE,     INFO,    "The user plugged wired earphone" },
    {  1002, V(0),    V(-1),   SDK,    DEVICE,     INFO,    "The earphone has disconnected from Bluetooth connection" },
    {  1002, V(1),    V(-1),   SDK,    DEVICE,     INFO,    "The earphone initiated a Bluetooth connection" },
    {  1003, V(0),    V(-1),   SDK,    NETWORK,    ERROR,   "The user has disconnected from the network" },
    {  1003, V(1),    V(-1),   SDK,    NETWORK,    INFO,    "The user is using Wi-Fi network" },
    {  1003, V(2),    V(-1),   SDK,    NETWORK,    INFO,    "The user is using 4G network" },
    {  1003, V(3),    V(-1),   SDK,    NETWORK,    INFO,    "The user is using 3G network" },
    {  1003, V(4),    V(-1),   SDK,    NETWORK,    INFO,    "The user is using 2G network" },
    {  1003, V(5),    V(-1),   SDK,    NETWORK,    INFO,    "The user is using wired network" },
    {  2001, V(0),    V(-1),   SDK,    APP,        INFO,    "The application has been switched to run in the foreground" },
    {  2001, V(1),    V(-1),   SDK,    APP,        WARNING, "The application has been switched to run in the background" },
    {  2002, V(1),    V(-1),   SDK,    PERMISSION, ERROR,   "The application does not have network access" },
    {  2002, V(2),    V(-1),   SDK,    PERMISSION, ERROR,   "The application does not have permission to read local file" },
    {  2002, V(3),    V(-1),   SDK,    PERMISSION, ERROR,   "The application does not have permission to write local file" },
    {  2002, V(4),    V(-1),   SDK,    PERMISSION, ERROR,   "The application does not have permission to record audio" },
    {  2002, V(5),    V(-1),   SDK,    PERMISSION, ERROR,   "The application does not have permission to use camera" },
    {  3001, V(0),    V(-1),   SDK,    AUDIO,      INFO,    "The mic started capturing audio" },
    {  3001, V(1),    V(-1),   SDK,    AUDIO,      INFO,    "Muted" },
    {  3001, V(2),    V(-1),   SDK,    AUDIO,      INFO,    "Mic capturing was disabled" },
    {  3001, V(3),    V(-1),   SDK,    AUDIO,      INFO,    "Unmuted" },
    {  3002, V(0),    V(-1),   SDK,    AUDIO,      INFO,    "Canceled mute playback" },
    {  3002, V(1),    V(-1),   SDK,    AUDIO,      INFO,    "Mute playback mode" },
    {  3003, V(10),   V(-1),   SDK,    AUDIO,      INFO,    "Audio codec: aac" },
    {  3003, V(11),   V(-1),   SDK,    AUDIO,      INFO,    "Audio codec: opus" },
    {  3004, V(0),    V(-1),   SDK,    AUDIO,      INFO,    "Speaker" },
    {  3004, V(1),    V(-1),   SDK,    AUDIO,      INFO,    "Receiver" },
    {  4001, V(0),    V(-1),   SDK,    DEVICE,     INFO,    "Enabled front camera successfully" },
    {  4001, V(1),    V(-1),   SDK,    DEVICE,     INFO,    "Enabled rear camera successfully" },
    {  4002, V(0),    V(-1),   SDK,    DEVICE,     ERROR,   "Failed to enable front camera" },
    {  4002, V(1),    V(-1),   SDK,    DEVICE,     ERROR,   "Failed to enable rear camera" },
    {  4003, M("Resolution width"), M("Resolution height"), SDK,    VIDEO,      INFO,    "Video resolution has been switched" },
    {  4004, V(0),    V(-1),   SDK,    VIDEO,      INFO,    "Switched software encoding mode (SW)" },
    {  4004, V(1),    V(-1),   SDK,    VIDEO,      INFO,    "Switched to hardware encoding mode (HW)" },
    {  4005, V(0),    V(-1),   SDK,    VIDEO,      INFO,    "Switched software decoding mode (SW)" },
    {  4005, V(1),    V(-1),   SDK,    VIDEO,      INFO,    "Switched to hardware decoding mode (HW)" },
    {  4006, V(0),    V(-1),   SDK,    VIDEO,      INFO,    "The user enabled video upstreaming" },
    {  4006, V(1),    V(-1),   SDK,    VIDEO,      INFO,    "The user disabled video upstreaming" },
    {  4007, M("Resolution width"), M("Resolution height"), SDK,    VIDEO,      INFO,    "The user switched video resolution" },
    {  4008, M("Video frame rate"), V(-1),   SDK,    VIDEO,      INFO,    "The user switched video frame rate" },
    {  4009, M("Video bitrate"), V(-1),   SDK,    VIDEO,      INFO,    "The user switched video bitrate" },
    {  4010, V(1),    V(-1),   SDK,    VIDEO,      WARNING, "RPS (reference picture selection) was disabled due to insufficient performance or poor network" },
    {  4011, V(-1),   V(-1),   SDK,    VIDEO,      WARNING, "Failed to start hardware decoder" },
    {  4012, V(-1),   V(-1),   SDK,    VIDEO,      WARNING, "Switched to software decoder as there is too much hardware decoder buffer" },
    {  4013, M("Number of frames failed to be decoded (3s)"), V(0),    SDK,    VIDEO,      WARNING, "(Software) decoding failed" },
    {  4013, M("Number of frames failed to be decoded (3s)"), V(1),    SDK,    VIDEO,      WARNING, "(Hardware) decoding failed" },
    {  4014, V(0),    V(-1),   SDK,    VIDEO,      INFO,    "The playback client enabled remote image" },
    {  4014, V(1),    V(-1),   SDK,    VIDEO,      INFO,    "The playback client disabled remote image" },
    {  4015, V(0),    V(-1),   SDK,    VIDEO,      INFO,    "The primary video stream was unsubscribed from" },
    {  4015, V(1),    V(-1),   SDK,    VIDEO,      INFO,    "The primary video stream was subscribed to" },
    {  5001, V(-1),   V(-1),   SDK,    ROOM,       INFO,    "Started entering room" },
    {  5002, V(0),    V(-1),   SDK,    NETWORK,    ERROR,   "Failed to obtain IP address info" },
    {  5002, V(1),    V(-1),   SDK,    NETWORK,    INFO,    "Obtained IP address info successfully" },
    {  5003, V(0),    V(-1),   SDK,    ROOM,       ERROR,   "Failed to enter room" },
    {  5003, V(1),    V(-1),   SDK,    ROOM,       INFO,    "Entered room successfully" },
    {  5004, V(-1),   V(-1),   SDK,    MEDIA,      INFO,    "Started sending video data to the cloud" },
    {  5005, V(-1),   V(-1),   SDK,    NETWORK,    ERROR,   "Connection to CVM timed out" },
    {  5006, V(-1),   V(-1),   SDK,    MEDIA,      INFO,    "The first video packet was received" },
    {  5007, V(-1),   V(-1),   SDK,    MEDIA,      INFO,    "Started playing the first video frame" },
    {  5008, V(0),    V(-1),   SDK,    ROOM,       ERROR,   "Failed to exit room" },
    {  5008, V(1),    V(-1),   SDK,    ROOM,       INFO,    "Exited room successfully" },
    {  5009, V(-1),   V(-1),   SDK,    MEDIA,      INFO,    "Sent first audio frame" },
    {  6001, V(1),    V(0),    SDK,    QOS,        INFO,    "(Qos: local mode - smoothness preferred) video call" },
    {  6001, V(1),    V(1),    SDK,    QOS,        INFO,    "(Qos: local mode - smoothness preferred) live streaming" },
    {  6001, V(1),    V(2),    SDK,    QOS,        INFO,    "(Qos: local mode - smoothness preferred) audio call" },
    {  6001, V(1),    V(3),    SDK,    QOS,        INFO,    "(Qos: local mode - smoothness preferred) voice chat room" },
    {  6001, V(2),    V(0),    SDK,    QOS,        INFO,    "(Qos: local mode - definition preferred) video call" },
    {  6001, V(2),    V(1),    SDK,    QOS,        INFO,    "(Qos: local mode - definition preferred) live streaming" },
    {  6001, V(2),    V(2),    SDK,    QOS,        INFO,    "(Qos: local mode - definition preferred) audio call" },
    {  6001, V(2),    V(3),    SDK,    QOS,        INFO,    "(Qos: local mode - definition preferred) voice chat room" },
    {  6001, V(101),  V(0),    SDK,    QOS,        INFO,    "(Qos: cloud control mode - smoothness preferred) video call" },
    {  6001, V(101),  V(1),    SDK,    QOS,        INFO,    "(Qos: cloud control mode - smoothness preferred) live streaming" },
    {  6001, V(101),  V(2),    SDK,    QOS,        INFO,    "(Qos: cloud control mode - smoothness preferred) audio call" },
    {  6001, V(101),  V(3),    SDK,    QOS,        INFO,    "(Qos: cloud control mode - smoothness preferred) voice chat room" },
    {  6001, V(102),  V(0),    SDK,    QOS,        INFO,    "(Qos: cloud control mode - definition preferred) video call" },
    {  6001, V(102),  V(1),    SDK,    QOS,        INFO,    "(Qos: cloud control mode - definition preferred) live streaming" },
    {  6001, V(102),  V(2),    SDK,    QOS,        INFO,    "(Qos: cloud control mode - definition preferred) audio call" },
    {  6001, V(102),  V(3),    SDK,    QOS,        INFO,    "(Qos: cloud control mode - definition preferred) voice chat room" },
    {  7000, V(0),    V(-1),   SDK,    ROOM,       INFO,    "Entered room normally" },
    {  7000, V(1),    V(-1),   SDK,    ROOM,       WARNING, "Entered room again" },
    {  7001, V(0),    V(-1),   SDK,    ROOM,       INFO,    "Exited room normally" },
    {  7001, V(1),    V(-1),   SDK,    ROOM,       ERROR,   "Timed out" },
    {  7001, V(2),    V(-1),   SDK,    ROOM,       ERROR,   "Kicked out" },
    /* ---- WebRTC Event Mapping Table ---------------------------------- */
    { 32768, V(-1),   V(-1),   WEBRTC, VIDEO,      INFO,    "Enabled video" },
    { 32769, V(-1),   V(-1),   WEBRTC, AUDIO,      INFO,    "Enabled audio" },
    { 32770, V(-1),   V(-1),   WEBRTC, VIDEO,      INFO,    "Disabled video" },
    { 32771, V(-1),   V(-1),   WEBRTC, AUDIO,      INFO,    "Disabled audio" },
    { 32772, V(-1),   V(-1),   WEBRTC, AUDIO,      INFO,    "Disabled audio (still send mute packets)" },
    { 32773, V(-1),   V(-1),   WEBRTC, VIDEO,      INFO,    "Disabled video (still send black screen packets)" },
    { 32774, V(-1),   V(-1),   WEBRTC, AUDIO,      INFO,    "Enabled audio" },
    { 32775, V(-1),   V(-1),   WEBRTC, VIDEO,      INFO,    "Enabled video" },
    { 32776, V(-1),   V(-1),   WEBRTC, MEDIA,      INFO,    "Subscribed to video" },
    { 32777, V(-1),   V(-1),   WEBRTC, MEDIA,      INFO,    "Subscribed to audio" },
    { 32778, V(-1),   V(-1),   WEBRTC, MEDIA,      INFO,    "Unsubscribed from video" },
    { 32779, V(-1),   V(-1),   WEBRTC, MEDIA,      INFO,    "Unsubscribed from audio" },
    { 32780, V(-1),   V(-1),   WEBRTC, DEVICE,     INFO,    "Switched camera" },
    { 32781, V(-1),   V(-1),   WEBRTC, DEVICE,     INFO,    "Switched mic" },
    { 32782, V(-1),   V(-1),   WEBRTC, VIDEO,      INFO,    "Updated video" },
    { 32783, V(-1),   V(-1),   WEBRTC, AUDIO,      INFO,    "Updated audio" },
    { 32784, V(-1),   V(-1),   WEBRTC, MEDIA,      INFO,    "Disabled remote video" },
    { 32785, V(-1),   V(-1),   WEBRTC, MEDIA,      INFO,    "Disabled remote audio" },
    { 32786, V(-1),   V(-1),   WEBRTC, MEDIA,      INFO,    "Enabled remote video" },
    { 32787, V(-1),   V(-1),   WEBRTC, MEDIA,      INFO,    "Enabled remote audio" },
    { 32788, V(-1),   V(-1),   WEBRTC, ROOM,       INFO,    "Entered room" },
    { 32789, V(-1),   V(-1),   WEBRTC, ROOM,       INFO,    "Exited room" },
    { 32790, V(-1),   V(-1),   WEBRTC, SIGNALING,  ERROR,   "Signaling channel has disconnected" },
    { 32791, V(-1),   V(-1),   WEBRTC, SIGNALING,  INFO,    "Connected signaling channel successfully" },
    { 32792, V(-1),   V(-1),   WEBRTC, MEDIA,      ERROR,   "Media transmission channel has disconnected" },
    { 32793, V(-1),   V(-1),   WEBRTC, MEDIA,      INFO,    "Connected media transmission channel successfully" },
    { 36864, V(-1),   V(-1),   WEBRTC, SIGNALING,  ERROR,   "Signaling channel has disconnected, which is reported by the backend" },
};
const int trtc_event_count = (int)(sizeof(trtc_event_rows) / sizeof(trtc_event_rows[0]));

/* ---- Exceptional Experience ID Mapping Table --------------------------- */
const TrtcExperienceRow trtc_experience_rows[] = {
    { 1, "Room entry was slow" },
    { 2, "Unable to enable video" },
    { 3, "Unable to enable audio" },
    { 4, "Video lagged" },
    { 5, "Audio lagged" },
};
const int trtc_experience_count =
    (int)(sizeof(trtc_experience_rows) / sizeof(trtc_experience_rows[0]));

#define DISMISSAL TRTC_KIND_ROOM_DISMISSAL
#define REALTIME  TRTC_KIND_REALTIME

const TrtcAbnormalRow trtc_abnormal_rows[] = {
    /* ---- Exceptional Room Dismissal Event ID Mapping Table ------------- */
    /* Reported after the room is dismissed; they can be queried only then. */
    { 1001, DISMISSAL, "Failed to initialize audio device" },
    { 1002, DISMISSAL, "Failed to initialize video device" },
    { 1003, DISMISSAL, "Failed to request token" },
    { 1004, DISMISSAL, "Failed to request access server" },
    { 1005, DISMISSAL, "Failed to enter room" },
    { 1006, DISMISSAL, "Room entry eventually failed (including failures in any stage, such as SDK verification failure)" },
    { 1007, DISMISSAL, "The user IP changed, and the IP in the signaling stage was different from that in the data stage" },
    { 1008, DISMISSAL, "Empty room entry parameter. Please check whether valid parameters were passed into the enterRoom:appScene: API when it was called" },
    { 1009, DISMISSAL, "Incorrect room entry parameter sdkAppId" },
    { 1010, DISMISSAL, "Incorrect room entry parameter RoomId" },
    { 1011, DISMISSAL, "Incorrect room entry parameter UserID" },
    { 1012, DISMISSAL, "Incorrect room entry parameter UserSig" },
    { 1013, DISMISSAL, "The room entry request timed out. Please check the network" },
    { 1014, DISMISSAL, "Unavailable service. Please check whether the remained validity period in minutes in the package is greater than 0 and whether the Tencent Cloud account is in arrears" },
    { 1015, DISMISSAL, "Failed to enable the camera; for example, the configuration program (driver) of the camera on Windows or macOS was exceptional. In this case, please try to disable and then enable the camera again, restart the device, or update the configuration program" },
    { 1016, DISMISSAL, "The camera permission is not granted. This error usually occurs on mobile devices and may be caused by permission denial by user" },
    { 1017, DISMISSAL, "Incorrect camera parameter settings (unsupported value or other causes)" },
    { 1018, DISMISSAL, "The camera is being used. Please try to enable another camera" },
    { 1019, DISMISSAL, "Failed to enable the mic; for example, the configuration program (driver) of the mic on Windows or macOS was exceptional. In this case, please try to disable and then enable the mic again, restart the device, or update the configuration program" },
    { 1020, DISMISSAL, "The mic permission is not granted. This error usually occurs on mobile devices and may be caused by permission denial by user" },
    { 1021, DISMISSAL, "Failed to set mic parameters" },
    { 1022, DISMISSAL, "The mic is being used. For example, if the mobile device is on a call, the mic will fail to be enabled" },
    { 1023, DISMISSAL, "Failed to enable the speaker; for example, the configuration program (driver) of the speaker on Windows or macOS was exceptional. In this case, please try to disable and then enable the speaker again, restart the device, or update the configuration program" },
    { 1024, DISMISSAL, "Failed to start screen sharing. If this error occurs on a mobile device, it may be caused by permission denial by user; if on Windows or macOS, please check whether parameters of the screen sharing API meet the requirements" },
    { 1025, DISMISSAL, "Screen sharing failed. Please use Android 5.0 or above if the device is on Android or use iOS 11.0 or above if the device is on iOS" },
    { 1026, DISMISSAL, "No permission to upstream substream" },
    { 1027, DISMISSAL, "Another user is upstreaming substream" },
    { 1028, DISMISSAL, "Screen sharing was stopped by the system" },
    { 1029, DISMISSAL, "Failed to encode video frames; for example, when a user switches from an iOS device to another device, the hardware encoder may be released by the system; and after the user switches back, this error may be thrown before the hardware encoder is restarted" },
    { 1030, DISMISSAL, "Unsupported video resolution" },
    { 1031, DISMISSAL, "Failed to encode audio frames; for example, the SDK could not process the custom audio data passed in" },
    { 1032, DISMISSAL, "Unsupported audio sample rate" },
    /* ---- Real-Time Exceptional Event ID Mapping Table ------------------ */
    /* Statistics take time to collect: reported with a delay under 5 min. */
    { 2001, REALTIME,  "The system CPU utilization was too high" },
    { 2002, REALTIME,  "The application CPU utilization was too high" },
    { 2003, REALTIME,  "The upstream network latency was too high" },
    { 2004, REALTIME,  "The upstream network jitter was too high" },
    { 2005, REALTIME,  "The packet loss rate of upstream audio was too high" },
    { 2006, REALTIME,  "The volume level of audio capturing was 0" },
    { 2007, REALTIME,  "The packet loss rate of upstream big image was too high" },
    { 2008, REALTIME,  "The packet loss rate of upstream small image was too high" },
    { 2009, REALTIME,  "The packet loss rate of upstream substream image was too high" },
    { 2010, REALTIME,  "The FPS capturing of upstream big image was exceptional" },
    { 2011, REALTIME,  "The FPS capturing of upstream small image was exceptional" },
    { 2012, REALTIME,  "The FPS capturing of upstream substream image was exceptional" },
    { 2013, REALTIME,  "The downstream network latency was too high" },
    { 2014, REALTIME,  "The downstream network jitter was too high" },
    { 2015, REALTIME,  "The packet loss rate of downstream audio was too high" },
    { 2016, REALTIME,  "The volume level of audio playback was 0" },
    { 2017, REALTIME,  "The packet loss rate of downstream big image was too high" },
    { 2018, REALTIME,  "The packet loss rate of downstream small image was too high" },
    { 2019, REALTIME,  "The packet loss rate of downstream substream image was too high" },
    { 2020, REALTIME,  "The FPS rendering of downstream big image was exceptional" },
    { 2021, REALTIME,  "The FPS rendering of downstream small image was exceptional" },
    { 2022, REALTIME,  "The FPS rendering of downstream substream image was exceptional" },
    { 2023, REALTIME,  "The downstream audio lagged" },
    { 2024, REALTIME,  "The downstream big image lagged" },
    { 2025, REALTIME,  "The downstream small image lagged" },
    { 2026, REALTIME,  "The downstream substream image lagged" },
};
const int trtc_abnormal_count =
    (int)(sizeof(trtc_abnormal_rows) / sizeof(trtc_abnormal_rows[0]));

/* ---- EventMessage.Type (api-formats.md: DescribeUserEvent) ------------- */
const TrtcStreamTypeRow trtc_stream_type_rows[] = {
    { 0, "none",   "not video related" },
    { 2, "big",    "big (main) video" },
    { 3, "small",  "small video" },
    { 7, "bypass", "relayed (bypass) video" },
};
const int trtc_stream_type_count =
    (int)(sizeof(trtc_stream_type_rows) / sizeof(trtc_stream_type_rows[0]));

/* ---- Names of the enumerations, as SQL shows them ---------------------- */
const char *const trtc_source_names[TRTC_SRC_COUNT] = { "sdk", "webrtc" };
const char *const trtc_category_names[TRTC_CAT_COUNT] = {
    "device", "network", "app", "permission", "audio",
    "video", "room", "qos", "signaling", "media",
};
const char *const trtc_severity_names[TRTC_SEV_COUNT] = { "info", "warning", "error" };
const char *const trtc_kind_names[TRTC_KIND_COUNT] = { "room_dismissal", "realtime" };
