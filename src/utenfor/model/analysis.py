"""What-if tools on top of the engine (issue 6): thresholds, one-way sensitivity, uncertainty
and co-financing. Pure and vectorised.

They rest on the model being linear (model/decomposition.py): the decomposition is computed
once with the engine; every threshold is then a ratio and every random draw a product (tests
check the results against full recalculation). The uncertainty draws are in
model/uncertainty.py, the result types in model/analysis_results.py.
"""

from __future__ import annotations

import numpy as np

from utenfor.data.dataset import DataSet
from utenfor.model.analysis_results import (
    Analysis,
    BreakEvenWithin,
    Cofinancing,
    PayerShare,
    Sensitivity,
    SensitivityItem,
    Thresholds,
)
from utenfor.model.decomposition import Decomposition, decompose
from utenfor.model.local_figures import with_local_figures
from utenfor.model.quality import level_spread_pct
from utenfor.model.result import BREAK_EVEN_TOLERANCE
from utenfor.model.scenario import Scenario
from utenfor.model.uncertainty import default_spreads, uncertainty
from utenfor.terms import DATA_AREAS, PAYERS

KEYS = ("total", *PAYERS)
LEVEL = "level_"  # sensitivity parameters "level_<area>": the data level of one area

__all__ = ["LEVEL", "analyse", "cofinancing", "decompose", "sensitivity", "thresholds"]


