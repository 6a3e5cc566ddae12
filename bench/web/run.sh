#!/usr/bin/env bash
# Load test of the web view on loopback (not a test: nothing here is registered with ctest).
#
#   bench/web/run.sh [--seconds N] [--backend sqlite|postgresql|both] [--data DIR] [--people N]
#
# Two `arshjul serve` processes on one store (an SQLite file, and a PostgreSQL 15 database
# started for the run by tests/postgres.sh with PostgreSQL's own durability: fsync on every
# commit), as of 2026-10-15, on the shipped example (rules/, examples/roster.csv,
# examples/records.csv; 30 units) or on a folder made by bench/status's gen_admin (--data DIR:
# its rules/, roster.csv and arshjul.db; --people N: only the first N people of its roster sign
# in), with wrk (Debian):
#   1. the overview: 50 connections on each server for N seconds (default 30), signed in
#   2. marking tasks done: 25 connections posting /done on each server for N seconds, each
#      request as one of the roster's people (own role and unit, valid CSRF), while
#      `arshjul remind` runs again and again on the same store
# Then: every confirmed (303) entry is in the store exactly once (counted by its note, and by
# the form key post.lua sends with each request), and no
# reminder was sent twice (no Message-ID in two messages). Prints wrk's figures (requests/s,
# latency p50/p99, errors) per server and the counts; exit 1 when an entry is missing or
# doubled or a reminder doubled. Every address is 127.0.0.1; servers and loops stop by
# themselves.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=30
BACKENDS=(sqlite postgresql)
DATA_DIR=""
PEOPLE=1000000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_EACH="$2"; shift 2 ;;
    --backend) [[ "$2" == both ]] && BACKENDS=(sqlite postgresql) || BACKENDS=("$2"); shift 2 ;;
    --data) DATA_DIR="$(cd "$2" && pwd)"; shift 2 ;;
    --people) PEOPLE="$2"; shift 2 ;;
    *) echo "usage: $0 [--seconds N] [--backend sqlite|postgresql|both] [--data DIR] [--people N]" >&2; exit 2 ;;
  esac
done
ROOT="$PWD"
BUILD="${BUILD:-build}"
cmake --build "$BUILD" -j2 --target arshjul >/dev/null
BIN="$ROOT/$BUILD/arshjul"
if [[ -n "$DATA_DIR" ]]; then
  RULES="$DATA_DIR/rules" ROSTER="$DATA_DIR/roster.csv"
else
  RULES="$ROOT/rules" ROSTER="$ROOT/examples/roster.csv"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/arshjul-web-bench.XXXXXX")"
