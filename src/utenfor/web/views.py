"""The HTML pages: the calculation (the guide's four steps and three result figures), saved
scenarios, the data page and "Om modellen". Every page works without JavaScript; with it,
htmx updates the results as the user types."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from utenfor import MODEL_VERSION
from utenfor.model import ScenarioError, calculate, parse_scenario, read_scenario
from utenfor.model.analysis import analyse
from utenfor.model.scenario import HIGH_SUCCESS_RATE_PCT, Issue
from utenfor.model.scenario_file import FORMATS, MAX_BYTES
from utenfor.reports.analysis_text import threshold_sentences
from utenfor.reports.charts import (
    area_chart,
    cofinancing_chart,
    cumulative_chart,
    fan_chart,
    payer_chart,
    tornado_chart,
)
from utenfor.reports.council_text import council_text
from utenfor.sources.parameters import PARAMETERS_DIR
from utenfor.store.db import Conflict, NotFound
from utenfor.terms import AGE_GROUP_IDS, AREA_NAMES_NB, AREAS, DATA_AREAS, PAYER_NAMES_NB, PAYERS
from utenfor.web.api import pdf_response, toml_response, xlsx_response
from utenfor.web.forms import (
    GRANT_ROWS,
    field_name,
    form_from_scenario,
    scenario_from_form,
    spreads_from_form,
)
from utenfor.web.i18n import LANGUAGES, language, translations

router = APIRouter(include_in_schema=False)
LIVE_DRAWS = 2_000


@cache
def guide_example() -> dict:
    path = PARAMETERS_DIR / "calibration" / "guide_worked_example.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["scenario"]


def blank_form() -> dict[str, Any]:
    return {"start_year": date.today().year, "years_run": 1, "intervention_years": 1,
            "analysis_years": 40, "discount_rate_pct": 4, "age_groups": []}  # fmt: skip


def clean_name(text: object) -> str:
    """A scenario name as given, with white space folded, at most 200 characters."""
    return " ".join(str(text or "").split())[:200]


def _form_dict(form: FormData) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    out["age_groups"] = form.getlist("age_groups")
    return out


def _years(form: dict) -> list[int]:
    try:
        start, run = int(str(form.get("start_year"))), int(str(form.get("years_run")))
    except ValueError:
        return []
    return list(range(start, start + run)) if 2000 <= start <= 2100 and 1 <= run <= 50 else []


def _compute(request: Request, form: dict[str, Any]):
    """(scenario as understood, result, issues) for the form as typed; None where it fails."""
    scenario_dict, issues = scenario_from_form(form)
    if issues:
        return None, None, issues
    try:
        scenario = parse_scenario(scenario_dict)
        return scenario.to_dict(), calculate(scenario, request.app.state.data), []
    except ScenarioError as exc:
        return None, None, exc.issues


def page_context(request: Request, form: dict[str, Any], **extra) -> dict[str, Any]:
    """Everything the calculation page shows: the form as typed, errors and the result."""
    data = request.app.state.data
    lang = language(request.cookies.get("lang"))  # the model's texts follow the interface
    _, result, issues = _compute(request, form)
    charts, analysis, sentences = {}, None, []
    success = _success_pct(form)
    spreads, spread_issues = spreads_from_form(form, success)
    if result is not None:
        charts = {"payers": payer_chart(result, lang), "areas": area_chart(result, lang),
                  "cumulative": cumulative_chart(result, lang)}  # fmt: skip
        # 2 000 draws as the user types (about 3 ms instead of 14 ms for 10 000; the CLI and
        # the API use 10 000): enough for P10/P50/P90 to about 1-2 % of their spread.
        analysis = analyse(result.scenario, data, draws=LIVE_DRAWS, **spreads)
        sentences = threshold_sentences(analysis, lang)
        charts |= {"tornado": tornado_chart(analysis["sensitivity"], lang),
                   "fan": fan_chart(analysis["uncertainty"], lang),
                   "cofinancing": cofinancing_chart(analysis["cofinancing"], lang)}  # fmt: skip
    issues = [*issues, *spread_issues]
    show_errors = extra.pop("show_errors", True)
    return {
        "request": request,
        "data": data,
        "form": form,
        "years": _years(form),
        "grant_rows": range(GRANT_ROWS),
        "errors": {field_name(i.field): i.message for i in issues} if show_errors else {},
        "show_summary": show_errors and bool(issues),
        "issues": issues,
        "result": result,
        "charts": charts,
        "council": council_text(result, lang) if result else [],
        "analysis": analysis,
        "sentences": sentences,
        "success_pct": success,
        "success_high": success is not None and success >= HIGH_SUCCESS_RATE_PCT,
        "age_group_ids": AGE_GROUP_IDS,
        "payers": PAYERS,
        "payer_names": PAYER_NAMES_NB,
        "areas": AREAS,
        "area_names": AREA_NAMES_NB,
        **extra,
    }


def _success_pct(form: dict) -> float | None:
    from utenfor.web.forms import FormNumberError, parse_number

    try:
        a, b = (
            parse_number(str(form.get("share_without_pct", ""))),
            parse_number(str(form.get("share_with_pct", ""))),
        )
    except FormNumberError:
        return None
    return None if a is None or b is None else b - a


def render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
    lang = language(request.cookies.get("lang"))
    t = translations(lang)
    context = {**context, "lang": lang, "gettext": t.gettext, "ngettext": t.ngettext,
               "_": t.gettext}  # fmt: skip
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/sprak/{lang}")
def set_language(request: Request, lang: str) -> Response:
    """The language switch: remembers the choice in a cookie and goes back."""
    back = request.headers.get("referer") or "/"
    if not back.startswith(str(request.base_url)):
        back = "/"
    response = RedirectResponse(back, status_code=303)
    if lang in LANGUAGES:
        response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


@router.get("/", response_class=HTMLResponse)
def calculation_page(request: Request, eksempel: str | None = None) -> HTMLResponse:
    form = form_from_scenario(guide_example()) if eksempel == "veiledning" else blank_form()
    # A blank form is not wrong yet: the results panel says what is missing.
    return render(request, "calculate.html", page_context(request, form, show_errors=False))


@router.post("/beregn", response_class=HTMLResponse)
async def recalculate(request: Request) -> HTMLResponse:
    form = _form_dict(await request.form())
    context = page_context(request, form, stored=None)
    if request.headers.get("HX-Request"):
        return render(request, "_result.html", context)
    return render(request, "calculate.html", context)


@router.post("/eksport/{fmt}")
async def export_form(request: Request, fmt: str) -> Response:
    """The PDF report or the workbook for the form as it stands (the download buttons)."""
    form = _form_dict(await request.form())
    _, result, _ = _compute(request, form)
    if result is None or fmt not in ("pdf", "xlsx"):
        return render(request, "calculate.html", page_context(request, form), status=422)
    lang = language(request.cookies.get("lang"))  # the interface's language
    if fmt == "pdf":
        from utenfor.reports.pdf import report

        title = clean_name(form.get("name")) or None
        return pdf_response(report(result, title, lang))
    from utenfor.reports.xlsx import workbook

    return xlsx_response(workbook(result, lang), "utenfor.xlsx")


@router.post("/skjema/aar", response_class=HTMLResponse)
async def year_tables(request: Request) -> HTMLResponse:
    """The per-year rows (participants, costs) after start year or years run changed."""
    form = _form_dict(await request.form())
    return render(request, "_years.html", page_context(request, form))


# Saved scenarios ----------------------------------------------------------------------------


def _scenarios_page(request: Request, status: int = 200, **extra) -> HTMLResponse:
    """The list of saved scenarios, with a notice or an upload/restore error in `extra`."""
    context = {"request": request, "stored": request.app.state.scenarios.list(),
               "data": request.app.state.data, **extra}  # fmt: skip
    return render(request, "scenarios.html", context, status=status)


@router.get("/scenarier", response_class=HTMLResponse)
def scenario_list(request: Request, melding: str | None = None) -> HTMLResponse:
    return _scenarios_page(request, notice=melding)


@router.post("/scenarier", response_class=HTMLResponse)
async def save_new(request: Request) -> Response:
    form = _form_dict(await request.form())
    name = clean_name(form.get("name"))
    scenario, _, issues = _compute(request, form)
    if not name:
        issues = [*issues, Issue("name", "gi scenariet et navn før du lagrer")]
    if issues:
        context = page_context(request, form, save_issues=issues)
        context["errors"] |= {field_name(i.field): i.message for i in issues}
        return render(request, "calculate.html", context, status=422)
    stored = request.app.state.scenarios.create(name, scenario, MODEL_VERSION,
                                                request.app.state.data.fingerprint)  # fmt: skip
    return RedirectResponse(f"/scenarier/{stored.id}?melding=lagret", status_code=303)


@router.post("/scenarier/last-opp", response_class=HTMLResponse)
async def upload(request: Request) -> Response:
    form = await request.form()
    file = form.get("file")
    problem = None
    if not isinstance(file, UploadFile) or not file.filename:
        problem = "Velg en scenariofil (.toml, .yaml eller .json)."
    else:
        suffix = "." + file.filename.rsplit(".", 1)[-1].lower() if "." in file.filename else ""
        raw = await file.read(MAX_BYTES + 1)
        if suffix not in FORMATS:
            problem = f"«{file.filename}» er ikke en scenariofil; bruk .toml, .yaml eller .json."
        elif len(raw) > MAX_BYTES:
            problem = "Filen er for stor til å være en scenariofil."
        else:
            try:
                scenario = read_scenario(raw.decode("utf-8"), FORMATS[suffix])
                calculate(scenario, request.app.state.data)
            except UnicodeDecodeError:
                problem = "Filen er ikke UTF-8-tekst."
            except ScenarioError as exc:
                problem = "Filen kan ikke brukes: " + "; ".join(str(i) for i in exc.issues)
    if problem:
        return _scenarios_page(request, 422, upload_error=problem)
    name = file.filename.rsplit(".", 1)[0][:200] or "Opplastet scenario"
    created = request.app.state.scenarios.create(name, scenario.to_dict(), MODEL_VERSION,
                                                 request.app.state.data.fingerprint)  # fmt: skip
    return RedirectResponse(f"/scenarier/{created.id}?melding=lastet-opp", status_code=303)


@router.post("/scenarier/gjenopprett", response_class=HTMLResponse)
async def restore_backup(request: Request) -> Response:
    """Put back a backup file from /api/v1/backup (all or nothing)."""
    import json

    form = await request.form()
    file = form.get("backup")
    problem = None
    if not isinstance(file, UploadFile) or not file.filename:
        problem = "Velg en sikkerhetskopi (.json)."
    else:
        try:
            document = json.loads((await file.read(MAX_BYTES * 20 + 1)).decode("utf-8"))
            for item in document.get("scenarios", []):
                parse_scenario(item.get("scenario"))
            request.app.state.scenarios.restore(document)
        except (ValueError, AttributeError, UnicodeDecodeError):
            problem = "Filen er ikke en gyldig sikkerhetskopi fra utenfor; ingenting er endret."
        except ScenarioError:
            problem = "Sikkerhetskopien har et scenario som ikke kan brukes; ingenting er endret."
    if problem:
        return _scenarios_page(request, 422, restore_error=problem)
    return RedirectResponse("/scenarier?melding=gjenopprettet", status_code=303)


def _stored_or_404(request: Request, scenario_id: str):
    try:
        return request.app.state.scenarios.get(scenario_id)
    except NotFound:
        return None


def _not_found(request: Request) -> HTMLResponse:
    return render(request, "message.html", {"request": request, "title": "Finnes ikke",
                  "data": request.app.state.data,
                  "text": "Scenariet finnes ikke. Det kan være slettet."}, status=404)  # fmt: skip


@router.get("/scenarier/{scenario_id}", response_class=HTMLResponse)
def open_saved(request: Request, scenario_id: str, melding: str | None = None) -> HTMLResponse:
    stored = _stored_or_404(request, scenario_id)
    if stored is None:
        return _not_found(request)
    form = form_from_scenario(stored.scenario) | {"name": stored.name}
    return render(request, "calculate.html",
                  page_context(request, form, stored=stored, notice=melding))  # fmt: skip


@router.post("/scenarier/{scenario_id}", response_class=HTMLResponse)
async def save_changes(request: Request, scenario_id: str) -> Response:
    form = _form_dict(await request.form())
    stored = _stored_or_404(request, scenario_id)
    if stored is None:
        return _not_found(request)
    scenario, _, issues = _compute(request, form)
    if issues:
        return render(request, "calculate.html", page_context(request, form, stored=stored),
                      status=422)  # fmt: skip
    try:
        base = int(str(form.get("version", "0")))
        request.app.state.scenarios.update(
            scenario_id, base, scenario=scenario, model_version=MODEL_VERSION,
            fingerprint=request.app.state.data.fingerprint,
            name=clean_name(form.get("name")) or stored.name,
        )  # fmt: skip
    except (Conflict, ValueError):
        current = request.app.state.scenarios.get(scenario_id)
        return render(request, "calculate.html",
                      page_context(request, form, stored=current, conflict=True),
                      status=409)  # fmt: skip
    return RedirectResponse(f"/scenarier/{scenario_id}?melding=lagret", status_code=303)


@router.post("/scenarier/{scenario_id}/dupliser")
def duplicate(request: Request, scenario_id: str) -> Response:
    stored = _stored_or_404(request, scenario_id)
    if stored is None:
        return _not_found(request)
    copy = request.app.state.scenarios.duplicate(scenario_id)
    return RedirectResponse(f"/scenarier/{copy.id}?melding=kopiert", status_code=303)


@router.post("/scenarier/{scenario_id}/slett")
def delete(request: Request, scenario_id: str) -> Response:
    try:
        request.app.state.scenarios.delete(scenario_id)
    except NotFound:
        return _not_found(request)
    return RedirectResponse("/scenarier?melding=slettet", status_code=303)


@router.post("/scenarier/{scenario_id}/nytt-navn")
async def rename(request: Request, scenario_id: str) -> Response:
    form = await request.form()
    name = clean_name(form.get("name"))
    stored = _stored_or_404(request, scenario_id)
    if stored is None:
        return _not_found(request)
    if name:
        try:
            request.app.state.scenarios.update(scenario_id, stored.version, name=name)
        except Conflict:
            return RedirectResponse(f"/scenarier/{scenario_id}?melding=konflikt", status_code=303)
    return RedirectResponse(f"/scenarier/{scenario_id}?melding=nytt-navn", status_code=303)


@router.get("/scenarier/{scenario_id}/scenario.toml")
def download(request: Request, scenario_id: str) -> Response:
    stored = _stored_or_404(request, scenario_id)
    if stored is None:
        return _not_found(request)
    return toml_response(stored)


@router.get("/sammenlign.xlsx")
@router.get("/sammenlign", response_class=HTMLResponse)
def compare(request: Request, id: Annotated[list[str] | None, Query()] = None) -> Response:
    """Two to four saved scenarios side by side: inputs, the three figures, thresholds."""
    ids = list(dict.fromkeys(id or []))
    data = request.app.state.data
    if not 2 <= len(ids) <= 4:
        return render(request, "message.html", {"request": request, "data": data,
                      "title": "Velg to til fire scenarier",
                      "text": "Kryss av for to, tre eller fire lagrede scenarier og velg "
                              "«Sammenlign»."}, status=422)  # fmt: skip
    columns = []
    for scenario_id in ids:
        stored = _stored_or_404(request, scenario_id)
        if stored is None:
            return _not_found(request)
        scenario = parse_scenario(stored.scenario)
        result = calculate(scenario, data)
        analysis = analyse(scenario, data, draws=LIVE_DRAWS)
        columns.append({"stored": stored, "scenario": scenario, "result": result,
                        "thresholds": analysis["thresholds"],
                        "group": data.group(scenario.target_group)})  # fmt: skip
    if request.url.path.endswith(".xlsx"):
        from utenfor.reports.xlsx import comparison_workbook

        rows = [{"name": c["stored"].name, "result": c["result"], "thresholds": c["thresholds"]}
                for c in columns]  # fmt: skip
        return xlsx_response(comparison_workbook(rows), "sammenligning.xlsx")
    return render(request, "compare.html", {"request": request, "data": data, "columns": columns,
                  "query": request.url.query,
                  "payers": PAYERS, "payer_names": PAYER_NAMES_NB, "areas": AREAS,
                  "area_names": AREA_NAMES_NB})  # fmt: skip


# Data and about -----------------------------------------------------------------------------


SAMPLE_AGES = (10, 15, 20, 25, 35, 45, 55)
UNIT_PRICES = (  # parameter id: label (bokmål)
    ("upper_secondary_cost", "Videregående opplæring, per elev per år"),
    ("higher_education_cost", "Høyere utdanning, per student per år"),
    ("support_cost", "Barnevern, hjelpetiltak per barn per år"),
    ("care_cost", "Barnevern, omsorgstiltak per barn per år"),
    ("cost_per_convicted", "Kriminalomsorg, per domfelt"),
    ("disability_amount", "Uføretrygd, per mottaker per år"),
    ("social_assistance_amount", "Økonomisk sosialhjelp, per mottaker per år"),
)


@cache
def _parameters():
    from utenfor.sources.parameters import load_parameters

    return load_parameters()


def unit_prices(data) -> list[tuple[str, float, dict]]:
    """The open data set's unit prices with their sources (none for another data set)."""
    if data.name not in ("utenfor-open", "utenfor-open-calibrated"):
        return []
    p = _parameters()
    return [(label, p[pid].value, p[pid].reference) for pid, label in UNIT_PRICES]


