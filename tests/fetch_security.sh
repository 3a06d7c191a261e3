#!/bin/sh
# tests/fetch_security.sh: what "trtc fetch" refuses before asking anything:
# credentials that are not in the environment or are on the command line,
# plain http:// to anything but a loopback address, URLs with more than a
# scheme, host and port, times it cannot read, a range beyond the API's 14
# days (each with a clear message, exit 2, no database created); a
# self-signed https:// server (TLS verification is on: exit 1, no request
# reached the server, which a client trusting its certificate does reach);
# and that trtc.so and libsqlite_trtc.a link no network library.
# The command runs through $TRTC_RUN. Nothing leaves the machine: refused
# endpoints are refused before any connection.
set -u
. "$TRTC_SRCDIR/tests/lib/lib.sh"
. "$TRTC_SRCDIR/tests/lib/skip.sh"
py=${PYTHON3:-/usr/bin/python3}
[ -n "$py" ] && [ -x "$py" ] || skip_all "python3 not found (apt-get install python3)"
command -v openssl >/dev/null 2>&1 || skip_all "openssl not found (apt-get install openssl)"
trtc=$TRTC_BUILDDIR/trtc
: >"$tmp/pids"
trap 'for p in $(cat "$tmp/pids" 2>/dev/null); do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT

echo "1..58"

now=$(date +%s)
start=$((now - 3600))
closed=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

# run ARGS...: trtc fetch with test credentials (unless NO_CREDENTIALS);
# status in $rc, stderr in $tmp/err, stdout in $tmp/out.
run() {
  if [ -n "${NO_CREDENTIALS-}" ]; then
    env -u TENCENTCLOUD_SECRET_ID -u TENCENTCLOUD_SECRET_KEY ${TRTC_RUN-} "$trtc" fetch "$@" \
      >"$tmp/out" 2>"$tmp/err"
  else
    TENCENTCLOUD_SECRET_ID=AKIDsecurityTest TENCENTCLOUD_SECRET_KEY=${RUN_KEY-securityTestKey-1} \
      TRTC_FETCH_TEST_BACKOFF_MS=5 ${TRTC_RUN-} "$trtc" fetch --quiet "$@" >"$tmp/out" 2>"$tmp/err"
  fi
  rc=$?
}
# refused WHAT PATTERN ARGS...: exit 2, PATTERN on stderr, no database.
refused() {
  what=$1 pattern=$2
  shift 2
  rm -f "$tmp/x.db"
  run "$@" "$tmp/x.db"
  if [ "$rc" -eq 2 ] && grep -q -- "$pattern" "$tmp/err" && [ ! -e "$tmp/x.db" ]; then
    report 0 "$what"
  else
    report 1 "$what"
    printf '#   exit %s, stderr: %s\n' "$rc" "$(cat "$tmp/err")"
  fi
}
ep="--endpoint http://127.0.0.1:$closed/"
good="--sdk-app-id 1400000001 --start $start --end $now"

# ---- Credentials ----------------------------------------------------------------------
# shellcheck disable=SC2086
NO_CREDENTIALS=1 refused "no credentials in the environment: refused" \
  "set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY in the environment" $good $ep
# shellcheck disable=SC2086
refused "--secret-key on the command line: refused" "credentials are never taken from the command line" \
  $good $ep --secret-key abc
# shellcheck disable=SC2086
refused "--secret-id=... on the command line: refused" "credentials are never taken from the command line" \
  $good $ep --secret-id=abc
grep -q abc "$tmp/err"
is $? 1 "... without repeating the value"

# ---- Endpoints ---------------------------------------------------------------------------
for url in http://example.com/ http://10.0.0.1:8080/ http://127.0.0.1.example.com/ http://[::2]/ \
  http://0.0.0.0/ http://169.254.169.254/; do
  # shellcheck disable=SC2086
  refused "plain $url: refused" "plain http:// is refused" $good --endpoint "$url"
done
for url in ftp://127.0.0.1/ file:///etc/passwd gopher://127.0.0.1/; do
  # shellcheck disable=SC2086
  refused "$url: refused" "only https:// is allowed" $good --endpoint "$url"
done
for url in https://trtc.tencentcloudapi.com/v2/ 'https://trtc.tencentcloudapi.com/?a=1' \
  https://user:pw@trtc.tencentcloudapi.com/ 'https://trtc.tencentcloudapi.com/#x'; do
  # shellcheck disable=SC2086
  refused "$url: refused" "give the scheme, the host and at most a port" $good --endpoint "$url"
