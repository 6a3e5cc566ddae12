#!/usr/bin/env bash
# The README's walkthrough, run as written: the first ```sh block under "## Walkthrough", with
# build/arshjul the binary under test, in a copy of rules/ and examples/ (so demo.db, mail/
# and the pages land in a temporary folder, not in the source tree). Every command must exit
# 0, or 1 where the walkthrough says so (findings); 2 or 3 fails the test.
#   walkthrough.sh BINARY
set -uo pipefail
bin=$1
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/arshjul-walkthrough.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$root/rules" "$root/examples" "$work/"
mkdir -p "$work/build" && ln -s "$bin" "$work/build/arshjul"
block=$(awk '/^## Walkthrough/{w=1} w&&/^```sh/{b=1;next} b&&/^```/{exit} b' "$root/README.md")
[ -n "$block" ] || { echo "no walkthrough block in README.md"; exit 1; }
cd "$work"
unset ARSHJUL_CONFIG ARSHJUL_LANG
failed=0 n=0
while IFS= read -r line; do
  case "$line" in ''|'#'*) continue ;; esac
  n=$((n + 1))
  if [[ $line == export\ * ]]; then eval "$line"; continue; fi
  eval "$line" >"$work/out" 2>&1
  rc=$?
  if [ "$rc" -gt 1 ]; then
    echo "exit $rc: $line"; cat "$work/out"; failed=1
  fi
done <<<"$block"
[ "$n" -ge 20 ] || { echo "only $n commands in the walkthrough"; failed=1; }
# The configuration named the store: the walkthrough's commands wrote it here.
[ -f "$work/demo.db" ] || { echo "demo.db was not made from examples/arshjul.toml"; failed=1; }
# A second import of the same file adds nothing.
again=$(build/arshjul import examples/records.csv)
case "$again" in *"importerade 0 nya poster"*) ;; *) echo "re-import: $again"; failed=1 ;; esac
exit $failed
