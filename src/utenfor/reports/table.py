"""A table as a built value: raw cells and a kind per column, so that every output formats
the same numbers its own way (the page, the PDF and the command line as Norwegians write them,
the workbook as numbers with a display format)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from utenfor.formatting import NBSP, number, trim

# How a column's numbers are shown: decimals in text, and the workbook's display format.
KINDS: dict[str, tuple[int | None, str | None]] = {
    "text": (None, None),
    "kr": (0, "#,##0"),  # whole kroner
    "count": (0, "#,##0"),
    "year": (None, "0"),  # 2021, never 2 021
    "pct": (2, "0.00"),  # percentage points or per cent, up to two decimals
    "factor": (6, "0.000000"),
}


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "kr"

    def show(self, value: Any, space: str = " ") -> str:
        """One cell as text: '−980 769', '2024', '0,990099', '' for None."""
        if value is None:
            return "–"
        if isinstance(value, str) or self.kind == "text":
            return str(value)
        if self.kind == "year":
            return str(int(value))
        if self.kind == "pct":
            return trim(value, 2)
        return number(value, KINDS[self.kind][0], space)


@dataclass(frozen=True)
class Table:
    """Rows of raw cells (text, numbers or None for 'not defined') under typed columns."""

    key: str  # a stable name for programs and tests: "payers", "areas", "uncertainty", ...
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: str = ""

    @property
    def text_columns(self) -> int:
        """How many leading columns hold text (left-aligned)."""
        n = 0
        for c in self.columns:
            if c.kind != "text":
                break
            n += 1
        return n

    def shown(self, space: str = NBSP) -> list[list[str]]:
        """Every cell as text, numbers as Norwegians write them."""
        return [[c.show(v, space) for c, v in zip(self.columns, row, strict=True)]
                for row in self.rows]  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "columns": [{"title": c.title, "kind": c.kind} for c in self.columns],
            "rows": [list(r) for r in self.rows],
            "note": self.note,
        }
