#!/bin/sh
# tests/man_lint.sh: the trtc man page (src/cli/trtc.1, built from
# src/cli/trtc.1.in) is clean troff for groff -ww and man --warnings, and
# documents every option "trtc ingest --help" lists.
set -u
. "$TRTC_SRCDIR/tests/lib/skip.sh"
command -v groff >/dev/null 2>&1 || skip_all "groff not found (apt-get install groff-base)"
. "$TRTC_SRCDIR/tests/lib/lib.sh"
page=$TRTC_BUILDDIR/src/cli/trtc.1

echo "1..4"
[ -f "$page" ]
report $? "the man page is built"
groff -ww -z -man "$page" >"$tmp/groff" 2>&1
is "$?:$(cat "$tmp/groff")" "0:" "groff -ww -z -man: no warning"
if command -v man >/dev/null 2>&1; then
  MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>"$tmp/man" >"$tmp/page"
  is "$?:$(cat "$tmp/man")" "0:" "man --warnings: no warning"
else
  MANWIDTH=80 groff -ww -man -Tutf8 "$page" >"$tmp/page" 2>/dev/null
  report 0 "man --warnings: (man not installed; groff checked it)"
fi
missing=
for opt in $(${TRTC_RUN-} "$TRTC_BUILDDIR/trtc" ingest --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
  grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" "$page" || missing="$missing $opt"
done
is "$missing" "" "every option of trtc ingest --help is in the man page"
exit 0
