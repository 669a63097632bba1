"""Who may do what, with accounts on (`utenfor serve --accounts`, issue 14). Plain ASGI, inside
the security middleware (which refuses cross-site and oversized requests first).

- The session cookie names a session (`store/accounts.py`); the request then works in the
  session's workspace (`request.state.workspace`, which `web/stores.py` binds every repository
  to), as its person (`request.state.signed_in`).
- Open to everyone: the sign-in pages, `/healthz`, static files, the API's schema and docs
  page (they describe the API; they hold no one's data); and `/api/v1/calculate` and
  `/api/v1/analyse` when the operator allows it (`--open-calculation`), since they store
  nothing. Everything else without a session: a page goes to the sign-in page (303), the API
  answers 401. Neither says anything about what exists.
- A `leser` may read; any request that changes something (POST, PUT, PATCH, DELETE) needs
  `redaktør` or `eier` (403), except signing out. The live calculation (`/beregn`,
  `/skjema/aar`) stores nothing and is a reader's too.
- A form sent with a session must carry its CSRF token (`csrf`, in every form the pages
  render), and a JSON request the header `X-CSRF-Token`; otherwise 403. This comes on top of
  the Origin check.
- `/api/v1` also takes a personal API token (`Authorization: Bearer utf_...`,
  `store/tokens.py`) instead of a session: an unknown or revoked one is 401, a `read` token
  that tries to change something 403. A token is not ambient (a browser never sends it on
  its own), so it needs no CSRF token. A token opens no page.
- A share link (`/delt/{token}`) is open: the token is the key (`store/shares.py`).
- Every answer to a signed-in request (a session or a token), static files aside, says
  `Cache-Control: no-store`.
"""

from __future__ import annotations

import hmac
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse

from utenfor.store.accounts import WRITERS, Accounts
from utenfor.store.tokens import ApiTokens

COOKIE = "utenfor_session"
OPEN = (
    "/logg-inn",
    "/invitasjon/",
    "/nytt-passord/",
    "/healthz",
    "/static/",
    "/sprak/",
    "/api/openapi.json",
    "/api/docs",
    "/delt/",
)  # the API's description is public; its data is not; a share link is its own key
CALCULATION = ("/api/v1/calculate", "/api/v1/analyse")
# POSTs that store nothing: the live calculation, the local figures (a cookie), the
# workspace a session works in, and signing out. With the exports of a calculation, and one's
# own API tokens, they are what a reader (and a `read` token) may send.
STORES_NOTHING = ("/beregn", "/skjema/aar", "/data/lokale-tall", "/logg-ut",
                  "/arbeidsomrade/bytt", "/api/v1/calculate", "/api/v1/analyse")  # fmt: skip
EXPORTS = ("/eksport/", "/api/v1/export/")
READERS_MAY_POST = STORES_NOTHING + EXPORTS + ("/arbeidsomrade/tokener",)
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
STALE_FORM = ("Skjemaet er utløpt eller kommer ikke fra denne siden. Last siden på nytt og "
              "prøv igjen.")  # fmt: skip


def _refuse(path: str, status: int, message: str):
    if path.startswith("/api/"):
        return JSONResponse({"detail": [{"field": "(innlogging)", "message": message}]},
                            status_code=status)  # fmt: skip
    return PlainTextResponse(message, status_code=status)


async def _body(receive) -> bytes:
    chunks, more = [], True
    while more:
        message = await receive()
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes, receive):
    sent = False

    async def again():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again


async def _form_token(scope, receive) -> str:
    """The `csrf` field of a form body; "" if the body cannot be read as the form its type
    says (a fuzzer's multipart without a boundary, say): such a body carries no token."""
    try:
        form = await Request(scope, receive).form()
    except Exception:  # any body that cannot be read as a form carries no token
        return ""
    try:
        return str(form.get("csrf", ""))
    finally:
        await form.close()


def no_store(send):
    """`send` with `Cache-Control: no-store` on the answer: what a signed-in person is shown
    stays out of every cache, the browser's and a proxy's (issue 30, item 9)."""

    async def sending(message) -> None:
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", [])
                       if k.lower() != b"cache-control"]  # fmt: skip
            message = {**message, "headers": [*headers, (b"cache-control", b"no-store")]}
        await send(message)

    return sending


class AccessControl:
    def __init__(self, app, engine, open_calculation: bool = False):
        self.app, self.accounts, self.tokens = app, Accounts(engine), ApiTokens(engine)
        self.open = OPEN + (CALCULATION if open_calculation else ())

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        path, method = scope["path"], scope["method"]
        bearer = request.headers.get("authorization", "")
        if bearer[:7].lower() == "bearer " and path.startswith("/api/v1/"):
            await self._with_token(scope, receive, send, bearer[7:].strip())
            return
        token = request.cookies.get(COOKIE)
        signed = self.accounts.session(token) if token else None
        state = scope.setdefault("state", {})
        if signed is not None:
            state["signed_in"], state["workspace"] = signed, signed.workspace_id
        else:
            state["workspace"] = None  # no workspace: nothing stored is reachable
        refused = None
        if path.startswith(self.open):
            pass
        elif signed is None:
            if path.startswith("/api/"):
                refused = _refuse(path, 401, "Logg inn først.")
            else:
                target = quote(path + (f"?{scope['query_string'].decode()}"
                                       if scope.get("query_string") else ""), safe="")  # fmt: skip
                refused = RedirectResponse(f"/logg-inn?neste={target}", status_code=303)
        elif (
            method in UNSAFE
            and signed.role not in WRITERS
            and not path.startswith(READERS_MAY_POST)
        ):
            refused = _refuse(path, 403, "Du kan lese, men ikke endre i dette arbeidsområdet.")
        elif method in UNSAFE:
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            sent = request.headers.get("x-csrf-token", "")
            if not sent and kind in FORMS:  # the form's field; the route gets the same body
                original = receive
                body = await _body(original)
                sent = await _form_token(scope, _replay(body, original))
                receive = _replay(body, original)
            if not hmac.compare_digest(sent.encode(), signed.csrf.encode()):
                refused = _refuse(path, 403, STALE_FORM)
        if signed is not None and not path.startswith("/static/"):
            send = no_store(send)
        if refused is not None:
            await refused(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _with_token(self, scope, receive, send, token: str) -> None:
        path, method = scope["path"], scope["method"]
        signed = self.tokens.signed(token) if token else None
        state = scope.setdefault("state", {})
        state["signed_in"] = signed
        state["workspace"] = signed.workspace_id if signed else None
        refused = None
        if signed is None:
            refused = _refuse(path, 401, "API-tokenet er ukjent eller trukket tilbake.")
        elif (method in UNSAFE and not path.startswith(STORES_NOTHING + EXPORTS)
              and (signed.via != "write" or signed.role not in WRITERS)):  # fmt: skip
            refused = _refuse(path, 403, "Tokenet kan lese, men ikke endre i dette "
                                         "arbeidsområdet.")  # fmt: skip
        if signed is not None:
            send = no_store(send)
        await (refused or self.app)(scope, receive, send)  # a token never sends cookies