PIDS=()
# Stops the servers: each finishes the requests it has begun (SIGTERM), then exits.
stop_servers() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
cleanup() {
  stop_servers
  [[ -d "$WORK/pg" ]] && "$ROOT/tests/postgres.sh" stop "$WORK/pg" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
DATE=2026-10-15
KEY="$WORK/links.key"
arshjul() { "$BIN" "$1" --rules "$RULES" --roster "$ROSTER" "${@:2}"; }

# One session per person: the cookie from their link, the CSRF value and a task of their own
# from "my tasks", the least urgent one, so the overdue ones are left for remind to send
# (people with nothing to do are left out).
session() {
  local link cookie page csrf href
  link="$("$BIN" token "$1" --roster "$ROSTER" --rules "$RULES" --store "$STORE" --key-file "$KEY" --link-base "$BASE_A")"
  cookie="$(curl -s -o /dev/null -D - "$link" | sed -n 's/^Set-Cookie: \(arshjul=[^;]*\);.*/\1/Ip')"
  page="$(curl -s -H "Cookie: $cookie" "${BASE_A}my")"
  csrf="$(grep -o 'name="csrf" value="[^"]*"' <<<"$page" | tail -1 | sed 's/.*value="//; s/"$//' || true)"
  href="$(grep -o '<li class="[a-z_]*" data-step="[^"]*" data-unit="[^"]*"[^>]*><a href="/task?[^"]*"' <<<"$page" | tail -1 |
          sed 's/.*href="\/task?//; s/"$//; s/&amp;/\&/g' || true)"
  [[ -n "$href" ]] && printf '%s\t%s&%s&date=%s\n' "$cookie" "csrf=$csrf" "$href" "$DATE"
  return 0
}

# A server on a free port; its address in the variable named $1.
start_server() {
  local out="$PWD/serve-$1.out"
  # Every client is 127.0.0.1 and marks the same few tasks again and again: without the limits
  # per client address and per task and day (a real server keeps them).
  # The binary itself in the background (not the function arshjul: $! would be a subshell's,
  # and killing it would leave the server running).
  "$BIN" serve --rules "$RULES" --roster "$ROSTER" --store "$STORE" --key-file "$KEY" --date "$DATE" \
    --listen 127.0.0.1:0 --per-client 0 --entries-per-task 1000000 --entries-per-day 1000000 \
    >"$out" 2>"serve-$1.err" &
  PIDS+=($!)
  for _ in $(seq 600); do grep -q "http://" "$out" 2>/dev/null && break; sleep 0.1; done
  printf -v "$2" '%s' "$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$out" || true)"
  [[ -n "${!2}" ]] || { echo "server $1 did not start:" >&2; cat "serve-$1.err" >&2; exit 1; }
}

# wrk's summary line of a run: "requests/s p50 p99 errors".
figures() {
  local rps p50 p99 errors
  rps="$(sed -n 's/^Requests\/sec: *//p' "$1")"
  p50="$(awk '$1 == "50%" {print $2}' "$1")"
  p99="$(awk '$1 == "99%" {print $2}' "$1")"
  errors="$(grep -E 'Socket errors|Non-2xx' "$1" | tr '\n' ' ' || true)"
  echo "$rps req/s, p50 $p50, p99 $p99${errors:+, $errors}"
}

run_backend() {
  local backend=$1
  mkdir -p "$WORK/$backend"
  cd "$WORK/$backend"
  if [[ $backend == sqlite ]]; then
    STORE="$PWD/web.db"
    q() { sqlite3 "$STORE" "$1"; }
    [[ -n "$DATA_DIR" ]] && cp "$DATA_DIR/arshjul.db" "$STORE"
  else
    if [[ ! -s "$WORK/pg/address" ]]; then
      (cd / && ARSHJUL_PG_DURABLE=1 "$ROOT/tests/postgres.sh" start "$WORK/pg" >/dev/null)
      [[ -s "$WORK/pg/address" ]] || { echo "== postgresql: not installed, skipped"; return 0; }
    fi
    local server
    server="$(cat "$WORK/pg/address")"
    psql -Atq "$server" -c "CREATE DATABASE web"
    STORE="${server/\/postgres\?//web?}"
    q() { psql -Atq "$STORE" -c "$1"; }
    if [[ -n "$DATA_DIR" ]]; then
      local t0=$SECONDS
      "$BIN" store copy "$DATA_DIR/arshjul.db" "$STORE" | head -1
      echo "   (store copy: $((SECONDS - t0)) s)"
    fi
  fi
  [[ -n "$DATA_DIR" ]] || arshjul import "$ROOT/examples/records.csv" --store "$STORE" >/dev/null
  start_server a BASE_A
  start_server b BASE_B
  echo "== $backend: servers $BASE_A and $BASE_B, $(nproc) cores, $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  tail -n +2 "$ROSTER" | cut -d, -f4 | sort -u | head -n "$PEOPLE" | while read -r email; do session "$email"; done >sessions.tsv
  echo "== $(wc -l <sessions.tsv) people with a task of their own to mark done"
  local cookie
  cookie="$(head -1 sessions.tsv | cut -f1)"
  # Server a evaluated the store for the sessions' pages and renders its overview now; b's
  # first page evaluates the store and renders. Both before wrk, which measures what follows.
  echo "== first overview on server a (evaluated already): $(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$BASE_A") s;" \
    "on server b after its start: $(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$BASE_B") s"

  echo "== 1. the overview: 50 connections on each server, ${SECONDS_EACH}s"
  wrk -t1 -c50 -d"${SECONDS_EACH}s" --latency -H "Cookie: $cookie" "$BASE_A" >overview-a.txt &
  local wa=$!
  wrk -t1 -c50 -d"${SECONDS_EACH}s" --latency -H "Cookie: $cookie" "$BASE_B" >overview-b.txt
  wait "$wa"
  echo "   server a: $(figures overview-a.txt)"
  echo "   server b: $(figures overview-b.txt)"

  echo "== 2. 25 connections marking tasks done on each server for ${SECONDS_EACH}s while arshjul remind runs"
  local before
  before="$(q "SELECT count(*) FROM completion")"
  (
    end=$((SECONDS + SECONDS_EACH))
    runs=0 failed=0 day=1
    while ((SECONDS < end)); do
      # A later date each run, so each run has new reminders to send and record.
      d="$(date -d "$DATE + $day days" +%F)"
      if arshjul remind --store "$STORE" --key-file "$KEY" --date "$d" --out mail --link-base "$BASE_A" 2>>remind.log; then
        runs=$((runs + 1))
      else
        failed=$((failed + 1))
      fi
      day=$((day + 1))
    done
    echo "remind: $runs runs succeeded, $failed failed" >remind.txt
  ) &
  local remind_pid=$!
  SESSIONS="$PWD/sessions.tsv" PREFIX=a wrk -t1 -c25 -d"${SECONDS_EACH}s" --latency -s "$ROOT/bench/web/post.lua" "$BASE_A" >post-a.txt &
  wa=$!
  SESSIONS="$PWD/sessions.tsv" PREFIX=b wrk -t1 -c25 -d"${SECONDS_EACH}s" --latency -s "$ROOT/bench/web/post.lua" "$BASE_B" >post-b.txt
  wait "$wa" "$remind_pid"
  # wrk stops without waiting for the answers to the requests it still has out (one per
  # connection at most), and the servers go on to commit them. So the servers are stopped
  # before the store is counted, and the counts are read in one query: counted while a server
  # still committed, a run seemed to have entries twice (distinct notes counted before a batch
  # was committed, rows after it; the store itself had every note once).
  stop_servers
  echo "   server a: $(figures post-a.txt), $(grep '^confirmed' post-a.txt)"
  echo "   server b: $(figures post-b.txt), $(grep '^confirmed' post-b.txt)"
  echo "   $(cat remind.txt)"
  local confirmed present entries keys keyed total sent messages doubled
  confirmed=$(($(sed -n 's/^confirmed \([0-9]*\) refused.*/\1/p' post-a.txt) + $(sed -n 's/^confirmed \([0-9]*\) refused.*/\1/p' post-b.txt) + 0))
  # Rows per note, and per form key (post.lua sends one with each request).
  IFS='|' read -r present entries keys keyed < <(q "SELECT count(DISTINCT note), count(*),
    count(DISTINCT submission), count(submission) FROM completion WHERE note LIKE 'load-%'")
  total="$(q "SELECT count(*) FROM completion")"
  sent="$(q "SELECT count(*) FROM reminder")"
  messages="$(ls mail 2>/dev/null | wc -l)"
  doubled="$(cat mail/* 2>/dev/null | grep -a '^Message-ID:' | sort | uniq -d | wc -l)"
  echo "   records: confirmed $confirmed, present $present, entries with a load note $entries, with a form key $keyed, distinct keys $keys (store: $before before, $total after)"
  echo "   reminders: $sent recorded, $messages messages, $doubled Message-IDs in more than one message"
  local ok=1
  # Requests still in flight when wrk stops are recorded without being counted: at most one
  # per connection more than confirmed, never fewer.
  ((present >= confirmed && present <= confirmed + 50)) || { echo "MISSING RECORDS ($backend)" >&2; ok=0; }
  if ((entries != present)); then
    echo "DOUBLED RECORDS ($backend): every note with more than one entry, with its ids and times:" >&2
    q "SELECT note, group_concat(id || ' ' || recorded_at, ', ') FROM completion WHERE note LIKE 'load-%' GROUP BY note HAVING count(*) > 1" >&2
    ok=0
  fi
  if ((keys != entries || keyed != entries)); then
    echo "ENTRIES NOT ONE PER FORM KEY ($backend): every key (or none) with more than one entry:" >&2
    q "SELECT submission, count(*) FROM completion WHERE note LIKE 'load-%' GROUP BY submission HAVING count(*) > 1" >&2
    ok=0
  fi
  ((doubled == 0)) || { echo "DOUBLED REMINDERS ($backend)" >&2; ok=0; }
  ((ok)) && echo "   every confirmed entry is present exactly once ($((present - confirmed)) more were in flight when wrk stopped); no reminder twice"
  cd "$ROOT"
  ((ok))
}

status=0
for backend in "${BACKENDS[@]}"; do
  run_backend "$backend" || status=1
  echo
done
exit $status
