#!/usr/bin/env bash
# clang-tidy (the checks of .clang-tidy) over the product's sources: every .cpp of the
# library folders, or the files given. Uses build/compile_commands.json (CMake writes it;
# BUILD=dir for another build folder), without the precompiled-header flags, which are GCC's.
# Exit 0 when clean, non-zero when a check that is an error fired (readability-function-size only
# warns). scripts/tidy.sh cli/commands_status.cpp for one file.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD:-build}"
tidy="$(command -v clang-tidy || command -v clang-tidy-14)"
[ -f "$build/compile_commands.json" ] ||
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
mkdir -p "$build/tidy"
python3 - "$build/compile_commands.json" "$build/tidy/compile_commands.json" <<'PY'
import json, re, sys
commands = json.load(open(sys.argv[1]))
for c in commands:
    c["command"] = re.sub(r" -include \S+cmake_pch\.hxx| -Winvalid-pch", "", c["command"])
json.dump(commands, open(sys.argv[2], "w"), indent=1)
PY
if (($#)); then
  files=("$@")
else
  mapfile -t files < <(git ls-files -- '*.cpp' | grep -E '^(dsl|engine|pictures|present|notify|web|cli)/')
fi
printf '%s\n' "${files[@]}" |
  xargs -P "$(nproc)" -n 1 "$tidy" -p "$build/tidy" --quiet 2> >(grep -v '^[0-9]* warnings\? generated\.$' >&2)
