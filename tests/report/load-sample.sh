# tests/report/load-sample.sh: load_sample DB: the bundled sample call into
# DB, as "make demo" loads it: with "trtc ingest" when the command has it,
# else with sql/ingest.sh. Sourced after tests/lib/lib.sh (uses $src,
# $sqlite, TRTC_RUN, TRTC_MODULE, TRTC_BUILDDIR).
load_sample() {
  if "$TRTC_BUILDDIR/trtc" help ingest >/dev/null 2>&1; then
    $TRTC_RUN "$TRTC_BUILDDIR/trtc" ingest "$1" "$src/sql/sample" >/dev/null
  else
    SQLITE3=$sqlite sh "$src/sql/ingest.sh" -m "$TRTC_MODULE" "$1" "$src/sql/sample" >/dev/null
  fi
}
