# tests/engines/lib.sh: what tests/engines/pg_compare.sh and
# duckdb_compare.sh share. Source it after tests/lib/lib.sh (which sets
# $src, $tmp, $sqlite, report, is).
#
#   engines_cases             build $tmp/cases.db (tests/engines/cases.sql)
#                             and write, in $tmp, the cases as tab-separated
#                             files (scalar.tsv, odd.tsv, responses.tsv;
#                             text_numbers.tsv: the responses putting a
#                             JSON number in a text field that comes out,
#                             the column and the number) and
#                             the extension's answers (tables.want: the
#                             mapping tables; scalar.want, odd.want,
#                             responses.want; sample.tsv and
#                             example.NAME.want: engines_examples); copied from
#                             $TRTC_ENGINES_CASES when make check made them
#                             there (tests/engines/make_cases.sh)
#   engines_expect_responses IN OUT
#                             the extension's answers for the responses of
#                             IN (id, fn, body) into OUT
#   doc_blocks ENGINE DIR     the examples of docs/engines.md for ENGINE
#   compare WHAT GOT WANT     one TAP result: the files hold the same lines
#
# Every file is in PostgreSQL's COPY text format: one line per row, tabs
# between columns, \N for NULL, backslash, tab, newline and carriage
# return written \\ \t \n \r. A response's answer is its rows ("id n
# columns...", n the position from 1) or, when the function fails, one line
# "id ERROR message" (the rows SQLite gives before failing on an Error
# member that follows the list are left out: the other engines give none).

# The SQL (SQLite) of a value in COPY text format.
esc() {
  printf "coalesce(replace(replace(replace(replace(CAST(%s AS TEXT), '\\\\', '\\\\\\\\'), char(9), '\\\\t'), char(10), '\\\\n'), char(13), '\\\\r'), '\\\\N')" "$1"
}

# The columns of each response function, in order.
user_cols='peer_id type stream time_ms event_id param1 param2 text source category severity'
unusual_cols='user_id room_id event_time experience_id experience abnormal_event_id abnormal_event abnormal_kind peer_id'

# esc_cols PREFIX COLUMNS...: the escaped columns joined with tabs.
esc_cols() {
  p=$1
  shift
  out=
  for c in "$@"; do
    out="$out || char(9) || $(esc "$p$c")"
  done
  printf '%s' "$out"
}

