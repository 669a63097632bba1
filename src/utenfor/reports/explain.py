"""The chain behind every krone of a result, as plain tables (used by `utenfor explain`).

Reading the tables top to bottom reproduces the totals by hand: gap per age and area (data),
age weights, successful participants per year, price factor, gain per year and area,
discount factor, discounted sum (spec/model.md, "The computation").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from utenfor.formatting import number, percent, trim
from utenfor.model.result import Result
from utenfor.terms import AREA_NAMES_NB, AREA_SHORT_NB, AREAS, DATA_AREAS, PAYER_NAMES_NB, PAYERS


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]]
    note: str = ""
    align_left: int = 1  # how many leading columns are text


def explain(result: Result) -> list[Table]:
    return [
        _assumptions(result),
        _gaps(result),
        _payer_shares(result),
        _gains_per_year(result),
        _discounting(result),
        _totals(result),
    ]


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
    cohorts = "; ".join(
        f"{y}: {n} × {trim(s.success_rate, 4)} = {trim(n * s.success_rate, 2)}"
        for y, n in s.participants.items()
        if n
    )
    base, used = data.price_base_year, plan.price_year_used
    rows = [
        ["Målgruppe", f"{group.name_nb} ({group.id})"],
        ["Aldersgrupper", ", ".join(s.age_groups)],
        ["Fordeling på inngangsalder", weights],
        [
            "Suksessrate",
            f"{percent(s.share_with_pct)} − {percent(s.share_without_pct)} = "
            f"{trim(s.success_rate_pct)} prosentpoeng = {trim(s.success_rate, 4)}",
        ],
        ["Vellykkede per inngangsår", f"{cohorts} (nye deltakere × suksessrate)"],
        ["Gevinsten regnes", effect],
        [
            "Prisfaktor",
            f"indeks {used} / indeks {base} = {trim(data.price_index[used], 3)} / "
            f"{trim(data.price_index[base], 3)} = {number(plan.price_factor, 6)}",
        ],
        [
            "Diskontering",
            f"{percent(s.settings.discount_rate_pct)} per år; "
            f"faktor (1 + r)^−(år − {s.start_year})",
        ],
        ["Analyseperiode", f"{r.years[0]}–{r.years[-1]} ({plan.horizon} år)"],
    ]
    return Table("1. Forutsetninger", ["", ""], rows, align_left=2)


def _gaps(r: Result) -> Table:
    """Gap per single age and area, base-year prices, for the ages the participants pass."""
    plan, data = r.plan, r.data
    by_area = data.gaps[plan.group] @ data.area_matrix  # (ages, data areas)
    first = int(np.flatnonzero(plan.entry_weights)[0])
    last = min(data.max_age, int(np.flatnonzero(plan.entry_weights)[-1]) + plan.horizon - 1)
    rows = [
        [str(a), *(number(v) for v in by_area[a]), number(by_area[a].sum())]
        for a in range(first, last + 1)
    ]
    return Table(
        f"2. Gap per person og år: målgruppe minus befolkningen ({data.price_base_year}-kroner)",
        ["Alder", *(AREA_SHORT_NB[a] for a in DATA_AREAS), "Sum"],
        rows,
        note="Positivt: målgruppen koster det offentlige mer (eller betaler mindre skatt) enn "
        "gjennomsnittet; det er gevinsten når en deltaker får et gjennomsnittlig livsløp.",
    )


def _payer_shares(r: Result) -> Table:
    rows = [
        [s.name_nb, AREA_NAMES_NB[s.area_id], *(percent(v * 100) for v in s.shares)]
        for s in r.data.subareas
    ]
    return Table(
        "3. Hvem bærer hvert delområde (betalerfordeling)",
        ["Delområde", "Område", *(PAYER_NAMES_NB[p] for p in PAYERS)],
        rows,
        align_left=2,
    )


def _gains_per_year(r: Result) -> Table:
    """Successful participants in effect and the undiscounted gain per area each year."""
    plan, s = r.plan, r.scenario
    undisc = r.cash_flow_undiscounted.sum(axis=2)  # (H, areas)
    entry = np.arange(len(plan.participants))
    rows = []
    for t, year in enumerate(r.years):
        in_effect = plan.participants[(t - entry) >= plan.effect_delay].sum() * s.success_rate
        rows.append([str(year), trim(in_effect, 2), *(number(v) for v in undisc[t])])
    return Table(
        f"4. Gevinst per år og område, udiskontert ({s.start_year}-kroner)",
        ["År", "Vellykkede", *(AREA_SHORT_NB[a] for a in AREAS)],
        rows,
        note="Vellykkede = deltakere med virkning dette året × suksessrate. Område = "
        "vellykkede × gap ved deres alder × prisfaktor; implementering = "
        "−(kostnad − bortfalte kostnader − mottatte tilskudd + gitte tilskudd).",
    )


def _discounting(r: Result) -> Table:
    undisc = r.cash_flow_undiscounted.sum(axis=(1, 2))
    disc = r.cash_flow.sum(axis=(1, 2))
    cumulative = np.cumsum(disc)
    rows = [
        [str(y), number(u), number(d, 6), number(v), number(c)]
        for y, u, d, v, c in zip(r.years, undisc, r.plan.discount, disc, cumulative, strict=True)
    ]
    return Table(
        "5. Fra udiskontert til diskontert",
        ["År", "Sum udiskontert", "Diskonteringsfaktor", "Sum diskontert", "Akkumulert"],
        rows,
    )


def _totals(r: Result) -> Table:
    by_area = r.by_area
    rows = [
        [AREA_NAMES_NB[a], *(number(by_area[a][p]) for p in PAYERS), number(by_area[a]["total"])]
        for a in AREAS
    ]
    net = r.net_gain
    rows.append(["I alt", *(number(net[p]) for p in PAYERS), number(net["total"])])
    return Table(
        "6. Nettogevinst (diskontert) per område og betaler",
        ["Område", *(PAYER_NAMES_NB[p] for p in PAYERS), "I alt"],
        rows,
    )
