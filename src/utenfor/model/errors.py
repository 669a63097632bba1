"""What is wrong with an input, in Norwegian: `Issue` (a field and a rule), `ScenarioError`
(all of them), and the translation of pydantic's errors into issues."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError


@dataclass(frozen=True)
class Issue:
    """One thing wrong with an input: the field (path as written in the file) and the rule."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ScenarioError(ValueError):
    """A scenario that breaks one or more rules. `issues` lists them all."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


_MESSAGES_NB = {
    "missing": "mangler (feltet må oppgis)",
    "extra_forbidden": "ukjent felt (er det stavet riktig?)",
    "int_type": "må være et helt tall",
    "int_parsing": "må være et helt tall",
    "int_parsing_size": "er et altfor stort tall",
    "int_from_float": "må være et helt tall, ikke et desimaltall",
    "float_type": "må være et tall",
    "float_parsing": "må være et tall",
    "finite_number": "må være et endelig tall (ikke NaN eller uendelig)",
    "greater_than_equal": "må være minst {ge}",
    "less_than_equal": "kan ikke være mer enn {le}",
    "literal_error": "må være en av: {expected}",
    "too_short": "må ha minst {min_length} verdi",
    "too_long": "kan ha høyst {max_length} verdier",
    "string_type": "må være tekst",
    "dict_type": "må være en tabell av år og verdier, for eksempel {{ 2021 = 100 }}",
    "list_type": "må være en liste",
    "tuple_type": "må være en liste",
    "model_type": "må være en tabell med feltnavn og verdier",
    "model_attributes_type": "må være en tabell med feltnavn og verdier",
    "json_invalid": "er ikke gyldig JSON",
}


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if part == "[key]":
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(scenario)"


def _union_tag(part: int | str) -> bool:
    """A step in pydantic's error location that names a union's branch, not a field
    (`literal['R-109']`, `tuple[DiscountStep, ...]`): field names never hold brackets."""
    return isinstance(part, str) and "[" in part and part != "[key]"


def _one_per_union(errors: list[dict]) -> list[dict]:
    """A value that fits no branch of a union gets one issue, not one per branch: the branch
    the value went furthest into (a list of steps with a step missing a field), or else the
    branches' messages joined by "eller". The branch names leave the location."""
    kept, branches = [], {}
    for err in errors:
        loc = tuple(err["loc"])
        at = next((i for i, part in enumerate(loc) if _union_tag(part)), None)
        if at is None:
            kept.append(err)
            continue
        stripped = {**err, "loc": loc[:at] + loc[at + 1 :]}
        branches.setdefault(loc[:at], []).append((len(loc) - at - 1, stripped))
    for field, found in branches.items():
        deepest = max(depth for depth, _ in found)
        if deepest > 0:
            kept += [err for depth, err in found if depth == deepest]
        else:
            kept.append({"loc": field, "type": "utenfor_union", "msg": "",
                         "ctx": {"branches": [err for _, err in found]}})  # fmt: skip
    return kept


def translate_errors(error: ValidationError | list[dict]) -> list[Issue]:
    """pydantic's errors (or their list, as FastAPI gives them) as Norwegian `Issue`s."""
    errors = error.errors(include_url=False) if isinstance(error, ValidationError) else error
    issues: list[Issue] = []
    errors = list(errors)
    # pydantic counts a list's bad items out and then finds it too short: the items say it.
    items_wrong = {
        tuple(e["loc"])[:-1] for e in errors if e["loc"] and isinstance(e["loc"][-1], int)
    }
    errors = [
        e for e in errors if not (e["type"] == "too_short" and tuple(e["loc"]) in items_wrong)
    ]
    for err in _one_per_union(errors):
        if err["type"] == "utenfor_union":
            messages = [i.message for i in translate_errors(err["ctx"]["branches"])]
            if all(m.startswith("må være ") for m in messages):  # "må være A eller B"
                messages = [messages[0]] + [m.removeprefix("må være ") for m in messages[1:]]
            issues.append(Issue(_path(tuple(err["loc"])), " eller ".join(messages)))
            continue
        ctx = err.get("ctx") or {}
        if err["type"] == "utenfor_rules":
            issues += [Issue(f, m) for f, m in ctx["issues"]]
            continue
        loc = tuple(err["loc"])
        if err["type"] == "literal_error":
            expected = ctx.get("expected", "").replace("'", "").replace(" or ", " eller ")
            ctx = {"expected": expected}
            if "," not in expected and " eller " not in expected:  # one choice: name it
                err = {**err, "type": "utenfor_one_choice", "msg": f"må være {expected}"}
        if loc and loc[-1] == "[key]":
            message = (
                f"ukjent navn; må være en av: {ctx['expected']}"
                if err["type"] == "literal_error"
                else "årstallet må være et helt tall"
            )
            issues.append(Issue(_path(loc), message))
            continue
        template = _MESSAGES_NB.get(err["type"])
        if template is None:  # a custom error already in Norwegian, or one not mapped yet
            own = err["type"] in ("utenfor_number", "utenfor_one_choice")
            message = err["msg"] if own else f"ugyldig verdi ({err['msg']})"
        else:
            message = template.format(**{k: _fmt(v) for k, v in ctx.items()})
        if err["type"] in ("int_parsing", "float_parsing") and isinstance(err.get("input"), str):
            message += (": skriv tallet uten anførselstegn og mellomrom, med punktum som "
                        "desimaltegn (for eksempel 1000000 eller 1.5)")  # fmt: skip
        issues.append(Issue(_path(loc), message))
    return issues


def _fmt(value: Any) -> Any:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:,}".replace(",", " ")  # as Norwegians write it: 10 000 000
    return value
