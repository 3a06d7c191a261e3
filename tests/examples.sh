#!/bin/sh
# tests/examples.sh: every query of sql/examples/ gives, on the bundled
# sample call, exactly the output in its .out file ("make update-examples"
# rewrites them), with the parameters its .params file sets (if any), and
# docs/cookbook.md shows each one as a runnable block: ".read
# sql/sample/load.sql", the .params lines, the example file, then its
# output as "--> " lines (the README shows one of them too). Docs,
# expected outputs and the queries cannot drift apart.
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"

# Does file $1 contain the text of file $2 (lines, in order, adjacent)?
contains() {
  awk -v want="$2" 'BEGIN {
      while ((getline l < want) > 0) w = w l "\n"
      if (w == "") exit 1
    }
    { doc = doc $0 "\n" }
    END { exit index(doc, w) > 0 ? 0 : 1 }' "$1"
}

count=$(ls "$src"/sql/examples/*.sql | wc -l)
echo "1..$((2 + 2 * count))"

${TRTC_RUN-} "$TRTC_BUILDDIR/trtc" ingest "$tmp/demo.db" "$src/sql/sample" >"$tmp/ingest.log" 2>&1
report $? "trtc ingest loads the sample call"

for example in "$src"/sql/examples/*.sql; do
  name=${example##*/}
  name=${name%.sql}
  params=$src/sql/examples/$name.params
  [ -f "$params" ] || params=/dev/null
  cat "$params" "$example" |
    "$sqlite" -batch -bail -cmd ".load $TRTC_MODULE" "$tmp/demo.db" >"$tmp/$name.out" 2>&1
  diff -u "$src/sql/examples/$name.out" "$tmp/$name.out" >"$tmp/$name.diff"
  st=$?
  report $st "sql/examples/$name.sql gives sql/examples/$name.out"
  [ $st -eq 0 ] || sed 's/^/# /' "$tmp/$name.diff"

  { echo '```sql'
    echo '.read sql/sample/load.sql'
    cat "$params" "$example"
    sed 's/^/--> /' "$src/sql/examples/$name.out"
    echo '```'
  } >"$tmp/$name.block"
  contains "$src/docs/cookbook.md" "$tmp/$name.block"
  st=$?
  report $st "docs/cookbook.md shows $name with its output"
  [ $st -eq 0 ] || sed 's/^/# want: /' "$tmp/$name.block"
done

# The README's tour shows the room-entry answer as text.
contains "$src/README.md" "$src/sql/examples/02-room-entry.out"
report $? "README.md shows the output of 02-room-entry"
exit 0
