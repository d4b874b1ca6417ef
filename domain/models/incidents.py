"""Wire schemas of outage reports (báo mất điện) and unplanned incidents: public, reporter, staff."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, model_validator

from domain.incident_states import IncidentStatus
from domain.models.common import JSON_NUMBER, CustomerCode, Phone, WireModel

ReportKind = Literal["no_power", "partial", "flicker", "hazard"]


class OutageReportCreate(WireModel):
    """Where: a customer code, or a point (lat and lon together), or an address for staff."""

    kind: ReportKind
    customer_code: CustomerCode | None = None
    lat: Annotated[float, Field(ge=-90, le=90), JSON_NUMBER] | None = None
    lon: Annotated[float, Field(ge=-180, le=180), JSON_NUMBER] | None = None
    address: str | None = Field(default=None, min_length=3, max_length=300)
    phone: Phone | None = None
    description: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _where(self) -> OutageReportCreate:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon go together")
        if self.customer_code is None and self.lat is None and not self.address:
            raise ValueError("give a customer code, a location (lat, lon) or an address")
        return self


class TimelineStep(BaseModel):
    status: str
    at: datetime
    eta: datetime | None = None
    note: str | None = None


class IncidentPublic(BaseModel):
    """An unplanned outage as anyone may see it: the area, never who reported it."""

    id: int
    area: str
    area_name: str | None = None
    status: IncidentStatus
    hazard: bool = False
    eta: datetime | None = None
    opened_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    timeline: list[TimelineStep] = []


class IncidentBrief(BaseModel):
    id: int
    status: IncidentStatus
    eta: datetime | None = None


class OutageReportAccepted(BaseModel):
    id: int
    tracking_no: str
    incident: IncidentBrief | None = None


class OutageReportStatus(BaseModel):
    """What the reporter sees by tracking number: their report and its incident, no personal
    data (no phone, no address, no code)."""

    tracking_no: str
    kind: ReportKind
    created_at: datetime
    placed: bool  # False: left for staff to place (address only, or not in a known area)
    has_photo: bool = False
    incident: IncidentPublic | None = None


class IncidentStaff(IncidentPublic):
    reports: int
    hazard_reports: int
    last_report_at: datetime | None = None
    next: list[str] = []


class IncidentTransition(WireModel):
    status: IncidentStatus
    eta: datetime | None = None
    note: str | None = Field(default=None, max_length=500)


class IncidentMerge(WireModel):
    into: Annotated[int, Field(ge=1, le=2**62), JSON_NUMBER]


class IncidentSplit(WireModel):
    """Reports placed in the wrong area move to `area`'s open incident (made if none)."""

    report_ids: list[Annotated[int, Field(ge=1, le=2**62), JSON_NUMBER]] = Field(
        min_length=1, max_length=500
    )
    area: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9-]+$")


class OutageReportStaff(BaseModel):
    """A report as staff see it: with the phone and address to call back."""

    id: int
    tracking_no: str
    kind: ReportKind
    customer_code: str | None
    area: str | None
    lat: float | None
    lon: float | None
    address: str | None
    phone: str | None
    description: str | None
    has_photo: bool
    created_at: datetime


class AreaStaff(BaseModel):
    """An area as staff see it: its code, name and boundary (GeoJSON, lon/lat; None: not drawn,
    so reports sent with a location there are left for staff to place)."""

    code: str
    name: str
    boundary: dict[str, Any] | None = None
    updated_at: datetime | None = None


class BoundaryUpdate(WireModel):
    """A GeoJSON Polygon or MultiPolygon (lon, lat order, as GeoJSON says)."""

    type: Literal["Polygon", "MultiPolygon"]
    coordinates: list[Any] = Field(min_length=1, max_length=50)
