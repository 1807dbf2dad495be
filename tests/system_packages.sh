#!/usr/bin/env bash
# The Debian packages the test suite drives, installed if missing (README, "Test it"):
#   chromium        the real browser of tests/browser and tests/deploy (Playwright drives
#                   /usr/bin/chromium; it downloads no browser of its own)
#   fonts-noto-cjk  so Chinese pages render (and their screenshots can be read)
#   nginx           the proxy in front of two replicas (tests/deploy/test_replicas.py)
# Runs apt-get as root, or through sudo when started by another user. Installs nothing
# when all three are present, so it is safe to run before every test run.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fonts=$(fc-list 2>/dev/null || true)  # read whole: grep -q closing the pipe early would fail under pipefail
grep -qi "noto.*cjk" <<<"$fonts" || missing+=(fonts-noto-cjk)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: chromium, fonts-noto-cjk and nginx are installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "missing Debian packages: ${missing[*]}; run this script as root (apt-get needs it)" >&2
  exit 1
fi
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
