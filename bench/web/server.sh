# Sourced by bench/web/run.sh and large.sh (needs BIN): a scratch folder and the server in it.
#
#   in_scratch NAME        makes a folder under ${TMPDIR:-/tmp}, cds into it (WORK), and on exit
#                          stops the server and removes the folder
#   start_server ARGS...   `$BIN serve ARGS` on a free loopback port, without the limits per
#                          client address, per task and per day (every client is 127.0.0.1 and
#                          marks the same few tasks again and again; a real server keeps them);
#                          sets SERVER_PID and BASE (http://127.0.0.1:PORT/)
SERVER_PID=""
stop_scratch() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
in_scratch() {
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
  trap stop_scratch EXIT
  cd "$WORK"
}
start_server() {
  "$BIN" serve "$@" --listen 127.0.0.1:0 --per-client 0 --entries-per-task 1000000 \
    --entries-per-day 1000000 >serve.out 2>serve.err &
  SERVER_PID=$!
  for _ in $(seq 300); do grep -q "http://" serve.out 2>/dev/null && break; sleep 0.05; done
  BASE="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' serve.out)"
}
