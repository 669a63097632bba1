"""Many scenarios at once (issues 2 and 32): each plan's net gain by area and payer, and its
break-even year, without building the full cash flow (batch x years x areas x payers).

The present value is linear in the cash flow (docs/model.md, "The computation"), so the sum
over years is taken first. With W(e) = staying(e) * sum_i n(i) * d(i + e), the discounted
number of participants e years after their entry summed over the cohorts i, the gain of area
x for payer k is p * s * sum_e W(e) * T(e, x, k), where T is the age-weighted gain table of
model/engine.py. Plans with the same target group and age groups share T, so their sums are
one matrix product. The break-even year needs the yearly totals only: (batch, years).

The sums run in another order than `calculate`'s, so the figures agree with it to rounding,
not to the last bit (tests/test_sweep.py checks them against the plain-loop reference).
"""

from __future__ import annotations

import numpy as np

from utenfor.data.dataset import DataSet
from utenfor.model.engine import Plan, gain_table
from utenfor.model.result import break_even_index
from utenfor.terms import DATA_AREAS, PAYERS

KEYS = ("total", "by_payer", "by_area", "break_even")


def sweep(plans: list[Plan], data: DataSet, chunk: int = 4096) -> dict[str, np.ndarray]:
    """Net gain total (batch,), by payer (batch, payers), by area (batch, areas, payers) and
    break-even index (batch,; -1 for none) of many plans, `chunk` plans at a time."""
    parts = [_summary(plans[i : i + chunk], data) for i in range(0, len(plans), chunk)]
    return {k: np.concatenate([part[k] for part in parts]) for k in KEYS}


def _summary(plans: list[Plan], data: DataSet) -> dict[str, np.ndarray]:
    b, payers = len(plans), len(PAYERS)
    codes: dict[tuple[str, ...], int] = {}  # age groups -> a number
    numbers = np.array(
        [
            (
                len(p.discount),
                len(p.participants),
                p.effect_delay,
                p.dropoff,
                p.price_factor * p.success_rate,
                p.group,
                codes.setdefault(p.scenario.age_groups, len(codes)),
            )
            for p in plans
        ]
    )
    horizon, run = numbers[:, 0].astype(int), numbers[:, 1].astype(int)
    h, runs = int(horizon.max()), int(run.max())
    since = np.arange(h)[None, :] - numbers[:, 2, None]  # years since the effect started
    staying = (since >= 0).astype(float)  # the share still on the average course
    fall = np.flatnonzero(numbers[:, 3])  # plans with a drop-off: (1 - dropoff)^since
    staying[fall] *= (1.0 - numbers[fall, 3, None]) ** np.maximum(since[fall], 0)
    scale = numbers[:, 4]

    # Each plan's years end to end; `disc` is zero past each period, and `runs` years more
    # for the cohorts' shift.
    disc_flat = np.concatenate([p.discount for p in plans])
    cost_flat = np.concatenate([p.implementation for p in plans])  # (years, payers)
    disc = _padded(disc_flat, horizon, h + runs)
    n = _padded(np.concatenate([p.participants for p in plans]), run, runs)
    first = np.cumsum(horizon) - horizon
    implementation = -np.add.reduceat(disc_flat[:, None] * cost_flat, first, axis=0)

    weight = np.zeros((b, h))  # W(e): discounted participants e years after entry
    for i in range(runs):
        weight += n[:, i, None] * disc[:, i : i + h]
    weight *= staying
    gain = np.empty((b, len(DATA_AREAS) * payers))
    per_year = np.empty((b, h))  # T(e) over all areas and payers, times staying(e)
    tables = numbers[:, 5].astype(int) * len(codes) + numbers[:, 6].astype(int)
    order = np.argsort(tables, kind="stable")
    keys, starts = np.unique(tables[order], return_index=True)
    ages = list(codes)
    for key, rows in zip(keys.tolist(), np.split(order, starts[1:]), strict=True):
        group, age_groups = divmod(key, len(codes))
        table = gain_table(data, group, ages[age_groups], h).reshape(h, -1)
        gain[rows] = weight[rows] @ table
        per_year[rows] = table.sum(axis=1)[None, :] * staying[rows]
    gain *= scale[:, None]
    by_area = np.concatenate([gain.reshape(b, -1, payers), implementation[:, None, :]], axis=1)

    yearly = np.zeros((b, h))  # the undiscounted gain per year, all areas and payers
    for i in range(min(runs, h)):
        yearly[:, i:] += n[:, i, None] * per_year[:, : h - i]
    cost = _padded(cost_flat @ np.ones(payers), horizon, h)
    yearly = (yearly * scale[:, None] - cost) * disc[:, :h]
    by_payer = by_area.sum(axis=1)
    return {
        "total": by_payer.sum(axis=1),
        "by_payer": by_payer,
        "by_area": by_area,
        "break_even": break_even_index(np.cumsum(yearly, axis=1), horizon),
    }


def _padded(flat: np.ndarray, lengths: np.ndarray, width: int) -> np.ndarray:
    """(batch, width): rows of `lengths` (each <= width) end to end in `flat`, as the rows of
    one array, padded with zeros."""
    b = len(lengths)
    position = np.arange(len(flat)) + np.repeat(
        np.arange(b) * width - (np.cumsum(lengths) - lengths), lengths
    )
    out = np.zeros(b * width)
    out[position] = flat
    return out.reshape(b, width)
