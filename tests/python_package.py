"""tests/python_package.py: sqlite_trtc.load()'s answers when it cannot
load (python/sqlite_trtc/, imported from the source tree): a sqlite3
module built without extension loading (simulated: a connection object
without enable_load_extension, as pyenv's and macOS's Pythons give), an
object that is not a connection, SQLite refusing the module (extension
loading must be turned off again), and the sqlite-utils plugin hook
handing its connection to load(). Prints TAP; run by
tests/python_package.sh with PYTHONPATH=$TRTC_SRCDIR/python.
"""
import os
import sqlite3

import sqlite_trtc
from sqlite_trtc import sqlite_utils_plugin

results = []


def check(ok, what, detail=None):
    results.append((bool(ok), what, detail))


class NoExtensionsConnection:
    """What sqlite3.connect() returns in a Python built without
    --enable-loadable-sqlite-extensions: a connection with no
    enable_load_extension() and no load_extension()."""

    def cursor(self):
        raise AssertionError("not used")

    def execute(self, *args):
        raise AssertionError("not used")


class RefusingConnection:
    """A connection whose SQLite refuses the module; records the calls."""

    def __init__(self):
        self.calls = []

    def cursor(self):
        raise AssertionError("not used")

    def enable_load_extension(self, on):
        self.calls.append(("enable", on))

    def load_extension(self, path):
        self.calls.append(("load", path))
        raise sqlite3.OperationalError("trtc: SQLite 3.31.0 or newer is needed")


try:
    sqlite_trtc.load(NoExtensionsConnection())
except sqlite_trtc.ExtensionLoadingUnavailable as e:
    msg = str(e)
    check(isinstance(e, RuntimeError), "ExtensionLoadingUnavailable is a RuntimeError")
    for part in ("cannot load SQLite extensions", "enable_load_extension",
                 "--enable-loadable-sqlite-extensions", "/usr/bin/python3", "pyenv install"):
        check(part in msg, "the message says %r" % part, msg)
except Exception as e:  # noqa: BLE001 - any other exception is the failure
    check(False, "no extension loading: ExtensionLoadingUnavailable", repr(e))
else:
    check(False, "no extension loading: ExtensionLoadingUnavailable", "no exception")

try:
    sqlite_trtc.load(object())
except TypeError as e:
    check("takes a sqlite3 connection" in str(e) and "object" in str(e),
          "not a connection: TypeError naming what it got", str(e))
else:
    check(False, "not a connection: TypeError", "no TypeError")

conn = RefusingConnection()
try:
    sqlite_trtc.load(conn)
except sqlite3.OperationalError as e:
    check(str(e) == "trtc: SQLite 3.31.0 or newer is needed", "SQLite's refusal reaches the caller", str(e))
else:
    check(False, "SQLite's refusal reaches the caller", "no exception")
check(conn.calls == [("enable", True), ("load", sqlite_trtc.loadable_path()), ("enable", False)],
      "extension loading is turned off again after a refusal", conn.calls)

path = sqlite_trtc.loadable_path()
check(os.path.isabs(path) and os.path.basename(path) == "trtc"
      and os.path.dirname(path) == os.path.dirname(os.path.abspath(sqlite_trtc.__file__)),
      "loadable_path(): the package's trtc, without suffix", path)

conn = RefusingConnection()
try:
    sqlite_utils_plugin.prepare_connection(conn)
except sqlite3.OperationalError:
    pass
check(("load", path) in conn.calls, "the plugin's prepare_connection(conn) loads into conn", conn.calls)

print("1..%d" % len(results))
for i, (ok, what, detail) in enumerate(results, 1):
    print("%sok %d - %s" % ("" if ok else "not ", i, what))
    if not ok:
        print("#   %r" % (detail,))
