"""No one sees another's work (issue 14, Done when: the isolation matrix), with accounts on, on
SQLite and PostgreSQL. Every route of the app, read from its own route table (a new route is
called too, and a new kind of path parameter fails the test until it is given a value here),
is called as:

- a member (`eier`) of workspace A, on workspace B's saved scenario, initiative, plan, share,
  API token and member: every call that names one of B's items gets 403 or 404, and no answer
  anywhere holds B's names or ids (lists, backup, exports, the plan and comparison pages
  included); the same through A's write token, on every API route;
- a `leser` of A: every call that would change something gets 403;
- a revoked API token: every API route answers 401;
- an expired share link (B's): 404, and nothing of B;
- no session, a session signed out, and an expired session: a page goes to the sign-in page
  (303, nothing else), the API answers 401; neither says whether anything exists.

Afterwards B's backup is what it was: nothing of B was changed, and B's log has B's lines only."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount

from support import EXAMPLE, two_kommuner
from utenfor.store.shares import Shares
from utenfor.store.tokens import ApiTokens
from utenfor.web import access
from utenfor.web.access import COOKIE

SECRETS = ("Hemmelig B", "hemmelig-b")
# What anyone may reach without signing in, said here on its own: a route added to the app's
# list must be added here too, on purpose.
OPEN_TO_ALL = (
    "/logg-inn",
    "/invitasjon/",
    "/nytt-passord/",
    "/healthz",
    "/static/",
    "/sprak/",
    "/api/openapi.json",
    "/api/docs",
    "/delt/",
)
# What a reader may send though it is a POST (it stores nothing in the workspace), said here
# on its own too: each is checked below to leave the workspace's backup as it was.
READERS_MAY_POST = ("/beregn", "/skjema/aar", "/data/lokale-tall", "/logg-ut",
                    "/arbeidsomrade/bytt", "/api/v1/calculate", "/api/v1/analyse", "/eksport/",
                    "/api/v1/export/", "/arbeidsomrade/tokener")  # fmt: skip


def test_the_routes_open_to_all_are_the_ones_this_test_knows():
    assert set(access.OPEN) == set(OPEN_TO_ALL)
    assert set(access.READERS_MAY_POST) == set(READERS_MAY_POST)


def routes(app) -> list[tuple[str, str]]:
    """(method, path) of every route in the app's route table."""
    found = []
    for route in app.routes:
        if isinstance(route, Mount):
            found.append(("GET", route.path + "/app.css"))
        else:
            found += [(m, route.path) for m in route.methods or ()]
    return sorted({(m, p) for m, p in found if m != "HEAD"})


@pytest.fixture()
def world(new_database):
    app, accounts, a, _, sessions = two_kommuner(new_database())
    with TestClient(app) as c:
        c.cookies.set(COOKIE, sessions["eier_b"])
        token = csrf(c)
        head = {"X-CSRF-Token": token}
        sc = c.post("/api/v1/scenarios", headers=head,
                    json={"name": "Hemmelig B scenario", "scenario": EXAMPLE}).json()  # fmt: skip
        ini = c.post("/api/v1/initiatives", headers=head,
                     json={"name": "Hemmelig B tiltak", "began": "2021-01-04"}).json()  # fmt: skip
        ini = c.post(f"/api/v1/initiatives/{ini['id']}/events", headers=head, json={
            "version": ini["version"], "kind": "scenario",
            "body": {"phase": 1, "scenario": EXAMPLE}}).json()  # fmt: skip
        plan = {"name": "Hemmelig B plan", "initiatives": [ini["id"]]}
        plan = c.post("/api/v1/plans", headers=head, json=plan).json()
        b = accounts.session(sessions["eier_b"])
        two_days_ago = datetime.now(UTC) - timedelta(days=2)
        share, link = Shares(app.state.engine, b.workspace_id).link(sc["id"], b.email, 1,
                                                                    now=two_days_ago)  # fmt: skip
        tokens = ApiTokens(app.state.engine)
        token_id, _ = tokens.create(b.user_id, b.workspace_id, "Hemmelig B token", "write")
        backup = c.get("/api/v1/backup").json()
        c.cookies.clear()
    ids = {"scenario_id": sc["id"], "initiative_id": ini["id"], "plan_id": plan["id"],
           "share_id": share, "token_id": token_id, "user_id": b.user_id}  # fmt: skip
    a_user = accounts.session(sessions["eier_a"]).user_id
    tokens = {"a_write": tokens.create(a_user, a, "A", "write")[1],
              "a_revoked": tokens.create(a_user, a, "A gammel", "write"),
              "b_expired_link": link}  # fmt: skip
    tokens["a_revoked"] = ApiTokens(app.state.engine).revoke(
        tokens["a_revoked"][0], a, a_user, "eier") and tokens["a_revoked"][1]  # fmt: skip
    yield app, accounts, sessions | tokens, ids, backup


