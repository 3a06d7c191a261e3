#!/bin/sh
# tests/registered.sh: the functions and modules the extension registers,
# and the views sql/schema.sql creates, are exactly the ones docs/
# documents (a "### trtc_name" heading each).
set -u
: "${SQLITE3:=sqlite3}"
docs=$TRTC_SRCDIR/docs
tmp=${TMPDIR:-/tmp}/trtc-registered.$$
trap 'rm -f "$tmp".*' EXIT

grep -ho '^### `\?trtc_[a-z0-9_]*' "$docs"/*.md | sed 's/^### `\{0,1\}//' | sort -u >"$tmp.doc"
# ... and the views of sql/schema.sql (docs/views.md).
printf '.load %s\n.read %s\nSELECT DISTINCT name FROM pragma_function_list WHERE name GLOB %s\nUNION SELECT name FROM pragma_module_list WHERE name GLOB %s\nUNION SELECT name FROM sqlite_master WHERE type = %s AND name GLOB %s;\n' \
  "$TRTC_MODULE" "$TRTC_SRCDIR/sql/schema.sql" "'trtc_*'" "'trtc_*'" "'view'" "'trtc_*'" |
  ${TRTC_RUN-} "$SQLITE3" -batch :memory: | sort -u >"$tmp.reg"

echo "1..3"
n=$(wc -l <"$tmp.reg")
if [ "$n" -gt 0 ]; then echo "ok 1 - the extension registers $n trtc_ names"; else echo "not ok 1 - no trtc_ names registered"; fi
missing=$(comm -23 "$tmp.reg" "$tmp.doc" | tr '\n' ' ')
if [ -z "$missing" ]; then echo "ok 2 - every registered name is documented"; else echo "not ok 2 - registered but not documented: $missing"; fi
extra=$(comm -13 "$tmp.reg" "$tmp.doc" | tr '\n' ' ')
if [ -z "$extra" ]; then echo "ok 3 - every documented name is registered"; else echo "not ok 3 - documented but not registered: $extra"; fi
