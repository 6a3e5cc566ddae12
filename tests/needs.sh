#!/bin/sh
# Runs a test that needs tools the machine may lack, so that ctest reports it SKIPPED (exit
# 77, the tests' SKIP_RETURN_CODE) when one is missing, never passed:
#
#   tests/needs.sh TOOL... -- COMMAND [ARG...]
#
# TOOL is a program name looked up in PATH (dot, node), `chromium`: Debian's browser at
# $ARSHJUL_CHROMIUM, default /usr/bin/chromium (as tests/browser.hpp), `root`: running as
# root with useradd (the tests that create a second, unprivileged user), or
# `python3-icalendar`: Debian's python3 with its icalendar module, `node-20.12`: a Node.js
# of 20.12 or later. When every TOOL is
# there, COMMAND runs and its exit status is the test's; the test itself fails, not returns,
# when it finds the tool missing after all. Listing a Catch2 binary's tests (--list-*) always
# runs, so ctest knows every test even on a machine that will skip them.
#
# Try the skip: ARSHJUL_CHROMIUM=/nonexistent ctest -R chromium   (all SKIPPED, none passed)
missing=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  case "$1" in
    chromium) [ -x "${ARSHJUL_CHROMIUM:-/usr/bin/chromium}" ] ||
                missing="$missing ${ARSHJUL_CHROMIUM:-/usr/bin/chromium}" ;;
    # root: a test that creates a second, unprivileged user (useradd) needs to run as root.
    root) { [ "$(id -u)" = 0 ] && command -v useradd >/dev/null 2>&1; } ||
            missing="$missing root+useradd" ;;
    python3-icalendar) /usr/bin/python3 -c 'import icalendar' >/dev/null 2>&1 ||
                missing="$missing python3-icalendar" ;;
    # node-20.12: a Node.js with crypto.hash (20.12 or later), which oidc-provider uses;
    # Debian 12's own nodejs is 18.
    node-20.12) node -e 'process.exit(typeof require("crypto").hash === "function" ? 0 : 1)' \
                  >/dev/null 2>&1 || missing="$missing node>=20.12" ;;
    *) command -v "$1" >/dev/null 2>&1 || missing="$missing $1" ;;
  esac
  shift
done
if [ "$1" != "--" ] || [ $# -lt 2 ]; then
  echo "usage: $0 TOOL... -- COMMAND [ARG...]" >&2
  exit 2
fi
shift
for arg in "$@"; do
  case "$arg" in --list*) exec "$@" ;; esac
done
if [ -n "$missing" ]; then
  echo "SKIPPED: not installed:$missing (scripts/deps.sh installs it; CI runs this test)"
  exit 77
fi
exec "$@"
