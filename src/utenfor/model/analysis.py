"""What-if tools on top of the engine (issue 6): thresholds, one-way sensitivity, uncertainty
and co-financing. Pure and vectorised.

They rest on the model being linear. In present value, for each payer and year:

    net = s * G + O - k * C

where s is the success rate, G the discounted gains at a success rate of 1 (by area), C the
discounted gross cost of the intervention, k a factor on the entered costs (1 as entered) and O
what offsets the cost (costs falling away, grants received minus given). Participants scale G
like s does. The decomposition is computed once with the engine; every threshold is then a
ratio and every random draw a product (tests check the results against full recalculation).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from utenfor.data.dataset import DataSet
from utenfor.model.engine import Plan, cash_flows, cost_parts, prepare
from utenfor.model.local_figures import with_local_figures
from utenfor.model.quality import level_spread_pct
from utenfor.model.result import BREAK_EVEN_TOLERANCE
from utenfor.model.scenario import Issue, Scenario, ScenarioError
from utenfor.terms import DATA_AREAS, PAYERS

KEYS = ("total", *PAYERS)
SPREAD_MESSAGE = "må ha lav ≤ sannsynlig ≤ høy"
LEVEL = "level_"  # sensitivity parameters "level_<area>": the data level of one area


@dataclass(frozen=True, eq=False)
class Decomposition:
    """The pieces of net = s * G + O - k * C, discounted, for one scenario."""

    plan: Plan
    gains: np.ndarray  # (H, data areas, payers) at success rate 1
    cost: np.ndarray  # (H, payers) gross cost C, positive
    offsets: np.ndarray  # (H, payers) O
    success_rate: float  # s as the engine uses it (after any optimism haircut)
    haircut: float  # the factor from the entered success rate to s

    @property
    def years(self) -> np.ndarray:
        return self.plan.years

    def net(self, s: float | None = None, k: float = 1.0, level: np.ndarray | None = None):
        """(H, payers): the discounted net cash flow at success rate s, cost factor k and a
        data-level factor per area (`level`, shape (data areas,), 1 as the data say)."""
        s = self.success_rate if s is None else s
        gains = self.gains if level is None else self.gains * level[None, :, None]
        return s * gains.sum(axis=1) + self.offsets - k * self.cost

    def totals(self, s: float | None = None, k: float = 1.0, level=None) -> dict[str, float]:
        by_payer = self.net(s, k, level).sum(axis=0)
        return {
            "total": float(by_payer.sum()),
            **dict(zip(PAYERS, map(float, by_payer), strict=True)),
        }


def decompose(scenario: Scenario, data: DataSet) -> Decomposition:
    plan = prepare(scenario, data)
    unit = replace(plan, success_rate=1.0)
    flows = cash_flows([unit], data)
    h = plan.horizon
    gross, offsets = cost_parts(scenario, h)
    d = plan.discount[:, None]
    haircut = 1.0 - scenario.settings.optimism_success_haircut_pct / 100.0
    return Decomposition(plan, flows.discounted[0, :h, : len(DATA_AREAS)], gross * d,
                         offsets * d, plan.success_rate, haircut)  # fmt: skip


# Thresholds ---------------------------------------------------------------------------------


def _ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator where the threshold exists (the line crosses zero upwards)."""
    if denominator <= 0:
        return None
    return numerator / denominator


def thresholds(dec: Decomposition, within_years: int = 4) -> dict[str, Any]:
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
    out: dict[str, Any] = {"success_rate_pct": {}, "successful_participants": {},
                           "cost_factor": {}}  # fmt: skip
    for key in KEYS:
        s_star = _ratio(c[key] - o[key], g[key])
        out["success_rate_pct"][key] = _entered_pct(s_star, dec.haircut)
        out["successful_participants"][key] = None if s_star is None else s_star * n
        covered = dec.success_rate * g[key] + o[key]
        out["cost_factor"][key] = _ratio(covered, c[key]) if c[key] > 0 else None
    covered_total = dec.success_rate * g["total"] + o["total"]
    out["cost_per_year"] = covered_total / yearly_pv if yearly_pv else None
    out["break_even_within"] = {
        "years": within_years,
        "success_rate_pct": _break_even_rate(dec, within_years),
    }
    return out


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


