"""Text a user types reaches other people's spreadsheets, PDFs and scenario files (issue 12):
every workbook the app produces keeps it as text, never as a formula or a link."""

from __future__ import annotations

import io
import tomllib

import openpyxl
import pytest
from fastapi.testclient import TestClient

from support import WORKED_EXAMPLE
from utenfor.web.app import Settings, create_app

# Names that Excel or LibreOffice would run or follow if they were written as formulas or links.
HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1",
           "http://example.invalid/"]  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory, sqlite_copy):
    url = sqlite_copy(tmp_path_factory.mktemp("hostile"))
    with TestClient(create_app(Settings(database_url=url))) as c:
        yield c


@pytest.fixture(scope="module")
def scenario():
    with open(WORKED_EXAMPLE, "rb") as f:
        return tomllib.load(f)


def cells_with(book, text: str):
    return [c for ws in book.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and text.strip() in c.value]  # fmt: skip


def assert_no_formula_or_link(content: bytes, name: str) -> None:
    """No link anywhere, the name only in text cells, and no formula that holds the name: the
    model's own formulas (issue 34) are the only formulas."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    formulas = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]  # fmt: skip
    links = [c.coordinate for ws in book.worksheets for row in ws.iter_rows() for c in row
             if c.hyperlink is not None]  # fmt: skip
    words = [w for w in name.split() if len(w) > 2]
    holding = [c.coordinate for c in formulas if any(w in str(c.value) for w in words)]
    assert holding == [] and links == [], (name, holding, links)
    found = cells_with(book, name)
    assert found and all(c.data_type == "s" for c in found), name


@pytest.mark.parametrize("name", HOSTILE)
def test_the_page_workbook_keeps_a_hostile_name_as_text(client, name):
    from test_web_pages import WORKED_FORM

    r = client.post("/eksport/xlsx", data={**WORKED_FORM, "name": name})
    assert r.status_code == 200
    assert_no_formula_or_link(r.content, " ".join(name.split()))  # the page folds white space


@pytest.mark.parametrize("name", HOSTILE)
def test_the_comparison_workbook_keeps_hostile_names_as_text(client, scenario, name):
    ids = [client.post("/api/v1/scenarios", json={"name": n, "scenario": scenario}).json()["id"]
           for n in (name, name + " B")]  # fmt: skip
    r = client.get("/sammenlign.xlsx", params=[("id", i) for i in ids])
    assert r.status_code == 200
    assert_no_formula_or_link(r.content, name)


@pytest.mark.parametrize("name", HOSTILE)
def test_the_scenario_file_keeps_a_hostile_name_in_its_comment(client, scenario, name):
    saved = client.post("/api/v1/scenarios", json={"name": name, "scenario": scenario}).json()
    text = client.get(f"/api/v1/scenarios/{saved['id']}/scenario.toml").text
    first, *rest = text.splitlines()
    assert first.startswith("# ") and tomllib.loads(text)["start_year"] == 2021
    assert all(not line.startswith("#") for line in rest)  # the name did not make a new line


@pytest.mark.parametrize("name", HOSTILE)
def test_the_benefit_plan_workbook_keeps_a_hostile_title_as_text(scenario, name):
    """The benefit-realisation plan's workbook (issue 15) writes its title, from a file name
    the user chose, as text."""
    from utenfor.data import BUNDLED
    from utenfor.data.load import load_dataset
    from utenfor.model import calculate, parse_scenario
    from utenfor.model.benefits import draw_up
    from utenfor.reports.xlsx_benefits import benefits_workbook

    lines = draw_up(calculate(parse_scenario(scenario), load_dataset(BUNDLED)))
    assert_no_formula_or_link(benefits_workbook(lines, name), name)
