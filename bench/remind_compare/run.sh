#!/usr/bin/env bash
# `arshjul check` on 100,000 steps side by side with Debian's `remind` on 100,000 dated
# reminders (issue 19: the compiler within 2x of remind's time, peak memory under 150 MB).
# Not a test: nothing here is registered with ctest.
#
#   bench/remind_compare/run.sh [--data DIR] [--reps N]
#
# Builds arshjul and gen_rules in build-release (Release), writes 100,000 steps with
# gen_rules (seed 1) as four files of 25,000 steps (a rule file may hold at most 16 MB: the
# first file has the process and includes the other three) and 100,000 reminders with
# gen_reminders.py (seed 1), then runs, N times each (default 5) and taking turns so a change
# in the machine's load falls on both alike:
#   arshjul check --year 2026 steps_1.arshjul   parse, compile, dependency graph, dates of 2026
#   remind -n -r reminders.rem 2026-01-01       parse every reminder and compute its next date
#   remind -q -r reminders.rem 2026-05-15       (for comparison) the reminders of one day
# each under /usr/bin/time: median wall time, median CPU time (user + system: less disturbed
# by other programs on the machine), median peak RSS, and the ratios arshjul / remind -n.
set -euo pipefail
cd "$(dirname "$0")/../.."

source bench/time_it.sh
bench_options "${TMPDIR:-/tmp}/arshjul-remind-compare" "$@"
STEPS=100000
PER_FILE=25000
YEAR=2026
if ! command -v remind >/dev/null; then
  echo "remind (Debian package) is not installed: run scripts/deps.sh" >&2
  exit 1
fi
build_release remind_compare arshjul gen_rules
mkdir -p "$DATA"
rm -f "$DATA"/steps_*.arshjul

echo "== generate $STEPS steps and $STEPS reminders in $DATA"
# Split before every PER_FILE-th `steg`; the first file includes the others.
"$BUILD/gen_rules" "$STEPS" 1 |
  awk -v per="$PER_FILE" -v dir="$DATA" \
    '/^steg / { n++; if (n > 1 && (n - 1) % per == 0) part++ }
     { print > (dir "/steps_" (part + 1) ".arshjul") }'
for f in "$DATA"/steps_*.arshjul; do
  [[ "$f" == "$DATA/steps_1.arshjul" ]] || echo "inkludera \"$(basename "$f")\"" >>"$DATA/steps_1.arshjul"
done
python3 bench/remind_compare/gen_reminders.py "$STEPS" 1 >"$DATA/reminders.rem"
echo "rules: $(cat "$DATA"/steps_*.arshjul | wc -c) bytes in $(ls "$DATA"/steps_*.arshjul | wc -l) files;" \
  "reminders: $(wc -c <"$DATA/reminders.rem") bytes"

# Both must do the whole job: a clean check of every step, a date for every reminder.
CHECK=("$BIN" check --year "$YEAR" "$DATA/steps_1.arshjul")
REMIND_ALL=(remind -n -r "$DATA/reminders.rem" "$YEAR-01-01")
REMIND_DAY=(remind -q -r "$DATA/reminders.rem" "$YEAR-05-15")
"${CHECK[@]}" 2>/dev/null | grep -q " $STEPS steg" || { echo "check did not accept all $STEPS steps" >&2; exit 1; }
dated=$("${REMIND_ALL[@]}" | grep -c '^[0-9]')
[[ "$dated" == "$STEPS" ]] || { echo "remind -n gave $dated dates, not $STEPS" >&2; exit 1; }

# run NAME CMD...: one run under /usr/bin/time, its "wall cpu rss_kb" appended to $DATA/NAME.
run() {
  local name="$1"
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$DATA/time.out" "$@" >/dev/null 2>&1
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$DATA/time.out" >>"$DATA/$name.times"
}
# median NAME COLUMN: the median of a column of $DATA/NAME.times.
median() {
  cut -d' ' -f"$2" "$DATA/$1.times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

rm -f "$DATA"/*.times
echo "== $REPS runs each, taking turns (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
for ((i = 0; i < REPS; i++)); do
  run check "${CHECK[@]}"
  run remind_all "${REMIND_ALL[@]}"
  run remind_day "${REMIND_DAY[@]}"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; remind $(dpkg-query -W -f='${Version}' remind 2>/dev/null || echo '?');" \
  "arshjul $(git rev-parse --short HEAD)"
printf '%-46s %9s %9s %9s\n' "" "wall" "cpu" "peak RSS"
for name in check remind_all remind_day; do
  case $name in
    check) label="arshjul check --year $YEAR ($STEPS steps)" ;;
    remind_all) label="remind -n ($STEPS reminders, every date)" ;;
    remind_day) label="remind (the reminders of one day)" ;;
  esac
  printf '%-46s %7.3f s %7.2f s %6d MB\n' "$label" "$(median $name 1)" "$(median $name 2)" \
    "$(($(median $name 3) / 1024))"
done
awk -v a="$(median check 1)" -v b="$(median remind_all 1)" -v c="$(median check 2)" \
  -v d="$(median remind_all 2)" \
  'BEGIN { printf "arshjul check / remind -n: %.1fx wall, %.1fx cpu (goal: at most 2x)\n", a / b, c / (d > 0 ? d : 0.01) }'
