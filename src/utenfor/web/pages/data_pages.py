"""The data page (the data set, its unit prices and sources, a group's life course) and
"Om modellen". Everything comes from the loaded data set: nothing reads `sources/`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from utenfor.formatting import trim
from utenfor.model.local_figures import local_prices
from utenfor.reports import charts, result_tables
from utenfor.reports.language import area_name
from utenfor.terms import DATA_AREAS
from utenfor.web import kostra_view
from utenfor.web import local_figures as local
from utenfor.web.responses import errors_of, lang_of, render

router = APIRouter(include_in_schema=False)
SAMPLE_AGES = (10, 15, 20, 25, 35, 45, 55)


@router.get("/data", response_class=HTMLResponse)
def data_page(request: Request, gruppe: str | None = None, lagret: str | None = None,
              kommune: str | None = None, aar: str | None = None):  # fmt: skip
    figures = local.from_cookie(request.cookies.get(local.COOKIE), request.app.state.data)
    form = {f"lokal_{f['parameter']}_{k}": (trim(f[k]) if k == "value" else f[k])
            for f in figures for k in ("value", "year", "source")}  # fmt: skip
    found = kostra_view.lookup(kommune, aar, request.app.state.data) if kommune else None
    if found is not None:  # KOSTRA's figures fill the form; the form's button uses them
        form |= found.form
    context = data_context(request, gruppe, form, {}, bool(lagret)) | {"kostra": found}
    return render(request, "data.html", context)


@router.post("/data/lokale-tall", response_class=HTMLResponse)
async def set_local_figures(request: Request) -> Response:
    """The data page's form: keep the municipality's figures in a cookie, or remove them."""
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    if form.get("handling") == "fjern":
        response = RedirectResponse("/data#lokale-tall", status_code=303)
        response.delete_cookie(local.COOKIE)
        return response
    figures, issues = local.figures_from_form(form, request.app.state.data)
    if issues:  # shown by the fields, and nothing typed is lost
        errors = errors_of(request, issues)
        return render(request, "data.html", data_context(request, None, form, errors), status=422)
    response = RedirectResponse("/data?lagret=1#lokale-tall", status_code=303)
    if figures:
        response.set_cookie(local.COOKIE, local.to_cookie(figures), max_age=365 * 24 * 3600,
                            samesite="lax", httponly=True)  # fmt: skip
    else:
        response.delete_cookie(local.COOKIE)
    return response


def data_context(request: Request, gruppe, local_form: dict, local_errors: dict,
                 saved: bool = False) -> dict:  # fmt: skip
    """Everything the data page shows; the local figures' form as typed, with its errors."""
    data, lang = request.app.state.data, lang_of(request)
    groups = data.target_groups
    chosen = gruppe if gruppe in data.group_index and gruppe != "population" else groups[0].id
    g = data.group_index[chosen]
    table = result_tables.gaps(data, g, range(data.max_age + 1), lang)
    gaps = data.gaps[g]
    sub_gaps = [(sub, [float(gaps[a, j]) for a in SAMPLE_AGES], float(gaps[18:, j].mean()))
                for j, sub in enumerate(data.subareas)]  # fmt: skip
    return {
        "local_prices": local_prices(data).values(), "local_form": local_form,
        "local_errors": local_errors, "local_saved": saved,
        "local_labels": local.field_labels(data),
        "sub_gaps": sub_gaps, "sample_ages": SAMPLE_AGES, "groups": groups,
        "unit_prices": data.metadata.get("unit_prices", []), "chosen": data.group(chosen),
        "gap_table": table, "chart": charts.gap_chart(table, lang),
        "data_areas": DATA_AREAS, "subareas": data.subareas,
        "sources": data.metadata.get("sources", []),
        "area_name": area_name, "grades": data.grades, "group_index": data.group_index,
        "publication": lambda u: publication(u, lang),
    }  # fmt: skip


# The unit prices' publications as the open data set writes them (English, for the data build)
# and as a bokmål page shows them (issue 31, item 18); another data set's show as written.
PUBLICATIONS_NB = {
    "KS (2019), Utenfor-regnskapet: unit prices of the original model, as reproduced in the "
    "project's model specification (docs/model.md, 'The original's unit prices')":
        "KS (2019), Utenfor-regnskapet: enhetsprisene i den opprinnelige modellen, slik "
        "prosjektets modellbeskrivelse gjengir dem",
    "Udir, Utdanningsspeilet 2017, 4.4 Kostnader til videregående opplæring (2016 accounts; "
    "the same figure as KS's unit price)":
        "Udir, Utdanningsspeilet 2017, 4.4 Kostnader til videregående opplæring (regnskapet for "
        "2016; samme tall som enhetsprisen til KS)",
}  # fmt: skip


def publication(unit_price: dict, lang: str) -> str:
    """A unit price's publication in the interface's language, where the bokmål is known."""
    text = str(unit_price.get("publication", ""))
    return PUBLICATIONS_NB.get(text, text) if lang == "nb" else text


@router.get("/om", response_class=HTMLResponse)
def about_page(request: Request) -> HTMLResponse:
    return render(request, "about.html", {})
