"""A workbook opened to be read, whose sheets are parsed only when asked for (issue 32).

Reading an exported workbook back needs Inndata, a sheet of some 60 rows; openpyxl's normal
mode parses all 19 sheets (some 90 000 cells of the model's formulas) first: 130 of the
reader's 200 ms. Its read-only mode parses a sheet when it is asked for, but gives no address
for an empty cell and reads the sheet again for each cell looked up by address. `Book` opens
the workbook read-only and reads each sheet asked for once, into rows of `Cell`s of equal
length, as the normal mode gives them.
"""

from __future__ import annotations

import zipfile
from typing import Any
from xml.etree.ElementTree import ParseError

from openpyxl.utils.cell import column_index_from_string as column_index
from openpyxl.utils.cell import coordinate_from_string, get_column_letter

# What openpyxl raises for a damaged file, when it is opened or a sheet of it is read
_DAMAGED = (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, ParseError)


class Damaged(Exception):
    """The file is not a workbook, or a sheet of it cannot be read."""


class Cell:
    __slots__ = ("column", "row", "value")

    def __init__(self, value: Any, row: int, column: int) -> None:
        self.value, self.row, self.column = value, row, column

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


class Sheet:
    def __init__(self, title: str, values: list[tuple]) -> None:
        width = max(map(len, values), default=0)
        self.title = title
        self._rows = [
            tuple(Cell(v, i, j) for j, v in enumerate((*row, *(None,) * (width - len(row))), 1))
            for i, row in enumerate(values, 1)
        ]

    def __getitem__(self, coordinate: str) -> Cell:
        letters, row = coordinate_from_string(coordinate)
        column = column_index(letters)
        if row <= len(self._rows) and column <= len(self._rows[row - 1]):
            return self._rows[row - 1][column - 1]
        return Cell(None, row, column)

    def iter_rows(self, max_col: int | None = None) -> list[tuple[Cell, ...]]:
        return [row[:max_col] for row in self._rows] if max_col else list(self._rows)


class Book:
    """The values (`data_only`) of a workbook's sheets, each read when first asked for;
    `Damaged` if the file or a sheet cannot be read."""

    def __init__(self, stream) -> None:
        import openpyxl  # only when a workbook is read

        try:
            self._book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        except _DAMAGED as exc:
            raise Damaged from exc
        self.defined_names = self._book.defined_names
        self.sheetnames = [ws.title for ws in self._book.worksheets]
        self._sheets: dict[str, Sheet] = {}

    def __getitem__(self, name: str) -> Sheet:
        if name not in self._sheets:
            ws = self._book[name]
            ws.reset_dimensions()  # read every cell there is, whatever the file says its size is
            try:
                self._sheets[name] = Sheet(name, list(ws.iter_rows(values_only=True)))
            except _DAMAGED as exc:
                raise Damaged from exc
        return self._sheets[name]

    @property
    def worksheets(self) -> list[Sheet]:
        return [self[name] for name in self.sheetnames]
