"""Planned against actual (issue 15, item 3): the tables, built once for the command line now
and the initiative's page later."""

from __future__ import annotations

from utenfor.formatting import num
from utenfor.model.actuals import Actuals, success_spread
from utenfor.model.result import Result
from utenfor.model.scenario import Scenario
from utenfor.reports.language import payer_name, tr
from utenfor.reports.table import Column, Table
from utenfor.terms import PAYERS


def net_cost(s: Scenario, year: int) -> float:
    """What the initiative cost all payers in a year: costs minus costs falling away (grants
    move money between payers and cancel out)."""
    cost = sum(t.get(year, 0.0) for t in s.costs.values())
    return cost - sum(t.get(year, 0.0) for t in s.costs_falling_away.values())


def _pct(actual: float, planned: float) -> float | None:
    return None if planned == 0 else (actual / planned - 1) * 100


def by_year(planned: Scenario, actual: Scenario, actuals: Actuals, lang: str) -> Table:
    columns = (Column(tr("År", lang), "year"), Column(tr("Deltakere, plan", lang), "count"),
               Column(tr("Deltakere, faktisk", lang), "count"),
               Column(tr("Nettokostnad, plan", lang)), Column(tr("Nettokostnad, faktisk", lang)),
               Column(tr("Avvik (kr)", lang)), Column(tr("Avvik (%)", lang), "pct"))  # fmt: skip
    rows = []
    for year in sorted(actuals.years):
        p, a = net_cost(planned, year), net_cost(actual, year)
        rows.append((year, planned.participants.get(year, 0), actual.participants.get(year, 0),
                     p, a, a - p, _pct(a, p)))  # fmt: skip
    return Table("actual_years", tr("Plan mot faktisk, per år", lang), columns, tuple(rows))


def forecast(planned: Result, forecast: Result, lang: str) -> Table:
    columns = (Column("", "text"), Column(tr("Plan", lang)), Column(tr("Ny prognose", lang)),
               Column(tr("Avvik (kr)", lang)), Column(tr("Avvik (%)", lang), "pct"))  # fmt: skip
    rows = []
    for key in ("total", *PAYERS):
        name = tr("Nettogevinst i alt", lang) if key == "total" else payer_name(key, lang)
        p, f = planned.net_gain[key], forecast.net_gain[key]
        rows.append((name, p, f, f - p, _pct(f, p)))
    years = [r.break_even["year"] if r.break_even else None for r in (planned, forecast)]
    rows.append((tr("Break-even (år)", lang), *(str(y) if y else "–" for y in years), "", ""))
    return Table("forecast", tr("Plan mot ny prognose", lang), columns, tuple(rows))


def success_note(planned: Scenario, actuals: Actuals, lang: str) -> str:
    """The observed success rate with its interval, and how it was computed."""
    if not actuals.observed:
        return tr("Ingen observert andel: prognosen bruker planens suksessrate.", lang)
    spread = success_spread(planned, actuals.observed)
    return tr(
        "Observert suksessrate {likely} prosentpoeng ({share} % av {n} deltakere på et "
        "gjennomsnittlig livsløp, mot {without} % uten tiltaket); 95 % Wilson-intervall "
        "{low} til {high} prosentpoeng. Intervallet er lav og høy suksessrate i "
        "usikkerhetsanalysen.",
        lang,
    ).format(
        likely=num(spread.likely, lang, 1),
        share=num(actuals.observed.share_with_pct, lang, 1),
        n=actuals.observed.participants,
        without=num(planned.share_without_pct, lang, 1),
        low=num(spread.low, lang, 1),
        high=num(spread.high, lang, 1),
    )
