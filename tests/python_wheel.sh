#!/bin/sh
# tests/python_wheel.sh: the Python wheel (python/), as "make wheel" builds
# it (python/build-wheel.sh, offline, Debian's python3-build), with the
# platform tag checked against what the module needs, installed into a
# fresh venv with pip install --no-index, then used from Python
# (tests/python_wheel.py). The sqlite-utils plugin is tested end to end
# when the system's sqlite-utils has plugins (3.34 or later; Debian 12's
# 3.30 has none: that result is then a stated skip), and --load-extension
# with the wheel's module in any sqlite-utils. Skips when Debian's
# python3-build, -setuptools, -wheel or -venv are missing.
set -u
. "$TRTC_SRCDIR/tests/lib/skip.sh"
: "${PYTHON3:=/usr/bin/python3}"
if ! "$PYTHON3" -c 'import build, setuptools, wheel, venv, ensurepip' >/dev/null 2>&1; then
  skip_all "$PYTHON3 lacks build, setuptools, wheel or venv (apt-get install python3-build python3-setuptools python3-wheel python3-venv)"
fi
. "$TRTC_SRCDIR/tests/lib/lib.sh"
export PYTHONMALLOC=malloc PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INDEX=1 PIP_NO_CACHE_DIR=1
# The version configure.ac gives (PACKAGE_VERSION, through config.h).
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$TRTC_BUILDDIR/config.h")

echo "1..18"
PYTHON3=$PYTHON3 sh "$src/python/build-wheel.sh" "$TRTC_MODULE.so" "$version" "$tmp/wheel" \
  >"$tmp/build.out" 2>&1
rc=$?
[ $rc -eq 0 ] || sed 's/^/#   /' "$tmp/build.out" | tail -n 30
report $rc "python/build-wheel.sh builds the wheel offline"
whl=$(ls "$tmp"/wheel/*.whl 2>/dev/null)
name=${whl##*/}
case $name in
  "sqlite_trtc-$version-py3-none-"*.whl) report 0 "one wheel, sqlite_trtc-$version-py3-none-PLATFORM.whl" ;;
  *) report 1 "one wheel, sqlite_trtc-$version-py3-none-PLATFORM.whl (got: $name)" ;;
esac

# The tag's promise, checked against the module the wheel holds.
mkdir "$tmp/x" && (cd "$tmp/x" && "$PYTHON3" -m zipfile -e "$whl" .)
so=$tmp/x/sqlite_trtc/trtc.so
platform=${name#"sqlite_trtc-$version-py3-none-"}
platform=${platform%.whl}
needed=$(readelf -dW "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
newest=$(readelf -VW "$so" | sed -n 's/.*Name: GLIBC_2\.\([0-9]*\).*/\1/p' | sort -n | tail -n 1)
others=$(printf '%s\n' $needed | grep -vxE 'libc\.so\.6|libm\.so\.6|libdl\.so\.2|librt\.so\.1|libpthread\.so\.0')
arch=$(uname -m)
case $platform in
  manylinux_2_*)
    glibc=${platform#manylinux_2_}
    glibc=${glibc%%_*}
    [ -z "$others" ] && [ "${newest:-0}" -le "$glibc" ] && [ "$glibc" -ge 17 ] &&
      case $platform in "manylinux_2_${glibc}_$arch"*) true ;; *) false ;; esac
    report $? "$platform is true: needs $needed(GLIBC_2.$newest at most)"
    ;;
  "linux_$arch")
    [ -n "$others" ]
    report $? "linux_$arch only because the module needs $others"
    ;;
  *) report 1 "unexpected platform tag $platform" ;;
esac
grep -qx 'Root-Is-Purelib: false' "$tmp"/x/sqlite_trtc-*.dist-info/WHEEL &&
  grep -qx "Tag: py3-none-${platform%%.*}" "$tmp"/x/sqlite_trtc-*.dist-info/WHEEL
report $? "WHEEL: not purelib, tagged py3-none"
is "$(cat "$tmp"/x/sqlite_trtc-*.dist-info/entry_points.txt)" "[sqlite_utils]
trtc = sqlite_trtc.sqlite_utils_plugin" "entry_points.txt: the sqlite-utils plugin"

# A fresh venv of Debian's python3, the wheel installed from the file only.
"$PYTHON3" -m venv "$tmp/venv" >"$tmp/venv.out" 2>&1 &&
  "$tmp/venv/bin/python" -m pip install -q --no-index "$whl" >>"$tmp/venv.out" 2>&1
rc=$?
[ $rc -eq 0 ] || sed 's/^/#   /' "$tmp/venv.out" | tail -n 20
report $rc "python3 -m venv; pip install --no-index the wheel"

# tests/python_wheel.py: 9 results, continuing this numbering.
TAP_FIRST=$((n + 1)) WHEEL_VERSION=$version ${TRTC_RUN-} "$tmp/venv/bin/python" "$src/tests/python_wheel.py" \
  >"$tmp/py.out" 2>&1
rc=$?
sed '/^\(not \)\{0,1\}ok /!s/^/# /' "$tmp/py.out"
got=$(grep -cE '^(not )?ok ' "$tmp/py.out")
n=$((n + got))
[ $rc -eq 0 ] && [ "$got" -eq 9 ]
report $? "tests/python_wheel.py ran to its end (status $rc, 9 results)"

# The sqlite-utils plugin, end to end, where sqlite-utils has plugins.
su_version=$("$PYTHON3" -c 'import importlib.metadata as m; print(m.version("sqlite-utils"))' 2>/dev/null)
n=$((n + 1))
if [ -z "$su_version" ]; then
  echo "ok $n - sqlite-utils plugin # SKIP sqlite-utils is not installed"
elif [ "$(printf '%s\n3.34\n' "$su_version" | sort -V | head -n 1)" != 3.34 ]; then
  echo "ok $n - sqlite-utils plugin # SKIP sqlite-utils $su_version has no plugins (they came in 3.34)"
else
  n=$((n - 1))
  "$PYTHON3" -m venv --system-site-packages "$tmp/venv-su" >/dev/null 2>&1 &&
    "$tmp/venv-su/bin/python" -m pip install -q --no-index "$whl" >/dev/null 2>&1
  is "$(${TRTC_RUN-} "$tmp/venv-su/bin/python" -c 'import sqlite_utils
print(next(sqlite_utils.Database(memory=True).query("SELECT trtc_event(5003, 0) AS t"))["t"])' 2>&1)" \
     "Failed to enter room" "sqlite-utils $su_version: the plugin loads trtc into every Database"
fi

# Any sqlite-utils (Debian 12's 3.30 too): --load-extension with the
# wheel's module, found by loadable_path().
if [ -n "${SQLITE_UTILS:-}" ] && command -v "$SQLITE_UTILS" >/dev/null 2>&1; then
  path=$("$tmp/venv/bin/python" -c 'import sqlite_trtc; print(sqlite_trtc.loadable_path())')
  is "$(${TRTC_RUN-} "$SQLITE_UTILS" memory --load-extension "$path" 'SELECT trtc_event(5003, 0) AS t' --csv 2>&1 |
        tr -d '\r')" "t
Failed to enter room" "sqlite-utils memory --load-extension \$(python -c '...loadable_path()')"
else
  n=$((n + 1))
  echo "ok $n - sqlite-utils --load-extension with the wheel's module # SKIP sqlite-utils not found"
fi
