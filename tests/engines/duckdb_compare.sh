#!/bin/sh
# tests/engines/duckdb_compare.sh: sql/engines/duckdb.sql in DuckDB, run
# from Node with the npm package @duckdb/node-api (pinned in
# tests/engines/package-lock.json, installed into the build tree by "make
# engines-node", which make check runs first), gives the extension's
# answers. The same cases as tests/engines/pg_compare.sh (tests/engines/
# lib.sh): the mapping tables, every scalar function over the spec's ids
# and parameter values, values of other types, every response case through
# trtc_user_events() and trtc_unusual_events() given as VARCHAR, JSON and
# BLOB; then what docs/engines.md says of DuckDB
# (tests/engines/duckdb_compare.mjs does the DuckDB part).
set -u
. "$TRTC_SRCDIR/tests/lib/skip.sh"
: "${NODE:=node}"
node_dir=${TRTC_NODE_DIR:-$TRTC_BUILDDIR/tests/engines/node}
command -v "$NODE" >/dev/null 2>&1 || skip_all "Node.js not found (apt-get install nodejs npm)"
[ -f "$node_dir/node_modules/@duckdb/node-api/package.json" ] ||
  skip_all "@duckdb/node-api not installed in $node_dir ('make engines-node' runs npm ci; it needs npm and npm's registry)"
. "$TRTC_SRCDIR/tests/lib/lib.sh"
. "$TRTC_SRCDIR/tests/engines/lib.sh"

engines_cases || echo "# building the cases failed"
doc_blocks duckdb "$tmp/doc" >"$tmp/doc.list"
for ex in "$src"/sql/examples/*.sql; do
  name=${ex##*/}
  [ -f "$src/sql/engines/examples/${name%.sql}.duckdb.sql" ] && echo "${name%.sql}"
done >"$tmp/examples.list"
# From the source tree, so that the paths of docs/engines.md's examples resolve.
(cd "$src" && "$NODE" "$src/tests/engines/duckdb_compare.mjs" "$node_dir" "$src" "$tmp") >"$tmp/node.out" 2>&1
report $? "Node ran tests/engines/duckdb_compare.mjs"
sed 's/^/# /' "$tmp/node.out" | head -20

compare "the mapping tables hold the virtual tables' rows ($(wc -l <"$tmp/tables.want") rows)" \
  "$tmp/tables.got" "$tmp/tables.want"
compare "the scalar macros: $(wc -l <"$tmp/scalar.want") calls (every spec id x parameter values, omitted parameters, NULL) as in sqlite" \
  "$tmp/scalar.got" "$tmp/scalar.want"
compare "the macros read $(wc -l <"$tmp/odd.want") VARCHAR, DOUBLE and DECIMAL values as the extension reads arguments" \
  "$tmp/odd.got" "$tmp/odd.want"
# Leave out the responses with a number in a text field that DuckDB
# writes its own way (checked against the documented rule by the .mjs).
drop_rewritten() {
  awk -F '\t' -v ids="$tmp/rewritten.ids" 'BEGIN { while ((getline l < ids) > 0) skip[l] = 1 } !($1 in skip)'
}
drop_rewritten <"$tmp/responses.want" >"$tmp/responses.want_duck"
sort_rows <"$tmp/responses.varchar.got" | drop_rewritten >"$tmp/responses.varchar"
compare "responses as VARCHAR: $(cut -f1 "$tmp/responses.want_duck" | uniq | wc -l) of $(wc -l <"$tmp/responses.tsv") give rows or an error, as in sqlite (but $(wc -l <"$tmp/rewritten.ids") with a number in a text field)" \
  "$tmp/responses.varchar" "$tmp/responses.want_duck"
# As BLOB and JSON, those that give rows (the errors take the same path as
# with VARCHAR once the argument is read; two are checked below).
grep -v -P '\tERROR\t' "$tmp/responses.want_duck" >"$tmp/responses.want_rows"
sort_rows <"$tmp/responses.blob.got" | drop_rewritten >"$tmp/responses.blob"
compare "responses as BLOB (UTF-8 JSON text): the $(cut -f1 "$tmp/responses.want_rows" | uniq | wc -l) that give rows, as in sqlite given a BLOB" \
  "$tmp/responses.blob" "$tmp/responses.want_rows"
sort_rows <"$tmp/responses.json.got" | drop_rewritten >"$tmp/responses.json"
# (A JSON value cannot start with a byte-order mark.)
$sqlite -batch "$tmp/cases.db" "SELECT id FROM response_case WHERE body GLOB char(65279) || '*'" >"$tmp/bom.ids"
awk -F '\t' -v ids="$tmp/bom.ids" 'BEGIN { while ((getline l < ids) > 0) skip[l] = 1 } !($1 in skip)' \
  "$tmp/responses.want_rows" >"$tmp/responses.want_json"
compare "responses as JSON: the same (but one that starts with a byte-order mark), as in sqlite" \
  "$tmp/responses.json" "$tmp/responses.want_json"

while IFS="$(printf '\t')" read -r status what diag; do
  if [ "$status" = ok ]; then report 0 "$what"; else report 1 "$what"; echo "#   $diag"; fi
done <"$tmp/checks.tsv"

while read -r i line; do
  compare "docs/engines.md:$line: the DuckDB example gives what the page shows" "$tmp/doc/$i.got" "$tmp/doc/$i.want"
done <"$tmp/doc.list"
for ex in "$src"/sql/examples/*.sql; do
  name=${ex##*/}
  name=${name%.sql}
  [ -f "$tmp/example.$name.got" ] || echo "no sql/engines/examples/$name.duckdb.sql" >"$tmp/example.$name.got"
  compare "sql/engines/examples/$name.duckdb.sql answers as sql/examples/$name.sql in sqlite ($(wc -l <"$tmp/example.$name.want") rows)" \
    "$tmp/example.$name.got" "$tmp/example.$name.want"
done

echo "1..$n"
