# tests/engines/pg_cluster.sh: a throwaway PostgreSQL cluster, for
# tests/engines/pg_compare.sh and bench/engines_pg.sh. Source it, then:
#
#   pg_cluster_start DIR   initdb into DIR/data (an empty directory that
#                          nothing else uses) and start the server: a unix
#                          socket in DIR, no TCP (listen_addresses ''),
#                          run as the user nobody when we are root; on
#                          failure prints why (as "# " lines), returns 1
#   pg_cluster_stop        stop it (immediate shutdown); the caller removes
#                          DIR. Call it from an EXIT trap.
#   psql_db DB ARGS...     psql on database DB of the cluster: unaligned,
#                          tuples only, stopping at the first error
#
# PG_BINDIR: where initdb, pg_ctl, postgres and psql are (default
# Debian's /usr/lib/postgresql/15/bin). pg_cluster_missing prints what is
# missing there, if anything.
: "${PG_BINDIR:=/usr/lib/postgresql/15/bin}"
pg_dir=

pg_cluster_missing() {
  for p in initdb pg_ctl postgres psql; do
    [ -x "$PG_BINDIR/$p" ] || { printf '%s\n' "$PG_BINDIR/$p"; return; }
  done
}

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

pg_cluster_start() {
  pg_dir=$1
  mkdir -p "$pg_dir" || return 1
  if [ "$(id -u)" -eq 0 ]; then
    # nobody must reach DIR through its parent (a mktemp -d directory).
    chmod 711 "$(dirname "$pg_dir")" && chown nobody "$pg_dir" || return 1
  fi
  if ! pg_as_owner "$PG_BINDIR/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --locale=C \
       --no-sync >"$pg_dir.initdb.log" 2>&1; then
    echo "# initdb failed:"
    sed 's/^/#   /' "$pg_dir.initdb.log"
    return 1
  fi
  if ! pg_as_owner "$PG_BINDIR/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 \
       -o "-c listen_addresses='' -c unix_socket_directories='$pg_dir' -c fsync=off -c full_page_writes=off" \
       start >"$pg_dir.start.log" 2>&1; then
    echo "# the server did not start:"
    sed 's/^/#   /' "$pg_dir.start.log" "$pg_dir/log" 2>/dev/null
    return 1
  fi
}

pg_cluster_stop() {
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    pg_as_owner "$PG_BINDIR/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
  fi
}

psql_db() {
  pg_db=$1
  shift
  "$PG_BINDIR/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$pg_dir" -U postgres -d "$pg_db" "$@"
}
