"""A workspace's audit log (issue 14, item 5): who created, changed, shared, deleted, restored
or exported what, and when; visible to an `eier` only; in the backup; and no route of the app
changes or removes a line (the app's whole route table is called, and the log only grows)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from support import EXAMPLE, PASSWORD, member
from test_isolation import call, routes
from utenfor.store import audit
from utenfor.store.accounts import Accounts
from utenfor.store.models import AuditEvent
from utenfor.store.server_backup import server_backup, server_restore
from utenfor.web.access import COOKIE
from utenfor.web.app import Settings, create_app
from utenfor.web.audit_trail import action_of


@pytest.fixture()
def space(new_database):
    app = create_app(Settings(database_url=new_database(), accounts=True))
    accounts = Accounts(app.state.engine)
    ws = accounts.add_workspace("Bodø kommune", "kommune")
    sessions = {r: member(accounts, ws, f"{r}@bodo.no", r) for r in ("eier", "redaktør", "leser")}
    with TestClient(app) as c:
        yield app, c, accounts, sessions, ws


def signed(c: TestClient, accounts: Accounts, session: str) -> dict[str, str]:
    c.cookies.clear()
    c.cookies.set(COOKIE, session)
    return {"X-CSRF-Token": accounts.session(session).csrf}


def test_each_kind_of_act_is_logged_with_who_and_what(space):
    app, c, accounts, sessions, ws = space
    head = signed(c, accounts, sessions["redaktør"])
    joined = len(audit.log(app.state.engine, ws))  # the members' joining (issue 30)
    sid = c.post("/api/v1/scenarios", headers=head,
                 json={"name": "Plan", "scenario": EXAMPLE}).json()["id"]  # fmt: skip
    assert c.put(f"/api/v1/scenarios/{sid}", headers=head,
                 json={"version": 1, "name": "Plan 2"}).status_code == 200  # fmt: skip
    c.post(f"/scenarier/{sid}/del", data={"csrf": head["X-CSRF-Token"], "days": "3"})
    backup = c.get("/api/v1/backup").json()
    c.get(f"/scenarier/{sid}/scenario.toml")
    assert c.post("/api/v1/restore", headers=head, json=backup).status_code == 200
    c.post("/api/v1/calculate", headers=head, json=EXAMPLE)  # stores nothing: not logged
    c.put(f"/api/v1/scenarios/{sid}", headers=head, json={"version": 99, "name": "x"})  # 409
    assert c.delete(f"/api/v1/scenarios/{sid}", headers=head).status_code == 204
    lines = audit.log(app.state.engine, ws)[joined:]
    assert [(x["who"], x["action"]) for x in lines] == [
        ("redaktør@bodo.no", a)
        for a in (
            "opprettet",
            "endret",
            "delt",
            "eksportert",
            "eksportert",
            "gjenopprettet",
            "slettet",
        )
    ]
    assert lines[0]["target"] == f"/api/v1/scenarios → {sid}"
    assert lines[-1]["target"] == f"/api/v1/scenarios/{sid}"
    assert all("Plan" not in x["target"] for x in lines)  # the path, never the contents


def test_only_an_owner_sees_the_log(space):
    _app, c, accounts, sessions, _ws = space
    head = signed(c, accounts, sessions["redaktør"])
    c.post("/api/v1/scenarios", headers=head, json={"name": "Plan", "scenario": EXAMPLE})
    assert 'id="revisjonslogg"' not in c.get("/arbeidsomrade").text
    signed(c, accounts, sessions["leser"])
    assert 'id="revisjonslogg"' not in c.get("/arbeidsomrade").text
    signed(c, accounts, sessions["eier"])
    page = c.get("/arbeidsomrade").text
    assert 'id="revisjonslogg"' in page and "redaktør@bodo.no" in page and "opprettet" in page


def count(app) -> int:
    with Session(app.state.engine) as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


def test_no_route_changes_or_removes_a_line(space):
    app, c, accounts, sessions, ws = space
    head = signed(c, accounts, sessions["eier"])
    sid = c.post("/api/v1/scenarios", headers=head,
                 json={"name": "Plan", "scenario": EXAMPLE}).json()["id"]  # fmt: skip
    ids = {"scenario_id": sid, "initiative_id": "x", "plan_id": "x", "share_id": "x",
           "token_id": "x", "user_id": "x"}  # fmt: skip
    before = audit.log(app.state.engine, ws)
    for method, path in routes(app):
        if path in ("/logg-ut", "/arbeidsomrade/bytt"):
            continue
        had = audit.log(app.state.engine, ws)
        call(c, method, path, ids, head["X-CSRF-Token"])
        now = audit.log(app.state.engine, ws)
        assert now[: len(had)] == had, (method, path)  # only ever added to
    after = audit.log(app.state.engine, ws)
    assert after[: len(before)] == before and len(after) > len(before)
    # A backup whose log says otherwise changes nothing in the log when restored.
    document = c.get("/api/v1/backup").json()
    document["audit"] = [{"at": "2020-01-01T00:00:00+00:00", "who": "ingen", "action": "slettet",
                          "target": "alt"}]  # fmt: skip
    kept = audit.log(app.state.engine, ws)
    assert c.post("/api/v1/restore", headers=head, json=document).status_code == 200
    assert audit.log(app.state.engine, ws)[: len(kept)] == kept
    assert audit.log(app.state.engine, ws)[-1]["action"] == "gjenopprettet"
    assert "ingen" not in {x["who"] for x in audit.log(app.state.engine, ws)}


def test_the_log_is_in_the_backups_and_a_server_restore_puts_it_back(space, new_database):
    app, c, accounts, sessions, ws = space
    head = signed(c, accounts, sessions["eier"])
    c.post("/api/v1/scenarios", headers=head, json={"name": "Plan", "scenario": EXAMPLE})
    lines = audit.log(app.state.engine, ws)
    assert c.get("/api/v1/backup").json()["audit"][: len(lines)] == lines
    whole = server_backup(app.state.engine)
    empty = create_app(Settings(database_url=new_database(), accounts=True))
    server_restore(empty.state.engine, whole)
    server_restore(empty.state.engine, whole)  # twice: nothing doubled
    assert audit.log(empty.state.engine, ws) == audit.log(app.state.engine, ws)


@pytest.mark.parametrize(("method", "path", "action"), [
    ("POST", "/scenarier", "opprettet"), ("POST", "/scenarier/abc", "endret"),
    ("POST", "/scenarier/abc/slett", "slettet"),
    ("POST", "/scenarier/gjenopprett", "gjenopprettet"),
    ("GET", "/tiltak/planer/abc/plan.pdf", "eksportert"),
    ("GET", "/sammenlign.xlsx", "eksportert"),
    ("POST", "/eksport/xlsx", "eksportert"), ("POST", "/tiltak/abc/notat", "endret"),
    ("POST", "/delinger/abc/tilbakekall", "tilbakekalt"), ("POST", "/beregn", None),
    ("GET", "/scenarier/abc", None), ("POST", "/logg-inn", None), ("POST", "/api/v1/analyse", None),
    ("POST", "/arbeidsomrade/medlemmer/abc", None),  # the page writes it, with details
])  # fmt: skip
def test_what_counts_as_what(method, path, action):
    assert action_of(method, path) == action


def test_a_token_is_named_as_such(space):
    app, c, accounts, sessions, ws = space
    signed(c, accounts, sessions["eier"])
    page = c.get("/arbeidsomrade").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    made = c.post("/arbeidsomrade/tokener", data={"csrf": csrf, "name": "Skript", "scope": "write"})
    token = re.search(r'<code class="secret">([^<]+)</code>', made.text).group(1)
    c.cookies.clear()
    c.post("/api/v1/scenarios", headers={"Authorization": f"Bearer {token}"},
           json={"name": "Plan", "scenario": EXAMPLE})  # fmt: skip
    assert audit.log(app.state.engine, ws)[-1]["who"] == "eier@bodo.no (API-token)"


def test_the_backup_holds_the_log_for_an_owner_only(space):
    """Issue 30, item 6: GET /api/v1/backup gives the log to an `eier` (session or write
    token), not to a `leser` or a `redaktør`, nor through a read token, even an owner's."""
    from utenfor.store.tokens import ApiTokens

    app, c, accounts, sessions, ws = space
    for role in ("leser", "redaktør", "eier"):
        signed(c, accounts, sessions[role])
        assert ("audit" in c.get("/api/v1/backup").json()) == (role == "eier"), role
    c.cookies.clear()
    owner = accounts.session(sessions["eier"]).user_id
    for scope in ("read", "write"):
        _, token = ApiTokens(app.state.engine).create(owner, ws, scope, scope)
        got = c.get("/api/v1/backup", headers={"Authorization": f"Bearer {token}"}).json()
        assert ("audit" in got) == (scope == "write"), scope
    reader = accounts.session(sessions["leser"]).user_id
    _, token = ApiTokens(app.state.engine).create(reader, ws, "leser", "read")
    got = c.get("/api/v1/backup", headers={"Authorization": f"Bearer {token}"}).json()
    assert "audit" not in got and "scenarios" in got


