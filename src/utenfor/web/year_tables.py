"""The form's yearly tables keep what was typed (issue 31, item 1).

The tables carry the years they were drawn for (the hidden fields `table_start` and
`table_years`). When the start year changes, the programme moves: every yearly amount and each
grant's year move with it, so year 1 stays year 1. Years dropped when the number of years
shrinks stay in the form as hidden fields and come back when it grows. A start year or number
of years that cannot be used (1800, "x") is an error on its field; the tables stay as drawn."""

from __future__ import annotations

import re
from typing import Any

from utenfor.web.forms import GRANT_ROWS

YEARLY = re.compile(r"^(participants|costs_\w+?|falling_\w+?)_(\d{4})$")
FIRST_YEAR, LAST_YEAR, MOST_YEARS = 2000, 2100, 50


def _int(value: object) -> int | None:
    text = "".join(str(value if value is not None else "").split())
    return int(text) if re.fullmatch(r"-?\d{1,5}", text) else None


def _start(value: object) -> int | None:
    year = _int(value)
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else None


def _run(value: object) -> int | None:
    run = _int(value)
    return run if run is not None and 1 <= run <= MOST_YEARS else None


def drawn_years(form: dict[str, Any]) -> list[int]:
    """The years the tables show: the form's start year and number of years where they can be
    used, else the ones the tables were last drawn for."""
    start = _start(form.get("start_year")) or _start(form.get("table_start"))
    run = _run(form.get("years_run")) or _run(form.get("table_years"))
    return list(range(start, start + run)) if start and run else []


def carry(form: dict[str, Any]) -> dict[str, Any]:
    """The form with its yearly fields moved to a new start year (when the start year changed
    since the tables were drawn), and the drawn years noted for the next request."""
    old, new = _start(form.get("table_start")), _start(form.get("start_year"))
    out = dict(form)
    if old and new and old != new:
        shift = new - old
        out = {k: v for k, v in form.items() if not YEARLY.match(k)}
        for key, value in form.items():
            m = YEARLY.match(key)
            if m:
                out[f"{m.group(1)}_{int(m.group(2)) + shift}"] = value
        for i in range(GRANT_ROWS):
            year = _int(form.get(f"grant_year_{i}"))
            if year is not None:
                out[f"grant_year_{i}"] = str(year + shift)
    years = drawn_years(out)
    if years:
        out["table_start"], out["table_years"] = str(years[0]), str(len(years))
    return out


def kept(form: dict[str, Any], years: list[int]) -> list[tuple[str, str]]:
    """The yearly fields typed for years the tables do not show now: kept as hidden fields."""
    shown = {str(y) for y in years}
    return [
        (k, str(v))
        for k, v in form.items()
        if (m := YEARLY.match(k)) and m.group(2) not in shown and str(v).strip()
    ]
