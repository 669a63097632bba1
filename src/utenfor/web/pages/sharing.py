"""Sharing a saved scenario read-only (issue 14, `store/shares.py`): by a link that can expire
and be revoked, or with a network workspace. `/delt/{token}` is open to whoever has the link;
`/nettverk/{share_id}` (a scenario or a plan) to the network's members. Each shows the result
and nothing to change it with; an unknown, revoked or expired share is the same 404."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from utenfor.marks import N_
from utenfor.store.accounts import AccountError
from utenfor.store.db import Scenarios
from utenfor.store.initiatives import Initiatives
from utenfor.store.plans import Plans
from utenfor.store.rows import NotFound
from utenfor.store.shares import Shares, by_link
from utenfor.web.forms import form_from_scenario
from utenfor.web.pages.accounts import problem_text
from utenfor.web.pages.calculation import form_dict, page_context
from utenfor.web.pages.plan import plan_html
from utenfor.web.responses import message, not_found, render

router = APIRouter(include_in_schema=False)
GONE = (N_("Finnes ikke"), N_("Lenken er ukjent, trukket tilbake eller utløpt. Be den som "
                             "delte scenariet om en ny."))  # fmt: skip


def _shares(request: Request) -> Shares:
    return Shares(request.app.state.engine, request.state.signed_in.workspace_id)


def _shown(request: Request, stored, how: str) -> HTMLResponse:
    form = form_from_scenario(stored.scenario) | {"name": stored.name}
    context = page_context(request, form, shared=stored, how=how)
    return render(request, "shared.html", context)


@router.post("/scenarier/{scenario_id}/del", response_class=HTMLResponse)
async def share_by_link(request: Request, scenario_id: str) -> Response:
    form, signed = form_dict(await request.form()), request.state.signed_in
    days = str(form.get("days", "")).strip()
    try:
        _, token = _shares(request).link(scenario_id, signed.email,
                                         int(days) if days.isdigit() else -1)  # fmt: skip
    except NotFound:
        return not_found(request)
    except AccountError as exc:
        return message(request, N_("Ikke delt"), problem_text(request, exc), 422)
    link = f"{str(request.base_url).rstrip('/')}/delt/{token}"
    return render(request, "share_made.html", {"link": link, "scenario_id": scenario_id,
                                                "days": int(days)})  # fmt: skip


async def _with_network(request: Request, back: str, **item) -> Response:
    form, signed = form_dict(await request.form()), request.state.signed_in
    try:
        _shares(request).with_network(str(form.get("network", "")), signed.email, **item)
    except NotFound:
        return not_found(request)
    except AccountError as exc:
        return message(request, N_("Ikke delt"), problem_text(request, exc), 422)
    return RedirectResponse(f"{back}?melding=delt", status_code=303)


@router.post("/scenarier/{scenario_id}/del-med-nettverk")
async def share_with_network(request: Request, scenario_id: str) -> Response:
    return await _with_network(request, f"/scenarier/{scenario_id}", scenario_id=scenario_id)


@router.post("/tiltak/planer/{plan_id}/del-med-nettverk")
async def share_plan_with_network(request: Request, plan_id: str) -> Response:
    return await _with_network(request, f"/tiltak/planer/{plan_id}", plan_id=plan_id)


@router.post("/delinger/{share_id}/tilbakekall")
def revoke(request: Request, share_id: str) -> Response:
    try:
        back = _shares(request).revoke(share_id)
    except NotFound:
        return message(request, N_("Finnes ikke"), N_("Delingen finnes ikke her."), 404)
    return RedirectResponse(f"{back}?melding=tilbakekalt", status_code=303)


@router.get("/delt/{token}", response_class=HTMLResponse)
def shared_by_link(request: Request, token: str) -> HTMLResponse:
    try:
        stored = by_link(request.app.state.engine, token)
    except NotFound:
        return message(request, *GONE, 404)
    return _shown(request, stored, "link")


@router.get("/nettverk/{share_id}", response_class=HTMLResponse)
def shared_with_network(request: Request, share_id: str) -> HTMLResponse:
    engine = request.app.state.engine
    try:
        kind, owner, item_id = _shares(request).shared_item(share_id)
        if kind == "plan":
            plan = Plans(engine, owner).get(item_id)
            return plan_html(request, plan, initiatives=Initiatives(engine, owner), read_only=True)
        return _shown(request, Scenarios(engine, owner).get(item_id), "network")
    except NotFound:
        return message(request, *GONE, 404)
