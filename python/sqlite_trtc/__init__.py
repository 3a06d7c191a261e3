"""sqlite_trtc: the sqlite-trtc SQLite extension, which decodes Tencent
Cloud TRTC monitoring-API event ids in SQL, for Python's sqlite3 module.
The wheel carries the loadable module (trtc.so) itself.

    import sqlite3
    import sqlite_trtc

    conn = sqlite3.connect("calls.db")
    sqlite_trtc.load(conn)
    conn.execute("SELECT trtc_event(5003, 0)").fetchone()
    # -> ('Failed to enter room',)

loadable_path() gives the module's path without its suffix, as
sqlite3's load_extension() and the shell's .load take it.
"""
import os

__all__ = ["ExtensionLoadingUnavailable", "load", "loadable_path"]

try:
    from importlib.metadata import PackageNotFoundError, version as _version

    try:
        __version__ = _version("sqlite-trtc")
    except PackageNotFoundError:  # imported from a source tree
        __version__ = None
except ImportError:  # Python 3.7
    __version__ = None


class ExtensionLoadingUnavailable(RuntimeError):
    """This Python's sqlite3 module was built without extension loading."""


_UNAVAILABLE = (
    "sqlite_trtc.load(): this Python's sqlite3 module cannot load SQLite "
    "extensions: its connections have no enable_load_extension(), because "
    "Python was built without --enable-loadable-sqlite-extensions (pyenv "
    "builds and the macOS system Python are, by default). Use a Python that "
    "can: Debian's or Ubuntu's /usr/bin/python3, Homebrew's python3 on "
    "macOS, or rebuild with pyenv: "
    "PYTHON_CONFIGURE_OPTS=--enable-loadable-sqlite-extensions pyenv install VERSION"
)


def loadable_path():
    """The path of the bundled module without its suffix (.so), as
    sqlite3.Connection.load_extension() and the shell's .load take it."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "trtc")


def load(conn):
    """Load the extension into the sqlite3 connection conn: every trtc_*
    function and table is then available on it. Extension loading is
    turned on for this call only and off again afterwards, so SQL cannot
    call load_extension(). Raises ExtensionLoadingUnavailable when this
    Python's sqlite3 cannot load extensions, sqlite3.OperationalError when
    SQLite refuses the module (e.g. SQLite older than 3.31.0)."""
    enable = getattr(conn, "enable_load_extension", None)
    if enable is None:
        if not hasattr(conn, "cursor"):
            raise TypeError(
                "sqlite_trtc.load() takes a sqlite3 connection (for a "
                "sqlite_utils.Database, its .conn), not %s" % type(conn).__name__
            )
        raise ExtensionLoadingUnavailable(_UNAVAILABLE)
    enable(True)
    try:
        conn.load_extension(loadable_path())
    finally:
        enable(False)
