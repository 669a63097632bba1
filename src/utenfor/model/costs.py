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
    grants = [pair for g in scenario.grants  # received, then given, grant by grant
              for pair in ((g.to, {g.year: g.amount}), (g.from_, {g.year: -g.amount}))]  # fmt: skip
    for cells, scale, tables in (
        (gross, uplift, scenario.costs.items()),
        (offsets, None, scenario.costs_falling_away.items()),
        (offsets, None, grants),
    ):
        for payer, table in tables:
            k = PAYER_INDEX[payer]
            for year, amount in table.items():
                if year - start < horizon:
                    key = (year - start, k)
                    cells[key] = cells.get(key, 0.0) + (amount if scale is None else scale * amount)
    return gross, offsets


def _table(cells: Cells, horizon: int) -> np.ndarray:
    table = np.zeros((horizon, len(PAYERS)))
    for key, amount in cells.items():
        table[key] = amount
    return table
