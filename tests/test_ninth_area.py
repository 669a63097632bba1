"""Areas are data (issue 11): with two more areas in the vocabulary (nine in all) and a synthetic
data set that has sub-areas in them, every table, chart, workbook sheet, PDF and page that
lists the areas lists the new ones too. Nothing else is changed, so no fixed row or list can
hide them.

The vocabulary is read when modules are imported, so the check runs in a fresh interpreter
that adds the areas to `utenfor.terms` before it imports anything else."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

from support import HANDCALC, ROOT

NEW = {"kindergarten": "Barnehagetestområde", "police": "Politiettestområde"}

SCRIPT = r"""
import io, json, sys
import utenfor.terms as terms

new = json.loads(sys.argv[2])
names = {k: v for k, v in terms.AREA_NAMES_NB.items() if k != terms.IMPLEMENTATION}
names |= new
names[terms.IMPLEMENTATION] = terms.AREA_NAMES_NB[terms.IMPLEMENTATION]
terms.AREA_NAMES_NB.clear()
terms.AREA_NAMES_NB.update(names)
terms.AREAS = tuple(names)
terms.DATA_AREAS = tuple(a for a in names if a != terms.IMPLEMENTATION)

from pathlib import Path
import openpyxl
from fastapi.testclient import TestClient
from pypdf import PdfReader
from utenfor import service
from utenfor.data import WORKED_EXAMPLE
from utenfor.data.load import load_dataset
from utenfor.model.scenario_file import load_scenario
from utenfor.reports import svg
from utenfor.web.app import Settings, create_app

folder = Path(sys.argv[1])
data = load_dataset(folder)
scenario = load_scenario(WORKED_EXAMPLE)
report = service.report(scenario, data, draws=200)
out = {"areas": list(report.result.by_area)}
out["tables"] = {k: json.dumps(t.to_json(), ensure_ascii=False) for k, t in report.tables.items()}
out["charts"] = {k: svg.draw(c) for k, c in report.charts.items()}
book = openpyxl.load_workbook(io.BytesIO(service.export(report, "xlsx").content))
out["sheets"] = {ws.title: " ".join(str(c.value) for row in ws.iter_rows() for c in row
                                    if c.value is not None) for ws in book.worksheets}
pdf = PdfReader(io.BytesIO(service.export(report, "pdf").content))
out["pdf"] = " ".join(page.extract_text() for page in pdf.pages)
client = TestClient(create_app(Settings(f"sqlite:///{folder}/t.db", folder)))
form = {"target_group": "lowincome_benefits", "age_groups": "13-15", "share_without_pct": "50",
        "share_with_pct": "60", "start_year": "2021", "years_run": "1",
        "intervention_years": "2", "participants_2021": "100"}
out["page"] = client.post("/beregn", data=form).text
out["data_page"] = client.get("/data").text
print(json.dumps(out))
"""


def _nine_area_data(folder: Path) -> Path:
    """The hand-calculation data set with one sub-area in each new area: a gap of 1 000 kr a
    year for the kommune at every age."""
    shutil.copytree(HANDCALC, folder, ignore=shutil.ignore_patterns("*.py", "*.md"))
    with (folder / "subareas.csv").open("a", newline="") as f:
        for area in NEW:
            csv.writer(f).writerow([f"{area}_sub", area, NEW[area], area, 1, 0, 0])
    rows = list(csv.DictReader((folder / "profiles.csv").open()))
    groups = sorted({r["group_id"] for r in rows})
    ages = sorted({int(r["age"]) for r in rows})
    with (folder / "profiles.csv").open("a", newline="") as f:
        for group in groups:
            for age in ages:
                for area in NEW:
                    value = 0 if group == "population" else 1000
                    csv.writer(f).writerow([group, age, f"{area}_sub", value])
    return folder


def test_two_new_areas_appear_wherever_the_areas_are_listed(tmp_path):
    folder = _nine_area_data(tmp_path / "nine")
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(folder), json.dumps(NEW)],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout)
    assert len(out["areas"]) == 9 and set(NEW) <= set(out["areas"])
    listed = {f"table {k}": v for k, v in out["tables"].items()}
    listed |= {f"chart {k}": v for k, v in out["charts"].items()}
    listed |= {f"sheet {k}": v for k, v in out["sheets"].items()}
    listed |= {"pdf": out["pdf"], "page": out["page"], "data page": out["data_page"]}
    # A place lists the areas if it names an existing one; then it must name the new ones.
    lists_areas = [k for k, text in listed.items() if "barnevern" in text.lower()]
    for expected in ("table areas", "table sensitivity", "chart areas", "chart tornado",
                     "sheet Resultater", "sheet Hva om", "sheet Kontantstrøm", "sheet Livsløp",
                     "pdf", "page", "data page"):  # fmt: skip
        assert expected in lists_areas, f"{expected} lists no areas at all"
    missing = {
        k: name
        for k in lists_areas
        for name in NEW.values()
        if name.lower() not in listed[k].lower()
    }
    assert not missing, missing
