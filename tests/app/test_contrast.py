"""WCAG 2.2 AA contrast of every colour pair the screens use, in the light and the dark theme:
4.5:1 for text, 3:1 for large text, icons, chart marks and control outlines (1.4.3, 1.4.11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.theme import DARK, LIGHT
from app.views.usage.chart import SO_FAR_OPACITY

TEXT, UI = 4.5, 3.0
# (foreground role, background role, minimum): what sits on what in app/views and app/widgets.
PAIRS = [
    ("on_surface", "surface", TEXT),
    ("on_surface", "surface_container_low", TEXT),  # cards
    ("on_surface", "surface_container_highest", TEXT),  # disabled fills, chips
    ("on_surface_variant", "surface", TEXT),
    ("on_surface_variant", "surface_container_low", TEXT),
    ("on_surface_variant", "surface_container_high", TEXT),
    ("on_surface_variant", "surface_container_highest", TEXT),
    ("primary", "surface", TEXT),  # headings, links, amounts
    ("primary", "surface_container_low", TEXT),
    ("error", "surface", TEXT),  # field errors
    ("error", "surface_container_low", TEXT),
    ("on_primary", "primary", TEXT),  # filled buttons
    ("on_error", "error", TEXT),
    ("on_primary_container", "primary_container", TEXT),
    ("on_secondary_container", "secondary_container", TEXT),  # "Đã thanh toán" chip
    ("on_tertiary_container", "tertiary_container", TEXT),  # "Chưa thanh toán" chip
    ("on_error_container", "error_container", TEXT),  # error notices, "Quá hạn" chip
    ("on_inverse_surface", "inverse_surface", TEXT),  # chart tooltips, snack bars
    ("outline", "surface", UI),  # text-field borders, empty-state icons
    ("outline", "surface_container_low", UI),
    ("tertiary", "surface", UI),  # last year's bars, outage icons
    ("tertiary", "surface_container_low", UI),
    ("primary", "surface_container_highest", UI),
]
USED = {role for fg, bg, _ in PAIRS for role in (fg, bg)}


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def blend(top: str, alpha: float, bottom: str) -> str:
    mix = [
        round(alpha * int(top[i : i + 2], 16) + (1 - alpha) * int(bottom[i : i + 2], 16))
        for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{c:02X}" for c in mix)


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize(("fg", "bg", "minimum"), PAIRS, ids=[f"{f}/{b}" for f, b, _ in PAIRS])
def test_pair_meets_aa(scheme, fg, bg, minimum):
    assert ratio(scheme[fg], scheme[bg]) >= minimum, (scheme[fg], scheme[bg])


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_lighter_so_far_bars_still_stand_out(scheme):
    for background in ("surface", "surface_container_low"):
        bar = blend(scheme["primary"], SO_FAR_OPACITY, scheme[background])
        assert ratio(bar, scheme[background]) >= UI, (bar, background)


def test_the_ratio_maths_matches_wcag_examples():
    assert ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_every_colour_role_named_in_the_app_is_pinned_and_checked():
    """A new ft.Colors.X in a screen must be pinned in app/theme.py and given a pair here."""
    app = Path(__file__).resolve().parents[2] / "app"
    named = set()
    for path in app.rglob("*.py"):
        named |= {m.lower() for m in re.findall(r"ft\.Colors\.([A-Z_]+)", path.read_text())}
    named -= {"with_opacity", "white", "black", "transparent"}
    assert named <= set(LIGHT) and named <= set(DARK), named - set(LIGHT)
    unchecked = named - USED - {"outline_variant"}  # dividers and grid lines: decoration only
    assert unchecked == set(), unchecked
