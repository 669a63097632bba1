"""Scenario + data set -> cash flow, year x area x payer (docs/model.md, "The computation").

Two steps. `prepare` turns one validated scenario into plain numbers (a `Plan`); `cash_flows`
computes its cash flow, vectorised over years, ages and areas (many plans' totals at once:
model/sweep.py). The only Python loop in the hot path is over the programme's entry years (a
handful).

Notation as in the spec: start year S, analysis period H, year index tau = t - S, discount
factor d(tau) = (1 + r)^-tau, price factor p, success rate s, participants n(i) entering in
programme year i, effect delay D (years each intervention lasts, or 0 with "at_entry").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from utenfor.data.dataset import DataSet
from utenfor.model.costs import implementation_costs
from utenfor.model.errors import N_
from utenfor.model.local_figures import FAR_OFF, applied_figures
from utenfor.model.notices import Notice
from utenfor.model.scenario import HIGH_SUCCESS_RATE_PCT, Issue, Scenario, ScenarioError
from utenfor.terms import AGE_GROUPS

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
    """The cash flow of one plan, shape (1, H, areas, payers), `AREAS` order (a batch of one,
    as the reductions in model/result.py take it). Gains are positive, costs negative."""

    undiscounted: np.ndarray
    discounted: np.ndarray


def entry_weights(age_groups: tuple[str, ...]) -> np.ndarray:
    """Share of a cohort entering at each single age 0..19 (one read-only array per choice)."""
    return _entry_weights(tuple(age_groups))


def _frozen(a: np.ndarray) -> np.ndarray:
    """`a`, read-only: the engine's caches hand the same array to every caller."""
    a.flags.writeable = False
    return a


@lru_cache(maxsize=64)
def _entry_weights(age_groups: tuple[str, ...]) -> np.ndarray:
    """Share of a cohort entering at each single age 0..19.

    Participants spread evenly over the ages of their age group; with two age groups each
    carries half, which gives the unweighted mean of the two single-group results (the
    guide's "average of averages"), since the model is linear in these weights.
    """
    w = np.zeros(ENTRY_AGES)
    for group in age_groups:
        ages = AGE_GROUPS[group]
        w[ages.start : ages.stop] += 1.0 / (len(ages) * len(age_groups))
    return _frozen(w)


def discount_factors(rate: float, horizon: int, schedule=None) -> np.ndarray:
    """d(tau) = (1 + r)^-tau, tau = 0 … H-1: the start year is not discounted.

    With a declining `schedule` (steps of from_year, rate_pct), each year is discounted at the
    rate of the step it falls in: d(tau) = prod_i (1 + r_i)^-(years of step i before tau). A
    single step gives exactly the formula above.
    """
    if not schedule:
        return _flat_discount(rate, horizon)
    tau = np.arange(horizon, dtype=float)
    starts = [step.from_year for step in schedule]
    ends = [*starts[1:], np.inf]
    d = np.ones(horizon)
    for step, start, end in zip(schedule, starts, ends, strict=True):
        years = np.clip(tau, start, end) - start  # years of this step before tau
        d = d * (1.0 + step.rate_pct / 100.0) ** -years
    return d


@lru_cache(maxsize=256)
def _flat_discount(rate: float, horizon: int) -> np.ndarray:
    return _frozen((1.0 + rate) ** -np.arange(horizon, dtype=float))


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
    entering = [scenario.participants.get(y, 0) for y in scenario.programme_years]
    return Plan(
        scenario=scenario,
        group=gi,
        entry_weights=entry_weights(scenario.age_groups),
        participants=np.array(entering, dtype=float),
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
        warnings=_warnings(scenario, data, entering, price_year),
        dropoff=scenario.settings.dropoff_pct / 100.0,
    )