def lines(app, ws: str, action: str) -> list[tuple[str, str]]:
    return [
        (x["who"], x["target"]) for x in audit.log(app.state.engine, ws) if x["action"] == action
    ]


def test_sign_ins_and_sign_outs_are_logged_with_the_address(space):
    """Issue 30, item 5: a sign-in, a refused one, a lockout (one line a minute, not one a
    try), a sign-out; an unknown address writes nothing anywhere."""
    app, c, _accounts, _sessions, ws = space
    c.cookies.clear()
    refused = c.post("/logg-inn", data={"email": "eier@bodo.no", "password": "gjettet feil"})
    assert refused.status_code == 422
    assert lines(app, ws, "innlogging avvist") == [("eier@bodo.no", "feil passord, fra testclient")]
    for _ in range(9):
        c.post("/logg-inn", data={"email": "eier@bodo.no", "password": "gjettet feil"})
    for _ in range(3):
        locked = c.post("/logg-inn", data={"email": "eier@bodo.no", "password": PASSWORD})
        assert locked.status_code == 429
    assert lines(app, ws, "innlogging sperret") == [
        ("eier@bodo.no", "for mange forsøk, fra testclient")]  # fmt: skip
    before = count(app)
    c.post("/logg-inn", data={"email": "ukjent@x.no", "password": "gjettet feil"})
    assert count(app) == before  # no workspace to write it in
    with TestClient(app, client=("10.1.2.3", 50000)) as other:  # another address
        form = {"email": "redaktør@bodo.no", "password": PASSWORD}
        signed_in = other.post("/logg-inn", data=form, follow_redirects=False)
        assert signed_in.status_code == 303
        assert lines(app, ws, "innlogget")[-1] == ("redaktør@bodo.no",
                                                   "med passord, fra 10.1.2.3")  # fmt: skip
        page = other.get("/arbeidsomrade").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        assert (
            other.post("/logg-ut", data={"csrf": csrf}, follow_redirects=False).status_code == 303
        )
    assert lines(app, ws, "logget ut") == [("redaktør@bodo.no", "fra 10.1.2.3")]


