"""The dependency audit step of ./test: real vulnerabilities fail it, an unreachable advisory
service is a skip that says so, ignored ids need their entry."""

from __future__ import annotations

from tests.security.dep_audit import judge

VULN = {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-0001"], "fix_versions": ["2.0.1"]}


def test_a_known_vulnerability_fails():
    report = {
        "dependencies": [
            {"name": "fastapi", "version": "2.0.0", "vulns": [VULN]},
            {"name": "httpx", "version": "1.0.0", "vulns": []},
        ]
    }
    verdict = judge(report, ignored={})
    assert verdict.failed
    assert "fastapi 2.0.0: PYSEC-2099-1 (fixed in 2.0.1)" in "\n".join(verdict.lines)


def test_an_ignored_vulnerability_by_id_or_alias_passes():
    report = {"dependencies": [{"name": "fastapi", "version": "2.0.0", "vulns": [VULN]}]}
    assert not judge(report, ignored={"CVE-2099-0001": "2099-01-01: not reachable"}).failed


def test_nothing_audited_is_a_skip_said_out_loud():
    report = {"dependencies": [{"name": "fastapi", "skip_reason": "not found on PyPI"}] * 3}
    verdict = judge(report, ignored={})
    assert not verdict.failed and "SKIPPED" in verdict.lines[0] and "3" in verdict.lines[0]


def test_a_clean_audit_passes_and_counts():
    report = {
        "dependencies": [
            {"name": "fastapi", "version": "2.0.0", "vulns": []},
            {"name": "x", "skip_reason": "not found on PyPI"},
        ]
    }
    verdict = judge(report, ignored={})
    assert (
        not verdict.failed
        and "1 packages" in verdict.lines[0]
        and "1 not looked up" in verdict.lines[0]
    )
