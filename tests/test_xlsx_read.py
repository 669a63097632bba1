"""A workbook from `utenfor export`, edited as in Excel, comes back as a scenario (issue 34,
part 3): from the command line, the upload on /scenarier and the API; a broken workbook gets a
Norwegian message naming the sheet and cell, and nothing is saved or changed."""

from __future__ import annotations

import functools
import io
import json
import re
import zipfile

import openpyxl
import pytest
from fastapi.testclient import TestClient
from openpyxl.utils import get_column_letter

from support import EXAMPLE, run_cli
from utenfor import service
from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset
from utenfor.model import ScenarioError, calculate, parse_scenario
from utenfor.reports.xlsx import workbook
from utenfor.reports.xlsx_read import read_workbook
from utenfor.web.app import Settings, create_app

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RICH = {**EXAMPLE, "age_groups": ["10-12", "13-15"], "years_run": 3,
        "participants": {2021: 40, 2022: 30, 2023: 5},
        "grants": [*EXAMPLE["grants"], {"from": "fylkeskommune", "to": "kommune", "year": 2023,
                                        "amount": 12_345.5}],
        "settings": {"analysis_years": 55, "dropoff_pct": 3, "discount_schedule": "R-109",
                     "effect_start": "at_entry", "optimism_cost_uplift_pct": 10},
        "local_figures": [{"parameter": "care_cost", "value": 2_000_000, "year": 2023,
                           "source": "KOSTRA 2023, funksjon 252"}]}  # fmt: skip


@pytest.fixture(scope="module")
def data():
    return load_dataset(BUNDLED)


def exported(scenario: dict, data) -> bytes:
    return workbook(service.report(parse_scenario(scenario), data, with_analysis=False))


def edited(content: bytes, **cells) -> bytes:
    """The workbook with Inndata cells (A1 names) set, as a user saves it from a spreadsheet."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    for coordinate, value in cells.items():
        book["Inndata"][coordinate] = value
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@functools.cache
def _inndata(content: bytes) -> tuple[tuple, ...]:
    """The values of the Inndata sheet, row by row (read once for each workbook)."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    rows = tuple(book["Inndata"].iter_rows(values_only=True))
    book.close()
    return rows


def where(content: bytes, key: str, column: int = 1) -> str:
    """The A1 name of the cell in the row of Inndata marked `key` (its value, or a year)."""
    number = next(i for i, row in enumerate(_inndata(content), 1) if key in row)
    return f"{get_column_letter(column + 1)}{number}"


@pytest.mark.parametrize("scenario", [EXAMPLE, RICH], ids=["guide", "every input"])
def test_an_exported_workbook_reads_back_as_the_same_scenario(scenario, data):
    assert read_workbook(exported(scenario, data)).to_dict() == parse_scenario(scenario).to_dict()


def test_inputs_edited_in_the_workbook_come_back(data, tmp_path):
    content = exported(EXAMPLE, data)
    changed = edited(content, **{where(content, "share_with_pct"): 75,
                                 where(content, "discount_rate_pct"): "3,5",  # typed as text
                                 where(content, "costs.kommune", 2): 1_500_000})  # fmt: skip
    expected = parse_scenario(
        {
            **EXAMPLE,
            "share_with_pct": 75,
            "settings": {"discount_rate_pct": 3.5},
            "costs": {"kommune": {2021: 1_000_000, 2022: 1_500_000}},
        }
    )
    assert read_workbook(changed).to_dict() == expected.to_dict()
    path = tmp_path / "modell.xlsx"
    path.write_bytes(changed)
    p = run_cli("calculate", str(path), "--format", "json")
    assert p.returncode == 0, p.stderr
    got = json.loads(p.stdout)["net_gain"]["total"]
    assert got == pytest.approx(calculate(expected, data).net_gain["total"], abs=1e-6)


def broken_cases(content: bytes) -> dict[str, tuple[bytes, list[str]]]:
    """name -> (the broken workbook, what its message must say)."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    del book.defined_names["share_with_pct"]
    buf = io.BytesIO()
    book.save(buf)
    share_with, without = where(content, "share_with_pct"), where(content, "share_without_pct")
    run, year_2022 = where(content, "years_run"), where(content, "participants", 2)
    grant_year = where(content, "grants", 0).replace("A", "C")  # the header row; year column
    grant_row = int(grant_year[1:]) + 1
    return {
        "a name missing": (buf.getvalue(), [f"Inndata!{share_with}", "«share_with_pct» mangler"]),
        "text in a number": (edited(content, **{without: "femti"}),
                             [f"Inndata!{without}", "«femti» er ikke et tall"]),
        "a year outside the programme": (
            edited(content, **{run: 1, year_2022: 25}),
            [f"Inndata!{year_2022}", "året 2022 er utenfor årene tiltaket kjøres (2021–2021)"]),
        "a grant's year outside the programme": (
            edited(content, **{f"C{grant_row}": 2030}),
            [f"Inndata!C{grant_row}", "året 2030 er utenfor årene tiltaket kjøres"]),
        "not a workbook": (b"PK\x03\x04 not really", ["er ikke en Excel-arbeidsbok (.xlsx)"]),
        # the reader parses a sheet only when it needs it (reports/xlsx_grid.py)
        "sheets that are not XML": (rezipped(content, lambda name, part: b"<worksheet><row"
                                             if name.startswith("xl/worksheets/") else part),
                                    ["er ikke en Excel-arbeidsbok (.xlsx)"]),
    }  # fmt: skip


def rezipped(content: bytes, change) -> bytes:
    """The workbook with each part replaced by `change(name, part)`."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as old, zipfile.ZipFile(buf, "w") as new:
        for item in old.infolist():
            new.writestr(item, change(item.filename, old.read(item)))
    return buf.getvalue()


