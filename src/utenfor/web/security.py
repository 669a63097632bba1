"""Security for the web app (issue 7, first part): headers, a cross-site check, a size limit.

- Content-Security-Policy: scripts only from the app's own files, no inline script and no
  eval (the charts are SVG drawn on the server). The API docs page (Swagger UI starts with an
  inline script) gets its own, looser policy.
- State-changing requests (POST, PUT, PATCH, DELETE) from another site are refused (403): the
  browser's Origin or Sec-Fetch-Site says where the request comes from. Together with SameSite
  cookies this stops cross-site form posts (CSRF) without tokens in every form.
- Request bodies over MAX_BODY are refused (413): by their Content-Length before they are read,
  and a body sent without one (chunked) by counting what arrives; reading stops at the limit,
  so the server never holds more than MAX_BODY of a body (issue 30, item 4).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

MAX_BODY = 2_000_000  # a scenario is a few kB; an upload at most 1 MB
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
       "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")  # fmt: skip
DOCS_CSP = CSP.replace("script-src 'self';", "script-src 'self' 'unsafe-inline';")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _refuse(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": [{"field": "(forespørsel)", "message": message}]},
                            status_code=status)  # fmt: skip
    return PlainTextResponse(message, status_code=status)


def cross_site(request: Request) -> bool:
    """True when a browser says the request comes from another site."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc != request.headers.get("host", request.url.netloc)


class BodyTooLarge(Exception):
    """Raised to whoever reads past MAX_BODY; the middleware answers 413 instead."""


class SecurityMiddleware:
    """Plain ASGI (Starlette's BaseHTTPMiddleware cost about a fifth of the throughput)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if request.method in UNSAFE_METHODS:
            refusal = None
            if cross_site(request):
                refusal = _refuse(
                    request, 403, "Forespørsler fra andre nettsteder er ikke tillatt."
                )
            else:
                length = request.headers.get("content-length")
                if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
                    refusal = _refuse(request, 413, "Forespørselen er for stor (høyst 2 MB).")
            if refusal is not None:
                await self._secured(refusal, scope["path"])(scope, receive, send)
                return
        policy = (DOCS_CSP if scope["path"] == "/api/docs" else CSP).encode()
        counted, too_large, started = 0, False, False

        async def receive_counted():
            nonlocal counted, too_large
            if too_large:
                raise BodyTooLarge
            message = await receive()
            if message["type"] == "http.request":
                counted += len(message.get("body", b""))
                if counted > MAX_BODY:  # what was read is dropped with the exception
                    too_large = True
                    raise BodyTooLarge
            return message

        async def send_with_headers(message) -> None:
            nonlocal started
            if too_large and not started:  # whatever the app made of a cut-off body: 413
                return
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"content-security-policy"]  # fmt: skip
                names = {k.lower() for k, _ in headers}
                headers.append((b"content-security-policy", policy))
                headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()
                            if k.lower().encode() not in names]  # fmt: skip
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive_counted, send_with_headers)
        except BodyTooLarge:
            if not too_large:
                raise
        if too_large and not started:
            refusal = _refuse(request, 413, "Forespørselen er for stor (høyst 2 MB).")
            await self._secured(refusal, scope["path"])(scope, receive, send)

    @staticmethod
    def _secured(response: Response, path: str) -> Response:
        response.headers["Content-Security-Policy"] = DOCS_CSP if path == "/api/docs" else CSP
        for name, value in HEADERS.items():
            response.headers[name] = value
        return response
