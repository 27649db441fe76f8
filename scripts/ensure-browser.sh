#!/usr/bin/env bash
# Runs before `npm test`: the Web Chat test drives Debian's Chromium (npm cannot download a
# browser here), and a CJK font makes its screenshots show 备案 instead of boxes. Installs them
# with apt when missing and allowed (root, as in CI); otherwise says what to install.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ] && dpkg -s fonts-wqy-zenhei >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium and a CJK font for the browser test (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-wqy-zenhei >/dev/null
  exit 0
fi
if [ ! -x "$browser" ]; then
  echo "The Web Chat test needs Chromium at $browser: run 'sudo apt-get install chromium fonts-wqy-zenhei'," >&2
  echo "or set CHROMIUM_PATH to a Chromium binary." >&2
  exit 1
fi
