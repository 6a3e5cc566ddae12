#!/usr/bin/env bash
# The `arshjul status` benchmark: 1,000 units, 200 steps, 10 years of records (~1.9 million
# completions) must give a status for one date in under 1 s with a peak RSS under 256 MB.
#
#   bench/status/run.sh [--reps N] [--quick] [--data DIR] [--assert]
#
#   --reps N    timed runs per case (default 5; min and median are reported)
#   --quick     only the main case, no scaling series
#   --data DIR  where generated data sets live (default ${TMPDIR:-/tmp}/arshjul-status-bench);
#               a set is reused when it was generated with the same arguments and generator
#   --assert    exit 1 when the main case is over 1 s (median wall) or over 256 MB
#
# Builds a Release build in build-release (targets arshjul, gen_admin, status_phases), then:
#   1. the main case: status --date 2026-05-20 (text and --format json), /usr/bin/time -v once
#      for the peak RSS, then N timed runs (hyperfine too, when it is installed);
#   2. where the time goes: build-release/status_phases DIR --what-if;
#   3. scaling: units 250/500/1000/2000 at 10 years, years 1/2/5/10/20 at 1,000 units.
# Nothing here is a test: it is not registered with ctest.
set -euo pipefail
cd "$(dirname "$0")/../.."

REPS=5
QUICK=0
ASSERT=0
DATA="${TMPDIR:-/tmp}/arshjul-status-bench"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reps) REPS="$2"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --data) DATA="$2"; shift 2 ;;
    --assert) ASSERT=1; shift ;;
    *) echo "usage: $0 [--reps N] [--quick] [--data DIR] [--assert]" >&2; exit 2 ;;
  esac
done

BUILD=build-release
DATE=2026-05-20
STEPS=200

echo "== build ($BUILD, Release)"
mkdir -p "$BUILD"
if ! { cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DARSHJUL_TESTS=OFF -DARSHJUL_BENCH=ON &&
       cmake --build "$BUILD" -j2 --target arshjul gen_admin status_phases; } >"$BUILD/bench-status-build.log" 2>&1; then
  tail -30 "$BUILD/bench-status-build.log" >&2
  echo "build failed (log: $BUILD/bench-status-build.log)" >&2
  exit 1
fi
echo "source: $(git describe --always --dirty 2>/dev/null || echo '?')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg) (wall times grow with the load; CPU s much less)"

mkdir -p "$DATA"
GEN_SUM=$(sha256sum bench/status/gen_admin.cpp | cut -c1-16)

# dataset UNITS YEARS -> prints the folder, generating it unless an identical one exists.
dataset() {
  local units=$1 years=$2
  local dir="$DATA/u${units}-y${years}"
  local stamp="units=$units steps=$STEPS years=$years seed=1 today=$DATE gen=$GEN_SUM"
  if [[ ! -f "$dir/.stamp" || "$(cat "$dir/.stamp")" != "$stamp" || ! -f "$dir/arshjul.db" ]]; then
    rm -rf "$dir"
    "$BUILD/gen_admin" "$dir" --units "$units" --steps "$STEPS" --years "$years" --seed 1 \
      --today "$DATE" >&2
    echo "$stamp" >"$dir/.stamp"
  fi
  echo "$dir"
}

status_cmd() {  # DIR [extra args]
  local dir=$1; shift
  echo "$BUILD/arshjul" status --date "$DATE" --rules "$dir/rules" --roster "$dir/roster.csv" \
    --store "$dir/arshjul.db" "$@"
}

# measure DIR [extra args] -> sets M_MIN M_MED (wall s), M_CPU (median user+sys s), M_RSS (max MB)
measure() {
  local dir=$1; shift
  local cmd; cmd=$(status_cmd "$dir" "$@")
  $cmd >/dev/null  # warm the page cache; fails loudly on a bad data set
  local walls=() cpus=() rss=0 out i t_wall t_user t_sys t_rss
  for ((i = 0; i < REPS; i++)); do
    out=$( { /usr/bin/time -f "%e %U %S %M" $cmd >/dev/null; } 2>&1 | tail -1)
    read -r t_wall t_user t_sys t_rss <<<"$out"
    walls+=("$t_wall")
    cpus+=("$(awk -v u="$t_user" -v s="$t_sys" 'BEGIN { printf "%.2f", u + s }')")
    if ((t_rss > rss)); then rss=$t_rss; fi
  done
  M_MIN=$(printf '%s\n' "${walls[@]}" | sort -g | head -1)
  M_MED=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  M_CPU=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  M_RSS=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
}