engines_cases() {
  # Made once for both tests by make check (tests/engines/make_cases.sh).
  if [ -f "${TRTC_ENGINES_CASES:-/nonexistent}/done" ]; then
    cp "$TRTC_ENGINES_CASES"/cases.db "$TRTC_ENGINES_CASES"/*.tsv "$TRTC_ENGINES_CASES"/*.want "$tmp"/
    return
  fi
  {
    printf '.load %s\n' "$TRTC_MODULE"
    printf "CREATE TEMP TABLE env AS SELECT '%s' AS src;\n" "$(printf '%s' "$src" | sed "s/'/''/g")"
    cat "$src/tests/engines/cases.sql"
  } | $sqlite -bail -batch "$tmp/cases.db" || return 1
  # shellcheck disable=SC2046
  {
    printf '.load %s\n.headers off\n.mode list\n' "$TRTC_MODULE"
    printf '%s\n' ".once $tmp/scalar.tsv"
    printf '%s\n' "SELECT id || char(9) || fn || char(9) || nargs || char(9) || $(esc a1) || char(9) || $(esc a2) || char(9) || $(esc a3) FROM scalar_case ORDER BY id;"
    printf '%s\n' ".once $tmp/odd.tsv"
    printf '%s\n' "SELECT id || char(9) || kind || char(9) || $(esc v) FROM odd_case ORDER BY id;"
    printf '%s\n' ".once $tmp/responses.tsv"
    printf '%s\n' "SELECT id || char(9) || fn || char(9) || $(esc body) FROM response_case ORDER BY id;"
    printf '%s\n' ".once $tmp/text_numbers.tsv"
    printf '%s\n' "SELECT id || char(9) || text_column || char(9) || text_number FROM response_case WHERE text_number IS NOT NULL AND (name LIKE 'user %' AND fn = 'trtc_user_events' OR name LIKE 'unusual %' AND fn = 'trtc_unusual_events') ORDER BY id;"
    printf '%s\n' ".once $tmp/scalar.want"
    printf '%s\n' "SELECT id || char(9) || $(esc "$(cat "$src/tests/engines/scalar_expr.sql")") FROM scalar_case ORDER BY id;"
    printf '%s\n' ".once $tmp/odd.want"
    printf '%s\n' "SELECT id || char(9) || $(esc 'trtc_event(4008, x)') || char(9) || $(esc 'trtc_event(x, 0)')"
    printf '%s\n' "  FROM (SELECT id, CASE kind WHEN 'text' THEN v WHEN 'real' THEN CAST(v AS REAL) ELSE CAST(v AS NUMERIC) END AS x"
    printf '%s\n' "          FROM odd_case) ORDER BY id;"
  } | $sqlite -bail -batch "$tmp/cases.db" || return 1
  # The mapping tables, as "name columns..." in the virtual tables' order.
  for t in "trtc_events event_id param1 param2 param1_label param2_label description source category severity" \
           "trtc_experiences experience_id description" "trtc_abnormal_events event_id kind description" \
           "trtc_stream_types type name description"; do
    # shellcheck disable=SC2086
    set -- $t
    name=$1
    shift
    $sqlite -batch -cmd ".load $TRTC_MODULE" :memory: "SELECT '$name' $(esc_cols '' "$@") FROM $name ORDER BY rowid"
  done >"$tmp/tables.want"
  engines_examples || return 1
  $sqlite -bail -batch "$tmp/cases.db" "CREATE VIEW r AS SELECT id, fn, body FROM response_case" &&
    engines_expect_responses "$tmp/cases.db" "$tmp/responses.want"
}

# The sample call and the edge cases of tests/fixtures/edges/ (events of
# one millisecond out of order, a failed exit, a call loaded without its
# room, experiences without SdkAppId) loaded by trtc ingest: the stored
# responses with their context (sample.tsv: response_id, api, sdk_app_id,
# comm_id, room_id, user_id, source_file, body), and what each query of
# sql/examples/ gives there, its dot-commands left out, in list mode
# (example.NAME.want).
engines_examples() {
  ${TRTC_RUN-} "$TRTC_BUILDDIR/trtc" ingest --quiet "$tmp/sample.db" "$src/sql/sample" \
    >"$tmp/ingest.out" 2>&1 || { sed 's/^/# /' "$tmp/ingest.out"; return 1; }
  ${TRTC_RUN-} "$TRTC_BUILDDIR/trtc" ingest --quiet "$tmp/sample.db" "$src/tests/fixtures/edges" \
    >"$tmp/ingest.out" 2>&1 || { sed 's/^/# /' "$tmp/ingest.out"; return 1; }
  $sqlite -batch "$tmp/sample.db" "SELECT response_id $(esc_cols '' api sdk_app_id comm_id room_id user_id source_file body)
    FROM trtc_responses ORDER BY response_id" >"$tmp/sample.tsv" || return 1
  for ex in "$src"/sql/examples/*.sql; do
    name=${ex##*/}
    name=${name%.sql}
    grep -v '^\.' "$ex" | $sqlite -batch -bail -list -noheader -cmd ".load $TRTC_MODULE" "$tmp/sample.db" \
      >"$tmp/example.$name.want" 2>&1 || return 1
  done
}

