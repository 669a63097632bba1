"""Stored plans for the council (issue 15, item 4) through /api/v1/plans and the store, on
SQLite and PostgreSQL: a plan read back is the sum of its initiatives' latest revisions, a
stale change is 409, bad input is 422 naming the field, the backup and restore give it back
identical, and the migration keeps saved scenarios and initiatives."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from fastapi.testclient import TestClient

from support import WORKED_EXAMPLE
from utenfor.store.db import Scenarios, make_engine, migrate
from utenfor.store.initiatives import Initiatives
from utenfor.store.plans import Plans
from utenfor.web.app import Settings, create_app

with open(WORKED_EXAMPLE, "rb") as f:
    EXAMPLE = tomllib.load(f)


@pytest.fixture()
def app_client(new_database):
    return lambda: TestClient(create_app(Settings(database_url=new_database())))


def initiative(c, name: str, scenario: dict | None) -> str:
    i = c.post("/api/v1/initiatives", json={"name": name, "began": "2021-01-04"}).json()
    if scenario is not None:
        c.post(f"/api/v1/initiatives/{i['id']}/events", json={"version": i["version"],
               "kind": "scenario", "body": {"phase": 1, "scenario": scenario}})  # fmt: skip
    return i["id"]


def test_a_plan_is_the_sum_of_its_initiatives_latest_revisions(app_client):
    with app_client() as c:
        other = EXAMPLE | {"target_group": "child_welfare_support", "start_year": 2021}
        a, b = initiative(c, "Losen", EXAMPLE), initiative(c, "Barnevern", other)
        empty = initiative(c, "Ikke regnet", None)
        r = c.post("/api/v1/plans", json={"name": "Plan 2021", "initiatives": [a, b, empty]})
        assert r.status_code == 201, r.text
        plan = c.get(f"/api/v1/plans/{r.json()['id']}").json()
        totals = [c.post("/api/v1/calculate", json=s).json()["net_gain"]["total"]
                  for s in (EXAMPLE, other)]  # fmt: skip
        # Same start year: the plan's footing is each one's own, so the sum is exact.
        assert plan["result"]["net_gain"]["total"] == pytest.approx(sum(totals), abs=1e-6)
        assert plan["problems"] == ["«Ikke regnet» har ingen beregning ennå."]
        assert c.get("/api/v1/plans").json()[0]["name"] == "Plan 2021"


def test_a_stale_change_is_409_and_bad_input_names_the_field(app_client):
    with app_client() as c:
        a = initiative(c, "Losen", EXAMPLE)
        plan = c.post("/api/v1/plans", json={"name": "Plan", "initiatives": [a]}).json()
        ok = c.put(f"/api/v1/plans/{plan['id']}",
                   json={"version": 1, "name": "Plan 2021", "initiatives": [a]})  # fmt: skip
        assert ok.status_code == 200 and ok.json()["version"] == 2
        stale = c.put(f"/api/v1/plans/{plan['id']}",
                      json={"version": 1, "name": "Min plan", "initiatives": [a]})  # fmt: skip
        assert stale.status_code == 409 and "versjon 2" in stale.json()["detail"]
        for body, field in (({"name": "P", "initiatives": ["finnes-ikke"]}, "initiatives[0]"),
                            ({"name": "P", "initiatives": [a, a]}, "initiatives[1]"),
                            ({"name": "P", "initiatives": []}, "initiatives"),
                            ({"name": " ", "initiatives": [a]}, "name")):  # fmt: skip
            r = c.post("/api/v1/plans", json=body)
            assert r.status_code == 422, body
            assert r.json()["detail"][0]["field"] == field, r.json()
        assert c.delete(f"/api/v1/plans/{plan['id']}").status_code == 204
        assert c.get(f"/api/v1/plans/{plan['id']}").status_code == 404


def test_backup_then_restore_gives_the_plan_back_identical(app_client):
    with app_client() as a:
        i = initiative(a, "Losen", EXAMPLE)
        made = a.post("/api/v1/plans", json={"name": "Plan", "initiatives": [i]}).json()
        a.put(f"/api/v1/plans/{made['id']}", json={"version": 1, "name": "Plan 2021",
                                                   "initiatives": [i]})  # fmt: skip
        backup = a.get("/api/v1/backup").json()
        before = a.get(f"/api/v1/plans/{made['id']}").json()
    with app_client() as b:
        assert b.post("/api/v1/restore", json=backup).json() == {"restored": 2}
        assert b.get(f"/api/v1/plans/{made['id']}").json() == before
        assert before["version"] == 2 and before["result"] is not None


def test_a_backup_with_a_bad_plan_changes_nothing(app_client):
    with app_client() as c:
        i = initiative(c, "Losen", EXAMPLE)
        c.post("/api/v1/plans", json={"name": "Plan", "initiatives": [i]})
        backup = c.get("/api/v1/backup").json()
        backup["plans"][0]["version"] = "to"
        backup["initiatives"][0]["events"][0]["body"]["name"] = "Endret"
        r = c.post("/api/v1/restore", json=backup)
        assert r.status_code == 422 and "plans[0].version" in r.json()["detail"][0]["message"]
        assert c.get(f"/api/v1/initiatives/{i}").json()["name"] == "Losen"


def test_the_plans_migration_keeps_saved_scenarios_and_initiatives(database_url):
    """A database at the schema before plans (0002) with a saved scenario and an initiative,
    migrated to the newest."""
    from alembic import command
    from alembic.config import Config

    from utenfor.store.db import MIGRATIONS

    engine = make_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    saved = Scenarios(engine).create("Før", EXAMPLE, "0.1.0", "sha256:x")
    made = Initiatives(engine).create({"name": "Losen"}, date(2021, 1, 4))
    migrate(engine)
    assert Scenarios(engine).get(saved.id) == saved
    assert Initiatives(engine).get(made.id) == made
    assert Plans(engine).list() == []
    engine.dispose()
