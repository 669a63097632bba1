"""The Excel workbook (issue 5, and issue 6's comparison sheet): read back with openpyxl, it
equals the JSON result on every cell of the result tables and the cash flow, to the øre."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tomllib

import openpyxl
import pytest
from fastapi.testclient import TestClient

from support import WORKED_EXAMPLE, run_cli, workbook_of
from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset
from utenfor.model import calculate, load_scenario
from utenfor.model.analysis import decompose, thresholds
from utenfor.reports.comparison import Compared
from utenfor.reports.xlsx_compare import comparison_workbook
from utenfor.terms import AREA_NAMES_NB, AREAS, PAYER_NAMES_NB, PAYERS
from utenfor.web.app import Settings, create_app

ORE = 0.005


@pytest.fixture(scope="module")
def result():
    return calculate(load_scenario(WORKED_EXAMPLE), load_dataset(BUNDLED))


@pytest.fixture(scope="module")
def book(result):
    """The workbook as a reader that does not recalculate sees it: the formulas' cached values
    (tests/test_xlsx_formulas.py recalculates them in LibreOffice)."""
    return openpyxl.load_workbook(io.BytesIO(workbook_of(result)), data_only=True)


def test_the_sheets(book):
    assert book.sheetnames == [
        "Forutsetninger",
        "Inndata",
        "Resultater",
        "Hva om",
        "Kontantstrøm",
        "Livsløp",
        "Om",
        "Data målgruppe",
        "Data befolkning",
        "Betalerandeler",
        "Prisindeks",
        "Lokale tall",
        "1 Gap",
        "2 Gap per betaler",
        "3 Per deltaker",
        "4 Årlig kontantstrøm",
        "5 Prisjustering",
        "6 Diskontering",
        "7 Akkumulert",
        "8 Sum per område",
    ]


def test_result_tables_equal_the_json_to_the_ore(book, result):
    doc = result.to_json()
    ws = book["Resultater"]
    rows = {ws.cell(r, 1).value: r for r in range(1, 40) if ws.cell(r, 1).value}
    for key, label in [("total", "I alt"), *((p, PAYER_NAMES_NB[p]) for p in PAYERS)]:
        r = rows[label]  # the first "I alt" is the payer table's
        assert ws.cell(r, 2).value == pytest.approx(doc["net_gain"][key], abs=ORE)
        assert ws.cell(r, 3).value == pytest.approx(doc["net_gain_per_participant"][key], abs=ORE)
        assert ws.cell(r, 2).data_type == "n" and ws.cell(r, 2).number_format == "#,##0"
    for area in AREAS:
        r = rows[AREA_NAMES_NB[area]]
        assert ws.cell(r, 2).value == pytest.approx(doc["by_area"][area]["total"], abs=ORE)
    be = rows["Samlet break-even"]
    assert ws.cell(be, 2).value == doc["break_even"]["year"]


def test_the_cash_flow_equals_the_json_on_every_row(book, result):
    flow = result.to_json()["cashflow"]
    ws = book["Kontantstrøm"]
    assert ws.max_row - 1 == len(flow) == 40 * 7 * 3
    for i, row in enumerate(flow, start=2):
        assert ws.cell(i, 1).value == row["year"]
        assert ws.cell(i, 2).value == AREA_NAMES_NB[row["area"]]
        assert ws.cell(i, 3).value == PAYER_NAMES_NB[row["payer"]]
        assert ws.cell(i, 4).value == pytest.approx(row["discounted"], abs=ORE)
        assert ws.cell(i, 5).value == pytest.approx(row["undiscounted"], abs=ORE)


def test_the_about_sheet_names_model_and_data(book, result):
    text = " ".join(str(c.value) for row in book["Om"].iter_rows() for c in row if c.value)
    assert result.data.fingerprint in text and "utenfor 0.1.0" in text


def test_libreoffice_opens_and_converts_the_workbook(tmp_path, result):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: install Debian's libreoffice-calc (.ci/run does)")
    path = tmp_path / "utenfor.xlsx"
    path.write_bytes(workbook_of(result))
    csv_utf8 = "csv:Text - txt - csv (StarCalc):44,34,76,1"  # comma, quote, UTF-8
    p = subprocess.run([soffice, "--headless", "--convert-to", csv_utf8, "--outdir", str(tmp_path),
                        str(path)], capture_output=True, text=True, timeout=180,
                       env={**os.environ, "HOME": str(tmp_path)})  # fmt: skip
    assert p.returncode == 0, p.stderr
    csv = (tmp_path / "utenfor.csv").read_text(encoding="utf-8", errors="replace")
    assert "Målgruppe" in csv  # the first sheet, converted


def test_comparison_sheet(result):
    t = thresholds(decompose(result.scenario, result.data))
    book = openpyxl.load_workbook(io.BytesIO(comparison_workbook(
        [Compared("A", result, t), Compared("B", result, t)])))  # fmt: skip
    ws = book["Sammenligning"]
    assert [ws.cell(3, j).value for j in (2, 3)] == ["A", "B"]
    rows = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}
    assert ws.cell(rows["Nettogevinst i alt"], 2).value == pytest.approx(
        result.net_gain["total"], abs=ORE
    )
    assert ws.cell(rows["Laveste suksessrate som lønner seg (prosentpoeng)"], 3).value == (
        pytest.approx(t.success_rate_pct["total"])
    )


def test_cli_api_and_page_downloads(tmp_path):
    out = tmp_path / "r.xlsx"
    p = run_cli("export", str(WORKED_EXAMPLE), "--to", str(out))
    assert p.returncode == 0 and openpyxl.load_workbook(out)["Resultater"]
    odt = run_cli("export", str(WORKED_EXAMPLE), "--to", str(tmp_path / "r.odt"))
    assert odt.returncode == 2 and "ukjent filtype" in odt.stderr
    with TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db"))) as c:
        with open(WORKED_EXAMPLE, "rb") as f:
            scenario = tomllib.load(f)
        r = c.post("/api/v1/export/xlsx", json=scenario)
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd")
        assert openpyxl.load_workbook(io.BytesIO(r.content)).sheetnames[0] == "Forutsetninger"
        ids = []
        for name in ("X", "Y"):
            s = c.post("/api/v1/scenarios", json={"name": name, "scenario": scenario}).json()
            ids.append(s["id"])
        x = c.get("/sammenlign.xlsx", params=[("id", i) for i in ids])
        assert x.status_code == 200
        ws = openpyxl.load_workbook(io.BytesIO(x.content))["Sammenligning"]
        assert [ws.cell(3, 2).value, ws.cell(3, 3).value] == ["X", "Y"]
