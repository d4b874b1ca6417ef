"""Secrets come only from settings: no literal key, password or token in server/ or domain/
beyond the development defaults in server/config.py (refused in production) and the
documented demo password."""

from __future__ import annotations

import ast
import math
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("server", "domain")
SECRET_NAME = re.compile(r"(secret|passw|token|api_?key|staff_key|private|credential)", re.I)
# (file, name) pairs allowed to hold a literal, each for a stated reason.
ALLOWED = {
    ("server/config.py", "DEV_SECRET"),  # dev default; production refuses it
    ("server/config.py", "DEV_WEBHOOK_SECRET"),  # idem
    ("server/config.py", "DEV_STAFF_KEY"),  # idem
    ("server/seed/demo.py", "DEMO_PASSWORD"),  # documented demo accounts (README)
    ("server/config.py", "api_token_rate"),  # a rate in `limits` notation, not a token
}
# Literals that name a thing rather than hold a secret (token types, field names, messages).
HARMLESS_VALUE = re.compile(r"^[a-z_ .:/-]{0,40}$|^\W*$|\s\w+\s")


def _entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _looks_random(value: str) -> bool:
    """Long, dense, mixed-class strings: what keys and tokens look like, prose does not."""
    if len(value) < 24 or " " in value or "/" in value or "{" in value:
        return False
    classes = sum(bool(re.search(p, value)) for p in (r"[a-z]", r"[A-Z]", r"\d"))
    return classes >= 3 and _entropy(value) > 4.0


def findings(root: Path = ROOT) -> list[str]:
    found = []
    for top in SCANNED:
        for path in sorted((root / top).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if "/migrations/versions/" in rel:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                for name, value in _named_literals(node):
                    if (rel, name) in ALLOWED or HARMLESS_VALUE.search(value):
                        continue
                    if SECRET_NAME.search(name):
                        found.append(f"{rel}:{node.lineno}: {name} = {value[:12]}…")
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if _looks_random(node.value):
                        found.append(f"{rel}:{node.lineno}: random-looking {node.value[:12]}…")
    return found


def _named_literals(node: ast.AST):
    """(name, string) for `name = "…"`, `name: T = "…"`, `f(name="…")` and `{"name": "…"}`."""
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for t in targets:
                name = getattr(t, "id", None) or getattr(t, "attr", None)
                if name:
                    yield name, node.value.value
    elif isinstance(node, ast.keyword) and node.arg:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            yield node.arg, node.value.value
    elif isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values, strict=True):
            if isinstance(k, ast.Constant) and isinstance(v, ast.Constant):
                if isinstance(k.value, str) and isinstance(v.value, str):
                    yield k.value, v.value


def test_no_hard_coded_secrets_in_server_code():
    assert findings() == []


def test_the_scan_finds_a_planted_secret(tmp_path):
    (tmp_path / "server").mkdir()
    (tmp_path / "domain").mkdir()
    (tmp_path / "server" / "x.py").write_text(
        'SMS_API_KEY = "prod-9f8e7d6c5b4a"\n'
        'client = make(password="Hunter2-real-one")\n'
        'BLOB = "AKIAq7Xz9Lm2Pv4Rt6Yw8Bn1Cd3Fg5Hj"\n'
    )
    assert len(findings(tmp_path)) == 3


def test_production_settings_refuse_every_development_default():
    import pytest
    from pydantic import ValidationError

    from server.config import Settings

    strong = {
        "secret_key": "Sk3v-9ZrT_x81mWb2LpQe7HsYc0NdUaF4jGk",
        "webhook_secret": "Wh7q-2MnB_v40xLc9KpRe3TsZd8FuYaG1jHo",
        "staff_key": "St5w-8PyD_n63kQf1JrVa9XsMc2GbLeU0hTi",
    }
    Settings(env="prod", **strong)  # all set: fine
    for name in strong:
        with pytest.raises(ValidationError, match="production needs real secrets"):
            Settings(env="prod", **{k: v for k, v in strong.items() if k != name})
    with pytest.raises(ValidationError, match="at least 32"):
        Settings(env="prod", **(strong | {"secret_key": "short"}))
