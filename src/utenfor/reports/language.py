"""Bokmål first, English second, for the reports (`--lang nb|en`): texts are written in bokmål
and looked up in the one Babel catalogue the web interface uses too (`utenfor/locale`).

`tr` is strict in the tests: `tests/test_web_i18n.py` extracts every text given to `tr` and `N_`
in `reports/` with the templates, and fails on any text without an English translation.
"""

from __future__ import annotations

from utenfor.i18n import N_, translations
from utenfor.terms import AREA_NAMES_NB, PAYER_NAMES_NB

__all__ = ["N_", "area_name", "payer_name", "tr"]


def tr(text: str, lang: str) -> str:
    """`text` (bokmål) in `lang`, from the catalogue."""
    return translations(lang).gettext(text)


def payer_name(payer: str, lang: str) -> str:
    return tr(PAYER_NAMES_NB[payer], lang)


def area_name(area: str, lang: str) -> str:
    return tr(AREA_NAMES_NB[area], lang)
