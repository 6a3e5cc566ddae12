#!/usr/bin/env bash
# One PostgreSQL server for the store tests' PostgreSQL run, in a folder of its own:
#   postgres.sh start DIR         initdb + pg_ctl start (socket only, in a folder of /tmp named
#                                 in DIR/server); writes DIR/address
#   postgres.sh run DIR -- CMD... CMD with ARSHJUL_TEST_POSTGRES=the server's address, or exit 77
#                                 (ctest: SKIPPED) when start found no PostgreSQL
#   postgres.sh stop DIR          stops the server and removes DIR
# ctest starts it once for the whole run (a fixture) and each test makes its own database.
# PostgreSQL refuses to run as root: as root (CI), the server runs as the user postgres (made
# by Debian's package) and the tests connect to its socket as that database user.
set -euo pipefail
action=$1 dir=$2
shift 2

bin_dir() {
  # $ARSHJUL_PG_BIN: that folder's PostgreSQL, or none (ARSHJUL_PG_BIN=/nonexistent shows the skip).
  if [ -n "${ARSHJUL_PG_BIN:-}" ]; then
    [ -x "$ARSHJUL_PG_BIN/initdb" ] && echo "$ARSHJUL_PG_BIN"
    return
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then echo "$newest"; return; fi
  command -v initdb >/dev/null && dirname "$(command -v initdb)"
}

as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $action in
start)
  rm -rf "$dir"
  mkdir -p "$dir"
  bin=$(bin_dir || true)
  if [ -z "$bin" ] || { [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; }; then
    echo "PostgreSQL is not installed (initdb not found): its store tests are SKIPPED"
    exit 0
  fi
  # The server's files and socket in a folder of /tmp: a socket path must stay short (107
  # bytes), and as root the user postgres must reach it (a checkout under /root it cannot).
  server=$(mktemp -d "${TMPDIR:-/tmp}/arshjul-pg.XXXXXX")
  echo "$server" >"$dir/server"
  [ "$(id -u)" = 0 ] && chown postgres "$server"
  as_server "$bin/initdb" -D "$server/data" -U postgres --auth=trust --encoding=UTF8 --locale=C \
    --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; exit 1; }
  # Only a socket, and no durability: the server lives for one test run. ARSHJUL_PG_DURABLE=1
  # keeps PostgreSQL's defaults (fsync on every commit), for bench/web's figures.
  durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${ARSHJUL_PG_DURABLE:-}" = 1 ] && durability=""
  as_server "$bin/pg_ctl" -D "$server/data" -l "$server/server.log" -w -o \
    "-k $server -c listen_addresses= $durability -c max_connections=200" \
    start >/dev/null || { cat "$server/server.log"; exit 1; }
  echo "postgresql://postgres@/postgres?host=$server&port=5432" >"$dir/address"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') started in $server"
  ;;
run)
  [ "${1:-}" = "--" ] && shift
  # Listing a Catch2 binary's tests always runs (ctest learns them when the tests are built).
  for arg in "$@"; do
    case "$arg" in --list*) exec "$@" ;; esac
  done
  if [ ! -s "$dir/address" ]; then
    echo "SKIPPED: no PostgreSQL server for the store tests (not installed)"
    exit 77
  fi
  ARSHJUL_TEST_POSTGRES=$(cat "$dir/address") exec "$@"
  ;;
stop)
  bin=$(bin_dir || true)
  server=$(cat "$dir/server" 2>/dev/null || true)
  if [ -n "$server" ] && [ -n "$bin" ] && [ -f "$server/data/postmaster.pid" ]; then
    as_server "$bin/pg_ctl" -D "$server/data" -m immediate -w stop >/dev/null
  fi
  [ -n "$server" ] && rm -rf "$server"
  rm -rf "$dir"
  ;;
*)
  echo "usage: postgres.sh start|run|stop DIR [-- CMD...]" >&2
  exit 2
  ;;
esac
