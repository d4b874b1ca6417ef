"""Dependency audit for ./test: pip-audit over requirements.lock against PyPI's advisory data.

A known vulnerability in a locked package fails (exit 1). An advisory service that cannot be
reached, or that knows none of our exact versions, is a skip said out loud (exit 0), so a
machine without the internet still runs the suite. Run: python -m tests.security.dep_audit"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
# Vulnerability id -> dated reason we accept it for now. Review each entry when it is touched.
IGNORED: dict[str, str] = {}


@dataclass
class Verdict:
    failed: bool
    lines: list[str] = field(default_factory=list)


def judge(report: dict, ignored: dict[str, str] = IGNORED) -> Verdict:
    """What pip-audit's JSON report means for the run."""
    deps = report.get("dependencies", [])
    found, skipped, audited = [], 0, 0
    for dep in deps:
        if "skip_reason" in dep:
            skipped += 1
            continue
        audited += 1
        for vuln in dep.get("vulns", []):
            ids = {vuln["id"], *vuln.get("aliases", [])}
            if ids & set(ignored):
                continue
            fix = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            found.append(f"  {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fix})")
    if found:
        head = f"dependency audit FAILED: {len(found)} known vulnerabilities in requirements.lock"
        tail = "upgrade in pyproject.toml and regenerate the lock, or add a dated entry to IGNORED"
        return Verdict(True, [head, *found, tail])
    if audited == 0:
        return Verdict(
            False,
            [
                f"dependency audit SKIPPED: the advisory service answered for none of the "
                f"{skipped} locked packages (no network, or versions it does not list)"
            ],
        )
    note = f", {skipped} not looked up" if skipped else ""
    return Verdict(False, [f"dependency audit: {audited} packages, no known vulnerability{note}"])


def run_pip_audit(lock: Path = LOCK, timeout: float = 300) -> dict | str:
    """pip-audit's JSON report, or why there is none."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        command = [
            sys.executable, "-m", "pip_audit", "-r", str(lock), "--no-deps", "--disable-pip",
            "--progress-spinner", "off", "--format", "json", "--output", str(out),
        ]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return f"pip-audit did not finish in {timeout:.0f} s"
        if not out.exists() or not out.read_text():
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return f"pip-audit could not run: {last[:200]}"
        return json.loads(out.read_text())


def main() -> int:
    try:
        import pip_audit  # noqa: F401
    except ImportError:
        print("dependency audit SKIPPED: pip-audit is not installed (dev extra)")
        return 0
    report = run_pip_audit()
    if isinstance(report, str):
        print(f"dependency audit SKIPPED: {report}")
        return 0
    verdict = judge(report)
    print("\n".join(verdict.lines))
    return 1 if verdict.failed else 0


if __name__ == "__main__":
    sys.exit(main())
