"""Sign-in through OpenID Connect (issue 14, item 3), with `serve --accounts` and a provider
configured (`UTENFOR_OIDC_ISSUER`, `UTENFOR_OIDC_CLIENT_ID`, `UTENFOR_OIDC_CLIENT_SECRET`;
docs/operations.md): Entra ID, ID-porten, or any certified provider.

The authorisation code flow with PKCE (S256), a `state` and a `nonce`: `/logg-inn/oidc` sends
the browser to the provider, with the three kept in a short-lived HttpOnly cookie (so any
worker can take the answer); `/logg-inn/oidc/svar` takes the code back, checks the state,
fetches the tokens with the code verifier and the client secret, and checks the ID token's
signature (the provider's published keys), issuer, audience, expiry and nonce. The person's
e-mail address and the configured claim's values then give their workspaces
(`store/sign_in_rules.py`), and a session starts in the first, as after a password.

authlib makes the PKCE challenge; the token request is one form POST with the client's secret
in HTTP Basic (`client_secret_basic`), written out here: authlib's httpx client warns at import
that its httpx support is going away, and joserfc (authlib's own JOSE library) checks the
token."""

from __future__ import annotations

import functools
import hmac
import importlib
import secrets
import ssl
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlencode

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from utenfor.marks import N_
from utenfor.store.accounts import AccountError
from utenfor.store.sign_in_rules import provision
from utenfor.web.pages.accounts import local_path, signed_in_response
from utenfor.web.responses import message

router = APIRouter(include_in_schema=False)
COOKIE = "utenfor_oidc"
ALGORITHMS = ["RS256", "PS256", "ES256"]


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    client_id: str
    client_secret: str
    claim: str = "groups"  # the claim whose values the operator's rules map to workspaces
    scope: str = "openid email profile"
    label: str = "innlogging for kommunen"  # the button: "Logg inn med {label}"


def oidc_from_env() -> OidcSettings | None:
    """The provider from the environment (the secret never on a command line), or None."""
    import os

    issuer = os.environ.get("UTENFOR_OIDC_ISSUER", "")
    if not issuer:
        return None
    named = {key: f"UTENFOR_OIDC_{key.upper()}" for key in ("claim", "scope", "label")}
    given = {key: os.environ[name] for key, name in named.items() if os.environ.get(name)}
    return OidcSettings(issuer, os.environ.get("UTENFOR_OIDC_CLIENT_ID", ""),
                        os.environ.get("UTENFOR_OIDC_CLIENT_SECRET", ""), **given)  # fmt: skip


def load_libraries() -> None:
    """Import what a sign-in through the provider uses (authlib, joserfc: about 0.1 s of CPU).
    A server without a provider never does; one with a provider does it as it starts, so that
    no sign-in waits for it on the event loop."""
    for name in ("authlib.oauth2.rfc7636", "joserfc.errors", "joserfc.jwk", "joserfc.jwt"):
        importlib.import_module(name)


@functools.cache
def _tls() -> ssl.SSLContext:
    """httpx's TLS context, made once per process: a new client made its own, loading the
    certificates again, 23 ms of CPU on the event loop for every sign-in (issue 32)."""
    return httpx.create_ssl_context()


async def _provider(request: Request) -> dict:
    """The provider's metadata and keys, fetched once per process."""
    app, oidc = request.app, request.app.state.oidc
    if getattr(app.state, "oidc_metadata", None) is None:
        async with httpx.AsyncClient(timeout=10, verify=_tls()) as client:
            meta = (
                await client.get(f"{oidc.issuer.rstrip('/')}/.well-known/openid-configuration")
            ).json()
            if meta.get("issuer") != oidc.issuer:
                raise ValueError("the provider names another issuer")
            meta["keys"] = (await client.get(meta["jwks_uri"])).json()
        app.state.oidc_metadata = meta
    return app.state.oidc_metadata


def _redirect_uri(request: Request) -> str:
    return str(request.url_for("oidc_answer"))


def _failed(request: Request, status: int = 400) -> Response:
    return message(request, N_("Innloggingen ble ikke fullført"),
                   N_("Innloggingen hos identitetstjenesten ble avbrutt eller kunne ikke "
                      "kontrolleres. Prøv igjen fra innloggingssiden."), status)  # fmt: skip


