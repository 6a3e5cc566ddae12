# Sourced by the benchmark scripts (bench/nightly, bench/plan): their options, their build,
# and one way to time a command.
#
# bench_options DEFAULT_DATA "$@": sets DATA (--data DIR, default DEFAULT_DATA) and REPS
# (--reps N, default 5).
bench_options() {
  DATA="$1"
  REPS=5
  shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --data) DATA="$2"; shift 2 ;;
      --reps) REPS="$2"; shift 2 ;;
      *) echo "usage: $0 [--data DIR] [--reps N]" >&2; exit 2 ;;
    esac
  done
}

# build_release NAME [TARGET...]: builds the targets (default arshjul and gen_admin) in
# build-release (Release, the benchmark programs on, no tests), the log in
# build-release/bench-NAME-build.log; sets BUILD and BIN.
build_release() {
  local targets=("${@:2}")
  ((${#targets[@]})) || targets=(arshjul gen_admin)
  BUILD=build-release
  mkdir -p "$BUILD"
  echo "== build ($BUILD, Release)"
  { cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DARSHJUL_TESTS=OFF -DARSHJUL_BENCH=ON &&
    cmake --build "$BUILD" -j2 --target "${targets[@]}"; } >"$BUILD/bench-$1-build.log" 2>&1 ||
    { tail -30 "$BUILD/bench-$1-build.log" >&2; exit 1; }
  BIN="$BUILD/arshjul"
}

#
# time_it LABEL SETUP -- COMMAND...: runs COMMAND $REPS times, SETUP (a shell string) before
# each and not timed; exit 0 or 1 counts as success (audit and followup exit 1 on findings).
# Prints min and median wall time and the peak RSS of one more run (/usr/bin/time).
time_it() {
  local label="$1" setup="$2"; shift 3
  local times=() rss
  for ((i = 0; i < REPS; i++)); do
    eval "$setup"
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || [[ $? -le 1 ]]
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc)")
  done
  eval "$setup"
  rss=$( (/usr/bin/time -v "$@" 2>&1 >/dev/null || true) | awk '/Maximum resident/ {print $6}')
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-44s min %6.3f s  median %6.3f s  peak RSS %4d MB\n' "$label" \
    "$(echo "$sorted" | head -1)" "$(echo "$sorted" | sed -n "$(((REPS + 1) / 2))p")" "$((rss / 1024))"
}
