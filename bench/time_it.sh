# Sourced by the benchmark scripts (bench/nightly, bench/plan): one way to time a command.
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
