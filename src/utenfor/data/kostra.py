"""A kommune's own unit costs from KOSTRA (issue 33, part 3): the queries to SSB's PxWebApi,
the reading of its JSON-stat 2 answers, and the local figures they give (model/local_figures.py,
docs/formats.md "Scenario file", `[[local_figures]]`).

Tables (SSB statistikkbanken): 12279 (child-welfare key figures: gross cost per child placed by
the child-welfare service, function 252, and per child not placed, function 251), 12362
(spending by function; 281 social assistance, 1 000 kroner) with 12219 (social-assistance
recipients), and 12399 (upper-secondary spending per pupil, for the county).

The variable and content codes below come from the project's research notes and SSB's
"kompis" pages on the KOSTRA indicators; they have NOT been checked against SSB's live
metadata from this machine (it cannot reach SSB). Check them with
`GET https://data.ssb.no/api/v0/no/table/12279/` before relying on a real answer; the tests run
against constructed answers in SSB's JSON-stat 2 shape (tests/data/kostra/README.md).

SSB's symbols for a cell without a number (its "Standardtegn i tabeller"): `.` the figure
cannot occur, `..` the figure is missing, `:` the figure cannot be published. In JSON-stat 2
the value is null and `status` holds the symbol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

TABLE_URL = "https://data.ssb.no/api/v0/no/table/"
REGION = "KOKkommuneregion0000"
COUNTY = "KOKfylkesregion0000"
SYMBOLS = {".": "tallet kan ikke forekomme", "..": "oppgave mangler",
           ":": "tallet kan ikke offentliggjøres"}  # fmt: skip


@dataclass(frozen=True)
class Query:
    """One table: the region variable, the fixed selections and the content codes."""

    table: str
    region: str  # REGION (kommune) or COUNTY (fylke: KOSTRA's code, the kommune's first two
    # digits and "00", e.g. 1800 for Nordland)
    fixed: tuple[tuple[str, str], ...]
    contents: tuple[str, ...]

    def body(self, region: str, year: int | None) -> dict:
        """The v0 API's POST body: this region, the contents, one year (or the newest three)."""
        time = (
            {"filter": "item", "values": [str(year)]}
            if year
            else {"filter": "top", "values": ["3"]}
        )
        query = [{"code": self.region, "selection": {"filter": "item", "values": [region]}}]
        query += [{"code": c, "selection": {"filter": "item", "values": [v]}}
                  for c, v in self.fixed]  # fmt: skip
        query += [{"code": "ContentsCode", "selection": {"filter": "item",
                                                          "values": list(self.contents)}},
                  {"code": "Tid", "selection": time}]  # fmt: skip
        return {"query": query, "response": {"format": "json-stat2"}}


CARE, SUPPORT = "KOSbdu252bvbarnt0000", "KOSbdu251bvbarnt0000"  # 12279, kroner per child
SPENDING, RECIPIENTS = "KOSbelop0000", "KOSsosialhjelpmott0000"  # 12362 (1 000 kr), 12219
PER_PUPIL = "KOSutgperbrukerv0000"  # 12399, kroner per pupil
# KOKart0000 in 12362: AGD10 is "Brutto driftsutgifter på funksjon/tjenesteområde" (AGD2 is the
# net); 12399's function FGF7d and art AGD33 are those of "utgifter per elev" as a public script
# querying SSB selects them. Checked against public code that queries SSB, not against SSB's
# own metadata (tests/data/kostra/README.md).
QUERIES = (
    Query("12279", REGION, (), (CARE, SUPPORT)),
    Query("12362", REGION, (("KOKfunksjon0000", "281"), ("KOKart0000", "AGD10")), (SPENDING,)),
    Query("12219", REGION, (), (RECIPIENTS,)),
    Query("12399", COUNTY, (("KOKfunksjon0000", "FGF7d"), ("KOKart0000", "AGD33")), (PER_PUPIL,)),
)


def county_code(kommune: str) -> str:
    """KOSTRA's code for the kommune's county: 1804 → 1800."""
    return f"{kommune[:2]}00"


