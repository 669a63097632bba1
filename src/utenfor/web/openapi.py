"""The API's OpenAPI document: FastAPI's, plus what only the running app knows or what a
route signature cannot say (issue 12), so that a client (or schemathesis) that follows the
schema sends what the API accepts:

- `target_group` lists the loaded data set's target groups, a local figure's `parameter` the
  unit prices it lets one replace and its `year` the price index's years, `/api/v1/export/{fmt}` the
  registered formats;
- `/api/v1/restore` describes a backup (the body is checked by `service.restore`, not by
  FastAPI, so that one bad scenario is named with its place in the file);
- links from `POST /api/v1/scenarios`, `/initiatives` and `/plans` to every route that takes
  the id it returns, and from a new initiative to a plan of it;
- the personal API token as a bearer scheme (issue 30, item 11), so /api/docs can send it.

What no schema can say is written in docs/formats.md: the years of a table lie in the
scenario's own years, a grant goes between two different payers, a spread is low <= likely
<= high, and a discount schedule starts at year 0 and rises."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import AwareDatetime, BaseModel, Field

from utenfor.model import Scenario
from utenfor.model.local_figures import local_prices
from utenfor.reports.renderers import RENDERERS
from utenfor.web.pages.calculation import guide_example


class BackupItem(BaseModel):
    id: Annotated[str, Field(min_length=1, max_length=32)]
    name: Annotated[str, Field(max_length=200)]
    scenario: Scenario
    model_version: Annotated[str, Field(min_length=1, max_length=32)]
    data_fingerprint: Annotated[str, Field(min_length=1, max_length=80)]
    created_at: AwareDatetime
    updated_at: AwareDatetime
    version: Annotated[int, Field(ge=1, le=2**31 - 1)]


class Backup(BaseModel):
    """A backup as `GET /api/v1/backup` writes it."""

    format: Literal["utenfor-backup"]
    version: int = 1
    scenarios: list[BackupItem] = []
    # Initiatives with their events (issue 15); checked by the store on restore.
    initiatives: list[dict[str, Any]] = []
    # Plans of initiatives (issue 15); checked by the store on restore.
    plans: list[dict[str, Any]] = []


_ID = {"scenario_id": "$response.body#/id"}
_LINKS = {
    "Hent": ("get_scenario", {}),
    "Endre": ("update_scenario", {"requestBody": {"version": "$response.body#/version"}}),
    "Kopier": ("duplicate_scenario", {}),
    "LastNed": ("download_scenario", {}),
    "Slett": ("delete_scenario", {}),
}

_INITIATIVE = {"initiative_id": "$response.body#/id"}
_INITIATIVE_LINKS = {
    "Hent": ("get_initiative", {}),
    "Hendelse": ("add_event", {"requestBody": {"version": "$response.body#/version"}}),
    "Slett": ("delete_initiative", {}),
    # A plan of the new initiative: the link passes its id in the body, not as a parameter.
    "Plan": (
        "create_plan",
        {"parameters": {}, "requestBody": {"name": "Plan", "initiatives": ["$response.body#/id"]}},
    ),
}

_PLAN = {"plan_id": "$response.body#/id"}
_PLAN_LINKS = {
    "Hent": ("get_plan", {}),
    "Endre": (
        "update_plan",
        {
            "requestBody": {
                "version": "$response.body#/version",
                "name": "Plan 2021",
                "initiatives": "$response.body#/initiatives",
            }
        },
    ),
    "Slett": ("delete_plan", {}),
}


def _operation_ids(schema: dict) -> dict[str, str]:
    """Route function name -> FastAPI's operationId (`get_scenario_api_v1_…_get`)."""
    ids = {}
    for methods in schema["paths"].values():
        for operation in methods.values():
            op = operation.get("operationId", "")
            ids.setdefault(op.split("_api_v1_")[0], op)
    return ids


def openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)  # fmt: skip
    components = schema["components"]["schemas"]
    groups = [g.id for g in app.state.data.target_groups]
    components["Scenario"]["properties"]["target_group"]["enum"] = groups
    components["Scenario"]["examples"] = [guide_example()]  # the guide's worked example
    # A local figure names a unit price the data set lets one replace, in a price-index year.
    local = components["LocalFigure"]["properties"]
    local["parameter"]["enum"] = list(local_prices(app.state.data))
    years = app.state.data.price_index
    local["year"] |= {"minimum": min(years), "maximum": max(years)}
    # A schedule of steps has at least one, and the first starts at year 0 (that the later
    # ones rise is checked by the model and described in docs/formats.md).
    steps = components["Settings"]["properties"]["discount_schedule"]["anyOf"][1]
    first = {"allOf": [steps["items"], {"properties": {"from_year": {"const": 0}}}]}
    steps.update(minItems=1, prefixItems=[first])

    backup = Backup.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in backup.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components["Backup"] = backup
    restore = schema["paths"]["/api/v1/restore"]["post"]["requestBody"]
    restore["content"]["application/json"]["schema"] = {"$ref": "#/components/schemas/Backup"}

    export = schema["paths"]["/api/v1/export/{fmt}"]["post"]
    for parameter in export["parameters"]:
        if parameter["name"] == "fmt":
            parameter["schema"]["enum"] = list(RENDERERS)
    # The media types of formats registered after import (the decorator saw only the first).
    content = export["responses"]["200"]["content"]
    for renderer in RENDERERS.values():
        content.setdefault(renderer.media_type, {})

    ids = _operation_ids(schema)
    for path, parameters, links in (
        ("/api/v1/scenarios", _ID, _LINKS),
        ("/api/v1/initiatives", _INITIATIVE, _INITIATIVE_LINKS),
        ("/api/v1/plans", _PLAN, _PLAN_LINKS),
    ):
        created = schema["paths"][path]["post"]["responses"]["201"]
        created["links"] = {
            name: {"operationId": ids[route], "parameters": parameters, **extra}
            for name, (route, extra) in links.items()
        }  # fmt: skip
    # A personal API token (`Authorization: Bearer utf_...`, store/tokens.py), which
    # `serve --accounts` asks for; declared so that /api/docs has an "Authorize" button. The
    # empty requirement: without accounts (and with a session cookie) no token is needed.
    schema["components"]["securitySchemes"] = {"apiToken": {
        "type": "http", "scheme": "bearer", "bearerFormat": "utf_...",
        "description": "Et personlig API-token (arbeidsområdesiden, «API-tokener»), med "
                       "`utenfor serve --accounts`. Uten kontoer trengs det ikke."}}  # fmt: skip
    schema["security"] = [{"apiToken": []}, {}]
    app.openapi_schema = schema
    return schema
