"""Signing in and out, taking an invitation, and setting a new password from a reset link
(issue 14, with `serve --accounts`). A new session is made at every sign-in and the old one
ended (rotation); signing out ends it. The cookie is HttpOnly, SameSite=Lax, and Secure when
the page was served over HTTPS.

Hashing and checking a password (argon2, about 0.4 s of CPU) runs in a worker thread, at most
`PASSWORD_WORK` at a time, never on the event loop: a flood of sign-ins waits in its own queue
while every other request is served (issue 30, item 3; `bench/sign_in.py`)."""

from __future__ import annotations

import os

from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from utenfor.i18n import translations
from utenfor.marks import N_
from utenfor.store import audit
from utenfor.store.accounts import (
    SESSION_HOURS,
    WINDOW,
    AccountError,
    Accounts,
    TooManyTries,
)
from utenfor.web.access import COOKIE
from utenfor.web.pages.calculation import form_dict
from utenfor.web.responses import lang_of, message, render

router = APIRouter(include_in_schema=False)
SIGN_IN = {"title": N_("Logg inn"), "button": N_("Logg inn"), "intro": "", "fields": [
    ("email", N_("E-postadresse"), "email", "username"),
    ("password", N_("Passord"), "password", "current-password")]}  # fmt: skip
NEW_PASSWORD = {"button": N_("Lagre"), "fields": [
    ("name", N_("Navnet ditt"), "text", "name"),
    ("password", N_("Nytt passord (minst 12 tegn)"), "password", "new-password")]}  # fmt: skip
INVITED = NEW_PASSWORD | {"title": N_("Velkommen"), "intro": N_(
    "Du er invitert til et arbeidsområde. Skriv navnet ditt og velg et passord. Har du en "
    "konto fra før, skriver du passordet ditt, eller logger inn først og åpner lenken "
    "igjen.")}  # fmt: skip
RESET = NEW_PASSWORD | {"title": N_("Nytt passord"), "intro": "",
                        "fields": NEW_PASSWORD["fields"][1:]}  # fmt: skip
FIELDS = {"token": N_("Lenken"), "password": N_("Passordet"), "name": N_("Navnet"),
          "email": N_("E-postadressen"), "role": N_("Rollen"), "scope": N_("Tilgangen"),
          "workspace": N_("Arbeidsområdet"), "days": N_("Antall dager"),
          "network": N_("Nettverket")}  # fmt: skip
ROLE_NAMES = (N_("eier"), N_("redaktør"), N_("leser"))  # shown in the menu: _(role)
# Each hash takes 64 MiB and a core: more at once would only queue in the CPU and the memory.
PASSWORD_WORK = CapacityLimiter(os.cpu_count() or 2)


async def with_password(work, *args):
    """`work(*args)`, which hashes or checks a password, in a worker thread of its own queue."""
    return await to_thread.run_sync(work, *args, limiter=PASSWORD_WORK)


def _accounts(request: Request) -> Accounts:
    return Accounts(request.app.state.engine)


def _page(request: Request, page: dict, action: str, status: int = 200, problem: str = "",
          form: dict | None = None, neste: str = "") -> HTMLResponse:  # fmt: skip
    context = page | {"action": action, "problem": problem, "form": form or {}, "neste": neste,
                      "oidc": request.app.state.oidc if page is SIGN_IN else None}  # fmt: skip
    return render(request, "account.html", context, status=status)


def problem_text(request: Request, exc: AccountError) -> str:
    """A refusal as the page shows it: the field's name, then what is wrong."""
    gettext = translations(lang_of(request)).gettext
    return f"{gettext(FIELDS.get(exc.field, exc.field))}: {exc.message}."


def local_path(target: str) -> str:
    """Where to go after signing in: a path on this site only."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"


def address_of(request: Request) -> str:
    return request.client.host if request.client else "ukjent"


def signed_in_response(request: Request, user_id: str, target: str,
                       workspace_id: str | None = None,
                       how: str = "passord") -> Response:  # fmt: skip
    """A new session (the old one ended) in `workspace_id`, or the person's first workspace by
    name, and on to `target` on this site; the workspace's log has the sign-in."""
    accounts = _accounts(request)
    old = request.cookies.get(COOKIE)
    if old:
        accounts.end_session(old)
    spaces = [workspace_id] if workspace_id else [w[0] for w in accounts.workspaces_of(user_id)]
    if not spaces:
        return message(
            request, N_("Ingen tilgang"), N_("Du er ikke medlem av noe arbeidsområde."), 403
        )
    token = accounts.start_session(user_id, spaces[0])
    audit.record(accounts.engine, spaces[0], accounts.session(token).email, "innlogget",
                 f"med {how}, fra {address_of(request)}")  # fmt: skip
    response = RedirectResponse(local_path(target), status_code=303)
    response.set_cookie(COOKIE, token, max_age=SESSION_HOURS * 3600, httponly=True,
                        samesite="lax", secure=request.url.scheme == "https")  # fmt: skip
    return response


