#!/usr/bin/env bash
# Installs the Debian packages arshjul builds and tests with. Idempotent: when every
# package is already installed it does nothing, so CI and repeated runs stay fast.
set -euo pipefail
packages=(
  cmake g++ make
  tao-pegtl-dev libboost-graph-dev libspdlog-dev libfmt-dev catch2 libcli11-dev
  nlohmann-json3-dev libsqlite3-dev sqlite3 libical-dev python3 python3-icalendar graphviz
  chromium
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
