"""Initiatives through the Veikart phases (issue 15): the list, a new initiative, its page, and
the forms on it (its details changed, a phase begun, a note or decision, a scenario revision
made on the calculation page, the benefit-realisation plan, the actuals), the plan's downloads
and delete. Every change carries the version it was based on: a stale one gets 409 and the page
again, with what the user typed kept."""

from __future__ import annotations

import re
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from utenfor.formatting import file_name
from utenfor.model import ScenarioError, parse_scenario
from utenfor.model.actuals import parse_actuals
from utenfor.model.errors import N_, Issue
from utenfor.store.events import DETAILS, InvalidEvent
from utenfor.store.rows import Conflict, NotFound
from utenfor.terms import PHASES
from utenfor.web import stores
from utenfor.web.fields import field_name
from utenfor.web.forms import form_from_scenario
from utenfor.web.initiative_forms import (
    actuals_from_form,
    benefits_from_form,
    form_field,
    indicators_from_form,
    programme_years,
)
from utenfor.web.pages import initiative_view
from utenfor.web.pages.calculation import compute, form_dict, guide_example, page_context
from utenfor.web.responses import download, errors_of, lang_of, message, render

router = APIRouter(include_in_schema=False)


def _store(request: Request):
    return stores.initiatives(request)


def _missing(request: Request) -> HTMLResponse:
    return message(
        request, N_("Finnes ikke"), N_("Tiltaket finnes ikke. Det kan være slettet."), 404
    )


def _get(request: Request, initiative_id: str):
    try:
        return _store(request).get(initiative_id)
    except NotFound:
        return None


def _day(text: object) -> date | None:
    """A date as the browser sends it (2021-03-01) or as Norwegians write it (01.03.2021)."""
    text = str(text or "").strip()
    try:
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text):
            day, month, year = (int(p) for p in text.split("."))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        return None


def _version(form: dict) -> int:
    try:
        return int(str(form.get("version", "0")))
    except ValueError:
        return 0


def initiative_list_page(request: Request, status: int = 200, **extra) -> HTMLResponse:
    """The list of initiatives and plans, the form for a new plan and for a new initiative."""
    context = {"items": _store(request).list(), "plans": stores.plans(request).list(),
               "form": {}, "errors": {}, "phases": PHASES, **extra}  # fmt: skip
    return render(request, "initiatives.html", context, status=status)


@router.get("/tiltak", response_class=HTMLResponse)
def initiative_list(request: Request) -> HTMLResponse:
    return initiative_list_page(request)


@router.post("/tiltak", response_class=HTMLResponse)
async def create(request: Request) -> Response:
    form = form_dict(await request.form())
    details = {k: " ".join(str(form.get(k, "")).split()) for k in DETAILS}
    began, issues = _day(form.get("began")), []
    if began is None:
        issues.append(Issue("began", N_("oppgi datoen fase 1 begynte, for eksempel 2021-01-04")))
    try:
        if not issues:
            view = _store(request).create(details, began)
            return RedirectResponse(f"/tiltak/{view.id}", status_code=303)
    except InvalidEvent as exc:
        issues.append(Issue(exc.field, exc.message))
    return initiative_list_page(request, 422, form=form, errors=errors_of(request, issues))


@router.get("/tiltak/{initiative_id}", response_class=HTMLResponse)
def initiative_page(request: Request, initiative_id: str) -> HTMLResponse:
    view = _get(request, initiative_id)
    if view is None:
        return _missing(request)
    saved = request.query_params.get("lagret")  # what was just saved: the page confirms it
    return render(request, "initiative.html", initiative_view.context(request, view, saved=saved))


async def _record(request: Request, initiative_id: str, body_of) -> Response:
    """Add one event from a form: `body_of(request, form, view)` gives (kind, body, date, issues by
    field). Problems give the page again (422, or 409 if someone changed the initiative
    meanwhile) with everything typed kept."""
    form = form_dict(await request.form())
    view = _get(request, initiative_id)
    if view is None:
        return _missing(request)
    kind, body, on, issues = body_of(request, form, view)
    status = 422
    if not issues:
        try:
            _store(request).record(initiative_id, _version(form), kind, body, on=on)
            return RedirectResponse(f"/tiltak/{initiative_id}?lagret={kind}#{kind}",
                                    status_code=303)  # fmt: skip
        except Conflict:
            status, view = 409, _store(request).get(initiative_id)
        except InvalidEvent as exc:
            issues = [Issue(f"{kind}_{exc.field}", exc.message)]
    context = initiative_view.context(request, view, form=form, conflict=status == 409,
                                      errors=errors_of(request, issues), failed=kind)  # fmt: skip
    return render(request, "initiative.html", context, status=status)


def _phase(request: Request, form: dict, view):
    on, phase = _day(form.get("phase_on")), str(form.get("phase", ""))
    issues = [] if on else [Issue("phase_on", N_("oppgi datoen fasen begynte, for eksempel "
                                                 "01.03.2021"))]  # fmt: skip
    body = {"phase": int(phase) if phase.isdigit() and int(phase) in PHASES else 0}
    skipped = list(range(view.phase + 1, body["phase"]))
    if skipped and form.get("skip") != "ja":  # a phase jumped over is confirmed, not silent
        names = ", ".join(f"{n:02d}" for n in skipped)
        issues.append(Issue("phase", N_("fasen hopper over fase {skipped}; kryss av for å "
                                        "bekrefte"), {"skipped": names}))  # fmt: skip
    return "phase", body, on, issues


