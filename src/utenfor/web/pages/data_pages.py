"""The data page (the data set, its unit prices and sources, a group's life course) and
"Om modellen". Everything comes from the loaded data set: nothing reads `sources/`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from utenfor.reports import charts, result_tables
from utenfor.reports.language import area_name
from utenfor.terms import AREA_NAMES_NB, DATA_AREAS, PAYER_NAMES_NB
from utenfor.web.responses import lang_of, render

router = APIRouter(include_in_schema=False)
SAMPLE_AGES = (10, 15, 20, 25, 35, 45, 55)


@router.get("/data", response_class=HTMLResponse)
def data_page(request: Request, gruppe: str | None = None) -> HTMLResponse:
    data, lang = request.app.state.data, lang_of(request)
    groups = data.target_groups
    chosen = gruppe if gruppe in data.group_index and gruppe != "population" else groups[0].id
    g = data.group_index[chosen]
    table = result_tables.gaps(data, g, range(data.max_age + 1), lang)
    gaps = data.gaps[g]
    sub_gaps = [(sub, [float(gaps[a, j]) for a in SAMPLE_AGES], float(gaps[18:, j].mean()))
                for j, sub in enumerate(data.subareas)]  # fmt: skip
    return render(request, "data.html", {
        "sub_gaps": sub_gaps, "sample_ages": SAMPLE_AGES, "groups": groups,
        "unit_prices": data.metadata.get("unit_prices", []), "chosen": data.group(chosen),
        "gap_table": table, "chart": charts.gap_chart(table, lang),
        "data_areas": DATA_AREAS, "area_names": AREA_NAMES_NB, "subareas": data.subareas,
        "payer_names": PAYER_NAMES_NB, "sources": data.metadata.get("sources", []),
        "area_name": area_name, "grades": data.grades, "group_index": data.group_index,
    })  # fmt: skip


@router.get("/om", response_class=HTMLResponse)
def about_page(request: Request) -> HTMLResponse:
    return render(request, "about.html", {})
