#!/usr/bin/env bash
# Installs the Debian packages arshjul builds and tests with. Idempotent: when every
# package is already installed it does nothing, so CI and repeated runs stay fast.
set -euo pipefail
packages=(
  cmake g++ make ninja-build git
  tao-pegtl-dev libboost-graph-dev libspdlog-dev libfmt-dev catch2 libcli11-dev
  nlohmann-json3-dev libsqlite3-dev sqlite3 libical-dev python3 python3-icalendar graphviz
  chromium
  libcpp-httplib-dev libssl-dev wrk curl libtomlplusplus-dev remind
  libpqxx-dev postgresql postgresql-common
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The web view's end-to-end tests drive that chromium with playwright-core from npm (pinned
# in tests/e2e/package-lock.json; it downloads no browser), and the sign-in test runs a real
# OpenID provider, oidc-provider from the same lock file (it needs Node.js 20.12 or later;
# with Debian 12's nodejs 18 that test is SKIPPED). The ID token is checked with OpenSSL
# (libssl-dev above), not libjwt: Debian 12's libjwt 1.10 reads no JWKS. Node comes from Debian unless
# the machine already has one.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nodejs npm
fi
# The same for the VS Code extension (editors/vscode: its client library, and the TextMate
# engine its test colours a rule file with).
for folder in tests/e2e editors/vscode; do
  dir="$(dirname "$0")/../$folder"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done
