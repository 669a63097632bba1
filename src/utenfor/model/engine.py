"""Scenario + data set -> cash flow, year x area x payer (docs/model.md, "The computation").

Two steps. `prepare` turns one validated scenario into plain numbers (a `Plan`); `cash_flows`
computes any number of plans at once, vectorised over scenarios, years, ages and areas. The
only Python loop in the hot path is over the programme's entry years (a handful).

Notation as in the spec: start year S, analysis period H, year index tau = t - S, discount
factor d(tau) = (1 + r)^-tau, price factor p, success rate s, participants n(i) entering in
programme year i, effect delay D (years each intervention lasts, or 0 with "at_entry").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from utenfor.data.dataset import DataSet
from utenfor.model.errors import N_
from utenfor.model.local_figures import FAR_OFF, applied_figures
from utenfor.model.notices import Notice
from utenfor.model.scenario import HIGH_SUCCESS_RATE_PCT, Issue, Scenario, ScenarioError
from utenfor.terms import AGE_GROUPS, PAYERS

ENTRY_AGES = max(max(r) for r in AGE_GROUPS.values()) + 1  # entry ages 0..19


@dataclass(frozen=True, eq=False)
class Plan:
    """One scenario as numbers. Arrays are indexed by year index tau = 0 … H-1."""

    scenario: Scenario
    group: int  # index into data.groups
    entry_weights: np.ndarray  # (ENTRY_AGES,) share of each cohort entering at each age
    participants: np.ndarray  # (years_run,) new participants per programme year
    success_rate: float
    effect_delay: int  # years from entry until the average life course applies
    price_factor: float
    price_year_used: int
    discount: np.ndarray  # (H,) discount factor per year
    implementation: np.ndarray  # (H, payers) net implementation cost, start-year prices
    warnings: tuple[Notice, ...] = field(default=())
    dropoff: float = 0.0  # yearly share of the successful who fall back (issue 6)

    @property
    def horizon(self) -> int:
        return len(self.discount)

    @property
    def years(self) -> np.ndarray:
        return self.scenario.start_year + np.arange(self.horizon)


@dataclass(frozen=True, eq=False)
class Flows:
    """Cash flows of a batch of plans, shape (batch, H_max, areas, payers), `AREAS` order.

    Gains are positive, costs negative. Years past a plan's own horizon hold zeros.
    """

    undiscounted: np.ndarray
    discounted: np.ndarray
    horizon: np.ndarray  # (batch,) each plan's analysis period


def entry_weights(age_groups: tuple[str, ...]) -> np.ndarray:
    """Share of a cohort entering at each single age 0..19.

    Participants spread evenly over the ages of their age group; with two age groups each
    carries half, which gives the unweighted mean of the two single-group results (the
    guide's "average of averages"), since the model is linear in these weights.
    """
    w = np.zeros(ENTRY_AGES)
    for group in age_groups:
        ages = AGE_GROUPS[group]
        w[ages.start : ages.stop] += 1.0 / (len(ages) * len(age_groups))
    return w


def discount_factors(rate: float, horizon: int, schedule=None) -> np.ndarray:
    """d(tau) = (1 + r)^-tau, tau = 0 … H-1: the start year is not discounted.

    With a declining `schedule` (steps of from_year, rate_pct), each year is discounted at the
    rate of the step it falls in: d(tau) = prod_i (1 + r_i)^-(years of step i before tau). A
    single step gives exactly the formula above.
    """
    tau = np.arange(horizon, dtype=float)
    if not schedule:
        return (1.0 + rate) ** -tau
    starts = [step.from_year for step in schedule]
    ends = [*starts[1:], np.inf]
    d = np.ones(horizon)
    for step, start, end in zip(schedule, starts, ends, strict=True):
        years = np.clip(tau, start, end) - start  # years of this step before tau
        d = d * (1.0 + step.rate_pct / 100.0) ** -years
    return d


def cost_parts(scenario: Scenario, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """(gross, offsets), each (H, payers): the intervention's gross cost (with any optimism
    uplift) and what offsets it (costs falling away, grants received minus grants given).

    Years past the horizon are dropped; amounts are in start-year prices.
    """
    gross, offsets = np.zeros((horizon, len(PAYERS))), np.zeros((horizon, len(PAYERS)))

    def add(table: np.ndarray, year: int, payer: str, amount: float) -> None:
        tau = year - scenario.start_year
        if tau < horizon:
            table[tau, PAYERS.index(payer)] += amount

    uplift = 1.0 + scenario.settings.optimism_cost_uplift_pct / 100.0  # on gross costs only
    for payer, table in scenario.costs.items():
        for year, amount in table.items():
            add(gross, year, payer, uplift * amount)
    for payer, table in scenario.costs_falling_away.items():
        for year, amount in table.items():
            add(offsets, year, payer, amount)
    for g in scenario.grants:
        add(offsets, g.year, g.to, g.amount)
        add(offsets, g.year, g.from_, -g.amount)
    return gross, offsets


def implementation_costs(scenario: Scenario, horizon: int) -> np.ndarray:
    """(H, payers): cost - falling away - grants received + grants given, per year and payer.

    Entered in start-year prices, not price-adjusted; years past the horizon are dropped.
    """
    gross, offsets = cost_parts(scenario, horizon)
    return gross - offsets


def prepare(scenario: Scenario, data: DataSet) -> Plan:
    """Check the scenario against the data set and turn it into numbers."""
    gi = data.group_index.get(scenario.target_group)
    if gi is None or data.groups[gi].is_population:
        choices = ", ".join(g.id for g in data.target_groups)
        raise ScenarioError(
            [
                Issue(
                    "target_group",
                    N_("ukjent målgruppe «{group}»; velg en av: {choices}"),
                    {"group": scenario.target_group, "choices": choices},
                )
            ]
        )
    horizon = scenario.settings.analysis_years
    price_factor, price_year = data.price_factor(scenario.start_year)
    delay = (
        scenario.intervention_years if scenario.settings.effect_start == "after_intervention" else 0
    )
    participants = np.array(
        [scenario.participants.get(y, 0) for y in scenario.programme_years], dtype=float
    )
    return Plan(
        scenario=scenario,
        group=gi,
        entry_weights=entry_weights(scenario.age_groups),
        participants=participants,
        success_rate=scenario.success_rate
        * (1.0 - scenario.settings.optimism_success_haircut_pct / 100.0),
        effect_delay=delay,
        price_factor=price_factor,
        price_year_used=price_year,
        discount=discount_factors(
            scenario.settings.discount_rate_pct / 100.0,
            horizon,
            scenario.settings.discount_schedule,
        ),
        implementation=implementation_costs(scenario, horizon),
        warnings=_warnings(scenario, data, participants, price_year),
        dropoff=scenario.settings.dropoff_pct / 100.0,
    )


def cash_flows(plans: list[Plan], data: DataSet) -> Flows:
    """Compute the cash flows of many plans at once (one plan is a batch of one).

    gain(tau) = p * s * sum_i n(i) * G(tau - i), where G(e) is the gain per successful
    participant e years after entry: the age-weighted gap at entry age + e, counted from
    e = D on, zero past the data set's maximum age.
    """
    b, h = len(plans), max(p.horizon for p in plans)
    combos: dict[tuple[int, tuple[str, ...]], int] = {}
    combo = np.array(
        [combos.setdefault((p.group, p.scenario.age_groups), len(combos)) for p in plans]
    )
    table = np.stack([_gain_by_elapsed(data, g, ages, h) for g, ages in combos])
    elapsed = np.arange(h)
    delay = np.array([p.effect_delay for p in plans])
    keep = 1.0 - np.array([p.dropoff for p in plans])
    since = elapsed[None, :] - delay[:, None]  # years since the effect started
    # the share still on the average course: (1 - dropoff)^years since the effect started
    staying = np.where(since >= 0, keep[:, None] ** np.maximum(since, 0), 0.0)
    per_successful = table[combo] * staying[:, :, None, None]

    runs = max(len(p.participants) for p in plans)
    n = np.zeros((b, runs))
    for row, p in enumerate(plans):
        n[row, : len(p.participants)] = p.participants
    gain = np.zeros_like(per_successful)
    for i in range(min(runs, h)):  # entry years: a cohort entering in year i is e = tau - i
        gain[:, i:] += n[:, i, None, None, None] * per_successful[:, : h - i]
    scale = np.array([p.price_factor * p.success_rate for p in plans])
    gain *= scale[:, None, None, None]

    horizon = np.array([p.horizon for p in plans])
    inside = (elapsed[None, :] < horizon[:, None]).astype(float)
    cost = np.zeros((b, h, len(PAYERS)))
    discount = np.zeros((b, h))
    for row, p in enumerate(plans):
        cost[row, : p.horizon] = p.implementation
        discount[row, : p.horizon] = p.discount
    undiscounted = np.concatenate([gain, -cost[:, :, None, :]], axis=2) * inside[:, :, None, None]
    discounted = undiscounted * discount[:, :, None, None]
    return Flows(undiscounted, discounted, horizon)


def _gain_by_elapsed(data: DataSet, group: int, age_groups: tuple[str, ...], h: int) -> np.ndarray:
    """(h, data areas, payers): sum over entry ages a0 of w(a0) * gain(group, a0 + e)."""
    return by_elapsed(data.gains[group], entry_weights(age_groups), h)


def by_elapsed(per_age: np.ndarray, weights: np.ndarray, h: int) -> np.ndarray:
    """(h, …): sum over entry ages a0 of weights(a0) * per_age(a0 + e), for e = 0 … h-1;
    zero past the last age. `per_age` is (ages, …) with any further axes."""
    padded = np.concatenate([per_age, np.zeros((ENTRY_AGES + h, *per_age.shape[1:]))])
    ages = np.arange(ENTRY_AGES)[:, None] + np.arange(h)[None, :]  # (entry ages, h)
    return np.tensordot(weights, padded[ages], axes=(0, 0))


def _warnings(
    scenario: Scenario, data: DataSet, participants: np.ndarray, price_year: int
) -> tuple[Notice, ...]:
    out = []
    rate = scenario.success_rate_pct
    if rate >= HIGH_SUCCESS_RATE_PCT:
        out.append(Notice.high_success_rate(rate))
    elif rate < 0:
        out.append(Notice.negative_success_rate(rate))
    if price_year != scenario.start_year:
        out.append(Notice.price_index_outside(scenario.start_year, price_year))
    horizon = scenario.settings.analysis_years
    if scenario.years_run > horizon:
        out.append(Notice.programme_beyond_period(scenario.start_year + horizon - 1))
    oldest_entry = max(AGE_GROUPS[g].stop - 1 for g in scenario.age_groups)
    first_cohort = int(np.flatnonzero(participants)[0])
    if oldest_entry + horizon - 1 - first_cohort > data.max_age:
        out.append(Notice.beyond_max_age(data.max_age))
    for a in applied_figures(data):
        if not 1 / FAR_OFF <= a.factor <= FAR_OFF:
            out.append(Notice.local_figure_far_off(a.price.label_nb, a.base_value, a.price.value,
                                                   data.price_base_year))  # fmt: skip
    if applied_figures(data):
        out.append(Notice.local_figures(applied_figures(data), data.fingerprint,
                                        data.price_base_year))  # fmt: skip
    return tuple(out)
