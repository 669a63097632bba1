"""How much of a result rests on figures of each confidence grade (issue 13; docs/data.md).

The gain's present value is a sum over sub-areas, and each sub-area's gap for the group has a
grade in the data set (1 = official statistic, 2 = research or close proxy, 3 = judgement).
`data_quality` gives the share of the gain's present value, in absolute terms (a sub-area that
saves counts as much as one that costs), resting on each grade. The implementation costs are
the user's own figures and are not part of it."""

from __future__ import annotations

import numpy as np

from utenfor.data.dataset import DataSet
from utenfor.model.engine import Plan, by_elapsed
from utenfor.terms import DATA_AREAS


def present_value_by_subarea(plan: Plan, data: DataSet) -> np.ndarray:
    """(sub-areas,): the present value of the gain from each sub-area, start-year prices.

    The same sum as the engine's, kept per sub-area: gap at entry age + e, weighted over entry
    ages; cohorts entering in year i reach e = tau - i; drop-off and discounting by tau."""
    h = plan.horizon
    gaps = by_elapsed(data.gaps[plan.group], plan.entry_weights, h)  # (h, sub-areas)
    since = np.arange(h) - plan.effect_delay
    staying = np.where(since >= 0, (1.0 - plan.dropoff) ** np.maximum(since, 0), 0.0)
    cohorts = np.zeros(h)  # sum over entry years i of n(i) * D(i + e)
    for i, n in enumerate(plan.participants[:h]):
        cohorts[: h - i] += n * plan.discount[i:]
    weight = staying * cohorts * plan.price_factor * plan.success_rate
    return weight @ gaps


def data_quality(plan: Plan, data: DataSet) -> dict[str, float] | None:
    """{"grade_1_pct", "grade_2_pct", "grade_3_pct"}: the shares, in per cent, of the gain's
    present value resting on each grade; None when the data set has no grades or no gain."""
    if data.grades is None:
        return None
    size = np.abs(present_value_by_subarea(plan, data))
    total = size.sum()
    if not total > 0:
        return None
    grades = data.grades[plan.group]
    return {f"grade_{k}_pct": float(100 * size[grades == k].sum() / total) for k in (1, 2, 3)}


# The data-level uncertainty the what-if tools give a figure by default, by its grade: ± this
# many per cent. A judgement, not a measurement (docs/analysis.md): an official statistic is
# close to right for its definition, research or a proxy may be a quarter off, a judgement half.
GRADE_SPREAD_PCT = {1: 10.0, 2: 25.0, 3: 50.0}
FLAT_SPREAD_PCT = 25.0  # without grades


def level_spread_pct(plan: Plan, data: DataSet) -> np.ndarray:
    """(data areas,): ± per cent on each area's data level, from the grades of its sub-areas,
    weighted by how much of the area's present value each carries (the worst grade of the
    area when it carries none); FLAT_SPREAD_PCT without grades."""
    out = np.full(len(DATA_AREAS), FLAT_SPREAD_PCT)
    if data.grades is None:
        return out
    size = np.abs(present_value_by_subarea(plan, data))
    spread = np.array([GRADE_SPREAD_PCT[int(g)] for g in data.grades[plan.group]])
    for i, area in enumerate(DATA_AREAS):
        cols = [j for j, s in enumerate(data.subareas) if s.area_id == area]
        weight = size[cols].sum()
        out[i] = (size[cols] @ spread[cols] / weight) if weight > 0 else spread[cols].max()
    return out
