"""One column, one format (issue 31, item 21): a column of percentages has the same number of
decimals in every cell, on the page, in the command line, in the PDF's source and in the
workbook. The reforecast's deviations were −52,79, −62,4 and −44 in one column."""

from __future__ import annotations

import io
import re

import openpyxl
import xlsxwriter

from support import ROOT, run_cli
from utenfor.reports.table import Column, Table, decimals, pct_format
from utenfor.reports.xlsx import Styles, write_table

DEVIATIONS = Table("t", "Avvik", (Column("", "text"), Column("Avvik (%)", "pct")),
                   (("a", -52.7937), ("b", -62.4), ("c", -44.0), ("d", None)))  # fmt: skip


def test_a_column_of_percentages_has_one_number_of_decimals():
    assert [row[1] for row in DEVIATIONS.shown(" ")] == ["−52,79", "−62,40", "−44,00", "–"]
    assert decimals([10, 15.5, None]) == 1 and decimals([10, 20]) == 0
    assert decimals([1.2049]) == 1 and decimals([1.216]) == 2 and decimals([0.999]) == 0


def test_the_workbook_uses_the_columns_decimals():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    write_table(wb.add_worksheet("t"), Styles(wb), DEVIATIONS, 0)
    wb.close()
    ws = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))["t"]
    formats = {ws.cell(row=r, column=2).number_format for r in range(3, 6)}
    assert formats == {pct_format(2)} == {"0.00"}


def test_the_reforecast_prints_each_column_with_one_format():
    out = run_cli("reforecast", str(ROOT / "examples" / "worked_example.toml"),
                  str(ROOT / "examples" / "faktisk.toml"))  # fmt: skip
    assert out.returncode == 0, out.stderr
    table = out.stdout.split("Plan mot ny prognose")[1].split("Observert")[0]
    last = [line.split("│")[-2].strip() for line in table.splitlines()
            if line.startswith("│") and re.search(r"\d", line.split("│")[-2])]  # fmt: skip
    assert len(last) == 4, table
    places = {len(cell.split(",")[1]) if "," in cell else 0 for cell in last}
    assert len(places) == 1, last
