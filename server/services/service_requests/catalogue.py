"""The service catalogue, read once from catalogue.json (data, not code), in either language."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from domain.models.services import ChoicePublic, FieldSpecPublic, ServiceTypePublic

_FILE = Path(__file__).with_name("catalogue.json")


@dataclass(frozen=True)
class ServiceType:
    code: str
    who: str  # anyone | member | owner
    needs_code: bool
    needs_signature: bool
    turnaround_days: int
    raw: dict

    def field(self, name: str) -> dict | None:
        return next((f for f in self.raw["fields"] if f["name"] == name), None)

    def name(self, lang: str = "vi") -> str:
        return self.raw["name"][lang]


@cache
def service_types() -> dict[str, ServiceType]:
    data = json.loads(_FILE.read_text(encoding="utf-8"))
    return {
        t["code"]: ServiceType(
            t["code"], t["who"], t["needs_code"], t["needs_signature"], t["turnaround_days"], t
        )
        for t in data["types"]
    }


def public_view(t: ServiceType, lang: str) -> ServiceTypePublic:
    raw = t.raw
    return ServiceTypePublic(
        code=t.code,
        name=raw["name"][lang],
        description=raw["description"][lang],
        who=t.who,
        needs_code=t.needs_code,
        needs_signature=t.needs_signature,
        turnaround_days=t.turnaround_days,
        fields=[
            FieldSpecPublic(
                **{k: v for k, v in f.items() if k not in ("label", "choices")},
                label=f["label"][lang],
                choices=[
                    ChoicePublic(value=c["value"], label=c["label"][lang])
                    for c in f.get("choices", [])
                ],
            )
            for f in raw["fields"]
        ],
        documents=[d[lang] for d in raw["documents"]],
        from_bill=bool(raw.get("from_bill")),
    )


def catalogue(lang: str) -> list[ServiceTypePublic]:
    return [public_view(t, lang) for t in service_types().values()]
