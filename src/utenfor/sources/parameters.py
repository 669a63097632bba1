"""The published figures behind the open data set: one YAML file per parameter.

Every file names its unit, the year the figure refers to, its status (`published`, `derived`
or `estimate`), its confidence grade and a reference (publication, year, URL). A derived figure
or an estimate also says how it was made (`method`). Loading refuses any file that lacks these
(issues 3 and 13).

Grades, in the style of the GMCA unit-cost database (docs/data.md, "Hvor sikre tallene er"):
1 = an official statistic for this definition and year; 2 = published research, or an official
figure used for a close proxy (another year, a related definition, a number reproduced from the
original model); 3 = judgement. An estimate is always grade 3, and grade 1 is always published.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

PARAMETERS_DIR = Path(__file__).parent / "parameters"
STATUSES = ("published", "derived", "estimate")
GRADES = (1, 2, 3)
VALUE_KEYS = (
    "value", "by_age", "by_year", "shares", "rules", "groups", "multipliers", "published"
)  # fmt: skip
MAX_AGE = 67


class SourceError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Parameter:
    id: str
    path: Path
    doc: dict[str, Any]

    @property
    def value(self) -> float:
        return float(self.doc["value"])

    @property
    def shares(self) -> dict[str, Any]:
        return self.doc["shares"]

    def by_age(self) -> np.ndarray:
        """The age bands expanded to single ages 0..MAX_AGE; ages not listed are 0."""
        return expand_bands(self.doc["by_age"])

    @property
    def reference(self) -> dict[str, Any]:
        return self.doc["reference"]

    @property
    def grade(self) -> int:
        return int(self.doc["grade"])


def expand_bands(bands: dict[str, float]) -> np.ndarray:
    out = np.zeros(MAX_AGE + 1)
    for band, value in bands.items():
        first, last = parse_band(band)
        out[first : last + 1] = value
    return out


def parse_band(band: str) -> tuple[int, int]:
    first, _, last = str(band).partition("-")
    return int(first), int(last or first)


def _check_reference(where: str, ref: Any, problems: list[str]) -> None:
    if not isinstance(ref, dict):
        problems.append(f"{where}: reference mangler (publication, year, url)")
        return
    for key in ("publication", "year", "url"):
        if not ref.get(key):
            problems.append(f"{where}: reference.{key} mangler")


def _check_status(where: str, doc: dict, problems: list[str]) -> None:
    if doc.get("status") not in STATUSES:
        problems.append(f"{where}: status må være en av {', '.join(STATUSES)}")
    elif doc["status"] != "published" and not doc.get("method"):
        problems.append(f"{where}: et tall med status {doc['status']} må si hvordan (method)")
    grade = doc.get("grade")
    if grade not in GRADES or isinstance(grade, bool):
        problems.append(f"{where}: grade (1, 2 eller 3) mangler")
    elif (doc.get("status") == "estimate") != (grade == 3) or (
        grade == 1 and doc.get("status") != "published"
    ):
        problems.append(f"{where}: grade {grade} passer ikke med status {doc.get('status')} "
                        "(skjønn er grad 3, grad 1 er publisert)")  # fmt: skip
    _check_reference(where, doc.get("reference"), problems)


def _numbers(where: str, value: Any, problems: list[str]) -> None:
    """Every leaf number finite; text where a number belongs is an error."""
    if isinstance(value, dict):
        for k, v in value.items():
            _numbers(f"{where}.{k}", v, problems)
    elif isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.append(f"{where}: må være et endelig tall, ikke {value!r}")


def check(path: Path, doc: Any) -> list[str]:
    """Everything wrong with one parameter file."""
    where = (
        str(path.relative_to(PARAMETERS_DIR.parent))
        if path.is_relative_to(PARAMETERS_DIR.parent)
        else str(path)
    )
    if not isinstance(doc, dict):
        return [f"{where}: må være en YAML-tabell"]
    problems: list[str] = []
    for key in ("id", "description", "unit"):
        if not doc.get(key):
            problems.append(f"{where}: {key} mangler")
    if not isinstance(doc.get("year"), int):
        problems.append(f"{where}: year (året tallet gjelder) mangler")
    _check_status(where, doc, problems)
    present = [k for k in VALUE_KEYS if k in doc]
    if not present:
        problems.append(f"{where}: ingen verdi (en av {', '.join(VALUE_KEYS)})")
    for key in ("value", "by_age", "by_year", "shares", "rules", "published"):
        if key in doc:
            _numbers(f"{where}: {key}", doc[key], problems)
    for band in doc.get("by_age", {}) or {}:
        try:
            first, last = parse_band(band)
            assert 0 <= first <= last <= MAX_AGE
        except (ValueError, AssertionError):
            problems.append(f"{where}: aldersgruppen {band!r} må være a-b innen 0-{MAX_AGE}")
    for i, m in enumerate(doc.get("multipliers", []) or []):
        mwhere = f"{where}: multipliers[{i}]"
        if not isinstance(m, dict) or not m.get("applies_to"):
            problems.append(f"{mwhere}: applies_to mangler")
            continue
        _numbers(f"{mwhere}.value", m.get("value"), problems)
        _check_status(mwhere, m, problems)
    return problems


def load_parameters(directory: Path = PARAMETERS_DIR) -> dict[str, Parameter]:
    """All parameter files under `directory`, by id; `SourceError` lists every problem."""
    params: dict[str, Parameter] = {}
    problems: list[str] = []
    for path in sorted(directory.rglob("*.yaml")):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            problems.append(f"{path}: ikke gyldig YAML ({exc})")
            continue
        found = check(path, doc)
        problems += found
        if not found:
            if doc["id"] in params:
                problems.append(f"{path}: id {doc['id']!r} finnes fra før")
            params[doc["id"]] = Parameter(doc["id"], path, doc)
    if problems:
        raise SourceError(problems)
    return params
