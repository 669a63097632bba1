"""Plans for the council on pages (issue 15, item 4): a plan made from the initiatives chosen
on /tiltak, its page (the plan's tables, break-even, the double-counting warnings, what was
left out and why, a form to change its name and initiatives) and its PDF for the
kommunestyre. A change carries its version: a stale one is 409 with the choice kept."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from utenfor.formatting import file_name
from utenfor.i18n import N_
from utenfor.reports import plan_tables
from utenfor.store.accounts import WRITERS
from utenfor.store.plans import InvalidPlan
from utenfor.store.rows import Conflict, NotFound
from utenfor.store.shares import Shares
from utenfor.web import stores
from utenfor.web.heavy import heavy
from utenfor.web.pages.initiatives import initiative_list_page
from utenfor.web.plan_view import compute
from utenfor.web.responses import download, lang_of, message, render

router = APIRouter(include_in_schema=False)


def _missing(request: Request) -> HTMLResponse:
    return message(request, N_("Finnes ikke"), N_("Planen finnes ikke. Den kan være slettet."), 404)


async def _choice(request: Request) -> tuple[str, list[str], int]:
    form = await request.form()
    version = str(form.get("version", "0"))
    return (str(form.get("name", "")), [str(x) for x in form.getlist("id")],
            int(version) if version.isdigit() else 0)  # fmt: skip


def plan_html(request: Request, plan, status: int = 200, initiatives=None,
              **extra) -> HTMLResponse:  # fmt: skip
    """A plan's page; `initiatives` (default: the request's workspace's) are the ones it adds
    up: a network reading a shared plan (`read_only`) sees those of the plan's workspace."""
    lang, initiatives = lang_of(request), initiatives or stores.initiatives(request)
    done = compute(request, plan, lang, initiatives)
    context = {"computed": done, "plan": done.portfolio, "stored": plan,
               "tables": plan_tables.tables(done.portfolio, lang) if done.portfolio else {},
               "all_initiatives": [] if extra.get("read_only") else initiatives.list(),
               **extra}  # fmt: skip
    signed = getattr(request.state, "signed_in", None)
    if signed is not None and signed.role in WRITERS and not extra.get("read_only"):
        shares = Shares(request.app.state.engine, signed.workspace_id)
        context |= {"shares": shares.of(plan.id), "networks": shares.networks()}
    return render(request, "plan.html", context, status=status)


@router.post("/tiltak/planer", response_class=HTMLResponse)
async def create_plan(request: Request) -> Response:
    name, ids, _ = await _choice(request)
    try:
        plan = stores.plans(request).create(name, ids)
    except InvalidPlan as exc:
        problems = {
            "initiatives": N_("Velg minst ett tiltak til planen."),
            "name": N_("Gi planen et navn."),
        }
        problem = problems.get(exc.field, exc.message)
        return initiative_list_page(request, 422, plan_error=problem, plan_name=name,
                                    plan_ids=ids)  # fmt: skip
    return RedirectResponse(f"/tiltak/planer/{plan.id}", status_code=303)


@router.get("/tiltak/planer/{plan_id}", response_class=HTMLResponse)
def plan_page(request: Request, plan_id: str) -> HTMLResponse:
    try:
        return plan_html(request, stores.plans(request).get(plan_id))
    except NotFound:
        return _missing(request)


@router.post("/tiltak/planer/{plan_id}", response_class=HTMLResponse)
async def change_plan(request: Request, plan_id: str) -> Response:
    name, ids, version = await _choice(request)
    plans = stores.plans(request)
    try:
        plans.update(plan_id, version, name, ids)
    except NotFound:
        return _missing(request)
    except Conflict:
        return plan_html(request, plans.get(plan_id), 409, conflict=True, typed_name=name,
                     typed_ids=ids)  # fmt: skip
    except InvalidPlan as exc:
        return plan_html(request, plans.get(plan_id), 422, plan_error=exc.message,
                     typed_name=name, typed_ids=ids)  # fmt: skip
    return RedirectResponse(f"/tiltak/planer/{plan_id}", status_code=303)


@router.post("/tiltak/planer/{plan_id}/slett")
def delete_plan(request: Request, plan_id: str) -> Response:
    try:
        stores.plans(request).delete(plan_id)
    except NotFound:
        return _missing(request)
    return RedirectResponse("/tiltak?melding=plan-slettet", status_code=303)


@router.get("/tiltak/planer/{plan_id}/plan.pdf")
async def plan_download(request: Request, plan_id: str) -> Response:
    try:
        plan = stores.plans(request).get(plan_id)
    except NotFound:
        return _missing(request)
    done = compute(request, plan, lang_of(request))
    if done.portfolio is None:
        return plan_html(request, plan, 422)
    from utenfor.reports.plan_pdf import plan_pdf  # Typst loads only when asked

    content = await heavy(request, plan_pdf, plan.name, done.portfolio, request.app.state.data,
                          lang_of(request))  # fmt: skip
    return download(content, "application/pdf", file_name(plan.name, suffix=".pdf"))
