"""Cell references and shared layout of the workbook's model sheets (issue 34).

The model sheets are written by `xlsx_inputs` (Inndata), `xlsx_data` (the data) and
`xlsx_formulas` (the calculation); `xlsx_read` reads Inndata back. Formulas use only functions
of Excel 2007 and LibreOffice alike (SUMPRODUCT, SUMIFS, VLOOKUP, INDEX, MATCH, IF, IFERROR):
no dynamic arrays, no LAMBDA, no macros.
"""

from __future__ import annotations

from functools import cache, lru_cache

from xlsxwriter.utility import xl_col_to_name

from utenfor.reports.language import N_, tr
from utenfor.terms import DATA_AREAS, PAYERS

YEARS = 80  # rows of the yearly sheets: the longest analysis period a scenario may have
ENTRY = 20  # entry ages 0..19
FIRST = 4  # the yearly sheets' first data row (0-based): a header, a factor, area, payer
BREAK_TOLERANCE = 1e-6  # as the engine's BREAK_EVEN_TOLERANCE

# The model's sheets in order, with their bokmål names (English through the catalogue).
SHEET_NAMES = {
    "inputs": N_("Inndata"),
    "group": N_("Data målgruppe"),
    "population": N_("Data befolkning"),
    "shares": N_("Betalerandeler"),
    "prices": N_("Prisindeks"),
    "local": N_("Lokale tall"),
    "gap": N_("1 Gap"),
    "gain": N_("2 Gap per betaler"),
    "elapsed": N_("3 Per deltaker"),
    "yearly": N_("4 Årlig kontantstrøm"),
    "priced": N_("5 Prisjustering"),
    "discounted": N_("6 Diskontering"),
    "cumulative": N_("7 Akkumulert"),
    "sums": N_("8 Sum per område"),
}
# The flow columns of the yearly sheets: (area, payer) for the data areas, then implementation.
FLOWS = [(a, p) for a in DATA_AREAS for p in PAYERS] + [("implementation", p) for p in PAYERS]


def sheet_names(lang: str) -> dict[str, str]:
    return {k: tr(v, lang) for k, v in SHEET_NAMES.items()}


@cache
def col(c: int) -> str:
    return xl_col_to_name(c)


@lru_cache(maxsize=1 << 15)  # a workbook asks for some 40 000, of a few thousand cells
def cell(row: int, column: int, absolute: bool = False) -> str:
    """A1 reference of a 0-based row and column."""
    return f"${col(column)}${row + 1}" if absolute else f"{col(column)}{row + 1}"


@cache
def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'!"


def ref(sheet: str, row: int, column: int, absolute: bool = True) -> str:
    """'Sheet'!$B$4 (the sheet's name always quoted, quotes in it doubled)."""
    return _quoted(sheet) + cell(row, column, absolute)


def span(sheet: str, row0: int, col0: int, row1: int, col1: int, absolute: bool = True) -> str:
    return f"{ref(sheet, row0, col0, absolute)}:{cell(row1, col1, absolute)}"
