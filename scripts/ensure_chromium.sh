#!/usr/bin/env bash
# Browser tests use Debian's Chromium (Playwright's own download cannot run offline).
# Installs it and the QR decoder library when missing and we may; the tests skip with a reason otherwise.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ldconfig -p 2>/dev/null | grep -q libzbar.so || need+=(libzbar0)
fc-list 2>/dev/null | grep -qi "DejaVuSans" || need+=(fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo -n"
if command -v apt-get >/dev/null 2>&1; then
  echo "==> installing ${need[*]} from Debian (for browser and QR tests)"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"; } >/dev/null 2>&1 \
    || echo "   could not install ${need[*]}: those tests will be skipped" >&2
fi
exit 0
