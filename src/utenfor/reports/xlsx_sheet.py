"""The workbook's worksheet classes (issues 30, 32 and 34).

`PrintableSheet` writes every text cell without control characters. `ModelSheet`, the class of
every sheet of the report's workbook, writes some 14 000 formulas and 8 000 numbers twice as
fast as XlsxWriter's own code, with the same bytes: it is the ONE place that uses XlsxWriter's
private API, written for XlsxWriter 3.3.1 (pinned in requirements.lock and
requirements-app.lock). It adds `write_formulas` and `write_numbers` (a row of cells, in one
format, stored with one dimension check into XlsxWriter's own table of cells), skips the
A1-notation wrapper of `write_formula` and `write_number` for row numbers, and replaces

- `_prepare_formula` and `_write_formula` (storing a formula): XlsxWriter runs some 30 regular
  expressions over every formula to find and prefix functions newer than Excel 2007, and one
  more to find dynamic arrays; the model's formulas use only Excel 2007's functions
  (xlsx_cells; tests/test_xlsx_formulas.py checks), so a formula is stored as it is, without
  its "=";
- `_calculate_spans` and `_write_rows` (writing the sheet's XML): per cell, XlsxWriter builds a
  list of attributes and escapes each with a regular expression; the cell references and style
  indexes here need no escaping, so a formula's, number's or shared string's `<c>` element is
  built in one f-string, and any other cell is left to XlsxWriter's `_write_cell`.

tests/test_xlsx_sheet.py writes workbooks with these methods and with XlsxWriter's own and
compares every part byte for byte: it fails if a new XlsxWriter writes cells differently.
"""

from __future__ import annotations

from math import isfinite

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import (
    CellFormulaTuple,
    CellNumberTuple,
    CellStringTuple,
    Worksheet,
)

from utenfor.printable import printable

# A formula's cached value that Excel reads as an error (XlsxWriter's `_write_cell`).
ERRORS = frozenset(("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"))
_tuple = tuple.__new__  # a cell's named tuple, made without its Python-level __new__
FAST = frozenset((CellFormulaTuple, CellNumberTuple, CellStringTuple))  # the cells written here


def _escaped(text: str) -> str:
    """Text in an XML element, as XlsxWriter's `XMLwriter._escape_data`."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class PrintableSheet(Worksheet):
    """A sheet whose every text cell is written without control characters (issue 30): every
    sheet of every workbook, the model's included."""

    def _write_string(self, row, col, string, cell_format=None):
        return super()._write_string(row, col, printable(string), cell_format)


