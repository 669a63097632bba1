"""The library of documented programmes for the success rate (issue 33, part 2): load and
validate `evidence.yaml`, and the translation from a published effect to percentage points.

The translation is WSIPP's route (docs/evidence.md): a standardised mean difference d becomes
an odds ratio by the Cox transform, which the What Works Clearinghouse states as
d_Cox = (logit(p_t) − logit(p_c)) / 1.65, so logit(p_t) = logit(p_c) + 1.65·d, that is
OR = exp(1.65·d); an odds ratio OR on a base share p0 gives p1 = OR·p0 / (1 − p0 + OR·p0).
The success rate is p1 − p0 in percentage points. A library whose `success_pct` does not
follow from its `translation` is refused: the numbers are traceable, not typed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LIBRARY = Path(__file__).parent / "evidence.yaml"
COX = 1.65  # the Cox transform's constant (logit scale / standard deviations)
DESIGNS = ("RCT", "quasi-experiment", "before-after")
METHODS = ("odds_ratio", "cox_es", "points", "none")
TOLERANCE = 0.05  # percentage points: the library rounds to one decimal
GROUPS = (
    "lowincome_immigrant",
    "lowincome_benefits",
    "upper_secondary_risk",
    "child_welfare_support",
    "parents_mental_substance",
    "depression_anxiety",
    "conduct_disorder",
)  # fmt: skip  (interfaces.md: the selectable target groups)


class EvidenceError(ValueError):
    """A Norwegian message naming the entry and the field that breaks a rule."""


def odds_ratio_from_es(d: float) -> float:
    """The odds ratio a standardised mean difference d stands for (Cox: exp(1.65·d))."""
    return math.exp(COX * d)


def share_with(odds_ratio: float, base: float) -> float:
    """The share p1 (0–1) an odds ratio gives on the base share p0 (0–1)."""
    if not 0 <= base <= 1 or odds_ratio < 0:
        raise ValueError("base share must be 0–1 and the odds ratio at least 0")
    return odds_ratio * base / (1 - base + odds_ratio * base)


def success_points(method: str, value: float, base_pct: float | None) -> float:
    """The success rate in percentage points that one published value gives: an odds ratio
    or an effect size d on the base share, or percentage points as they are."""
    if method in ("points", "none"):
        return float(value)
    if base_pct is None:
        raise ValueError(f"{method} needs a base share")
    ratio = value if method == "odds_ratio" else odds_ratio_from_es(value)
    base = base_pct / 100
    return 100 * (share_with(ratio, base) - base)


@dataclass(frozen=True)
class Programme:
    """One documented programme (the keys of evidence.yaml)."""

    id: str
    name: str
    target_groups: tuple[str, ...]
    outcome: str
    population: str
    design: str
    effect_published: str
    ungsinn_level: int | None
    base_pct: float | None
    translation: dict[str, Any]
    success_pct: dict[str, float]
    grade: int
    note: str
    sources: tuple[dict[str, str], ...]
    wsipp: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "target_groups": list(self.target_groups),
            "outcome": self.outcome, "population": self.population, "design": self.design,
            "effect_published": self.effect_published, "ungsinn_level": self.ungsinn_level,
            "success_pct": dict(self.success_pct), "base_pct": self.base_pct,
            "translation": dict(self.translation), "grade": self.grade, "note": self.note,
            "sources": [dict(s) for s in self.sources], "wsipp": self.wsipp,
        }  # fmt: skip

    @property
    def source_text(self) -> str:
        """The first source's citation, for a one-line mention."""
        return self.sources[0]["citation"]


REQUIRED = ("id", "name", "target_groups", "outcome", "population", "design",
            "effect_published", "base_pct", "translation", "success_pct", "grade", "note",
            "sources")  # fmt: skip


