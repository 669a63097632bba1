"""From cash flows to what the user reads (docs/model.md, "The computation" and "Outputs").

`Summary` holds the reductions for a whole batch as arrays; `Result` is one scenario's answer
with its JSON form (docs/formats.md, "JSON result"). Many plans' totals: model/sweep.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from utenfor import MODEL_VERSION
from utenfor.data.dataset import DataSet
from utenfor.data.evidence import programme
from utenfor.model.engine import Flows, Plan, cash_flows, prepare
from utenfor.model.local_figures import applied_figures, with_local_figures
from utenfor.model.scenario import Scenario
from utenfor.terms import AREAS, PAYERS

# The cumulative net gain counts as "no longer negative" above minus this many kroner: a
# millionth of a krone absorbs floating-point noise in sums that are zero in exact arithmetic.
BREAK_EVEN_TOLERANCE = 1e-6


def break_even_index(cumulative: np.ndarray, horizon: np.ndarray) -> np.ndarray:
    """First year index from which the cumulative net gain stays non-negative to the end of
    the analysis period; -1 where it is still negative in the last year.

    `cumulative` is (batch, H_max, ...); `horizon` (batch,) masks years past each period.
    """
    b, h = cumulative.shape[:2]
    negative = cumulative < -BREAK_EVEN_TOLERANCE
    final = horizon.reshape(b, *(1,) * (cumulative.ndim - 2))  # a payer axis, if any
    if b > 1 or horizon[0] < h:  # years past a period (a batch's shorter plans) don't count
        negative &= (np.arange(h)[None, :] < horizon[:, None]).reshape(b, h, *final.shape[1:])
    # one past the last negative year (argmax finds it from the end), 0 with none
    index = (h - negative[:, ::-1].argmax(axis=1)) * negative.any(axis=1)
    return np.where(index >= final, -1, index)


@dataclass(frozen=True, eq=False)
class Summary:
    """Reductions of one plan's discounted cash flow, as a batch of one (the leading axis of
    length 1); payer axis in `PAYERS` order."""

    by_area: np.ndarray  # (1, areas, payers)
    by_payer: np.ndarray  # (1, payers)
    cumulative: np.ndarray  # (1, H, payers)
    break_even: np.ndarray  # (1,) year index or -1
    break_even_by_payer: np.ndarray  # (1, payers)

    @classmethod
    def of(cls, flows: Flows) -> Summary:
        """The reductions of one plan's flows (cash_flows gives a batch of one, over the
        plan's whole period); break-even is found in Python, quicker than numpy at this size."""
        d = flows.discounted[0]  # (H, areas, payers)
        add = np.add  # add.reduce is what .sum() calls, without its Python wrapper
        by_area = add.reduce(d, axis=0)
        # (H, payers); einsum sums the areas in the same order, twice as fast
        cumulative = add.accumulate(np.einsum("hak->hk", d), axis=0)
        total = add.reduce(cumulative, axis=1)
        h = len(total)
        columns = [(total < -BREAK_EVEN_TOLERANCE).tolist(),
                   *(cumulative < -BREAK_EVEN_TOLERANCE).T.tolist()]  # fmt: skip
        index = [_after_last_negative(column, h) for column in columns]
        return cls(
            by_area=by_area[None],
            by_payer=add.reduce(by_area, axis=0)[None],
            cumulative=cumulative[None],
            break_even=np.array(index[:1]),
            break_even_by_payer=np.array([index[1:]]),
        )


def _after_last_negative(negative: list[bool], h: int) -> int:
    """break_even_index for one column of one plan whose period is all `h` years."""
    index = h - negative[::-1].index(True) if True in negative else 0
    return -1 if index >= h else index


def calculate(scenario: Scenario, data: DataSet) -> Result:
    """The model for one scenario: docs/model.md from inputs to outputs."""
    data = with_local_figures(data, scenario.local_figures)
    plan = prepare(scenario, data)
    flows = cash_flows(plan, data)
    return Result(plan, data, flows, Summary.of(flows))


def _f(x: Any) -> float:
    return float(x) + 0.0  # plain float, and -0.0 shown as 0.0


def payer_totals(values: np.ndarray) -> dict[str, float]:
    """`values` by payer (in `PAYERS` order) as {"total", each payer}, plain floats."""
    # + 0.0 turns -0.0 into 0.0; tolist() gives plain floats, all at once
    return {"total": _f(values.sum()), **dict(zip(PAYERS, (values + 0.0).tolist(), strict=True))}


