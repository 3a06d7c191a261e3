CASE fn
  WHEN 'trtc_event' THEN CASE nargs WHEN 1 THEN trtc_event(a1) WHEN 2 THEN trtc_event(a1, a2) ELSE trtc_event(a1, a2, a3) END
  WHEN 'trtc_event_severity' THEN CASE nargs WHEN 1 THEN trtc_event_severity(a1) WHEN 2 THEN trtc_event_severity(a1, a2)
                                  ELSE trtc_event_severity(a1, a2, a3) END
  WHEN 'trtc_event_source' THEN trtc_event_source(a1)
  WHEN 'trtc_event_category' THEN trtc_event_category(a1)
  WHEN 'trtc_experience' THEN trtc_experience(a1)
  WHEN 'trtc_abnormal_event' THEN trtc_abnormal_event(a1)
  WHEN 'trtc_abnormal_event_kind' THEN trtc_abnormal_event_kind(a1)
  WHEN 'trtc_stream_type' THEN trtc_stream_type(a1) END
