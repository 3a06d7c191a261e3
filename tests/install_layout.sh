#!/bin/sh
# tests/install_layout.sh: "make install DESTDIR=..." of this build puts
# exactly the documented files in the documented places (mk/install.am,
# docs/install.md), the installed module loads and decodes, the installed
# man page names the installed paths, and "make uninstall" removes every
# file again. Every installation directory is given on the command line
# (prefix /p), so the list does not depend on how this build was
# configured (the Debian build gives --libdir and --with-extdir).
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"
: "${MAKE:=make}"

dirs="prefix=/p exec_prefix=/p bindir=/p/bin libdir=/p/lib includedir=/p/include
  datarootdir=/p/share datadir=/p/share mandir=/p/share/man extdir=/p/lib/sqlite3
  pkgconfigdir=/p/lib/pkgconfig"
# A make of its own: not the jobserver of the make that runs the tests.
mk() { # mk TARGET: TARGET in the build tree, installing under $tmp/root
  # shellcheck disable=SC2086
  env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "$MAKE" -C "$TRTC_BUILDDIR" "$1" \
    DESTDIR="$tmp/root" $dirs >"$tmp/make-$1.out" 2>&1
  rc=$?
  [ $rc -eq 0 ] || sed 's/^/#   /' "$tmp/make-$1.out" | tail -n 20
  return $rc
}

echo "1..6"
mk install
report $? "make install DESTDIR=... succeeds"

# The list every route shares, with install_layout's directories (/p).
want=$(grep -v '^#' "$src/tests/fixtures/installed-files.txt" |
  sed -e 's|^man/|share/man/|' -e 's|^|./p/|' | LC_ALL=C sort)
is "$(cd "$tmp/root" && find . \( -type f -o -type l \) | LC_ALL=C sort)" "$want" "the installed files: no more (no trtc.la), no fewer"

# The installed copies are the tree's, byte for byte.
same=0
for f in schema.sql examples/02-room-entry.sql sample/manifest.json sample/user-events-carol.json; do
  cmp -s "$tmp/root/p/share/sqlite-trtc/$f" "$src/sql/$f" || { same=1; echo "# differs: $f"; }
done
report $same "schema, examples and sample are the tree's files"

# The installed module, from a directory where no trtc.so lies.
is "$(cd "$tmp" && $sqlite -batch -cmd ".load $tmp/root/p/lib/sqlite3/trtc" :memory: \
       "SELECT peer_id, text FROM trtc_user_events(readfile('$tmp/root/p/share/sqlite-trtc/sample/user-events-carol.json')) WHERE severity = 'error'" 2>&1)" \
   "carol|Failed to obtain IP address info
carol|Connection to CVM timed out
carol|Failed to enter room" "the installed module decodes the installed sample"

# The man page names the configured paths (it is built before install, from
# configure's values, so it is not checked against /p).
grep -q '^\.B trtc$' "$tmp/root/p/share/man/man1/trtc.1" &&
  ! grep -q '@[a-zA-Z_]*@' "$tmp/root/p/share/man/man1/trtc.1"
report $? "the man page is installed with every @variable@ substituted"

mk uninstall
left=$(cd "$tmp/root" && find . \( -type f -o -type l \))
is "$left" "" "make uninstall removes every file it installed"
