#!/bin/sh
# python/build-wheel.sh MODULE VERSION OUTDIR: build the wheel of the
# Python package sqlite-trtc (python/) around the built module MODULE
# (.libs/trtc.so), offline, with Debian's python3-build, -setuptools and
# -wheel (no isolation, nothing downloaded), into OUTDIR. Used by "make
# wheel" and tests/python_wheel.sh.
#
#   PYTHON3=/usr/bin/python3 sh python/build-wheel.sh .libs/trtc.so 0.1.0 wheel
#
# The package is copied to a temporary directory first, so that the build
# writes nothing next to the sources. The wheel is tagged py3-none-PLATFORM,
# PLATFORM being what python/platform_tag.py finds true of MODULE.
set -eu
[ $# -eq 3 ] || { echo "usage: $0 MODULE VERSION OUTDIR" >&2; exit 2; }
module=$1 version=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
: "${PYTHON3:=/usr/bin/python3}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$here/sqlite_trtc" "$here/pyproject.toml" "$here/setup.py" "$here/README.md" "$work/"
chmod -R u+w "$work" # the sources may be read-only (make distcheck)
cp "$module" "$work/sqlite_trtc/trtc.so"
chmod 644 "$work/sqlite_trtc/trtc.so"
# No debug information in the wheel (it names the build's paths).
if command -v strip >/dev/null 2>&1; then strip --strip-debug "$work/sqlite_trtc/trtc.so"; fi
platform=$("$PYTHON3" "$here/platform_tag.py" "$work/sqlite_trtc/trtc.so")

mkdir -p "$out"
SQLITE_TRTC_VERSION=$version SQLITE_TRTC_PLATFORM=$platform \
  "$PYTHON3" -m build --no-isolation --wheel --outdir "$out" "$work" >"$work/build.log" 2>&1 || {
  cat "$work/build.log" >&2
  echo "$0: python3 -m build failed" >&2
  exit 1
}
ls "$out"/sqlite_trtc-"$version"-py3-none-*.whl