class KostraError(ValueError):
    """A Norwegian message naming the problem; nothing has been written. `hint` names the
    command's option that helps (`--year`, `--from-file`): the command line adds it, the data
    page, which has no options, leaves it out."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint

    def for_command_line(self) -> str:
        return f"{self} {self.hint}".strip()


# Kommune numbers no longer in use and what replaced them, with the source of each line. A
# number not here and unknown to SSB is "unknown"; SSB's own answer decides that.
MOSS = ("3002 Moss (Moss og Rygge slått sammen 1.1.2020; nytt nummer igjen da Viken ble "
        "delt 1.1.2024)")  # fmt: skip
MERGED: dict[str, tuple[str, str]] = {
    "0104": (MOSS, "Stortingsvedtak 8. juni 2017 nr. 792; genealogi.no, «Kommune- og "
                   "regionreformen 2020»"),
    "0136": (MOSS, "Stortingsvedtak 8. juni 2017 nr. 792 (Moss og Rygge)"),
    "1601": ("5001 Trondheim (nytt nummer 1.1.2018; Klæbu innlemmet 1.1.2020)",
             "Trøndelag fylkeskommune, «Nye kommuner i 2020»"),
    "1612": ("Heim (Hemne, Halsa og deler av Snillfjord, 1.1.2020); 5011 Hemne 2018–2019",
             "Avisa Sør-Trøndelag 2.1.2018; Trøndelag fylkeskommune, «Nye kommuner i 2020»"),
    "1636": ("Orkland (Orkdal, Meldal, Agdenes og deler av Snillfjord, 1.1.2020)",
             "Trøndelag fylkeskommune, «Nye kommuner i 2020»"),
    "1638": ("Orkland (Orkdal, Meldal, Agdenes og deler av Snillfjord, 1.1.2020)",
             "Trøndelag fylkeskommune, «Nye kommuner i 2020»"),
}  # fmt: skip
# Whole counties renumbered when Viken, Vestfold og Telemark and Troms og Finnmark were split on
# 1 January 2024 (KS, «Nye kommunenummer fra 2024»): every kommune there got a new number.
SPLIT_2024 = {"30": "Viken", "38": "Vestfold og Telemark", "54": "Troms og Finnmark"}


def check_number(kommune: str) -> str:
    """The kommune number as SSB writes it (four digits), or a `KostraError` that names the
    problem: not a number, merged (with the new number), or in a county split in 2024."""
    text = kommune.strip()
    if not re.fullmatch(r"\d{4}", text):
        raise KostraError(f"«{kommune}» er ikke et kommunenummer: skriv fire sifre, for "
                          "eksempel 1804 (Bodø)")  # fmt: skip
    if text in MERGED:
        new, source = MERGED[text]
        raise KostraError(f"Kommunenummer {text} er ikke lenger i bruk: nå {new}. Bruk det nye "
                          f"nummeret (kilde: {source}).")  # fmt: skip
    if text[:2] in SPLIT_2024:
        raise KostraError(f"Kommunenummer {text} er fra {SPLIT_2024[text[:2]]}, som ble delt "
                          "1.1.2024: alle kommunene der fikk nye nummer (KS, «Nye kommunenummer "
                          "fra 2024»). Bruk kommunens nummer fra 2024.")  # fmt: skip
    return text


def cells(doc: Any, table: str) -> dict[tuple[str, str], tuple[float | None, str | None]]:
    """{(content code, year): (value, status symbol)} from a JSON-stat 2 dataset whose other
    dimensions have one category each."""
    if not isinstance(doc, dict) or doc.get("class") != "dataset" or "dimension" not in doc:
        raise KostraError(f"Svaret for tabell {table} er ikke et JSON-stat 2-datasett")
    ids, sizes, values = doc.get("id", []), doc.get("size", []), doc.get("value")
    if "ContentsCode" not in ids or "Tid" not in ids or not isinstance(values, list):
        raise KostraError(f"Svaret for tabell {table} mangler ContentsCode, Tid eller verdiene")
    order = {}
    for dim in ids:
        index = doc["dimension"][dim]["category"]["index"]
        order[dim] = sorted(index, key=index.get) if isinstance(index, dict) else list(index)
    if [len(order[d]) for d in ids] != list(sizes) or len(values) != _product(sizes):
        raise KostraError(f"Svaret for tabell {table} har ikke like mange verdier som celler")
    if any(s != 1 for d, s in zip(ids, sizes, strict=True) if d not in ("ContentsCode", "Tid")):
        raise KostraError(f"Svaret for tabell {table} har flere regioner eller funksjoner enn én")
    status = doc.get("status") or {}
    out = {}
    for flat, value in enumerate(values):
        position, rest = {}, flat
        for dim, size in zip(reversed(ids), reversed(sizes), strict=True):  # row-major order
            position[dim], rest = order[dim][rest % size], rest // size
        symbol = (status.get(str(flat)) if isinstance(status, dict)
                  else status[flat] if isinstance(status, list) else status)  # fmt: skip
        out[(position["ContentsCode"], position["Tid"])] = (
            None if value is None else float(value),
            symbol,
        )
    return out


def _product(sizes: list[int]) -> int:
    n = 1
    for s in sizes:
        n *= s
    return n


@dataclass(frozen=True)
class Figure:
    """A kommune's unit cost as a local figure, with where it came from."""

    parameter: str  # a unit price of the data set (datapackage.json, unit_prices)
    value: float  # kroner, in `year`'s prices
    year: int
    table: str
    source: str

    def to_local(self) -> dict:
        return {"parameter": self.parameter, "value": round(self.value), "year": self.year,
                "source": self.source}  # fmt: skip


