"""Confidence grades (issue 13): what share of a result rests on judgement."""

from __future__ import annotations

import shutil

import pytest

from support import HANDCALC, make
from utenfor.data import WORKED_EXAMPLE, default_data_dir
from utenfor.data.load import DataSetError, load_dataset
from utenfor.model import calculate
from utenfor.model.quality import present_value_by_subarea
from utenfor.model.scenario_file import load_scenario

# tests/data/handcalc: lowincome_benefits differs from the population by the same amount at
# every age 0-59, per sub-area (all payers together): social assistance 100, disability
# pension 200, income tax 300, specialist health 50, upper secondary -100, corrections 20,
# child welfare 80 (support.LOWINCOME_GAP).
GRADES = {"social_assistance": 1, "disability_pension": 1, "income_tax": 2,
          "specialist_health": 3, "upper_secondary": 3, "corrections": 3,
          "child_welfare": 3}  # fmt: skip


def graded_copy(tmp_path, grades=GRADES, extra=""):
    folder = tmp_path / "graded"
    shutil.copytree(HANDCALC, folder)
    rows = ["group_id,subarea_id,grade"] + [
        f"{g.id},{s},{k}" for g in load_dataset(HANDCALC).groups for s, k in grades.items()
    ]
    (folder / "grades.csv").write_text("\n".join(rows) + "\n" + extra)
    return folder


def test_shares_by_grade_by_hand(tmp_path, simple):
    """Every age has the same gap, so each sub-area's share of the present value is its
    share of the absolute gaps: grade 1 (100 + 200) / 850, grade 2 300 / 850, grade 3
    (50 + 100 + 20 + 80) / 850. The upper-secondary gap is negative (the group studies less)
    and counts by its size."""
    data = load_dataset(graded_copy(tmp_path))
    quality = calculate(make(simple), data).to_json()["data_quality"]
    assert quality == pytest.approx({"grade_1_pct": 100 * 300 / 850,
                                     "grade_2_pct": 100 * 300 / 850,
                                     "grade_3_pct": 100 * 250 / 850})  # fmt: skip


def test_no_grades_no_data_quality(data, simple):
    assert calculate(make(simple), data).to_json()["data_quality"] is None


def test_the_sub_areas_add_up_to_the_engines_gain():
    """The per-sub-area present values are computed apart from the engine; their sum is the
    engine's total gain (net gain minus implementation) on the worked example."""
    data = load_dataset(default_data_dir())
    result = calculate(load_scenario(WORKED_EXAMPLE), data)
    gain = result.net_gain["total"] - result.by_area["implementation"]["total"]
    assert present_value_by_subarea(result.plan, data).sum() == pytest.approx(gain, rel=1e-12)
    quality = result.data_quality
    assert sum(quality.values()) == pytest.approx(100)
    assert quality["grade_3_pct"] > 50  # the open data set rests mostly on judgement


@pytest.mark.parametrize(("extra", "words"), [
    ("lowincome_benefits,corrections,4\n", "grade må være 1, 2 eller 3"),
    ("nobody,corrections,1\n", "må finnes i groups.csv"),
])  # fmt: skip
def test_a_bad_grades_file_is_refused(tmp_path, extra, words):
    with pytest.raises(DataSetError) as caught:
        load_dataset(graded_copy(tmp_path, extra=extra))
    assert words in str(caught.value)


def test_a_missing_grade_is_refused_and_grades_change_the_fingerprint(tmp_path):
    graded = load_dataset(graded_copy(tmp_path))
    assert graded.fingerprint != load_dataset(HANDCALC).fingerprint
    short = dict(list(GRADES.items())[:-1])
    shutil.rmtree(tmp_path / "graded")
    with pytest.raises(DataSetError) as caught:
        load_dataset(graded_copy(tmp_path, grades=short))
    assert "subarea_id=child_welfare" in str(caught.value)


def test_page_pdf_and_data_page_show_the_grades(tmp_path):
    """The result's share on judgement on the page, in the PDF and in the report JSON; the
    data page's table of grades (issue 13)."""
    from fastapi.testclient import TestClient

    from support import pdf_of
    from utenfor.web.app import Settings, create_app

    result = calculate(load_scenario(WORKED_EXAMPLE), load_dataset(default_data_dir()))
    judgement = f"{round(result.data_quality['grade_3_pct'])} % av gevinsten bygger på skjønn"
    with TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path}/q.db"))) as c:
        page = c.get("/?eksempel=veiledning").text
        assert 'id="datakvalitet"' in page and judgement in page
        data_page = c.get("/data").text
        assert 'id="tabell-grader"' in data_page and "skjønn" in data_page
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf_of(result)))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert judgement in text


def test_the_payer_split_section_moves_the_kommunes_tax_and_keeps_the_total():
    """docs/validation.md's readings of the tax split: the kommune's tax there is the engine's
    own tax line for the kommune, and each reading only moves money between kommune and state."""
    import re

    from utenfor.sources.payer_split import TAX

    data = load_dataset(default_data_dir())
    result = calculate(load_scenario(WORKED_EXAMPLE), data)
    pv = present_value_by_subarea(result.plan, data)
    index = {s.id: j for j, s in enumerate(data.subareas)}
    kommune_tax = sum(pv[index[s]] * data.shares[index[s], 0] for s in TAX)
    assert kommune_tax == pytest.approx(result.by_area["tax"]["kommune"], rel=1e-9)
    from support import ROOT

    section = (ROOT / "docs" / "validation.md").read_text().split("## Betalerfordelingen")[1]
    rows = re.findall(r"^\| (?:som nå|kommunen)[^|]* \| ([−\d ]+) \| [^|]+ \| ([−\d ]+) \|",
                      section, re.M)  # fmt: skip
    sums = {int(k.replace(" ", "")) + int(s.replace(" ", "")) for k, s in rows}
    assert len(rows) == 4 and max(sums) - min(sums) <= 2  # rounding of two figures
