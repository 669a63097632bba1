"""The workbook's fast worksheet (issue 32, reports/xlsx_sheet.py) writes the same bytes as
XlsxWriter's own code: every part of a workbook written with `ModelSheet`'s replacements of
XlsxWriter's methods equals, byte for byte, the part written with those methods removed
(XlsxWriter's own running) and its rows of cells written cell by cell with XlsxWriter's
`write_formula` and `write_number`. Fails if a new XlsxWriter stores or writes cells
differently."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import numpy as np
import pytest
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from support import WORKED_EXAMPLE
from utenfor import service
from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset
from utenfor.model import load_scenario, parse_scenario
from utenfor.reports import xlsx
from utenfor.reports.xlsx_sheet import ModelSheet

# The replaced methods: every method of ModelSheet that XlsxWriter's Worksheet also has.
REPLACED = sorted(k for k in vars(ModelSheet) if hasattr(Worksheet, k) and not k.startswith("__"))


def parts(content: bytes) -> dict[str, bytes]:
    """The workbook's parts, the creation and modification times taken out."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        out = {n: z.read(n) for n in z.namelist()}
    out["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>",
                                      b"", out["docProps/core.xml"])  # fmt: skip
    return out


def formulas_one_by_one(ws, row, col, formulas, cell_format, values):
    for j, (formula, value) in enumerate(zip(formulas, values, strict=True), start=col):
        Worksheet.write_formula(ws, row, j, formula, cell_format, value)


def numbers_one_by_one(ws, row, col, numbers, cell_format=None):
    for j, number in enumerate(numbers, start=col):
        Worksheet.write_number(ws, row, j, number, cell_format)


def both(monkeypatch, write) -> tuple[dict, dict]:
    """The parts `write()` makes with ModelSheet as it is, and with XlsxWriter's own methods."""

    class Today(date):
        @classmethod
        def today(cls):
            return date(2026, 12, 4)

    monkeypatch.setattr(xlsx, "date", Today)  # the Om sheet's date: the same in both
    fast = parts(write())
    with monkeypatch.context() as m:
        for name in REPLACED:
            m.delattr(ModelSheet, name)
        m.setattr(ModelSheet, "write_formulas", formulas_one_by_one)
        m.setattr(ModelSheet, "write_numbers", numbers_one_by_one)
        own = parts(write())
    return fast, own


def assert_same(fast: dict, own: dict) -> None:
    assert list(fast) == list(own)
    for name in own:
        assert fast[name] == own[name], name


def test_the_replaced_methods_are_the_storing_and_writing_of_cells():
    assert REPLACED == ["_calculate_spans", "_prepare_formula", "_write_formula", "_write_rows",
                        "write_formula", "write_number"]  # fmt: skip


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_worked_example_is_written_as_xlsxwriter_writes_it(monkeypatch, lang):
    data = load_dataset(BUNDLED)
    worked = load_scenario(WORKED_EXAMPLE)
    rep = service.report(worked, data, lang=lang, title='=A1 & <b>"x"</b>\x01')
    fast, own = both(monkeypatch, lambda: xlsx.workbook(rep))
    assert len(own["xl/worksheets/sheet17.xml"]) > 100_000  # sheet 6 Diskontering: formulas
    assert_same(fast, own)


def test_a_scenario_without_break_even_with_local_figures_and_a_schedule(monkeypatch):
    data = load_dataset(BUNDLED)
    worked = load_scenario(WORKED_EXAMPLE).to_dict()
    prices = [u for u in data.metadata["unit_prices"] if u.get("subarea")]
    changed = {**worked, "share_with_pct": worked["share_without_pct"],  # no gain: never even
               "local_figures": [{"parameter": prices[0]["parameter"], "source": "KOSTRA",
                                  "value": prices[0]["value"] * 1.5, "year": 2020}],
               "settings": {**worked["settings"], "discount_schedule": "R-109"}}  # fmt: skip
    rep = service.report(parse_scenario(changed), data, with_analysis=False)
    assert rep.result.break_even is None
    fast, own = both(monkeypatch, lambda: xlsx.workbook(rep))
    assert_same(fast, own)


def test_every_kind_of_cell_and_row_and_column_formats(monkeypatch):
    """Cells the report does not write today: each falls back to XlsxWriter or is written as
    XlsxWriter writes it. (Not a formula of a dynamic-array function such as SORT: the model
    uses Excel 2007's functions only, tests/test_xlsx_formulas.py::
    test_formulas_use_only_excel_2007_functions.)"""

    def write() -> bytes:
        buf = io.BytesIO()
        wb = xlsxwriter.Workbook(buf, xlsx.OPTIONS)
        ws = wb.add_worksheet("Ark", ModelSheet)
        red, bold = wb.add_format({"font_color": "red"}), wb.add_format({"bold": True})
        ws.set_row(3, 30, red)  # a row format, and a row with its attributes only
        ws.set_row(40, None, bold)
        ws.set_column(2, 2, 12, bold)
        for row in (0, 3, 17, 33, 70):
            ws.write_formula(row, 2, '=IF(A1<1,"a&b",">")', None, "a&b<")
            ws.write_formula(row, 5, "=1/0", red, "#DIV/0!")
            ws.write_formula(row, 1, "=TRUE()", None, True)
            ws.write_formula(row, 0, "=A2", None, "")
            ws.write_number(row, 3, 1 / 3)
            ws.write_number(row, 4, 1e20, bold)
            ws.write_string(row, 6, "<&>\x02")
            ws.write_boolean(row, 7, False)
            ws.write_blank(row, 8, None, red)
        ws.write_formula(5, 9, "{=SUM(A1:A2)}")  # an array formula: XlsxWriter's own way
        ws.write_formula(7, 9, "SUM(A1:A2)")  # without "="
        ws.write_formula("K9", "=A1", bold, 2)  # A1 notation
        ws.write_number("K10", 2.5, bold)
        ws.write_formula(row=10, col=10, formula="=A2", value=3)
        assert ws.write_formula(1_048_576, 0, "=1") == -1
        ws.write_formulas(80, 3, ["=A1", "B1", "{=SUM(A1:A2)}"], red, [1.5, "x", True])
        ws.write_formulas(81, 16_383, ["=A1", "=A2"], red, [1, 2])  # the second: outside
        ws.write_numbers(82, 0, [1.5, 2, np.float64(2.5), -0.0], bold)
        ws.write_numbers(83, 16_383, [1.0, 2.0])
        ws.write_formulas(84, 0, [], red, [])  # nothing, not even the row's dimensions
        ws.write_numbers(85, 20, [])
        wb.close()
        return buf.getvalue()

    fast, own = both(monkeypatch, write)
    sheet = own["xl/worksheets/sheet1.xml"]
    assert b'<f>IF(A1&lt;1,"a&amp;b","&gt;")</f><v>a&amp;b&lt;</v>' in sheet  # escaped once
    assert_same(fast, own)
