#!/bin/sh
# A fake sendmail for tests/test_remind.cpp. It takes one message on standard input, as
# `sendmail -t -i` would, and appends it to the file $FAKE_SENDMAIL_LOG between two marker
# lines, the first naming the arguments it got:
#
#   --- fake-sendmail begin: -t -i
#   <the message, byte for byte>
#   --- fake-sendmail end
#
# So the number of "begin" lines is the number of times it was run. It always reads the whole
# message before it exits (a sender never gets SIGPIPE from it). Then it exits with
#   $FAKE_SENDMAIL_EXIT (default 0), or 75 (EX_TEMPFAIL) when the message's To: line has the
#   address <$FAKE_SENDMAIL_FAIL_FOR>;
# waiting $FAKE_SENDMAIL_SLEEP seconds first when that is set (to make a run take a while),
# and, when $FAKE_SENDMAIL_HOLD names a file, until that file exists (at most 60 seconds): a
# test can keep a delivery in progress for as long as it needs, without timing anything.
set -eu
log="${FAKE_SENDMAIL_LOG:?set FAKE_SENDMAIL_LOG to the file that collects the messages}"
message="$(mktemp)"
trap 'rm -f "$message"' EXIT
cat >"$message"
{
  printf -- '--- fake-sendmail begin: %s\n' "$*"
  cat "$message"
  printf -- '\n--- fake-sendmail end\n'
} >>"$log"
if [ -n "${FAKE_SENDMAIL_SLEEP:-}" ]; then sleep "$FAKE_SENDMAIL_SLEEP"; fi
if [ -n "${FAKE_SENDMAIL_HOLD:-}" ]; then
  waited=0
  while [ ! -e "$FAKE_SENDMAIL_HOLD" ] && [ "$waited" -lt 600 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
fi
if [ -n "${FAKE_SENDMAIL_FAIL_FOR:-}" ] && grep -q "^To: .*<$FAKE_SENDMAIL_FAIL_FOR>" "$message"; then
  exit 75
fi
exit "${FAKE_SENDMAIL_EXIT:-0}"
