"""Output formats registered by name (after Datasette's output renderers): one mapping from a
format to its file ending, media type, button label and render function. `utenfor export
--to`, the page's download buttons and `/api/v1/export/{fmt}` all read it, so a format added
here appears in all three (issue 11)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import orjson

from utenfor.i18n import N_
from utenfor.printable import printable_tree
from utenfor.reports.report import Report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Renderer:
    name: str  # "pdf": the API path and the page's download route
    suffix: str  # ".pdf": what `utenfor export --to` recognises
    media_type: str
    label: str  # the page's button, in bokmål (translated by the interface's catalogue)
    render: Callable[[Report], bytes]

    @property
    def filename(self) -> str:
        return f"utenfor{self.suffix}"


RENDERERS: dict[str, Renderer] = {}


def register(renderer: Renderer) -> Renderer:
    RENDERERS[renderer.name] = renderer
    return renderer


def by_suffix(suffix: str) -> Renderer | None:
    return next((r for r in RENDERERS.values() if r.suffix == suffix.lower()), None)


def _pdf(report: Report) -> bytes:
    from utenfor.reports.pdf import pdf  # Typst loads only when asked

    return pdf(report)


def _xlsx(report: Report) -> bytes:
    from utenfor.reports.xlsx import workbook

    return workbook(report)


def _json(report: Report) -> bytes:
    return orjson.dumps(
        printable_tree(report.to_json()), option=orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_INDENT_2
    )


register(Renderer("xlsx", ".xlsx", XLSX, N_("Last ned som Excel"), _xlsx))
register(Renderer("pdf", ".pdf", "application/pdf", N_("Last ned PDF-rapport"), _pdf))
register(Renderer("json", ".json", "application/json", N_("Last ned som JSON"), _json))
