"""The model inside the workbook (issue 34, parts 1-2): LibreOffice recalculates the exported
workbook's formulas, and every payer line, area line and break-even year equals the engine.

Every formula's cached value is first taken out of each workbook (its `<v>` beside the `<f>`),
so what is read back is LibreOffice's own calculation, not the values utenfor wrote. All
workbooks of a test go through one soffice call (one start of LibreOffice), which writes what
it computed as CSV, a file a sheet; the checks read two of them (Resultater, Sum per område).
"""

from __future__ import annotations

import copy
import csv
import io
import os
import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from support import EXAMPLE
from utenfor import service
from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset
from utenfor.model import calculate, parse_scenario
from utenfor.reports.xlsx import workbook
from utenfor.terms import AGE_GROUP_IDS, AREAS, PAYERS

KRONE = 1.0
KEYS = ("total", *PAYERS)
# LibreOffice recalculates an .xlsx on load only when told to (its default keeps the cached
# values): the profile of each test says "always".
RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


@pytest.fixture(scope="module")
def data():
    return load_dataset(BUNDLED)


# A formula and the value cached beside it (`<f>` or `<f ...>`, never `<filterColumn>`); and any
# formula that still has a value after (a shared formula's `<f .../>`, say).
CACHED = re.compile(rb"(<f(?: [^>]*)?>[^<]*</f>)<v>[^<]*</v>")
LEFT = re.compile(rb"(</f>|<f [^>]*/>)\s*<v>[^<]+</v>")


def without_cached_values(content: bytes) -> bytes:
    """The workbook with each formula's cached value taken out; fails if one is left."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            part = src.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                part = CACHED.sub(rb"\1", part)
                assert not LEFT.search(part), item.filename
            dst.writestr(item, part, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# LibreOffice's CSV export of every sheet (the last field, -1), one file a sheet named
# "<book>-<sheet>.csv": comma, double quotes, UTF-8 (76), values at full precision, not as
# shown (the ninth field, false). Writing CSV takes half the time of writing .xlsx.
CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
NAME = re.compile(r"<definedName name=\"([^\"]+)\"[^>]*>'?((?:[^'!]|'')+)'?!\$([A-Z]+)\$(\d+)<")


def _value(text: str):
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        return text


class Computed:
    """What LibreOffice computed in a workbook: the cells of the sheet that holds the results'
    defined names (Resultater, or Results in English) and of the last sheet (Sum per område)."""

    def __init__(self, given: bytes, out: Path, book: str):
        with zipfile.ZipFile(io.BytesIO(given)) as z:
            workbook_xml = z.read("xl/workbook.xml").decode()
        self.names = {name: (sheet.replace("''", "'"), column, int(row))
                      for name, sheet, column, row in NAME.findall(workbook_xml)}  # fmt: skip
        self.last = re.findall(r'<sheet name="([^"]+)"', workbook_xml)[-1]
        self.rows = {}
        for sheet in {self.names["net_gain_total"][0], self.last}:
            with open(out / f"{book}-{sheet}.csv", newline="", encoding="utf-8") as f:
                self.rows[sheet] = [[_value(v) for v in row] for row in csv.reader(f)]

    def cell(self, sheet: str, row: int, column: int):
        rows = self.rows[sheet]
        line = rows[row - 1] if row <= len(rows) else []
        return line[column - 1] if column <= len(line) else None

    def named(self, name: str):
        """The value of a result's defined name (net_gain_..., break_even_year)."""
        sheet, column, row = self.names[name]
        return self.cell(sheet, row, openpyxl.utils.cell.column_index_from_string(column))

    def sums(self, row: int, column: int):
        """A cell of the last sheet, Sum per område."""
        return self.cell(self.last, row, column)


