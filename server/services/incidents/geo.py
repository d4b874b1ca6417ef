"""Areas' GeoJSON boundaries and placing a point in one (shapely, prepared geometries cached
for a few seconds per process: a storm places thousands of points a minute)."""

from __future__ import annotations

import time

import shapely
from shapely.errors import GEOSException
from shapely.geometry import Point, shape
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.area_shapes import AreaShapes
from server.models import Area
from server.problems import AppError

CACHE_SECONDS = 10.0


def forget(cache: AreaShapes) -> None:
    """After a boundary changes: this process reads them again at once (others within 10 s)."""
    cache.at = -1e9


def parse_boundary(geojson: dict):
    """A valid Polygon/MultiPolygon in lon/lat, or 422 invalid_boundary."""
    try:
        geom = shape(geojson)
    except (GEOSException, ValueError, TypeError, KeyError, IndexError, AttributeError):
        raise AppError(422, "invalid_boundary", "The boundary is not a GeoJSON polygon.") from None
    if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
        raise AppError(422, "invalid_boundary", "The boundary must be a polygon.")
    if not geom.is_valid:
        raise AppError(422, "invalid_boundary", "The polygon crosses itself.")
    minx, miny, maxx, maxy = geom.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise AppError(422, "invalid_boundary", "Coordinates are lon, lat in degrees.")
    return geom


async def _shapes(_cache: AreaShapes, session: AsyncSession) -> tuple:
    if time.monotonic() - _cache.at < CACHE_SECONDS:
        return _cache.shapes
    rows = await session.execute(
        select(Area.code, Area.boundary).where(Area.boundary.is_not(None)).order_by(Area.code)
    )
    shapes = []
    for code, boundary in rows.all():
        try:
            geom = parse_boundary(boundary)
        except AppError:
            continue  # a broken stored boundary places nothing rather than failing reports
        shapely.prepare(geom)
        shapes.append((code, geom))
    _cache.shapes, _cache.at = tuple(shapes), time.monotonic()
    return _cache.shapes


async def area_at(cache: AreaShapes, session: AsyncSession, lat: float, lon: float) -> str | None:
    """The area whose boundary holds the point (GeoJSON order: x = lon, y = lat), or None."""
    point = Point(lon, lat)
    for code, geom in await _shapes(cache, session):
        if geom.covers(point):  # a point on an edge belongs somewhere
            return code
    return None
