"""Bokmål first, English second, for the reports (`--lang nb|en`): texts are written in bokmål
and looked up in the one Babel catalogue the web interface uses too (`utenfor/locale`).

`tr` is strict in the tests: `tests/test_web_i18n.py` extracts every text given to `tr` and `N_`
in `reports/` with the templates, and fails on any text without an English translation.
"""

from __future__ import annotations

from utenfor.formatting import num
from utenfor.i18n import N_, translations
from utenfor.model.analysis import LEVEL
from utenfor.model.analysis_results import Analysis, SensitivityItem
from utenfor.model.notices import Notice
from utenfor.terms import AREA_NAMES_NB, PAYER_NAMES_NB

__all__ = ["N_", "area_name", "labelled", "notice_text", "num", "payer_name", "sensitivity_label",
           "tr"]  # fmt: skip


def tr(text: str, lang: str) -> str:
    """`text` (bokmål) in `lang`, from the catalogue."""
    return translations(lang).gettext(text)


def notice_text(notice: Notice, lang: str) -> str:
    """A warning in `lang`: its bokmål template from the catalogue, its parameters as the
    language writes them."""
    return notice.text(lang, translations(lang).gettext)


def payer_name(payer: str, lang: str) -> str:
    return tr(PAYER_NAMES_NB[payer], lang)


def area_name(area: str, lang: str) -> str:
    return tr(AREA_NAMES_NB[area], lang)


_SENSITIVITY = {
    "success_rate": N_("Suksessrate −50 % / +50 %"),
    "cost": N_("Kostnader −25 % / +25 %"),
    "discount_rate": N_("Diskonteringsrente 2 % / 6 %"),
    "analysis_years": N_("Analyseperiode 20 / 60 år"),
}


def sensitivity_label(item: SensitivityItem, lang: str) -> str:
    """The words for a sensitivity item (its parameter code, and for a data level the spread
    the grades gave it): 'level_tax', 50 -> 'Datanivå skatteinnbetaling ±50 %'."""
    parameter = item.parameter
    if parameter.startswith(LEVEL):
        area = area_name(parameter.removeprefix(LEVEL), lang).lower()
        pct = f"{item.spread_pct if item.spread_pct is not None else 25.0:.0f}"  # below 1 000
        return tr("Datanivå {area} ±{pct} %", lang).format(area=area, pct=pct)
    return tr(_SENSITIVITY[parameter], lang)


def labelled(analysis: Analysis) -> dict:
    """The analysis as JSON: each sensitivity item with `label_nb` and `label_en` (the JSON
    contract of docs/analysis.md), made from its code here rather than in the model."""
    out = analysis.to_json()
    out["sensitivity"]["items"] = [
        {**i.to_json(), "label_nb": sensitivity_label(i, "nb"),
         "label_en": sensitivity_label(i, "en")}
        for i in analysis.sensitivity.items
    ]  # fmt: skip
    return out
