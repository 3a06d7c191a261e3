# tests/lib/skip.sh: how a test that needs a part this machine lacks
# skips. Source it first, then:  need_or_skip "chromium not found (apt-get install chromium)"
#
# On a developer's machine the test prints "1..0 # SKIP REASON" and
# exits 0. Where TRTC_REQUIRE_ALL is set (.ci/run sets it, since CI
# installs every part) a skip is a failure: the test prints one "not ok"
# with the reason and exits 1.
skip_all() { # skip_all REASON: skip (or, under TRTC_REQUIRE_ALL, fail) the whole test
  if [ -n "${TRTC_REQUIRE_ALL-}" ]; then
    echo "1..1"
    echo "not ok 1 - cannot run: $1 (TRTC_REQUIRE_ALL is set: every part must be installed)"
    exit 1
  fi
  echo "1..0 # SKIP $1"
  exit 0
}
