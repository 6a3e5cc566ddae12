#!/usr/bin/env bash
# Configures (once) and builds arshjul and its tests in ./build with every core, with Ninja
# (and ccache when it is installed). BUILD_TYPE=Release scripts/build.sh for another type.
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ -f build/CMakeCache.txt ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' build/CMakeCache.txt; then
  rm -rf build  # a build/ from before the switch to Ninja: a generator cannot be changed
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" "${launcher[@]}" >/dev/null
cmake --build build -j"$(nproc)"