def _cell(tables: dict, table: str, content: str, year: int, what: str, region: str) -> float:
    """One number, or a `KostraError` naming the cell and SSB's symbol for why it is empty."""
    found = cells(tables[table], table)
    if (content, str(year)) not in found:
        raise KostraError(f"Tabell {table} har ingen tall for {year} ({what}); velg et annet år")
    value, symbol = found[(content, str(year))]
    if value is None:
        why = SYMBOLS.get(symbol or "..", "oppgave mangler")
        raise KostraError(f"Tabell {table}, {what}, {region}, {year}: «{symbol or '..'}» ({why}). "
                          "Tallet finnes ikke hos SSB; skriv det inn selv på datasiden, eller "
                          "velg et annet år.")  # fmt: skip
    return value


def years(tables: dict) -> list[int]:
    """The years every table has a time category for, newest first."""
    common = None
    for table, doc in tables.items():
        found = {int(y) for _, y in cells(doc, table) if str(y).isdigit()}
        common = found if common is None else common & found
    return sorted(common or (), reverse=True)


def figures(tables: dict[str, Any], kommune: str, year: int | None) -> list[Figure]:
    """The local figures the four answers give for `kommune` in `year` (the newest year all
    tables have, if None): placement and support costs (12279), social assistance per
    recipient (12362 function 281 in 1 000 kroner × 1 000 ÷ 12219), and upper-secondary cost
    per pupil for the county (12399). Any missing or suppressed cell is a `KostraError`."""
    missing = [q.table for q in QUERIES if q.table not in tables]
    if missing:
        raise KostraError(f"Mangler svar for tabell {', '.join(missing)}")
    if year is None:
        common = years(tables)
        if not common:
            raise KostraError("Tabellene har ikke noe år felles; velg et år.", "Bruk --year.")
        year = common[0]
    where = f"kommune {kommune}"
    county = f"fylke {kommune[:2]}"
    care = _cell(tables, "12279", CARE, year, "brutto driftsutgifter per barn plassert "
                 "av barnevernet (f. 252)", where)  # fmt: skip
    support = _cell(tables, "12279", SUPPORT, year, "brutto driftsutgifter per barn som ikke "
                    "er plassert (f. 251)", where)  # fmt: skip
    spending = _cell(tables, "12362", SPENDING, year, "brutto driftsutgifter funksjon 281", where)
    recipients = _cell(tables, "12219", RECIPIENTS, year, "sosialhjelpsmottakere", where)
    if recipients <= 0:
        raise KostraError(f"Tabell 12219: {where} har 0 sosialhjelpsmottakere i {year}; "
                          "sosialhjelp per mottaker kan ikke regnes ut")  # fmt: skip
    pupil = _cell(tables, "12399", PER_PUPIL, year, "utgifter per elev i videregående", county)
    src = f"KOSTRA {year}, SSB tabell"
    return [
        Figure("care_cost", care, year, "12279", f"{src} 12279, funksjon 252, {where}"),
        Figure("support_cost", support, year, "12279", f"{src} 12279, funksjon 251, {where}"),
        Figure("social_assistance_amount", spending * 1000 / recipients, year, "12362/12219",
               f"{src} 12362 (funksjon 281) / 12219 (mottakere), {where}"),
        Figure("upper_secondary_cost", pupil, year, "12399", f"{src} 12399, {county}"),
    ]  # fmt: skip


def to_toml(found: list[Figure], kommune: str) -> str:
    """The figures as a local-figures file (examples/lokale_tall.toml's format)."""
    lines = [
        f"# Lokale tall for kommune {kommune} fra KOSTRA (SSB), hentet med utenfor data kostra.",
        "# Bruk: utenfor calculate SCENARIO.toml --local DENNE_FILEN",
        "",
    ]
    for f in found:
        local = f.to_local()
        lines += ["[[local_figures]]", f'parameter = "{local["parameter"]}"',
                  f"value = {local['value']}", f"year = {local['year']}",
                  f'source = "{local["source"]}"', ""]  # fmt: skip
    return "\n".join(lines)
