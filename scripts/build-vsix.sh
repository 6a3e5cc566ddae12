#!/bin/sh
# Builds the VS Code extension's .vsix (editors/vscode) into OUT_DIR (default: the current
# folder): its modules from the lock file, then the package. Install it with
#   code --install-extension arshjul-VERSION.vsix
set -eu
here="$(cd "$(dirname "$0")/../editors/vscode" && pwd)"
out="${1:-$PWD}"
npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
python3 "$here/build_vsix.py" "$out"
