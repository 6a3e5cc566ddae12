#!/usr/bin/env bash
# Set-up command 1: install what is needed, build, and run the main job on the shipped example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
echo "== arshjul check rules/*.arshjul"
build/arshjul check rules/*.arshjul
echo "== arshjul show rules/mal_och_handlingsplaner.arshjul --year 2026"
build/arshjul show rules/mal_och_handlingsplaner.arshjul --year 2026
if [ -f examples/records.csv ]; then
  # The example store is rebuilt each time, so re-running set-up never doubles the records.
  rm -f build/example.db build/example.db-wal build/example.db-shm
  export ARSHJUL_CONFIG="$PWD/examples/arshjul.toml"  # the example installation
  build/arshjul import examples/records.csv --store build/example.db
  echo "== arshjul status --date 2026-10-15 --store build/example.db"
  build/arshjul status --date 2026-10-15 --store build/example.db
fi
