# tests/report/load-sample.sh: load_sample DB: the bundled sample call into
# DB with "trtc ingest", as "make demo" loads it. Sourced after
# tests/lib/lib.sh (uses $src, TRTC_RUN, TRTC_BUILDDIR).
load_sample() {
  $TRTC_RUN "$TRTC_BUILDDIR/trtc" ingest "$1" "$src/sql/sample" >/dev/null
}
