"""Local figures on the web (issue 13): the form on the data page, and the cookie that carries
the municipality's figures to every new calculation on this browser. A saved scenario keeps
the figures it was computed with (they are part of the scenario).

Form fields, per unit price a local figure may replace: `lokal_PARAMETER_value`,
`lokal_PARAMETER_year`, `lokal_PARAMETER_source`. A price left blank keeps the national figure.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from pydantic import TypeAdapter, ValidationError

from utenfor.data.dataset import DataSet
from utenfor.model.errors import N_, Issue, ScenarioError, translate_errors
from utenfor.model.local_figures import LocalFigure, check, local_prices
from utenfor.web.fields import LOCAL_PARTS
from utenfor.web.forms import FormNumberError, parse_number

COOKIE = "lokale_tall"
_FIGURES = TypeAdapter(tuple[LocalFigure, ...])


def figures_from_form(form: dict[str, Any], data: DataSet) -> tuple[list[dict], list[Issue]]:
    """The local figures the data page's form gives, and every problem by form field name;
    validated like any data (a number, at least 0, a year in the price index)."""
    figures, params, issues = [], [], []
    for p in local_prices(data):
        field = f"lokal_{p}"
        text = str(form.get(f"{field}_value", "")).strip()
        year_text = str(form.get(f"{field}_year", "")).strip()
        if not text:
            continue
        value = year = None
        try:
            value = parse_number(text)
        except FormNumberError as exc:
            issues.append(exc.at(f"{field}_value"))
        if not year_text:
            issues.append(Issue(f"{field}_year", N_("må oppgis: året tallet gjelder for")))
        elif not year_text.isdigit():
            issues.append(Issue(f"{field}_year", N_("må være et årstall, for eksempel 2023")))
        else:
            year = int(year_text)
        if value is None or year is None:
            continue
        source = " ".join(str(form.get(f"{field}_source", "")).split())
        figures.append({"parameter": p, "value": value, "year": year, "source": source})
        params.append(p)
    try:
        check(parse(figures), data)
    except ScenarioError as exc:
        issues += [_on_form(i, params) for i in exc.issues]
    return figures, issues


def field_labels(data: DataSet) -> dict[str, tuple[str, str]]:
    """Form field name -> (the unit price's label, the part's label), both in bokmål."""
    prices = local_prices(data).items()
    return {f"lokal_{p}_{part}": (price.label_nb, label)
            for p, price in prices for part, label in LOCAL_PARTS.items()}  # fmt: skip


def _on_form(issue: Issue, params: list[str]) -> Issue:
    """'local_figures[1].year' -> the form's 'lokal_care_cost_year'."""
    head, _, part = issue.field.partition("].")
    index = int(head.removeprefix("local_figures[")) if head.startswith("local_figures[") else 0
    part = "value" if part in ("value", "parameter") else part
    return issue.at(f"lokal_{params[index]}_{part}")


def parse(figures: list[dict]) -> tuple[LocalFigure, ...]:
    """Figures as dicts, validated; a `ScenarioError` with `local_figures[i].field` paths."""
    try:
        return _FIGURES.validate_python(figures)
    except ValidationError as exc:
        raise ScenarioError([i.at(f"local_figures{i.field}")
                             for i in translate_errors(exc)]) from None  # fmt: skip


def to_cookie(figures: list[dict]) -> str:
    return base64.urlsafe_b64encode(json.dumps(figures, ensure_ascii=False).encode()).decode()


def from_cookie(value: str | None, data: DataSet) -> list[dict]:
    """The figures a cookie holds; none when it is missing, unreadable or no longer valid."""
    if not value:
        return []
    try:
        figures = json.loads(base64.urlsafe_b64decode(value.encode()))
        check(parse(figures), data)
    except (ValueError, binascii.Error, ScenarioError, TypeError):
        return []
    return figures if isinstance(figures, list) else []


def labelled(figures_json: str, data: DataSet) -> list[dict]:
    """The figures in a form's hidden field, with their labels, for the page's notice."""
    try:
        figures = json.loads(figures_json or "[]")
    except ValueError:
        return []
    prices = local_prices(data)
    return [f | {"label_nb": prices[f["parameter"]].label_nb} for f in figures
            if isinstance(f, dict) and f.get("parameter") in prices]  # fmt: skip