def sensitivity(scenario: Scenario, data: DataSet, dec: Decomposition | None = None) -> dict:
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
    items = [{"parameter": name, "low": lo["total"], "high": hi["total"]}
             | ({"spread_pct": float(spread[DATA_AREAS.index(name[len(LEVEL):])])}
                if name.startswith(LEVEL) else {})
             for name, lo, hi in rows]  # fmt: skip
    items.sort(key=lambda r: abs(r["high"] - r["low"]), reverse=True)
    return {"base": base, "items": items}


def _recalculated(scenario: Scenario, data: DataSet, settings: dict) -> dict[str, float]:
    changed = scenario.model_copy(
        update={"settings": scenario.settings.model_copy(update=settings)}
    )
    return decompose(changed, data).totals()


# Uncertainty --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    """Low / likely / high of an input; for the success rate in percentage points, for costs
    and the data level in per cent of what is entered."""

    low: float
    likely: float
    high: float

    @property
    def valid(self) -> bool:
        return bool(np.isfinite([self.low, self.likely, self.high]).all()
                    and self.low <= self.likely <= self.high)  # fmt: skip

    def check(self, name: str) -> None:
        """Raise a `ScenarioError` naming `name` unless low <= likely <= high, all finite."""
        if not self.valid:
            raise ScenarioError([Issue(name, SPREAD_MESSAGE)])

    def mean(self, kind: str) -> float:
        if kind == "pert":
            return (self.low + 4 * self.likely + self.high) / 6
        return (self.low + self.likely + self.high) / 3

    def draw(self, rng: np.random.Generator, n: int, kind: str) -> np.ndarray:
        if self.high == self.low:
            return np.full(n, self.low)
        if kind == "pert":
            span = self.high - self.low
            alpha = 1 + 4 * (self.likely - self.low) / span
            beta = 1 + 4 * (self.high - self.likely) / span
            return self.low + span * rng.beta(alpha, beta, n)
        return rng.triangular(self.low, self.likely, self.high, n)


def default_spreads(scenario: Scenario) -> dict[str, Spread]:
    """When the user gives none: success rate ±50 %, costs -10 % / +30 % (overruns are more
    common than savings), data level as given."""
    s = scenario.success_rate_pct
    lo, hi = sorted((0.5 * s, 1.5 * s))
    return {"success_rate_pct": Spread(lo, s, hi), "cost_pct": Spread(90, 100, 130)}


def _percentiles(values: np.ndarray, qs: tuple[float, ...]) -> np.ndarray:
    """np.percentile's default (linear) method along the last axis, by one sort: for a few
    percentiles of many rows about five times faster than numpy's partitioning."""
    x = np.sort(values, axis=-1)
    n = x.shape[-1]
    out = []
    for q in qs:
        at = q / 100 * (n - 1)
        lo = int(np.floor(at))
        hi = min(lo + 1, n - 1)
        out.append(x[..., lo] + (x[..., hi] - x[..., lo]) * (at - lo))
    return np.array(out)