def cash_flows(plan: Plan, data: DataSet) -> Flows:
    """Compute the cash flows of one plan (a batch of one).

    gain(tau) = p * s * sum_i n(i) * G(tau - i), where G(e) is the gain per successful
    participant e years after entry: the age-weighted gap at entry age + e, counted from
    e = D on, zero past the data set's maximum age. For many plans' totals, see model/sweep.py.
    """
    h = plan.horizon
    per_successful = successful_gain(data, plan, h)
    first, *later = plan.participants[:h].tolist()  # new participants per entry year
    gain = first * per_successful  # (h, data areas, payers): those entering in year 0, e = tau
    for i, n in enumerate(later, start=1):  # entry year i: e = tau - i
        if n:  # (a year without new participants adds nothing)
            gain[i:] += n * per_successful[: h - i]
    gain *= plan.price_factor * plan.success_rate
    # `AREAS` order: the data areas, then the implementation
    undiscounted = np.concatenate([gain, -plan.implementation[:, None, :]], axis=1)[None]
    discounted = undiscounted * plan.discount[None, :, None, None]
    return Flows(undiscounted, discounted)


def successful_gain(data: DataSet, plan: Plan, h: int) -> np.ndarray:
    """(h, data areas, payers): G(e), the gain per successful participant e = 0 … h-1 years
    after entry (before prices and success rate): the age-weighted gap times the share still
    on the average course."""
    key = ("successful", plan.group, plan.scenario.age_groups, h, plan.effect_delay, plan.dropoff)
    return _kept(data, key, lambda: gain_table(data, plan.group, plan.scenario.age_groups, h)
                 * staying(plan.effect_delay, plan.dropoff, h)[:, None, None])  # fmt: skip


def gain_table(data: DataSet, group: int, age_groups: tuple[str, ...], h: int) -> np.ndarray:
    """(h, data areas, payers): sum over entry ages a0 of w(a0) * gain(group, a0 + e)."""
    return _kept(data, ("table", group, age_groups, h),
                 lambda: by_elapsed(data.gains[group], entry_weights(age_groups), h))  # fmt: skip


def _kept(data: DataSet, key: tuple, compute) -> np.ndarray:
    """compute(), kept with the data set under `key` (read-only). Bounded: a few hundred
    arrays of at most 80 x 6 x 3 numbers."""
    memo = data.memo
    found = memo.get(key)
    if found is None:
        if len(memo) >= 512:
            memo.clear()
        found = memo[key] = _frozen(compute())
    return found


def staying(delay: int, dropoff: float, h: int) -> np.ndarray:
    """(h,): the share of the successful still on the average course e = 0 … h-1 years after
    entry: 0 before the effect starts (e < D), then (1 - dropoff)^(e - D)."""
    since = np.arange(h) - delay  # years since the effect started
    return np.where(since >= 0, (1.0 - dropoff) ** np.maximum(since, 0), 0.0)


def by_elapsed(per_age: np.ndarray, weights: np.ndarray, h: int) -> np.ndarray:
    """(h, …): sum over entry ages a0 of weights(a0) * per_age(a0 + e), for e = 0 … h-1;
    zero past the last age. `per_age` is (ages, …) with any further axes."""
    padded = np.concatenate([per_age, np.zeros((ENTRY_AGES + h, *per_age.shape[1:]))])
    ages = np.arange(ENTRY_AGES)[:, None] + np.arange(h)[None, :]  # (entry ages, h)
    return np.tensordot(weights, padded[ages], axes=(0, 0))


def _warnings(
    scenario: Scenario, data: DataSet, participants: list[int], price_year: int
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
    oldest_entry = max([AGE_GROUPS[g].stop - 1 for g in scenario.age_groups])
    first_cohort = next(i for i, n in enumerate(participants) if n)
    if oldest_entry + horizon - 1 - first_cohort > data.max_age:
        out.append(Notice.beyond_max_age(data.max_age))
    applied = applied_figures(data)
    for a in applied:
        if not 1 / FAR_OFF <= a.factor <= FAR_OFF:
            out.append(Notice.local_figure_far_off(a.price.label_nb, a.base_value, a.price.value,
                                                   data.price_base_year))  # fmt: skip
    if applied:
        out.append(Notice.local_figures(applied, data.fingerprint,
                                        data.price_base_year))  # fmt: skip
    return tuple(out)
