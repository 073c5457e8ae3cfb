#!/usr/bin/env bash
# End-to-end tests drive Debian's chromium through Playwright's executablePath: a browser
# download cannot work on these machines. Install it with apt-get when missing and possible.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file." >&2; exit 1
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium is missing: installing Debian's chromium package with apt-get…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  [ -x "$browser" ] && exit 0
fi
echo "End-to-end tests need Chromium: run 'sudo apt-get install chromium' (or set CHROMIUM_PATH)." >&2
exit 1
