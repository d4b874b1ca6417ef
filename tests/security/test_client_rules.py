"""Client rules that can be read from app/ code alone: no log line or print is handed a token,
password or one-time code, and the backend URL must be https unless it is this machine."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.config import ConfigError, check_api_url

APP = Path(__file__).resolve().parents[2] / "app"
SECRET = re.compile(r"token|passw|otp|secret|credential|authorization|bearer", re.I)
LOG_METHODS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}


def _names(node: ast.AST) -> set[str]:
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            found.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            found.add(sub.attr)
        elif isinstance(sub, ast.Subscript) and isinstance(sub.slice, ast.Constant):
            found.add(str(sub.slice.value))
    return found


def secrets_logged(root: Path = APP) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            logging_call = isinstance(func, ast.Attribute) and func.attr in LOG_METHODS
            if not (logging_call or (isinstance(func, ast.Name) and func.id == "print")):
                continue
            args = [*node.args, *(k.value for k in node.keywords)]
            hits = sorted(n for a in args for n in _names(a) if SECRET.search(n))
            if hits:
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}: {hits}")
    return found


def test_no_log_line_or_print_is_handed_a_secret():
    assert secrets_logged() == []


def test_the_scan_catches_a_logged_token(tmp_path):
    (tmp_path / "x.py").write_text(
        'log.info("signed in %s", tokens.access_token)\nprint(refresh_token)\n'
        'logger.debug("body %s", {"otp": body["otp"]})\n'
    )
    assert len(secrets_logged(tmp_path)) == 3


@pytest.mark.parametrize(
    "url", ["http://api.diennha.vn", "http://192.168.1.10:8000", "ftp://api.diennha.vn", "api.vn"]
)
def test_backend_must_be_https_unless_local(url):
    with pytest.raises(ConfigError):
        check_api_url(url, "test")


@pytest.mark.parametrize(
    "url", ["https://api.diennha.vn", "http://127.0.0.1:8000", "http://localhost:8000"]
)
def test_https_and_this_machine_are_accepted(url):
    assert check_api_url(url, "test") == url
