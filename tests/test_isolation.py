"""No one sees another's work (issue 14, Done when: the isolation matrix), with accounts on, on
SQLite and PostgreSQL. Every route of the app, read from its own route table (a new route is
called too, and a new kind of path parameter fails the test until it is given a value here),
is called as:

- a member (`eier`) of workspace A, on workspace B's saved scenario, initiative and plan: every
  call that names one of B's items gets 403 or 404, and no answer anywhere holds B's names or
  ids (lists, backup, exports, the plan and comparison pages included);
- a `leser` of A: every call that would change something gets 403;
- no session, a session signed out, and an expired session: a page goes to the sign-in page
  (303, nothing else), the API answers 401; neither says whether anything exists.

Afterwards B's backup is what it was: nothing of B was changed. Personal API tokens and share
links, which the matrix will also cover, are not built yet (see the issue's note)."""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount

from support import WORKED_EXAMPLE
from utenfor.store.accounts import Accounts
from utenfor.web import access
from utenfor.web.access import COOKIE
from utenfor.web.app import Settings, create_app

with open(WORKED_EXAMPLE, "rb") as f:
    EXAMPLE = tomllib.load(f)
PASSWORD = "et langt nok passord"
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
)


def test_the_routes_open_to_all_are_the_ones_this_test_knows():
    assert set(access.OPEN) == set(OPEN_TO_ALL)


def routes(app) -> list[tuple[str, str]]:
    """(method, path) of every route in the app's route table."""
    found = []
    for route in app.routes:
        if hasattr(route, "effective_route_contexts"):  # FastAPI's included routers
            found += [(m, c.path) for c in route.effective_route_contexts() for m in c.methods]
        elif isinstance(route, Mount):
            found.append(("GET", route.path + "/app.css"))
        else:
            found += [(m, route.path) for m in route.methods or ()]
    return sorted({(m, p) for m, p in found if m != "HEAD"})


def member(accounts: Accounts, ws: str, email: str, role: str) -> str:
    user = accounts.accept(accounts.link("invitation", email, ws, role), email, PASSWORD)
    return accounts.start_session(user, ws)


@pytest.fixture()
def world(new_database):
    app = create_app(Settings(database_url=new_database(), accounts=True))
    accounts = Accounts(app.state.engine)
    a, b = (accounts.add_workspace(n, "kommune") for n in ("Kommune A", "Kommune B"))
    sessions = {"eier_a": member(accounts, a, "kari@a.no", "eier"),
                "leser_a": member(accounts, a, "per@a.no", "leser"),
                "eier_b": member(accounts, b, "ola@b.no", "eier")}  # fmt: skip
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
        backup = c.get("/api/v1/backup").json()
        c.cookies.clear()
    ids = {"scenario_id": sc["id"], "initiative_id": ini["id"], "plan_id": plan["id"]}
    yield app, accounts, sessions, ids, backup


def csrf(c: TestClient) -> str:
    page = c.get("/scenarier").text
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


# A value for every path parameter; a new one must be added here, so it is tested.
def values(ids: dict[str, str]) -> dict[str, str]:
    return ids | {"fmt": "pdf", "form_name": "logg", "token": "ukjent", "lang": "nb"}


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
        restored = c.post("/api/v1/restore", json=backup, headers={"X-CSRF-Token": token})
        assert restored.status_code == 422  # B's ids cannot be restored into A
        for listing in ("/api/v1/scenarios", "/api/v1/initiatives", "/api/v1/plans",
                        "/api/v1/backup", "/scenarier", "/tiltak"):  # fmt: skip
            assert not [s for s in names_b(ids) if s in c.get(listing).text], listing
        c.cookies.set(COOKIE, sessions["eier_b"])
        assert c.get("/api/v1/backup").json() == backup  # nothing of B changed


def test_a_reader_changes_nothing(world):
    app, _, sessions, ids, _ = world
    with TestClient(app) as c:
        c.cookies.set(COOKIE, sessions["leser_a"])
        token = csrf(c)
        assert c.get("/scenarier").status_code == 200  # a reader reads
        for method, path in routes(app):
            open_ = path.startswith(OPEN_TO_ALL)
            if method == "GET" or open_ or path in ("/beregn", "/skjema/aar", "/logg-ut"):
                continue
            r, url = call(c, method, path, ids, token)
            assert r.status_code == 403, (method, url, r.status_code, r.text[:200])
        assert c.post("/beregn", data={"csrf": token}).status_code == 200  # stores nothing


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
