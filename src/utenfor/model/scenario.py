"""The scenario: what the user states about an intervention (docs/model.md, "Inputs").

Parsing and validation follow docs/formats.md, "Scenario file". Every refusal is an
`Issue` that names the field (dotted path as in the file) and the rule, in Norwegian.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Annotated, Any, Literal, NoReturn

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from utenfor.data.evidence import library, programme
from utenfor.model.errors import N_, Issue, ScenarioError, translate_errors
from utenfor.model.local_figures import LocalFigure
from utenfor.model.numbers import MAX_AMOUNT, MAX_COUNT, MAX_YEAR, MIN_YEAR, number, whole
from utenfor.terms import AGE_GROUP_IDS, PAYERS

HIGH_SUCCESS_RATE_PCT = 10.0


def _fail(issues: list[Issue]) -> NoReturn:
    """Raise inside a validator; `issues` carries full field paths for `translate_errors`."""
    summary = "; ".join(str(i) for i in issues)
    raise PydanticCustomError("utenfor_rules", "{summary}", {"summary": summary, "issues": issues})


Whole = whole()
Count = whole(0, MAX_COUNT)
Amount = number(MAX_AMOUNT)
Percent = number(100)
Payer = Literal["kommune", "fylkeskommune", "stat"]
AgeGroup = Literal["0-2", "3-5", "6-9", "10-12", "13-15", "16-19"]
# What a JSON schema can say about the years of a table: a year a programme can run in (the
# rule that it lies in this scenario's years is checked by `_years_outside`, with its message).
LAST_YEAR = MAX_YEAR + 49
YEAR_KEYS = {"propertyNames": {"pattern": r"^(20[0-9][0-9]|21[0-4][0-9])$"}}
YearTable = Annotated[dict[Whole, Amount], Field(json_schema_extra=YEAR_KEYS)]
# One age group, or two adjacent ones in either order: every value `age_groups` accepts.
AGE_CHOICES = [[a] for a in AGE_GROUP_IDS] + [
    pair for a, b in pairwise(AGE_GROUP_IDS) for pair in ([a, b], [b, a])
]

_CONFIG = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Grant(BaseModel):
    """Money one payer gives another for the intervention in one year (a transfer)."""

    model_config = _CONFIG
    from_: Payer = Field(alias="from")
    to: Payer
    year: Annotated[Whole, Field(json_schema_extra={"minimum": MIN_YEAR, "maximum": LAST_YEAR})]
    amount: Amount


class DiscountStep(BaseModel):
    """From `from_year` years after the start year on, discount at `rate_pct` a year."""

    model_config = _CONFIG
    from_year: whole(0, 79)
    rate_pct: number(20)


# Norway's declining schedule for long analyses, as the project's research notes recall circular
# R-109 (4 % for years 0-39, 3 % for 40-74, 2 % from 75). NOT verified against the circular's
# text: see docs/analysis.md before citing it.
R109_SCHEDULE = (DiscountStep(from_year=0, rate_pct=4), DiscountStep(from_year=40, rate_pct=3),
                 DiscountStep(from_year=75, rate_pct=2))  # fmt: skip


class Settings(BaseModel):
    """Analysis settings; the defaults are the original tool's (docs/model.md, input 6).

    The last four are the what-if extensions of issue 6; at their defaults they change nothing.
    """

    model_config = _CONFIG
    analysis_years: whole(1, 80) = 40
    discount_rate_pct: number(20) = 4.0
    effect_start: Literal["after_intervention", "at_entry"] = "after_intervention"
    dropoff_pct: Percent = 0.0  # yearly share of the successful falling back to the group's course
    discount_schedule: Literal["R-109"] | tuple[DiscountStep, ...] | None = None
    optimism_cost_uplift_pct: Percent = 0.0
    optimism_success_haircut_pct: Percent = 0.0

    @field_validator("discount_schedule")
    @classmethod
    def _schedule(cls, value):
        if value == "R-109":
            return R109_SCHEDULE
        if value is not None:
            years = [step.from_year for step in value]
            if not years or years[0] != 0 or years != sorted(set(years)):
                rule = N_("må starte med from_year = 0 og ha stigende from_year")
                _fail([Issue("settings.discount_schedule", rule)])
        return value


class Scenario(BaseModel):
    """A scenario as in docs/formats.md; constructing one validates every rule."""

    model_config = _CONFIG
    target_group: str
    age_groups: Annotated[
        tuple[AgeGroup, ...],
        Field(min_length=1, max_length=2, json_schema_extra={"enum": AGE_CHOICES}),
    ]
    share_without_pct: Percent
    share_with_pct: Percent
    start_year: whole(MIN_YEAR, MAX_YEAR)
    years_run: whole(1, 50)
    intervention_years: whole(1, 20)
    participants: Annotated[
        dict[Whole, Count], Field(json_schema_extra={**YEAR_KEYS, "minProperties": 1})
    ]
    costs: dict[Payer, YearTable] = Field(default_factory=dict)
    costs_falling_away: dict[Payer, YearTable] = Field(default_factory=dict)
    grants: tuple[Grant, ...] = ()
    settings: Settings = Field(default_factory=Settings)
    # The municipality's own unit costs in place of the data set's (model/local_figures.py)
    local_figures: Annotated[tuple[LocalFigure, ...], Field(max_length=20)] = ()
    # The documented programme the success rate was taken from (issue 33; data/evidence.yaml)
    evidence_id: (
        Annotated[str, Field(json_schema_extra={"enum": [p.id for p in library()]})] | None
    ) = None

    @field_validator("target_group")
    @classmethod
    def _group_id(cls, value: str) -> str:
        if not value.strip():
            _fail([Issue("target_group", N_("må oppgis (velg én målgruppe)"))])
        return value.strip()

    @field_validator("evidence_id")
    @classmethod
    def _known_programme(cls, value: str | None) -> str | None:
        if value is not None and programme(value) is None:
            names = ", ".join(p.id for p in library())
            _fail([Issue("evidence_id", N_("ukjent dokumentert tiltak «{id}»; bruk en av: "
                                           "{names}"), {"id": value, "names": names})])  # fmt: skip
        return value

    @field_validator("age_groups")
    @classmethod
    def _adjacent(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        ordered = tuple(sorted(set(value), key=AGE_GROUP_IDS.index))
        if len(ordered) < len(value):
            _fail([Issue("age_groups", N_("samme aldersgruppe er oppgitt to ganger"))])
        if len(ordered) == 2:
            first, second = (AGE_GROUP_IDS.index(g) for g in ordered)
            if second - first != 1:
                _fail([Issue("age_groups", N_("to aldersgrupper må komme etter hverandre; {first} "
                                              "og {second} gjør ikke det"),
                             {"first": ordered[0], "second": ordered[1]})])  # fmt: skip
        return ordered

    @field_validator("participants")
    @classmethod
    def _participants(cls, value: dict[int, int], info: ValidationInfo) -> dict[int, int]:
        issues = _years_outside("participants", value, info)
        if not issues and sum(value.values()) < 1:
            issues.append(Issue("participants",
                                N_("minst én ny deltaker må oppgis for minst ett år")))  # fmt: skip
        if issues:
            _fail(issues)
        return dict(sorted(value.items()))

    @field_validator("costs", "costs_falling_away")
    @classmethod
    def _cost_years(cls, value: dict[str, dict[int, float]], info: ValidationInfo):
        issues: list[Issue] = []
        for payer, table in value.items():
            issues += _years_outside(f"{info.field_name}.{payer}", table, info)
        if issues:
            _fail(issues)
        return value

    @field_validator("grants")
    @classmethod
    def _grant_rules(cls, value: tuple[Grant, ...], info: ValidationInfo):
        issues: list[Issue] = []
        for i, grant in enumerate(value):
            if grant.from_ == grant.to:
                issues.append(Issue(f"grants[{i}].to",
                                    N_("et tilskudd må gå mellom to ulike betalere")))  # fmt: skip
            issues += _years_outside(f"grants[{i}].year", {grant.year: 0}, info, keyed=False)
        if issues:
            _fail(issues)
        return value

    # Derived quantities -------------------------------------------------------------------

    @property
    def success_rate_pct(self) -> float:
        """Success rate in percentage points: share with minus share without (spec input 3)."""
        return self.share_with_pct - self.share_without_pct

    @property
    def success_rate(self) -> float:
        return self.success_rate_pct / 100.0

    @property
    def programme_years(self) -> range:
        return range(self.start_year, self.start_year + self.years_run)

    @property
    def total_participants(self) -> int:
        return sum(self.participants.values())

    def to_dict(self) -> dict[str, Any]:
        """The scenario as understood, with defaults filled in, in the file format's keys.

        Year keys are strings so the dict is valid JSON and TOML.
        """
        years = list(self.programme_years)

        def table(tables: dict[str, dict[int, float]]) -> dict[str, dict[str, float]]:
            return {p: {str(y): tables.get(p, {}).get(y, 0.0) for y in years} for p in PAYERS}

        return {
            "target_group": self.target_group,
            "age_groups": list(self.age_groups),
            "share_without_pct": self.share_without_pct,
            "share_with_pct": self.share_with_pct,
            "start_year": self.start_year,
            "years_run": self.years_run,
            "intervention_years": self.intervention_years,
            "participants": {str(y): self.participants.get(y, 0) for y in years},
            "costs": table(self.costs),
            "costs_falling_away": table(self.costs_falling_away),
            "grants": [
                {"from": g.from_, "to": g.to, "year": g.year, "amount": g.amount}
                for g in self.grants
            ],
            "settings": self.settings.model_dump(exclude_none=True),
        } | ({"local_figures": [f.model_dump() for f in self.local_figures]}
             if self.local_figures else {}) | (
            {"evidence_id": self.evidence_id} if self.evidence_id else {})  # fmt: skip


YEAR_OUTSIDE = N_("året {year} er utenfor årene tiltaket kjøres ({start}–{last})")


def _years_outside(
    field: str, table: dict[int, Any], info: ValidationInfo, *, keyed: bool = True
) -> list[Issue]:
    """Years in `table` outside start_year … start_year + years_run − 1 (interfaces.md)."""
    start, run = info.data.get("start_year"), info.data.get("years_run")
    if start is None or run is None:  # reported on their own fields already
        return []
    last = start + run - 1
    return [
        Issue(f"{field}.{year}" if keyed else field,
              YEAR_OUTSIDE,
              {"year": year, "start": start, "last": last})
        for year in table
        if not start <= year <= last
    ]  # fmt: skip


def parse_scenario(data: Any) -> Scenario:
    """Validate a decoded scenario (a dict from TOML, YAML or JSON); raise `ScenarioError`."""
    if not isinstance(data, dict):
        raise ScenarioError([Issue("(scenario)", N_("må være en tabell med feltnavn og verdier"))])
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(translate_errors(exc)) from None
