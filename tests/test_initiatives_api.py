"""Initiatives through the API (issue 15): one walked through the phases as a municipality
would, with 404, 409 and Norwegian 422 answers naming the field, and in the backup."""

from __future__ import annotations

import json
import tomllib

import pytest
from fastapi.testclient import TestClient

from support import WORKED_EXAMPLE
from utenfor.web.app import Settings, create_app

with open(WORKED_EXAMPLE, "rb") as f:
    EXAMPLE = tomllib.load(f)


@pytest.fixture()
def app_client(new_database):
    return lambda: TestClient(create_app(Settings(database_url=new_database())))


def event(c, initiative, **fields):
    return c.post(f"/api/v1/initiatives/{initiative['id']}/events",
                  json={"version": initiative["version"], **fields})  # fmt: skip


def walk(c):
    i = c.post("/api/v1/initiatives", json={"name": "Losen", "began": "2021-01-04",
                                            "responsible_unit": "Oppvekst"}).json()  # fmt: skip
    i = event(c, i, kind="scenario", body={"phase": 1, "scenario": EXAMPLE,
                                           "reason": "Første anslag"}).json()  # fmt: skip
    i = event(c, i, kind="phase", on="2021-03-01", body={"phase": 2}).json()
    revised = EXAMPLE | {"share_with_pct": 58}
    i = event(c, i, kind="scenario", body={"phase": 2, "scenario": revised,
                                           "reason": "Innsikt"}).json()  # fmt: skip
    i = event(c, i, kind="decision", on="2021-04-01",
              body={"text": "Kommunestyret vedtok planen"}).json()  # fmt: skip
    i = event(c, i, kind="benefits", body={"lines": [
        {"payer": "fylkeskommune", "area": "education", "indicator": "Fullført vgs",
         "baseline": "60 %", "target": "70 %", "responsible": "Rektor", "measured": "Juni"},
        {"payer": "stat", "area": "tax", "indicator": "I arbeid ved 25"},
        {"payer": "kommune", "area": "transfers", "indicator": "Sosialhjelp"}]}).json()  # fmt: skip
    return event(c, i, kind="actuals", body={"actuals": {
        "participants": {"2021": 80, "2022": 0},
        "costs": {"kommune": {"2021": 1_100_000, "2022": 1_100_000}},
        "observed": {"share_with_pct": 57, "participants": 80}}})  # fmt: skip


def test_an_initiative_walks_through_the_phases(app_client):
    with app_client() as c:
        r = walk(c)
        assert r.status_code == 201, r.text
        i = c.get(f"/api/v1/initiatives/{r.json()['id']}").json()
        assert (i["phase"], i["phase_name"], i["version"]) == (2, "Innsikt", 8)
        kinds = [e["kind"] for e in i["events"]]
        assert kinds == ["details", "phase", "scenario", "phase", "scenario", "decision",
                         "benefits", "actuals"]  # fmt: skip
        estimates = [e["body"]["scenario"]["share_with_pct"] for e in i["events"]
                     if e["kind"] == "scenario"]  # fmt: skip
        assert estimates == [60, 58]  # phase 1's estimate kept beside phase 2's revision
        assert c.get("/api/v1/initiatives").json()[0]["name"] == "Losen"


