"""Initiatives under /api/v1/initiatives (issue 15): create one, read it with its whole
history, add events (details, a phase begun, a note or decision, a scenario revision, the
actuals) with the version they are based on (409 if stale), delete it."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from utenfor.model import Scenario, ScenarioError, parse_scenario
from utenfor.model.actuals import Actuals, parse_actuals
from utenfor.model.errors import Issue
from utenfor.model.scenario import YEAR_KEYS, Whole
from utenfor.store.events import KINDS, InvalidEvent
from utenfor.store.rows import Conflict, NotFound
from utenfor.terms import DATA_AREAS, PAYERS
from utenfor.web import stores
from utenfor.web.api import CONFLICT, INVALID, Message, Moment, checked_scenario

MISSING = {404: {"model": Message, "description": "Tiltaket finnes ikke"}}
router = APIRouter(prefix="/api/v1", tags=["api"], responses=INVALID)

_FORBID = ConfigDict(extra="forbid")
Version = Annotated[int, Field(ge=1, le=2**31 - 1, description="The version the event is based on")]
Phase = Annotated[int, Field(ge=1, le=6, description="Veikart phase: 1 Forankring … 6 Ny praksis")]


class Details(BaseModel):
    model_config = _FORBID
    name: Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")]
    description: Annotated[str, Field(max_length=2000)] = ""
    target_group: Annotated[str, Field(max_length=2000)] = ""
    responsible_unit: Annotated[str, Field(max_length=2000)] = ""


class NewInitiative(Details):
    began: date = Field(description="The day phase 1 (Forankring) began")


class PhaseBody(BaseModel):
    model_config = _FORBID
    phase: Phase


class TextBody(BaseModel):
    model_config = _FORBID
    text: Annotated[str, Field(min_length=1, max_length=5000, pattern=r"\S")]


class ScenarioBody(BaseModel):
    model_config = _FORBID
    phase: Phase
    scenario: Scenario
    reason: Annotated[str, Field(max_length=2000)] = ""


class MeasuredBody(BaseModel):
    """An indicator of the benefit plan (its line's payer and area) as measured, by year."""

    model_config = _FORBID
    payer: Literal[PAYERS]
    area: Literal[DATA_AREAS]
    values: Annotated[dict[Whole, Annotated[str, Field(min_length=1, max_length=100,
                                                       pattern=r"\S")]],
                      Field(json_schema_extra=YEAR_KEYS)]  # fmt: skip


class ActualsBody(BaseModel):
    model_config = _FORBID
    actuals: Actuals
    indicators: Annotated[list[MeasuredBody], Field(max_length=100)] = []


class DetailsEvent(BaseModel):
    model_config = _FORBID
    kind: Literal["details"]
    version: Version
    body: Details


class PhaseEvent(BaseModel):
    model_config = _FORBID
    kind: Literal["phase"]
    version: Version
    on: date = Field(description="The day the phase began (not before the previous phase)")
    body: PhaseBody


class NoteEvent(BaseModel):
    model_config = _FORBID
    kind: Literal["note", "decision"]
    version: Version
    on: date | None = None
    body: TextBody


class ScenarioEvent(BaseModel):
    model_config = _FORBID
    kind: Literal["scenario"]
    version: Version
    body: ScenarioBody


class ActualsEvent(BaseModel):
    model_config = _FORBID
    kind: Literal["actuals"]
    version: Version
    body: ActualsBody


Filled = Annotated[str, Field(max_length=500)]


class BenefitLineBody(BaseModel):
    """One line of the benefit-realisation plan as the municipality filled it in."""

    model_config = _FORBID
    payer: Literal[PAYERS]
    area: Literal[DATA_AREAS]
    indicator: Filled = ""
    baseline: Filled = ""
    target: Filled = ""
    responsible: Filled = ""
    measured: Filled = ""


class BenefitsBody(BaseModel):
    model_config = _FORBID
    lines: Annotated[list[BenefitLineBody], Field(max_length=100)]


class BenefitsEvent(BaseModel):
    model_config = _FORBID
    kind: Literal["benefits"]
    version: Version
    body: BenefitsBody


NewEvent = Annotated[DetailsEvent | PhaseEvent | NoteEvent | ScenarioEvent | ActualsEvent
                     | BenefitsEvent, Field(discriminator="kind")]  # fmt: skip


def event_location(path: str, loc: tuple) -> tuple:
    """Pydantic puts the kind of a discriminated union first (`phase.body.phase`); the user
    wrote `body.phase`."""
    if path.endswith("/events") and len(loc) > 1 and loc[0] in KINDS:
        return loc[1:]
    return loc


class InitiativeSummary(BaseModel):
    id: str
    name: str
    version: int = Field(description="Raised by one at every event; send it back with the next")
    phase: int
    phase_name: str
    updated_at: Moment


class InitiativeOut(InitiativeSummary):
    description: str
    target_group: str
    responsible_unit: str
    created_at: Moment
    events: list[dict[str, Any]] = Field(description="The whole history, oldest first")


def _store(request: Request):
    return stores.initiatives(request)


def _missing() -> HTTPException:
    return HTTPException(404, "Tiltaket finnes ikke")


def _summary(view) -> dict[str, Any]:
    full = view.to_json()
    return {k: full[k] for k in InitiativeSummary.model_fields}


@router.get("/initiatives", summary="Tiltak")
def list_initiatives(request: Request) -> list[InitiativeSummary]:
    return [_summary(i) for i in _store(request).list()]


@router.post("/initiatives", status_code=201, summary="Opprett et tiltak (fase 1, Forankring)")
def create_initiative(request: Request, body: NewInitiative) -> InitiativeOut:
    details = body.model_dump(exclude={"began"})
    try:
        return _store(request).create(details, body.began).to_json()
    except InvalidEvent as exc:
        raise ScenarioError([Issue(exc.field, exc.message)]) from None


@router.get("/initiatives/{initiative_id}", summary="Ett tiltak med hele historikken",
            responses=MISSING)  # fmt: skip
def get_initiative(request: Request, initiative_id: str) -> InitiativeOut:
    try:
        return _store(request).get(initiative_id).to_json()
    except NotFound:
        raise _missing() from None


def _event_body(request: Request, initiative_id: str, event) -> dict[str, Any]:
    """The event's body as stored; a scenario must compute on the data set, actuals must fit
    the latest scenario revision."""
    if isinstance(event, ScenarioEvent):
        scenario = checked_scenario(request, event.body.scenario)  # 422 if it cannot compute
        return {"phase": event.body.phase, "scenario": scenario, "reason": event.body.reason}
    if isinstance(event, ActualsEvent):
        try:
            revisions = _store(request).get(initiative_id).scenarios
        except NotFound:
            raise _missing() from None
        if not revisions:
            raise ScenarioError([Issue("body.actuals", "krever et scenario i tiltaket først")])
        latest = parse_scenario(revisions[-1]["scenario"])
        try:
            actuals = parse_actuals(event.body.actuals.model_dump(by_alias=True), latest)
        except ScenarioError as exc:
            raise ScenarioError([i.at(f"body.actuals.{i.field}") for i in exc.issues]) from None
        measured = [m.model_dump(mode="json") for m in event.body.indicators]
        return {"actuals": actuals.model_dump(mode="json", by_alias=True),
                **({"indicators": measured} if measured else {})}  # fmt: skip
    return event.body.model_dump()


@router.post("/initiatives/{initiative_id}/events", status_code=201,
             summary="Legg til en hendelse (409 ved konflikt)",
             responses=MISSING | CONFLICT)  # fmt: skip
def add_event(request: Request, initiative_id: str, event: NewEvent) -> InitiativeOut:
    body = _event_body(request, initiative_id, event)
    try:
        view = _store(request).record(initiative_id, event.version, event.kind, body,
                                      on=getattr(event, "on", None))  # fmt: skip
    except NotFound:
        raise _missing() from None
    except Conflict as exc:
        raise HTTPException(409, f"Tiltaket er endret av noen andre siden versjon "
                                 f"{event.version} (nå versjon {exc.current}). Hent det på "
                                 "nytt.") from None  # fmt: skip
    except InvalidEvent as exc:
        field = exc.field if exc.field == "on" else f"body.{exc.field}"
        raise ScenarioError([Issue(field, exc.message)]) from None
    return view.to_json()


@router.delete("/initiatives/{initiative_id}", status_code=204, summary="Slett et tiltak",
               responses=MISSING)  # fmt: skip
def delete_initiative(request: Request, initiative_id: str) -> Response:
    try:
        _store(request).delete(initiative_id)
    except NotFound:
        raise _missing() from None
    return Response(status_code=204)
