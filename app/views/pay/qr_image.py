"""Draw a VietQR payload as a PNG a banking app can scan from a screen (black on white)."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import segno

MIN_LOGICAL_PX = 260  # shown at least this wide: phone cameras read it from arm's length
QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 asks
PIXEL_DENSITY = 3  # PNG pixels per logical pixel, sharp on 3x phone screens


@dataclass(frozen=True)
class QrImage:
    png: bytes
    size: int  # logical pixels to show it at: whole pixels per module, never blurred


def draw_qr(payload: str) -> QrImage:
    """Error correction M (segno may raise it when that costs no extra size); byte mode."""
    symbol = segno.make(payload, error="m", micro=False, boost_error=True)
    modules = int(symbol.symbol_size(border=QUIET_ZONE)[0])
    per_module = max(1, math.ceil(MIN_LOGICAL_PX / modules))
    buffer = io.BytesIO()
    symbol.save(
        buffer,
        kind="png",
        scale=per_module * PIXEL_DENSITY,
        border=QUIET_ZONE,
        dark="#000000",
        light="#ffffff",
    )
    return QrImage(png=buffer.getvalue(), size=modules * per_module)
