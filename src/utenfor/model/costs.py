"""The intervention's own money in a scenario, per year and payer (docs/model.md, input 5):
its gross cost, and what offsets it (costs falling away, grants between payers).

Amounts are in start-year prices, not price-adjusted; years past the analysis period are
dropped. The engine (model/engine.py) takes the net; the what-if tools (model/decomposition.py)
the two parts.
"""

from __future__ import annotations

import numpy as np

from utenfor.model.scenario import Scenario
from utenfor.terms import PAYERS

PAYER_INDEX = {p: k for k, p in enumerate(PAYERS)}


def cost_parts(scenario: Scenario, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """(gross, offsets), each (H, payers): the intervention's gross cost (with any optimism
    uplift) and what offsets it (costs falling away, grants received minus grants given).

    Years past the horizon are dropped; amounts are in start-year prices.
    """
    gross, offsets = _cost_cells(scenario, horizon)
    return _table(gross, horizon), _table(offsets, horizon)


def implementation_costs(scenario: Scenario, horizon: int) -> np.ndarray:
    """(H, payers): cost - falling away - grants received + grants given, per year and payer.

    Entered in start-year prices, not price-adjusted; years past the horizon are dropped.
    """
    gross, offsets = _cost_cells(scenario, horizon)
    net = _table(gross, horizon)
    for key, amount in offsets.items():
        net[key] -= amount
    return net


Cells = dict[tuple[int, int], float]


def _cost_cells(scenario: Scenario, horizon: int) -> tuple[Cells, Cells]:
    """cost_parts as {(year index, payer index): amount}, only the cells that have one."""
    start, uplift = scenario.start_year, 1.0 + scenario.settings.optimism_cost_uplift_pct / 100.0
    gross: Cells = {}  # the uplift applies to the gross costs only
    offsets: Cells = {}
    entries = [
        (gross, year, payer, uplift * amount)
        for payer, table in scenario.costs.items()
        for year, amount in table.items()
    ]
    entries += [
        (offsets, year, payer, amount)
        for payer, table in scenario.costs_falling_away.items()
        for year, amount in table.items()
    ]
    for g in scenario.grants:
        entries += [(offsets, g.year, g.to, g.amount), (offsets, g.year, g.from_, -g.amount)]
    for cells, year, payer, amount in entries:
        if year - start < horizon:
            key = (year - start, PAYER_INDEX[payer])
            cells[key] = cells.get(key, 0.0) + amount
    return gross, offsets


def _table(cells: Cells, horizon: int) -> np.ndarray:
    table = np.zeros((horizon, len(PAYERS)))
    for key, amount in cells.items():
        table[key] = amount
    return table
