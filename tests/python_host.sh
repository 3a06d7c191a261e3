#!/bin/sh
# tests/python_host.sh: the extension from Python's sqlite3 module
# (tests/python_host.py). Skips only when no python3 is found; configure
# looks for PYTHON3 in /usr/bin first (Debian's python3 can load
# extensions; some others cannot).
. "$TRTC_SRCDIR/tests/lib/skip.sh"
if [ -z "${PYTHON3:-}" ] || ! command -v "$PYTHON3" >/dev/null 2>&1; then
  skip_all "python3 not found (install python3, or configure PYTHON3=...)"
fi
# TRTC_RUN: how the tests start programs that load trtc.so (ASan preload,
# valgrind); PYTHONMALLOC=malloc lets valgrind see Python's memory as it is.
PYTHONMALLOC=malloc exec ${TRTC_RUN-} "$PYTHON3" "$TRTC_SRCDIR/tests/python_host.py"
