"""Bokmål first, English second: one Babel message catalogue for the web interface and the
reports (tables, texts, chart titles, the PDF and the workbook).

The catalogues are `.po` files under utenfor/locale; they are compiled in memory when the app
starts (no binary files in the repository). The language is the `lang` cookie set by
`/sprak/{nb|en}`, so nothing is kept on the server between requests.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from utenfor.marks import N_

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("nb", "en")
DEFAULT = "nb"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue for `lang` (bokmål is the source language: no catalogue needed)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    if lang == DEFAULT or not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(fp=buf)


def language(cookie: str | None) -> str:
    return cookie if cookie in LANGUAGES else DEFAULT


# The unit prices' labels come from the data set; listed so pybabel extracts them.
NAMES = [
    N_("Videregående opplæring, per elev per år"), N_("Høyere utdanning, per student per år"),
    N_("Barnevern, hjelpetiltak per barn per år"), N_("Barnevern, omsorgstiltak per barn per år"),
    N_("Kriminalomsorg, per domfelt"), N_("Uføretrygd, per mottaker per år"),
    N_("Økonomisk sosialhjelp, per mottaker per år"),
]  # fmt: skip

# The open data set's target-group definitions (groups.csv), listed so the English page shows
# them in English (issue 31, item 18); another data set's definitions show as written.
DEFINITIONS = [
    N_("Alle under 60 år bosatt i Norge i 2017."),
    N_("Bodde i en lavinntektshusholdning i alderen 0-15 år (2004-2017), koblet til foreldrenes "
       "innvandringsstatus."),
    N_("Bodde i en lavinntektshusholdning i alderen 0-15 år (1998-2018), og en forelder mottok "
       "uføretrygd eller økonomisk sosialhjelp. Den bredeste gruppen; brukes når ingen annen "
       "passer."),
    N_("Elever på studieforberedende uten fullført videregående 5 år etter opptak, 6 år for "
       "yrkesfag (1994-2016)."),
    N_("Registrert med et hjelpetiltak i barnevernet i alderen 0-15 år (2008-2017)."),
    N_("Foreldre med diagnose ICD-10 F00-F99 eller ICPC-2 gruppe 6 / kapittel P."),
    N_("Diagnose ICD-10 F40-F48 eller F30-F39."),
    N_("Diagnose ICD-10 F90-F98."),
]  # fmt: skip
