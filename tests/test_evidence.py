"""The library of documented programmes (issue 33, part 2): the translation from a published
effect to percentage points against hand calculations, the library's rules, the command line,
the API, and the choice carried by a scenario into the JSON result and the PDF's assumptions."""

from __future__ import annotations

import json
import math

import pytest
import yaml
from fastapi.testclient import TestClient

from command_line import run as utenfor  # `utenfor ARGS`, in this process
from support import EXAMPLE
from utenfor.data import BUNDLED
from utenfor.data.evidence import (
    LIBRARY,
    EvidenceError,
    library,
    odds_ratio_from_es,
    parse_library,
    share_with,
    success_points,
)
from utenfor.data.load import load_dataset
from utenfor.model import ScenarioError, calculate, parse_scenario
from utenfor.model.scenario_toml import to_toml
from utenfor.web.app import Settings, create_app


def test_an_odds_ratio_on_a_base_share_as_in_the_effectsize_documentation():
    # easystats 'effectsize', oddsratio_to_probs: p0 = 0.4, p1 = 0.7 give OR = 3.5, and
    # OR 3.5 on p0 = 0.4 gives back 0.7. By hand: 3.5·0.4 / (0.6 + 3.5·0.4) = 1.4 / 2.0 = 0.7.
    assert share_with(3.5, 0.4) == pytest.approx(0.7)
    assert share_with(1.0, 0.23) == pytest.approx(0.23)  # no effect, no change


def test_the_seed_trials_odds_ratio_gives_back_its_published_shares():
    # Sveinsdottir et al. 2019: OR 10.39, 48 % against 8 %. By hand: 10.39·0.08 = 0.8312;
    # 0.8312 / (0.92 + 0.8312) = 0.8312 / 1.7512 = 0.4746, so 47.5 % (the published 48 %)
    # and 39.5 points.
    assert share_with(10.39, 0.08) == pytest.approx(0.4746, abs=5e-5)
    assert success_points("odds_ratio", 10.39, 8) == pytest.approx(39.47, abs=0.01)


def test_the_cox_transform_by_hand():
    # WWC: d_Cox = (logit(p_t) - logit(p_c)) / 1.65. d = 0.64 on 50 %: ln OR = 1.056,
    # OR = e^1.056 = 2.8749; p1 = 2.8749·0.5 / (0.5 + 2.8749·0.5) = 0.7419, so 24.2 points.
    assert odds_ratio_from_es(0.64) == pytest.approx(2.8749, abs=1e-4)
    assert success_points("cox_es", 0.64, 50) == pytest.approx(24.19, abs=0.01)
    # and back: the logit difference over 1.65 is d again
    p1 = share_with(odds_ratio_from_es(0.64), 0.5)
    assert (math.log(p1 / (1 - p1)) - 0) / 1.65 == pytest.approx(0.64)


def test_the_library_has_eight_programmes_each_with_sources_and_a_spread():
    programmes = library()
    assert len(programmes) >= 8
    for p in programmes:
        assert p.sources and all(s["url"].startswith("http") for s in p.sources)
        s = p.success_pct
        assert s["low"] <= s["mid"] <= s["high"]
        assert p.design in ("RCT", "quasi-experiment", "before-after")


def entries() -> list[dict]:
    return yaml.safe_load(LIBRARY.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda e: e | {"success_pct": {"low": 11.5, "mid": 45, "high": 69.1}},
            "success_pct.mid er 45",
        ),
        (lambda e: e | {"target_groups": ["population"]}, "target_groups"),
        (lambda e: e | {"design": "kohort"}, "design"),
        (lambda e: e | {"sources": [{"citation": "x", "url": "ftp://x"}]}, "kilde"),
        (lambda e: {k: v for k, v in e.items() if k != "grade"}, "mangler «grade»"),
        (lambda e: e | {"base_pct": None}, "trenger base_pct"),
    ],
)
def test_a_broken_entry_is_refused_and_named(change, words):
    data = entries()
    data[0] = change(data[0])
    with pytest.raises(EvidenceError) as exc:
        parse_library(data)
    assert words in str(exc.value) and "ips-unge" in str(exc.value)


