-- Abnormal experiences by remote peer: which remote user the abnormal
-- events were attributed to (PeerId; NULL when not caused by a remote
-- user), how many experiences of how many users, and which causes.
.headers on
.mode table --wrap 0
SELECT ifnull(peer_id, '(not a remote user)') AS remote_peer,
       count(DISTINCT user_id || '/' || event_time || '/' || experience_id) AS experiences,
       count(DISTINCT user_id) AS users, count(*) AS reports,
       group_concat(DISTINCT abnormal_event_id) AS causes
  FROM (SELECT * FROM trtc_unusual_log ORDER BY abnormal_event_id)
 WHERE abnormal_event_id IS NOT NULL
 GROUP BY peer_id
 ORDER BY experiences DESC, remote_peer;
