#!/usr/bin/env bash
# Golden outputs: what the shipped example prints, compared byte for byte with the files in
# this folder (NAME.expected, as tests/bad/ names its expected errors). A change to any page or output shows up here as a diff to review; when the
# change is wanted, `tests/golden/run.sh BINARY --update` writes the new files to commit.
#   run.sh BINARY [--update]
set -uo pipefail
bin=$1
update=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/arshjul-golden.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$root"
# Rules and roster of the shipped example; every case names its store.
export ARSHJUL_CONFIG="$root/examples/arshjul.toml"

store=$work/demo.db
plan=$work/plan.db
"$bin" import examples/records.csv --store "$store" >/dev/null || { echo "import failed"; exit 1; }
"$bin" import examples/vp2019-status.csv --store "$plan" >/dev/null || { echo "plan import failed"; exit 1; }

# name|command (run with the working directory at the repository root). The exit code is
# part of the output: it is written as the file's last line, after what went to stderr.
cases=(
  "status.txt|status --date 2026-10-15 --store $store"
  "status-role.txt|status --date 2026-10-15 --store $store --role Rektor --unit \"Ekbackens skola\""
  "status.json|status --date 2026-10-15 --store $store --format json"
  "status-en.txt|--lang en status --date 2026-10-15 --store $store"
  "next.txt|next --role Förvaltningschef --date 2026-10-15 --store $store"
  "audit.txt|audit --year 2026 --as-of 2026-10-15 --store $store"
  "audit.md|audit --year 2026 --as-of 2026-10-15 --store $store --format markdown"
  "audit.html|audit --year 2026 --as-of 2026-10-15 --store $store --format html"
  "audit.json|audit --year 2026 --as-of 2026-10-15 --store $store --format json"
  "audit-en.html|--lang en audit --year 2026 --as-of 2026-10-15 --store $store --format html"
  "report.html|report rules/resultatuppfoljning.arshjul --year 2026 --store $store --date 2026-10-15 --format html"
  "wheel.svg|wheel rules/resultatuppfoljning.arshjul --year 2026 --store $store --date 2026-10-15"
  "show.txt|show rules/mal_och_handlingsplaner.arshjul --year 2026"
  "check.txt|check rules"
  "calendar.ics|calendar rules/ --year 2026 --unit \"Ekbackens skola\""
  "followup-t1.md|followup --year 2019 --tertial T1 --store $plan --format markdown"
  "followup-t2.txt|followup --year 2019 --tertial T2 --store $plan"
  "followup-t1.html|followup --year 2019 --tertial T1 --store $plan --format html"
  "followup-t1.json|followup --year 2019 --tertial T1 --store $plan --format json"
  "remind-dry.txt|remind --date 2026-10-15 --store $store --dry-run"
  "remind.json|remind --date 2026-10-15 --store $store --format json"
  "remind-again.json|remind --date 2026-10-15 --store $store --format json"
)

failed=0
for c in "${cases[@]}"; do
  name=${c%%|*}
  eval "args=(${c#*|})"
  out=$work/$name
  "$bin" "${args[@]}" >"$out" 2>"$work/stderr"
  rc=$?
  if [ -s "$work/stderr" ]; then { echo "--- stderr"; cat "$work/stderr"; } >>"$out"; fi
  echo "--- exit $rc" >>"$out"
  # The temporary folder, the calendar's creation stamp, its versions (from the rule files'
  # times, see pictures/calendar_versions.hpp) and the log's clock are all that vary.
  sed -i -E -e "s|$work|WORK|g" -e 's/^DTSTAMP:[0-9TZ]*/DTSTAMP:NOW/' \
    -e 's/^SEQUENCE:[0-9]+/SEQUENCE:FILE-TIME/' -e 's/^LAST-MODIFIED:[0-9TZ]*/LAST-MODIFIED:FILE-TIME/' \
    -e 's/^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} /NOW /' "$out"
  if [ "$update" = "--update" ]; then
    cp "$out" "$here/$name.expected"
  elif ! cmp -s "$out" "$here/$name.expected"; then
    echo "== $name differs from tests/golden/$name.expected:"
    diff -u "$here/$name.expected" "$out" | head -40
    failed=1
  fi
done
[ "$update" = "--update" ] && echo "golden files written to $here"
exit $failed
