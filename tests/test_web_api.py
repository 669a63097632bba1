"""The JSON API in-process (issue 4): the worked example, errors as 422 with the field, saved
scenarios with versions (409 on a stale edit)."""

from __future__ import annotations

import tomllib

import pytest
from fastapi.testclient import TestClient

from support import WORKED_EXAMPLE
from utenfor.web.app import Settings, create_app


@pytest.fixture()
def client(database_url):
    app = create_app(Settings(database_url=database_url))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def worked():
    with open(WORKED_EXAMPLE, "rb") as f:
        return tomllib.load(f)


def test_worked_example_gives_the_guides_implementation_line(client, worked):
    r = client.post("/api/v1/calculate", json=worked)
    assert r.status_code == 200
    body = r.json()
    assert round(body["by_area"]["implementation"]["total"]) == -980_769
    assert body["net_gain_per_participant"]["total"] == pytest.approx(
        body["net_gain"]["total"] / 100
    )
    assert body["data"]["fingerprint"] == client.get("/api/v1/data").json()["fingerprint"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"age_groups": ["0-2", "10-12"]}, "age_groups"),
        ({"share_with_pct": 120}, "share_with_pct"),
        ({"participants": {"2030": 5}}, "participants.2030"),
        ({"colour": "blue"}, "colour"),
        ({"target_group": "pensioners"}, "target_group"),
        ({"settings": {"analysis_years": 0}}, "settings.analysis_years"),
        ({"grants": [{"from": "stat", "to": "stat", "year": 2021, "amount": 1}]}, "grants[0].to"),
    ],
)
def test_every_validation_error_is_a_422_naming_the_field(client, worked, change, field):
    r = client.post("/api/v1/calculate", json={**worked, **change})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert any(d["field"] == field and d["message"] for d in detail), detail


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"null", b"", b"\xff\xfe{"])
def test_malformed_bodies_are_422_not_500(client, body):
    r = client.post("/api/v1/calculate", content=body,
                    headers={"content-type": "application/json"})  # fmt: skip
    assert r.status_code == 422
    assert r.json()["detail"][0]["message"]


def test_saved_scenarios_round_trip(client, worked):
    created = client.post("/api/v1/scenarios", json={"name": "Ungdomslos", "scenario": worked})
    assert created.status_code == 201
    s = created.json()
    assert s["version"] == 1 and s["model_version"] and s["data_fingerprint"].startswith("sha256:")
    assert [x["id"] for x in client.get("/api/v1/scenarios").json()] == [s["id"]]
    again = client.get(f"/api/v1/scenarios/{s['id']}").json()
    assert (
        client.post("/api/v1/calculate", json=again["scenario"]).json()["net_gain"]
        == (client.post("/api/v1/calculate", json=worked).json()["net_gain"])
    )
    renamed = client.put(f"/api/v1/scenarios/{s['id']}", json={"version": 1, "name": "Nytt"})
    assert renamed.status_code == 200 and renamed.json()["version"] == 2
    copy = client.post(f"/api/v1/scenarios/{s['id']}/duplicate")
    assert copy.status_code == 201 and copy.json()["name"] == "Kopi av Nytt"
    toml = client.get(f"/api/v1/scenarios/{s['id']}/scenario.toml")
    assert toml.status_code == 200 and 'target_group = "lowincome_benefits"' in toml.text
    assert client.delete(f"/api/v1/scenarios/{s['id']}").status_code == 204
    assert client.get(f"/api/v1/scenarios/{s['id']}").status_code == 404


def test_an_edit_based_on_an_old_version_is_a_conflict(client, worked):
    s = client.post("/api/v1/scenarios", json={"name": "A", "scenario": worked}).json()
    first = client.put(f"/api/v1/scenarios/{s['id']}", json={"version": 1, "name": "B"})
    assert first.status_code == 200
    stale = client.put(f"/api/v1/scenarios/{s['id']}", json={"version": 1, "name": "C"})
    assert stale.status_code == 409
    assert "versjon" in stale.json()["detail"]
    assert client.get(f"/api/v1/scenarios/{s['id']}").json()["name"] == "B"


def test_a_name_with_a_nul_character_is_saved_without_it(client, worked):
    """PostgreSQL cannot store NUL in text: it was a 500 there (found by fuzzing the
    initiatives on the same column type); the character is dropped, on every database."""
    s = client.post("/api/v1/scenarios", json={"name": "Lo\x00sen", "scenario": worked})
    assert s.status_code == 201 and s.json()["name"] == "Losen"
    r = client.put(f"/api/v1/scenarios/{s.json()['id']}", json={"version": 1, "name": "A\x00B"})
    assert r.status_code == 200 and r.json()["name"] == "AB"


def test_saving_an_invalid_scenario_is_refused(client, worked):
    r = client.post("/api/v1/scenarios", json={"name": "X", "scenario": {**worked, "years_run": 0}})
    assert r.status_code == 422
    assert client.get("/api/v1/scenarios").json() == []


def test_openapi_and_docs_are_served_from_this_machine(client):
    spec = client.get("/api/openapi.json").json()
    assert "/api/v1/calculate" in spec["paths"]
    docs = client.get("/api/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower()


def test_the_schema_states_what_the_api_accepts(client):
    """JSON Schema keywords only (pydantic once wrote `ge`/`le`, which JSON Schema ignores, so
    the schema promised any number), the data set's groups, and links from a saved scenario
    to the routes that take its id (issue 12)."""
    spec = client.get("/api/openapi.json").json()

    def keys(node):
        if isinstance(node, dict):
            yield from node
            for value in node.values():
                yield from keys(value)
        elif isinstance(node, list):
            for value in node:
                yield from keys(value)

    assert not {"ge", "le", "gt", "lt"} & set(keys(spec["components"]))
    scenario = spec["components"]["schemas"]["Scenario"]
    assert scenario["properties"]["start_year"]["minimum"] == 2000
    groups = [
        g["id"] for g in client.get("/api/v1/data").json()["groups"] if g["id"] != "population"
    ]
    assert set(scenario["properties"]["target_group"]["enum"]) == set(groups)
    links = spec["paths"]["/api/v1/scenarios"]["post"]["responses"]["201"]["links"]
    assert {link["parameters"]["scenario_id"] for link in links.values()} == {"$response.body#/id"}
    assert len(links) == 5