# engines_expect_responses DB OUT: the extension's answers for the
# responses of table r(id, fn, body) of DB. One statement per response, one
# line each, so that the line number an error names is the response's.
engines_expect_responses() {
  {
    printf '.load %s\n.headers off\n.mode list\n' "$TRTC_MODULE"
    $sqlite -batch "$1" "SELECT 'SELECT r.id || char(9) || e.rowid' || CASE fn
        WHEN 'trtc_user_events' THEN '$(esc_cols e. $user_cols | sed "s/'/''/g")'
        ELSE '$(esc_cols e. $unusual_cols | sed "s/'/''/g")' END
        || ' FROM r, ' || fn || '(r.body) AS e WHERE r.id = ' || id || ';' FROM r ORDER BY id"
  } >"$tmp/expect.script"
  # Line L of the script asks for the response on row L - 3 of r.
  $sqlite -batch "$1" <"$tmp/expect.script" >"$tmp/expect.rows" 2>"$tmp/expect.err"
  $sqlite -batch "$1" "SELECT id FROM r ORDER BY id" >"$tmp/expect.ids"
  awk -v ids="$tmp/expect.ids" -v rows="$tmp/expect.rows" '
    BEGIN { while ((getline l < ids) > 0) id[++n] = l }
    /^(Runtime|Parse) error near line [0-9]+: / {
      line = $5; sub(/:$/, "", line)
      msg = $0; sub(/^[^:]*: /, "", msg)
      err[id[line - 3]] = msg; next
    }
    { print "unexpected on stderr: " $0 > "/dev/stderr"; bad = 1 }
    END {
      while ((getline l < rows) > 0) { split(l, f, "\t"); if (!(f[1] in err)) print l }
      for (i in err) print i "\tERROR\t" err[i]
      exit bad
    }' "$tmp/expect.err" | sort_rows >"$2"
}

# Rows in the order of the answers: by id, then position; the message of
# malformed JSON cut after "malformed JSON" (where and what is wrong is
# said in each engine's own words).
sort_rows() {
  sed 's/^\([0-9]*\tERROR\t[a-z_]*: malformed JSON\).*/\1/' | LC_ALL=C sort -t "$(printf '\t')" -k1,1n -k2,2n
}

# import_tsv DB TABLE FILE: a COPY-format file into an existing table of
# DB (its columns all read as text, then unescaped).
import_tsv() {
  tr '\t\n' '\037\036' <"$3" >"$tmp/import.ascii"
  printf '.import --ascii %s %s\n' "$tmp/import.ascii" "$2" | $sqlite -bail -batch "$1" || return 1
  for c in $($sqlite -batch "$1" "SELECT name FROM pragma_table_info('$2')"); do
    $sqlite -bail -batch "$1" "UPDATE $2 SET $c = CASE WHEN $c = '\\N' THEN NULL ELSE
      replace(replace(replace(replace(replace($c, '\\\\', char(1)), '\\t', char(9)), '\\n', char(10)),
              '\\r', char(13)), char(1), '\\') END" || return 1
  done
}

# doc_blocks ENGINE DIR: the examples of docs/engines.md for ENGINE
# (blocks opened by "```sql ENGINE"): DIR/N.sql the statements, DIR/N.want
# the "--> " lines; prints "N LINE" for each, LINE where it starts.
doc_blocks() {
  mkdir -p "$2"
  awk -v engine="$1" -v dir="$2" '
    $0 == "```sql " engine { inb = 1; n++; printf "" > (dir "/" n ".sql"); printf "" > (dir "/" n ".want")
                              print n, FNR; next }
    inb && /^```/          { inb = 0; close(dir "/" n ".sql"); close(dir "/" n ".want"); next }
    inb && /^--> /         { print substr($0, 5) > (dir "/" n ".want"); next }
    inb                    { print > (dir "/" n ".sql") }
  ' "$src/docs/engines.md"
}

compare() { # compare WHAT GOT WANT
  if [ ! -s "$3" ]; then
    report 1 "$1 (nothing to compare with)"
  elif diff "$3" "$2" >"$tmp/diff.out" 2>&1; then
    report 0 "$1"
  else
    report 1 "$1"
    printf '%s\n' "#   < wanted (the extension's answer, or the page's)   > got"
    head -n 30 "$tmp/diff.out" | sed 's/^/#   /'
  fi
}
