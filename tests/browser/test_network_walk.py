"""Issue 14, Done when (the browser test): in a real browser against `utenfor serve --accounts`,
an `eier` invites a colleague, who accepts, signs in, edits a scenario, and shares it
read-only with a network workspace, where a member of another municipality reads it and
cannot change it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from support import PASSWORD, member, start_server
from utenfor.store.accounts import Accounts
from utenfor.store.db import make_engine, migrate
from utenfor.store.shares import join_network


@pytest.fixture()
def network_server(tmp_path):
    url = f"sqlite:///{tmp_path}/nettverk.db"
    engine = make_engine(url)
    migrate(engine)
    accounts = Accounts(engine)
    bodo, fauske, network = (accounts.add_workspace(n, k) for n, k in (
        ("Bodø kommune", "kommune"), ("Fauske kommune", "kommune"),
        ("KS-nettverket Nordland", "nettverk")))  # fmt: skip
    for ws in (bodo, fauske):
        join_network(engine, network, ws)
    member(accounts, bodo, "kari@bodo.no", "eier")
    member(accounts, network, "ola@fauske.no", "redaktør")  # from Fauske; edits the network's own
    engine.dispose()
    proc, base = start_server(url, tmp_path, "--accounts")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/logg-inn")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(base + "/")


def test_invite_edit_share_with_the_network_and_read_there(network_server, page, browser):
    base = network_server
    # Kari (eier of Bodø) invites Nina as redaktør: the link is shown once on the page.
    sign_in(page, base, "kari@bodo.no")
    page.get_by_role("link", name="Arbeidsområde").click()
    page.fill("#f-email", "nina@bodo.no")
    page.select_option("#f-role", "redaktør")
    page.get_by_role("button", name="Lag invitasjon").click()
    link = page.inner_text("#invitasjon code")
    assert link.startswith(base + "/invitasjon/")
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(re.compile(r"/logg-inn"))

    # Nina takes the invitation, in her own browser, and is signed in.
    nina = browser.new_context(locale="nb-NO", viewport={"width": 1400, "height": 1000})
    p = nina.new_page()
    p.goto(link)
    p.fill("#f-name", "Nina Nilsen")
    p.fill("#f-password", "Ninas eget passord")
    p.get_by_role("button", name="Lagre").click()
    p.wait_for_url(base + "/")
    expect(p.locator(".signed-in")).to_contain_text("Nina Nilsen (redaktør)")

    # She saves the guide's example, then edits it (a new name and success rate) and saves.
    p.goto(base + "/?eksempel=veiledning")
    expect(p.locator("#tabell-aktorer")).to_be_visible()
    p.fill("#f-name", "Bodøs tiltak")
    p.click("text=Lagre scenario")
    p.wait_for_url(re.compile(r"/scenarier/[0-9a-f]{32}"))
    scenario_url = p.url.split("?")[0]
    p.fill("#f-share_with_pct", "70")
    p.fill("#f-name", "Bodøs tiltak, 70 prosent")
    p.get_by_role("button", name="Lagre endringer").click()
    p.wait_for_url(re.compile(r"melding=lagret"))
    expect(p.locator("h1")).to_have_text("Bodøs tiltak, 70 prosent")
    edited = p.inner_text("#tabell-aktorer")

    # ... and shares it read-only with the network.
    p.select_option("#f-network", label="KS-nettverket Nordland")
    p.get_by_role("button", name="Del med nettverket").click()
    p.wait_for_url(re.compile(r"melding=delt"))
    expect(p.locator("#deling")).to_be_visible()
    assert "Med nettverket KS-nettverket Nordland" in p.inner_text(".sharing")
    nina.close()

    # Ola, from Fauske, a member of the network, reads it there: the same figures.
    ola = browser.new_context(locale="nb-NO", viewport={"width": 1400, "height": 1000})
    q = ola.new_page()
    sign_in(q, base, "ola@fauske.no")
    q.get_by_role("link", name="Arbeidsområde").click()
    expect(q.locator("#delt-med-oss")).to_be_visible()
    q.get_by_role("link", name="Bodøs tiltak, 70 prosent").click()
    q.wait_for_url(re.compile(r"/nettverk/[0-9a-f]{32}"))
    expect(q.locator("#kun-lesing")).to_contain_text("bare til lesing")
    assert q.inner_text("#tabell-aktorer") == edited
    assert q.locator("form[action^='/scenarier/']").count() == 0  # nothing to change it with
    # ... and cannot change it, though he edits in the network: not found there, nor listed.
    csrf = q.locator("input[name=csrf]").first.get_attribute("value")
    changed = q.request.post(scenario_url, form={"csrf": csrf, "name": "Endret av Fauske"})
    assert changed.status == 404
    assert q.request.get(scenario_url).status == 404
    q.goto(base + "/scenarier")
    assert "Bodøs tiltak" not in q.inner_text("main")
    ola.close()
