"""Draws the Điện Nhà brand mark (a house with a lightning bolt) into assets/ as PNG and SVG.

Run from the repository root: `.venv/bin/python deploy/brand/make_icons.py`. `flet build`
turns assets/icon.png into every platform's icon and assets/splash.png into the splash
screens; the SVG files are the editable sources and are ignored by the build.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw

BLUE = "#0B5CAD"  # brand blue; also [tool.flet] icon_background
WHITE = "#FFFFFF"
YELLOW = "#FFC20E"  # the bolt
UNIT = 1024  # every coordinate below is on a 1024 x 1024 canvas
TILE_RADIUS = 228  # close to the iOS/Android squircle corner at this size

# A filled house: roof triangle joined to a body with a rounded base.
ROOF = [(512, 176), (874, 500), (150, 500)]
BODY = (262, 452, 762, 842)  # left, top, right, bottom
BODY_RADIUS = 44
CHIMNEY = [(672, 250), (736, 250), (736, 440), (672, 440)]  # its foot hides inside the roof
BOLT = [(522, 476), (604, 476), (550, 602), (628, 602), (454, 806), (490, 654), (404, 654)]
SUPERSAMPLE = 4


def _scaled(points: list[tuple[int, int]], k: float) -> list[tuple[float, float]]:
    return [(x * k, y * k) for x, y in points]


def draw_mark(
    size: int, *, tile: bool, house: str, bolt: str, scale: float = 1.0, rounded: bool = True
) -> Image.Image:
    """The mark on a blue tile (or transparent); `scale` < 1 shrinks it around the centre."""
    big = size * SUPERSAMPLE
    k = big / UNIT
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    if tile:
        img.alpha_composite(_tile(big, rounded=rounded))
    art = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(art)
    d.polygon(_scaled(CHIMNEY, k), fill=house)
    d.polygon(_scaled(ROOF, k), fill=house)
    left, top, right, bottom = (v * k for v in BODY)
    d.rounded_rectangle((left, top, right, bottom), radius=BODY_RADIUS * k, fill=house)
    d.polygon(_scaled(BOLT, k), fill=bolt)
    if scale != 1.0:
        side = round(big * scale)
        art = art.resize((side, side), Image.LANCZOS)
        placed = Image.new("RGBA", (big, big), (0, 0, 0, 0))
        placed.alpha_composite(art, ((big - side) // 2, (big - side) // 2))
        art = placed
    img.alpha_composite(art)
    return img.resize((size, size), Image.LANCZOS)


def _tile(big: int, *, rounded: bool = True) -> Image.Image:
    """The brand-blue background: a rounded tile, or the full square (iOS/Android mask it)."""
    out = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    if not rounded:
        out.paste(BLUE, (0, 0, big, big))
        return out
    # Flat colour on purpose: macOS and the Android adaptive background put this tile
    # on a plain icon_background, and a gradient would show its edge there.
    ImageDraw.Draw(out).rounded_rectangle(
        (0, 0, big - 1, big - 1), radius=TILE_RADIUS * big / UNIT, fill=BLUE
    )
    return out


def svg_mark(*, tile: bool, house: str, bolt: str, scale: float = 1.0, rounded: bool = True) -> str:
    """The same geometry as SVG (editable source; `flet build` ignores .svg)."""

    def pts(points: list[tuple[int, int]]) -> str:
        return " ".join(f"{x},{y}" for x, y in points)

    left, top, right, bottom = BODY
    offset = UNIT * (1 - scale) / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{UNIT}" height="{UNIT}" '
        f'viewBox="0 0 {UNIT} {UNIT}">',
        "<title>Điện Nhà</title>",
    ]
    if tile:
        rx = TILE_RADIUS if rounded else 0
        parts.append(f'<rect width="{UNIT}" height="{UNIT}" rx="{rx}" fill="{BLUE}"/>')
    parts += [
        f'<g transform="translate({offset:g} {offset:g}) scale({scale:g})">',
        f'<polygon points="{pts(CHIMNEY)}" fill="{house}"/>',
        f'<polygon points="{pts(ROOF)}" fill="{house}"/>',
        f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" '
        f'rx="{BODY_RADIUS}" fill="{house}"/>',
        f'<polygon points="{pts(BOLT)}" fill="{bolt}"/>',
        "</g></svg>",
    ]
    return "\n".join(parts) + "\n"


# name -> (rounded tile?, mark scale). flet build uses icon_<platform>.png exactly as given
# and derives every other platform from icon.png (see the flet-platform-assets notes).
ICONS = {
    # web, Windows, Linux and (with macos.icon_style = "grid") macOS: a rounded tile
    "icon": (True, 1.0),
    # iOS masks a full opaque square itself; the mark sits on Apple's ~60 % grid
    "icon_ios": (False, 0.80),
    # Android adaptive icon: opaque square, mark inside the 72/108 dp safe circle
    "icon_android": (False, 0.70),
}


def write_all(assets: Path) -> list[Path]:
    """The icons above, plus splash.png: the tile at half size on a transparent canvas."""
    assets.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, (rounded, scale) in ICONS.items():
        img = draw_mark(1024, tile=True, house=WHITE, bolt=YELLOW, scale=scale, rounded=rounded)
        if not rounded:
            img = img.convert("RGB")  # opaque: no alpha channel for the stores to reject
        img.save(assets / f"{name}.png", optimize=True)
        svg = svg_mark(tile=True, house=WHITE, bolt=YELLOW, scale=scale, rounded=rounded)
        (assets / f"{name}.svg").write_text(svg, encoding="utf-8")
        written += [assets / f"{name}.png", assets / f"{name}.svg"]
    # A splash is drawn at width/4 dp (1024 px -> 256 dp); the tile takes half of that,
    # which also keeps it inside Android 12's circular splash-icon mask.
    icon = draw_mark(512, tile=True, house=WHITE, bolt=YELLOW)
    splash = Image.new("RGBA", (1024, 1024), (0, 0, 0, 0))
    splash.alpha_composite(icon, (256, 256))
    splash.save(assets / "splash.png", optimize=True)
    written.append(assets / "splash.png")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--assets", type=Path, default=Path("assets"))
    args = parser.parse_args()
    for path in write_all(args.assets):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
