"""Small disclosures (issue 30, item 9): the API does not give the data set's folder on the
server (the CLI's `data info` does, tests/test_cli.py); a restore of another workspace's ids
answers as for ids never seen; what a signed-in person is shown is never cached."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from support import EXAMPLE, run_cli, two_kommuner
from utenfor.store.tokens import ApiTokens
from utenfor.web.access import COOKIE
from utenfor.web.app import Settings, create_app


def test_the_api_does_not_tell_where_the_data_set_lies(tmp_path):
    info = run_cli("data", "info", "--format", "json")  # the operator's view has the folder
    folder = json.loads(info.stdout)["path"]
    with TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db"))) as c:
        answer = c.get("/api/v1/data")
    assert answer.status_code == 200 and answer.json()["fingerprint"]
    assert "path" not in answer.json() and folder not in answer.text


@pytest.fixture()
def kommuner(tmp_path):
    app, accounts, a, b, sessions = two_kommuner(f"sqlite:///{tmp_path}/t.db")
    with TestClient(app) as c:
        yield c, accounts, a, b, sessions


def session_of(c: TestClient, session: str) -> dict[str, str]:
    """Signs `c` in with `session`: the headers a JSON request then needs (its CSRF token)."""
    import re

    c.cookies.set(COOKIE, session)
    return {"X-CSRF-Token": re.search(r'name="csrf" value="([^"]+)"',
                                      c.get("/scenarier").text).group(1)}  # fmt: skip


def test_a_restore_of_another_workspaces_ids_answers_as_for_new_ones(kommuner):
    c, *_, sessions = kommuner
    head = session_of(c, sessions["eier_b"])
    made = c.post("/api/v1/scenarios", headers=head, json={"name": "B", "scenario": EXAMPLE})
    backup_b = c.get("/api/v1/backup").json()
    head = session_of(c, sessions["eier_a"])
    unknown = json.loads(json.dumps(backup_b).replace(made.json()["id"], "0" * 32))
    foreign = c.post("/api/v1/restore", headers=head, json=backup_b)
    new = c.post("/api/v1/restore", headers=head, json=unknown)
    assert (foreign.status_code, foreign.json()) == (new.status_code, new.json()) == (
        200, {"restored": 1})  # fmt: skip
    assert "arbeidsområde" not in foreign.text
    head = session_of(c, sessions["eier_b"])
    assert c.get("/api/v1/backup").json()["scenarios"] == backup_b["scenarios"]  # untouched


def test_signed_in_answers_are_not_cached(kommuner):
    c, accounts, a, _, sessions = kommuner
    assert "no-store" not in c.get("/logg-inn").headers.get("cache-control", "")
    session_of(c, sessions["leser_a"])
    for path in ("/scenarier", "/arbeidsomrade", "/api/v1/scenarios", "/api/v1/backup"):
        assert c.get(path).headers["cache-control"] == "no-store", path
    assert c.post("/api/v1/scenarios", json={}).headers["cache-control"] == "no-store"  # 403
    assert "no-store" not in c.get("/static/app.css").headers.get("cache-control", "")
    c.cookies.clear()
    user = accounts.session(sessions["leser_a"]).user_id
    _, token = ApiTokens(c.app.state.engine).create(user, a, "lesetoken", "read")
    answer = c.get("/api/v1/data", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
