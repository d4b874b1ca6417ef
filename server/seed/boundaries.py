"""Demo GeoJSON boundaries (lon, lat) of the demo areas: simple rectangles, two of them
sharing an edge at latitude 10.768 so a test can put a point on each side of it."""

from __future__ import annotations


def _box(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


BOUNDARIES: dict[str, dict] = {
    "HCM-SG-01": _box(106.690, 10.768, 106.710, 10.785),  # Bến Thành, north of the edge
    "HCM-SG-02": _box(106.690, 10.755, 106.710, 10.768),  # Cầu Ông Lãnh, south of it
    "HN-HK-02": _box(105.840, 21.015, 105.862, 21.040),  # Hoàn Kiếm
}
