#!/usr/bin/env bash
# Load test of the web view on loopback (not a test: nothing here is registered with ctest).
#
#   bench/web/run.sh [--seconds N]
#
# On the shipped example (rules/, examples/roster.csv, examples/records.csv; 30 units) as of
# 2026-10-15, with wrk (Debian):
#   1. the overview: 100 connections for N seconds (default 30), signed in
#   2. marking tasks done: 50 connections posting /done for N seconds, each request as one of
#      the roster's people (own role and unit, valid CSRF), while `arshjul remind` runs again
#      and again on the same store; then every confirmed (303) entry is looked for in the store.
# Prints wrk's figures (requests/s, latency p50/p99, errors) and "expected N, present N".
# Every address is 127.0.0.1; the server and the loops stop by themselves.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=30
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_EACH="$2"; shift 2 ;;
    *) echo "usage: $0 [--seconds N]" >&2; exit 2 ;;
  esac
done
ROOT="$PWD"
BUILD="${BUILD:-build}"
cmake --build "$BUILD" -j2 --target arshjul >/dev/null
BIN="$ROOT/$BUILD/arshjul"
source "$ROOT/bench/web/server.sh"
in_scratch arshjul-web-bench
DATE=2026-10-15
"$BIN" import "$ROOT/examples/records.csv" --store web.db >/dev/null
start_server --store web.db --date "$DATE"
echo "== server $BASE (pid $SERVER_PID), $(nproc) cores, $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"

# One session per person: the cookie from their link, the CSRF value and a task of their own
# from "my tasks", the least urgent one, so the overdue ones are left for remind to send
# (people with nothing to do are left out).
session() {
  local link cookie page csrf href
  link="$("$BIN" token "$1" --store web.db --link-base "$BASE")"
  cookie="$(curl -s -o /dev/null -D - "$link" | sed -n 's/^Set-Cookie: \(arshjul=[^;]*\);.*/\1/Ip')"
  page="$(curl -s -H "Cookie: $cookie" "${BASE}my")"
  csrf="$(grep -o 'name="csrf" value="[^"]*"' <<<"$page" | tail -1 | sed 's/.*value="//; s/"$//' || true)"
  href="$(grep -o '<li class="[a-z_]*" data-step="[^"]*" data-unit="[^"]*"><a href="/task?[^"]*"' <<<"$page" | tail -1 |
          sed 's/.*href="\/task?//; s/"$//; s/&amp;/\&/g' || true)"
  [[ -n "$href" ]] && printf '%s\t%s&%s&date=%s\n' "$cookie" "csrf=$csrf" "$href" "$DATE"
  return 0
}
tail -n +2 "$ROOT/examples/roster.csv" | cut -d, -f4 | sort -u | while read -r email; do session "$email"; done >sessions.tsv
echo "== $(wc -l <sessions.tsv) people with a task of their own to mark done"
OVERVIEW_COOKIE="$(head -1 sessions.tsv | cut -f1)"

echo
echo "== 1. the overview: 100 connections, ${SECONDS_EACH}s"
wrk -t2 -c100 -d"${SECONDS_EACH}s" --latency -H "Cookie: $OVERVIEW_COOKIE" "$BASE" | tee overview.txt

echo
echo "== 2. 50 connections marking tasks done for ${SECONDS_EACH}s while arshjul remind runs"
before="$(sqlite3 web.db "SELECT count(*) FROM completion")"
(
  end=$((SECONDS + SECONDS_EACH))
  runs=0 failed=0 day=1
  while ((SECONDS < end)); do
    # A later date each run, so each run has new reminders to send and record.
    d="$(date -d "$DATE + $day days" +%F)"
    if "$BIN" remind --store web.db --date "$d" --out mail --link-base "$BASE" 2>>remind.log; then runs=$((runs + 1)); else failed=$((failed + 1)); fi
    day=$((day + 1))
  done
  echo "remind: $runs runs succeeded, $failed failed" >remind.txt
) &
REMIND_PID=$!
SESSIONS="$WORK/sessions.tsv" wrk -t2 -c50 -d"${SECONDS_EACH}s" --latency -s "$ROOT/bench/web/post.lua" "$BASE" | tee post.txt
wait "$REMIND_PID"
cat remind.txt; tail -3 remind.log
confirmed="$(sed -n 's/^confirmed \([0-9]*\) refused.*/\1/p' post.txt)"
present="$(sqlite3 web.db "SELECT count(DISTINCT note) FROM completion WHERE note LIKE 'load-%'")"
total="$(sqlite3 web.db "SELECT count(*) FROM completion")"
sent="$(sqlite3 web.db "SELECT count(*) FROM reminder")"
echo "records: confirmed $confirmed, present $present (store: $before before, $total after); reminders recorded: $sent; mails: $(ls mail | wc -l)"
# Requests still in flight when wrk stops are recorded without being counted: at most one
# per connection more than confirmed, never fewer.
((present >= confirmed && present <= confirmed + 50)) || { echo "MISSING RECORDS" >&2; exit 1; }
echo "every confirmed record is present ($((present - confirmed)) more were in flight when wrk stopped)"