def _check(i: int, e: Any, seen: set[str]) -> list[str]:
    """Every rule entry `i` breaks, in Norwegian."""
    if not isinstance(e, dict):
        return [f"oppføring {i + 1}: er ikke en tabell"]
    where = f"oppføring {i + 1} ({e.get('id', '?')})"
    problems = [f"{where}: mangler «{k}»" for k in REQUIRED if k not in e]
    unknown = set(e) - set(REQUIRED) - {"ungsinn_level", "wsipp"}
    problems += [f"{where}: ukjent felt «{k}»" for k in sorted(unknown)]
    if problems:
        return problems
    if e["id"] in seen:
        problems.append(f"{where}: id-en finnes fra før")
    seen.add(e["id"])
    if not e["target_groups"] or set(e["target_groups"]) - set(GROUPS):
        problems.append(
            f"{where}: target_groups må være modellens målgrupper ({', '.join(GROUPS)})"
        )
    if e["design"] not in DESIGNS:
        problems.append(f"{where}: design må være en av {', '.join(DESIGNS)}")
    if e.get("ungsinn_level") not in (None, 1, 2, 3, 4, 5):
        problems.append(f"{where}: ungsinn_level må være 1–5 eller tom")
    if e["grade"] not in (1, 2, 3):
        problems.append(f"{where}: grade må være 1, 2 eller 3")
    sources = e["sources"]
    if not sources or not all(isinstance(s, dict) and s.get("citation") and
                              str(s.get("url", "")).startswith(("http://", "https://"))
                              for s in sources):  # fmt: skip
        problems.append(f"{where}: hver kilde trenger citation og en url (http/https)")
    return problems + _check_numbers(where, e)


def _check_numbers(where: str, e: dict) -> list[str]:
    """success_pct is {low ≤ mid ≤ high} and follows from the translation."""
    pct, tr = e["success_pct"], e["translation"]
    if not isinstance(pct, dict) or set(pct) != {"low", "mid", "high"}:
        return [f"{where}: success_pct må ha low, mid og high"]
    if not pct["low"] <= pct["mid"] <= pct["high"]:
        return [f"{where}: success_pct må ha low ≤ mid ≤ high"]
    if not isinstance(tr, dict) or tr.get("method") not in METHODS:
        return [f"{where}: translation.method må være en av {', '.join(METHODS)}"]
    base = e["base_pct"]
    if tr["method"] in ("odds_ratio", "cox_es") and not (
        isinstance(base, int | float) and 0 < base < 100
    ):
        return [f"{where}: {tr['method']} trenger base_pct mellom 0 og 100"]
    problems = []
    for k in ("low", "mid", "high"):
        expected = success_points(tr["method"], tr[k], base)
        if abs(expected - pct[k]) > TOLERANCE:
            problems.append(f"{where}: success_pct.{k} er {pct[k]}, men oversettelsen gir "
                            f"{expected:.2f}")  # fmt: skip
    return problems


def parse_library(entries: Any) -> tuple[Programme, ...]:
    """The library from evidence.yaml's list; an `EvidenceError` lists every broken rule."""
    if not isinstance(entries, list) or not entries:
        raise EvidenceError("biblioteket må være en liste med tiltak")
    seen: set[str] = set()
    problems = [p for i, e in enumerate(entries) for p in _check(i, e, seen)]
    if problems:
        raise EvidenceError("\n".join(problems))
    return tuple(
        Programme(**{**e, "target_groups": tuple(e["target_groups"]),
                     "sources": tuple(e["sources"]), "ungsinn_level": e.get("ungsinn_level"),
                     "wsipp": e.get("wsipp")})
        for e in entries
    )  # fmt: skip


@cache
def library() -> tuple[Programme, ...]:
    """The bundled library, validated once."""
    return parse_library(yaml.safe_load(LIBRARY.read_text(encoding="utf-8")))


def programme(programme_id: str) -> Programme | None:
    """The programme with this id, or None."""
    return next((p for p in library() if p.id == programme_id), None)
