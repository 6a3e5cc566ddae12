#!/bin/sh
# Makes the screenshots in docs/ that README.md shows: "Mina uppgifter" and the wheel at 390
# and 1280 px, from the shipped example in Debian's headless Chromium (tests/e2e/screenshots.mjs;
# needs a build, node and tests/e2e's packages: scripts/deps.sh installs them).
#
#   scripts/screenshots.sh [BINARY]     (default build/arshjul)
set -eu
cd "$(dirname "$0")/.."
ARSHJUL_BINARY="${1:-build/arshjul}" ARSHJUL_SOURCE_DIR="$PWD" node tests/e2e/screenshots.mjs docs
