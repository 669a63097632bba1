"""Backup of all saved scenarios and restore from it (issue 7), tested as a round trip."""

from __future__ import annotations

import tomllib

import pytest
from fastapi.testclient import TestClient

from support import WORKED_EXAMPLE
from utenfor.web.app import Settings, create_app


@pytest.fixture()
def scenario():
    with open(WORKED_EXAMPLE, "rb") as f:
        return tomllib.load(f)


@pytest.fixture()
def app_client(new_database):
    """A client of a new installation with its own empty database (SQLite and PostgreSQL)."""
    return lambda: TestClient(create_app(Settings(database_url=new_database())))


def test_backup_and_restore_round_trip(app_client, scenario):
    with app_client() as a:
        ids = [a.post("/api/v1/scenarios", json={"name": n, "scenario": scenario}).json()["id"]
               for n in ("Én", "To")]  # fmt: skip
        a.put(f"/api/v1/scenarios/{ids[0]}", json={"version": 1, "name": "Én, endret"})
        backup = a.get("/api/v1/backup")
        assert backup.status_code == 200 and "attachment" in backup.headers["content-disposition"]
        before = {s["id"]: s for s in (a.get(f"/api/v1/scenarios/{i}").json() for i in ids)}
    with app_client() as b:  # a new, empty installation
        r = b.post("/api/v1/restore", json=backup.json())
        assert r.status_code == 200 and r.json() == {"restored": 2}
        after = {i: b.get(f"/api/v1/scenarios/{i}").json() for i in ids}
        assert after == before  # ids, names, versions, times, contents: all kept
        again = b.post("/api/v1/restore", json=backup.json())  # restoring twice is harmless
        assert again.json() == {"restored": 2} and len(b.get("/api/v1/scenarios").json()) == 2


@pytest.mark.parametrize("document", [
    {"scenarios": []}, {"format": "utenfor-backup", "scenarios": [{"id": "x"}]}, [],
    # found by schemathesis: a 500 before (the store enumerated None)
    {"format": "utenfor-backup", "version": 1, "scenarios": [], "initiatives": None},
    {"format": "utenfor-backup", "scenarios": [], "initiatives": [{"id": "x", "events": []}]},
])  # fmt: skip
def test_a_bad_backup_is_refused_and_changes_nothing(app_client, document):
    with app_client() as c:
        r = c.post("/api/v1/restore", json=document)
        assert r.status_code == 422 and r.json()["detail"][0]["message"]
        assert c.get("/api/v1/scenarios").json() == []


def test_a_backup_with_an_invalid_scenario_is_refused_whole(app_client, scenario):
    with app_client() as d:
        good = d.post("/api/v1/scenarios", json={"name": "ok", "scenario": scenario}).json()
        doc = d.get("/api/v1/backup").json()
    doc["scenarios"].append({**doc["scenarios"][0], "id": "bad",
                             "scenario": {**good["scenario"], "years_run": 0}})  # fmt: skip
    with app_client() as e:
        r = e.post("/api/v1/restore", json=doc)
        assert r.status_code == 422 and "years_run" in r.json()["detail"][0]["field"]
        assert e.get("/api/v1/scenarios").json() == []  # all or nothing


@pytest.mark.parametrize(
    "change",
    [
        {"id": "x" * 33},
        {"version": 2**31},
        {"model_version": ""},
        {"created_at": 5},
        {"updated_at": "i går"},
        {"version": "2"},
    ],
)
def test_values_the_columns_cannot_hold_are_refused(app_client, scenario, change):
    """PostgreSQL refuses them where SQLite would keep them: both answer 422, not 500."""
    with app_client() as h:
        h.post("/api/v1/scenarios", json={"name": "ok", "scenario": scenario})
        doc = h.get("/api/v1/backup").json()
    doc["scenarios"][0].update(change)
    with app_client() as i:
        r = i.post("/api/v1/restore", json=doc)
        assert r.status_code == 422
        message = r.json()["detail"][0]["message"]  # Norwegian, naming the field
        assert next(iter(change)) in message and "argument" not in message, message
        assert i.get("/api/v1/scenarios").json() == []


def test_restore_from_the_page(app_client, scenario):
    with app_client() as f:
        f.post("/api/v1/scenarios", json={"name": "Side", "scenario": scenario})
        content = f.get("/api/v1/backup").content
    with app_client() as g:
        r = g.post("/scenarier/gjenopprett", files={"backup": ("kopi.json", content)},
                   follow_redirects=False)  # fmt: skip
        assert r.status_code == 303
        assert "Side" in g.get("/scenarier").text
        bad = g.post("/scenarier/gjenopprett", files={"backup": ("kopi.json", b"[1]")})
        assert bad.status_code == 422 and "ingenting er endret" in bad.text