def recalculate(books: dict[str, bytes], folder: Path) -> dict[str, Computed]:
    """Each workbook without its cached values, recalculated by LibreOffice in one call, and
    what it computed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: install Debian's libreoffice-calc (.ci/run does)")
    given, out, profile = folder / "in", folder / "out", folder / "profile"
    for path in (given, out, profile / "user"):
        path.mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC)
    stripped = {name: without_cached_values(content) for name, content in books.items()}
    for name, content in stripped.items():
        (given / f"{name}.xlsx").write_bytes(content)
    p = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--calc", "--convert-to", CSV, "--outdir", str(out),
                        *(str(given / f"{n}.xlsx") for n in books)], capture_output=True,
                       text=True, timeout=600, env={**os.environ, "HOME": str(folder)})  # fmt: skip
    assert p.returncode == 0, p.stderr
    return {n: Computed(content, out, n) for n, content in stripped.items()}


def assert_equals_engine(book: Computed, result, label: str) -> None:
    """Every payer line, every area line (area x payer) and the break-even year."""
    for key in KEYS:
        assert book.named(f"net_gain_{key}") == pytest.approx(result.net_gain[key], abs=KRONE), (
            label,
            key,
        )
    for x, area in enumerate(AREAS):
        assert book.named(f"net_gain_{area}") == pytest.approx(
            result.by_area[area]["total"], abs=KRONE
        ), (label, area)
        for k, payer in enumerate(PAYERS):
            value = book.sums(5 + x, 2 + k)  # areas in rows, payers in columns
            assert value == pytest.approx(result.by_area[area][payer], abs=KRONE), (
                label,
                area,
                payer,
            )
    be = result.break_even
    shown = book.named("break_even_year")
    assert (shown == be["year"]) if be else isinstance(shown, str), (label, shown, be)


def book_of(scenario, data, lang: str = "nb") -> bytes:
    return workbook(service.report(scenario, data, with_analysis=False, lang=lang))


def random_scenarios(data, count: int, seed: int = 34) -> list[dict]:
    """Scenarios covering every group, one and two age groups, multi-year programmes, grants,
    costs falling away, local figures and each optional setting."""
    rng = random.Random(seed)
    groups = [g.id for g in data.target_groups]
    prices = [u for u in data.metadata.get("unit_prices", []) if u.get("subarea")]
    out = []
    for i in range(count):
        start, run = rng.randint(2012, 2030), rng.choice([1, 1, 2, 3, 5])
        years = [start + t for t in range(run)]
        first = rng.randrange(len(AGE_GROUP_IDS) - 1)
        ages = list(AGE_GROUP_IDS[first : first + (1 + i % 2)])
        participants = {y: rng.choice([0, 10, 50, 200]) for y in years}
        participants[years[0]] = max(participants[years[0]], 1)
        payers = rng.sample(PAYERS, rng.randint(1, 3))
        s = {
            "target_group": groups[i % len(groups)],
            "age_groups": ages,
            "share_without_pct": rng.uniform(0, 60),
            "share_with_pct": rng.uniform(0, 90),
            "start_year": start,
            "years_run": run,
            "intervention_years": rng.randint(1, 5),
            "participants": participants,
            "costs": {p: {y: rng.uniform(0, 3e6) for y in years} for p in payers},
            "costs_falling_away": {payers[0]: {y: rng.uniform(0, 1e6) for y in years}},
            "grants": [{"from": "stat", "to": "kommune", "year": rng.choice(years),
                        "amount": rng.uniform(0, 1e6)} for _ in range(i % 3)],
            "settings": {"analysis_years": rng.choice([10, 25, 40, 60, 80]),
                         "discount_rate_pct": rng.uniform(0, 8),
                         "effect_start": rng.choice(["after_intervention", "at_entry"])},
        }  # fmt: skip
        if i % 4 == 1:
            s["settings"]["dropoff_pct"] = rng.uniform(0, 30)
        if i % 5 == 2:
            s["settings"]["discount_schedule"] = (
                "R-109"
                if i % 2
                else [{"from_year": 0, "rate_pct": 3.5}, {"from_year": 7, "rate_pct": 2.5}]
            )
        if i % 6 == 3:
            s["settings"]["optimism_cost_uplift_pct"] = rng.uniform(0, 50)
            s["settings"]["optimism_success_haircut_pct"] = rng.uniform(0, 50)
        if i % 3 == 0 and prices:
            chosen = rng.sample(prices, rng.randint(1, 2))
            s["local_figures"] = [{"parameter": u["parameter"], "value": u["value"] *
                                   rng.uniform(0.5, 2), "year": rng.choice(
                                       sorted(data.price_index)), "source": "KOSTRA"}
                                  for u in chosen]  # fmt: skip
        out.append(s)
    return out


def test_the_worked_example_and_random_scenarios_recalculate_to_the_engine(data, tmp_path):
    scenarios = [EXAMPLE, *random_scenarios(data, 27)]
    parsed = [parse_scenario(s) for s in scenarios]
    covered = {s.target_group for s in parsed}
    assert covered == {g.id for g in data.target_groups}
    assert {len(s.age_groups) for s in parsed} == {1, 2}
    assert any(s.local_figures for s in parsed) and any(s.grants for s in parsed)
    assert any(s.settings.dropoff_pct for s in parsed)
    assert any(s.settings.discount_schedule for s in parsed)
    books = {f"s{i}": book_of(s, data, "en" if i == 5 else "nb") for i, s in enumerate(parsed)}
    recalculated = recalculate(books, tmp_path)
    for i, s in enumerate(parsed):
        assert_equals_engine(recalculated[f"s{i}"], calculate(s, data), f"s{i}: {s.to_dict()}")


def input_cell(book: openpyxl.Workbook, key: str, year_index: int | None = None):
    """The cell of a defined name, or of a per-year row (by the key beside it) and year."""
    if year_index is None:
        ((sheet, coordinate),) = list(book.defined_names[key].destinations)
        return book[sheet][coordinate.replace("$", "")]
    ws = book["Inndata"]
    row = next(r for r in ws.iter_rows() if any(c.value == key for c in r))
    return row[1 + year_index]


def test_inputs_changed_in_the_workbook_recalculate_to_the_engine(data, tmp_path):
    base = parse_scenario(EXAMPLE)
    changes = {
        "success": ({"share_with_pct": 72.5}, [("share_with_pct", None, 72.5)]),
        "discount": ({"settings": {"discount_rate_pct": 2.5}}, [("discount_rate_pct", None, 2.5)]),
        "cost": ({"costs": {"kommune": {2021: 1_000_000, 2022: 2_750_000}}},
                 [("costs.kommune", 1, 2_750_000)]),
        "all": ({"share_without_pct": 40, "settings": {"discount_rate_pct": 6,
                                                        "analysis_years": 60}},
                [("share_without_pct", None, 40), ("discount_rate_pct", None, 6),
                 ("analysis_years", None, 60)]),
    }  # fmt: skip
    books, expected = {}, {}
    for name, (change, edits) in changes.items():
        book = openpyxl.load_workbook(io.BytesIO(book_of(base, data)))
        for key, year, value in edits:
            input_cell(book, key, year).value = value
        buf = io.BytesIO()
        book.save(buf)
        books[name] = buf.getvalue()
        doc = copy.deepcopy(EXAMPLE)
        settings = change.pop("settings", {})
        doc.update(change)
        doc["settings"] = {**doc.get("settings", {}), **settings}
        expected[name] = calculate(parse_scenario(doc), data)
        assert expected[name].net_gain["total"] != pytest.approx(
            calculate(base, data).net_gain["total"], abs=1000
        )
    recalculated = recalculate(books, tmp_path)
    for name, result in expected.items():
        assert_equals_engine(recalculated[name], result, name)


# Functions of Excel 2007 that every spreadsheet since recalculates alike: no dynamic arrays,
# no LAMBDA (docs/formats.md, "Workbook").
ALLOWED = {"SUM", "SUMPRODUCT", "SUMIFS", "VLOOKUP", "INDEX", "MATCH", "IF", "AND", "MIN",
           "MAX", "ISNUMBER"}  # fmt: skip
FUNCTION = re.compile(r"([A-Z][A-Z0-9.]*)\(")
REFERENCE = re.compile(
    r"(?:'((?:[^']|'')+)'!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?"
)


def test_formulas_use_only_excel_2007_functions(data):
    book = openpyxl.load_workbook(io.BytesIO(book_of(parse_scenario(EXAMPLE), data)))
    formulas = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]  # fmt: skip
    assert len(formulas) > 10_000
    used = {f for formula in formulas for f in FUNCTION.findall(formula)}
    assert used <= ALLOWED, used - ALLOWED
    assert not any("_xlfn" in f or "[" in f for f in formulas)  # no newer function, no link


def cells_of(book, sheet: str, where: str) -> list[tuple[str, str]]:
    """(sheet, A1) of each cell of a cell or a range."""
    if ":" not in where:
        return [(sheet, where)]
    return [(sheet, c.coordinate) for row in book[sheet][where] for c in row]


def test_the_net_gain_is_traceable_cell_by_cell_to_the_data_sheets(data):
    """From net_gain_total, following every reference and defined name in the formulas, one
    reaches the group's and the population's data, the payer shares, the price index and the
    inputs."""
    book = openpyxl.load_workbook(io.BytesIO(book_of(parse_scenario(EXAMPLE), data)))
    names = {n: next(iter(d.destinations)) for n, d in book.defined_names.items()}
    seen, todo, sheets = set(), [names["net_gain_total"]], set()
    while todo:
        sheet, coordinate = todo.pop()
        coordinate = coordinate.replace("$", "")
        if (sheet, coordinate) in seen:
            continue
        seen.add((sheet, coordinate))
        sheets.add(sheet)
        value = book[sheet][coordinate].value
        if not (isinstance(value, str) and value.startswith("=")):
            continue
        text = re.sub(r'"[^"]*"', "", value)
        for name, (where, span_) in names.items():
            if re.search(rf"\b{name}\b", text):
                todo += cells_of(book, where, span_.replace("$", ""))
        for quoted, c0, r0, c1, r1 in REFERENCE.findall(text):  # names are lower case
            where = quoted.replace("''", "'") if quoted else sheet
            if not c1:
                todo.append((where, f"{c0}{r0}"))
                continue
            todo += cells_of(book, where, f"{c0}{r0}:{c1}{r1}")
    assert {"Resultater", "8 Sum per område", "6 Diskontering", "5 Prisjustering",
            "4 Årlig kontantstrøm", "3 Per deltaker", "2 Gap per betaler", "1 Gap",
            "Data målgruppe", "Data befolkning", "Betalerandeler", "Inndata",
            "Lokale tall", "Prisindeks"} <= sheets, sheets  # fmt: skip
