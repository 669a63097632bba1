"""Plans for the council under /api/v1/plans (issue 15, item 4): a name and the initiatives
it adds up; every answer with a plan computes it from each initiative's latest revision. A
change carries the version it is based on (409 if stale), as for saved scenarios. An id that
names no initiative is not refused (a plan keeps naming an initiative deleted since): the
answer's `problems` says it was not found, and `result` adds up the rest."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from utenfor.model import ScenarioError
from utenfor.model.errors import Issue
from utenfor.store.plans import MAX_INITIATIVES, InvalidPlan
from utenfor.store.rows import Conflict, NotFound
from utenfor.web import stores
from utenfor.web.api import CONFLICT, INVALID, Message, Moment
from utenfor.web.plan_view import compute

MISSING = {404: {"model": Message, "description": "Planen finnes ikke"}}
router = APIRouter(prefix="/api/v1", tags=["api"], responses=INVALID)

InitiativeId = Annotated[str, Field(min_length=1, max_length=32,
                                    description="The id of an initiative")]  # fmt: skip


class NewPlan(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")]
    initiatives: Annotated[list[InitiativeId],
                           Field(min_length=1, max_length=MAX_INITIATIVES,
                                 json_schema_extra={"uniqueItems": True})]  # fmt: skip


class ChangedPlan(NewPlan):
    version: Annotated[int, Field(ge=1, le=2**31 - 1, description="The version it is based on")]


class PlanOut(BaseModel):
    id: str
    name: str
    initiatives: list[str]
    version: int = Field(description="Raised by one at every change; send it back with the next")
    created_at: Moment
    updated_at: Moment


class ComputedPlan(PlanOut):
    problems: list[str] = Field(description="Initiatives left out, and why")
    result: dict[str, Any] | None = Field(description="The plan added up, or null")


def _store(request: Request):
    return stores.plans(request)


def _refused(exc: InvalidPlan) -> ScenarioError:
    return ScenarioError([Issue(exc.field, exc.message)])


def _missing() -> HTTPException:
    return HTTPException(404, "Planen finnes ikke")


@router.get("/plans", summary="Planer")
def list_plans(request: Request) -> list[PlanOut]:
    return [p.to_json() for p in _store(request).list()]


@router.post("/plans", status_code=201, summary="Lag en plan av tiltak")
def create_plan(request: Request, body: NewPlan) -> ComputedPlan:
    try:
        return compute(request, _store(request).create(body.name, body.initiatives)).to_json()
    except InvalidPlan as exc:
        raise _refused(exc) from None


@router.get("/plans/{plan_id}", summary="Én plan, lagt sammen", responses=MISSING)
def get_plan(request: Request, plan_id: str) -> ComputedPlan:
    try:
        return compute(request, _store(request).get(plan_id)).to_json()
    except NotFound:
        raise _missing() from None


@router.put("/plans/{plan_id}", summary="Endre en plan (409 ved konflikt)",
            responses=MISSING | CONFLICT)  # fmt: skip
def update_plan(request: Request, plan_id: str, body: ChangedPlan) -> ComputedPlan:
    try:
        plan = _store(request).update(plan_id, body.version, body.name, body.initiatives)
        return compute(request, plan).to_json()
    except NotFound:
        raise _missing() from None
    except Conflict as exc:
        text = (
            f"Planen er endret av noen andre siden versjon {body.version} (nå versjon "
            f"{exc.current}). Hent den på nytt."
        )
        raise HTTPException(409, text) from None
    except InvalidPlan as exc:
        raise _refused(exc) from None


@router.delete("/plans/{plan_id}", status_code=204, summary="Slett en plan", responses=MISSING)
def delete_plan(request: Request, plan_id: str) -> Response:
    try:
        _store(request).delete(plan_id)
    except NotFound:
        raise _missing() from None
    return Response(status_code=204)