done
# shellcheck disable=SC2086
refused "a URL without a scheme: refused" "not a URL" $good --endpoint trtc.tencentcloudapi.com
# Loopback plain http is accepted (here nothing listens: a network error, exit 1).
for url in "http://127.0.0.2:$closed/" "http://localhost:$closed/" "http://[::1]:$closed/" http://127.0.0.3/; do
  # shellcheck disable=SC2086
  run $good --endpoint "$url" "$tmp/y.db"
  # (port 80 of 127.0.0.3 may have a server: any answer is then an error too)
  if [ "$rc" -eq 1 ] && grep -q "stopped: \|failed: " "$tmp/err"; then
    report 0 "$url (loopback) is accepted"
  else
    report 1 "$url (loopback) is accepted"
    printf '#   exit %s, stderr: %s\n' "$rc" "$(cat "$tmp/err")"
  fi
done

# ---- Times ---------------------------------------------------------------------------------
# shellcheck disable=SC2086
refused "--start 15 days ago: refused before any request" "more than 14 days ago" \
  --sdk-app-id 1 --start $((now - 15 * 86400)) --end "$now" $ep
# shellcheck disable=SC2086
refused "--end before --start: refused" "is not after --start" --sdk-app-id 1 --start "$now" --end "$start" $ep
# shellcheck disable=SC2086
refused "a time without a zone: refused" "no zone; add Z for UTC" \
  --sdk-app-id 1 --start 2024-05-01T09:00:00 --end "$now" $ep
# shellcheck disable=SC2086
refused "a time that is not one: refused" "not a time" --sdk-app-id 1 --start yesterday --end "$now" $ep
# shellcheck disable=SC2086
refused "--start in the future: refused" "is in the future" \
  --sdk-app-id 1 --start $((now + 86400)) --end $((now + 2 * 86400)) $ep
# shellcheck disable=SC2086
refused "--sdk-app-id not a number: refused" "not an application id" --sdk-app-id 14x --start "$start" --end "$now" $ep
# shellcheck disable=SC2086
refused "no --end: refused" "are needed" --sdk-app-id 1 --start "$start" $ep
# shellcheck disable=SC2086
refused "an unknown option: refused" "unknown option --bogus" $good $ep --bogus
# shellcheck disable=SC2086
refused "--region with odd characters: refused" "not a region" $good $ep --region 'ap guangzhou'
# shellcheck disable=SC2086
refused "two databases: refused" "one database only" $good $ep "$tmp/other.db"
# shellcheck disable=SC2086
refused "--token=... on the command line: refused" "credentials are never taken" $good $ep --token=abc
# shellcheck disable=SC2086
refused "--api-key on the command line: refused" "credentials are never taken" $good $ep --api-key abc
# shellcheck disable=SC2086
refused "no --sdk-app-id: refused" "are needed" --start "$start" --end "$now" $ep
# shellcheck disable=SC2086
refused "no --start: refused" "are needed" --sdk-app-id=1 --end "$now" $ep
# shellcheck disable=SC2086
refused "--sdk-app-id abc: refused" "not an application id" --sdk-app-id abc --start "$start" --end "$now" $ep
# shellcheck disable=SC2086
refused "--sdk-app-id too large: refused" "not an application id" --sdk-app-id 99999999999999999 --start "$start" --end "$now" $ep
# shellcheck disable=SC2086
run $good $ep
is "$rc:$(grep -c 'a database file are needed' "$tmp/err")" "2:1" "no database: refused"
# shellcheck disable=SC2086
refused "--room with nothing: refused" "--room needs a room id" $good $ep --room ''
# shellcheck disable=SC2086
refused "--sdk-app-id 0: refused" "not an application id" --sdk-app-id 0 --start "$start" --end "$now" $ep
# shellcheck disable=SC2086
refused "--region with nothing: refused" "not a region" $good $ep --region ''
# shellcheck disable=SC2086
refused "an --end that is not a time: refused" "--end tomorrow: not a time" --sdk-app-id 1 --start "$start" --end tomorrow $ep
# shellcheck disable=SC2086
RUN_KEY= refused "a secret id without its key: refused" "set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY" $good $ep
# shellcheck disable=SC2086
run $good $ep --start
is "$rc:$(grep -c 'trtc fetch: --start needs a value' "$tmp/err")" "2:1" "an option without its value: refused"
# shellcheck disable=SC2086
run $good $ep "$tmp/no/such/dir/x.db"
is "$rc" 2 "a database that cannot be created: exit 2"
# shellcheck disable=SC2086
run $good $ep -- "$tmp/-odd.db"
is "$rc:$(test -f "$tmp/-odd.db" && echo created)" "1:created" "-- ends the options: a database named -odd.db"
# An ISO 8601 range with zones is read (then the network error of the closed port).
# shellcheck disable=SC2086
run --sdk-app-id 1 --start "$(date -u -d "@$start" +%Y-%m-%dT%H:%M:%SZ)" \
  --end "$(date -d "@$now" +%Y-%m-%dT%H:%M:%S%:z)" $ep "$tmp/y.db"
