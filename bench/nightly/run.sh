#!/usr/bin/env bash
# Benchmarks of the nightly job and the audit on a generated administration (not tests:
# nothing here is registered with ctest).
#
#   bench/nightly/run.sh [--data DIR] [--reps N]
#
# Uses bench/status's generator (gen_admin): 1,000 units, 200 steps, 10 years of records
# (~1.9 million completions), and adds three more people per unit so the roster has 5,000+
# people. Then times, in a Release build (build-release):
#   remind   first run for a date (every reminder is new: the worst case), --format json and
#            --out DIR; then the same date again (nothing new: the usual re-run)
#   audit    one cycle of 1,000 units x 200 steps, text and --format json
# and prints wall time (min / median of N runs) and peak RSS (/usr/bin/time).
# Targets from the issues: remind < 2 s for 1,000 units and 5,000 people; audit < 2 s.
set -euo pipefail
cd "$(dirname "$0")/../.."

source bench/time_it.sh
bench_options "${TMPDIR:-/tmp}/arshjul-nightly-bench" "$@"
DATE=2026-05-20
mkdir -p "$DATA"
build_release nightly

if [[ ! -f "$DATA/arshjul.db" ]]; then
  echo "== generate 1,000 units x 200 steps x 10 years in $DATA"
  "$BUILD/gen_admin" "$DATA" --units 1000 --steps 200 --years 10 --today "$DATE" >/dev/null
  # Three more people per unit (deputies), so the roster has over 5,000 people.
  # (written to a separate file first: awk must not read the file it appends to)
  awk -F, 'NR > 1 && $1 != "" && $2 == "Rektor" {
             for (i = 1; i <= 3; i++) printf "%s,Rektor,Bitr %d %s,bitr%d.%s\n", $1, i, $3, i, $4 }' \
    "$DATA/roster.csv" >"$DATA/deputies.csv"
  cat "$DATA/deputies.csv" >>"$DATA/roster.csv"
  rm "$DATA/deputies.csv"
fi
people=$(($(wc -l <"$DATA/roster.csv") - 1))
completions=$(sqlite3 "$DATA/arshjul.db" "select count(*) from completion")
echo "data: $people people, $completions completions"
COMMON=(--rules "$DATA/rules" --roster "$DATA/roster.csv")


fresh="cp $DATA/arshjul.db $DATA/run.db; rm -f $DATA/run.db-wal $DATA/run.db-shm; rm -rf $DATA/mail"
again="true"
echo "== remind ($DATE)"
time_it "remind, first run, --format json" "$fresh" -- "$BIN" remind --date "$DATE" "${COMMON[@]}" --store "$DATA/run.db" --format json --quiet
time_it "remind, first run, --out DIR (.eml files)" "$fresh" -- "$BIN" remind --date "$DATE" "${COMMON[@]}" --store "$DATA/run.db" --out "$DATA/mail" --quiet
messages=$(ls "$DATA/mail" | wc -l)
time_it "remind, same date again (nothing new)" "$again" -- "$BIN" remind --date "$DATE" "${COMMON[@]}" --store "$DATA/run.db" --out "$DATA/mail" --quiet
echo "messages per first run: $messages"
echo "== audit (cycle 2025, as of $DATE)"
time_it "audit --year 2025, text" "$again" -- "$BIN" audit --year 2025 --as-of "$DATE" "${COMMON[@]}" --store "$DATA/arshjul.db"
time_it "audit --year 2025, --format json" "$again" -- "$BIN" audit --year 2025 --as-of "$DATE" "${COMMON[@]}" --store "$DATA/arshjul.db" --format json
tasks=$("$BIN" audit --year 2025 --as-of "$DATE" "${COMMON[@]}" --store "$DATA/arshjul.db" --format json |
  /usr/bin/python3 -c 'import json,sys; print(sum(len(p["tasks"]) for p in json.load(sys.stdin)["processes"]))' || true)
echo "audited tasks: $tasks"
