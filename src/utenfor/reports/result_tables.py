"""The result tables, built once from a result and its analysis: the page, the PDF, the
workbook and the command line all show these (issue 11). Rows follow `AREAS` and `PAYERS`, so
a new area or payer appears in every table without touching this file."""

from __future__ import annotations

import numpy as np

from utenfor.data.dataset import DataSet
from utenfor.formatting import number
from utenfor.model.analysis_results import Analysis
from utenfor.model.portfolio import Portfolio
from utenfor.model.result import Result
from utenfor.reports.language import N_, area_name, payer_name, sensitivity_label, tr
from utenfor.reports.table import Column, Table
from utenfor.terms import AREAS, DATA_AREAS, PAYERS

KEYS = ("total", *PAYERS)


def _name(key: str, lang: str) -> str:
    return tr("I alt", lang) if key == "total" else payer_name(key, lang)


def _net_columns(lang: str) -> tuple[Column, ...]:
    return (Column("", "text"), Column(tr("Samlet nettogevinst", lang)),
            Column(tr("Nettogevinst pr. deltaker", lang)))  # fmt: skip


def payers(r: Result, lang: str) -> Table:
    """Figure 1's table: net gain in total and by payer, and per participant."""
    net, per = r.net_gain, r.net_gain_per_participant
    rows = tuple((_name(k, lang), net[k], per[k]) for k in KEYS)
    return Table("payers", tr("Nettogevinst fordelt på aktører", lang), _net_columns(lang), rows)


def areas(r: Result, lang: str) -> Table:
    """Figure 3's table: net gain in total and by service area, and per participant."""
    per = r.by_area_per_participant
    rows = (
        (tr("I alt", lang), r.net_gain["total"], r.net_gain_per_participant["total"]),
        *((area_name(a, lang), r.by_area[a]["total"], per[a]["total"]) for a in AREAS),
    )
    return Table("areas", tr("Nettogevinst for ulike tjenesteområder", lang),
                 _net_columns(lang), rows)  # fmt: skip


def cumulative(r: Result, lang: str) -> Table:
    """Figure 2's table: the cumulative discounted net gain per year, in total and by payer."""
    columns = (Column(tr("År", lang), "year"), *(Column(_name(k, lang)) for k in KEYS))
    rows = tuple((row["year"], *(row[k] for k in KEYS)) for row in r.cumulative)
    return Table("cumulative", tr("Akkumulert nettogevinst", lang), columns, rows)


def area_by_payer(r: Result | Portfolio, lang: str) -> Table:
    """The discounted net gain per area and payer, with totals (of a result, or of a plan:
    both have `by_area` and `net_gain` in the same form)."""
    columns = (Column(tr("Område", lang), "text"), *(Column(payer_name(p, lang)) for p in PAYERS),
               Column(tr("I alt", lang)))  # fmt: skip
    rows = [(area_name(a, lang), *(r.by_area[a][p] for p in PAYERS), r.by_area[a]["total"])
            for a in AREAS]  # fmt: skip
    rows.append((tr("I alt", lang), *(r.net_gain[p] for p in PAYERS), r.net_gain["total"]))
    return Table("area_by_payer", tr("Nettogevinst (diskontert) per område og betaler", lang),
                 columns, tuple(rows))  # fmt: skip


def break_even(r: Result, lang: str) -> Table:
    """The year each payer's (and the total's) cumulative discounted net gain turns positive
    and stays so, and how many years after the start; "–" where it does not in the period."""
    columns = (Column("", "text"), Column(tr("Break-even", lang), "year"),
               Column(tr("År etter oppstart", lang), "count"))  # fmt: skip
    each = {"total": r.break_even, **r.break_even_by_payer}
    rows = tuple((_name(k, lang), *((each[k]["year"], each[k]["years"]) if each[k] else
                                    (None, None))) for k in KEYS)  # fmt: skip
    return Table("break_even", tr("Break-even per aktør", lang), columns, rows,
                 tr("–: går ikke i balanse innen analyseperioden.", lang))  # fmt: skip


def cash_flow(r: Result, lang: str) -> Table:
    """Year x area x payer, discounted and undiscounted, with the discount factor."""
    columns = (
        Column(tr("År", lang), "year"),
        Column(tr("Område", lang), "text"),
        Column(tr("Betaler", lang), "text"),
        Column(tr("Diskontert", lang)),
        Column(tr("Udiskontert", lang)),
        Column(tr("Diskonteringsfaktor", lang), "factor"),
    )
    disc, undisc = r.cash_flow.tolist(), r.cash_flow_undiscounted.tolist()
    areas_, payers_ = [area_name(a, lang) for a in AREAS], [payer_name(p, lang) for p in PAYERS]
    rows = tuple((year, areas_[a], payers_[k], disc[t][a][k], undisc[t][a][k], factor)
                 for t, (year, factor) in enumerate(zip(r.years.tolist(),
                                                        r.plan.discount.tolist(), strict=True))
                 for a in range(len(AREAS)) for k in range(len(PAYERS)))  # fmt: skip
    return Table("cash_flow", tr("Kontantstrøm", lang), columns, rows)


