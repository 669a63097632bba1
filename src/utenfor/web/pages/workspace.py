"""The workspace page (`/arbeidsomrade`, with `serve --accounts`): the workspace one works in
and a switch to one's other workspaces; its members (an `eier` invites, changes roles and
removes); one's personal API tokens (made, shown once, revoked); the workspace's shares and
what is shared with it as a network; and, for an `eier`, the audit log."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from utenfor.marks import N_
from utenfor.store import audit
from utenfor.store.accounts import ROLES, SESSION_HOURS, AccountError, Accounts
from utenfor.store.rows import NotFound
from utenfor.store.shares import Shares
from utenfor.store.tokens import ApiTokens
from utenfor.web.access import COOKIE
from utenfor.web.pages.accounts import problem_text
from utenfor.web.pages.calculation import form_dict
from utenfor.web.responses import message, render

router = APIRouter(include_in_schema=False)
AUDIT_LINES = 200


def _page(request: Request, status: int = 200, **extra) -> HTMLResponse:
    signed, engine = request.state.signed_in, request.app.state.engine
    accounts, shares = Accounts(engine), Shares(engine, signed.workspace_id)
    owner = signed.role == "eier"
    context = {
        "workspace": accounts.workspace(signed.workspace_id),
        "workspaces": accounts.workspaces_of(signed.user_id),
        "members": accounts.members(signed.workspace_id),
        "roles": ROLES,
        "owner": owner,
        "tokens": ApiTokens(engine).of(signed.workspace_id, None if owner else signed.user_id),
        "shares": shares.of(),
        "shared_with_us": shares.shared_with_us(),
        "audit": audit.log(engine, signed.workspace_id, AUDIT_LINES) if owner else [],
        **extra,
    }
    return render(request, "workspace.html", context, status=status)


@router.get("/arbeidsomrade", response_class=HTMLResponse)
def workspace_page(request: Request, melding: str | None = None) -> HTMLResponse:
    return _page(request, notice=melding)


@router.post("/arbeidsomrade/bytt")
async def switch(request: Request) -> Response:
    """Work in another of one's workspaces: a new session there (the old one ended)."""
    target = str(form_dict(await request.form()).get("workspace", ""))
    signed, accounts = request.state.signed_in, Accounts(request.app.state.engine)
    try:
        token = accounts.start_session(signed.user_id, target)
    except AccountError as exc:
        return _page(request, 422, problem=problem_text(request, exc))
    accounts.end_session(request.cookies.get(COOKIE, ""))
    names = (accounts.workspace(signed.workspace_id)[0], accounts.workspace(target)[0])
    _log(request, "byttet arbeidsområde", f"til «{names[1]}»")
    _log(request, "byttet arbeidsområde", f"fra «{names[0]}»", workspace=target)
    response = RedirectResponse("/arbeidsomrade?melding=byttet", status_code=303)
    response.set_cookie(COOKIE, token, max_age=SESSION_HOURS * 3600, httponly=True,
                        samesite="lax", secure=request.url.scheme == "https")  # fmt: skip
    return response


def _log(request: Request, action: str, target: str, workspace: str | None = None) -> None:
    """A line in the log, with what the middleware cannot see (issue 30, item 5)."""
    signed = request.state.signed_in
    audit.record(request.app.state.engine, workspace or signed.workspace_id, signed.email,
                 action, target)  # fmt: skip


def _owner_only(request: Request) -> Response | None:
    if request.state.signed_in.role != "eier":
        return message(request, N_("Ingen tilgang"), N_("Bare en eier kan endre medlemmene."), 403)
    return None


@router.post("/arbeidsomrade/invitasjon", response_class=HTMLResponse)
async def invite(request: Request) -> Response:
    """An `eier` invites someone: the one-time link is shown once, to pass on."""
    refused = _owner_only(request)
    if refused:
        return refused
    form, signed = form_dict(await request.form()), request.state.signed_in
    try:
        token = Accounts(request.app.state.engine).link(
            "invitation", str(form.get("email", "")), signed.workspace_id,
            str(form.get("role", "")))  # fmt: skip
    except AccountError as exc:
        return _page(request, 422, problem=problem_text(request, exc), form=form)
    link = f"{str(request.base_url).rstrip('/')}/invitasjon/{token}"
    invitee = Accounts(request.app.state.engine).invitation(token)
    _log(request, "medlem", f"invitasjon laget: {invitee[0]} som {invitee[2]}")
    return _page(request, invitation=link, invited=str(form.get("email", "")))


@router.post("/arbeidsomrade/medlemmer/{user_id}")
async def change_member(request: Request, user_id: str) -> Response:
    refused = _owner_only(request)
    if refused:
        return refused
    role = str(form_dict(await request.form()).get("role", ""))
    signed, accounts = request.state.signed_in, Accounts(request.app.state.engine)
    was = {m[0]: (m[2], m[3]) for m in accounts.members(signed.workspace_id)}.get(user_id)
    if was is None:
        return message(request, N_("Finnes ikke"), N_("Personen er ikke medlem her."), 404)
    try:
        accounts.set_role(user_id, signed.workspace_id, None if role == "fjern" else role)
    except AccountError as exc:
        return _page(request, 422, problem=problem_text(request, exc))
    _log(request, "medlem", f"{was[0]} fjernet (var {was[1]})" if role == "fjern"
         else f"{was[0]}: rolle {was[1]} → {role}")  # fmt: skip
    return RedirectResponse("/arbeidsomrade?melding=medlem#medlemmer", status_code=303)


@router.post("/arbeidsomrade/tokener", response_class=HTMLResponse)
async def new_token(request: Request) -> Response:
    form, signed = form_dict(await request.form()), request.state.signed_in
    try:
        _, token = ApiTokens(request.app.state.engine).create(
            signed.user_id, signed.workspace_id, str(form.get("name", "")),
            str(form.get("scope", "")))  # fmt: skip
    except AccountError as exc:
        return _page(request, 422, problem=problem_text(request, exc), form=form)
    _log(request, "opprettet", f"API-token «{form.get('name')}» ({form.get('scope')})")
    return _page(request, new_token=token)


@router.post("/arbeidsomrade/tokener/{token_id}/tilbakekall")
def revoke_token(request: Request, token_id: str) -> Response:
    signed, tokens = request.state.signed_in, ApiTokens(request.app.state.engine)
    try:
        tokens.revoke(token_id, signed.workspace_id, signed.user_id, signed.role)
    except NotFound:
        return message(request, N_("Finnes ikke"), N_("Tokenet finnes ikke her."), 404)
    made = next(t for t in tokens.of(signed.workspace_id) if t.id == token_id)
    _log(request, "tilbakekalt", f"API-token «{made.name}» ({made.scope}), {made.user_name}")
    return RedirectResponse("/arbeidsomrade?melding=tilbakekalt#tokener", status_code=303)
