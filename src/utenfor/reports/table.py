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


def decimals(values, most: int = 2) -> int:
    """The decimals one column of percentages needs: as many as its most precise number, up to
    `most`, the same for every cell (issue 31, item 21: −52,79, −62,40, −44,00, not −62,4 and
    −44 beside it)."""
    needed = 0
    for v in values:
        if isinstance(v, int | float) and not isinstance(v, bool):
            text = f"{abs(v):.{most}f}".rstrip("0")
            needed = max(needed, len(text.split(".")[1]) if "." in text else 0)
    return needed


def pct_format(places: int) -> str:
    """The workbook's display format for percentages with `places` decimals."""
    return "0" + ("." + "0" * places if places else "")


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "kr"

    def show(self, value: Any, space: str = " ", places: int | None = None) -> str:
        """One cell as text: '−980 769', '2024', '0,990099', '' for None; a percentage with
        `places` decimals when its column says so."""
        if value is None:
            return "–"
        if isinstance(value, str) or self.kind == "text":
            return str(value)
        if self.kind == "year":
            return str(int(value))
        if self.kind == "pct":
            return trim(value, 2) if places is None else number(value, places, space)
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
        places = self.places()
        return [[c.show(v, space, p) for c, v, p in zip(self.columns, row, places, strict=True)]
                for row in self.rows]  # fmt: skip

    def places(self) -> list[int | None]:
        """Per column, the decimals of its percentages (None for other kinds)."""
        return [decimals(row[j] for row in self.rows) if c.kind == "pct" else None
                for j, c in enumerate(self.columns)]  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "columns": [{"title": c.title, "kind": c.kind} for c in self.columns],
            "rows": [list(r) for r in self.rows],
            "note": self.note,
        }
