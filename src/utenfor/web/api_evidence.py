"""`GET /api/v1/evidence` and `/api/v1/evidence/{id}`: the library of documented programmes
for the success rate (issue 33; data/evidence.yaml, docs/evidence.md). Read-only, the same for
every workspace."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from utenfor.data.evidence import library, programme
from utenfor.web.api import Message

router = APIRouter(prefix="/api/v1", tags=["api"])


class SuccessPct(BaseModel):
    low: float
    mid: float
    high: float


class Source(BaseModel):
    citation: str
    url: str


class Programme(BaseModel):
    """A documented programme: what was measured and the success rate it gives."""

    id: str
    name: str
    target_groups: list[str] = Field(description="The model's target groups it fits")
    outcome: str
    population: str
    design: str = Field(description="RCT, quasi-experiment or before-after")
    effect_published: str = Field(description="The effect as published, in Norwegian")
    ungsinn_level: int | None
    success_pct: SuccessPct = Field(description="Percentage points on `base_pct`")
    base_pct: float | None = Field(description="The base share the effect was translated on")
    translation: dict[str, Any]
    grade: int = Field(description="2: published, used as is; 3: translated or judgement")
    note: str
    sources: list[Source]
    wsipp: dict[str, Any] | None


@router.get("/evidence", summary="Dokumenterte tiltak for suksessraten")
def list_evidence() -> list[Programme]:
    return [p.to_json() for p in library()]


@router.get("/evidence/{programme_id}", summary="Ett dokumentert tiltak",
            responses={404: {"model": Message, "description": "Tiltaket finnes ikke"}})  # fmt: skip
def get_evidence(programme_id: str) -> Programme:
    found = programme(programme_id)
    if found is None:
        raise HTTPException(404, "Tiltaket finnes ikke")
    return found.to_json()
