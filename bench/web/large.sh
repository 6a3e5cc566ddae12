#!/usr/bin/env bash
# The web view on a large administration (not a test: nothing here is registered with ctest).
#
#   [SECONDS_EACH=N] [DATA=DIR] [BACKEND=sqlite|postgresql] bench/web/large.sh [--backend B]
#
# On the 1,000-unit administration of bench/status (gen_admin: 200 steps, 10 years, 1.87 M
# completions) as of 2026-05-20, with a Release build in $BUILD (default build-rel, configured
# with -DARSHJUL_BENCH=ON):
#   0. the first page after start: the time from starting `arshjul serve` to the first `/`
#      answered, and that page's own time;
#   1-3. 100 readers for SECONDS_EACH seconds (default 20) on `/`, then `/my`, then `/task` (each reader
#      one of 100 rektorer, their own page and tasks), each while 50 writers mark tasks done
#      (POST /done as those rektorer, a task of their own, each request on another date so each
#      changes the task);
# then every confirmed entry is looked for in the store. Prints wrk's figures and the load
# average before each phase. The store is a copy: the generated one is left as it was; on
# PostgreSQL (BACKEND=postgresql or --backend postgresql) a database on a server started for
# the run (tests/postgres.sh with ARSHJUL_PG_DURABLE=1: fsync on every commit, as SQLite's
# store does), filled with `arshjul store copy` (about a minute) before the server starts.
set -euo pipefail
cd "$(dirname "$0")/../.."
# SECONDS_EACH (default 20) and DATA (default ${TMPDIR:-/tmp}/arshjul-status-bench) from the
# environment.
SECONDS_EACH="${SECONDS_EACH:-20}"
DATA="${DATA:-${TMPDIR:-/tmp}/arshjul-status-bench}"
BACKEND="${BACKEND:-sqlite}"
if [[ "${1:-}" == --backend ]]; then BACKEND="$2"; shift 2; fi
[[ $# -eq 0 && ($BACKEND == sqlite || $BACKEND == postgresql) ]] ||
  { echo "usage: $0 [--backend sqlite|postgresql]" >&2; exit 2; }
ROOT="$PWD"
BUILD="${BUILD:-build-rel}"
cmake --build "$BUILD" -j2 --target arshjul gen_admin >/dev/null
BIN="$ROOT/$BUILD/arshjul"
DATE=2026-05-20
ADMIN="$DATA/u1000-y10"
if [[ ! -f "$ADMIN/arshjul.db" ]]; then
  mkdir -p "$DATA"
  "$ROOT/$BUILD/gen_admin" "$ADMIN" --units 1000 --steps 200 --years 10 --seed 1 --today "$DATE" >&2
fi
source "$ROOT/bench/web/server.sh"
in_scratch arshjul-web-large
if [[ $BACKEND == sqlite ]]; then
  STORE=web.db
  cp "$ADMIN/arshjul.db" "$STORE"
  q() { sqlite3 "$STORE" "$1"; }
else
  stop_pg() {
    [[ -d "$WORK/pg" ]] && "$ROOT/tests/postgres.sh" stop "$WORK/pg" >/dev/null 2>&1 || true
    stop_scratch
  }
  trap stop_pg EXIT
  (cd / && ARSHJUL_PG_DURABLE=1 "$ROOT/tests/postgres.sh" start "$WORK/pg" >/dev/null)
  [[ -s "$WORK/pg/address" ]] || { echo "PostgreSQL is not installed: nothing measured" >&2; exit 1; }
  server="$(cat "$WORK/pg/address")"
  psql -Atq "$server" -c "CREATE DATABASE web"
  STORE="${server/\/postgres\?//web?}"
  q() { psql -Atq "$STORE" -c "$1"; }
  t0=$SECONDS
  "$BIN" store copy "$ADMIN/arshjul.db" "$STORE" | head -1
  echo "(store copy: $((SECONDS - t0)) s)"
fi
# The sign-in links' key in the scratch folder (a PostgreSQL store has no folder beside it).
OPTS=(--rules "$ADMIN/rules" --roster "$ADMIN/roster.csv" --store "$STORE" --key-file "$WORK/links.key")
load() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"; }

# Signing in: a link made for a stand-in address, followed on the server's (the link is made
# before the server starts, so the first page's time holds no `arshjul token`).
link() { "$BIN" token "$1" "${OPTS[@]}" --link-base http://stand-in/; }
signin() {  # LINK -> cookie
  curl -s -o /dev/null -D - "${BASE}${1#http://stand-in/}" |
    sed -n 's/^Set-Cookie: \(arshjul=[^;]*\);.*/\1/Ip'
}
# The first page after a restart, as a person signed in before asks for it: signed in on a
# server stopped again, then a new server started.
FIRST_LINK="$(link "$(tail -n +2 "$ADMIN/roster.csv" | grep ',Rektor,' | sed -n 1p | cut -d, -f4)")"
start_server "${OPTS[@]}" --date "$DATE"
COOKIE="$(signin "$FIRST_LINK")"
kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
echo "== 0. first page after start ($BACKEND, $(nproc) cores, $(load))"
start=$(date +%s.%N)
start_server "${OPTS[@]}" --date "$DATE"
first="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: $COOKIE" "$BASE")"
end=$(date +%s.%N)
# The server's CPU time so far (user + system, in clock ticks): steadier than the wall time on a
# machine shared with other work.
cpu="$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$SERVER_PID/stat")"
echo "first / : HTTP ${first% *}, the page ${first#* } s; from starting serve $(echo "$end - $start" | bc) s;" \
  "the server's CPU time until then ${cpu} s"
again="$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $COOKIE" "$BASE")"
echo "second / : $again s"

