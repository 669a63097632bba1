"""Two to four saved scenarios side by side: inputs, the three figures, thresholds; on the page
and as a workbook."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from utenfor.model import parse_scenario
from utenfor.model.analysis import decompose, thresholds
from utenfor.model.result import calculate
from utenfor.reports.renderers import XLSX
from utenfor.store.db import NotFound
from utenfor.terms import AREA_NAMES_NB, AREAS, PAYER_NAMES_NB, PAYERS
from utenfor.web.responses import download, message, not_found, render

router = APIRouter(include_in_schema=False)


@router.get("/sammenlign.xlsx")
@router.get("/sammenlign")
def compare(request: Request, id: Annotated[list[str] | None, Query()] = None) -> Response:
    ids = list(dict.fromkeys(id or []))
    data = request.app.state.data
    if not 2 <= len(ids) <= 4:
        return message(request, "Velg to til fire scenarier", "Kryss av for to, tre eller fire "
                       "lagrede scenarier og velg «Sammenlign».", 422)  # fmt: skip
    columns = []
    for scenario_id in ids:
        try:
            stored = request.app.state.scenarios.get(scenario_id)
        except NotFound:
            return not_found(request)
        scenario = parse_scenario(stored.scenario)
        result = calculate(scenario, data)
        columns.append({"stored": stored, "name": stored.name, "scenario": scenario,
                        "result": result, "thresholds": thresholds(decompose(scenario, data)),
                        "group": data.group(scenario.target_group)})  # fmt: skip
    if request.url.path.endswith(".xlsx"):
        from utenfor.reports.xlsx_compare import comparison_workbook

        return download(comparison_workbook(columns), XLSX, "sammenligning.xlsx")
    return render(request, "compare.html", {"columns": columns, "query": request.url.query,
                  "payers": PAYERS, "payer_names": PAYER_NAMES_NB, "areas": AREAS,
                  "area_names": AREA_NAMES_NB})  # fmt: skip
