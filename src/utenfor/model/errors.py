"""What is wrong with an input: `Issue` (a field, and the rule as a bokmål template with its
parameters), `ScenarioError` (all of them), and the translation of pydantic's errors into issues.
`Issue.message` is the bokmål text (the API's and the command line's); `Issue.text` passes the
template through a catalogue, so the page can show it in English (issue 11)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from utenfor.marks import N_


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Issue:
    """One thing wrong with an input: the field (path as written in the file) and the rule, a
    bokmål template filled with `params` (with params None the text is used as it is). A
    parameter that is an issue is shown by its text; a list of issues is the alternatives of
    a union: "A eller B"."""

    field: str
    template: str
    params: Mapping[str, Any] | None = None

    @property
    def message(self) -> str:
        return self.text()

    def text(self, translate: Callable[[str], str] = _same) -> str:
        if self.params is None:
            return translate(self.template)

        def show(value: Any) -> Any:
            if isinstance(value, list):
                return _alternatives(value, translate)
            return value.text(translate) if isinstance(value, Issue) else value

        return translate(self.template).format(**{k: show(v) for k, v in self.params.items()})

    def at(self, field: str) -> Issue:
        """The same rule at another field (a path inside a larger document, a form field)."""
        return replace(self, field=field)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def _alternatives(issues: list[Issue], translate: Callable[[str], str]) -> str:
    """'må være R-109 eller en liste': the branches' texts, a shared opening said once."""
    texts = [i.text(translate) for i in issues]
    opening = translate(N_("må være "))
    if all(t.startswith(opening) for t in texts):
        texts = [texts[0]] + [t.removeprefix(opening) for t in texts[1:]]
    return translate(N_(" eller ")).join(texts)


class ScenarioError(ValueError):
    """A scenario that breaks one or more rules. `issues` lists them all."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


_MESSAGES_NB = {  # pydantic error type -> bokmål template (ctx as params)
    "missing": N_("mangler (feltet må oppgis)"),
    "extra_forbidden": N_("ukjent felt (er det stavet riktig?)"),
    "int_type": N_("må være et helt tall"),
    "int_parsing": N_("må være et helt tall"),
    "int_parsing_size": N_("er et altfor stort tall"),
    "int_from_float": N_("må være et helt tall, ikke et desimaltall"),
    "float_type": N_("må være et tall"),
    "float_parsing": N_("må være et tall"),
    "finite_number": N_("må være et endelig tall (ikke NaN eller uendelig)"),
    "greater_than_equal": N_("må være minst {ge}"),
    "less_than_equal": N_("kan ikke være mer enn {le}"),
    "literal_error": N_("må være en av: {expected}"),
    "too_short": N_("må ha minst {min_length} verdi"),
    "too_long": N_("kan ha høyst {max_length} verdier"),
    "string_type": N_("må være tekst"),
    "dict_type": N_("må være en tabell av år og verdier, for eksempel {{ 2021 = 100 }}"),
    "list_type": N_("må være en liste"),
    "tuple_type": N_("må være en liste"),
    "model_type": N_("må være en tabell med feltnavn og verdier"),
    "model_attributes_type": N_("må være en tabell med feltnavn og verdier"),
    "json_invalid": N_("er ikke gyldig JSON"),
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
            branches = translate_errors(err["ctx"]["branches"])
            issues.append(Issue(_path(tuple(err["loc"])), "{alternatives}",
                                {"alternatives": branches}))  # fmt: skip
            continue
        ctx = err.get("ctx") or {}
        if err["type"] == "utenfor_rules":
            issues += ctx["issues"]
            continue
        loc = tuple(err["loc"])
        if err["type"] == "invalid_key":  # a YAML key such as `~:`, `1:` or `true:`
            issues.append(Issue(_path(loc[:-1]), N_("«{key}» er ikke et feltnavn; feltnavn er "
                                                    "ord, som target_group"),
                                {"key": _yaml_key(err.get("input"))}))  # fmt: skip
            continue
        if err["type"] == "literal_error":
            expected = ctx.get("expected", "").replace("'", "").replace(" or ", " eller ")
            ctx = {"expected": expected}
            if "," not in expected and " eller " not in expected:  # one choice: name it
                err = {**err, "type": "utenfor_one_choice"}
        if loc and loc[-1] == "[key]":
            if err["type"] == "literal_error":
                issue = Issue(_path(loc), N_("ukjent navn; må være en av: {expected}"), ctx)
            else:
                issue = Issue(_path(loc), N_("årstallet må være et helt tall"))
            issues.append(issue)
            continue
        template = _MESSAGES_NB.get(err["type"])
        params = {k: _fmt(v) for k, v in ctx.items() if isinstance(v, str | int | float)}
        if err["type"] == "utenfor_one_choice":
            template = N_("må være {expected}")
        elif err["type"] == "utenfor_number":  # its message is one of numbers.py's templates
            template, params = err["msg"], {}
        elif template is None:  # one not mapped yet: pydantic's English in brackets
            template, params = N_("ugyldig verdi ({detail})"), {"detail": err["msg"]}
        if err["type"] in ("int_parsing", "float_parsing") and isinstance(err.get("input"), str):
            template = N_("{problem}: skriv tallet uten anførselstegn og mellomrom, med punktum "
                          "som desimaltegn (for eksempel 1000000 eller 1.5)")  # fmt: skip
            params = {"problem": Issue("", _MESSAGES_NB[err["type"]])}
        issues.append(Issue(_path(loc), template, params))
    return issues


def _yaml_key(value: Any) -> str:
    """A non-text key as the file wrote it (YAML's `null`, `true`, a number)."""
    if value is None:
        return "null"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _fmt(value: Any) -> Any:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:,}".replace(",", " ")  # as Norwegians write it: 10 000 000
    return value
