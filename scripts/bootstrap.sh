# Sourced by ./run and ./test: makes .venv from requirements.lock (once per lock change).
# Needs only Python 3.11+ (the newest found is used); everything else comes from PyPI.
set -euo pipefail
# The newest Python >= 3.11 on the machine, also those installed beside the default (pyenv,
# /usr/local): CPython 3.11.7, the default here, fails now and then while collecting the
# property tests (gh-106905, "AST constructor recursion depth mismatch"), fixed in newer ones.
version_of() { "$1" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null; }
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  best=""; best_key=0
  shopt -s nullglob
  for c in python3.14 python3.13 python3.12 python3.11 python3 \
           "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.*/bin/python3 \
           /usr/local/bin/python3.* /usr/bin/python3.*; do
    case "$c" in *-config|*m) continue ;; esac
    exe=$(command -v "$c" 2>/dev/null) || continue
    v=$(version_of "$exe") || continue
    IFS=. read -r major minor micro <<<"$v"
    key=$((major * 10000 + minor * 100 + micro))
    [ "$key" -ge 31100 ] || continue
    "$exe" -c 'import venv, ensurepip' 2>/dev/null || continue
    if [ "$key" -gt "$best_key" ]; then best=$exe; best_key=$key; fi
  done
  shopt -u nullglob
  PY=$best
fi
[ -n "$PY" ] || { echo "Điện Nhà needs Python 3.11 or newer" >&2; exit 1; }
VENV=${DIENNHA_VENV:-.venv}
want=$(version_of "$PY")
if [ -x "$VENV/bin/python" ] && [ "$(version_of "$VENV/bin/python")" != "$want" ]; then
  echo "==> $VENV has Python $(version_of "$VENV/bin/python"); making it anew with $want"
  rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating $VENV with Python $want ($PY)"
  "$PY" -m venv "$VENV"
fi
stamp="$VENV/.lock-$(cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> installing dependencies from requirements.lock"
  pipq() {  # quiet; pip's own words only when it fails
    local log; log=$(mktemp)
    "$VENV/bin/python" -m pip install -q "$@" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
    rm -f "$log"
  }
  pipq --upgrade pip
  pipq -r requirements.lock
  pipq --no-deps -e .
  "$VENV/bin/python" -c "import fastapi, flet, sqlalchemy" || { echo "dependency install failed" >&2; exit 1; }
  rm -f "$VENV"/.lock-*
  touch "$stamp"
fi
case "$VENV" in /*) ;; *) VENV="$PWD/$VENV" ;; esac  # DIENNHA_VENV may be absolute
export PATH="$VENV/bin:$PATH"
