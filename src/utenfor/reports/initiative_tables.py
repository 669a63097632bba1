"""An initiative's page as built values (issue 15): its scenario revisions side by side, what
each revision changed, and planned against actual per year as a chart. Built once here for the
page (and any later output); the tables of actuals and the benefit plan are in
`actuals_tables` and `benefit_tables`."""

from __future__ import annotations

from typing import Any

from utenfor.formatting import num
from utenfor.model.result import Result
from utenfor.model.scenario import Scenario
from utenfor.reports.actuals_tables import net_cost
from utenfor.reports.charts import Chart, Series
from utenfor.reports.language import N_, payer_name, tr
from utenfor.reports.table import Column, Table
from utenfor.terms import PAYERS


def _participants(s: Scenario) -> int:
    return sum(s.participants.values())


def _cost(s: Scenario) -> float:
    return sum(net_cost(s, year) for year in range(s.start_year, s.start_year + s.years_run))


def revisions(items: list[dict[str, Any]], scenarios: list[Scenario], results: list[Result],
              phase_names: dict[int, str], lang: str) -> Table:  # fmt: skip
    """One column per revision, oldest first: its phase and reason, the inputs that usually
    change between phases, and the three result figures."""
    title = tr("Revisjon {n}", lang)
    columns = (Column("", "text"), *(Column(title.format(n=i["revision"])) for i in items))

    def pct(v: float) -> str:
        return f"{num(v, lang, 1)} %"

    rows: list[tuple] = [
        (
            tr("Fase", lang),
            *(f"{i['phase']:02d} {tr(phase_names[i['phase']], lang)}" for i in items),
        ),
        (tr("Begrunnelse", lang), *(i["reason"] or "–" for i in items)),
        (tr("Andel uten tiltaket", lang), *(pct(s.share_without_pct) for s in scenarios)),
        (tr("Andel med tiltaket", lang), *(pct(s.share_with_pct) for s in scenarios)),
        (
            tr("Suksessrate (prosentpoeng)", lang),
            *(num(s.share_with_pct - s.share_without_pct, lang, 1) for s in scenarios),
        ),
        (tr("Deltakere i alt", lang), *(_participants(s) for s in scenarios)),
        (tr("Nettokostnad i alt (udiskontert)", lang), *(_cost(s) for s in scenarios)),
        (tr("Nettogevinst i alt", lang), *(r.net_gain["total"] for r in results)),
        *((payer_name(p, lang), *(r.net_gain[p] for r in results)) for p in PAYERS),
        (
            tr("Break-even (år)", lang),
            *(str(r.break_even["year"]) if r.break_even else "–" for r in results),
        ),
    ]
    return Table("revisions", tr("Revisjonene side om side", lang), columns, tuple(rows))


def _flat(doc: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(doc, dict):
        out: dict[str, Any] = {}
        for key, value in doc.items():
            out |= _flat(value, f"{prefix}.{key}" if prefix else str(key))
        return out
    if isinstance(doc, list) and doc and isinstance(doc[0], dict):
        out = {}
        for i, value in enumerate(doc):
            out |= _flat(value, f"{prefix}[{i}]")
        return out
    return {prefix: doc}


EFFECT_STARTS = {"after_intervention": N_("Året etter at hvert tiltak er avsluttet"),
                 "at_entry": N_("Samme år som deltakeren starter")}  # fmt: skip


def _shown(value: Any, lang: str, key: str = "") -> str:
    """A changed input as the page writes it: a year as 2021 (not 2 021), a payer by its name,
    a discount schedule as its steps (issue 31, item 7)."""
    if value is None or value == []:
        return "–"
    if isinstance(value, str):
        if value in EFFECT_STARTS:
            return tr(EFFECT_STARTS[value], lang)
        return payer_name(value, lang) if value in PAYERS else value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if key.endswith(("year", "start_year")) or key.rsplit(".", 1)[-1] == "year":
            return str(int(value))
        return num(value, lang, 0 if float(value).is_integer() else 2)
    if all(isinstance(v, dict) and {"from_year", "rate_pct"} <= v.keys() for v in value):
        return "; ".join(f"{tr('fra år', lang)} {v['from_year']}: {num(v['rate_pct'], lang, 2)} %"
                         for v in value)  # fmt: skip
    return ", ".join(str(v) for v in value)


def changes(before: Scenario, after: Scenario, lang: str) -> list[tuple[str, str, str]]:
    """What a revision changed: (field path, old value, new value) for every input that
    differs, in the scenario's own field names (docs/formats.md)."""
    old, new = _flat(before.to_dict()), _flat(after.to_dict())
    shown = [
        (key, _shown(old.get(key), lang, key), _shown(new.get(key), lang, key))
        for key in sorted(old.keys() | new.keys())
        if old.get(key) != new.get(key)
    ]
    return [(key, a, b) for key, a, b in shown if a != b]  # fmt: skip


def actuals_chart(planned: Scenario, actual: Scenario, years: list[int], lang: str) -> Chart:
    """Per year with actual figures: the planned and the actual net cost of the initiative."""
    return Chart("groups", tr("Nettokostnad per år: plan og faktisk", lang), tuple(years),
                 (Series(tr("Plan", lang), tuple(net_cost(planned, y) for y in years)),
                  Series(tr("Faktisk", lang), tuple(net_cost(actual, y) for y in years))),
                 value_title=tr("kroner", lang), label_title=tr("År", lang))  # fmt: skip
