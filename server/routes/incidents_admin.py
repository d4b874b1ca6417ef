"""Staff side of unplanned outages: the incident list, moves with estimates, area boundaries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlalchemy import select

from domain.incident_states import IncidentStatus
from domain.models.incidents import AreaStaff, BoundaryUpdate, IncidentStaff, IncidentTransition
from server.deps import ContextDep, SessionDep
from server.models import Area, utcnow
from server.problems import AppError
from server.routes.admin import StaffDep
from server.routes.params import RowId
from server.routes.problems_doc import errors
from server.services.incidents import geo, staff, views

router = APIRouter(prefix="/admin", tags=["staff"], responses=errors(401, 403, 422))
IncidentId = RowId


@router.get("/incidents")
async def list_incidents(
    _: StaffDep,
    session: SessionDep,
    status: IncidentStatus | None = None,
    area: Annotated[str | None, Query(max_length=20)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[IncidentStaff]:
    """Open incidents (or those of `status`), hazards first, with report counts."""
    rows = await staff.incidents(session, status, area, limit)
    return await views.staff_many(session, rows)


@router.post("/incidents/{incident_id}/transition", responses=errors(404, 409))
async def transition(
    incident_id: IncidentId,
    body: IncidentTransition,
    who: StaffDep,
    ctx: ContextDep,
    session: SessionDep,
) -> IncidentStaff:
    """Move it (409 invalid_transition backwards or out of a closed state) or give a new
    estimate; audited; the reporters and the area's approved links are told once each."""
    inc = await staff.get(session, incident_id, lock=True)
    await staff.transition(ctx, session, who, inc, body)
    return (await views.staff_many(session, [await staff.get(session, incident_id)]))[0]


@router.get("/areas")
async def list_areas(_: StaffDep, session: SessionDep) -> list[AreaStaff]:
    """Every named area with its boundary, by code: what placing, splitting and the boundary
    editor choose from."""
    rows = (await session.scalars(select(Area).order_by(Area.code))).all()
    return [
        AreaStaff(code=a.code, name=a.name, boundary=a.boundary, updated_at=a.updated_at)
        for a in rows
    ]


@router.put("/areas/{code}/boundary", responses=errors(404))
async def put_boundary(
    code: Annotated[str, Path(max_length=20, pattern=r"^[A-Za-z0-9-]+$")],
    body: BoundaryUpdate,
    _: StaffDep,
    ctx: ContextDep,
    session: SessionDep,
) -> dict:
    """The area's GeoJSON polygon (lon, lat), used to place reports sent with a location."""
    geojson = body.model_dump()
    geo.parse_boundary(geojson)
    area = await session.get(Area, code, with_for_update=True)
    if area is None:
        raise AppError(404, "area_not_found", "There is no area with that code.")
    area.boundary, area.updated_at = geojson, utcnow()
    await session.commit()
    geo.forget(ctx.area_shapes)
    return {"code": code, "boundary": geojson}
