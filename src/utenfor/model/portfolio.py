"""A plan for the council (issue 15, item 4): several initiatives added up.

Each initiative is a scenario with its own result. To add them, the plan brings every cash flow
to one footing: the plan's base year B is the earliest start year; an initiative's amounts, in
its own start-year prices, are moved to B's prices by index(B) / index(S); and the plan
discounts every year t by d(t - B) with the initiatives' common discount settings (a plan
refuses initiatives with different settings: their sum would mean nothing). With one start year
for all, the plan's cash flow is exactly the sum of the initiatives' own.

Break-even is the model's rule (docs/model.md) on the plan's summed, discounted cash flow.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from utenfor.data.dataset import DataSet
from utenfor.marks import N_
from utenfor.model.engine import discount_factors
from utenfor.model.errors import Issue, ScenarioError
from utenfor.model.result import Result, break_even_index, calculate, payer_totals
from utenfor.model.scenario import Scenario
from utenfor.terms import AREAS, PAYERS


@dataclass(frozen=True)
class Overlap:
    """Two initiatives taking participants from the same target group and age in the same
    years: the same children may be counted twice."""

    first: str
    second: str
    years: tuple[int, ...]

    TEMPLATE = N_(
        "«{first}» og «{second}» tar deltakere fra samme målgruppe og alder i samme "
        "år ({years}): de samme barna kan bli telt to ganger."
    )

    @property
    def message(self) -> str:
        """In bokmål (the JSON's message)."""
        return self.text(lambda template: template)

    def text(self, gettext) -> str:
        """In the language of `gettext` (the plan page, issue 31, item 18)."""
        years = f"{self.years[0]}–{self.years[-1]}" if len(self.years) > 1 else str(self.years[0])
        return gettext(self.TEMPLATE).format(first=self.first, second=self.second, years=years)


def intake_years(s: Scenario) -> set[int]:
    return {year for year, n in s.participants.items() if n > 0}


def overlaps(initiatives: list[tuple[str, Scenario]]) -> list[Overlap]:
    found = []
    for i, (name_a, a) in enumerate(initiatives):
        for name_b, b in initiatives[i + 1 :]:
            years = intake_years(a) & intake_years(b)
            if a.target_group == b.target_group and set(a.age_groups) & set(b.age_groups) and years:
                found.append(Overlap(name_a, name_b, tuple(sorted(years))))
    return found


def _same_discounting(initiatives: list[tuple[str, Scenario]]) -> None:
    def key(s: Scenario):
        return (s.settings.discount_rate_pct, s.settings.discount_schedule)

    first_name, first = initiatives[0]
    for name, s in initiatives[1:]:
        if key(s) != key(first):
            raise ScenarioError([Issue(f"initiatives.{name}", N_(
                "har en annen diskontering enn «{first}»; tiltakene i en plan må diskonteres "
                "likt for at summen skal bety noe"), {"first": first_name})])  # fmt: skip


@dataclass(frozen=True, eq=False)
class Portfolio:
    """The plan's answer. `cash_flow` is (years, areas, payers) in base-year prices, discounted
    to the base year; `parts` is the same per initiative, in initiative order."""

    names: tuple[str, ...]
    results: tuple[Result, ...]
    base_year: int
    parts: np.ndarray  # (initiatives, H, areas, payers)
    overlaps: tuple[Overlap, ...]

    @property
    def years(self) -> np.ndarray:
        return np.arange(self.base_year, self.base_year + self.parts.shape[1])

    @cached_property
    def cash_flow(self) -> np.ndarray:
        return self.parts.sum(axis=0)

    @cached_property
    def net_gain(self) -> dict[str, float]:
        return payer_totals(self.cash_flow.sum(axis=(0, 1)))

    @cached_property
    def by_area(self) -> dict[str, dict[str, float]]:
        per = self.cash_flow.sum(axis=0)  # (areas, payers)
        return {a: payer_totals(per[i]) for i, a in enumerate(AREAS)}

    @property
    def participants(self) -> int:
        return sum(r.participants for r in self.results)

    @property
    def by_initiative(self) -> dict[str, float]:
        """Each initiative's net gain on the plan's footing; negative: costs more than it
        returns."""
        return dict(zip(self.names, self.parts.sum(axis=(1, 2, 3)).tolist(), strict=True))

    @property
    def yearly(self) -> np.ndarray:
        """(H, payers): the plan's discounted net gain per year and payer."""
        return self.cash_flow.sum(axis=1)

    def to_json(self) -> dict:
        return {
            "base_year": self.base_year,
            "initiatives": [
                {
                    "name": n,
                    "target_group": r.scenario.target_group,
                    "start_year": r.scenario.start_year,
                    "participants": r.participants,
                    "net_gain": g,
                }
                for (n, g), r in zip(self.by_initiative.items(), self.results, strict=True)
            ],
            "net_gain": self.net_gain,
            "by_area": self.by_area,
            "break_even": self.break_even,
            "yearly": [
                {"year": int(y), **payer_totals(row)}
                for y, row in zip(self.years, self.yearly, strict=True)
            ],
            "overlaps": [
                {"initiatives": [o.first, o.second], "years": list(o.years), "message": o.message}
                for o in self.overlaps
            ],
        }

    @property
    def break_even(self) -> int | None:
        cumulative = np.cumsum(self.yearly.sum(axis=1))[None, :]
        index = int(break_even_index(cumulative, np.array([cumulative.shape[1]]))[0])
        return None if index < 0 else int(self.years[index])


def combine(initiatives: list[tuple[str, Scenario]], data: DataSet) -> Portfolio:
    """The plan of `initiatives` (name, scenario) on `data`."""
    if not initiatives:
        raise ScenarioError([Issue("initiatives", N_("må ha minst ett tiltak"))])
    names = [name for name, _ in initiatives]
    if len(set(names)) < len(names):
        raise ScenarioError([Issue("initiatives", N_("hvert tiltak må ha sitt eget navn"))])
    _same_discounting(initiatives)
    results = [calculate(s, data) for _, s in initiatives]
    base = min(s.start_year for _, s in initiatives)
    end = max(int(r.years[-1]) for r in results) + 1
    first = initiatives[0][1].settings
    discount = discount_factors(first.discount_rate_pct / 100.0, end - base,
                                first.discount_schedule)  # fmt: skip
    parts = np.zeros((len(results), end - base, len(AREAS), len(PAYERS)))
    for i, r in enumerate(results):
        # r.data carries the initiative's local figures, but the price index is the data set's.
        prices = data.price_factor(base)[0] / data.price_factor(r.scenario.start_year)[0]
        offset = r.scenario.start_year - base
        flows = r.cash_flow_undiscounted * prices
        parts[i, offset : offset + len(r.years)] = flows * discount[offset : offset + len(r.years),
                                                                    None, None]  # fmt: skip
    return Portfolio(tuple(names), tuple(results), base, parts, tuple(overlaps(initiatives)))
