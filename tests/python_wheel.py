"""tests/python_wheel.py: the installed wheel, as a user of it runs it:
imported from the venv (not from the source tree), load() on a real
sqlite3 connection, a saved response decoded, extension loading off
again afterwards, the sqlite-utils entry point. Prints TAP results (no
plan) numbered from TAP_FIRST; run by tests/python_wheel.sh with the
venv's python, WHEEL_VERSION and TRTC_SRCDIR.
"""
import os
import sqlite3
import sys

results = []


def check(ok, what, detail=None):
    results.append((bool(ok), what, detail))


def eq(got, want, what):
    check(got == want, what, "got %r, want %r" % (got, want))


import sqlite_trtc  # noqa: E402

here = os.path.dirname(os.path.abspath(sqlite_trtc.__file__))
check(here.startswith(sys.prefix + os.sep) and "site-packages" in here,
      "sqlite_trtc is imported from the venv's site-packages", here)
eq(sqlite_trtc.__version__, os.environ["WHEEL_VERSION"], "sqlite_trtc.__version__")
path = sqlite_trtc.loadable_path()
check(os.path.isfile(path + ".so") and os.path.dirname(path) == here,
      "loadable_path() + '.so' is the module in the package", path)

conn = sqlite3.connect(":memory:")
sqlite_trtc.load(conn)
eq(conn.execute("SELECT trtc_event(5003, 0)").fetchone()[0], "Failed to enter room",
   "load(conn): trtc_event() works")
with open(os.path.join(os.environ["TRTC_SRCDIR"], "sql/sample/user-events-carol.json"), encoding="utf-8") as f:
    body = f.read()
eq(conn.execute("SELECT event_id, text FROM trtc_user_events(?) WHERE severity = 'error'", (body,)).fetchall(),
   [(5002, "Failed to obtain IP address info"), (5005, "Connection to CVM timed out"),
    (5003, "Failed to enter room")], "a saved response decoded with trtc_user_events()")
try:
    conn.execute("SELECT load_extension(?)", (path,)).fetchall()
except sqlite3.OperationalError as e:
    eq(str(e), "not authorized", "after load(), SQL cannot load extensions")
else:
    check(False, "after load(), SQL cannot load extensions", "load_extension() was allowed")
sqlite_trtc.load(conn)
eq(conn.execute("SELECT trtc_abnormal_event(1001)").fetchone()[0], "Failed to initialize audio device",
   "load() twice on one connection")

try:
    from importlib.metadata import entry_points

    eps = entry_points()
    group = eps.select(group="sqlite_utils") if hasattr(eps, "select") else eps.get("sqlite_utils", [])
    found = [(ep.name, ep.value) for ep in group if ep.name == "trtc"]
except Exception as e:  # noqa: BLE001
    found = repr(e)
eq(found, [("trtc", "sqlite_trtc.sqlite_utils_plugin")], "the sqlite_utils entry point is registered")
plugin = [ep for ep in group if ep.name == "trtc"][0].load() if found else None
conn2 = sqlite3.connect(":memory:")
if plugin is not None:
    plugin.prepare_connection(conn2)
    eq(conn2.execute("SELECT trtc_event(5003, 0)").fetchone()[0], "Failed to enter room",
       "the entry point's prepare_connection(conn) loads the functions")
else:
    check(False, "the entry point's prepare_connection(conn) loads the functions", "no entry point")

for i, (ok, what, detail) in enumerate(results, int(os.environ["TAP_FIRST"])):
    print("%sok %d - %s" % ("" if ok else "not ", i, what))
    if not ok:
        print("#   %s" % (detail,))
