"""What an initiative's page shows (issue 15), built from its events: the phases, the log, the
scenario revisions side by side with what each changed, the benefit-realisation plan drawn up
from the latest revision, the indicators measured, and planned against actual with the
re-forecast."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from utenfor import service
from utenfor.i18n import translations
from utenfor.model import ScenarioError, calculate, parse_scenario
from utenfor.model.actuals import parse_actuals, reforecast, success_spread
from utenfor.model.benefits import BenefitLine, draw_up, filled_in
from utenfor.model.result import Result
from utenfor.model.scenario import Scenario
from utenfor.reports import actuals_tables, benefit_tables, initiative_tables
from utenfor.reports.report import Report
from utenfor.store.initiatives import InitiativeView
from utenfor.terms import PHASES
from utenfor.web.initiative_forms import BENEFIT_COLUMNS, form_from_actuals, labels, programme_years
from utenfor.web.responses import lang_of


@dataclass
class Followup:
    """Planned against actual: the tables, the chart and the re-forecast's report."""

    by_year: Any
    forecast: Any
    note: str
    chart: Any
    report: Report
    scenario: Scenario


@dataclass
class Revision:
    number: int
    phase: int
    reason: str
    at: str
    scenario: Scenario
    result: Result
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _revision(request: Request, item: dict[str, Any]) -> Revision:
    scenario = parse_scenario(item["scenario"])
    return Revision(item["revision"], item["phase"], item["reason"], item["at"], scenario,
                    calculate(scenario, request.app.state.data))  # fmt: skip


def revisions(request: Request, view: InitiativeView) -> list[Revision]:
    out: list[Revision] = []
    lang = lang_of(request)
    for item in view.scenarios:
        rev = _revision(request, item)
        if out:
            rev.changes = initiative_tables.changes(out[-1].scenario, rev.scenario, lang)
        out.append(rev)
    return out


def latest(request: Request, view: InitiativeView) -> Revision | None:
    """The newest revision computed alone (a form needs it; the page computes them all)."""
    return _revision(request, view.scenarios[-1]) if view.scenarios else None


def benefit_lines(view: InitiativeView, latest: Revision | None) -> list[BenefitLine]:
    return filled_in(draw_up(latest.result), view.benefits) if latest else []


def followup(request: Request, view: InitiativeView, latest: Revision | None) -> Followup | None:
    """None until the initiative has actuals (and a revision to hold them against)."""
    if latest is None or not view.actuals:
        return None
    lang, planned = lang_of(request), latest.scenario
    try:
        actuals = parse_actuals(view.actuals, planned)
    except ScenarioError:  # recorded against an older revision whose programme was longer
        return None
    if not actuals.years and not actuals.observed:  # only indicators measured so far
        return None
    actual = reforecast(planned, actuals)
    spreads = ({"success_rate_pct": success_spread(planned, actuals.observed)}
               if actuals.observed else None)  # fmt: skip
    rep = service.report(actual, request.app.state.data, spreads=spreads, lang=lang)
    years = sorted(actuals.years)
    return Followup(actuals_tables.by_year(planned, actual, actuals, lang),
                    actuals_tables.forecast(latest.result, rep.result, lang),
                    actuals_tables.success_note(planned, actuals, lang),
                    initiative_tables.actuals_chart(planned, actual, years, lang), rep,
                    actual)  # fmt: skip


def context(request: Request, view: InitiativeView, **extra) -> dict[str, Any]:
    """Everything the page shows; `extra` may carry a form as typed and its errors."""
    lang = lang_of(request)
    revs = revisions(request, view)
    latest = revs[-1] if revs else None
    lines = benefit_lines(view, latest)
    table = (initiative_tables.revisions(view.scenarios, [r.scenario for r in revs],
                                         [r.result for r in revs], PHASES, lang)
             if revs else None)  # fmt: skip
    form = {**form_from_actuals(view.actuals, view.indicators), **extra.pop("form", {})}
    years = programme_years(latest.scenario) if latest else []
    gettext = translations(lang).gettext
    return {
        "initiative": view,
        "phases": PHASES,
        "revisions": revs,
        "revision_table": table,
        "lines": lines,
        "benefit_table": benefit_tables.plan(lines, lang) if lines else None,
        "followup": followup(request, view, latest),
        "years": years,
        "labels": labels(years, lines, gettext),
        "measured": benefit_tables.measured(lines, view.indicators, lang)
        if view.indicators
        else None,
        "benefit_columns": [(k, gettext(v)) for k, v in BENEFIT_COLUMNS.items()],
        "form": form,
        "errors": extra.pop("errors", {}),
        **extra,
    }
