"""Local figures (issue 13, item 5): a municipality's own unit cost in place of the national one,
in the model, the scenario file, the CLI, the API, the data page and the reports."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader

from support import WORKED_EXAMPLE, run_cli
from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset
from utenfor.model import ScenarioError, calculate, load_scenario, parse_scenario
from utenfor.model.local_figures import local_prices
from utenfor.model.scenario_file import read_scenario
from utenfor.model.scenario_toml import to_toml

ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture(scope="module")
def data():
    return load_dataset(BUNDLED)


@pytest.fixture(scope="module")
def example():
    return load_scenario(WORKED_EXAMPLE).to_dict()


def index() -> dict[int, float]:
    """The bundled price index, read from its CSV (SSB's KPI, 2015 = 100)."""
    with open(BUNDLED / "price_index.csv", encoding="utf-8") as f:
        return {int(r["year"]): float(r["index"]) for r in csv.DictReader(f)}


def child_welfare(scenario: dict, data, *figures: dict) -> float:
    s = parse_scenario(scenario | {"local_figures": list(figures)})
    return calculate(s, data).by_area["child_welfare"]["total"]


def care(value: float, year: int = 2017, source: str = "") -> dict:
    return {"parameter": "care_cost", "value": value, "year": year, "source": source}


def test_a_local_placement_cost_changes_the_child_welfare_line_as_a_hand_calculation_says(
    data, example
):
    # The child-welfare line is support + care, and the care part is (children in care x the
    # placement cost) for group and population alike, so it is proportional to the cost:
    #   line(cost) = support + care x cost / national.
    # With the cost at 0 the line is the support part alone (L0); at the national cost it is
    # L1; at twice the national cost it must be L1 + (L1 - L0) = 2 L1 - L0.
    national = local_prices(data)["care_cost"].value
    assert national == 1_541_220  # the data set's figure (docs/data.md, unit prices)
    l1 = child_welfare(example, data)
    l0 = child_welfare(example, data, care(0))
    assert l0 < l1
    assert child_welfare(example, data, care(2 * national)) == pytest.approx(2 * l1 - l0, abs=0.01)
    # The same cost given in 2021 kroner: brought back to 2017 prices by the price index.
    i = index()
    in_2021 = 2 * national * i[2021] / i[2017]
    assert child_welfare(example, data, care(in_2021, 2021)) == pytest.approx(2 * l1 - l0, abs=0.01)


def test_only_the_chosen_sub_area_moves(data, example):
    base = calculate(parse_scenario(example), data)
    local = calculate(parse_scenario(example | {"local_figures": [care(3_000_000)]}), data)
    for area in base.by_area:
        if area != "child_welfare":
            assert local.by_area[area] == base.by_area[area], area


def test_the_result_names_the_figures_and_the_derived_fingerprint(data, example):
    r = calculate(parse_scenario(example | {"local_figures": [care(2e6, 2021, "KOSTRA")]}), data)
    body = r.to_json()
    assert body["data"]["national_fingerprint"] == data.fingerprint
    assert body["data"]["fingerprint"].startswith("sha256:")
    assert body["data"]["fingerprint"] != data.fingerprint
    (used,) = body["data"]["local_figures"]
    assert used["parameter"] == "care_cost" and used["national_value"] == 1_541_220
    i = index()
    assert used["value_price_base_year"] == pytest.approx(2e6 * i[2017] / i[2021])
    notice = next(w for w in body["warnings"] if w["code"] == "local_figures")
    assert "Barnevern, omsorgstiltak per barn per år: 2 000 000 kr" in notice["message"]
    assert body["data"]["fingerprint"] in notice["message"]
    # The same figures give the same fingerprint; another source gives another.
    again = calculate(parse_scenario(example | {"local_figures": [care(2e6, 2021, "KOSTRA")]}),
                      data).to_json()  # fmt: skip
    other = calculate(parse_scenario(example | {"local_figures": [care(2e6, 2021, "annen")]}),
                      data).to_json()  # fmt: skip
    assert again["data"]["fingerprint"] == body["data"]["fingerprint"]
    assert other["data"]["fingerprint"] != body["data"]["fingerprint"]


@pytest.mark.parametrize(
    ("factor", "warned"), [(11, True), (9, False), (1 / 11, True), (1 / 9, False)]
)
def test_a_figure_ten_times_off_is_warned_not_refused(data, example, factor, warned):
    s = parse_scenario(example | {"local_figures": [care(1_541_220 * factor)]})
    codes = [w["code"] for w in calculate(s, data).warnings]
    assert ("local_figure_far_off" in codes) is warned


@pytest.mark.parametrize(
    ("figure", "field", "words"),
    [
        (care(-1), "local_figures[0].value", "minst 0"),
        (care("mye"), "local_figures[0].value", "må være et tall"),
        ({**care(1), "parameter": "sykehusseng"}, "local_figures[0].parameter", "ukjent"),
        (care(1, 2031), "local_figures[0].year", "prisindeks (2015–2024)"),
        ({**care(1), "unit": "kr"}, "local_figures[0].unit", "ukjent felt"),
    ],
)
def test_bad_figures_are_refused_in_norwegian_naming_the_field(data, example, figure, field,
                                                                words):  # fmt: skip
    with pytest.raises(ScenarioError) as exc:
        calculate(parse_scenario(example | {"local_figures": [figure]}), data)
    issue = next(i for i in exc.value.issues if i.field == field)
    assert words in issue.message


def test_the_same_figure_twice_is_refused(data, example):
    with pytest.raises(ScenarioError) as exc:
        calculate(parse_scenario(example | {"local_figures": [care(1), care(2)]}), data)
    assert exc.value.issues[0].field == "local_figures[1].parameter"
    assert "to ganger" in exc.value.issues[0].message


def test_a_scenario_file_keeps_its_local_figures(example):
    s = parse_scenario(example | {"local_figures": [care(2e6, 2021, 'KOSTRA "252"')]})
    again = read_scenario(to_toml(s), "toml")
    assert again.local_figures == s.local_figures
    assert "local_figures" not in parse_scenario(example).to_dict()  # unchanged without


def test_the_cli_reads_local_figures_from_a_toml_file(tmp_path):
    good = tmp_path / "lokale_tall.toml"
    good.write_text('[[local_figures]]\nparameter = "care_cost"\nvalue = 2000000\nyear = 2021\n'
                    'source = "KOSTRA 2021"\n', encoding="utf-8")  # fmt: skip
    run = run_cli("calculate", str(WORKED_EXAMPLE), "--local", str(good))
    assert run.returncode == 0, run.stderr
    assert "Lokale tall er brukt" in run.stdout and "KOSTRA 2021" in run.stdout
    bad = tmp_path / "feil.toml"
    bad.write_text('[[local_figures]]\nparameter = "care_cost"\nvalue = 1\nyear = 1999\n')
    run = run_cli("calculate", str(WORKED_EXAMPLE), "--local", str(bad))
    assert run.returncode == 2
    assert "local_figures[0].year" in run.stderr + run.stdout
    assert "Traceback" not in run.stderr


def test_the_api_computes_with_local_figures_and_refuses_bad_ones(client, example):
    body = example | {"local_figures": [care(2e6, 2021)]}
    r = client.post("/api/v1/calculate", json=body)
    assert r.status_code == 200 and r.json()["data"]["local_figures"][0]["parameter"] == "care_cost"
    r = client.post("/api/v1/calculate", json=example | {"local_figures": [care(1, 2030)]})
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "local_figures[0].year"
    listed = client.get("/api/v1/data").json()
    assert listed["fingerprint"].startswith("sha256:")
    saved = client.post("/api/v1/scenarios", json={"name": "Lokalt", "scenario": body}).json()
    again = client.get(f"/api/v1/scenarios/{saved['id']}").json()
    assert again["scenario"]["local_figures"][0]["value"] == 2e6


def test_the_data_page_keeps_the_figures_for_new_calculations(client):
    form = {"lokal_care_cost_value": "2 000 000", "lokal_care_cost_year": "2021",
            "lokal_care_cost_source": "<script>x</script> KOSTRA"}  # fmt: skip
    r = client.post("/data/lokale-tall", data=form, headers=ORIGIN, follow_redirects=False)
    assert r.status_code == 303 and "lokale_tall=" in r.headers["set-cookie"]
    assert "httponly" in r.headers["set-cookie"].lower()
    page = client.get("/data").text
    assert 'value="2 000 000"' in page and "&lt;script&gt;x&lt;/script&gt; KOSTRA" in page
    calc = client.get("/?eksempel=veiledning").text
    assert "Beregningen bruker lokale tall" in calc and "<script>x" not in calc
    assert "Lokale tall er brukt i stedet for datasettets" in calc  # the result's notice
    r = client.post("/data/lokale-tall", data={"handling": "fjern"}, headers=ORIGIN,
                    follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    assert "Beregningen bruker lokale tall" not in client.get("/?eksempel=veiledning").text


def test_bad_input_on_the_data_page_is_named_and_nothing_is_lost(client):
    form = {"lokal_care_cost_value": "-5", "lokal_care_cost_year": "2030",
            "lokal_support_cost_value": "mye", "lokal_support_cost_year": "2020",
            "lokal_social_assistance_amount_value": "50 000"}  # fmt: skip
    r = client.post("/data/lokale-tall", data=form, headers=ORIGIN)
    assert r.status_code == 422
    text = r.text
    for expected in (
        "Barnevern, omsorgstiltak per barn per år, Lokalt tall (kroner): må være minst 0",
        "Barnevern, hjelpetiltak per barn per år, Lokalt tall (kroner): må være et tall",
        "Økonomisk sosialhjelp, per mottaker per år, År tallet gjelder: må oppgis",
    ):
        assert expected in text, expected
    for typed in ('value="-5"', 'value="2030"', 'value="mye"', 'value="50 000"'):
        assert typed in text, typed
    assert "set-cookie" not in r.headers


def test_the_pdf_lists_the_local_figures(client, example):
    body = example | {"local_figures": [care(2e6, 2021, "KOSTRA 2021, funksjon 252")]}
    r = client.post("/api/v1/export/pdf", json=body)
    assert r.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    text = " ".join(text.split())
    assert "Lokale tall" in text and "KOSTRA 2021, funksjon 252" in text
    assert "Lokale tall er brukt i stedet for datasettets" in text
