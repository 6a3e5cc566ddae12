#!/usr/bin/env bash
# Set-up command 1: install what is needed, build, and run the main job on the shipped rules.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
echo "== arshjul check rules/*.arshjul"
build/arshjul check rules/*.arshjul
echo "== arshjul show rules/mal_och_handlingsplaner.arshjul --year 2026"
build/arshjul show rules/mal_och_handlingsplaner.arshjul --year 2026
