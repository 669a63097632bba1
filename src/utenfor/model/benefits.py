"""The benefit-realisation plan (`gevinstrealiseringsplan`, issue 15, item 2), drawn up from a
scenario's result: for each payer and service area with an expected gain, the expected amount
per year and an indicator a municipality can measure. Baseline, target, who is responsible
and when it is measured are the municipality's to fill in; the plan starts them empty.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from utenfor.marks import N_
from utenfor.model.result import Result
from utenfor.terms import AREAS, DATA_AREAS, PAYERS

# What the municipality fills in on a line (the suggested indicator it may replace).
FILLED = ("indicator", "baseline", "target", "responsible", "measured")

# A measurable indicator per area, as a suggestion the user edits (bokmål; English in the
# catalogue).
INDICATORS = {
    "transfers": N_("Andel av deltakerne i arbeid eller utdanning ved 20–25 år"),
    "tax": N_("Andel av deltakerne i arbeid ved 25 år"),
    "health": N_("Antall av deltakerne i psykisk helsevern eller rusbehandling"),
    "education": N_("Andel av deltakerne som har fullført videregående opplæring"),
    "corrections": N_("Antall av deltakerne med en straffereaksjon"),
    "child_welfare": N_("Antall barnevernstiltak blant deltakerne"),
}


@dataclass(frozen=True)
class BenefitLine:
    payer: str
    area: str
    by_year: dict[int, float]  # expected gain, undiscounted, start-year prices
    present_value: float
    indicator: str = ""
    baseline: str = ""
    target: str = ""
    responsible: str = ""
    measured: str = ""

    def to_json(self) -> dict:
        return {"payer": self.payer, "area": self.area, "present_value": self.present_value,
                "by_year": {str(y): v for y, v in self.by_year.items()},
                "indicator": self.indicator, "baseline": self.baseline, "target": self.target,
                "responsible": self.responsible, "measured": self.measured}  # fmt: skip


def draw_up(result: Result) -> list[BenefitLine]:
    """One line per payer and area whose present value is a gain, largest first."""
    flows, years = result.cash_flow_undiscounted, result.years.tolist()
    lines = []
    for area in DATA_AREAS:
        a = AREAS.index(area)
        for p, payer in enumerate(PAYERS):
            value = result.by_area[area][payer]
            if value > 0:
                by_year = dict(zip(years, flows[:, a, p].tolist(), strict=True))
                lines.append(BenefitLine(payer, area, by_year, value, INDICATORS[area]))
    return sorted(lines, key=lambda line: -line.present_value)


def filled_in(lines: list[BenefitLine], saved: list[dict]) -> list[BenefitLine]:
    """The drawn-up lines with what the municipality filled in (saved per payer and area) in
    place of the suggestion; a saved line whose payer and area no longer gain is dropped."""
    by_key = {(s["payer"], s["area"]): s for s in saved}
    out = []
    for line in lines:
        s = by_key.get((line.payer, line.area), {})
        fields = {k: str(s[k]) for k in FILLED if s.get(k)}
        out.append(replace(line, **fields))
    return out
