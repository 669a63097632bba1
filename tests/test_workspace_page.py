"""The workspace page (issue 14): an `eier` invites (the link is shown once), changes a role,
removes a member, and cannot leave the workspace without an owner; others cannot; one works in
another of one's workspaces by switching, which makes a new session."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from support import member, secret_shown
from utenfor.store.accounts import Accounts
from utenfor.web.access import COOKIE
from utenfor.web.app import Settings, create_app


@pytest.fixture()
def space(new_database):
    app = create_app(Settings(database_url=new_database(), accounts=True))
    accounts = Accounts(app.state.engine)
    ws = accounts.add_workspace("Bodø kommune", "kommune")
    sessions = {r: member(accounts, ws, f"{r}@bodo.no", r) for r in ("eier", "redaktør")}
    with TestClient(app) as c:
        yield c, accounts, sessions, ws


def as_(c: TestClient, session: str) -> str:
    c.cookies.clear()
    c.cookies.set(COOKIE, session)
    return re.search(r'name="csrf" value="([^"]+)"', c.get("/arbeidsomrade").text).group(1)


def test_an_owner_invites_and_the_colleague_joins_with_that_role(space):
    c, accounts, sessions, ws = space
    csrf = as_(c, sessions["eier"])
    made = c.post("/arbeidsomrade/invitasjon",
                  data={"csrf": csrf, "email": "ny@bodo.no", "role": "leser"})  # fmt: skip
    assert made.status_code == 200 and "ny@bodo.no" in made.text
    link = secret_shown(made.text).removeprefix("http://testserver")
    c.cookies.clear()
    joined = c.post(link, data={"name": "Nina Ny", "password": "et langt nok passord"},
                    follow_redirects=False)  # fmt: skip
    assert joined.status_code == 303
    assert ("Nina Ny", "leser") in {(m[1], m[3]) for m in accounts.members(ws)}
    again = c.post(link, data={"name": "Igjen", "password": "et langt nok passord"})
    assert again.status_code == 422  # used once


def test_an_owner_changes_and_removes_but_keeps_an_owner(space):
    c, accounts, sessions, ws = space
    csrf = as_(c, sessions["eier"])
    ids = {m[2]: m[0] for m in accounts.members(ws)}
    changed = c.post(f"/arbeidsomrade/medlemmer/{ids['redaktør@bodo.no']}",
                     data={"csrf": csrf, "role": "leser"}, follow_redirects=False)  # fmt: skip
    assert changed.status_code == 303
    assert accounts.session(sessions["redaktør"]).role == "leser"  # at once
    alone = c.post(f"/arbeidsomrade/medlemmer/{ids['eier@bodo.no']}",
                   data={"csrf": csrf, "role": "redaktør"})  # fmt: skip
    assert alone.status_code == 422 and "minst én eier" in alone.text
    c.post(f"/arbeidsomrade/medlemmer/{ids['redaktør@bodo.no']}",
           data={"csrf": csrf, "role": "fjern"})  # fmt: skip
    assert accounts.session(sessions["redaktør"]) is None  # removed: the session works no more
    assert (
        c.post("/arbeidsomrade/medlemmer/ukjent", data={"csrf": csrf, "role": "leser"}).status_code
        == 404
    )


def test_only_an_owner_manages_members(space):
    c, accounts, sessions, ws = space
    csrf = as_(c, sessions["redaktør"])
    page = c.get("/arbeidsomrade").text
    assert "/arbeidsomrade/invitasjon" not in page and "eier@bodo.no" in page
    refused = c.post("/arbeidsomrade/invitasjon",
                     data={"csrf": csrf, "email": "x@bodo.no", "role": "eier"})  # fmt: skip
    assert refused.status_code == 403
    owner = next(m[0] for m in accounts.members(ws) if m[3] == "eier")
    assert c.post(f"/arbeidsomrade/medlemmer/{owner}",
                  data={"csrf": csrf, "role": "leser"}).status_code == 403  # fmt: skip


def test_switching_to_another_workspace_of_ones_own(space):
    c, accounts, sessions, _ws = space
    other = accounts.add_workspace("KS-nettverket", "nettverk")
    user = accounts.session(sessions["eier"]).user_id
    accounts.accept(accounts.link("invitation", "eier@bodo.no", other, "leser"), "", None,
                    signed_in_as=user)  # fmt: skip
    csrf = as_(c, sessions["eier"])
    switched = c.post("/arbeidsomrade/bytt", data={"csrf": csrf, "workspace": other},
                      follow_redirects=False)  # fmt: skip
    assert switched.status_code == 303
    new = switched.cookies.get(COOKIE) or c.cookies.get(COOKIE)
    assert new != sessions["eier"] and accounts.session(sessions["eier"]) is None  # rotated
    assert accounts.session(new).workspace_id == other and accounts.session(new).role == "leser"
    assert "KS-nettverket" in c.get("/arbeidsomrade").text
    stranger = accounts.add_workspace("Fauske kommune", "kommune")
    csrf = re.search(r'name="csrf" value="([^"]+)"', c.get("/arbeidsomrade").text).group(1)
    refused = c.post("/arbeidsomrade/bytt", data={"csrf": csrf, "workspace": stranger})
    assert refused.status_code == 422 and accounts.session(new).workspace_id == other
    assert user == accounts.session(new).user_id


def test_an_invitation_for_an_existing_account_takes_no_one_over(space):
    """Issue 30, item 1, as it was found: the `eier` of Fauske invites the `eier` of Bodø and
    opens the link himself, with any name and password, or none: 422 in Norwegian, no session;
    the person herself accepts with her password, and both workspaces log it."""
    c, accounts, sessions, ws = space
    fauske = accounts.add_workspace("Fauske kommune", "kommune")
    mallory = member(accounts, fauske, "eier@fauske.no", "eier")
    csrf = as_(c, mallory)
    made = c.post("/arbeidsomrade/invitasjon",
                  data={"csrf": csrf, "email": "eier@bodo.no", "role": "leser"})  # fmt: skip
    link = secret_shown(made.text).removeprefix("http://testserver")
    victim = accounts.session(sessions["eier"]).user_id
    for cookie in (mallory, None):
        c.cookies.clear()
        if cookie:
            c.cookies.set(COOKIE, cookie)
        for password in ("et hvilket som helst passord", ""):
            taken = c.post(link, data={"name": "Hvem som helst", "password": password,
                                       "csrf": csrf}, follow_redirects=False)  # fmt: skip
            assert taken.status_code == 422, taken.text[:300]
            assert "har en konto fra før" in taken.text and "set-cookie" not in taken.headers
    assert accounts.sessions_of(victim) == 1  # hers only: no session was made for her
    assert accounts.session(mallory).user_id != victim  # Fauske's owner is still himself
    assert fauske not in {w[0] for w in accounts.workspaces_of(victim)}
    c.cookies.clear()
    joined = c.post(link, data={"name": "", "password": "et langt nok passord"},
                    follow_redirects=False)  # fmt: skip
    assert joined.status_code == 303  # her own password (support.PASSWORD)
    assert accounts.session(joined.cookies[COOKIE]).workspace_id == fauske
    from utenfor.store import audit

    home = [x for x in audit.log(accounts.engine, ws) if x["action"] == "medlem"]
    there = [x for x in audit.log(accounts.engine, fauske) if x["action"] == "medlem"]
    assert home[-1]["who"] == "eier@bodo.no" and "«Fauske kommune»" in home[-1]["target"]
    assert "ble leser" in home[-1]["target"]
    assert there[-1]["target"] == "invitasjon godtatt: eier@bodo.no som leser"


def test_a_removed_member_comes_back_without_the_old_sessions_and_tokens(space):
    """Issue 30, item 8: removal deletes the member's sessions and tokens in the workspace; an
    invitation back does not revive them."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from utenfor.store.models import ApiToken, SignInSession
    from utenfor.store.tokens import ApiTokens

    c, accounts, sessions, ws = space
    gone = accounts.session(sessions["redaktør"]).user_id
    _, token = ApiTokens(accounts.engine).create(gone, ws, "Skript", "write")
    bearer = {"Authorization": f"Bearer {token}"}
    assert c.get("/api/v1/scenarios", headers=bearer).status_code == 200
    csrf = as_(c, sessions["eier"])
    c.post(f"/arbeidsomrade/medlemmer/{gone}", data={"csrf": csrf, "role": "fjern"})
    with Session(accounts.engine) as s:
        for kind in (SignInSession, ApiToken):
            assert not s.scalar(select(func.count()).select_from(kind).where(kind.user_id == gone))
    link = accounts.link("invitation", "redaktør@bodo.no", ws, "redaktør")
    assert accounts.accept(link, "", "et langt nok passord") == gone  # back, with her password
    c.cookies.clear()
    assert c.get("/api/v1/scenarios", headers=bearer).status_code == 401
    assert accounts.session(sessions["redaktør"]) is None
    c.cookies.set(COOKIE, sessions["redaktør"])
    assert c.get("/scenarier", follow_redirects=False).status_code == 303  # to the sign-in page