def test_members_tokens_switches_and_resets_are_logged_with_their_details(space):
    """Issue 30, item 5: an invitation with its invitee and role, and its acceptance; a role
    change with the old and new role; a removal; a token with its name and scope, made and
    revoked; a switch of workspace, in both; a reset used; a whole backup read, as an
    export. Never a scenario's contents."""
    app, c, accounts, sessions, ws = space
    head = signed(c, accounts, sessions["eier"])
    csrf = head["X-CSRF-Token"]
    made = c.post("/arbeidsomrade/invitasjon", data={"csrf": csrf, "email": "ny@bodo.no",
                                                     "role": "leser"})  # fmt: skip
    link = re.search(r"/invitasjon/[\w-]+", made.text).group(0)
    c.cookies.clear()
    c.post(link, data={"name": "Nina", "password": PASSWORD}, follow_redirects=False)
    assert lines(app, ws, "medlem")[-2:] == [
        ("eier@bodo.no", "invitasjon laget: ny@bodo.no som leser"),
        ("ny@bodo.no", "invitasjon godtatt: ny@bodo.no som leser")]  # fmt: skip
    assert lines(app, ws, "innlogget")[-1] == ("ny@bodo.no", "med invitasjon, fra testclient")
    signed(c, accounts, sessions["eier"])
    editor = accounts.session(sessions["redaktør"]).user_id
    c.post(f"/arbeidsomrade/medlemmer/{editor}", data={"csrf": csrf, "role": "leser"})
    c.post(f"/arbeidsomrade/medlemmer/{editor}", data={"csrf": csrf, "role": "fjern"})
    assert lines(app, ws, "medlem")[-2:] == [
        ("eier@bodo.no", "redaktør@bodo.no: rolle redaktør → leser"),
        ("eier@bodo.no", "redaktør@bodo.no fjernet (var leser)")]  # fmt: skip
    c.post("/arbeidsomrade/tokener", data={"csrf": csrf, "name": "Skript", "scope": "write"})
    page = c.get("/arbeidsomrade").text
    c.post(re.search(r'action="(/arbeidsomrade/tokener/\w+/tilbakekall)"', page).group(1),
           data={"csrf": csrf})  # fmt: skip
    assert lines(app, ws, "opprettet")[-1] == ("eier@bodo.no", "API-token «Skript» (write)")
    revoked = ("eier@bodo.no", "API-token «Skript» (write), eier@bodo.no")  # by, name, whose
    assert lines(app, ws, "tilbakekalt")[-1] == revoked
    c.post("/api/v1/scenarios", headers=head, json={"name": "Hemmelig plan", "scenario": EXAMPLE})
    c.get("/api/v1/backup")
    whole = ("eier@bodo.no", "/api/v1/backup (hele sikkerhetskopien)")
    assert lines(app, ws, "eksportert")[-1] == whole
    other = accounts.add_workspace("KS-nettverket", "nettverk")
    me = accounts.session(sessions["eier"]).user_id
    accounts.accept(accounts.link("invitation", "eier@bodo.no", other, "leser"), "", None,
                    signed_in_as=me)  # fmt: skip
    c.post("/arbeidsomrade/bytt", data={"csrf": csrf, "workspace": other})
    assert lines(app, ws, "byttet arbeidsområde") == [("eier@bodo.no", "til «KS-nettverket»")]
    assert lines(app, other, "byttet arbeidsområde") == [("eier@bodo.no", "fra «Bodø kommune»")]
    c.post(f"/nytt-passord/{accounts.link('reset', 'eier@bodo.no')}",
           data={"password": "et helt nytt passord"})  # fmt: skip
    for space_id in (ws, other):
        assert lines(app, space_id, "nytt passord") == [("eier@bodo.no", "satt fra en "
            "tilbakestillingslenke; alle økter og API-tokener avsluttet")]  # fmt: skip
    every = audit.log(app.state.engine, ws) + audit.log(app.state.engine, other)
    assert not [x for x in every if "Hemmelig" in x["target"]]  # never contents


def test_the_operators_backup_of_the_server_is_logged_as_an_export(space):
    """Issue 30, item 5: `utenfor backup` reads every workspace; each log says so, and the
    copy has the line."""
    import json

    from support import run_cli

    app, _c, _accounts, _sessions, ws = space
    url = app.state.engine.url.render_as_string(hide_password=False)
    made = run_cli("backup", "--database", url)
    assert made.returncode == 0, made.stderr
    line = ("drift (utenfor backup)", "eksportert", "hele tjenerens sikkerhetskopi")
    assert [(x["who"], x["action"], x["target"]) for x in audit.log(app.state.engine, ws)][
        -1
    ] == line
    copy = next(w for w in json.loads(made.stdout)["workspaces"] if w["id"] == ws)
    assert (copy["backup"]["audit"][-1]["who"], copy["backup"]["audit"][-1]["target"]) == (
        line[0], line[2])  # fmt: skip
