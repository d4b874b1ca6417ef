"""The client's layout rules that a reviewer would otherwise check by eye."""

from __future__ import annotations

from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
TESTS = Path(__file__).resolve().parent


def test_view_model_files_follow_one_naming():
    """`<screen>/view_model.py`, or `<part>_view_model.py` beside `<part>_view.py`/`_card.py`;
    never `*_model.py`, `models.py` or `vm.py`."""
    odd = [
        str(p.relative_to(APP))
        for p in (APP / "views").rglob("*.py")
        if ("model" in p.stem or p.stem == "vm") and not p.stem.endswith("view_model")
    ]
    assert odd == []


def test_every_screen_with_a_view_model_has_its_tests_in_the_mirror_folder():
    screens = {p.parent.name for p in (APP / "views").rglob("*view_model.py")}
    untested = [s for s in sorted(screens) if not list((TESTS / "views" / s).glob("test_*.py"))]
    assert untested == [], "tests/app/views/<screen>/ mirrors app/views/<screen>/"


def test_screens_use_the_hooks_not_the_boilerplate():
    """app/views/hooks.py: use_view_model and use_load (which adds the Retry's reload_token)."""
    offenders = [
        f"{p.relative_to(APP)}:{n}"
        for p in (APP / "views").rglob("*.py")
        if p.name != "hooks.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "reload_token" in line or ("ViewModel(" in line and "ft.use_state" in line)
    ]
    assert offenders == []
