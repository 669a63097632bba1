"""The benefit-realisation plan (issue 15, item 2), drawn up from the guide's worked example."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from support import WORKED_EXAMPLE, run_cli
from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset
from utenfor.model import calculate, load_scenario
from utenfor.model.benefits import INDICATORS, draw_up
from utenfor.reports.xlsx_benefits import benefits_workbook
from utenfor.terms import DATA_AREAS, PAYERS


@pytest.fixture(scope="module")
def result():
    return calculate(load_scenario(WORKED_EXAMPLE), load_dataset(BUNDLED))


def test_one_line_per_payer_and_area_with_a_gain(result):
    lines = draw_up(result)
    gains = {(p, a) for a in DATA_AREAS for p in PAYERS if result.by_area[a][p] > 0}
    assert {(x.payer, x.area) for x in lines} == gains
    assert ("stat", "education") not in gains  # more years in school: a cost, not a gain
    assert [x.present_value for x in lines] == sorted((x.present_value for x in lines),
                                                      reverse=True)  # fmt: skip
    assert all(x.indicator == INDICATORS[x.area] for x in lines)
    assert all(x.baseline == x.target == x.responsible == x.measured == "" for x in lines)


def test_each_lines_years_discount_to_its_present_value(result):
    """The expected amounts per year are undiscounted, in 2021 kroner; at 4 % from 2021 they
    add up to the line's present value: sum of amount(t) / 1.04^(t - 2021)."""
    for x in draw_up(result):
        discounted = sum(v / 1.04 ** (year - 2021) for year, v in x.by_year.items())
        assert discounted == pytest.approx(x.present_value, rel=1e-9), (x.payer, x.area)


def test_the_workbook_holds_the_plan_to_fill_in(result):
    lines = draw_up(result)
    book = openpyxl.load_workbook(io.BytesIO(benefits_workbook(lines, "Losen")))
    ws = book["Gevinstplan"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][0] == "Losen"
    header = rows[3]
    assert header[:4] == ["Aktør", "Område", "Nåverdi", "Indikator"]
    first = rows[4]
    assert first[2] == pytest.approx(lines[0].present_value)
    assert first[3] == INDICATORS[lines[0].area]


def test_the_command_line_draws_up_the_plan(tmp_path, result):
    run = run_cli("benefits", str(WORKED_EXAMPLE), "--format", "json")
    assert run.returncode == 0, run.stderr
    shown = json.loads(run.stdout)
    assert [x["present_value"] for x in shown] == pytest.approx(
        [x.present_value for x in draw_up(result)]
    )
    saved = run_cli("benefits", str(WORKED_EXAMPLE), "--to", str(tmp_path / "plan.xlsx"))
    assert saved.returncode == 0 and (tmp_path / "plan.xlsx").stat().st_size > 0
    pdf = run_cli("benefits", str(WORKED_EXAMPLE), "--to", str(tmp_path / "plan.pdf"))
    assert pdf.returncode == 0 and (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    wrong = run_cli("benefits", str(WORKED_EXAMPLE), "--to", str(tmp_path / "plan.csv"))
    assert wrong.returncode == 2 and ".xlsx" in wrong.stderr and "Traceback" not in wrong.stderr
    nowhere = run_cli("benefits", str(WORKED_EXAMPLE), "--to", str(tmp_path / "no" / "p.xlsx"))
    assert nowhere.returncode == 2 and "kan ikke skrives" in nowhere.stderr, nowhere.stderr
