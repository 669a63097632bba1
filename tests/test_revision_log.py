"""A revision's changes as the initiative page lists them (issue 31, item 7): each field by its
label in the page's language, years as years, payers by name, a discount schedule as steps."""

from __future__ import annotations

import tomllib

import pytest

from support import WORKED_EXAMPLE
from utenfor.i18n import translations
from utenfor.model import parse_scenario
from utenfor.reports.initiative_tables import changes
from utenfor.web.fields import field_label

with open(WORKED_EXAMPLE, "rb") as f:
    EXAMPLE = tomllib.load(f)
REVISED = EXAMPLE | {
    "share_with_pct": 58,
    "grants": [],
    "settings": {"discount_schedule": "R-109", "effect_start": "at_entry"},
}


@pytest.mark.parametrize(("lang", "wanted"), [
    ("nb", {"Tilskudd 1, utbetalingsår": ("2021", "–"), "Tilskudd 1, fra": ("Staten", "–"),
            "Andel med tiltaket, de som klarer seg uansett inkludert (%)": ("60", "58"),
            "Når begynner gevinsten?": ("Året etter at hvert tiltak er avsluttet",
                                        "Samme år som deltakeren starter")}),
    ("en", {"Grant 1, year paid": ("2021", "–"), "Grant 1, from": ("State", "–")}),
])  # fmt: skip
def test_changes_are_labelled_and_written_as_the_page_writes(lang, wanted):
    gettext = translations(lang).gettext
    listed = {
        field_label(path, gettext): (old, new)
        for path, old, new in changes(parse_scenario(EXAMPLE), parse_scenario(REVISED), lang)
    }
    for label, values in wanted.items():
        assert listed[label] == values
    assert not any("." in label or "_" in label for label in listed), listed  # no codes
    schedule = next(
        v
        for k, v in listed.items()
        if k.startswith(("Diskonteringsrente over", "Discount rate over"))
    )
    assert "40" in schedule[1] and "{" not in schedule[1]
