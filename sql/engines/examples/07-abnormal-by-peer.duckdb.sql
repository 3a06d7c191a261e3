-- sql/examples/07-abnormal-by-peer.sql in DuckDB (schema.duckdb.sql):
-- abnormal experiences by remote peer, which remote user the abnormal
-- events were attributed to (PeerId; NULL when not caused by a remote
-- user), how many experiences of how many users, and which causes.
SELECT coalesce(peer_id, '(not a remote user)') AS remote_peer,
       count(DISTINCT user_id || '/' || event_time || '/' || experience_id) AS experiences,
       count(DISTINCT user_id) AS users, count(*) AS reports,
       array_to_string(list_sort(list_distinct(list(abnormal_event_id))), ',') AS causes
  FROM trtc_unusual_log
 WHERE abnormal_event_id IS NOT NULL
 GROUP BY peer_id
 ORDER BY experiences DESC, remote_peer;
