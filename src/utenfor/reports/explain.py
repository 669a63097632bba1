"""The chain behind every krone of a result, as tables (used by `utenfor explain`).

Reading the tables top to bottom reproduces the totals by hand: gap per age and area (data),
age weights, successful participants per year, price factor, gain per year and area,
discount factor, discounted sum (docs/model.md, "The computation"). Bokmål: the command line
speaks Norwegian.
"""

from __future__ import annotations

import numpy as np

from utenfor.formatting import number, percent, trim
from utenfor.model.result import Result
from utenfor.reports import result_tables
from utenfor.reports.assumptions import adjustments, discounting
from utenfor.reports.language import area_name, payer_name
from utenfor.reports.table import Column, Table
from utenfor.terms import AREAS, PAYERS


def explain(result: Result) -> list[Table]:
    r = result
    gaps = result_tables.gaps(r.data, r.plan.group, result_tables.entry_ages(r), "nb")
    gaps = Table("gaps", f"2. {gaps.title}", gaps.columns, gaps.rows,
                 note="Positivt: målgruppen koster det offentlige mer (eller betaler mindre "
                 "skatt) enn gjennomsnittet; det er gevinsten når en deltaker får et "
                 "gjennomsnittlig livsløp.")  # fmt: skip
    totals = result_tables.area_by_payer(r, "nb")
    return [_assumptions(r), gaps, _payer_shares(r), _gains_per_year(r), _discounting(r),
            Table(totals.key, f"6. {totals.title}", totals.columns, totals.rows)]  # fmt: skip


def _assumptions(r: Result) -> Table:
    s, plan, data = r.scenario, r.plan, r.data
    group = data.group(s.target_group)
    ages = np.flatnonzero(plan.entry_weights)
    weights = ", ".join(f"{a} år: {trim(plan.entry_weights[a] * 100, 3)} %" for a in ages)
    effect = (
        f"fra året etter at hvert deltakerforløp er slutt (inngangsår + {plan.effect_delay})"
        if s.settings.effect_start == "after_intervention"
        else "fra inngangsåret"
    )
    cohorts = "; ".join(f"{y}: {n} × {trim(s.success_rate, 4)} = {trim(n * s.success_rate, 2)}"
                        for y, n in s.participants.items() if n)  # fmt: skip
    base, used = data.price_base_year, plan.price_year_used
    factor = (
        "(1 + r)^−(år − {0})"
        if not s.settings.discount_schedule
        else "produktet av (1 + r)^−(år i hvert trinn) fra {0}"
    ).format(s.start_year)
    rows = (
        ("Målgruppe", f"{group.name_nb} ({group.id})"),
        ("Aldersgrupper", ", ".join(s.age_groups)),
        ("Fordeling på inngangsalder", weights),
        ("Suksessrate", f"{percent(s.share_with_pct)} − {percent(s.share_without_pct)} = "
                        f"{trim(s.success_rate_pct)} prosentpoeng = {trim(s.success_rate, 4)}"),
        ("Vellykkede per inngangsår", f"{cohorts} (nye deltakere × suksessrate)"),
        ("Gevinsten regnes", effect),
        ("Prisfaktor", f"indeks {used} / indeks {base} = {trim(data.price_index[used], 3)} / "
                       f"{trim(data.price_index[base], 3)} = {number(plan.price_factor, 6)}"),
        ("Diskontering", f"{discounting(s.settings)}; faktor {factor}"),
        ("Justeringer", adjustments(s.settings) or "ingen"),
        ("Analyseperiode", f"{r.years[0]}–{r.years[-1]} ({plan.horizon} år)"),
    )  # fmt: skip
    return Table("assumptions", "1. Forutsetninger", (Column("", "text"), Column("", "text")),
                 rows)  # fmt: skip


def _payer_shares(r: Result) -> Table:
    rows = tuple((s.name_nb, area_name(s.area_id, "nb"), *(v * 100 for v in s.shares))
                 for s in r.data.subareas)  # fmt: skip
    columns = (Column("Delområde", "text"), Column("Område", "text"),
               *(Column(payer_name(p, "nb"), "pct") for p in PAYERS))  # fmt: skip
    return Table("payer_shares", "3. Hvem bærer hvert delområde (betalerfordeling, %)", columns,
                 rows)  # fmt: skip


def _gains_per_year(r: Result) -> Table:
    """Successful participants in effect and the undiscounted gain per area each year."""
    plan, s = r.plan, r.scenario
    undisc = r.cash_flow_undiscounted.sum(axis=2)  # (H, areas)
    entry = np.arange(len(plan.participants))
    rows = []
    for t, year in enumerate(r.years):
        in_effect = plan.participants[(t - entry) >= plan.effect_delay].sum() * plan.success_rate
        rows.append((int(year), float(in_effect), *undisc[t].tolist()))
    columns = (Column("År", "year"), Column("Vellykkede", "pct"),
               *(Column(area_name(a, "nb")) for a in AREAS))  # fmt: skip
    return Table("gains_per_year", f"4. Gevinst per år og område, udiskontert "
                 f"({s.start_year}-kroner)", columns, tuple(rows),
                 note="Vellykkede = deltakere med virkning dette året × suksessrate (etter et "
                 "eventuelt fradrag for optimisme). Område = vellykkede × gap ved deres alder × "
                 "prisfaktor (× andelen som ikke har falt fra); implementering = −(kostnad − "
                 "bortfalte kostnader − mottatte tilskudd + gitte tilskudd).")  # fmt: skip


def _discounting(r: Result) -> Table:
    undisc = r.cash_flow_undiscounted.sum(axis=(1, 2))
    disc = r.cash_flow.sum(axis=(1, 2))
    rows = tuple(zip(r.years.tolist(), undisc.tolist(), r.plan.discount.tolist(), disc.tolist(),
                     np.cumsum(disc).tolist(), strict=True))  # fmt: skip
    columns = (Column("År", "year"), Column("Sum udiskontert"),
               Column("Diskonteringsfaktor", "factor"), Column("Sum diskontert"),
               Column("Akkumulert"))  # fmt: skip
    return Table("discounting", "5. Fra udiskontert til diskontert", columns, rows)
