#!/bin/sh
# tests/ingest_traps.sh: "trtc ingest" on each real-world trap of
# tests/traps/ (README.md there lists them and says where the data comes
# from). Each tests/traps/NAME/ holds the files and a file "case", run
# line by line in a copy of the directory:
#
#   # comment
#   setup COMMAND       a shell command (e.g. mkfifo, iconv)
#   db SQL              SQL run on the database first (sqlite3 shell, trtc loaded)
#   run ARGS            trtc ingest ARGS (through "$TRTC_RUN"); the word DB
#                       is the case's database; shell syntax (< file) works
#   status N            the exit status of the last run
#   stderr              its stderr, exactly: the lines up to one holding "."
#   stdout              its stdout, likewise
#   has TEXT            its stderr or stdout contains TEXT
#   absent DB           the database file does not exist
#   sql QUERY           a query on the database, then its result lines,
#   => RESULT           each "=> " (list mode, NULL shown as NULL)
#
# Each status, stderr, stdout, has, absent and sql line is one TAP result.
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"
trtc=$tmp/trtc
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${TRTC_RUN-}" "$TRTC_BUILDDIR/trtc" >"$trtc"
chmod +x "$trtc"

total=0
for c in "$src"/tests/traps/*/case; do
  k=$(grep -Ec '^(status|stderr|stdout|has|absent|sql) ?' "$c")
  total=$((total + k))
done
echo "1..$total"

# check WHAT: compare $tmp/want with $tmp/got (one TAP result)
check() {
  if cmp -s "$tmp/want" "$tmp/got"; then
    report 0 "$1"
  else
    report 1 "$1"
    diff "$tmp/want" "$tmp/got" | sed 's/^/#   /'
  fi
}

for c in "$src"/tests/traps/*/case; do
  name=$(basename "$(dirname "$c")")
  work=$tmp/cases/$name
  db=$tmp/dbs/$name.db
  mkdir -p "$tmp/cases" "$tmp/dbs"
  cp -R "$(dirname "$c")" "$work"
  rm -f "$work/case"
  block= # stderr or stdout while reading an expected block
  query=
  : >"$tmp/run.stdout"
  : >"$tmp/run.stderr"
  st=
  {
    cat "$c"
    echo "# end"
  } >"$tmp/case"
  while IFS= read -r line; do
    if [ -n "$block" ]; then
      if [ "$line" = "." ]; then
        sed "s|$db|DB|g" "$tmp/run.$block" >"$tmp/got"
        check "$name: $block"
        block=
      else
        printf '%s\n' "$line" >>"$tmp/want"
      fi
      continue
    fi
    if [ -n "$query" ] && [ "${line#=> }" = "$line" ] && [ "$line" != "=>" ]; then
      (cd "$work" && "$sqlite" -batch -cmd ".load $TRTC_MODULE" -cmd '.nullvalue NULL' "$db" "$query") >"$tmp/got" 2>&1
      check "$name: $query"
      query=
    fi
    case $line in
      '#'* | '') ;;
      'setup '*) (cd "$work" && eval "${line#setup }") >"$tmp/setup.log" 2>&1 || sed 's/^/# setup: /' "$tmp/setup.log" ;;
      'db '*) (cd "$work" && "$sqlite" -batch -bail -cmd ".load $TRTC_MODULE" "$db" "${line#db }") ;;
      'run'*)
        args=${line#run}
        args=$(printf '%s' "$args" | sed "s|\\bDB\\b|'$db'|g")
        (cd "$work" && eval "\"\$trtc\" ingest $args") >"$tmp/run.stdout" 2>"$tmp/run.stderr"
        st=$?
        ;;
      'status '*) is "$st" "${line#status }" "$name: exit status" ;;
      'stderr' | 'stdout')
        block=$line
        : >"$tmp/want"
        ;;
      'has '*)
        if grep -qF -- "${line#has }" "$tmp/run.stderr" "$tmp/run.stdout"; then
          report 0 "$name: says \"${line#has }\""
        else
          report 1 "$name: says \"${line#has }\""
          sed 's/^/#   /' "$tmp/run.stderr" "$tmp/run.stdout"
        fi
        ;;
      'absent DB')
        if [ -e "$db" ]; then report 1 "$name: no database file made"; else report 0 "$name: no database file made"; fi
        ;;
      'sql '*)
        query=${line#sql }
        : >"$tmp/want"
        ;;
      '=>') echo >>"$tmp/want" ;;
      '=> '*) printf '%s\n' "${line#=> }" >>"$tmp/want" ;;
      *) echo "# $name: unknown line: $line" ;;
    esac
  done <"$tmp/case"
done
exit 0
