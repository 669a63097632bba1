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
    own tax line for the kommune, and each reading only moves money from this kommune to the
    other kommuner (the inntektsutjevning), never to or from the state."""
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
    rows = re.findall(r"^\| (?:datasettet|én kommune|kommunen)[^|]* \| ([−\d ]+) \| [^|]+ "
                      r"\| ([−\d ]+) \|", section, re.M)  # fmt: skip
    sums = {int(k.replace(" ", "")) + int(s.replace(" ", "")) for k, s in rows}
    assert len(rows) == 4 and max(sums) - min(sums) <= 2  # rounding of two figures


def level_spreads(data, scenario) -> dict[str, float]:
    from utenfor.model.quality import level_spread_pct
    from utenfor.terms import DATA_AREAS

    spread = level_spread_pct(calculate(scenario, data).plan, data)
    return dict(zip(DATA_AREAS, spread.tolist(), strict=True))


def test_the_data_level_spread_of_each_area_follows_its_grades(tmp_path, simple):
    """Grade 1 gives ±10 %, 2 ±25 %, 3 ±50 % (model/quality.py). Transfers hold social
    assistance (gap 100, grade 1) and disability pension (gap 200, grade 3 here); every age
    has the same gap, so their present values stand as 100 : 200 and the area's spread is
    (100 x 10 + 200 x 50) / 300 = 36.67 %."""
    grades = GRADES | {"disability_pension": 3}
    data = load_dataset(graded_copy(tmp_path, grades=grades))
    assert level_spreads(data, make(simple)) == pytest.approx({
        "transfers": (100 * 10 + 200 * 50) / 300, "tax": 25, "health": 50, "education": 50,
        "corrections": 50, "child_welfare": 50})  # fmt: skip


def test_without_grades_every_area_keeps_the_flat_25_percent(data, simple):
    assert set(level_spreads(data, make(simple)).values()) == {25.0}


def test_the_tornado_and_the_uncertainty_use_the_grades(tmp_path, simple):
    """A data-level bar is the area's gain moved by its spread both ways, so its width is
    2 x spread x the area's net gain (the model is linear in each area's level); the
    uncertainty draws each area's level on its own and names the spreads it used."""
    from utenfor.model.analysis import analyse

    data = load_dataset(graded_copy(tmp_path))
    scenario = make(simple)
    result = calculate(scenario, data)
    analysis = analyse(scenario, data, draws=2000)
    spreads = level_spreads(data, scenario)
    for item in analysis.sensitivity.items:
        if item.parameter.startswith("level_"):
            area = item.parameter.removeprefix("level_")
            width = 2 * spreads[area] / 100 * abs(result.by_area[area]["total"])
            assert abs(item.high - item.low) == pytest.approx(width, rel=1e-9), area
            assert item.spread_pct == pytest.approx(spreads[area])
    inputs = analysis.uncertainty.inputs
    assert inputs["level_by_area_pct"] == pytest.approx(spreads)
    assert inputs["level_pct"] is None
    # A spread the user gives replaces the grades': one level for all areas.
    from utenfor.model.uncertainty import Spread

    given = analyse(scenario, data, draws=2000, level_pct=Spread(90, 100, 110))
    assert given.uncertainty.inputs["level_by_area_pct"] is None


def test_the_label_says_the_spread(tmp_path, simple):
    from utenfor.model.analysis import analyse
    from utenfor.reports.language import labelled

    data = load_dataset(graded_copy(tmp_path))
    items = labelled(analyse(make(simple), data, draws=200))["sensitivity"]["items"]
    labels = {i["parameter"]: (i["label_nb"], i["label_en"]) for i in items}
    assert labels["level_transfers"] == ("Datanivå overføringer ±10 %",
                                         "Data level transfers ±10 %")  # fmt: skip
    assert labels["level_health"][0] == "Datanivå helsetjenester ±50 %"


def test_the_pdf_has_the_grades_appendix():
    """The PDF's data appendix lists the sub-areas by their share of the gain, with grade and
    the what-if spread; the shares add up to 100 % (absolute present values)."""
    import io

    import pypdf

    from utenfor import service

    data = load_dataset(default_data_dir())
    report = service.report(load_scenario(WORKED_EXAMPLE), data, draws=200)
    table = report.tables["grades"]
    assert sum(row[2] for row in table.rows) == pytest.approx(100)
    assert {row[3] for row in table.rows} <= {10.0, 25.0, 50.0}
    assert all((row[1], row[3]) in {(1, 10.0), (2, 25.0), (3, 50.0)} for row in table.rows)
    pdf = pypdf.PdfReader(io.BytesIO(service.export(report, "pdf").content))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert "Datagrunnlaget: grad per delområde for målgruppen" in text
    assert table.rows[0][0] in text