def test_evidence_list_json_and_show():
    run = utenfor("evidence", "list", "--format", "json")
    assert run.returncode == 0, run.stderr
    listed = json.loads(run.stdout)
    assert len(listed) >= 8 and all({"sources", "success_pct"} <= set(p) for p in listed)
    ips = next(p for p in listed if p["id"] == "ips-unge")
    assert ips["success_pct"] == {"low": 11.5, "mid": 39.5, "high": 69.1}
    shown = utenfor("evidence", "show", "mst")
    assert shown.returncode == 0 and "91 %" in shown.stdout and "ikke et løfte" in shown.stdout
    wrong = utenfor("evidence", "show", "finnes-ikke")
    assert wrong.returncode == 2 and "Ukjent tiltak «finnes-ikke»" in wrong.stderr


@pytest.fixture()
def client(database_url):
    with TestClient(create_app(Settings(database_url=database_url))) as c:
        yield c


def test_the_api_lists_and_shows_the_library(client):
    listed = client.get("/api/v1/evidence")
    assert listed.status_code == 200 and len(listed.json()) >= 8
    one = client.get("/api/v1/evidence/ny-giv-overgang").json()
    assert one["success_pct"] == {"low": 0, "mid": 0, "high": 1.5}
    assert client.get("/api/v1/evidence/nei").status_code == 404


def test_the_choice_travels_in_the_json_result_and_its_source_in_the_assumptions(client):
    body = EXAMPLE | {"share_with_pct": 50 + 39.5, "evidence_id": "ips-unge"}
    answer = client.post("/api/v1/calculate", json=body).json()
    assert answer["scenario"]["evidence_id"] == "ips-unge"
    assert answer["evidence"]["success_pct"]["mid"] == 39.5
    assert "sjweh.fi" in answer["evidence"]["sources"][0]["url"]
    without = client.post("/api/v1/calculate", json=EXAMPLE).json()
    assert "evidence_id" not in without["scenario"] and "evidence" not in without
    export = client.post("/api/v1/export/json", json=body).json()
    (row,) = [r for r in export["assumptions"]["rows"] if r[0] == "Dokumentert tiltak"]
    assert "IPS for unge voksne" in row[1] and "ikke et løfte" in row[1]


def test_an_unknown_programme_is_refused_and_the_file_keeps_the_choice():
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(EXAMPLE | {"evidence_id": "ukjent"})
    assert exc.value.issues[0].field == "evidence_id"
    scenario = parse_scenario(EXAMPLE | {"evidence_id": "mst"})
    assert 'evidence_id = "mst"' in to_toml(scenario)
    assert calculate(scenario, load_dataset(BUNDLED)).scenario.evidence_id == "mst"


def test_the_pdf_names_the_programme_and_says_the_rate_is_still_an_assumption():
    import io

    from pypdf import PdfReader

    from utenfor import service

    scenario = parse_scenario(EXAMPLE | {"share_with_pct": 83, "evidence_id": "mst"})
    report = service.report(scenario, load_dataset(BUNDLED), with_analysis=False)
    text = " ".join(PdfReader(io.BytesIO(service.export(report, "pdf").content)).pages[i]
                    .extract_text() for i in range(2))  # fmt: skip
    flat = " ".join(text.split())
    assert "Dokumentert tiltak" in flat and "Multisystemisk terapi" in flat
    assert "ikke et løfte" in flat


def test_without_javascript_the_button_fills_the_form(client):
    from utenfor.web.evidence_choice import fill

    form = fill({"share_without_pct": "", "evidence_id": "ips-unge"})
    assert form["share_without_pct"] == "8" and form["share_with_pct"] == "47,5"
    assert (form["unc_success_low"], form["unc_success_high"]) == ("11,5", "69,1")
    page = client.get("/")
    assert 'id="f-evidence_id"' in page.text and "ikke et løfte" in page.text