def _note(request: Request, form: dict, view):
    text = str(form.get("note_text", "")).strip()
    kind = "decision" if form.get("note_kind") == "decision" else "note"
    issues = [] if text else [Issue("note_text", N_("skriv notatet eller vedtaket"))]
    return kind, {"text": text}, _day(form.get("note_on")), issues


def _details(request: Request, form: dict, view):
    details = {k: " ".join(str(form.get(f"details_{k}", "")).split()) for k in DETAILS}
    return "details", details, None, []


def _benefits(request: Request, form: dict, view):
    lines = initiative_view.benefit_lines(view, initiative_view.latest(request, view))
    issues = [] if lines else [Issue("benefits", N_("lag en beregning i tiltaket først"))]
    return "benefits", {"lines": benefits_from_form(form, lines)}, None, issues


def _actuals(request: Request, form: dict, view):
    latest = initiative_view.latest(request, view)
    if latest is None:
        return "actuals", {}, None, [Issue("actuals", N_("lag en beregning i tiltaket først"))]
    lines, years = initiative_view.benefit_lines(view, latest), programme_years(latest.scenario)
    measured, issues = indicators_from_form(form, lines, years, view.indicators)
    doc, more = actuals_from_form(form, latest.scenario, measured=bool(measured))
    if issues or more:
        return "actuals", doc, None, [*more, *issues]
    try:
        actuals = parse_actuals(doc, latest.scenario)
    except ScenarioError as exc:
        return "actuals", doc, None, [i.at(form_field(i.field, doc)) for i in exc.issues]
    body = {"actuals": actuals.model_dump(mode="json", by_alias=True)}
    return "actuals", body | ({"indicators": measured} if measured else {}), None, []


def _revision_page(request: Request, view, form: dict, status: int = 200, **extra):
    context = page_context(request, form, initiative=view, phases=PHASES, **extra)
    return render(request, "calculate.html", context, status=status)


@router.get("/tiltak/{initiative_id}/revisjon", response_class=HTMLResponse)
def revision_form(request: Request, initiative_id: str, eksempel: str | None = None):
    """The calculation page with the latest revision (or the guide's example) filled in; its
    save button adds a revision to the initiative."""
    view = _get(request, initiative_id)
    if view is None:
        return _missing(request)
    revisions = view.scenarios
    if eksempel == "veiledning" or not revisions:
        source = guide_example() if eksempel == "veiledning" else None
    else:
        source = revisions[-1]["scenario"]
    form = form_from_scenario(source) if source else {"age_groups": []}
    return _revision_page(request, view, form | {"revision_phase": str(view.phase)},
                          show_errors=source is not None)  # fmt: skip


@router.post("/tiltak/{initiative_id}/revisjon", response_class=HTMLResponse)
async def save_revision(request: Request, initiative_id: str) -> Response:
    form = form_dict(await request.form())
    view = _get(request, initiative_id)
    if view is None:
        return _missing(request)
    scenario, _, issues = compute(request, form, with_analysis=False)
    phase = str(form.get("revision_phase", ""))
    reason = " ".join(str(form.get("revision_reason", "")).split())
    if not phase.isdigit() or int(phase) not in PHASES:
        issues = [*issues, Issue("revision_phase", N_("velg fasen beregningen er gjort i"))]
    if len(reason) > 2000:
        issues = [*issues, Issue("revision_reason", N_("kan ha høyst 2 000 tegn"))]
    if issues:
        context = page_context(request, form, initiative=view, phases=PHASES)
        context["errors"] |= errors_of(request, issues, field_name)
        return render(request, "calculate.html", context, status=422)
    body = {"phase": int(phase), "scenario": parse_scenario(scenario).to_dict(), "reason": reason}
    try:
        _store(request).record(initiative_id, _version(form), "scenario", body)
    except Conflict:
        current = _store(request).get(initiative_id)
        return _revision_page(request, current, form, 409, initiative_conflict=True)
    return RedirectResponse(f"/tiltak/{initiative_id}?lagret=scenario#revisjoner", status_code=303)


@router.get("/tiltak/{initiative_id}/gevinstplan.{fmt}")
def benefits_download(request: Request, initiative_id: str, fmt: str) -> Response:
    view = _get(request, initiative_id)
    lines = (
        initiative_view.benefit_lines(view, initiative_view.latest(request, view)) if view else []
    )
    if not lines or fmt not in ("xlsx", "pdf"):
        return _missing(request)
    title = f"Gevinstrealiseringsplan: {view.details['name']}"
    from utenfor.reports.benefits_file import benefits_file  # Typst, XlsxWriter when asked

    content, media = benefits_file(lines, title, fmt, lang_of(request))
    name = file_name("gevinstrealiseringsplan", view.details["name"], suffix=f".{fmt}")
    return download(content, media, name)


@router.post("/tiltak/{initiative_id}/slett")
def delete(request: Request, initiative_id: str) -> Response:
    try:
        _store(request).delete(initiative_id)
    except NotFound:
        return _missing(request)
    return RedirectResponse("/tiltak?melding=slettet", status_code=303)


# The page's forms that add one event each, by the last part of their address.
FORMS = {
    "detaljer": _details,
    "fase": _phase,
    "logg": _note,
    "gevinstplan": _benefits,
    "faktisk": _actuals,
}


@router.post("/tiltak/{initiative_id}/{form_name}", response_class=HTMLResponse)
async def record_form(request: Request, initiative_id: str, form_name: str) -> Response:
    """Changed details, a phase begun, a note or decision, the benefit plan or the actuals
    (after the other POST routes, so that /revisjon and /slett are theirs)."""
    if form_name not in FORMS:
        return _missing(request)
    return await _record(request, initiative_id, FORMS[form_name])
