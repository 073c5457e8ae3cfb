#!/usr/bin/env bash
# Makes sure Debian packages that tests drive are installed: each argument is COMMAND:PACKAGE
# (e.g. qemu-img:qemu-utils fio:fio). A missing command is installed with apt-get when running
# as root on a machine with apt-get (as scripts/ensure-chromium.sh does for Chromium); otherwise
# the script says what is missing and how to install it, and exits 1 (callers skip their tests).
set -euo pipefail
missing_cmds=()
missing_pkgs=()
for spec in "$@"; do
  cmd="${spec%%:*}"
  pkg="${spec#*:}"
  if ! command -v "$cmd" >/dev/null 2>&1; then
    missing_cmds+=("$cmd")
    missing_pkgs+=("$pkg")
  fi
done
[ ${#missing_cmds[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "${missing_cmds[*]} missing: installing Debian's ${missing_pkgs[*]} with apt-get…" >&2
  export DEBIAN_FRONTEND=noninteractive
  if apt-get install -y -qq "${missing_pkgs[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "${missing_pkgs[@]}" >/dev/null 2>&1; }; then
    still=()
    for c in "${missing_cmds[@]}"; do command -v "$c" >/dev/null 2>&1 || still+=("$c"); done
    [ ${#still[@]} -eq 0 ] && exit 0
    echo "apt-get installed ${missing_pkgs[*]} but ${still[*]} is still missing." >&2
    exit 1
  fi
  echo "apt-get install ${missing_pkgs[*]} failed." >&2
  exit 1
fi
echo "${missing_cmds[*]} missing and not root (or no apt-get): run 'sudo apt-get install ${missing_pkgs[*]}'." >&2
exit 1
