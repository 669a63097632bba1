"""Two to four saved scenarios side by side: inputs, the three figures, thresholds; on the page
and as a workbook."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from utenfor import service
from utenfor.formatting import file_name
from utenfor.marks import N_
from utenfor.model import parse_scenario
from utenfor.reports.comparison import SECTION, comparison, comparison_chart
from utenfor.reports.renderers import XLSX
from utenfor.store.db import NotFound
from utenfor.web import stores
from utenfor.web.responses import download, lang_of, message, not_found, render

router = APIRouter(include_in_schema=False)


@router.get("/sammenlign.xlsx")
@router.get("/sammenlign")
def compare(request: Request, id: Annotated[list[str] | None, Query()] = None) -> Response:
    ids = list(dict.fromkeys(id or []))
    data = request.app.state.data
    if not 2 <= len(ids) <= 4:
        return message(request, N_("Velg to til fire scenarier"),
                       N_("Kryss av for to, tre eller fire lagrede scenarier og velg "
                          "«Sammenlign»."), 422)  # fmt: skip
    named, stored = [], []
    for scenario_id in ids:
        try:
            stored.append(stores.scenarios(request).get(scenario_id))
        except NotFound:
            return not_found(request)
        named.append((stored[-1].name, parse_scenario(stored[-1].scenario)))
    columns, lang = service.compare(named, data), lang_of(request)
    if request.url.path.endswith(".xlsx"):
        from utenfor.reports.xlsx_compare import comparison_workbook

        name = file_name("sammenligning", *(s.name for s in stored), suffix=".xlsx")
        return download(comparison_workbook(columns, lang), XLSX, name)
    return render(request, "compare.html", {"stored": stored, "query": request.url.query,
                  "lines": comparison(columns, lang), "section": SECTION,
                  "chart": comparison_chart(columns, lang)})  # fmt: skip
