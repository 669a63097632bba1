"""Saved scenarios: the list, save, upload, restore, open, save changes, duplicate, delete,
rename and download as a scenario file."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from utenfor import MODEL_VERSION, service
from utenfor.model import Scenario, ScenarioError, read_scenario
from utenfor.model.result import calculate
from utenfor.model.scenario_file import FORMATS, MAX_BYTES
from utenfor.store.accounts import WRITERS
from utenfor.store.db import Conflict, NotFound
from utenfor.store.shares import Shares
from utenfor.web import stores
from utenfor.web.fields import field_name
from utenfor.web.forms import form_from_scenario
from utenfor.web.pages.calculation import clean_name, compute, form_dict, page_context, save_issues
from utenfor.web.responses import errors_of, lang_of, not_found, render, scenario_file

router = APIRouter(include_in_schema=False)


def _page(request: Request, status: int = 200, **extra) -> HTMLResponse:
    """The list of saved scenarios, with a notice or an upload/restore error in `extra`."""
    stored = stores.scenarios(request).list()
    context = {"stored": stored, "summaries": [_summary(request, s) for s in stored], **extra}
    return render(request, "scenarios.html", context, status=status)


def _summary(request: Request, stored) -> dict | None:
    """A saved scenario's target group, total net gain and break-even year, as computed now
    (issue 31, item 20); None when the data set cannot compute it any more."""
    data = request.app.state.data
    try:
        result = calculate(Scenario.model_validate(stored.scenario), data)
        group = data.group(result.scenario.target_group)
    except (ScenarioError, ValueError, KeyError):
        return None
    be = result.break_even
    return {
        "group": group.name(lang_of(request)),
        "total": result.net_gain["total"],
        "break_even": be["year"] if be else None,
        "start": result.scenario.start_year,
    }


def _stored(request: Request, scenario_id: str):
    try:
        return stores.scenarios(request).get(scenario_id)
    except NotFound:
        return None


@router.get("/scenarier", response_class=HTMLResponse)
def scenario_list(request: Request, melding: str | None = None) -> HTMLResponse:
    return _page(request, notice=melding)


@router.post("/scenarier", response_class=HTMLResponse)
async def save_new(request: Request) -> Response:
    form = form_dict(await request.form())
    scenario, _, issues = compute(request, form, with_analysis=False)
    issues = save_issues(form, issues)
    if issues:
        context = page_context(request, form, save_issues=issues)
        context["errors"] |= errors_of(request, issues, field_name)
        return render(request, "calculate.html", context, status=422)
    stored = stores.scenarios(request).create(
        clean_name(form.get("name")), scenario, MODEL_VERSION, request.app.state.data.fingerprint
    )
    return RedirectResponse(f"/scenarier/{stored.id}?melding=lagret", status_code=303)


async def _uploaded(request: Request, file) -> tuple[object, str | None]:
    """(scenario, problem) for an uploaded scenario file, or a workbook from utenfor export
    (issue 34: read back from its Inndata sheet)."""
    if not isinstance(file, UploadFile) or not file.filename:
        return None, "Velg en scenariofil (.toml, .yaml eller .json) eller en arbeidsbok (.xlsx)."
    suffix = "." + file.filename.rsplit(".", 1)[-1].lower() if "." in file.filename else ""
    raw = await file.read(MAX_BYTES + 1)
    if suffix not in FORMATS and suffix != ".xlsx":
        return None, (f"«{file.filename}» er ikke en scenariofil; bruk .toml, .yaml, .json "
                      "eller en arbeidsbok (.xlsx) fra utenfor.")  # fmt: skip
    if len(raw) > MAX_BYTES:
        return None, "Filen er for stor til å være en scenariofil."
    try:
        if suffix == ".xlsx":
            from utenfor.reports.xlsx_read import read_workbook  # openpyxl only when asked

            scenario = read_workbook(raw)
        else:
            scenario = read_scenario(raw.decode("utf-8"), FORMATS[suffix])
        calculate(scenario, request.app.state.data)
    except UnicodeDecodeError:
        return None, "Filen er ikke UTF-8-tekst."
    except ScenarioError as exc:
        return None, "Filen kan ikke brukes: " + "; ".join(str(i) for i in exc.issues)
    return scenario, None


@router.post("/scenarier/last-opp", response_class=HTMLResponse)
async def upload(request: Request) -> Response:
    file = (await request.form()).get("file")
    scenario, problem = await _uploaded(request, file)
    if problem:
        return _page(request, 422, upload_error=problem)
    name = file.filename.rsplit(".", 1)[0][:200] or "Opplastet scenario"
    created = stores.scenarios(request).create(name, scenario.to_dict(), MODEL_VERSION,
                                                 request.app.state.data.fingerprint)  # fmt: skip
    return RedirectResponse(f"/scenarier/{created.id}?melding=lastet-opp", status_code=303)


@router.post("/scenarier/gjenopprett", response_class=HTMLResponse)
async def restore_backup(request: Request) -> Response:
    """Put back a backup file from /api/v1/backup (all or nothing)."""
    file = (await request.form()).get("backup")
    if not isinstance(file, UploadFile) or not file.filename:
        return _page(request, 422, restore_error="Velg en sikkerhetskopi (.json).")
    try:
        document = json.loads((await file.read(MAX_BYTES * 20 + 1)).decode("utf-8"))
        service.restore(stores.scenarios(request), document)
    except (ValueError, UnicodeDecodeError) as exc:  # ScenarioError is a ValueError
        problem = ("Sikkerhetskopien har et scenario som ikke kan brukes; ingenting er endret."
                   if isinstance(exc, ScenarioError) and exc.issues[0].field.startswith("scen")
                   else "Filen er ikke en gyldig sikkerhetskopi fra utenfor; ingenting er "
                   "endret.")  # fmt: skip
        return _page(request, 422, restore_error=problem)
    return RedirectResponse("/scenarier?melding=gjenopprettet", status_code=303)


@router.get("/scenarier/{scenario_id}", response_class=HTMLResponse)
def open_saved(request: Request, scenario_id: str, melding: str | None = None) -> HTMLResponse:
    stored = _stored(request, scenario_id)
    if stored is None:
        return not_found(request)
    form = form_from_scenario(stored.scenario) | {"name": stored.name}
    context = page_context(request, form, stored=stored, notice=melding)
    signed = getattr(request.state, "signed_in", None)
    if signed is not None and signed.role in WRITERS:  # with accounts: its shares
        shares = Shares(request.app.state.engine, signed.workspace_id)
        context |= {"shares": shares.of(scenario_id), "networks": shares.networks()}
    return render(request, "calculate.html", context)


@router.post("/scenarier/{scenario_id}", response_class=HTMLResponse)
async def save_changes(request: Request, scenario_id: str) -> Response:
    form = form_dict(await request.form())
    stored = _stored(request, scenario_id)
    if stored is None:
        return not_found(request)
    scenario, _, issues = compute(request, form, with_analysis=False)
    if issues:
        return render(request, "calculate.html", page_context(request, form, stored=stored),
                      status=422)  # fmt: skip
    try:
        base = int(str(form.get("version", "0")))
        stores.scenarios(request).update(
            scenario_id, base, scenario=scenario, model_version=MODEL_VERSION,
            fingerprint=request.app.state.data.fingerprint,
            name=clean_name(form.get("name")) or stored.name,
        )  # fmt: skip
    except (Conflict, ValueError):
        current = stores.scenarios(request).get(scenario_id)
        return render(request, "calculate.html",
                      page_context(request, form, stored=current, conflict=True),
                      status=409)  # fmt: skip
    return RedirectResponse(f"/scenarier/{scenario_id}?melding=lagret", status_code=303)


@router.post("/scenarier/{scenario_id}/dupliser")
def duplicate(request: Request, scenario_id: str) -> Response:
    if _stored(request, scenario_id) is None:
        return not_found(request)
    copy = stores.scenarios(request).duplicate(scenario_id)
    return RedirectResponse(f"/scenarier/{copy.id}?melding=kopiert", status_code=303)


@router.post("/scenarier/{scenario_id}/slett")
def delete(request: Request, scenario_id: str) -> Response:
    try:
        stores.scenarios(request).delete(scenario_id)
    except NotFound:
        return not_found(request)
    return RedirectResponse("/scenarier?melding=slettet", status_code=303)


@router.post("/scenarier/{scenario_id}/nytt-navn")
async def rename(request: Request, scenario_id: str) -> Response:
    name = clean_name((await request.form()).get("name"))
    stored = _stored(request, scenario_id)
    if stored is None:
        return not_found(request)
    if name:
        try:
            stores.scenarios(request).update(scenario_id, stored.version, name=name)
        except Conflict:
            return RedirectResponse(f"/scenarier/{scenario_id}?melding=konflikt", status_code=303)
    return RedirectResponse(f"/scenarier/{scenario_id}?melding=nytt-navn", status_code=303)


@router.get("/scenarier/{scenario_id}/scenario.toml")
def download(request: Request, scenario_id: str) -> Response:
    stored = _stored(request, scenario_id)
    if stored is None:
        return not_found(request)
    return scenario_file(stored)
