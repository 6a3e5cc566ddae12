#!/bin/sh
# Makes the screenshots in docs/ that README.md shows, in Debian's headless Chromium at 390
# and 1280 px: the web view's "Mina uppgifter" and wheel (tests/e2e/web_screenshots.mjs) and
# the managers' documents, audit, report and follow-up (tests/e2e/screenshots.mjs). Needs a
# build, node and tests/e2e's packages (scripts/deps.sh installs them).
#
#   scripts/screenshots.sh [BINARY]     (default build/arshjul)
set -eu
cd "$(dirname "$0")/.."
export ARSHJUL_BINARY="${1:-build/arshjul}" ARSHJUL_SOURCE_DIR="$PWD"
node tests/e2e/web_screenshots.mjs docs
node tests/e2e/screenshots.mjs docs
