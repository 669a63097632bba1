"""KOSTRA on the data page (issue 33, part 3): the user gives a kommune number (and a year),
sees the kommune's unit costs beside the data set's, and finds them filled into the local
figures' form, to use with the form's own button. SSB's address is `UTENFOR_SSB_URL` (default:
SSB's PxWebApi); queries share the process's 30-a-minute limiter. A kommune's figures are kept
for an hour (KOSTRA changes once a year), so the page asks SSB again only for a new kommune or
year, and never waits for the limiter: it says when to try again."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field

from utenfor.data.dataset import DataSet
from utenfor.data.kostra import TABLE_URL, Figure, KostraError, check_number, figures
from utenfor.data.kostra_fetch import fetch_all
from utenfor.formatting import trim
from utenfor.model.local_figures import local_prices

ENV = "UTENFOR_SSB_URL"
KEPT_SECONDS, KEPT_MOST = 3600.0, 256  # how long and how many answers the page keeps
PATIENCE = 2.0  # seconds a page request may wait for SSB's limiter
_kept: dict[tuple[str, int | None, str], tuple[float, list[Figure]]] = {}
_kept_lock = threading.Lock()


@dataclass(frozen=True)
class Row:
    label_nb: str
    local: float
    year: int
    national: float
    source: str


@dataclass(frozen=True)
class KostraView:
    kommune: str
    year: str
    error: str = ""
    rows: tuple[Row, ...] = ()
    form: dict = field(default_factory=dict)  # the local figures' form fields, filled


def lookup(kommune: str, year_text: str | None, data: DataSet) -> KostraView:
    """The kommune's figures (or the Norwegian reason there are none) for the data page."""
    year_text = (year_text or "").strip()
    try:
        number = check_number(kommune)
        if year_text and not (year_text.isdigit() and len(year_text) == 4):
            raise KostraError(f"«{year_text}» er ikke et årstall; skriv for eksempel 2023")
        year = int(year_text) if year_text else None
        found = _figures(number, year, os.environ.get(ENV) or TABLE_URL)
    except KostraError as exc:
        return KostraView(kommune, year_text, error=str(exc))
    return KostraView(number, year_text, rows=_rows(found, data), form=_form(found, data))


def _figures(number: str, year: int | None, url: str) -> list[Figure]:
    """The kommune's figures, from the answers kept if they are younger than KEPT_SECONDS;
    a refusal is not kept."""
    key, now = (number, year, url), time.monotonic()
    with _kept_lock:
        kept = _kept.get(key)
    if kept is not None and now - kept[0] < KEPT_SECONDS:
        return kept[1]
    found = figures(fetch_all(number, year, url, patience=PATIENCE), number, year)
    with _kept_lock:
        if len(_kept) >= KEPT_MOST:
            _kept.clear()
        _kept[key] = (now, found)
    return found


def _usable(found: list[Figure], data: DataSet) -> list[Figure]:
    prices = local_prices(data)
    return [f for f in found if f.parameter in prices]


def _rows(found: list[Figure], data: DataSet) -> tuple[Row, ...]:
    prices = local_prices(data)
    return tuple(Row(prices[f.parameter].label_nb, f.value, f.year, prices[f.parameter].value,
                     f.source) for f in _usable(found, data))  # fmt: skip


def _form(found: list[Figure], data: DataSet) -> dict:
    return {f"lokal_{f.parameter}_{k}": v for f in _usable(found, data)
            for k, v in (("value", trim(round(f.value))), ("year", f.year),
                         ("source", f.source))}  # fmt: skip