@router.get("/logg-inn", response_class=HTMLResponse)
def sign_in_form(request: Request, neste: str = "/") -> HTMLResponse:
    return _page(request, SIGN_IN, "/logg-inn", neste=local_path(neste))


@router.post("/logg-inn", response_class=HTMLResponse)
async def sign_in(request: Request) -> Response:
    form = form_dict(await request.form())
    address = request.client.host if request.client else "ukjent"
    target, gettext = (
        local_path(str(form.get("neste", "/"))),
        translations(lang_of(request)).gettext,
    )
    try:
        user = await with_password(_accounts(request).sign_in, str(form.get("email", "")),
                                   str(form.get("password", "")), address)  # fmt: skip
    except TooManyTries as exc:
        await run_in_threadpool(audit.of_person, request.app.state.engine,
                                str(form.get("email", "")), "innlogging sperret",
                                f"for mange forsøk, fra {address}", once_in=WINDOW)  # fmt: skip
        text = gettext(N_("For mange forsøk. Prøv igjen om {seconds} sekunder."))
        return _page(request, SIGN_IN, "/logg-inn", 429, text.format(seconds=exc.seconds),
                     form, target)  # fmt: skip
    except AccountError:
        await run_in_threadpool(audit.of_person, request.app.state.engine,
                                str(form.get("email", "")), "innlogging avvist",
                                f"feil passord, fra {address}")  # fmt: skip
        text = gettext(N_("Feil e-postadresse eller passord."))
        return _page(request, SIGN_IN, "/logg-inn", 422, text, form, target)
    return signed_in_response(request, user, target)


@router.post("/logg-ut")
def sign_out(request: Request) -> Response:
    token, signed = request.cookies.get(COOKIE), getattr(request.state, "signed_in", None)
    if token:
        _accounts(request).end_session(token)
    if signed is not None:
        audit.record(request.app.state.engine, signed.workspace_id, signed.email, "logget ut",
                     f"fra {address_of(request)}")  # fmt: skip
    response = RedirectResponse("/logg-inn", status_code=303)
    response.delete_cookie(COOKIE, httponly=True, samesite="lax")
    return response


@router.get("/invitasjon/{token}", response_class=HTMLResponse)
def invitation_form(request: Request, token: str) -> HTMLResponse:
    return _page(request, INVITED, f"/invitasjon/{token}")


async def _taken(request: Request, page: dict, action: str, use) -> Response:
    """A one-time link's form sent: `use(form)` answers, or its refusal is shown by field."""
    form = form_dict(await request.form())
    try:
        return await with_password(use, form)  # `use` hashes the new password
    except AccountError as exc:
        return _page(request, page, action, 422, problem_text(request, exc), form)


@router.post("/invitasjon/{token}", response_class=HTMLResponse)
async def accept(request: Request, token: str) -> Response:
    def use(form: dict) -> Response:
        accounts, signed = _accounts(request), getattr(request.state, "signed_in", None)
        workspace = accounts.invitation(token)[1]
        address = address_of(request)
        user = accounts.accept(token, str(form.get("name", "")), str(form.get("password", "")),
                               signed_in_as=signed and signed.user_id,
                               address=address)  # fmt: skip
        return signed_in_response(request, user, "/", workspace, how="invitasjon")

    return await _taken(request, INVITED, f"/invitasjon/{token}", use)


@router.get("/nytt-passord/{token}", response_class=HTMLResponse)
def reset_form(request: Request, token: str) -> HTMLResponse:
    return _page(request, RESET, f"/nytt-passord/{token}")


@router.post("/nytt-passord/{token}", response_class=HTMLResponse)
async def reset(request: Request, token: str) -> Response:
    def use(form: dict) -> Response:
        _accounts(request).reset(token, str(form.get("password", "")))
        return RedirectResponse("/logg-inn", status_code=303)

    return await _taken(request, RESET, f"/nytt-passord/{token}", use)
