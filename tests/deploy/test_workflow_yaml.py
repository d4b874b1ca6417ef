"""The bundle workflow builds every target on a runner that can build it (per Flet's docs)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
TARGETS = {"apk", "aab", "ipa", "macos", "windows", "linux", "web"}
# Flet's platform matrix: ipa and macos build only on macOS, windows only on Windows,
# linux only on Linux; Android and web build anywhere.
RUNNER_FAMILY = {"ipa": "macos", "macos": "macos", "windows": "windows", "linux": "ubuntu"}


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundle_job(workflow) -> dict:
    return workflow["jobs"]["bundle"]


def _steps_text(job: dict) -> str:
    return "\n".join(str(s.get("run", "")) for s in job["steps"])


def test_triggers_include_manual_runs_and_release_tags(workflow):
    # PyYAML reads the bare key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    assert "workflow_dispatch" in on
    assert on["push"]["tags"] == ["v*"]
    assert workflow["permissions"] == {"contents": "read"}


def test_matrix_has_exactly_the_seven_targets(bundle_job):
    entries = bundle_job["strategy"]["matrix"]["include"]
    targets = [e["target"] for e in entries]
    assert sorted(targets) == sorted(TARGETS), targets
    assert bundle_job["strategy"]["fail-fast"] is False  # one broken target keeps the others


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_each_target_runs_on_a_runner_that_can_build_it(bundle_job, target):
    entry = next(e for e in bundle_job["strategy"]["matrix"]["include"] if e["target"] == target)
    family = RUNNER_FAMILY.get(target)
    if family:
        assert entry["runner"].startswith(family + "-"), entry
    else:
        assert entry["runner"].split("-")[0] in {"ubuntu", "macos", "windows"}, entry


def test_build_step_runs_flet_build_for_the_matrix_target(bundle_job):
    build = next(s for s in bundle_job["steps"] if str(s.get("name", "")).startswith("flet build"))
    run = build["run"]
    assert re.search(r"flet build \$\{\{ matrix\.target \}\}", run), run
    assert "--yes" in run  # never wait for a prompt in CI
    assert "--build-number" in run and "github.run_number" in run
    assert "--python-version" in run
    assert build.get("shell") == "bash"  # the same script on the Windows runner


def test_steps_check_out_install_the_pinned_flet_cli_and_upload(workflow, bundle_job):
    uses = [s.get("uses", "") for s in bundle_job["steps"]]
    assert any(u.startswith("actions/checkout@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)
    upload = next(
        s for s in bundle_job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")
    )
    assert upload["with"]["path"] == "build/${{ matrix.target }}"  # flet's default output dir
    assert upload["with"]["if-no-files-found"] == "error"
    assert '"$FLET_CLI_SPEC"' in _steps_text(bundle_job)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (build_extra,) = pyproject["project"]["optional-dependencies"]["build"]
    assert workflow["env"]["FLET_CLI_SPEC"] == build_extra  # one flet-cli range, not two


def test_linux_job_installs_flets_own_list_of_system_packages(bundle_job):
    step = next(s for s in bundle_job["steps"] if "linux_dependencies" in str(s.get("run", "")))
    assert step["if"] == "matrix.target == 'linux'"
    assert "apt-get install" in step["run"]


def test_signing_is_optional_and_secrets_stay_in_env(bundle_job):
    android = next(s for s in bundle_job["steps"] if s.get("name") == "Android upload key")
    assert "env.ANDROID_KEYSTORE_BASE64 != ''" in android["if"]
    ios = next(s for s in bundle_job["steps"] if str(s.get("name", "")).startswith("iOS signing"))
    assert "matrix.target == 'ipa'" in ios["if"]
    # secrets reach scripts through env only, never pasted into a run: line
    for step in bundle_job["steps"]:
        assert "secrets." not in str(step.get("run", "")), step.get("name")
    names = set(bundle_job["env"])
    assert {"FLET_ANDROID_SIGNING_KEY_STORE_PASSWORD", "FLET_ANDROID_SIGNING_KEY_ALIAS"} <= names


def test_settings_are_checked_before_hours_of_building(workflow, bundle_job):
    assert bundle_job["needs"] == "checks"
    checks = _steps_text(workflow["jobs"]["checks"])
    assert "tests/deploy/test_workflow_yaml.py" in checks
    assert "tests/deploy/test_pyproject_flet.py" in checks
