#!/bin/sh
# tests/docs.sh: run every ```sql example in README.md and docs/*.md and
# compare what the sqlite3 shell prints with the example's "--> " lines.
#
# Each block runs in a fresh in-memory database with trtc loaded, from the
# repository root, in list mode with NULL shown as NULL; "--> " lines are
# the expected output (stdout and stderr), all other lines are the SQL.
set -u
: "${SQLITE3:=sqlite3}"
: "${TRTC_MODULE:?set by make check}"
cd "$TRTC_SRCDIR" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# Split the blocks into $tmp/N.sql and $tmp/N.want; list "N file:line".
for f in README.md docs/*.md; do
  awk -v f="$f" -v dir="$tmp" '
    /^```sql[ \t]*$/ { inb = 1; n = ++count; start = FNR
                       id = f "." n; gsub(/[^A-Za-z0-9.]/, "_", id)
                       sql = dir "/" id ".sql"; want = dir "/" id ".want"
                       printf "" > sql; printf "" > want
                       print id, f ":" start; next }
    inb && /^```/    { inb = 0; close(sql); close(want); next }
    inb && /^--> /   { print substr($0, 5) > want; next }
    inb && /^-->$/   { print "" > want; next }
    inb              { print > sql }
  ' "$f"
done >"$tmp/list"

total=$(wc -l <"$tmp/list")
echo "1..$total"
i=0
while read -r id where; do
  i=$((i + 1))
  {
    printf '.load %s\n.mode list\n.nullvalue NULL\n.headers off\n' "$TRTC_MODULE"
    cat "$tmp/$id.sql"
  } | ${TRTC_RUN-} "$SQLITE3" -batch :memory: >"$tmp/$id.got" 2>&1
  if cmp -s "$tmp/$id.got" "$tmp/$id.want"; then
    echo "ok $i - example at $where"
  else
    echo "not ok $i - example at $where"
    diff "$tmp/$id.want" "$tmp/$id.got" | sed 's/^/# /'
  fi
done <"$tmp/list"
