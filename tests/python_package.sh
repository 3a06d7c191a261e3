#!/bin/sh
# tests/python_package.sh: the failure answers of the Python package's
# load() (tests/python_package.py), with the package from the source tree
# (no wheel, no module needed). Skips only when no python3 is found.
. "$TRTC_SRCDIR/tests/lib/skip.sh"
if [ -z "${PYTHON3:-}" ] || ! command -v "$PYTHON3" >/dev/null 2>&1; then
  skip_all "python3 not found (install python3, or configure PYTHON3=...)"
fi
PYTHONPATH=$TRTC_SRCDIR/python PYTHONDONTWRITEBYTECODE=1 exec "$PYTHON3" "$TRTC_SRCDIR/tests/python_package.py"