def csrf(c: TestClient) -> str:
    page = c.get("/scenarier").text
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


# A value for every path parameter; a new one must be added here, so it is tested.
def values(ids: dict[str, str]) -> dict[str, str]:
    given = {"fmt": "pdf", "form_name": "logg", "token": "ukjent", "lang": "nb", "page": "modell"}
    return ids | given | {"programme_id": "mst"}


def call(c: TestClient, method: str, path: str, ids: dict, token: str | None):
    params = re.findall(r"{(\w+)}", path)
    given = values(ids)
    assert set(params) <= set(given), f"{path}: give the test a value for {params}"
    url = path.format(**{p: given[p] for p in params})
    query = {"id": [ids["scenario_id"], ids["plan_id"]]} if "sammenlign" in path else None
    if method == "GET":
        return c.get(url, params=query, follow_redirects=False), url
    if path.startswith("/api/"):
        body = {"version": 2, "name": "Endret av A", "kind": "note", "body": {"text": "A"},
                "initiatives": [ids["initiative_id"]], "scenario": EXAMPLE}  # fmt: skip
        if path.endswith("/events"):
            body = {k: body[k] for k in ("version", "kind", "body")}
        elif "/plans/" in path:
            body = {k: body[k] for k in ("version", "name", "initiatives")}
        elif "/scenarios/" in path:
            body = {k: body[k] for k in ("version", "name")}
        headers = {"X-CSRF-Token": token} if token else {}
        return c.request(method, url, json=body, headers=headers, follow_redirects=False), url
    form = {"csrf": token or "", "version": "2", "name": "Endret av A", "note_text": "A",
            "note_kind": "note"}  # fmt: skip
    return c.post(url, data=form, follow_redirects=False), url


def names_b(ids: dict) -> tuple[str, ...]:
    return (*SECRETS, *ids.values())


def test_a_member_of_a_reaches_nothing_of_b(world):
    app, _, sessions, ids, backup = world
    with TestClient(app) as c:
        c.cookies.set(COOKIE, sessions["eier_a"])
        token = csrf(c)
        for method, path in routes(app):
            if path == "/logg-ut":  # would end A's session for the calls after it
                continue
            r, url = call(c, method, path, ids, token)
            names_b_item = any(f"{{{p}}}" in path for p in ids) or "sammenlign" in path
            if names_b_item:
                assert r.status_code in (403, 404), (method, url, r.status_code, r.text[:300])
            body = r.content.decode("utf-8", "replace")
            assert not [s for s in names_b(ids) if s in body], (method, url, r.status_code)
        listings = ("/api/v1/scenarios", "/api/v1/initiatives", "/api/v1/plans",
                    "/api/v1/backup", "/scenarier", "/tiltak")  # fmt: skip
        for listing in listings:
            assert not [s for s in names_b(ids) if s in c.get(listing).text], listing
        # B's backup (which A would have to have) restores into A as for ids never seen:
        # copies under new ids, so the answer does not tell that B's ids exist (issue 30)
        restored = c.post("/api/v1/restore", json=backup, headers={"X-CSRF-Token": token})
        assert restored.status_code == 200 and restored.json() == {"restored": 3}
        for listing in listings:
            assert not [i for i in ids.values() if i in c.get(listing).text], listing
        c.cookies.set(COOKIE, sessions["eier_b"])
        assert unchanged(c.get("/api/v1/backup").json(), backup)


def unchanged(now: dict, before: dict) -> bool:
    """Nothing of B changed: the backup is as it was, and B's log has B's own lines only (the
    backups B took itself, and B's owner joining, are logged)."""
    logged = {(x["who"], x["action"]) for x in now.pop("audit")}
    before = {k: v for k, v in before.items() if k != "audit"}
    return now == before and logged <= {("ola@b.no", "opprettet"), ("ola@b.no", "endret"),
                                        ("ola@b.no", "eksportert"),
                                        ("ola@b.no", "medlem")}  # fmt: skip


def test_a_token_of_a_reaches_nothing_of_b(world):
    app, _, sessions, ids, backup = world
    with TestClient(app) as c:
        c.headers["Authorization"] = f"Bearer {sessions['a_write']}"
        for method, path in routes(app):
            if not path.startswith("/api/v1/"):
                continue
            r, url = call(c, method, path, ids, None)
            if any(f"{{{p}}}" in path for p in ids):
                assert r.status_code in (403, 404), (method, url, r.status_code, r.text[:300])
            body = r.content.decode("utf-8", "replace")
            assert not [s for s in names_b(ids) if s in body], (method, url, r.status_code)
        c.headers.pop("Authorization")
        c.cookies.set(COOKIE, sessions["eier_b"])
        assert unchanged(c.get("/api/v1/backup").json(), backup)


