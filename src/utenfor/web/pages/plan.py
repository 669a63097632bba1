"""The plan for the council on a page (issue 15, item 4): the initiatives chosen on /tiltak,
each with its latest scenario revision, added up (`model.portfolio`), with the plan's tables,
break-even, the double-counting warnings and the PDF for the kommunestyre. The plan is the
query (`?id=…&id=…&name=…`), as /sammenlign is for scenarios: a link to it is the plan."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from utenfor.model import ScenarioError, parse_scenario
from utenfor.model.portfolio import combine
from utenfor.reports import plan_tables
from utenfor.reports.language import tr
from utenfor.store.rows import NotFound
from utenfor.web.heavy import heavy
from utenfor.web.responses import download, lang_of, render

router = APIRouter(include_in_schema=False)
Ids = Annotated[list[str] | None, Query()]  # ?id=…&id=…


def _chosen(request: Request, ids: list[str]) -> tuple[list, list[str]]:
    """(name, latest scenario) of each chosen initiative that has one, and what was left out
    and why (in the interface's language)."""
    lang, found, left = lang_of(request), [], []
    names: set[str] = set()
    for initiative_id in dict.fromkeys(ids[:50]):
        try:
            view = request.app.state.initiatives.get(initiative_id)
        except NotFound:
            left.append(tr("Et tiltak i planen finnes ikke lenger.", lang))
            continue
        name = view.details["name"]
        if not view.scenarios:
            left.append(tr("«{name}» har ingen beregning ennå.", lang).format(name=name))
            continue
        while name in names:  # the plan names each initiative once
            name += " ·"
        names.add(name)
        found.append((name, parse_scenario(view.scenarios[-1]["scenario"])))
    return found, left


def _plan(request: Request, ids: list[str]):
    found, left = _chosen(request, ids)
    if not found:
        return None, [*left, tr("Velg minst ett tiltak med en beregning.", lang_of(request))]
    try:
        return combine(found, request.app.state.data), left
    except ScenarioError as exc:
        return None, [*left, *(i.text(lambda t: tr(t, lang_of(request))) for i in exc.issues)]


@router.get("/tiltak/plan", response_class=HTMLResponse)
def plan_page(request: Request, id: Ids = None, name: str = "") -> HTMLResponse:
    id = id or []
    portfolio, problems = _plan(request, id)
    lang = lang_of(request)
    context = {"plan": portfolio, "problems": problems, "ids": id,
               "name": " ".join(name.split())[:200] or tr("Plan for kvalifiserte tiltak", lang),
               "tables": plan_tables.tables(portfolio, lang) if portfolio else {}}  # fmt: skip
    return render(request, "plan.html", context, status=200 if portfolio else 422)


@router.get("/tiltak/plan.pdf")
async def plan_download(request: Request, id: Ids = None, name: str = "") -> Response:
    id = id or []
    portfolio, _ = _plan(request, id)
    if portfolio is None:
        return plan_page(request, id, name)
    from utenfor.reports.plan_pdf import plan_pdf  # Typst loads only when asked

    title = " ".join(name.split())[:200] or tr("Plan for kvalifiserte tiltak", lang_of(request))
    content = await heavy(request, plan_pdf, title, portfolio, request.app.state.data,
                          lang_of(request))  # fmt: skip
    return download(content, "application/pdf", "plan.pdf")
