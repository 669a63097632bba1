"""What the what-if tools return, as typed values (issue 11). `Analysis.to_json()` gives the
JSON of docs/analysis.md; the keys are the field names, nested in the same way."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Amounts = dict[str, float]  # "total" and one key per payer
MaybeAmounts = dict[str, float | None]


@dataclass(frozen=True)
class BreakEvenWithin:
    years: int
    success_rate_pct: float | None  # the lowest entered rate that breaks even in time


@dataclass(frozen=True)
class Thresholds:
    """Where the net gain over the period is exactly 0 (None where there is no such point)."""

    success_rate_pct: MaybeAmounts
    successful_participants: MaybeAmounts
    cost_factor: MaybeAmounts
    cost_per_year: float | None
    break_even_within: BreakEvenWithin


@dataclass(frozen=True)
class SensitivityItem:
    """The total net gain with one input at its low and at its high value. `parameter` is a
    code (`success_rate`, `level_tax`); the words are the reports' (reports/language.py)."""

    parameter: str
    low: float
    high: float
    spread_pct: float | None = None  # a data level's ± per cent (from the grades)

    def to_json(self) -> dict[str, Any]:
        out = {"parameter": self.parameter, "low": self.low, "high": self.high}
        return out | ({"spread_pct": self.spread_pct} if self.spread_pct is not None else {})


@dataclass(frozen=True)
class Sensitivity:
    base: float
    items: tuple[SensitivityItem, ...]  # widest first

    def to_json(self) -> dict[str, Any]:
        return {"base": self.base, "items": [i.to_json() for i in self.items]}


@dataclass(frozen=True)
class Summary:
    p10: float
    p50: float
    p90: float
    mean: float
    sd: float


@dataclass(frozen=True)
class FanPoint:
    year: int
    p10: float
    p50: float
    p90: float


@dataclass(frozen=True)
class Uncertainty:
    draws: int
    seed: int
    distribution: str
    inputs: dict[str, Any]  # the spreads drawn from, as given (docs/analysis.md)
    net_gain: dict[str, Summary]  # "total" and one per payer
    probability_positive: float
    fan: tuple[FanPoint, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PayerShare:
    cost_carried: float
    gain_received: float
    net: float
    proposed_cost_share: float
    proposed_net: float


@dataclass(frozen=True)
class Cofinancing:
    total: float
    payers: dict[str, PayerShare]


@dataclass(frozen=True)
class Analysis:
    net_gain: Amounts
    thresholds: Thresholds
    sensitivity: Sensitivity
    uncertainty: Uncertainty
    cofinancing: Cofinancing

    def to_json(self) -> dict[str, Any]:
        return {
            "net_gain": dict(self.net_gain),
            "thresholds": asdict(self.thresholds),
            "sensitivity": self.sensitivity.to_json(),
            "uncertainty": {
                **asdict(self.uncertainty),
                "fan": [asdict(p) for p in self.uncertainty.fan],
            },
            "cofinancing": asdict(self.cofinancing),
        }