@router.get("/data", response_class=HTMLResponse)
def data_page(request: Request, gruppe: str | None = None) -> HTMLResponse:
    data = request.app.state.data
    groups = data.target_groups
    chosen = gruppe if gruppe in data.group_index and gruppe != "population" else groups[0].id
    gaps = data.gaps[data.group_index[chosen]]
    by_area = gaps @ data.area_matrix
    ages = list(range(data.max_age + 1))
    chart_rows = [
        {"age": a, "area": AREA_NAMES_NB[area], "value": float(by_area[a, i])}
        for i, area in enumerate(DATA_AREAS) for a in ages
    ]  # fmt: skip
    chart = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "title": "Gap per person og år etter alder (målgruppe minus befolkningen)",
        "config": {"aria": False},
        "width": "container", "height": 280,
        "data": {"values": chart_rows},
        "mark": {"type": "line"},
        "encoding": {
            "x": {"field": "age", "type": "quantitative", "title": "Alder"},
            "y": {"field": "value", "type": "quantitative", "title": "kroner",
                  "axis": {"format": ",.0f"}},
            "color": {"field": "area", "type": "nominal", "title": "Område"},
        },
    }  # fmt: skip
    sub_gaps = [
        (sub, [float(gaps[a, j]) for a in SAMPLE_AGES], float(gaps[18:, j].mean()))
        for j, sub in enumerate(data.subareas)
    ]
    return render(request, "data.html", {
        "sub_gaps": sub_gaps, "sample_ages": SAMPLE_AGES, "unit_prices": unit_prices(data),
        "request": request, "data": data, "groups": groups, "chosen": data.group(chosen),
        "by_area": by_area, "ages": ages, "data_areas": DATA_AREAS, "area_names": AREA_NAMES_NB,
        "chart": chart, "subareas": data.subareas, "payer_names": PAYER_NAMES_NB,
        "sources": data.metadata.get("sources", []),
    })  # fmt: skip


@router.get("/om", response_class=HTMLResponse)
def about_page(request: Request) -> HTMLResponse:
    return render(request, "about.html", {"request": request, "data": request.app.state.data})
