"""Personal API tokens (issue 14, item 4): made on the workspace page and shown once, stored as
a hash, with a read or write scope, revocable; the person's role still counts, and a token
opens the API only, in its own workspace."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from support import EXAMPLE, secret_shown, two_kommuner
from utenfor.store.accounts import AccountError
from utenfor.store.models import ApiToken
from utenfor.store.tokens import ApiTokens
from utenfor.web.access import COOKIE


@pytest.fixture()
def server(new_database):
    app, accounts, _, _, made = two_kommuner(new_database())
    sessions = {"eier": made["eier_a"], "leser": made["leser_a"], "b": made["eier_b"]}
    with TestClient(app) as c:
        yield c, accounts, sessions


def made_on_the_page(c: TestClient, session: str, scope: str, name: str = "Skript") -> str:
    c.cookies.set(COOKIE, session)
    page = c.get("/arbeidsomrade")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    made = c.post("/arbeidsomrade/tokener", data={"csrf": csrf, "name": name, "scope": scope})
    assert made.status_code == 200, made.text[:300]
    token = secret_shown(made.text)
    assert token.startswith("utf_") and len(token) > 40
    assert token not in c.get("/arbeidsomrade").text  # shown once
    c.cookies.clear()
    return token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_write_token_creates_and_a_read_token_only_reads(server):
    c, _, sessions = server
    write, read = (made_on_the_page(c, sessions["eier"], s) for s in ("write", "read"))
    body = {"name": "Via token", "scenario": EXAMPLE}
    made = c.post("/api/v1/scenarios", headers=bearer(write), json=body)
    assert made.status_code == 201  # no CSRF token: a bearer token is not sent by a browser
    sid = made.json()["id"]
    assert c.get(f"/api/v1/scenarios/{sid}", headers=bearer(read)).json()["name"] == "Via token"
    for method, path in (("DELETE", f"/api/v1/scenarios/{sid}"), ("POST", "/api/v1/scenarios"),
                         ("PUT", f"/api/v1/scenarios/{sid}")):  # fmt: skip
        refused = c.request(method, path, headers=bearer(read), json={"version": 1, "name": "x"})
        assert refused.status_code == 403, (method, path)
    calculated = c.post("/api/v1/calculate", headers=bearer(read), json=EXAMPLE)
    assert calculated.status_code == 200  # stores nothing: a read token's too
    assert c.get("/api/v1/scenarios", headers=bearer(write)).json()[0]["id"] == sid


def test_the_database_keeps_only_the_hash(server):
    c, accounts, sessions = server
    token = made_on_the_page(c, sessions["eier"], "write")
    with Session(accounts.engine) as s:
        stored = [(t.token_hash, t.name) for t in s.scalars(select(ApiToken))]
    assert stored and all(token not in h and len(h) == 64 for h, _ in stored)


def test_a_revoked_token_is_refused(server):
    c, _, sessions = server
    token = made_on_the_page(c, sessions["eier"], "write")
    assert c.get("/api/v1/scenarios", headers=bearer(token)).status_code == 200
    c.cookies.set(COOKIE, sessions["eier"])
    page = c.get("/arbeidsomrade").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    action = re.search(r'action="(/arbeidsomrade/tokener/\w+/tilbakekall)"', page).group(1)
    assert c.post(action, data={"csrf": csrf}, follow_redirects=False).status_code == 303
    assert "trukket tilbake" in c.get("/arbeidsomrade").text
    c.cookies.clear()
    refused = c.get("/api/v1/scenarios", headers=bearer(token))
    assert refused.status_code == 401
    assert "trukket tilbake" in refused.json()["detail"][0]["message"]


def test_the_role_still_counts_and_a_member_taken_away_stops_the_token(server):
    c, accounts, sessions = server
    token = made_on_the_page(c, sessions["leser"], "write")  # a reader may make one
    made = c.post("/api/v1/scenarios", headers=bearer(token),
                  json={"name": "Nei", "scenario": EXAMPLE})  # fmt: skip
    assert made.status_code == 403  # write scope, but the person only reads here
    assert c.get("/api/v1/scenarios", headers=bearer(token)).status_code == 200
    signed = accounts.session(sessions["leser"])
    accounts.set_role(signed.user_id, signed.workspace_id, None)
    assert c.get("/api/v1/scenarios", headers=bearer(token)).status_code == 401


def test_a_token_opens_no_page_and_nothing_of_another_workspace(server):
    c, _, sessions = server
    token = made_on_the_page(c, sessions["eier"], "write")
    page = c.get("/scenarier", headers=bearer(token), follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/logg-inn")
    c.cookies.set(COOKIE, sessions["b"])
    page = c.get("/scenarier").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    b_id = c.post("/api/v1/scenarios", headers={"X-CSRF-Token": csrf},
                  json={"name": "Hemmelig B", "scenario": EXAMPLE}).json()["id"]  # fmt: skip
    c.cookies.clear()
    assert c.get(f"/api/v1/scenarios/{b_id}", headers=bearer(token)).status_code == 404
    assert "Hemmelig B" not in c.get("/api/v1/scenarios", headers=bearer(token)).text


def test_only_the_person_or_an_owner_revokes(server):
    _c, accounts, sessions = server
    tokens = ApiTokens(accounts.engine)
    leser, eier = (accounts.session(sessions[k]) for k in ("leser", "eier"))
    theirs, _ = tokens.create(eier.user_id, eier.workspace_id, "Eierens", "read")
    with pytest.raises(LookupError):
        tokens.revoke(theirs, leser.workspace_id, leser.user_id, leser.role)
    mine, _ = tokens.create(leser.user_id, leser.workspace_id, "Lesers", "read")
    assert tokens.revoke(mine, eier.workspace_id, eier.user_id, eier.role) == "Lesers"
    with pytest.raises(AccountError):
        tokens.create(eier.user_id, eier.workspace_id, "Feil", "admin")
    with pytest.raises(AccountError):
        tokens.create(eier.user_id, eier.workspace_id, "", "read")


def test_a_password_reset_ends_the_persons_tokens(server):
    """Issue 30, item 2: a token made before a reset answers 401 after it, to a read and a
    write; a session too is gone, and a token made after the reset works."""
    c, accounts, sessions = server
    token = made_on_the_page(c, sessions["eier"], "write")
    assert c.get("/api/v1/backup", headers=bearer(token)).status_code == 200
    reset = accounts.link("reset", "kari@a.no")
    assert c.post(f"/nytt-passord/{reset}", data={"password": "et helt nytt passord"},
                  follow_redirects=False).status_code == 303  # fmt: skip
    assert c.get("/api/v1/backup", headers=bearer(token)).status_code == 401
    made = c.post("/api/v1/scenarios", headers=bearer(token),
                  json={"name": "Etter", "scenario": EXAMPLE})  # fmt: skip
    assert made.status_code == 401
    assert accounts.session(sessions["eier"]) is None
    signed = accounts.sign_in("kari@a.no", "et helt nytt passord", "10.0.0.9")
    ws = accounts.workspaces_of(signed)[0][0]
    _, fresh = ApiTokens(accounts.engine).create(signed, ws, "Ny", "read")
    assert c.get("/api/v1/backup", headers=bearer(fresh)).status_code == 200