# 100 rektorer: their cookie, their /my, the tasks listed on it.
tail -n +2 "$ADMIN/roster.csv" | grep ',Rektor,' | sed -n 1,100p | cut -d, -f4 >people.txt
: >pages_root.tsv; : >pages_my.tsv; : >pages_task.tsv; : >writes.tsv
while read -r email; do
  cookie="$(signin "$(link "$email" </dev/null)")"
  page="$(curl -s -H "Cookie: $cookie" "${BASE}my")"
  csrf="$(grep -o 'name="csrf" value="[^"]*"' <<<"$page" | tail -1 | sed 's/.*value="//; s/"$//' || true)"
  printf '%s\t/\n' "$cookie" >>pages_root.tsv
  printf '%s\t/my\n' "$cookie" >>pages_my.tsv
  { grep -o 'href="/task?[^"]*"' <<<"$page" || true; } | sed 's/^href="//; s/"$//; s/&amp;/\&/g' | sed -n 1,10p |
    while read -r href; do
      printf '%s\t%s\n' "$cookie" "$href" >>pages_task.tsv
      for k in 0 1 2 3 4; do  # a date a day earlier each time: every write changes the task
        printf '%s\tcsrf=%s&%s&date=%s\n' "$cookie" "$csrf" "${href#/task?}" \
          "$(date -d "$DATE - $k days" +%F)" >>writes.tsv
      done
    done
done <people.txt
echo "== $(wc -l <people.txt) people, $(wc -l <pages_task.tsv) task pages, $(wc -l <writes.tsv) writes to go round"
shuf --random-source=<(yes) writes.tsv >writes_mixed.tsv

before="$(q "SELECT count(*) FROM completion")"
phase() {  # N NAME PAGES
  echo
  echo "== $1. 100 readers on $2 for ${SECONDS_EACH}s while 50 writers mark tasks done ($(load))"
  NOTE_PREFIX="load$1" SESSIONS="$WORK/writes_mixed.tsv" wrk -t1 -c50 -d"${SECONDS_EACH}s" --latency \
    -s "$ROOT/bench/web/post.lua" "$BASE" >"post_$1.txt" &
  local writers=$!
  PAGES="$WORK/$3" wrk -t1 -c100 -d"${SECONDS_EACH}s" --latency -s "$ROOT/bench/web/post.lua" "$BASE" |
    tee "read_$1.txt"
  wait "$writers"
  echo "-- writers:"
  grep -E 'Requests/sec|50%|99%|confirmed|Socket errors|Non-2xx' "post_$1.txt"
}
phase 1 / pages_root.tsv
phase 2 /my pages_my.tsv
phase 3 /task pages_task.tsv
confirmed=0
for f in post_*.txt; do confirmed=$((confirmed + $(sed -n 's/^confirmed \([0-9]*\) refused.*/\1/p' "$f"))); done
present="$(q "SELECT count(DISTINCT note) FROM completion WHERE note LIKE 'load%'")"
echo
echo "records: confirmed $confirmed, present $present (store: $before before, $(q "SELECT count(*) FROM completion") after)"
((present >= confirmed && present <= confirmed + 150)) || { echo "MISSING RECORDS" >&2; exit 1; }
