"""Staff regrouping (issue 17): one incident's reports, merged into another incident or some of
them split off to the area they belong to; the reports nobody could place; area boundaries."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import flet as ft

from app.services.outage_reports_repository import OutageReportsRepository
from app.views.form_state import FormState
from domain.models.incidents import AreaStaff, IncidentStaff, OutageReportStaff

MAX_BOUNDARY_CHARS = 200_000


@ft.observable
@dataclass(kw_only=True)
class StaffIncidentViewModel(FormState):
    """An incident's reports (with the phone and address to call back), merge and split."""

    repo: OutageReportsRepository
    incident_id: int
    incident: IncidentStaff | None = None
    others: list[IncidentStaff] = field(default_factory=list)  # open ones, same area first
    reports: list[OutageReportStaff] = field(default_factory=list)
    areas: list[AreaStaff] = field(default_factory=list)
    selected: frozenset[int] = frozenset()
    merge_into: int | None = None
    split_area: str = ""
    loaded: bool = False
    moved_to: int | None = None  # after a merge or a split: the incident the reports went to

    async def load(self) -> None:
        async def call() -> None:
            await self._read()

        await self.run(call)

    async def _read(self) -> None:
        open_now = await self.repo.staff_list()
        self.incident = next((i for i in open_now if i.id == self.incident_id), None)
        here = self.incident.area if self.incident else None
        others = [i for i in open_now if i.id != self.incident_id]
        self.others = sorted(others, key=lambda i: (i.area != here, i.area, i.id))
        self.reports = await self.repo.staff_reports(self.incident_id)
        if not self.areas:
            self.areas = await self.repo.areas()
        ids = {r.id for r in self.reports}
        self.selected = frozenset(self.selected & ids)
        if self.merge_into not in {i.id for i in self.others}:
            self.merge_into = None
        self.loaded = True

    @property
    def split_areas(self) -> list[AreaStaff]:
        """Where reports may go: every area but this incident's own."""
        here = self.incident.area if self.incident else None
        return [a for a in self.areas if a.code != here]

    def toggle(self, report_id: int) -> None:
        self.selected = self.selected ^ {report_id}

    def choose_merge(self, incident_id: str | int | None) -> None:
        wanted = str(incident_id or "")
        self.merge_into = next((i.id for i in self.others if str(i.id) == wanted), None)

    def choose_split_area(self, code: str | None) -> None:
        self.split_area = code or ""

    async def merge(self) -> bool:
        """This incident's reports join `merge_into`; this one closes as merged."""
        into = self.merge_into
        if into is None:
            self.refuse({"merge_into": "required"})
            return False

        async def call() -> None:
            target = await self.repo.merge(self.incident_id, into)
            self.moved_to = target.id
            self.notice = "incidents.merged"

        return await self.run(call)

    async def split(self) -> bool:
        """The ticked reports move to `split_area`'s open incident (made if none)."""
        problems = {}
        if not self.selected:
            problems["reports"] = "required"
        if not self.split_area:
            problems["split_area"] = "required"
        if problems:
            self.refuse(problems)
            return False
        chosen, area = sorted(self.selected), self.split_area

        async def call() -> None:
            target = await self.repo.split(self.incident_id, chosen, area)
            self.moved_to = target.id
            self.selected = frozenset()
            await self._read()
            self.notice = "incidents.split_done"

        return await self.run(call)


@ft.observable
@dataclass(kw_only=True)
class UnplacedReportsViewModel(FormState):
    """Reports sent with an address only (or a point outside every boundary): staff read the
    address and put each in its area, where it joins (or opens) the area's incident."""

    repo: OutageReportsRepository
    items: list[OutageReportStaff] = field(default_factory=list)
    areas: list[AreaStaff] = field(default_factory=list)
    chosen: dict[int, str] = field(default_factory=dict)  # report id -> area code
    loaded: bool = False
    placed_in: int | None = None  # the incident the last placed report joined

    async def load(self) -> None:
        async def call() -> None:
            self.items = await self.repo.unplaced()
            if not self.areas:
                self.areas = await self.repo.areas()
            self.loaded = True

        await self.run(call)

    def choose(self, report_id: int, area: str | None) -> None:
        self.chosen = {**self.chosen, report_id: area or ""}

    async def place(self, report_id: int) -> bool:
        area = self.chosen.get(report_id, "")
        if not area:
            self.refuse({f"area-{report_id}": "required"})
            return False

        async def call() -> None:
            incident = await self.repo.place(report_id, area)
            self.placed_in = incident.id
            self.chosen = {k: v for k, v in self.chosen.items() if k != report_id}
            self.items = await self.repo.unplaced()
            self.notice = "incidents.placed"

        return await self.run(call)


def parse_boundary(text: str) -> dict[str, Any] | None:
    """The GeoJSON a person pasted, if it is a Polygon or MultiPolygon object (the server
    checks the geometry itself: rings closed, not crossing, lon/lat in range). A Feature is
    unwrapped to its geometry, as drawing tools export Features."""
    if not text.strip() or len(text) > MAX_BOUNDARY_CHARS:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in ("Polygon", "MultiPolygon"):
        return None
    if not isinstance(data.get("coordinates"), list) or not data["coordinates"]:
        return None
    return {"type": data["type"], "coordinates": data["coordinates"]}


@ft.observable
@dataclass(kw_only=True)
class AreaBoundariesViewModel(FormState):
    """Areas and their boundaries; one at a time is edited as GeoJSON text."""

    repo: OutageReportsRepository
    areas: list[AreaStaff] = field(default_factory=list)
    editing: str | None = None  # area code
    text: str = ""
    loaded: bool = False

    async def load(self) -> None:
        async def call() -> None:
            self.areas = await self.repo.areas()
            self.loaded = True

        await self.run(call)

    def edit(self, code: str | None) -> None:
        area = next((a for a in self.areas if a.code == code), None)
        self.editing = area.code if area else None
        self.text = json.dumps(area.boundary) if area and area.boundary else ""
        self.field_errors, self.error, self.notice = {}, None, None

    def set_text(self, text: str) -> None:
        self.text = text

    async def save(self) -> bool:
        code = self.editing
        geojson = parse_boundary(self.text)
        if code is None or geojson is None:
            self.refuse({"boundary": "boundary"})
            return False

        async def call() -> None:
            await self.repo.set_boundary(code, geojson)
            self.areas = await self.repo.areas()
            self.editing, self.text = None, ""
            self.notice = "incidents.boundary_saved"

        return await self.run(call)
