#!/bin/sh
# tests/install_test.sh BUILD_DIR WORK_DIR
# `cmake --install BUILD_DIR --prefix WORK_DIR/prefix`, then: the binary, the shipped rules,
# the examples and the docs are where they belong, and the installed binary, run from a
# folder with nothing of the source tree, checks the installed rules.
set -eu
build="$1"
work="$2"
prefix="$work/prefix"
rm -rf "$work"
mkdir -p "$work/elsewhere"
cmake --install "$build" --prefix "$prefix" >"$work/install.log"
fail() { echo "install_tree: $*" >&2; exit 1; }
[ -x "$prefix/bin/arshjul" ] || fail "no executable $prefix/bin/arshjul"
[ -x "$prefix/share/arshjul/examples/cron/arshjul-nightly" ] || fail "examples/cron/arshjul-nightly is not executable"
for f in share/arshjul/examples/roster.csv share/arshjul/examples/records.csv \
         share/doc/arshjul/README.md share/doc/arshjul/language.md share/doc/arshjul/wheel.png; do
  [ -f "$prefix/$f" ] || fail "missing $prefix/$f"
done
shipped=$(cd "$(dirname "$0")/../rules" && ls ./*.arshjul | wc -l)
installed=$(ls "$prefix"/share/arshjul/rules/*.arshjul | wc -l)
[ "$shipped" -gt 0 ] && [ "$installed" -eq "$shipped" ] ||
  fail "$installed rule files installed, $shipped shipped"
cd "$work/elsewhere"
"$prefix/bin/arshjul" check "$prefix"/share/arshjul/rules/*.arshjul >"$work/check.out" ||
  fail "the installed binary does not check the installed rules: $(cat "$work/check.out")"
grep -q ": process " "$work/check.out" || fail "check printed no process: $(cat "$work/check.out")"
echo "installed into $prefix: $installed rule files checked"
