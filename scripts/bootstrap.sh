# Sourced by ./run and ./test: makes .venv from requirements.lock (once per lock change).
# Needs only Python 3.11+ on PATH; everything else comes from PyPI.
set -euo pipefail
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for c in python3.13 python3.12 python3.11 python3; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PY=$c; break
    fi
  done
fi
[ -n "$PY" ] || { echo "Điện Nhà needs Python 3.11 or newer on PATH" >&2; exit 1; }
VENV=${DIENNHA_VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating $VENV with $($PY --version)"
  "$PY" -m venv "$VENV"
fi
stamp="$VENV/.lock-$(cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> installing dependencies from requirements.lock"
  pipq() { "$VENV/bin/python" -m pip install -q "$@" 2>&1 | grep -v "^WARNING: Location" || true; }
  pipq --upgrade pip
  pipq -r requirements.lock
  pipq --no-deps -e .
  "$VENV/bin/python" -c "import fastapi, flet, sqlalchemy" || { echo "dependency install failed" >&2; exit 1; }
  rm -f "$VENV"/.lock-*
  touch "$stamp"
fi
case "$VENV" in /*) ;; *) VENV="$PWD/$VENV" ;; esac  # DIENNHA_VENV may be absolute
export PATH="$VENV/bin:$PATH"
