"""The plan's tables (issue 15, item 4): built once from a `Portfolio`, for the command line now
and the plan's page and PDF later. Rows follow `AREAS` and `PAYERS`."""

from __future__ import annotations

import numpy as np

from utenfor.model.portfolio import Portfolio
from utenfor.reports import result_tables
from utenfor.reports.language import payer_name, tr
from utenfor.reports.table import Column, Table
from utenfor.terms import PAYERS


def _per_participant(p: Portfolio, value: float) -> float | None:
    return value / p.participants if p.participants else None


def payers(p: Portfolio, lang: str) -> Table:
    columns = (Column("", "text"), Column(tr("Samlet nettogevinst", lang)),
               Column(tr("Nettogevinst pr. deltaker", lang)))  # fmt: skip
    keys = ("total", *PAYERS)
    rows = tuple((tr("I alt", lang) if k == "total" else payer_name(k, lang), p.net_gain[k],
                  _per_participant(p, p.net_gain[k])) for k in keys)  # fmt: skip
    return Table("plan_payers", tr("Planens nettogevinst fordelt på aktører", lang), columns, rows)


def initiatives(p: Portfolio, lang: str) -> Table:
    columns = (Column(tr("Tiltak", lang), "text"), Column(tr("Målgruppe", lang), "text"),
               Column(tr("Start", lang), "year"), Column(tr("Deltakere", lang), "count"),
               Column(tr("Nettogevinst", lang)), Column(tr("Vurdering", lang), "text"))  # fmt: skip
    rows = []
    for (name, gain), r in zip(p.by_initiative.items(), p.results, strict=True):
        verdict = tr("bærer planen", lang) if gain >= 0 else tr("koster mer enn det gir", lang)
        group = r.data.group(r.scenario.target_group).name(lang)
        rows.append((name, group, r.scenario.start_year, r.participants, gain, verdict))
    return Table("plan_initiatives", tr("Tiltakene i planen", lang), columns, tuple(rows),
                 note=tr("Nettogevinst i {year}-kroner, diskontert til {year}.", lang)
                 .format(year=p.base_year))  # fmt: skip


def years(p: Portfolio, lang: str) -> Table:
    columns = (Column(tr("År", lang), "year"), *(Column(payer_name(k, lang)) for k in PAYERS),
               Column(tr("I alt", lang)), Column(tr("Akkumulert", lang)))  # fmt: skip
    yearly = p.yearly
    cumulative = np.cumsum(yearly.sum(axis=1))
    rows = tuple((int(y), *row.tolist(), float(row.sum()), float(c))
                 for y, row, c in zip(p.years, yearly, cumulative, strict=True))  # fmt: skip
    return Table("plan_years", tr("Planens nettogevinst per år (diskontert)", lang), columns, rows)


def tables(p: Portfolio, lang: str = "nb") -> dict[str, Table]:
    areas = result_tables.area_by_payer(p, lang)  # the same table as a single result's
    return {t.key: t for t in (initiatives(p, lang), payers(p, lang), areas, years(p, lang))}
