"""Staff: an incident's reports (with phone and address to call back), merge and split,
placing a report left for staff, and a hazard report's photo."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from domain.models.incidents import IncidentMerge, IncidentSplit, IncidentStaff, OutageReportStaff
from server.deps import ContextDep, SessionDep
from server.models.incidents import OutageReport
from server.problems import AppError
from server.routes.admin import StaffDep
from server.routes.params import RowId
from server.routes.problems_doc import errors
from server.services.incidents import photos, regroup, views
from server.services.service_requests.storage import store_for

router = APIRouter(prefix="/admin", tags=["staff"], responses=errors(401, 403, 422))
Id = RowId


class PlaceIn(BaseModel):
    model_config = {"extra": "forbid"}
    area: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9-]+$")


async def _one(session, incident) -> IncidentStaff:
    return (await views.staff_many(session, [incident]))[0]


@router.get("/incidents/{incident_id}/reports", responses=errors(404))
async def incident_reports(
    incident_id: Id,
    _: StaffDep,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[OutageReportStaff]:
    return [regroup.report_view(r) for r in await regroup.reports_of(session, incident_id, limit)]


@router.get("/outage-reports/unplaced")
async def unplaced_reports(
    _: StaffDep, session: SessionDep, limit: Annotated[int, Query(ge=1, le=500)] = 100
) -> list[OutageReportStaff]:
    """Reports with an address only (or outside every boundary), newest first."""
    return [regroup.report_view(r) for r in await regroup.reports_of(session, 0, limit)]


@router.post("/outage-reports/{report_id}/place", responses=errors(404))
async def place_report(
    report_id: Id, body: PlaceIn, who: StaffDep, ctx: ContextDep, session: SessionDep
) -> IncidentStaff:
    return await _one(
        session, await regroup.place_unplaced(ctx, session, who, report_id, body.area)
    )


@router.get("/outage-reports/{report_id}/photo", responses=errors(404))
async def report_photo(
    report_id: Id, _: StaffDep, ctx: ContextDep, session: SessionDep
) -> Response:
    r = await session.get(OutageReport, report_id)
    if r is None:
        raise AppError(404, "report_not_found", "No report has that id.")
    return await photos.photo_response(store_for(ctx.settings.data_dir), r)


@router.post("/incidents/{incident_id}/merge", responses=errors(404, 409))
async def merge(
    incident_id: Id, body: IncidentMerge, who: StaffDep, session: SessionDep
) -> IncidentStaff:
    """Folds this incident into `into`: its reports move there, it closes as `merged`."""
    return await _one(session, await regroup.merge(session, who, incident_id, body.into))


@router.post("/incidents/{incident_id}/split", responses=errors(404, 409))
async def split(
    incident_id: Id, body: IncidentSplit, who: StaffDep, ctx: ContextDep, session: SessionDep
) -> IncidentStaff:
    """Moves the listed reports to `area`'s open incident (made if none); answers that one."""
    target = await regroup.split(ctx, session, who, incident_id, body.report_ids, body.area)
    return await _one(session, target)
