#!/bin/sh
# Runs scripts/check_texts.py on tests/texts/tree, which bypasses the catalogue four ways, and
# compares what it prints with tests/texts/expected.txt (exit 1 expected).
# Usage: run.sh PYTHON CHECK_TEXTS
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$("$1" "$2" "$here/tree")
rc=$?
if [ "$rc" -ne 1 ]; then
  echo "expected exit 1, got $rc"
  exit 1
fi
if [ "$out" != "$(cat "$here/expected.txt")" ]; then
  echo "unexpected output:"
  echo "$out"
  exit 1
fi