@router.get("/logg-inn/oidc")
async def oidc_start(request: Request, neste: str = "/") -> Response:
    oidc = request.app.state.oidc
    if oidc is None:
        return message(
            request, "Finnes ikke", "Denne tjeneren bruker ikke ekstern innlogging.", 404
        )
    try:
        meta = await _provider(request)
    except (httpx.HTTPError, ValueError, KeyError):
        return message(request, N_("Identitetstjenesten svarer ikke"),
                       N_("Prøv igjen om litt, eller logg inn med passord."), 503)  # fmt: skip
    from authlib.oauth2.rfc7636 import create_s256_code_challenge

    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    params = {"response_type": "code", "client_id": oidc.client_id, "scope": oidc.scope,
              "redirect_uri": _redirect_uri(request), "state": state, "nonce": nonce,
              "code_challenge": create_s256_code_challenge(verifier),
              "code_challenge_method": "S256"}  # fmt: skip
    response = RedirectResponse(f"{meta['authorization_endpoint']}?{urlencode(params)}", 303)
    kept = ".".join((state, nonce, verifier, quote(local_path(neste), safe="")))
    response.set_cookie(COOKIE, kept, max_age=600, path="/logg-inn/oidc", httponly=True,
                        samesite="lax", secure=request.url.scheme == "https")  # fmt: skip
    return response


@router.get("/logg-inn/oidc/svar", name="oidc_answer")
async def oidc_answer(request: Request, code: str = "", state: str = "") -> Response:
    from joserfc.errors import JoseError

    oidc, kept = request.app.state.oidc, request.cookies.get(COOKIE, "").split(".")
    if oidc is None or len(kept) != 4 or not code or not hmac.compare_digest(kept[0], state):
        return _failed(request)
    _, nonce, verifier, target = kept
    try:
        meta = await _provider(request)
        async with httpx.AsyncClient(timeout=10, verify=_tls()) as client:
            answer = await client.post(meta["token_endpoint"], auth=(oidc.client_id,
                                       oidc.client_secret), data={
                "grant_type": "authorization_code", "code": code, "code_verifier": verifier,
                "redirect_uri": _redirect_uri(request)})  # fmt: skip
        answer.raise_for_status()  # the provider refused the code, the verifier or the client
        claims = _checked(answer.json().get("id_token", ""), meta, oidc, nonce)
    except (httpx.HTTPError, JoseError, ValueError, KeyError, TypeError):
        return _failed(request)
    values = claims.get(oidc.claim, [])
    values = [values] if isinstance(values, str) else list(values or [])
    try:
        user, spaces = provision(request.app.state.engine, str(claims.get("email", "")),
                                 str(claims.get("name", "")), values,
                                 identity=(claims["iss"], claims["sub"]))  # fmt: skip
    except AccountError as exc:
        if exc.field == "identity":  # the address is another person's here (issue 30)
            return message(request, N_("Ingen tilgang"),
                           N_("E-postadressen din hører til en annen person på denne tjeneren. "
                              "Spør den som drifter tjenesten."), 403)  # fmt: skip
        return message(request, N_("Ingen tilgang"),
                       N_("Du er logget inn hos identitetstjenesten, men ingen arbeidsområder her "
                          "er knyttet til deg. Spør den som drifter tjenesten."), 403)  # fmt: skip
    response = signed_in_response(request, user, unquote(target), spaces[0], how="OIDC")
    response.delete_cookie(COOKIE, path="/logg-inn/oidc")
    return response


def _checked(id_token: str, meta: dict, oidc: OidcSettings, nonce: str) -> dict:
    """The ID token's claims, once its signature, issuer, audience, expiry and nonce hold."""
    from joserfc import jwt
    from joserfc.jwk import KeySet

    token = jwt.decode(id_token, KeySet.import_key_set(meta["keys"]), algorithms=ALGORITHMS)
    jwt.JWTClaimsRegistry(iss={"essential": True, "value": oidc.issuer},
                          aud={"essential": True, "value": oidc.client_id},
                          exp={"essential": True}, sub={"essential": True},
                          nonce={"essential": True, "value": nonce},
                          ).validate(token.claims)  # fmt: skip
    return token.claims
