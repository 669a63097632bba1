"""Text a user typed, made fit to print (issue 30, item 12): control characters are removed
before any output shows it. A name with U+0001 showed in the PDF as a literal `\\u0001`; an
escape (U+001B) would reach a terminal as a command, and no XML file (an SVG chart, a
workbook's sheets) may hold most of them at all.

Kept: tab, line feed and carriage return (a note's lines). Removed: the rest of C0
(U+0000-U+001F), DEL and C1 (U+007F-U+009F). Every output calls this at its one place where
text goes out: the PDF's string literals (`reports/pdf.py`, `s`), the SVG charts
(`reports/svg.py`), the workbook's cells (`reports/xlsx.py`, `new_workbook`), the JSON export
(`reports/renderers.py`), the pages (the templates' `finalize`, `web/responses.py`) and the
command line (`cli/common.py`). Layer: vocabulary (imports nothing of ours)."""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` without control characters (tab and line breaks kept)."""
    return _CONTROL.sub("", text)


def printable_tree(value: Any) -> Any:
    """A JSON value (dicts, lists, strings, numbers) with every string `printable`."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable_tree(k): printable_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable_tree(v) for v in value]
    return value
