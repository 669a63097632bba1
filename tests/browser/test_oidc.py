"""Sign-in through OpenID Connect (issue 14, Done when): against a real OpenID provider that the
test starts on loopback (panva's oidc-provider, OpenID-certified, run by node: tests/oidc/),
not a mock of the client. The provider requires PKCE, so a flow without it fails; its ID tokens
are signed with its own keys. A person whose group the operator's rule maps to Fauske lands in
Fauske's workspace with the rule's role; a group no rule maps gets no access; a forged answer
(a state that is not the one sent) signs no one in."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from support import TLS, free_port, start_server
from utenfor.store.accounts import Accounts
from utenfor.store.db import make_engine, migrate
from utenfor.store.sign_in_rules import add_rule

PROVIDER = Path(__file__).parents[1] / "oidc"
SECRET = "en-hemmelighet-for-testen"


def provider(port: int, redirect: str, email: str, group: str, log: Path) -> subprocess.Popen:
    if not shutil.which("node") or not (PROVIDER / "node_modules" / "oidc-provider").exists():
        pytest.fail("node and tests/oidc/node_modules are needed (python3 dev.py test installs)")
    with log.open("wb") as out:
        command = ["node", "provider.mjs", str(port), redirect, SECRET, email, group]
        proc = subprocess.Popen(command, cwd=PROVIDER, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.time() + 20
    while time.time() < deadline and proc.poll() is None:
        try:
            httpx.get(
                f"http://127.0.0.1:{port}/.well-known/openid-configuration", timeout=1, verify=TLS
            )
            return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    pytest.fail(f"the OpenID provider did not start: {log.read_text()[-2000:]}")


@pytest.fixture()
def servers(tmp_path, monkeypatch, request):
    group = getattr(request, "param", "fauske-utenfor-redaktorer")
    url = f"sqlite:///{tmp_path}/oidc.db"
    engine = make_engine(url)
    migrate(engine)
    accounts = Accounts(engine)
    fauske = accounts.add_workspace("Fauske kommune", "kommune")
    accounts.add_workspace("Bodø kommune", "kommune")  # first by name: not where Ola belongs
    add_rule(engine, "fauske-utenfor-redaktorer", fauske, "redaktør")
    engine.dispose()
    idp_port, app_port = free_port(), free_port()
    idp = provider(idp_port, f"http://127.0.0.1:{app_port}/logg-inn/oidc/svar", "ola@fauske.no",
                   group, tmp_path / "provider.log")  # fmt: skip
    for key, value in (("ISSUER", f"http://127.0.0.1:{idp_port}"), ("CLIENT_ID", "utenfor"),
                       ("CLIENT_SECRET", SECRET), ("SCOPE", "openid email profile groups"),
                       ("LABEL", "kommunens pålogging")):  # fmt: skip
        monkeypatch.setenv(f"UTENFOR_OIDC_{key}", value)
    app, base = start_server(url, tmp_path, "--accounts", port=app_port)
    yield base, accounts
    for proc in (app, idp):
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture()
def page(browser):
    """A browser page of its own: the provider's development sign-in page asks for a web font
    from the internet, which this machine does not reach (refused at once, not waited for)."""
    context = browser.new_context(locale="nb-NO")
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
    yield context.new_page()
    context.close()


def through_the_provider(page, base: str, login: str = "ola") -> None:
    """Signs in at the provider as `login`, which is the `sub` it gives (provider.mjs)."""
    page.goto(base + "/logg-inn")
    page.click("#oidc")  # "Logg inn med kommunens pålogging"
    page.wait_for_selector("input[name=login]")  # the provider's own sign-in page
    assert not page.url.startswith(base)
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "hva som helst")
    page.click("button[type=submit]")
    page.wait_for_selector("button[type=submit]")  # consent: this app may have the claims
    page.click("button[type=submit]")


def test_signing_in_through_the_provider_lands_in_the_workspace_its_group_gives(servers, page):
    base, _ = servers
    through_the_provider(page, base)
    page.wait_for_url(base + "/")
    assert "Ola Nordmann (redaktør)" in page.inner_text(".signed-in")
    page.goto(base + "/arbeidsomrade")
    assert page.inner_text("h1") == "Arbeidsområde: Fauske kommune"
    cookie = {c["name"]: c for c in page.context.cookies()}["utenfor_session"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert "utenfor_oidc" not in {c["name"] for c in page.context.cookies()}  # used, removed


@pytest.mark.parametrize("servers", ["en-gruppe-uten-regel"], indirect=True)
def test_a_group_no_rule_maps_gets_no_access(servers, page):
    base, _ = servers
    through_the_provider(page, base)
    page.wait_for_selector("h1")
    assert "Ingen tilgang" in page.inner_text("h1")
    assert "utenfor_session" not in {c["name"] for c in page.context.cookies()}


def test_an_answer_with_another_state_signs_no_one_in(servers):
    base, _ = servers
    with httpx.Client(base_url=base, verify=TLS) as c:
        started = c.get("/logg-inn/oidc")
        assert started.status_code == 303
        where = httpx.URL(started.headers["location"])
        sent = dict(where.params)
        assert sent["code_challenge_method"] == "S256" and len(sent["code_challenge"]) == 43
        assert sent["nonce"] and sent["state"]
        forged = c.get("/logg-inn/oidc/svar", params={"code": "x", "state": "ikke-den"})
        assert forged.status_code == 400 and "ikke fullført" in forged.text
        assert "utenfor_session" not in c.cookies
        assert re.search(r"kommunens pålogging", c.get("/logg-inn").text)


def test_the_providers_subject_not_the_email_says_who_signs_in(servers, browser):
    """Issue 30, item 10: the first sign-in stores the provider's `iss` and `sub`; someone the
    provider knows by another `sub` but with the same e-mail address is not let in as that
    person; the first one, signing in again, is."""
    from sqlalchemy import text

    base, accounts = servers

    def signed_in_as(login: str):
        context = browser.new_context(locale="nb-NO")  # a fresh sign-in at the provider
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        page = context.new_page()
        through_the_provider(page, base, login)
        page.wait_for_selector("h1")
        return page, context

    page, context = signed_in_as("ola")
    page.wait_for_url(base + "/")
    context.close()
    with accounts.engine.connect() as conn:
        stored = conn.execute(text("SELECT issuer, subject FROM oidc_identities")).all()
    assert [tuple(r) for r in stored] == [(os.environ["UTENFOR_OIDC_ISSUER"], "ola")]
    page, context = signed_in_as("mallory")  # the same ola@fauske.no, another subject
    assert "Ingen tilgang" in page.inner_text("h1")
    assert "hører til en annen person" in page.inner_text("main")
    assert "utenfor_session" not in {c["name"] for c in context.cookies()}
    context.close()
    page, context = signed_in_as("ola")
    page.wait_for_url(base + "/")
    assert "Ola Nordmann (redaktør)" in page.inner_text(".signed-in")
    context.close()
