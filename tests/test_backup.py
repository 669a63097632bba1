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


def app_client(tmp_path, name):
    return TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path}/{name}.db")))


def test_backup_and_restore_round_trip(tmp_path, scenario):
    with app_client(tmp_path, "a") as a:
        ids = [a.post("/api/v1/scenarios", json={"name": n, "scenario": scenario}).json()["id"]
               for n in ("Én", "To")]  # fmt: skip
        a.put(f"/api/v1/scenarios/{ids[0]}", json={"version": 1, "name": "Én, endret"})
        backup = a.get("/api/v1/backup")
        assert backup.status_code == 200 and "attachment" in backup.headers["content-disposition"]
        before = {s["id"]: s for s in (a.get(f"/api/v1/scenarios/{i}").json() for i in ids)}
    with app_client(tmp_path, "b") as b:  # a new, empty installation
        r = b.post("/api/v1/restore", json=backup.json())
        assert r.status_code == 200 and r.json() == {"restored": 2}
        after = {i: b.get(f"/api/v1/scenarios/{i}").json() for i in ids}
        assert after == before  # ids, names, versions, times, contents: all kept
        again = b.post("/api/v1/restore", json=backup.json())  # restoring twice is harmless
        assert again.json() == {"restored": 2} and len(b.get("/api/v1/scenarios").json()) == 2


@pytest.mark.parametrize("document", [{"scenarios": []}, {"format": "utenfor-backup",
                         "scenarios": [{"id": "x"}]}, []])  # fmt: skip
def test_a_bad_backup_is_refused_and_changes_nothing(tmp_path, document):
    with app_client(tmp_path, "c") as c:
        r = c.post("/api/v1/restore", json=document)
        assert r.status_code == 422 and r.json()["detail"][0]["message"]
        assert c.get("/api/v1/scenarios").json() == []


def test_a_backup_with_an_invalid_scenario_is_refused_whole(tmp_path, scenario):
    with app_client(tmp_path, "d") as d:
        good = d.post("/api/v1/scenarios", json={"name": "ok", "scenario": scenario}).json()
        doc = d.get("/api/v1/backup").json()
    doc["scenarios"].append({**doc["scenarios"][0], "id": "bad",
                             "scenario": {**good["scenario"], "years_run": 0}})  # fmt: skip
    with app_client(tmp_path, "e") as e:
        r = e.post("/api/v1/restore", json=doc)
        assert r.status_code == 422 and "years_run" in r.json()["detail"][0]["field"]
        assert e.get("/api/v1/scenarios").json() == []  # all or nothing


def test_restore_from_the_page(tmp_path, scenario):
    with app_client(tmp_path, "f") as f:
        f.post("/api/v1/scenarios", json={"name": "Side", "scenario": scenario})
        content = f.get("/api/v1/backup").content
    with app_client(tmp_path, "g") as g:
        r = g.post("/scenarier/gjenopprett", files={"backup": ("kopi.json", content)},
                   follow_redirects=False)  # fmt: skip
        assert r.status_code == 303
        assert "Side" in g.get("/scenarier").text
        bad = g.post("/scenarier/gjenopprett", files={"backup": ("kopi.json", b"[1]")})
        assert bad.status_code == 422 and "ingenting er endret" in bad.text
