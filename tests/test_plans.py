"""Stored plans for the council (issue 15, item 4), through the store and /api/v1/plans, on
SQLite and PostgreSQL: a plan read back is the sum of its initiatives' latest revisions, a
change based on an old version is refused (409: no lost update), bad input is refused naming
the field, an id that names no initiative is kept and reported, the backup and restore give a
plan back identical (the migrations: tests/test_workspaces.py)."""

from __future__ import annotations

import json
import tomllib
from datetime import date

import pytest
from fastapi.testclient import TestClient

from support import WORKED_EXAMPLE
from utenfor.store.db import Conflict, make_engine, migrate
from utenfor.store.initiatives import Initiatives
from utenfor.store.plans import InvalidPlan, Plans
from utenfor.web.app import Settings, create_app

with open(WORKED_EXAMPLE, "rb") as f:
    EXAMPLE = tomllib.load(f)


@pytest.fixture()
def store(database_url):
    engine = make_engine(database_url)
    migrate(engine)
    yield Initiatives(engine), Plans(engine)
    engine.dispose()


def test_a_stale_change_is_refused_and_bad_input_names_the_field(store):
    initiatives, plans = store
    a = initiatives.create({"name": "Losen"}, date(2021, 1, 4)).id
    plan = plans.create("  Plan   2021 ", [a])
    assert (plan.name, plan.initiatives, plan.version) == ("Plan 2021", (a,), 1)
    assert plans.update(plan.id, 1, "Plan 2022", [a]).version == 2
    with pytest.raises(Conflict):
        plans.update(plan.id, 1, "Min plan", [a])  # based on version 1: someone saved since
    assert plans.get(plan.id).name == "Plan 2022"
    for name, ids, field in (("P", ["x" * 33], "initiatives[0]"), ("P", [""], "initiatives[0]"),
                             ("P", [a, a], "initiatives[1]"), ("P", [], "initiatives"),
                             (" ", [a], "name"), ("x" * 201, [a], "name")):  # fmt: skip
        with pytest.raises(InvalidPlan) as refused:
            plans.create(name, ids)
        assert refused.value.field == field
    plans.delete(plan.id)
    assert plans.list() == []


@pytest.fixture()
def app_client(new_database):
    return lambda: TestClient(create_app(Settings(database_url=new_database())))


def initiative(c, name: str, scenario: dict | None) -> str:
    i = c.post("/api/v1/initiatives", json={"name": name, "began": "2021-01-04"}).json()
    if scenario is not None:
        c.post(f"/api/v1/initiatives/{i['id']}/events", json={"version": i["version"],
               "kind": "scenario", "body": {"phase": 1, "scenario": scenario}})  # fmt: skip
    return i["id"]


def test_a_plan_through_the_api_is_the_sum_of_its_initiatives_latest_revisions(app_client):
    with app_client() as c:
        other = EXAMPLE | {"target_group": "child_welfare_support"}
        a, b = initiative(c, "Losen", EXAMPLE), initiative(c, "Barnevern", other)
        empty = initiative(c, "Ikke regnet", None)
        body = {"name": "Plan 2021", "initiatives": [a, b, empty, "feil-id"]}
        made = c.post("/api/v1/plans", json=body)
        assert made.status_code == 201, made.text
        plan = c.get(f"/api/v1/plans/{made.json()['id']}").json()
        assert plan == made.json()
        totals = [c.post("/api/v1/calculate", json=s).json()["net_gain"]["total"]
                  for s in (EXAMPLE, other)]  # fmt: skip
        # Same start year: each one's kroner and discounting are the plan's, so the sum is exact.
        assert plan["result"]["net_gain"]["total"] == pytest.approx(sum(totals), abs=1e-6)
        assert plan["problems"] == [
            "«Ikke regnet» har ingen beregning ennå.",
            "Tiltaket med id «feil-id» finnes ikke (slettet, eller feil id).",
        ]
        assert [p["name"] for p in c.get("/api/v1/plans").json()] == ["Plan 2021"]
        # An initiative deleted since: the plan sent back unchanged is not refused for it.
        assert c.delete(f"/api/v1/initiatives/{b}").status_code == 204
        again = c.put(f"/api/v1/plans/{plan['id']}", json=body | {"version": 1}).json()
        assert again["version"] == 2 and again["initiatives"] == body["initiatives"]
        assert again["result"]["net_gain"]["total"] == pytest.approx(totals[0], abs=1e-6)


