#!/usr/bin/env bash
# The web view's CPU per write and per task page in instructions (valgrind's callgrind), not in
# time: figures that do not move with the machine's load, for comparing two builds (not a test:
# nothing here is registered with ctest).
#
#   [N=40] [DATA=DIR] [BUILD=build | BIN=PATH] bench/web/callgrind.sh [OUT.callgrind]
#
# On the 1,000-unit administration of bench/status (bench/web/large.sh makes it) as of
# 2026-05-20: one rektor signs in, asks for `/` and `/my` (the snapshot is loaded then; the
# counts are zeroed after), then marks N of their tasks done one after another (POST /done, each on another
# date), then reads N task pages (GET /task), N times `/my` and N times `/`. Only those handlers
# are counted (--toggle-collect): prints the inclusive instructions of each handler and of the
# functions of the write and the pages that issue 20 looked at, in all and per request; the
# whole profile is left in OUT (callgrind_annotate).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
N="${N:-40}"
DATA="${DATA:-${TMPDIR:-/tmp}/arshjul-status-bench}"
BIN="${BIN:-$ROOT/${BUILD:-build}/arshjul}"
OUT="$(realpath -m "${1:-callgrind.out}")"
ADMIN="$DATA/u1000-y10"
DATE=2026-05-20
[[ -f "$ADMIN/arshjul.db" ]] || { echo "no $ADMIN/arshjul.db: run bench/web/large.sh once" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "valgrind is not installed: nothing measured" >&2; exit 1; }
source "$ROOT/bench/web/server.sh"
in_scratch arshjul-web-callgrind
cp "$ADMIN/arshjul.db" web.db
OPTS=(--rules "$ADMIN/rules" --roster "$ADMIN/roster.csv" --store web.db --key-file "$WORK/links.key")
email="$(tail -n +2 "$ADMIN/roster.csv" | grep ',Rektor,' | sed -n 1p | cut -d, -f4)"
link="$("$BIN" token "$email" "${OPTS[@]}" --link-base http://stand-in/)"

valgrind --tool=callgrind --callgrind-out-file="$OUT" --collect-atstart=no --max-threads=2000 \
  --toggle-collect='arshjul::web::Server::Impl::done(*' \
  --toggle-collect='arshjul::web::Server::Impl::task(*' \
  --toggle-collect='arshjul::web::Server::Impl::my(*' \
  --toggle-collect='arshjul::web::Server::Impl::overview(*' \
  "$BIN" serve "${OPTS[@]}" --date "$DATE" --listen 127.0.0.1:0 --per-client 0 \
  --entries-per-task 1000000 --entries-per-day 1000000 >serve.out 2>serve.err &
SERVER_PID=$!
for _ in $(seq 1200); do grep -q "http://" serve.out 2>/dev/null && break; sleep 0.1; done
BASE="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' serve.out)"
cookie="$(curl -s -o /dev/null -D - "${BASE}${link#http://stand-in/}" |
  sed -n 's/^Set-Cookie: \(arshjul=[^;]*\);.*/\1/Ip')"
curl -s -o /dev/null -H "Cookie: $cookie" "$BASE"
page="$(curl -s -H "Cookie: $cookie" "${BASE}my")"
callgrind_control --zero "$SERVER_PID" >/dev/null  # the pages above (and the load) not counted
csrf="$(grep -o 'name="csrf" value="[^"]*"' <<<"$page" | tail -1 | sed 's/.*value="//; s/"$//')"
mapfile -t hrefs < <(grep -o 'href="/task?[^"]*"' <<<"$page" | sed 's/^href="//; s/"$//; s/&amp;/\&/g' |
  sed -n 1,10p)
for ((i = 0; i < N; i++)); do
  href="${hrefs[i % ${#hrefs[@]}]}"
  day="$(date -d "$DATE - $((i / ${#hrefs[@]})) days" +%F)"
  curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: $cookie" \
    --data "csrf=$csrf&${href#/task?}&date=$day&note=callgrind-$i" "${BASE}done"
done | sort | uniq -c | sed 's/^/POST \/done answers: /'
for ((i = 0; i < N; i++)); do
  curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: $cookie" "${BASE}${hrefs[i % ${#hrefs[@]}]#/}"
done | sort | uniq -c | sed 's/^/GET \/task answers: /'
for path in my ""; do
  for ((i = 0; i < N; i++)); do
    curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: $cookie" "${BASE}$path"
  done | sort | uniq -c | sed "s|^|GET /$path answers: |"
done
kill -INT "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
# Each function's inclusive count (the largest of its entries: inlined parts are listed apart),
# over N: per write for what a write calls, per page for what a task page calls.
callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$OUT" 2>/dev/null |
  awk -v n="$N" '
    BEGIN {
      split("Server::Impl::done( SnapshotCache::prepare( SnapshotCache::take( web::urgent_by_unit( " \
            "web::urgent_changes( engine::prepare_entries( engine::record_first_use( " \
            "engine::resolve_record( Server::Impl::admitted( Server::Impl::check_csrf( " \
            "Server::Impl::task( Server::Impl::task_ref( engine::find_task( engine::tasks_of( " \
            "Server::Impl::session( Server::Impl::my( web::my_tasks( Server::Impl::overview(", keep, " ")
    }
    /^ *[0-9,]+ / {
      count = $1; gsub(",", "", count)
      fn = substr($0, index($0, ":") + 1)
      fn = substr(fn, 1, index(fn, "("))  # the function itself, not a lambda or handler in it
      for (k in keep) {
        at = length(fn) - length(keep[k]) + 1
        if (at > 0 && substr(fn, at) == keep[k] && count + 0 > best[k]) best[k] = count + 0
      }
    }
    END {
      for (k = 1; k in keep; ++k)
        printf "%-30s %14d  %11d / %d\n", substr(keep[k], 1, length(keep[k]) - 1), best[k], best[k] / n, n
    }'
