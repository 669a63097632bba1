"""The events an initiative is made of (issue 15), and the shape each kind must have before the
repository stores it: its details, a phase begun (never dated before the previous one), a note
or decision, a scenario revision, the benefit-realisation plan as filled in, and the actuals
with the indicators measured. Every text must be one any database can hold (`rows.storable`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from utenfor.model.benefits import FILLED
from utenfor.store.rows import storable
from utenfor.terms import AREAS, PAYERS, PHASES

YEAR = re.compile(r"20[0-9][0-9]|21[0-4][0-9]")  # as the scenario's year keys
KINDS = ("details", "phase", "note", "decision", "scenario", "actuals", "benefits")
DETAILS = ("name", "description", "target_group", "responsible_unit")


class InvalidEvent(ValueError):
    """What is wrong with an event, in Norwegian, naming the field."""

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(f"{field}: {message}")


def _text(body: dict, key: str, limit: int, required: bool) -> None:
    value = body.get(key, "")
    if (not isinstance(value, str) or len(value) > limit or not storable(value)
            or (required and not value.strip())):  # fmt: skip
        need = "må oppgis, " if required else ""
        raise InvalidEvent(key, f"{need}tekst på høyst {limit} tegn")


def check(kind: str, body: Any, on: date | None, phases: list[tuple[int, date]]) -> None:
    """The shape of one event; a phase date must not come before the previous phase's."""
    if kind not in KINDS:
        raise InvalidEvent("kind", f"må være en av {', '.join(KINDS)}")
    if not isinstance(body, dict):
        raise InvalidEvent("body", "må være en tabell med feltnavn og verdier")
    if kind == "details":
        _text(body, "name", 200, True)
        for key in DETAILS[1:]:
            _text(body, key, 2000, False)
    elif kind in ("phase", "scenario"):
        if body.get("phase") not in PHASES or isinstance(body.get("phase"), bool):
            raise InvalidEvent("phase", "må være en fase fra 1 (Forankring) til 6 (Ny praksis)")
        if kind == "phase" and on is None:
            raise InvalidEvent("on", "datoen fasen begynte må oppgis")
        if kind == "phase" and phases and on < phases[-1][1]:
            raise InvalidEvent("on", f"kan ikke være før forrige fase begynte "
                                     f"({phases[-1][1].strftime('%d.%m.%Y')})")  # fmt: skip
        if kind == "scenario" and not isinstance(body.get("scenario"), dict):
            raise InvalidEvent("scenario", "må være et scenario")
    elif kind in ("note", "decision"):
        _text(body, "text", 5000, True)
    elif kind == "benefits":
        _benefit_lines(body.get("lines"))
    else:  # actuals
        if not isinstance(body.get("actuals"), dict):
            raise InvalidEvent("actuals", "må være en tabell med de faktiske tallene")
        _measured(body.get("indicators", []))


def _line(item: Any, where: str, keys: set[str], need: str) -> None:
    """A benefit-plan line's payer and area, and no key but `keys`."""
    if not isinstance(item, dict) or set(item) - keys:
        raise InvalidEvent(where, need)
    if item.get("payer") not in PAYERS or item.get("area") not in AREAS:
        raise InvalidEvent(where, "ukjent aktør eller tjenesteområde")


def _benefit_lines(lines: Any) -> None:
    if not isinstance(lines, list) or len(lines) > 100:
        raise InvalidEvent("lines", "må være en liste med høyst 100 linjer")
    for i, line in enumerate(lines):
        _line(line, f"lines[{i}]", {"payer", "area", *FILLED},
              "må ha payer, area og " + ", ".join(FILLED))  # fmt: skip
        for key in FILLED:
            try:
                _text(line, key, 500, False)
            except InvalidEvent as exc:
                raise InvalidEvent(f"lines[{i}].{key}", exc.message) from None


def _measured(items: Any) -> None:
    """The indicators measured, in an actuals event: per benefit-plan line (payer and area),
    the value measured each year as the municipality writes it ("48 %", "12 tiltak")."""
    if not isinstance(items, list) or len(items) > 100:
        raise InvalidEvent("indicators", "må være en liste med høyst 100 indikatorer")
    for i, item in enumerate(items):
        where = f"indicators[{i}]"
        _line(item, where, {"payer", "area", "values"}, "må ha payer, area og values")
        values = item.get("values")
        if not isinstance(values, dict):
            raise InvalidEvent(f"{where}.values", "må være en tabell med år og målt verdi")
        for year in values:
            if not isinstance(year, str) or not YEAR.fullmatch(year):
                raise InvalidEvent(f"{where}.values", "årene må være fra 2000 til 2149")
            try:
                _text(values, year, 100, True)
            except InvalidEvent as exc:
                raise InvalidEvent(f"{where}.values.{year}", exc.message) from None
