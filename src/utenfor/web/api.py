"""The JSON API under /api/v1 (docs/formats.md, "JSON result"). Errors are 422 with the
field and a Norwegian message; a stale edit is 409."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from utenfor import MODEL_VERSION, service
from utenfor.model import Scenario, calculate
from utenfor.model.uncertainty import LIMITS
from utenfor.reports.renderers import RENDERERS
from utenfor.store.db import Conflict, NotFound
from utenfor.web import stores
from utenfor.web.heavy import BUSY, heavy
from utenfor.web.responses import FastJSONResponse, file_response, scenario_file


class Problem(BaseModel):
    field: str = Field(description="The field, as a dotted path (for example `participants.2021`)")
    message: str = Field(description="What is wrong, in Norwegian")


class Problems(BaseModel):
    detail: list[Problem]


class Message(BaseModel):
    detail: str


INVALID = {422: {"model": Problems, "description": "Ugyldig innhold: feltet og hva som er galt"},
           413: {"model": Message, "description": "Forespørselen er større enn 2 MB"}}  # fmt: skip
MISSING = {404: {"model": Message, "description": "Scenariet finnes ikke"}}
TOML = {200: {"content": {"application/toml": {"schema": {"type": "string"}}},
              "description": "Scenariofilen (docs/formats.md)"}}  # fmt: skip
CONFLICT = {409: {"model": Message, "description": "Endret av noen andre siden versjonen"}}

router = APIRouter(prefix="/api/v1", tags=["api"], responses=INVALID)


# Passed through as stored (ISO 8601 with "+00:00"), so the schema only names the format.
Moment = Annotated[str, Field(json_schema_extra={"format": "date-time"})]


class ScenarioSummary(BaseModel):
    """A saved scenario as listed (docs/formats.md, "Backup", holds the same fields)."""

    id: str = Field(description="The scenario's id")
    name: str
    version: int = Field(description="Raised by one at every change; send it back with an edit")
    updated_at: Moment
    model_version: str
    data_fingerprint: str


class SavedScenario(ScenarioSummary):
    created_at: Moment
    scenario: dict[str, Any] = Field(description="The scenario as understood, defaults filled in")


class SaveRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, Field(min_length=1, max_length=200)]
    scenario: Scenario


class UpdateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int = Field(ge=1, le=2**31 - 1, description="The version the edit is based on")
    name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    scenario: Scenario | None = None


def _data(request: Request):
    return request.app.state.data


def _store(request: Request):
    return stores.scenarios(request)


@router.post("/calculate", summary="Beregn et scenario (JSON-resultatet i interfaces.md)",
             response_class=FastJSONResponse)  # fmt: skip
async def calculate_scenario(
    request: Request, scenario: Annotated[Scenario, Body()]
) -> FastJSONResponse:
    # A ready response: FastAPI would otherwise re-encode the 840 cash-flow rows field by
    # field (5 of 9 ms a request); async: the computation takes about a tenth of a millisecond.
    return FastJSONResponse(calculate(scenario, _data(request)).to_json())


# Not in the OpenAPI schema: its body is a workbook, which a schema cannot describe nor
# schemathesis generate (every generated body would be refused); docs/formats.md, "Workbook".
@router.post("/calculate/xlsx", response_class=FastJSONResponse, include_in_schema=False)
async def calculate_workbook(request: Request) -> FastJSONResponse:
    """The body is a workbook written by the export (`.xlsx`), perhaps edited in Excel; the
    JSON result, or a 422 naming the sheet and the cell of each problem (issue 34)."""
    from utenfor.reports.xlsx_read import read_workbook  # openpyxl only when asked

    body = await request.body()
    scenario = await heavy(request, read_workbook, body)
    return FastJSONResponse(calculate(scenario, _data(request)).to_json())


def _spread(name: str, unit: str) -> Any:
    """low, likely, high of spread `name`, each within its limits (model/uncertainty.py), which
    the schema's description also states."""
    low, high = LIMITS[name]
    value = Annotated[float, Field(ge=low, le=high)]
    return Annotated[tuple[value, value, value] | None,
                     Field(description=f"low, likely, high ({unit}, {low} to {high})")]  # fmt: skip


SuccessSpread = _spread("success_rate_pct", "percentage points")
CostSpread = _spread("cost_pct", "% of entered costs")
LevelSpread = _spread("level_pct", "% of the data set's gaps")


class AnalyseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scenario: Scenario
    success_rate_pct: SuccessSpread = None
    cost_pct: CostSpread = None
    level_pct: LevelSpread = None
    draws: Annotated[int, Field(ge=100, le=200_000)] = 10_000
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] = 20_191  # numpy refuses a negative seed
    distribution: Literal["triangular", "pert"] = "triangular"


@router.post("/analyse", summary="Terskler, følsomhet, usikkerhet og kostnadsfordeling",
             responses=BUSY)  # fmt: skip
async def analyse_scenario(request: Request, body: AnalyseRequest) -> JSONResponse:
    spreads = service.spreads({name: getattr(body, name) for name in service.SPREADS})
    report = await heavy(request, service.report, body.scenario, _data(request),
                         spreads=spreads, draws=body.draws, seed=body.seed,
                         distribution=body.distribution)  # fmt: skip
    return FastJSONResponse(report.analysis_json)


Spread = Annotated[str | None, Query(description="lav/sannsynlig/høy, for eksempel 5/10/15",
                                     pattern=r"^[-0-9.,]+/[-0-9.,]+/[-0-9.,]+$")]  # fmt: skip


