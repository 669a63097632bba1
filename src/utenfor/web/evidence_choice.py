""" "Velg et dokumentert tiltak" on the calculation page (issue 33): the choice fills the share
with (share without + the programme's middle value) and the what-if spread of the success rate
(low–high). The browser does it at once (static/app.js, `data-evidence-*` on each option);
without JavaScript the button "Bruk tiltaket" posts the form and `fill` does the same here."""

from __future__ import annotations

from typing import Any

from utenfor.data.evidence import Programme, library, programme
from utenfor.formatting import trim
from utenfor.web.forms import FormNumberError, parse_number

FILL = "evidence_fill"  # the no-JavaScript button's name


def fill(form: dict[str, Any]) -> dict[str, Any]:
    """The form with the chosen programme's figures in place: the share without as typed (or
    the programme's base share, or 50), the share with = without + mid, and the spread."""
    chosen = programme(str(form.get("evidence_id") or ""))
    if chosen is None:
        return form
    try:
        without = parse_number(str(form.get("share_without_pct", "")))
    except FormNumberError:
        without = None
    if without is None:
        without = chosen.base_pct if chosen.base_pct is not None else 50.0
    s = chosen.success_pct
    return form | {
        "share_without_pct": trim(without),
        "share_with_pct": trim(min(100.0, without + s["mid"])),
        "unc_success_low": trim(s["low"]),
        "unc_success_high": trim(s["high"]),
    }


def context(form: dict[str, Any]) -> dict[str, Any]:
    """What the choice shows: the library and the programme chosen, if any."""
    chosen: Programme | None = programme(str(form.get("evidence_id") or ""))
    return {"evidence_library": library(), "evidence_chosen": chosen}