def test_a_revoked_token_reaches_nothing(world):
    app, _, sessions, ids, _ = world
    with TestClient(app) as c:
        c.headers["Authorization"] = f"Bearer {sessions['a_revoked']}"
        for method, path in routes(app):
            if path.startswith("/api/v1/"):
                r, url = call(c, method, path, ids, None)
                assert r.status_code == 401, (method, url, r.status_code)
                assert not [s for s in names_b(ids) if s in r.text], (method, url)


def test_an_expired_share_link_shows_nothing(world):
    app, _, sessions, ids, _ = world
    link = sessions["b_expired_link"]
    with TestClient(app) as c:
        r = c.get(f"/delt/{link}")
        assert r.status_code == 404 and not [s for s in names_b(ids) if s in r.text]
        c.headers["Authorization"] = f"Bearer {link}"  # nor is it a token or a session
        assert c.get("/api/v1/scenarios").status_code == 401
        c.headers.pop("Authorization")
        c.cookies.set(COOKIE, link)
        assert c.get("/scenarier", follow_redirects=False).status_code == 303


def test_a_reader_changes_nothing(world):
    app, _, sessions, ids, _ = world
    with TestClient(app) as c:
        c.cookies.set(COOKIE, sessions["leser_a"])
        token = csrf(c)
        assert c.get("/scenarier").status_code == 200  # a reader reads
        before = c.get("/api/v1/backup").json()
        for method, path in routes(app):
            open_ = path.startswith(OPEN_TO_ALL)
            if method == "GET" or open_ or path.startswith(("/logg-ut", "/arbeidsomrade/bytt")):
                continue
            r, url = call(c, method, path, ids, token)
            if path.startswith(READERS_MAY_POST):
                assert r.status_code != 403, (method, url)  # a reader's, and it stores nothing
            else:
                assert r.status_code == 403, (method, url, r.status_code, r.text[:200])
        assert c.post("/beregn", data={"csrf": token}).status_code == 200  # stores nothing
        after = c.get("/api/v1/backup").json()
        assert {k: v for k, v in after.items() if k != "audit"} == {
            k: v for k, v in before.items() if k != "audit"}  # fmt: skip


@pytest.mark.parametrize("who", ["none", "signed out", "expired"])
def test_without_a_valid_session_nothing_is_reached(world, who):
    app, accounts, sessions, ids, _ = world
    with TestClient(app) as c:
        if who == "signed out":
            accounts.end_session(sessions["eier_b"])
            c.cookies.set(COOKIE, sessions["eier_b"])
        elif who == "expired":
            user = accounts.session(sessions["eier_a"]).user_id
            ws = accounts.session(sessions["eier_a"]).workspace_id
            past = datetime.now(UTC) - timedelta(hours=13)
            c.cookies.set(COOKIE, accounts.start_session(user, ws, now=past))
        for method, path in routes(app):
            if path.startswith(OPEN_TO_ALL) or path == "/static/app.css":
                continue
            r, url = call(c, method, path, ids, None)
            if path.startswith("/api/"):
                assert r.status_code == 401, (method, url, r.status_code)
            else:
                assert r.status_code == 303, (method, url, r.status_code)
                assert r.headers["location"].startswith("/logg-inn?neste=")
            body = r.content.decode("utf-8", "replace")
            assert not [s for s in names_b(ids) if s in body], (method, url)


def test_an_invitation_for_bs_owner_signs_no_one_in_as_b(world):
    """Issue 30, item 1: A's `eier` invites B's `eier` into A and takes the link himself, with
    his session, with none, with any password or none: 422, no session for B's owner, nothing
    of B in the answer, and B as it was."""
    app, accounts, sessions, ids, backup = world
    with TestClient(app) as c:
        c.cookies.set(COOKIE, sessions["eier_a"])
        token = csrf(c)
        made = c.post("/arbeidsomrade/invitasjon",
                      data={"csrf": token, "email": "ola@b.no", "role": "eier"})  # fmt: skip
        link = re.search(r"/invitasjon/[\w-]+", made.text).group(0)
        before = accounts.sessions_of(ids["user_id"])
        for cookie in (sessions["eier_a"], None):
            c.cookies.clear()
            if cookie:
                c.cookies.set(COOKIE, cookie)
            for password in ("gjetter et passord her", ""):
                r = c.post(link, data={"name": "A", "password": password},
                           follow_redirects=False)  # fmt: skip
                assert r.status_code == 422 and COOKIE not in r.cookies, r.text[:300]
                assert not [s for s in names_b(ids) if s in r.text]
        assert accounts.sessions_of(ids["user_id"]) == before
        c.cookies.set(COOKIE, sessions["eier_b"])
        assert unchanged(c.get("/api/v1/backup").json(), backup)
