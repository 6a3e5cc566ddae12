#!/usr/bin/env bash
# Builds the libFuzzer targets in build-fuzz (clang 14, ASan+UBSan) and fuzzes one of them
# for SECONDS (default 300):
#   fuzz/run.sh [parser|roster|import] [SECONDS] [extra libFuzzer flags...]
# (parser when the first argument is a number). The growing corpus lives in
# fuzz/corpus/TARGET/ (not committed); crashes, timeouts, leaks and slow inputs are written to
# build-fuzz/artifacts/TARGET/. Minimise one with
#   build-fuzz/fuzz_TARGET -minimize_crash=1 -runs=100000 build-fuzz/artifacts/TARGET/crash-...
# and keep it under fuzz/regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=parser
case "${1:-}" in
  parser | roster | import) target="$1"; shift ;;
esac
seconds="${1:-300}"
shift || true
cxx="${CXX_FUZZ:-clang++-14}"
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DARSHJUL_FUZZ=ON -DARSHJUL_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "fuzz_$target"
mkdir -p "fuzz/corpus/$target" "build-fuzz/artifacts/$target"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# Per target: its seeds, its dictionary and the extension of its saved regressions.
case "$target" in
  parser) seeds=fuzz/seeds dict=fuzz/arshjul.dict ext=arshjul ;;
  roster) seeds=fuzz/seeds-roster dict=fuzz/csv.dict ext=roster.csv ;;
  import) seeds=fuzz/seeds-import dict=fuzz/csv.dict ext=import.csv ;;
esac
# Replay the saved regressions first and say which still fail (they are bugs that were
# reported, not yet fixed; they are kept out of the corpus so fuzzing can go on).
for r in fuzz/regressions/*."$ext"; do
  [[ -f "$r" ]] || continue
  if "build-fuzz/fuzz_$target" -runs=1 "$r" >/dev/null 2>&1; then
    echo "regression passes now: $r"
  else
    echo "regression STILL FAILS: $r"
  fi
done
exec "build-fuzz/fuzz_$target" "fuzz/corpus/$target" "$seeds" \
  -dict="$dict" -max_len=4096 -timeout=5 -rss_limit_mb=2048 \
  -len_control=0 -max_total_time="$seconds" -print_final_stats=1 -report_slow_units=1 \
  -artifact_prefix="build-fuzz/artifacts/$target/" "$@"