@dataclass(frozen=True, eq=False)
class Result:
    """One scenario's result. Amounts are unrounded NOK at start-year prices, discounted to
    the start year; gains positive, costs negative."""

    plan: Plan
    data: DataSet
    flows: Flows
    summary: Summary

    @property
    def scenario(self) -> Scenario:
        return self.plan.scenario

    @property
    def years(self) -> np.ndarray:
        return self.plan.years

    @property
    def participants(self) -> int:
        return self.scenario.total_participants

    @property
    def cash_flow(self) -> np.ndarray:
        """(H, areas, payers), discounted."""
        return self.flows.discounted[0, : self.plan.horizon]

    @property
    def cash_flow_undiscounted(self) -> np.ndarray:
        return self.flows.undiscounted[0, : self.plan.horizon]

    @cached_property  # read many times by the page and the reports
    def net_gain(self) -> dict[str, float]:
        return payer_totals(self.summary.by_payer[0])

    @property
    def net_gain_per_participant(self) -> dict[str, float]:
        return {k: v / self.participants for k, v in self.net_gain.items()}

    @cached_property  # read many times by the page and the reports
    def by_area(self) -> dict[str, dict[str, float]]:
        return {a: payer_totals(self.summary.by_area[0, i]) for i, a in enumerate(AREAS)}

    @property
    def by_area_per_participant(self) -> dict[str, dict[str, float]]:
        n = self.participants
        return {a: {k: v / n for k, v in d.items()} for a, d in self.by_area.items()}

    @cached_property  # read many times by the page and the reports
    def cumulative(self) -> list[dict[str, float]]:
        rows = self.summary.cumulative[0, : self.plan.horizon]
        return [{"year": int(y), **payer_totals(r)} for y, r in zip(self.years, rows, strict=True)]

    def _break_even(self, index: int) -> dict[str, int] | None:
        if index < 0:
            return None
        return {"year": int(self.years[index]), "years": int(index)}

    @property
    def break_even(self) -> dict[str, int] | None:
        return self._break_even(int(self.summary.break_even[0]))

    @property
    def break_even_by_payer(self) -> dict[str, dict[str, int] | None]:
        row = self.summary.break_even_by_payer[0]
        return {p: self._break_even(int(i)) for p, i in zip(PAYERS, row, strict=True)}

    @property
    def warnings(self) -> list[dict[str, str]]:
        return [w.to_json() for w in self.plan.warnings]

    @cached_property  # read by to_json and by the report's text
    def data_quality(self) -> dict[str, float] | None:
        """The shares of the gain's present value resting on grade 1, 2 and 3 figures."""
        from utenfor.model.quality import data_quality

        return data_quality(self.plan, self.data)

    def _local_json(self) -> dict[str, Any]:
        """With local figures: the national data set's fingerprint and the figures as used."""
        applied = applied_figures(self.data)
        if not applied:
            return {}
        return {"national_fingerprint": self.data.metadata["national_fingerprint"],
                "local_figures": [a.to_json() for a in applied]}  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        """The JSON result of docs/formats.md (plus fields added since: see docs/)."""
        # Whole arrays to Python floats at once (+ 0.0 turns -0.0 into 0.0), in (year, area,
        # payer) order: five times faster than element by element.
        disc = (self.cash_flow + 0.0).ravel().tolist()
        undisc = (self.cash_flow_undiscounted + 0.0).ravel().tolist()
        keys = [(year, area, payer) for year in self.years.tolist() for area in AREAS
                for payer in PAYERS]  # fmt: skip
        cashflow = [
            {"year": y, "area": a, "payer": p, "discounted": d, "undiscounted": u}
            for (y, a, p), d, u in zip(keys, disc, undisc, strict=True)
        ]
        return {
            "model_version": MODEL_VERSION,
            "data": {
                "name": self.data.name,
                "version": self.data.version,
                "fingerprint": self.data.fingerprint,
                **self._local_json(),
            },
            "scenario": self.scenario.to_dict(),
            "success_rate": self.scenario.success_rate,
            "participants": self.participants,
            "price_factor": self.plan.price_factor,
            "analysis_period": {"from": int(self.years[0]), "to": int(self.years[-1])},
            "net_gain": self.net_gain,
            "net_gain_per_participant": self.net_gain_per_participant,
            "by_area": self.by_area,
            "cumulative": self.cumulative,
            "cashflow": cashflow,
            "break_even": self.break_even,
            "break_even_by_payer": self.break_even_by_payer,
            "warnings": self.warnings,
            "data_quality": self.data_quality,
        } | self._evidence_json()

    def _evidence_json(self) -> dict[str, Any]:
        """The documented programme behind the success rate, with its sources (issue 33);
        nothing when the scenario names none."""
        chosen = programme(self.scenario.evidence_id) if self.scenario.evidence_id else None
        if chosen is None:
            return {}
        keep = ("id", "name", "success_pct", "base_pct", "grade", "design", "outcome", "sources")
        return {
            "evidence": {k: v for k, v in chosen.to_json().items() if k in keep}
            | {
                "note": "The success rate stays the user's assumption; the library is a "
                "starting point, not a promise."
            }
        }