is "$rc" 1 "ISO 8601 times with Z and with an offset are accepted"

# ---- TLS: a self-signed server is refused ------------------------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1
report $? "a self-signed certificate for 127.0.0.1"
"$py" "$src/tests/mock_tencent.py" --port-file "$tmp/port" --log "$tmp/tls.log" \
  --secret-id AKIDsecurityTest --secret-key securityTestKey-1 --base "$start" --now "$now" \
  --tls-cert "$tmp/cert.pem" --tls-key "$tmp/key.pem" 2>"$tmp/mock.err" &
echo $! >>"$tmp/pids"
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$tmp/port" 2>/dev/null)
: >>"$tmp/tls.log"
# shellcheck disable=SC2086
run $good --endpoint "https://127.0.0.1:$port/" "$tmp/z.db"
is "$rc" 1 "https:// to a self-signed server: exit 1"
grep -qi "stopped: DescribeRoomInfo: .*certificate" "$tmp/err"
report $? "... stopped, saying the certificate was not trusted"
[ -s "$tmp/err" ] && sed -n '1p' "$tmp/err" | sed 's/^/# /'
is "$(wc -l <"$tmp/tls.log" | tr -d ' ')" 0 "... and no request reached the server"
# The control: a client that trusts the certificate does get an answer.
"$py" - "$port" "$tmp/cert.pem" <<'EOF' >"$tmp/control" 2>&1
import http.client, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[2])
c = http.client.HTTPSConnection("127.0.0.1", int(sys.argv[1]), context=ctx, timeout=10)
c.request("POST", "/", body=b"{}", headers={"Content-Type": "application/json"})
print(c.getresponse().status)
EOF
is "$(cat "$tmp/control")" 200 "the control: a client trusting that certificate is answered (so the refusal was verification)"

# ---- Help ----------------------------------------------------------------------------------------
${TRTC_RUN-} "$trtc" fetch --help >"$tmp/out" 2>&1
rc=$?
grep -q "^usage: trtc fetch --sdk-app-id N --start TIME --end TIME" "$tmp/out" && [ "$rc" -eq 0 ]
report $? "trtc fetch --help: usage on stdout, exit 0"
${TRTC_RUN-} "$trtc" fetch -h 2>&1 | grep -c "^  --again " >"$tmp/count"
is "$(cat "$tmp/count")" 1 "trtc fetch -h: the same, with every option"
${TRTC_RUN-} "$trtc" --help >"$tmp/out" 2>&1
grep -q "^  fetch " "$tmp/out"
report $? "trtc --help lists fetch"

# ---- The extension stays off the network --------------------------------------------------------
if command -v objdump >/dev/null 2>&1 && [ -f "$TRTC_MODULE.so" ]; then
  objdump -p "$TRTC_MODULE.so" | grep NEEDED | grep -Eci 'curl|ssl|crypto' >"$tmp/count"
  is "$(cat "$tmp/count")" 0 "trtc.so links no network or TLS library"
else
  report 1 "trtc.so links no network or TLS library (objdump or $TRTC_MODULE.so missing)"
fi
nm -u "$TRTC_BUILDDIR/libsqlite_trtc.a" 2>/dev/null | grep -Ec ' (curl_[a-z_]*|SSL_[A-Za-z_]*|socket|connect|getaddrinfo|gethostbyname)$' >"$tmp/count"
is "$(cat "$tmp/count")" 0 "libsqlite_trtc.a calls no network function"
