"""Saved scenarios side by side (issue 6), built once for the page and the workbook: one
`Line` per figure, its label in the chosen language, its kind (how a number is shown) and one
value per scenario. The rows follow the lists of payers and areas."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from utenfor.formatting import NBSP
from utenfor.model.analysis_results import Thresholds
from utenfor.model.result import Result
from utenfor.reports.charts import Chart, Series
from utenfor.reports.language import area_name, payer_name, tr
from utenfor.reports.table import Column, decimals
from utenfor.terms import AREAS, PAYERS

SECTION = "section"  # a heading row, without values


@dataclass(frozen=True)
class Compared:
    """One scenario of a comparison: its name, result and thresholds."""

    name: str
    result: Result
    thresholds: Thresholds


@dataclass(frozen=True)
class Line:
    label: str
    kind: str  # a table.KINDS kind, or SECTION
    values: tuple[Any, ...]

    def shown(self, space: str = NBSP) -> list[str]:
        """The values as the page shows them ('12 767 437', '2,5', '–')."""
        places = decimals(self.values) if self.kind == "pct" else None  # one row, one format
        return [Column(self.label, self.kind).show(v, space, places) for v in self.values]

    def differences(self, space: str = NBSP) -> list[str]:
        """Each scenario after the first against the first, signed ('+1 250 000', '−2', '0');
        '' for text, '–' where either is not defined (issue 31, item 11)."""
        if self.kind in ("text", SECTION):
            return ["" for _ in self.values[1:]]
        kind = "count" if self.kind == "year" else self.kind  # 2 years later, not year 2
        first = self.values[0]
        out = []
        for v in self.values[1:]:
            if v is None or first is None:
                out.append("–")
                continue
            d = v - first
            shown = Column(self.label, kind).show(abs(d), space)
            out.append(shown if shown.strip("0,") == "" else ("+" if d > 0 else "\u2212") + shown)
        return out


def comparison_chart(columns: list[Compared], lang: str = "nb") -> Chart:
    """The compared scenarios side by side: net gain in total and by payer, one bar per
    scenario (issue 31, item 11)."""
    labels = (tr("I alt", lang), *(payer_name(p, lang) for p in PAYERS))
    series = tuple(
        Series(c.name, tuple(float(c.result.net_gain[k]) for k in ("total", *PAYERS)))
        for c in columns
    )
    return Chart("groups", tr("Nettogevinst fordelt på aktører", lang), labels, series,
                 value_title=tr("kroner", lang))  # fmt: skip


def comparison(columns: list[Compared], lang: str = "nb") -> list[Line]:
    def line(label: str, kind: str, value) -> Line:
        return Line(label, kind, tuple(value(c.result, c.thresholds) for c in columns))

    def section(label: str) -> Line:
        return Line(label, SECTION, ())

    return [
        line(tr("Målgruppe", lang), "text",
             lambda r, t: r.data.group(r.scenario.target_group).name(lang)),
        line(tr("Aldersgrupper", lang), "text", lambda r, t: ", ".join(r.scenario.age_groups)),
        line(tr("Suksessrate (prosentpoeng)", lang), "pct",
             lambda r, t: r.scenario.success_rate_pct),
        line(tr("Nye deltakere", lang), "count", lambda r, t: r.participants),
        line(tr("Første år", lang), "year", lambda r, t: r.scenario.start_year),
        line(tr("Analyseperiode (år)", lang), "count",
             lambda r, t: r.scenario.settings.analysis_years),
        section(tr("Figur 1. Nettogevinst fordelt på aktører", lang)),
        line(tr("Nettogevinst i alt", lang), "kr", lambda r, t: r.net_gain["total"]),
        *(line(payer_name(p, lang), "kr", lambda r, t, p=p: r.net_gain[p]) for p in PAYERS),
        line(tr("Nettogevinst pr. deltaker", lang), "kr",
             lambda r, t: r.net_gain_per_participant["total"]),
        section(tr("Figur 2. Break-even", lang)),
        line(tr("Break-even (år)", lang), "year",
             lambda r, t: r.break_even["year"] if r.break_even else None),
        section(tr("Figur 3. Nettogevinst for ulike tjenesteområder", lang)),
        *(line(area_name(a, lang), "kr", lambda r, t, a=a: r.by_area[a]["total"]) for a in AREAS),
        section(tr("Terskler", lang)),
        line(tr("Laveste suksessrate som lønner seg (prosentpoeng)", lang), "pct",
             lambda r, t: t.success_rate_pct["total"]),
        line(tr("Høyeste kostnad per år som lønner seg", lang), "kr",
             lambda r, t: t.cost_per_year),
        line(tr("Suksessrate for balanse innen 4 år", lang), "pct",
             lambda r, t: t.break_even_within.success_rate_pct),
    ]  # fmt: skip
