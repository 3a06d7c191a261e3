"""tests/python_host.py: trtc from Python's sqlite3 module, as an analyst
would use it: load the extension, decode a response held in a Python
string or bytes, catch errors, and keep responses with sql/schema.sql.
Prints TAP; run by tests/python_host.sh with TRTC_MODULE and TRTC_SRCDIR.
"""
import hashlib
import os
import sqlite3
import sys

src = os.environ["TRTC_SRCDIR"]
module = os.environ["TRTC_MODULE"]
results = []


def check(ok, what, got=None, want=None):
    results.append((bool(ok), what, got, want))


def eq(got, want, what):
    check(got == want, what, got, want)


def raises(sql, args, want, what):
    try:
        conn.execute(sql, args).fetchall()
    except sqlite3.Error as e:
        eq(str(e), want, what)
    else:
        check(False, what, "no error", want)


def read(path):
    with open(os.path.join(src, path), encoding="utf-8") as f:
        return f.read()


conn = sqlite3.connect(":memory:")
if not hasattr(conn, "enable_load_extension"):
    print("1..1")
    print("not ok 1 - %s: this python's sqlite3 cannot load extensions; "
          "use Debian's python3 (configure PYTHON3=/usr/bin/python3)" % sys.executable)
    sys.exit(0)
conn.enable_load_extension(True)
conn.load_extension(module)
conn.enable_load_extension(False)

user_events = read("tests/fixtures/api_user_event.json")
unusual = read("tests/fixtures/api_unusual_event.json")

rows = conn.execute(
    "SELECT peer_id, type, stream, time_ms, event_id, param1, param2, text, source, category, severity"
    " FROM trtc_user_events(?)", (user_events,)).fetchall()
eq(len(rows), 4, "trtc_user_events: 4 rows from a str parameter")
eq(rows[0], ("alice", 0, "none", 1700000000123, 5001, -1, -1, "Started entering room", "sdk", "room", "info"),
   "the first row, every column")
eq(rows[2][7], "Video resolution has been switched (Resolution width: 1280, Resolution height: 720)",
   "measured values in text")
eq(conn.execute("SELECT count(*) FROM trtc_user_events(?)", (user_events.encode(),)).fetchone()[0], 4,
   "bytes (a BLOB) work too")
eq(conn.execute("SELECT count(*) FROM trtc_user_events(?)", (None,)).fetchone()[0], 0, "None gives no rows")

rows = conn.execute("SELECT user_id, experience, abnormal_event_id, peer_id FROM trtc_unusual_events(?)",
                    (unusual,)).fetchall()
eq(rows, [("alice", "Video lagged", 2010, None), ("alice", "Video lagged", 2024, "bob"),
          ("bob", "Room entry was slow", None, None)], "trtc_unusual_events: all rows")

raises("SELECT * FROM trtc_user_events(?)", ('{"Response": {',),
       "trtc_user_events: malformed JSON at byte 14 (line 1, column 15): the text ends inside an object or array",
       "malformed JSON raises sqlite3.OperationalError")
raises("SELECT * FROM trtc_unusual_events(?)", (read("tests/fixtures/api_error.json"),),
       "trtc_unusual_events: API error InvalidParameter.RoomId: RoomId does not exist.",
       "an API error response raises with its Code and Message")

# Keep responses durably: the schema, a response stored from Python, the
# rows decoded in SQL, read back through the decoded view.
conn.executescript(read("sql/schema.sql"))
body = read("sql/sample/user-events-carol.json")
conn.execute("INSERT INTO trtc_responses (api, sdk_app_id, comm_id, room_id, user_id, body, body_sha3)"
             " VALUES ('DescribeUserEvent', 1400188366, 'c1', '61203', 'carol', ?, ?)",
             (body, hashlib.sha3_256(body.encode()).digest()))
conn.execute("INSERT INTO trtc_event_log (response_id, seq, sdk_app_id, comm_id, room_id, user_id,"
             " peer_id, type, time_ms, event_id, param1, param2)"
             " SELECT r.response_id, e.rowid, r.sdk_app_id, r.comm_id, r.room_id, r.user_id,"
             " e.peer_id, e.type, e.time_ms, e.event_id, e.param1, e.param2"
             " FROM trtc_responses r, trtc_user_events(r.body) e")
eq(conn.execute("SELECT count(*) FROM trtc_event_log").fetchone()[0], 21, "decoded into trtc_event_log")
eq(conn.execute("SELECT time_utc, text FROM trtc_event_log_decoded WHERE severity = 'error' ORDER BY time_ms").fetchall(),
   [("2024-03-12 09:30:43.100", "Failed to obtain IP address info"),
    ("2024-03-12 09:30:45.060", "Connection to CVM timed out"),
    ("2024-03-12 09:30:45.070", "Failed to enter room")], "the decoded view")
cur = conn.execute("INSERT OR IGNORE INTO trtc_responses (api, sdk_app_id, comm_id, room_id, user_id, body, body_sha3)"
                   " VALUES ('DescribeUserEvent', 1400188366, 'c1', '61203', 'carol', ?, ?)",
                   (body, hashlib.sha3_256(body.encode()).digest()))
eq(cur.rowcount, 0, "the same response with the same context is stored once")

print("1..%d" % len(results))
for i, (ok, what, got, want) in enumerate(results, 1):
    print("%sok %d - %s" % ("" if ok else "not ", i, what))
    if not ok:
        print("#      got: %r\n#     want: %r" % (got, want))
