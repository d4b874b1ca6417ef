#!/usr/bin/env bash
# Debian packages some tests drive for real: Chromium (browser tests; Playwright's own download
# cannot run offline), zbar (QR decoding), poppler (PDF text), gnome-keyring + dbus (a real
# Secret Service for the keyring test), Caddy (the reverse proxy of the deployment).
# Installed when missing and we may; otherwise those tests skip and say why.
set -u
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have chromium || need+=(chromium)
ldconfig -p 2>/dev/null | grep -q libzbar.so || need+=(libzbar0)
have pdftotext || need+=(poppler-utils)
have gnome-keyring-daemon || need+=(gnome-keyring)
have dbus-run-session || need+=(dbus)
have caddy || need+=(caddy)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && have sudo && SUDO="sudo -n"
if have apt-get; then
  echo "==> installing ${need[*]} from Debian (for browser, QR, PDF, keyring and proxy tests)"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"; } >/dev/null 2>&1 \
    || echo "   could not install some of ${need[*]}: the tests that need them will be skipped" >&2
fi
exit 0
