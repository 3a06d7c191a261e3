"""sqlite_trtc.sqlite_utils_plugin: the sqlite-utils plugin of sqlite-trtc
(entry point "trtc" in group "sqlite_utils"). sqlite-utils 3.34 and later
call prepare_connection() on every connection they open, so with this
wheel installed in sqlite-utils' environment the trtc_* functions work
without --load-extension:

    sqlite-utils install sqlite_trtc-VERSION-py3-none-PLATFORM.whl
    sqlite-utils memory "SELECT trtc_event(5003, 0)"

Older sqlite-utils (Debian 12 has 3.30) have no plugins and ignore it.
"""
import sqlite_trtc

try:
    from sqlite_utils import hookimpl
except ImportError:  # no sqlite-utils, or one older than 3.34 (no plugins)

    def hookimpl(func):
        return func


@hookimpl
def prepare_connection(conn):
    """Load the extension into each connection sqlite-utils opens."""
    sqlite_trtc.load(conn)