def uncertainty(
    dec: Decomposition,
    success_rate_pct: Spread,
    cost_pct: Spread,
    level_pct: Spread | None = None,
    area_spread_pct: np.ndarray | None = None,
    draws: int = 10_000,
    seed: int = 20_191,
    distribution: Literal["triangular", "pert"] = "triangular",
) -> dict[str, Any]:
    """P10/P50/P90 of the net gain, the chance it is positive, and a fan of the cumulative net
    gain per year, from `draws` random draws (a fixed seed gives the same numbers). The data
    level is one factor for all areas when `level_pct` is given; else, with `area_spread_pct`
    (± per cent per data area, from the grades), each area's level is drawn on its own,
    triangular around 1."""
    for name, spread in (("success_rate_pct", success_rate_pct), ("cost_pct", cost_pct),
                         ("level_pct", level_pct)):  # fmt: skip
        if spread is not None:
            spread.check(name)
    rng = np.random.default_rng(seed)
    s = success_rate_pct.draw(rng, draws, distribution) / 100 * dec.haircut
    k = cost_pct.draw(rng, draws, distribution) / 100
    by_area = level_pct is None and area_spread_pct is not None
    if by_area:  # (draws, areas): each area's level on its own
        width = np.asarray(area_spread_pct, dtype=float) / 100
        lvl = np.stack([rng.triangular(1 - w, 1, 1 + w, draws) if w > 0 else np.ones(draws)
                        for w in width], axis=1)  # fmt: skip
    else:  # (draws, 1): one level for all areas
        lvl = (level_pct.draw(rng, draws, distribution) / 100 if level_pct
               else np.ones(draws))[:, None]  # fmt: skip
    area_gain = dec.gains.sum(axis=0)  # (areas, payers) at s = 1
    if not by_area:
        area_gain = area_gain.sum(axis=0, keepdims=True)
    o, c = dec.offsets.sum(axis=0), dec.cost.sum(axis=0)
    by_payer = s[:, None] * (lvl @ area_gain) + o - k[:, None] * c  # (draws, payers)
    totals = by_payer.sum(axis=1)
    yearly = dec.gains.sum(axis=2) if by_area else dec.gains.sum(axis=(1, 2))[:, None]
    cumulative = (np.cumsum(yearly, axis=0) @ (lvl * s[:, None]).T  # (H, draws)
                  + np.cumsum(dec.offsets.sum(axis=1))[:, None]
                  - np.outer(np.cumsum(dec.cost.sum(axis=1)), k))  # fmt: skip
    fan = _percentiles(cumulative, (10, 50, 90))

    def summary(values: np.ndarray) -> dict[str, float]:
        p10, p50, p90 = _percentiles(values, (10, 50, 90))
        return {"p10": float(p10), "p50": float(p50), "p90": float(p90),
                "mean": float(values.mean()), "sd": float(values.std(ddof=1))}  # fmt: skip

    return {
        "draws": draws,
        "seed": seed,
        "distribution": distribution,
        "inputs": {
            "success_rate_pct": vars(success_rate_pct),
            "cost_pct": vars(cost_pct),
            "level_pct": vars(level_pct) if level_pct else None,
            "level_by_area_pct": (
                dict(zip(DATA_AREAS, map(float, area_spread_pct), strict=True)) if by_area else None
            ),
        },
        "net_gain": {
            "total": summary(totals),
            **{p: summary(by_payer[:, i]) for i, p in enumerate(PAYERS)},
        },
        "probability_positive": float((totals > 0).mean()),
        "fan": [
            {"year": int(y), "p10": float(a), "p50": float(b), "p90": float(c_)}
            for y, a, b, c_ in zip(dec.years, *fan, strict=True)
        ],
    }


def expected_total(dec: Decomposition, success: Spread, cost: Spread, level: Spread | None,
                   distribution: str = "triangular") -> float:  # fmt: skip
    """The analytic mean of the total net gain (inputs independent, the model linear)."""
    s = success.mean(distribution) / 100 * dec.haircut
    lvl = level.mean(distribution) / 100 if level else 1.0
    k = cost.mean(distribution) / 100
    return float(s * lvl * dec.gains.sum() + dec.offsets.sum() - k * dec.cost.sum())


# Co-financing -------------------------------------------------------------------------------


def cofinancing(dec: Decomposition) -> dict[str, Any]:
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
        p: {
            "cost_carried": float(cost[i]),
            "gain_received": float(gain[i]),
            "net": float(net[i]),
            "proposed_cost_share": float(gain[i] - proposed_net[i]),
            "proposed_net": float(proposed_net[i]),
        }
        for i, p in enumerate(PAYERS)
    }
    return {"total": total, "payers": rows}


def analyse(scenario: Scenario, data: DataSet, **uncertainty_options) -> dict[str, Any]:
    """Everything above for one scenario, as JSON (keys documented in docs/analysis.md)."""
    data = with_local_figures(data, scenario.local_figures)
    dec = decompose(scenario, data)
    spreads = default_spreads(scenario) | {k: v for k, v in uncertainty_options.items()
                                           if k in ("success_rate_pct", "cost_pct")}  # fmt: skip
    extra = {k: v for k, v in uncertainty_options.items() if k not in spreads}
    return {
        "net_gain": dec.totals(),
        "thresholds": thresholds(dec),
        "sensitivity": sensitivity(scenario, data, dec),
        "uncertainty": uncertainty(
            dec,
            spreads["success_rate_pct"],
            spreads["cost_pct"],
            area_spread_pct=level_spread_pct(dec.plan, data),
            **extra,
        ),
        "cofinancing": cofinancing(dec),
    }