def test_a_sheet_that_states_a_wrong_size_is_read_whole(data):
    """A spreadsheet program may write a sheet's <dimension> smaller than what it holds; the
    reader reads every cell there is (openpyxl's read-only mode would trust the size)."""
    content = exported(RICH, data)
    small = rezipped(content, lambda _, part: re.sub(rb'<dimension ref="[A-Z0-9:]+"/>',
                                                     b'<dimension ref="A1"/>', part))  # fmt: skip
    assert small != content
    assert read_workbook(small).to_dict() == read_workbook(content).to_dict()
    assert read_workbook(small).to_dict() == parse_scenario(RICH).to_dict()


def test_a_broken_workbook_is_named_by_sheet_and_cell_everywhere(data, tmp_path):
    content = exported(EXAMPLE, data)
    cases = broken_cases(content)
    with TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db"))) as client:
        for name, (broken, says) in cases.items():
            with pytest.raises(ScenarioError) as caught:
                read_workbook(broken)
            assert all(s in str(caught.value) for s in says), (name, str(caught.value))
            path = tmp_path / f"{name}.xlsx"
            path.write_bytes(broken)
            p = run_cli("calculate", str(path))
            assert p.returncode == 2 and "Traceback" not in p.stderr, (name, p.stderr)
            assert all(s in p.stderr for s in says), (name, p.stderr)
            assert path.read_bytes() == broken  # the user's file is left as it was
            page = client.post("/scenarier/last-opp", files={"file": (f"{name}.xlsx", broken,
                                                                      XLSX)})  # fmt: skip
            assert page.status_code == 422 and all(
                s.replace("«", "&laquo;").replace("»", "&raquo;") in page.text
                or s in page.text for s in says
            ), (name, page.text[-2000:])  # fmt: skip
            api = client.post("/api/v1/calculate/xlsx", content=broken,
                              headers={"content-type": XLSX})  # fmt: skip
            assert api.status_code == 422, (name, api.text)
            text = " ".join(f"{d['field']}: {d['message']}" for d in api.json()["detail"])
            assert all(s in text for s in says), (name, text)
        assert client.get("/api/v1/scenarios").json() == []  # nothing was saved


def test_upload_and_api_take_a_good_workbook(data, tmp_path):
    original = exported(RICH, data)
    content = edited(original, **{where(original, "share_with_pct"): 70})
    expected = parse_scenario({**RICH, "share_with_pct": 70})
    with TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db"))) as client:
        r = client.post("/scenarier/last-opp", files={"file": ("modell.xlsx", content, XLSX)},
                        follow_redirects=False)  # fmt: skip
        assert r.status_code == 303, r.text[-2000:]
        (saved,) = client.get("/api/v1/scenarios").json()
        assert saved["name"] == "modell"
        stored = client.get(f"/api/v1/scenarios/{saved['id']}").json()["scenario"]
        assert parse_scenario(stored).to_dict() == expected.to_dict()
        api = client.post("/api/v1/calculate/xlsx", content=content,
                          headers={"content-type": XLSX})  # fmt: skip
        assert api.status_code == 200, api.text
        assert api.json()["net_gain"]["total"] == pytest.approx(
            calculate(expected, data).net_gain["total"], abs=1e-6
        )


def test_random_scenarios_read_back_as_themselves(data):
    """Every input the workbook holds comes back: the random scenarios of the recalculation
    test (every group, grants, local figures, schedules, drop-off, optimism, at_entry)."""
    from test_xlsx_formulas import random_scenarios

    for doc in random_scenarios(data, 12):
        back = flat(ordered(read_workbook(exported(doc, data)).to_dict()))
        expected = flat(ordered(parse_scenario(doc).to_dict()))
        assert back.keys() == expected.keys(), doc
        for key, value in expected.items():  # a cell keeps 16 significant digits, as Excel
            assert back[key] == (pytest.approx(value, rel=1e-15) if isinstance(value, float)
                                 else value), (key, doc)  # fmt: skip


def ordered(doc: dict) -> dict:
    """The local figures in the data set's order, as the workbook lists them."""
    figures = sorted(doc.get("local_figures", []), key=lambda f: f["parameter"])
    return doc | ({"local_figures": figures} if figures else {})


def flat(value, path: str = "") -> dict:
    """A nested document as {dotted path: leaf}."""
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in flat(item, f"{path}.{key}").items()}
    if isinstance(value, list | tuple):
        return {k: v for i, item in enumerate(value) for k, v in flat(item, f"{path}[{i}]").items()}
    return {path: value}


def test_a_missing_age_group_name_is_said_once(data):
    """A defined name missing is one issue, also for the age groups (read twice before)."""
    book = openpyxl.load_workbook(io.BytesIO(exported(EXAMPLE, data)))
    del book.defined_names["age_group_1"]
    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(ScenarioError) as refused:
        read_workbook(buf.getvalue())
    said = [i for i in refused.value.issues if (i.params or {}).get("name") == "age_group_1"]
    assert len(said) == 1, refused.value.issues


def test_a_small_file_that_unpacks_to_gigabytes_is_refused_before_it_is_read():
    """A zip bomb under the 5 MB limit: 60 MB of one repeated byte packs to about 60 kB. It is
    refused by its unpacked size (xlsx_read.MAX_UNPACKED, 50 MB), not handed to openpyxl."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<" * 60_000_000)
    assert len(buf.getvalue()) < 5_000_000
    with pytest.raises(ScenarioError) as refused:
        read_workbook(buf.getvalue())
    assert "større enn 5 MB" in str(refused.value.issues[0].text())