rows() {  # DB [first last] -> number of completions (all, or of cycles first..last)
  command -v sqlite3 >/dev/null || { echo "-"; return; }
  if [[ $# -eq 3 ]]; then
    sqlite3 "$1" "SELECT count(*) FROM completion WHERE cycle BETWEEN $2 AND $3"
  else
    sqlite3 "$1" "SELECT count(*) FROM completion"
  fi
}

YEAR=${DATE:0:4}
MAIN=$(dataset 1000 10)
echo
echo "== main case: 1,000 units, $STEPS steps, 10 years ($MAIN)"
echo "completions in the store: $(rows "$MAIN/arshjul.db"), read by status (cycles $((YEAR - 2))..$((YEAR + 1))):" \
  "$(rows "$MAIN/arshjul.db" $((YEAR - 2)) $((YEAR + 1)))"
echo "store file: $(du -h "$MAIN/arshjul.db" | cut -f1)"
echo "output: $($(status_cmd "$MAIN") | head -1)"
echo
echo "-- /usr/bin/time -v (text)"
/usr/bin/time -v $(status_cmd "$MAIN") 2>&1 >/dev/null |
  grep -E 'Elapsed|Maximum resident|User time|System time|Exit status' | sed 's/^\t/  /'
echo "-- /usr/bin/time -v (--format json)"
/usr/bin/time -v $(status_cmd "$MAIN" --format json) 2>&1 >/dev/null |
  grep -E 'Elapsed|Maximum resident|User time|System time|Exit status' | sed 's/^\t/  /'
if command -v hyperfine >/dev/null; then
  echo "-- hyperfine"
  hyperfine --warmup 1 --runs "$REPS" -N "$(status_cmd "$MAIN")" "$(status_cmd "$MAIN" --format json)"
fi
echo
printf '%-8s %10s %10s %10s %10s\n' format "min s" "median s" "CPU s" "peak MB"
measure "$MAIN"
MAIN_MED=$M_MED MAIN_RSS=$M_RSS
printf '%-8s %10s %10s %10s %10s\n' text "$M_MIN" "$M_MED" "$M_CPU" "$M_RSS"
measure "$MAIN" --format json
printf '%-8s %10s %10s %10s %10s\n' json "$M_MIN" "$M_MED" "$M_CPU" "$M_RSS"
JSON_MED=$M_MED JSON_RSS=$M_RSS

echo
echo "== where the time goes (status_phases, CPU ms, best of 3)"
"$BUILD/status_phases" "$MAIN" --date "$DATE" --reps 3 --what-if

if [[ $QUICK -eq 0 ]]; then
  echo
  echo "== scaling with units (10 years of records)"
  printf '%6s %6s %12s %12s %10s %10s %10s %10s\n' units years "in store" "read" "min s" "median s" "CPU s" "peak MB"
  for u in 250 500 1000 2000; do
    d=$(dataset "$u" 10)
    measure "$d"
    printf '%6s %6s %12s %12s %10s %10s %10s %10s\n' "$u" 10 "$(rows "$d/arshjul.db")" \
      "$(rows "$d/arshjul.db" $((YEAR - 2)) $((YEAR + 1)))" "$M_MIN" "$M_MED" "$M_CPU" "$M_RSS"
  done
  echo
  echo "== scaling with years of history (1,000 units)"
  printf '%6s %6s %12s %12s %10s %10s %10s %10s\n' units years "in store" "read" "min s" "median s" "CPU s" "peak MB"
  for y in 1 2 5 10 20; do
    d=$(dataset 1000 "$y")
    measure "$d"
    printf '%6s %6s %12s %12s %10s %10s %10s %10s\n' 1000 "$y" "$(rows "$d/arshjul.db")" \
      "$(rows "$d/arshjul.db" $((YEAR - 2)) $((YEAR + 1)))" "$M_MIN" "$M_MED" "$M_CPU" "$M_RSS"
  done
fi

echo
verdict=ok
awk -v t="$MAIN_MED" 'BEGIN { exit !(t < 1.0) }' || verdict=FAIL
((MAIN_RSS < 256)) || verdict=FAIL
echo "requirement (1,000 units, 10 years, text): median ${MAIN_MED} s (< 1 s), peak ${MAIN_RSS} MB (< 256 MB): $verdict"
echo "                                     json: median ${JSON_MED} s, peak ${JSON_RSS} MB"
if [[ $ASSERT -eq 1 && $verdict != ok ]]; then exit 1; fi
