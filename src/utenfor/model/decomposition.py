"""The decomposition the what-if tools (model/analysis.py, model/uncertainty.py) rest on.

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

import numpy as np

from utenfor.data.dataset import DataSet
from utenfor.model.costs import cost_parts
from utenfor.model.engine import Plan, cash_flows, prepare
from utenfor.model.scenario import Scenario
from utenfor.terms import DATA_AREAS, PAYERS


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
    flows = cash_flows(unit, data)
    h = plan.horizon
    gross, offsets = cost_parts(scenario, h)
    d = plan.discount[:, None]
    haircut = 1.0 - scenario.settings.optimism_success_haircut_pct / 100.0
    return Decomposition(plan, flows.discounted[0, :h, : len(DATA_AREAS)], gross * d,
                         offsets * d, plan.success_rate, haircut)  # fmt: skip


# Thresholds ---------------------------------------------------------------------------------
