"""One road from a result to every output (issue 11): the page, the API, the command line, the
PDF and the workbook show the same discount description and the same P10/P50/P90, and a
format registered in one place appears in all three front ends."""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pypdf
import pytest
from fastapi.testclient import TestClient

import command_line
from utenfor.reports.renderers import RENDERERS, Renderer, register
from utenfor.web.app import Settings, create_app

# The guide's example with a declining schedule, drop-off, both optimism settings and the
# user's own spreads: every setting that the outputs used to describe only as "4 % per år".
SCENARIO = """
target_group = "lowincome_benefits"
age_groups = ["13-15"]
share_without_pct = 50
share_with_pct = 60
start_year = 2021
years_run = 2
intervention_years = 2
participants = { 2021 = 100 }
[costs]
kommune = { 2021 = 1_000_000, 2022 = 1_000_000 }
[settings]
dropoff_pct = 5
optimism_cost_uplift_pct = 10
optimism_success_haircut_pct = 20
discount_schedule = [{ from_year = 0, rate_pct = 1 }, { from_year = 10, rate_pct = 10 }]
"""
DISCOUNTING = "1 % per år fra år 0, 10 % fra år 10 (år regnet fra startåret)"
ADJUSTMENTS = ("frafall 5 % per år; kostnadene økt med 10 % for optimisme; suksessraten "
               "redusert med 20 % for optimisme")  # fmt: skip
SPREADS = {"success": "4/10/12", "cost": "95/100/140"}
FORM_SPREADS = {"unc_success_low": "4", "unc_success_high": "12", "unc_cost_low": "95",
                "unc_cost_high": "140"}  # fmt: skip


def flat(text: str) -> str:
    return " ".join(re.sub("[│┃]", " ", text.replace("\u00a0", " ")).split())  # Rich's rules


@pytest.fixture(scope="module")
def file(tmp_path_factory):
    path = tmp_path_factory.mktemp("road") / "scenario.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client(tmp_path_factory, sqlite_copy):
    url = sqlite_copy(tmp_path_factory.mktemp("road-db"))
    with TestClient(create_app(Settings(database_url=url))) as c:
        yield c


def cli(*args: str) -> str:
    p = command_line.run(*args, columns=400)  # wide enough that no table cell wraps
    assert p.returncode == 0, p.stderr
    return flat(p.stdout)


def test_every_output_shows_the_same_discounting_and_percentiles(file, client, tmp_path):
    import tomllib

    from utenfor.formatting import number
    from utenfor.web.forms import form_from_scenario

    scenario = tomllib.loads(SCENARIO)
    api = client.post("/api/v1/export/json", json=scenario, params=SPREADS).json()
    assert api["texts"]["discounting"] == DISCOUNTING and api["texts"]["adjustments"] == ADJUSTMENTS
    q = api["analysis"]["uncertainty"]["net_gain"]["total"]
    shown = [number(q[k]) for k in ("p10", "p50", "p90")]
    analysed = client.post(
        "/api/v1/analyse",
        json={"scenario": scenario, "success_rate_pct": [4, 10, 12], "cost_pct": [95, 100, 140]},
    ).json()
    assert analysed["uncertainty"]["net_gain"]["total"] == q  # the same draws as the export

    form = {k: v if isinstance(v, list) else str(v)
            for k, v in form_from_scenario(api["result"]["scenario"]).items()}  # fmt: skip
    html = client.post("/beregn", data={**form, **FORM_SPREADS}).text
    page = flat(re.sub(r"<[^>]+>", " ", html))
    outputs = {"page": page}
    outputs["calculate"] = cli("calculate", str(file))
    outputs["explain"] = cli("explain", str(file))
    outputs["analyse"] = cli("analyse", str(file), "--success", SPREADS["success"], "--cost",
                             SPREADS["cost"])  # fmt: skip
    pdf = tmp_path / "r.pdf"
    cli("export", str(file), "--to", str(pdf), "--success", SPREADS["success"], "--cost",
        SPREADS["cost"])  # fmt: skip
    outputs["pdf"] = flat(" ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages))
    book = openpyxl.load_workbook(io.BytesIO(client.post("/eksport/xlsx", data={
        **form, **FORM_SPREADS}).content))  # fmt: skip
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    outputs["workbook"] = flat(" ".join(str(v) for v in cells if v is not None))
    for name, text in outputs.items():
        assert DISCOUNTING in text, name
        assert ADJUSTMENTS in text, name
    for name in ("page", "analyse", "pdf"):
        assert " ".join(shown) in outputs[name], (name, shown)
    p10, p50, p90 = (q[k] for k in ("p10", "p50", "p90"))
    total = next(ws for ws in book.worksheets if ws.title == "Hva om")
    rows = [[c.value for c in row] for row in total.iter_rows()]
    totals = [r[1:4] for r in rows if r[0] == "I alt"]
    assert [pytest.approx([p10, p50, p90], abs=0.005)] == totals  # unrounded in the workbook


def test_a_format_registered_in_one_place_appears_in_cli_page_and_api(file, tmp_path):
    register(Renderer("txt", ".txt", "text/plain; charset=utf-8", "Last ned som tekst",
                      lambda rep: "\n".join(rep.council).encode()))  # fmt: skip
    try:
        out = tmp_path / "rad.txt"
        r = command_line.run("export", str(file), "--to", str(out))
        assert r.returncode == 0, r.stderr
        assert out.read_text().startswith("Hvis vi klarer")
        with TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db"))) as c:
            import tomllib

            page = c.get("/?eksempel=veiledning").text
            assert 'formaction="/eksport/txt"' in page and "Last ned som tekst" in page
            api = c.post("/api/v1/export/txt", json=tomllib.loads(SCENARIO))
            assert api.status_code == 200 and api.text.startswith("Hvis vi klarer")
            assert api.headers["content-type"].startswith("text/plain")
            assert c.post("/api/v1/export/doc", json=tomllib.loads(SCENARIO)).status_code == 404
    finally:
        RENDERERS.pop("txt")


def test_the_json_export_is_the_report(client):
    import tomllib

    body = client.post("/api/v1/export/json", json=tomllib.loads(SCENARIO)).json()
    keys = {t["key"] for t in body["tables"]}
    assert keys == {
        "payers",
        "areas",
        "cumulative",
        "sensitivity",
        "uncertainty",
        "cofinancing",
        "grades",
    }  # grades: the bundled data set has grades.csv
    assert body["result"]["net_gain"]["total"] == pytest.approx(
        sum(body["result"]["net_gain"][p] for p in ("kommune", "fylkeskommune", "stat"))
    )
    assert re.match(r"Utenfor-regnskapet: ", body["title"]) and json.dumps(body)
