"""Sharing a saved scenario read-only (issue 14, item 2): by a link that expires and can be
revoked, and with a network workspace whose members read it and cannot change it; the network
never gets the sharing workspace."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from support import EXAMPLE, member, secret_shown
from utenfor.store.accounts import AccountError, Accounts
from utenfor.store.shares import Shares, join_network
from utenfor.web.access import COOKIE
from utenfor.web.app import Settings, create_app

NAME = "Bodøs plan for 2027"


@pytest.fixture()
def world(new_database):
    app = create_app(Settings(database_url=new_database(), accounts=True))
    engine, accounts = app.state.engine, Accounts(app.state.engine)
    bodo, fauske, network, other = (
        accounts.add_workspace(n, k) for n, k in (("Bodø kommune", "kommune"),
        ("Fauske kommune", "kommune"), ("KS-nettverket", "nettverk"),
        ("Et annet nettverk", "nettverk")))  # fmt: skip
    join_network(engine, network, bodo)
    join_network(engine, network, fauske)
    sessions = {"bodo": member(accounts, bodo, "kari@bodo.no", "eier"),
                "bodo_leser": member(accounts, bodo, "per@bodo.no", "leser"),
                "fauske_i_nettverket": member(accounts, network, "ola@fauske.no", "redaktør"),
                "fauske": member(accounts, fauske, "ida@fauske.no", "eier"),
                "annet": member(accounts, other, "eva@annet.no", "eier")}  # fmt: skip
    with TestClient(app) as c:
        c.cookies.set(COOKIE, sessions["bodo"])
        csrf = accounts.session(sessions["bodo"]).csrf
        sid = c.post("/api/v1/scenarios", headers={"X-CSRF-Token": csrf},
                     json={"name": NAME, "scenario": EXAMPLE}).json()["id"]  # fmt: skip
        c.cookies.clear()
        yield c, accounts, sessions, {"scenario": sid, "network": network, "bodo": bodo}


def as_(c: TestClient, accounts: Accounts, session: str) -> str:
    c.cookies.clear()
    c.cookies.set(COOKIE, session)
    return accounts.session(session).csrf


def test_a_link_shows_the_scenario_to_anyone_until_it_is_revoked(world):
    c, accounts, sessions, ids = world
    csrf = as_(c, accounts, sessions["bodo"])
    made = c.post(f"/scenarier/{ids['scenario']}/del", data={"csrf": csrf, "days": "7"})
    assert made.status_code == 200 and "7 dager" in made.text
    link = secret_shown(made.text).removeprefix("http://testserver")
    assert link.startswith("/delt/")
    page = c.get(f"/scenarier/{ids['scenario']}").text
    assert "Lenke, utløper" in page and link not in page  # listed; the link is shown once
    c.cookies.clear()
    shown = c.get(link)
    assert shown.status_code == 200 and NAME in shown.text and 'id="tabell-aktorer"' in shown.text
    assert f'action="/scenarier/{ids["scenario"]}' not in shown.text  # nothing to change it with
    opened = c.get(f"/scenarier/{ids['scenario']}", follow_redirects=False)
    assert opened.status_code == 303  # the link opens that page only, not the workspace
    csrf = as_(c, accounts, sessions["bodo"])
    page = c.get(f"/scenarier/{ids['scenario']}").text
    revoke = re.search(r'action="(/delinger/\w+/tilbakekall)"', page).group(1)
    assert c.post(revoke, data={"csrf": csrf}, follow_redirects=False).status_code == 303
    c.cookies.clear()
    gone = c.get(link)
    assert gone.status_code == 404 and NAME not in gone.text


def test_an_expired_link_shows_nothing(world):
    c, accounts, _sessions, ids = world
    shares = Shares(accounts.engine, ids["bodo"])
    _, token = shares.link(ids["scenario"], "kari@bodo.no", 1,
                           now=datetime.now(UTC) - timedelta(days=1, seconds=1))  # fmt: skip
    _, fresh = shares.link(ids["scenario"], "kari@bodo.no", 1,
                           now=datetime.now(UTC) - timedelta(hours=23))  # fmt: skip
    expired = c.get(f"/delt/{token}")
    assert expired.status_code == 404 and NAME not in expired.text
    assert "utløpt" in expired.text
    assert c.get(f"/delt/{fresh}").status_code == 200  # still within its day


def test_a_link_lasts_1_to_90_days_and_only_an_editor_makes_one(world):
    c, accounts, sessions, ids = world
    csrf = as_(c, accounts, sessions["bodo"])
    for days in ("0", "91", "tre", ""):
        r = c.post(f"/scenarier/{ids['scenario']}/del", data={"csrf": csrf, "days": days})
        assert r.status_code == 422 and "1 til 90" in r.text, days
    csrf = as_(c, accounts, sessions["bodo_leser"])
    r = c.post(f"/scenarier/{ids['scenario']}/del", data={"csrf": csrf, "days": "5"})
    assert r.status_code == 403
    assert "Del bare til lesing" not in c.get(f"/scenarier/{ids['scenario']}").text


def test_the_network_reads_what_a_member_shares_and_cannot_change_it(world):
    c, accounts, sessions, ids = world
    csrf = as_(c, accounts, sessions["bodo"])
    form = {"csrf": csrf, "network": ids["network"]}
    shared = c.post(f"/scenarier/{ids['scenario']}/del-med-nettverk", data=form,
                    follow_redirects=False)  # fmt: skip
    assert shared.status_code == 303
    csrf = as_(c, accounts, sessions["fauske_i_nettverket"])
    listing = c.get("/arbeidsomrade").text
    assert "Delt med dette nettverket" in listing and NAME in listing
    share_page = re.search(r'href="(/nettverk/\w+)"', listing).group(1)
    shown = c.get(share_page)
    assert shown.status_code == 200 and NAME in shown.text and "bare til lesing" in shown.text
    # The network has the share, not Bodø's workspace: its scenario is not found there.
    sid = ids["scenario"]
    for method, path in (("GET", f"/scenarier/{sid}"), ("POST", f"/scenarier/{sid}"),
                         ("POST", f"/scenarier/{sid}/slett"), ("GET", f"/api/v1/scenarios/{sid}"),
                         ("DELETE", f"/api/v1/scenarios/{sid}")):  # fmt: skip
        r = c.request(method, path, data={"csrf": csrf} if method == "POST" else None,
                      headers={"X-CSRF-Token": csrf})  # fmt: skip
        assert r.status_code == 404, (method, path, r.status_code)
    assert NAME not in c.get("/scenarier").text and NAME not in c.get("/api/v1/backup").text
    for other in ("fauske", "annet"):  # a member municipality's own workspace; another network
        as_(c, accounts, sessions[other])
        assert c.get(share_page).status_code == 404
        assert NAME not in c.get("/arbeidsomrade").text
    csrf = as_(c, accounts, sessions["bodo"])
    revoke = re.search(r'action="(/delinger/\w+/tilbakekall)"',
                       c.get(f"/scenarier/{sid}").text).group(1)  # fmt: skip
    c.post(revoke, data={"csrf": csrf})
    as_(c, accounts, sessions["fauske_i_nettverket"])
    assert c.get(share_page).status_code == 404 and NAME not in c.get("/arbeidsomrade").text


def test_only_a_network_the_workspace_belongs_to(world):
    _c, accounts, sessions, ids = world
    shares = Shares(accounts.engine, ids["bodo"])
    other = [w for w, n, _ in accounts.workspaces_of(accounts.session(sessions["annet"]).user_id)]
    with pytest.raises(AccountError):
        shares.with_network(other[0], "kari@bodo.no", scenario_id=ids["scenario"])
    with pytest.raises(AccountError):  # a kommune is not a network
        join_network(accounts.engine, ids["bodo"], other[0])
    assert [n for _, n in shares.networks()] == ["KS-nettverket"]


def test_deleting_the_scenario_ends_its_shares(world):
    c, accounts, sessions, ids = world
    _, token = Shares(accounts.engine, ids["bodo"]).link(ids["scenario"], "kari@bodo.no", 5)
    csrf = as_(c, accounts, sessions["bodo"])
    assert c.delete(f"/api/v1/scenarios/{ids['scenario']}",
                    headers={"X-CSRF-Token": csrf}).status_code == 204  # fmt: skip
    c.cookies.clear()
    assert c.get(f"/delt/{token}").status_code == 404
    assert Shares(accounts.engine, ids["bodo"]).of() == []


def test_a_plan_shared_with_the_network_is_read_there_with_its_initiatives(world):
    c, accounts, sessions, ids = world
    csrf = as_(c, accounts, sessions["bodo"])
    head = {"X-CSRF-Token": csrf}
    ini = c.post("/api/v1/initiatives", headers=head,
                 json={"name": "Bodøs tiltak", "began": "2021-01-04"}).json()  # fmt: skip
    c.post(
        f"/api/v1/initiatives/{ini['id']}/events",
        headers=head,
        json={
            "version": ini["version"],
            "kind": "scenario",
            "body": {"phase": 1, "scenario": EXAMPLE},
        },
    )
    plan = c.post("/api/v1/plans", headers=head,
                  json={"name": "Bodøs plan", "initiatives": [ini["id"]]}).json()  # fmt: skip
    own = c.get(f"/tiltak/planer/{plan['id']}").text
    assert "Del med nettverket" in own and f'/tiltak/planer/{plan["id"]}/del"' not in own
    form = {"csrf": csrf, "network": ids["network"]}
    shared = c.post(f"/tiltak/planer/{plan['id']}/del-med-nettverk", data=form,
                    follow_redirects=False)  # fmt: skip
    assert shared.status_code == 303
    figures = re.search(r'id="plan-break-even">(.*?)</p>', own, re.S).group(1)
    csrf = as_(c, accounts, sessions["fauske_i_nettverket"])
    listing = c.get("/arbeidsomrade").text
    page = re.search(r'href="(/nettverk/\w+)">Bodøs plan<', listing).group(1)
    shown = c.get(page).text
    assert "Bodøs plan" in shown and "bare til lesing" in shown
    assert re.search(r'id="plan-break-even">(.*?)</p>', shown, re.S).group(1) == figures
    assert f'action="/tiltak/planer/{plan["id"]}' not in shown and "plan.pdf" not in shown
    for method, path in (("POST", f"/tiltak/planer/{plan['id']}"),
                         ("GET", f"/tiltak/planer/{plan['id']}/plan.pdf"),
                         ("GET", f"/tiltak/{ini['id']}"), ("GET", f"/api/v1/plans/{plan['id']}"),
                         ("PUT", f"/api/v1/plans/{plan['id']}")):  # fmt: skip
        r = c.request(method, path, data={"csrf": csrf} if method == "POST" else None,
                      json={"version": 1, "name": "Endret", "initiatives": [ini["id"]]}
                      if method == "PUT" else None, headers={"X-CSRF-Token": csrf})  # fmt: skip
        assert r.status_code == 404, (method, path, r.status_code)


def test_leaving_the_network_ends_what_was_shared_with_it(world):
    """Issue 30, item 7: after `utenfor accounts network N B --leave`, the network's page of
    what B shared answers 404, and B's log says the shares ended."""
    from support import run_cli
    from utenfor.store import audit

    c, accounts, sessions, ids = world
    csrf = as_(c, accounts, sessions["bodo"])
    c.post(f"/scenarier/{ids['scenario']}/del-med-nettverk",
           data={"csrf": csrf, "network": ids["network"]})  # fmt: skip
    as_(c, accounts, sessions["fauske_i_nettverket"])
    share_page = re.search(r'href="(/nettverk/\w+)"', c.get("/arbeidsomrade").text).group(1)
    assert c.get(share_page).status_code == 200
    url = accounts.engine.url.render_as_string(hide_password=False)
    left = run_cli("accounts", "network", ids["network"], ids["bodo"], "--leave", "--database", url)
    assert left.returncode == 0, left.stderr
    assert c.get(share_page).status_code == 404
    assert NAME not in c.get("/arbeidsomrade").text
    line = audit.log(accounts.engine, ids["bodo"])[-1]
    assert (line["action"], line["target"]) == (
        "tilbakekalt", "ute av nettverket «KS-nettverket»; delinger avsluttet: 1")  # fmt: skip
    from utenfor.store.shares import join_network

    lines = len(audit.log(accounts.engine, ids["bodo"]))
    join_network(accounts.engine, ids["network"], ids["bodo"], member=False)  # again: not in it
    assert len(audit.log(accounts.engine, ids["bodo"])) == lines  # and nothing to log