def test_stale_missing_and_bad_events_get_409_404_and_422(app_client):
    with app_client() as c:
        i = c.post("/api/v1/initiatives", json={"name": "Losen", "began": "2021-01-04"}).json()
        assert event(c, i, kind="note", body={"text": "Første"}).status_code == 201
        stale = event(c, i, kind="note", body={"text": "Samtidig"})
        assert stale.status_code == 409 and "versjon" in stale.json()["detail"]
        fresh = c.get(f"/api/v1/initiatives/{i['id']}").json()
        cases = [
            ({"kind": "actuals", "body": {"actuals": {"participants": {"2021": 80}}}},
             "body.actuals", "scenario"),
            ({"kind": "phase", "on": "2020-12-31", "body": {"phase": 2}}, "on", "forrige fase"),
            ({"kind": "phase", "on": "2021-05-01", "body": {"phase": 7}}, "body.phase", "6"),
            ({"kind": "scenario", "body": {"phase": 1, "scenario": EXAMPLE | {
                "share_with_pct": 120}}}, "body.scenario.share_with_pct", "100"),
        ]  # fmt: skip
        for fields, field, words in cases:
            r = event(c, fresh, **fields)
            assert r.status_code == 422, (fields, r.text)
            problem = r.json()["detail"][0]
            assert problem["field"] == field and words in problem["message"], problem
        # found by schemathesis: a NUL or a lone surrogate in a name was a 500
        for name in ("Lo\x00sen", "Lo\udaf9sen"):
            body = json.dumps({"name": name, "began": "2021-01-04"})  # ASCII, \u-escaped
            r = c.post("/api/v1/initiatives", content=body,
                       headers={"Content-Type": "application/json"})  # fmt: skip
            assert r.status_code == 422 and r.json()["detail"][0]["field"] == "name", r.text
        assert c.get("/api/v1/initiatives/finnes-ikke").status_code == 404
        missing = c.post("/api/v1/initiatives/finnes-ikke/events",
                         json={"version": 1, "kind": "note", "body": {"text": "x"}})  # fmt: skip
        assert missing.status_code == 404
        assert c.delete(f"/api/v1/initiatives/{i['id']}").status_code == 204
        assert c.delete(f"/api/v1/initiatives/{i['id']}").status_code == 404


def test_backup_then_restore_gives_the_initiative_back_identical(app_client):
    with app_client() as a:
        walk(a)
        backup = a.get("/api/v1/backup").json()
        before = a.get("/api/v1/initiatives").json()
        full = a.get(f"/api/v1/initiatives/{before[0]['id']}").json()
    with app_client() as b:
        assert b.post("/api/v1/restore", json=backup).json() == {"restored": 1}
        assert b.get(f"/api/v1/initiatives/{full['id']}").json() == full


def test_a_restored_initiative_with_few_details_and_a_bad_revision(app_client):
    """A backup written by hand: details with a name only come back with the others empty;
    a scenario revision that no longer opens refuses the whole backup, naming it."""
    with app_client() as a:
        walk(a)
        backup = a.get("/api/v1/backup").json()
    backup["initiatives"][0]["events"][0]["body"] = {"name": "Bare navn"}
    with app_client() as b:
        assert b.post("/api/v1/restore", json=backup).status_code == 200
        i = b.get(f"/api/v1/initiatives/{backup['initiatives'][0]['id']}")
        assert i.status_code == 200 and i.json()["description"] == ""
    backup["initiatives"][0]["events"][2]["body"]["scenario"]["share_with_pct"] = 150
    with app_client() as c:
        r = c.post("/api/v1/restore", json=backup)
        assert r.status_code == 422
        assert r.json()["detail"][0]["field"] == (
            "initiatives[0].events[2].body.scenario.share_with_pct"
        )
        assert c.get("/api/v1/initiatives").json() == []


@pytest.mark.parametrize(("line", "field"), [
    ({"payer": "kommune", "area": "nowhere"}, "body.lines[0].area"),
    ({"payer": "kommune", "area": "tax", "target": "x" * 501}, "body.lines[0].target"),
    ({"payer": "kommune", "area": "tax", "colour": "red"}, "body.lines[0].colour"),
])  # fmt: skip
def test_a_bad_benefit_plan_is_refused_naming_the_field(app_client, line, field):
    with app_client() as c:
        i = c.post("/api/v1/initiatives", json={"name": "Losen", "began": "2021-01-04"}).json()
        r = event(c, i, kind="benefits", body={"lines": [line]})
        assert r.status_code == 422, r.text
        assert [d["field"] for d in r.json()["detail"]] == [field]
        assert c.get(f"/api/v1/initiatives/{i['id']}").json()["version"] == i["version"]