def gaps(data: DataSet, group: int, ages: range, lang: str) -> Table:
    """The gap per person and year (group minus population) by single age and area, base-year
    prices: what `utenfor data show`, `utenfor explain`, the workbook and the data page show."""
    by_area = data.gaps[group] @ data.area_matrix  # (ages, data areas)
    columns = (Column(tr("Alder", lang), "year"), *(Column(area_name(a, lang)) for a in DATA_AREAS),
               Column(tr("Sum", lang)))  # fmt: skip
    rows = tuple((a, *by_area[a].tolist(), float(by_area[a].sum())) for a in ages)
    title = (f"{tr('Gap per person og år: målgruppe minus befolkningen', lang)} "
             f"({data.price_base_year}{tr('-kroner', lang)})")  # fmt: skip
    return Table("gaps", title, columns, rows)


def sensitivity(analysis: Analysis, lang: str) -> Table:
    sens = analysis.sensitivity
    return Table("sensitivity", tr("Følsomhet: samlet nettogevinst", lang),
                 (Column(tr("Hva endres", lang), "text"), Column(tr("Lav", lang)),
                  Column(tr("Høy", lang))),
                 tuple((sensitivity_label(i, lang), i.low, i.high)
                       for i in sens.items))  # fmt: skip


def uncertainty(analysis: Analysis, lang: str) -> Table:
    u = analysis.uncertainty
    rows = tuple((_name(k, lang), v.p10, v.p50, v.p90) for k, v in u.net_gain.items())
    columns = (Column("", "text"), Column("P10"), Column("P50"), Column("P90"))
    title = f"{tr('Usikkerhet: nettogevinst', lang)} ({number(u.draws)} {tr('trekninger', lang)})"
    return Table("uncertainty", title, columns, rows)


COFINANCING = (
    ("cost_carried", N_("Kostnad båret")),
    ("gain_received", N_("Gevinst")),
    ("net", N_("Netto")),
    ("proposed_cost_share", N_("Foreslått kostnadsandel")),
    ("proposed_net", N_("Netto da")),
)


def cofinancing(analysis: Analysis, lang: str) -> Table:
    co = analysis.cofinancing.payers
    columns = (Column("", "text"), *(Column(tr(label, lang)) for _, label in COFINANCING))
    rows = tuple((payer_name(p, lang), *(getattr(co[p], k) for k, _ in COFINANCING))
                 for p in PAYERS)  # fmt: skip
    return Table("cofinancing", tr("Hvem investerer, og hvem får gevinsten? (nåverdi)", lang),
                 columns, rows)  # fmt: skip


def entry_ages(r: Result) -> range:
    """The single ages the participants pass through during the analysis period."""
    weights = np.flatnonzero(r.plan.entry_weights)
    last = min(r.data.max_age, int(weights[-1]) + r.plan.horizon - 1)
    return range(int(weights[0]), last + 1)


def grades(r: Result, lang: str) -> Table | None:
    """The PDF's data appendix (issue 13): each sub-area the gain rests on, its confidence
    grade for this group, its share of the gain's present value (absolute values) and the
    data-level spread the what-if tools give it. None without grades."""
    from utenfor.model.quality import GRADE_SPREAD_PCT, present_value_by_subarea

    data = r.data
    if data.grades is None:
        return None
    size = np.abs(present_value_by_subarea(r.plan, data))
    total = size.sum() or 1.0
    marks = data.grades[r.plan.group]
    rows = tuple((s.name(lang), int(marks[j]),
                  100 * size[j] / total, GRADE_SPREAD_PCT[int(marks[j])])
                 for j, s in sorted(enumerate(data.subareas), key=lambda x: -size[x[0]])
                 if size[j] > 0)  # fmt: skip
    return Table("grades", tr("Datagrunnlaget: grad per delområde for målgruppen", lang),
                 (Column(tr("Delområde", lang), "text"), Column(tr("Grad", lang), "count"),
                  Column(tr("Andel av gevinsten (%)", lang), "pct"),
                  Column(tr("Usikkerhet i hva-om (±%)", lang), "pct")), rows,
                 note=tr("Grad 1: offisiell statistikk; 2: forskning eller nær tilnærming; "
                         "3: skjønn.", lang))  # fmt: skip