class ModelSheet(PrintableSheet):
    """A worksheet for formulas of Excel 2007's functions only (xlsx_cells), written fast (see
    the module's docstring)."""

    def _prepare_formula(self, formula, expand_future_functions=False):
        return formula.removeprefix("{").removeprefix("=").removesuffix("}")

    def write_formula(self, *args, **kwargs):
        """As XlsxWriter's, without its wrapper (for A1 notation) for a row number."""
        if args and args[0].__class__ is int:
            return self._write_formula(*args, **kwargs)
        return super().write_formula(*args, **kwargs)

    def write_number(self, *args, **kwargs):
        """As XlsxWriter's, without its wrapper (for A1 notation) for a row number."""
        if args and args[0].__class__ is int:
            return self._write_number(*args, **kwargs)
        return super().write_number(*args, **kwargs)

    def _write_formula(self, row, col, formula, cell_format=None, value=0):
        if not (formula and formula[0] == "=") or self._check_dimensions(row, col):
            return super()._write_formula(row, col, formula, cell_format, value)
        self.table[row][col] = _tuple(CellFormulaTuple, (formula[1:], cell_format, value))
        return 0

    def write_formulas(self, row: int, col: int, formulas: list, cell_format, values) -> None:
        """A row of formulas from (row, col), in one format, with their cached values: as
        `write_formula` on each, with one dimension check for the row."""
        last = self._direct(row, col, len(formulas))
        cells = self.table[row]
        for j, formula, value in zip(range(col, col + len(formulas)), formulas, values,
                                     strict=True):  # fmt: skip
            if formula[:1] == "=" and j <= last:
                cells[j] = _tuple(CellFormulaTuple, (formula[1:], cell_format, value))
            else:
                self._write_formula(row, j, formula, cell_format, value)

    def write_numbers(self, row: int, col: int, numbers: list, cell_format=None) -> None:
        """A row of numbers from (row, col), in one format: as `write_number` on each."""
        last = self._direct(row, col, len(numbers))
        cells = self.table[row]
        for j, number in enumerate(numbers, start=col):
            if number.__class__ is float and isfinite(number) and j <= last:
                cells[j] = _tuple(CellNumberTuple, (number, cell_format))
            else:
                self._write_number(row, j, number, cell_format)

    def _direct(self, row: int, col: int, count: int) -> int:
        """The last column of `count` cells from (row, col) that may be stored without
        XlsxWriter's checks: all once the first and the last pass its dimension check (which
        leaves the dimensions as the check of each would), else none (-1)."""
        last = col + count - 1
        if (
            not count
            or self.constant_memory
            or self._check_dimensions(row, col)
            or (self._check_dimensions(row, last))
        ):
            return -1
        return last

    def _calculate_spans(self) -> None:
        """Each block of 16 rows' first and last used column (1-based), as "first:last"."""
        if self.comments:
            return super()._calculate_spans()
        blocks: dict[int, tuple[int, int]] = {}
        for row, cells in self.table.items():
            if cells:
                lo, hi = min(cells), max(cells)
                was = blocks.get(row // 16)
                blocks[row // 16] = (min(lo, was[0]), max(hi, was[1])) if was else (lo, hi)
        self.row_spans = {k: f"{lo + 1}:{hi + 1}" for k, (lo, hi) in blocks.items()}

    def _write_rows(self) -> None:
        if self.comments or self.constant_memory:
            return super()._write_rows()
        self._calculate_spans()
        table, info, spans, write = self.table, self.row_info, self.row_spans, self.fh.write
        names = [xl_col_to_name(c) for c in range(self.dim_colmax + 1)]
        styles: dict = {}  # a cell format -> its style attribute
        for row in range(self.dim_rowmin, self.dim_rowmax + 1):
            cells = table.get(row)
            if not cells:
                if row in info:  # a row with attributes only
                    self._write_empty_row(row, spans.get(row // 16), info[row])
                continue
            self._write_row(row, spans.get(row // 16), info.get(row))
            number, parts = str(row + 1), []
            for col in sorted(cells):
                cell = cells[col]
                kind = cell.__class__
                if kind not in FAST:
                    write("".join(parts))
                    parts = []
                    self._write_cell(row, col, cell)
                    continue
                form = cell[1]
                style = styles.get(form) if form else self._style(row, col)
                if style is None:
                    style = styles[form] = f' s="{form._get_xf_index()}"'
                head = f'<c r="{names[col]}{number}"{style}'
                if kind is CellFormulaTuple:
                    value = cell[2]
                    if value.__class__ is float or value.__class__ is int:
                        parts.append(f"{head}><f>{_escaped(cell[0])}</f><v>{value}</v></c>")
                    else:
                        parts.append(_formula(head, cell))
                elif kind is CellNumberTuple:
                    parts.append(f"{head}><v>{cell[0]:.16G}</v></c>")
                else:
                    parts.append(f'{head} t="s"><v>{cell[0]}</v></c>')
            write("".join(parts))
            self._xml_end_tag("row")

    def _style(self, row: int, col: int) -> str:
        """The style attribute of a cell without a format: its row's, else its column's."""
        info = self.row_info.get(row)
        if info is not None and info.row_format:
            return f' s="{info.row_format._get_xf_index()}"'
        column = self.col_info.get(col)
        if column is not None and column.column_format is not None:
            return f' s="{column.column_format._get_xf_index()}"'
        return ""


def _formula(head: str, cell) -> str:
    """A formula cell's element, its cached value typed as XlsxWriter's `_write_cell` types it."""
    value, kind = cell.value, ""
    if isinstance(value, bool):
        value, kind = int(value), ' t="b"'
    elif isinstance(value, str):
        if value in ERRORS:
            kind = ' t="e"'
        elif value:
            kind = ' t="str"'
        value = _escaped(value)
    return f"{head}{kind}><f>{_escaped(cell.formula)}</f><v>{value}</v></c>"
