#!/usr/bin/env bash
# Builds the libFuzzer target in build-fuzz (clang 14, ASan+UBSan) and fuzzes the rule
# language for SECONDS (default 300): fuzz/run.sh [SECONDS] [extra libFuzzer flags...]
# The growing corpus lives in fuzz/corpus/ (not committed); crashes, timeouts, leaks and
# slow inputs are written to build-fuzz/artifacts/. Minimise one with
#   build-fuzz/fuzz_parser -minimize_crash=1 -runs=100000 build-fuzz/artifacts/crash-...
# and keep it under fuzz/regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
shift || true
cxx="${CXX_FUZZ:-clang++-14}"
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DARSHJUL_FUZZ=ON -DARSHJUL_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_parser
mkdir -p fuzz/corpus build-fuzz/artifacts
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# Replay the saved regressions first and say which still fail (they are bugs in dsl/ that
# were reported, not yet fixed; they are kept out of the corpus so fuzzing can go on).
for r in fuzz/regressions/*; do
  [[ -f "$r" && "$r" != *.md ]] || continue
  if build-fuzz/fuzz_parser -runs=1 "$r" >/dev/null 2>&1; then
    echo "regression passes now: $r"
  else
    echo "regression STILL FAILS: $r"
  fi
done
exec build-fuzz/fuzz_parser fuzz/corpus fuzz/seeds \
  -dict=fuzz/arshjul.dict -max_len=4096 -timeout=5 -rss_limit_mb=2048 \
  -len_control=0 -max_total_time="$seconds" -print_final_stats=1 -report_slow_units=1 \
  -artifact_prefix=build-fuzz/artifacts/ "$@"