def _ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator where the threshold exists (the line crosses zero upwards)."""
    if denominator <= 0:
        return None
    return numerator / denominator


def thresholds(dec: Decomposition, within_years: int = 4) -> Thresholds:
    """Where the net gain over the period is exactly 0, total and per payer.

    - success rate (entered percentage points) at which the net gain is 0;
    - successful participants needed (that rate x participants);
    - highest cost: as a factor on the entered costs, and as an equal yearly amount;
    - the success rate for break-even within `within_years` years (a council's term is 4).
    """
    n = dec.plan.scenario.total_participants
    gains = dec.gains.sum(axis=(0, 1))  # (payers,) at s = 1
    cost, offsets = dec.cost.sum(axis=0), dec.offsets.sum(axis=0)
    g = {"total": gains.sum(), **dict(zip(PAYERS, gains, strict=True))}
    c = {"total": cost.sum(), **dict(zip(PAYERS, cost, strict=True))}
    o = {"total": offsets.sum(), **dict(zip(PAYERS, offsets, strict=True))}
    run_years = [t for t in range(dec.plan.scenario.years_run) if t < dec.plan.horizon]
    yearly_pv = float(dec.plan.discount[run_years].sum()) * (
        1.0 + dec.plan.scenario.settings.optimism_cost_uplift_pct / 100.0
    )
    rate, participants, factor = {}, {}, {}
    for key in KEYS:
        s_star = _ratio(c[key] - o[key], g[key])
        rate[key] = _entered_pct(s_star, dec.haircut)
        participants[key] = None if s_star is None else s_star * n
        covered = dec.success_rate * g[key] + o[key]
        factor[key] = _ratio(covered, c[key]) if c[key] > 0 else None
    covered_total = dec.success_rate * g["total"] + o["total"]
    return Thresholds(
        success_rate_pct=rate,
        successful_participants=participants,
        cost_factor=factor,
        cost_per_year=covered_total / yearly_pv if yearly_pv else None,
        break_even_within=BreakEvenWithin(within_years, _break_even_rate(dec, within_years)),
    )


def _break_even_rate(dec: Decomposition, within_years: int) -> float | None:
    """Lowest success rate (entered points) at which the cumulative net gain stays
    non-negative from year start + within_years - 1 to the end of the period."""
    a = np.cumsum(dec.gains.sum(axis=(1, 2)))  # cumulative gain per unit success rate
    b = np.cumsum((dec.offsets - dec.cost).sum(axis=1))
    first = max(within_years - 1, 0)
    if first >= len(a):
        return None
    a, b = a[first:], b[first:]
    if np.any((a <= 0) & (b < -BREAK_EVEN_TOLERANCE)):
        return None  # some year stays negative whatever the success rate
    need = np.where(a > 0, -b / np.where(a > 0, a, 1.0), -np.inf)
    return _entered_pct(max(float(need.max()), 0.0), dec.haircut)


def _entered_pct(s_star: float | None, haircut: float) -> float | None:
    """The success rate s* the engine needs, as the rate the user enters (points, before the
    optimism haircut). With a 100 % haircut no entered rate has an effect: only s* <= 0 is
    reached (at 0), anything else never."""
    if s_star is None or (haircut == 0 and s_star > 0):
        return None
    return 0.0 if haircut == 0 else 100 * s_star / haircut


# One-way sensitivity ------------------------------------------------------------------------


def sensitivity(scenario: Scenario, data: DataSet, dec: Decomposition | None = None
                ) -> Sensitivity:  # fmt: skip
    """The total net gain when one input moves and the rest stay: a tornado, widest first."""
    dec = dec or decompose(scenario, data)
    base = dec.totals()["total"]
    s = dec.success_rate
    rows = [
        ("success_rate", dec.totals(s * 0.5), dec.totals(s * 1.5)),
        ("cost", dec.totals(k=0.75), dec.totals(k=1.25)),
    ]
    for name, low, high in (
        ("discount_rate", {"discount_rate_pct": 2, "discount_schedule": None},
         {"discount_rate_pct": 6, "discount_schedule": None}),
        ("analysis_years", {"analysis_years": 20}, {"analysis_years": 60}),
    ):  # fmt: skip
        rows.append((name, *(_recalculated(scenario, data, change) for change in (low, high))))
    spread = level_spread_pct(dec.plan, data)  # from the grades (model/quality.py)
    for i, area in enumerate(DATA_AREAS):
        lo_level, hi_level = np.ones(len(DATA_AREAS)), np.ones(len(DATA_AREAS))
        lo_level[i], hi_level[i] = 1 - spread[i] / 100, 1 + spread[i] / 100
        rows.append((f"{LEVEL}{area}", dec.totals(level=lo_level), dec.totals(level=hi_level)))
    # The parameter is a code; its words are the presentation's (reports/language.py).
    items = [SensitivityItem(name, lo["total"], hi["total"],
                             float(spread[DATA_AREAS.index(name[len(LEVEL):])])
                             if name.startswith(LEVEL) else None)
             for name, lo, hi in rows]  # fmt: skip
    items.sort(key=lambda i: abs(i.high - i.low), reverse=True)
    return Sensitivity(base, tuple(items))


def _recalculated(scenario: Scenario, data: DataSet, settings: dict) -> dict[str, float]:
    changed = scenario.model_copy(
        update={"settings": scenario.settings.model_copy(update=settings)}
    )
    return decompose(changed, data).totals()


# Co-financing -------------------------------------------------------------------------------


def cofinancing(dec: Decomposition) -> Cofinancing:
    """Who invests and who gains, and a split of the cost in proportion to the gains.

    Proposed split: each payer with a positive gain keeps the same share of the total net gain
    as its share of the positive gains; a payer with a loss is compensated to zero. The
    proposed nets sum to the total and are all >= 0 whenever the total is.
    """
    gain = dec.success_rate * dec.gains.sum(axis=(0, 1))
    cost = (dec.cost - dec.offsets).sum(axis=0)  # what each payer carries, grants included
    net = gain - cost
    total = float(net.sum())
    positive = np.maximum(gain, 0.0)
    weights = positive / positive.sum() if positive.sum() > 0 else np.full(len(PAYERS), 1 / 3)
    proposed_net = total * weights
    rows = {
        p: PayerShare(float(cost[i]), float(gain[i]), float(net[i]),
                      float(gain[i] - proposed_net[i]), float(proposed_net[i]))
        for i, p in enumerate(PAYERS)
    }  # fmt: skip
    return Cofinancing(total, rows)


def analyse(scenario: Scenario, data: DataSet, **uncertainty_options) -> Analysis:
    """Everything above for one scenario (its JSON, `.to_json()`, is in docs/analysis.md)."""
    data = with_local_figures(data, scenario.local_figures)
    dec = decompose(scenario, data)
    spreads = default_spreads(scenario) | {k: v for k, v in uncertainty_options.items()
                                           if k in ("success_rate_pct", "cost_pct")}  # fmt: skip
    extra = {k: v for k, v in uncertainty_options.items() if k not in spreads}
    return Analysis(
        net_gain=dec.totals(),
        thresholds=thresholds(dec),
        sensitivity=sensitivity(scenario, data, dec),
        uncertainty=uncertainty(
            dec,
            spreads["success_rate_pct"],
            spreads["cost_pct"],
            area_spread_pct=level_spread_pct(dec.plan, data),
            **extra,
        ),
        cofinancing=cofinancing(dec),
    )