@router.post("/export/{fmt}", summary="Resultatet, med hva-om-analysen, som fil",
             response_class=Response,
             responses={200: {"content": {r.media_type: {} for r in RENDERERS.values()},
                              "description": "Filen"},
                        404: {"model": Message, "description": "Ukjent format"},
                        **BUSY})  # fmt: skip
async def export(
    request: Request,
    scenario: Annotated[Scenario, Body()],
    fmt: Annotated[str, Path(description="Formatet (en av `RENDERERS`; listen står i skjemaet)")],
    lang: Literal["nb", "en"] = "nb",
    success: Spread = None,
    cost: Spread = None,
    level: Spread = None,
) -> Response:
    """Any registered output format (`reports/renderers.py`); the spreads as on the command
    line (`--success 5/10/15`)."""
    if fmt not in RENDERERS:
        raise HTTPException(404, f"Ukjent format; bruk en av: {', '.join(RENDERERS)}")
    spreads = service.spreads({"success_rate_pct": success, "cost_pct": cost,
                               "level_pct": level})  # fmt: skip
    job = await heavy(request, _export, scenario, _data(request), spreads, lang, fmt)
    return file_response(job)


def _export(scenario: Scenario, data, spreads: dict, lang: str, fmt: str) -> service.Export:
    return service.export(service.report(scenario, data, spreads=spreads, lang=lang), fmt)


@router.get("/data", summary="Datasettet: navn, versjon, fingeravtrykk, grupper, aldre")
def data_info(request: Request) -> dict[str, Any]:
    # The folder on the server is for the operator (`utenfor data info`), not for the web.
    return {k: v for k, v in _data(request).info().items() if k != "path"}


@router.get("/scenarios", summary="Lagrede scenarier")
def list_scenarios(request: Request) -> list[ScenarioSummary]:
    return [s.summary() for s in _store(request).list()]


def checked_scenario(request: Request, scenario: Scenario) -> dict:
    calculate(scenario, _data(request))  # refuses what the data set cannot compute (422)
    return scenario.to_dict()


@router.post("/scenarios", status_code=201, summary="Lagre et scenario")
def save_scenario(request: Request, body: SaveRequest) -> SavedScenario:
    scenario = checked_scenario(request, body.scenario)
    stored = _store(request).create(body.name, scenario, MODEL_VERSION,
                                    _data(request).fingerprint)  # fmt: skip
    return stored.to_json()


def _get(request: Request, scenario_id: str):
    try:
        return _store(request).get(scenario_id)
    except NotFound:
        raise HTTPException(404, "Scenariet finnes ikke") from None


@router.get("/backup", summary="Sikkerhetskopi av alle lagrede scenarier")
def backup(request: Request) -> JSONResponse:
    """With accounts on, the audit log is in it for an `eier` only, and not through a read
    token (issue 30, item 6)."""
    disposition = 'attachment; filename="utenfor-sikkerhetskopi.json"'
    document, signed = _store(request).backup(), getattr(request.state, "signed_in", None)
    if signed is not None and (signed.role != "eier" or signed.via == "read"):
        del document["audit"]
    return FastJSONResponse(document, headers={"Content-Disposition": disposition})


@router.post("/restore", summary="Legg tilbake en sikkerhetskopi (alt eller ingenting)")
def restore(request: Request, document: Annotated[dict, Body()]) -> dict[str, int]:
    return {"restored": service.restore(_store(request), document)}


@router.get("/scenarios/{scenario_id}", summary="Ett lagret scenario", responses=MISSING)
def get_scenario(request: Request, scenario_id: str) -> SavedScenario:
    return _get(request, scenario_id).to_json()


@router.put("/scenarios/{scenario_id}", summary="Endre navn eller innhold (409 ved konflikt)",
            responses=MISSING | CONFLICT)  # fmt: skip
def update_scenario(request: Request, scenario_id: str, body: UpdateRequest) -> SavedScenario:
    scenario = checked_scenario(request, body.scenario) if body.scenario is not None else None
    try:
        stored = _store(request).update(
            scenario_id, body.version, name=body.name, scenario=scenario,
            model_version=MODEL_VERSION if scenario else None,
            fingerprint=_data(request).fingerprint if scenario else None,
        )  # fmt: skip
    except NotFound:
        raise HTTPException(404, "Scenariet finnes ikke") from None
    except Conflict as exc:
        raise HTTPException(
            409,
            f"Scenariet er endret av noen andre siden versjon {body.version} "
            f"(nå versjon {exc.current}). Hent det på nytt før du lagrer.",
        ) from None
    return stored.to_json()


@router.delete("/scenarios/{scenario_id}", status_code=204, summary="Slett et scenario",
               responses=MISSING)  # fmt: skip
def delete_scenario(request: Request, scenario_id: str) -> Response:
    try:
        _store(request).delete(scenario_id)
    except NotFound:
        raise HTTPException(404, "Scenariet finnes ikke") from None
    return Response(status_code=204)


@router.post("/scenarios/{scenario_id}/duplicate", status_code=201, summary="Kopier et scenario",
             responses=MISSING)  # fmt: skip
def duplicate_scenario(request: Request, scenario_id: str) -> SavedScenario:
    _get(request, scenario_id)
    return _store(request).duplicate(scenario_id).to_json()


@router.get("/scenarios/{scenario_id}/scenario.toml", summary="Last ned som scenariofil (TOML)",
            response_class=Response, responses=MISSING | TOML)  # fmt: skip
def download_scenario(request: Request, scenario_id: str) -> Response:
    return scenario_file(_get(request, scenario_id))
