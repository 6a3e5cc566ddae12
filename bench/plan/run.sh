#!/usr/bin/env bash
# Benchmark of the plan's follow-up at the size of a large administration (not a test:
# nothing here is registered with ctest).
#
#   bench/plan/run.sh [--data DIR] [--reps N]
#
# Uses bench/status's generator (gen_admin) for 1,000 units with 50 steps and 2 years of
# records, and adds a plan (gen_plan.py): 11 goals, 20 activities and 10 measures, all per
# unit (VEM Rektor), followed up T1-T3; then imports ~9,000 measure values and ~10,000
# activity statuses. Times, in a Release build (build-release), min / median of N runs and
# peak RSS: import of each file, followup (markdown and json), remind (first run), status,
# audit, all as of 2026-09-10.
set -euo pipefail
cd "$(dirname "$0")/../.."

source bench/time_it.sh
bench_options "${TMPDIR:-/tmp}/arshjul-plan-bench" "$@"
DATE=2026-09-10
build_release plan

if [[ ! -f "$DATA/plan.csv.done" ]]; then
  rm -rf "$DATA"
  mkdir -p "$DATA"
  echo "== generate 1,000 units x 50 steps x 2 years, and the plan, in $DATA"
  "$BUILD/gen_admin" "$DATA" --units 1000 --steps 50 --years 2 --today "$DATE" >/dev/null
  /usr/bin/python3 bench/plan/gen_plan.py "$DATA"
  touch "$DATA/plan.csv.done"
fi
COMMON=(--rules "$DATA/rules" --roster "$DATA/roster.csv")


empty="rm -f $DATA/p.db $DATA/p.db-wal $DATA/p.db-shm"
loaded="$empty; $BIN import $DATA/values.csv ${COMMON[*]} --store $DATA/p.db >/dev/null; $BIN import $DATA/statuses.csv ${COMMON[*]} --store $DATA/p.db >/dev/null"
fresh="cp $DATA/loaded.db $DATA/run.db; rm -f $DATA/run.db-wal $DATA/run.db-shm"
eval "$loaded"
cp "$DATA/p.db" "$DATA/loaded.db"
echo "data: $(($(wc -l <"$DATA/roster.csv") - 1)) people, $(($(wc -l <"$DATA/values.csv") - 1)) values, $(($(wc -l <"$DATA/statuses.csv") - 1)) statuses"
time_it "import values.csv" "$empty" -- "$BIN" import "$DATA/values.csv" "${COMMON[@]}" --store "$DATA/p.db"
time_it "import statuses.csv" "$empty" -- "$BIN" import "$DATA/statuses.csv" "${COMMON[@]}" --store "$DATA/p.db"
time_it "followup --tertial T2, markdown" "true" -- "$BIN" followup --year 2026 --tertial T2 --date "$DATE" "${COMMON[@]}" --store "$DATA/loaded.db" --format markdown
time_it "followup --tertial T2, json" "true" -- "$BIN" followup --year 2026 --tertial T2 --date "$DATE" "${COMMON[@]}" --store "$DATA/loaded.db" --format json
time_it "remind, first run, --format json" "$fresh" -- "$BIN" remind --date "$DATE" "${COMMON[@]}" --store "$DATA/run.db" --format json --quiet
time_it "status" "true" -- "$BIN" status --date "$DATE" "${COMMON[@]}" --store "$DATA/loaded.db"
time_it "audit --year 2026" "true" -- "$BIN" audit --year 2026 --as-of "$DATE" "${COMMON[@]}" --store "$DATA/loaded.db"
