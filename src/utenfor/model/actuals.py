"""Actuals (issue 15, item 3): what an initiative actually had, year by year, and the
re-forecast: the scenario recomputed with the actual participants and costs and the observed
success rate.

A year is either planned or actual. Every year the actuals name (in any table) is an actual
year, and for it everything comes from the actuals: participants must be given, a cost not
given is 0. The other years keep the plan. With an observed share on the average life course,
the re-forecast's share with the initiative is the observed share, and the success rate's
uncertainty is its 95 % Wilson interval (observed among few participants, a point would
claim too much).
"""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from utenfor.marks import N_
from utenfor.model.errors import Issue, ScenarioError, translate_errors
from utenfor.model.numbers import MAX_COUNT
from utenfor.model.scenario import (
    YEAR_KEYS,
    YEAR_OUTSIDE,
    Count,
    Grant,
    Payer,
    Percent,
    Scenario,
    Whole,
    YearTable,
    parse_scenario,
)
from utenfor.model.uncertainty import Spread
from utenfor.terms import PAYERS

Z_95 = 1.959963984540054  # the standard normal's 97.5th percentile

_CONFIG = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Observed(BaseModel):
    """The share of participants found on an average life course, and among how many."""

    model_config = _CONFIG
    share_with_pct: Percent
    participants: Annotated[int, Field(ge=1, le=MAX_COUNT)]


class Actuals(BaseModel):
    model_config = _CONFIG
    participants: Annotated[dict[Whole, Count], Field(json_schema_extra=YEAR_KEYS)] = Field(
        default_factory=dict
    )
    costs: dict[Payer, YearTable] = Field(default_factory=dict)
    costs_falling_away: dict[Payer, YearTable] = Field(default_factory=dict)
    grants: tuple[Grant, ...] = ()
    observed: Observed | None = None

    def fields(self) -> list[tuple[str, int]]:
        """Every year the actuals name, with the field it is named in."""
        found = [(f"participants.{y}", y) for y in self.participants]
        for name in ("costs", "costs_falling_away"):
            found += [(f"{name}.{p}.{y}", y) for p, t in getattr(self, name).items() for y in t]
        return found + [(f"grants[{i}].year", g.year) for i, g in enumerate(self.grants)]

    @property
    def years(self) -> set[int]:
        return {year for _, year in self.fields()}


def parse_actuals(doc, scenario: Scenario) -> Actuals:
    """Validate `doc` against the scenario it belongs to; every problem as an `Issue`."""
    try:
        actuals = Actuals.model_validate(doc)
    except ValidationError as exc:
        raise ScenarioError(translate_errors(exc)) from None
    first, last = scenario.start_year, scenario.start_year + scenario.years_run - 1
    problems = [Issue(field, YEAR_OUTSIDE,
                      {"year": year, "start": first, "last": last})
                for field, year in actuals.fields() if not first <= year <= last]  # fmt: skip
    problems += [Issue(f"participants.{year}",
                       N_("mangler: et år med faktiske tall må ha faktiske deltakere"))
                 for year in sorted(actuals.years - set(actuals.participants))
                 if first <= year <= last]  # fmt: skip
    if problems:
        raise ScenarioError(problems)
    return actuals


def reforecast(scenario: Scenario, actuals: Actuals) -> Scenario:
    """The scenario with the actual years' figures and the observed share."""
    doc = scenario.to_dict()
    for year in actuals.years:
        key = str(year)
        doc["participants"][key] = actuals.participants[year]
        for p in PAYERS:
            doc["costs"][p][key] = actuals.costs.get(p, {}).get(year, 0.0)
            doc["costs_falling_away"][p][key] = actuals.costs_falling_away.get(p, {}).get(year, 0.0)
    doc["grants"] = [g for g in doc["grants"] if g["year"] not in actuals.years] + [
        g.model_dump(by_alias=True) for g in actuals.grants
    ]
    if actuals.observed:
        doc["share_with_pct"] = actuals.observed.share_with_pct
    return parse_scenario(doc)


def wilson(share_pct: float, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for a share observed among n, in per cent."""
    p = share_pct / 100.0
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return 100.0 * (centre - half), 100.0 * (centre + half)


def success_spread(scenario: Scenario, observed: Observed) -> Spread:
    """The success rate's low / likely / high from the observation: the observed share minus
    the share without the initiative, with the Wilson interval's ends as low and high."""
    low, high = wilson(observed.share_with_pct, observed.participants)
    without = scenario.share_without_pct
    return Spread(low - without, observed.share_with_pct - without, high - without)