def test_a_stale_change_is_409_and_bad_input_is_422_naming_the_field(app_client):
    with app_client() as c:
        a = initiative(c, "Losen", EXAMPLE)
        plan = c.post("/api/v1/plans", json={"name": "Plan", "initiatives": [a]}).json()
        ok = c.put(f"/api/v1/plans/{plan['id']}",
                   json={"version": 1, "name": "Plan 2021", "initiatives": [a]})  # fmt: skip
        assert ok.status_code == 200 and ok.json()["version"] == 2
        stale = c.put(f"/api/v1/plans/{plan['id']}",
                      json={"version": 1, "name": "Min plan", "initiatives": [a]})  # fmt: skip
        assert stale.status_code == 409 and "versjon 2" in stale.json()["detail"]
        assert c.get(f"/api/v1/plans/{plan['id']}").json()["name"] == "Plan 2021"
        for body, field in (({"name": "P", "initiatives": [a, a]}, "initiatives[1]"),
                            ({"name": "P", "initiatives": []}, "initiatives"),
                            ({"name": " ", "initiatives": [a]}, "name")):  # fmt: skip
            r = c.post("/api/v1/plans", json=body)
            assert r.status_code == 422, body
            assert r.json()["detail"][0]["field"] == field, r.json()
        assert c.delete(f"/api/v1/plans/{plan['id']}").status_code == 204
        assert c.get(f"/api/v1/plans/{plan['id']}").status_code == 404
        assert c.delete(f"/api/v1/plans/{plan['id']}").status_code == 404


def test_backup_then_restore_gives_the_plan_back_identical(app_client):
    with app_client() as a:
        i = a.post("/api/v1/initiatives", json={"name": "Losen", "began": "2021-01-04"}).json()
        plans = Plans(a.app.state.engine)
        made = plans.update(plans.create("Plan", [i["id"]]).id, 1, "Plan 2021", [i["id"]])
        backup = a.get("/api/v1/backup").json()
    with app_client() as b:
        assert b.post("/api/v1/restore", json=backup).json() == {"restored": 2}
        assert Plans(b.app.state.engine).get(made.id) == made
        page = b.get(f"/tiltak/planer/{made.id}")
        assert page.status_code == 200 and "«Losen» har ingen beregning ennå." in page.text
        assert "Plan 2021" in b.get("/tiltak").text


def test_a_backup_with_a_bad_plan_changes_nothing(app_client):
    with app_client() as c:
        i = c.post("/api/v1/initiatives", json={"name": "Losen", "began": "2021-01-04"}).json()
        Plans(c.app.state.engine).create("Plan", [i["id"]])
        backup = c.get("/api/v1/backup").json()
        backup["plans"][0]["version"] = "to"
        backup["initiatives"][0]["events"][0]["body"]["name"] = "Endret"
        r = c.post("/api/v1/restore", json=backup)
        assert r.status_code == 422 and "plans[0].version" in r.json()["detail"][0]["message"]
        assert c.get(f"/api/v1/initiatives/{i['id']}").json()["name"] == "Losen"


@pytest.mark.parametrize("change", [{"name": "\ud800"}, {"name": "a\x00b"}, {"id": "\ud800"},
                                    {"initiatives": ["\ud800"]}, {"initiatives": []}])  # fmt: skip
def test_a_restored_plan_with_text_no_database_can_hold_is_refused(app_client, change):
    with app_client() as c:
        i = c.post("/api/v1/initiatives", json={"name": "Losen", "began": "2021-01-04"}).json()
        Plans(c.app.state.engine).create("Plan", [i["id"]])
        backup = c.get("/api/v1/backup").json()
        backup["plans"][0] |= change
        body = json.dumps(backup)  # ASCII: a lone surrogate travels as its JSON escape
        r = c.post("/api/v1/restore", content=body, headers={"Content-Type": "application/json"})
        assert r.status_code == 422, r.text
        assert r.json()["detail"][0]["message"].startswith("plans[0]")
