"""The bundled open data set (issue 3): rebuildable, sourced, plausible, and close to the guide."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import yaml

from support import ROOT, WORKED_EXAMPLE, run_cli
from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset, validate_dataset
from utenfor.model import calculate, load_scenario
from utenfor.sources.build import build
from utenfor.sources.parameters import PARAMETERS_DIR, SourceError, load_parameters
from utenfor.terms import DATA_AREAS

# The guide's worked example (seed 004, "Vurdering av resultatene 3"), 2021 kroner.
# The guide's published lines, from the one place they are written (the calibration source).
PUBLISHED = load_parameters()["guide_worked_example"].doc["published"]
GUIDE_BY_AREA = {area: PUBLISHED[area] for area in DATA_AREAS}
GUIDE_TOTAL = PUBLISHED["total"]


@pytest.fixture(scope="module")
def open_data():
    return load_dataset(BUNDLED)


def by_area(data, group: str) -> np.ndarray:
    """(ages, areas): the group's gap to the population per area."""
    return data.gaps[data.group_index[group]] @ data.area_matrix


def population(data) -> np.ndarray:
    return data.profiles[data.group_index["population"]] @ data.area_matrix


def test_the_bundled_package_is_valid(open_data):
    assert validate_dataset(BUNDLED) == []
    assert open_data.max_age == 67
    assert len(open_data.target_groups) == 7
    assert open_data.price_base_year == 2017
    assert min(open_data.price_index) == 2015
    areas = {s.area_id for s in open_data.subareas}
    assert areas == set(DATA_AREAS)


def test_rebuilding_gives_the_committed_files(tmp_path):
    build(tmp_path)
    for path in sorted(BUNDLED.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), (
            f"{path.name} differs from a fresh build: run `utenfor data build` and commit"
        )


def test_every_source_figure_has_reference_unit_year_and_status():
    params = load_parameters()  # refuses any file without them
    assert len(params) >= 40
    for p in params.values():
        assert p.doc["unit"] and isinstance(p.doc["year"], int)
        assert p.reference["publication"] and p.reference["url"].startswith("http")
        if p.doc["status"] != "published":
            assert len(p.doc["method"]) > 20


@pytest.mark.parametrize(
    ("remove", "words"),
    [
        ("reference", "reference mangler"),
        ("unit", "unit mangler"),
        ("year", "year"),
        ("method", "method"),
        ("grade", "grade (1, 2 eller 3) mangler"),
    ],
)
def test_a_figure_without_its_source_is_refused(tmp_path, remove, words):
    shutil.copytree(PARAMETERS_DIR, tmp_path / "p")
    path = tmp_path / "p" / "transfers" / "social_assistance_amount.yaml"  # a derived figure
    doc = yaml.safe_load(path.read_text())
    del doc[remove]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True))
    with pytest.raises(SourceError) as caught:
        load_parameters(tmp_path / "p")
    assert any(words in p and "social_assistance_amount" in p for p in caught.value.problems)


def test_a_multiplier_without_a_reference_is_refused(tmp_path):
    shutil.copytree(PARAMETERS_DIR, tmp_path / "p")
    path = tmp_path / "p" / "groups" / "conduct_disorder.yaml"
    doc = yaml.safe_load(path.read_text())
    del doc["multipliers"][0]["reference"]
    doc["multipliers"][1]["value"] = "mye"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True))
    with pytest.raises(SourceError) as caught:
        load_parameters(tmp_path / "p")
    text = str(caught.value)
    assert "multipliers[0]: reference mangler" in text
    assert "multipliers[1].value: må være et endelig tall" in text


@pytest.mark.parametrize(("where", "grade", "words"), [
    ("multipliers.2", None, "multipliers[2]: grade (1, 2 eller 3) mangler"),
    ("multipliers.2", 1, "multipliers[2]: grade 1 passer ikke med status estimate"),
    ("top", 2, "grade 2 passer ikke med status estimate"),
])  # fmt: skip
def test_a_figure_without_a_fitting_grade_is_refused(tmp_path, where, grade, words):
    """Every figure has a confidence grade (issue 13), and judgement is always grade 3."""
    shutil.copytree(PARAMETERS_DIR, tmp_path / "p")
    path = tmp_path / "p" / "groups" / "conduct_disorder.yaml"
    doc = yaml.safe_load(path.read_text())
    node = doc["multipliers"][2] if where != "top" else doc
    assert node["status"] == "estimate"
    node.pop("grade")
    if grade is not None:
        node["grade"] = grade
    path.write_text(yaml.safe_dump(doc, allow_unicode=True))
    with pytest.raises(SourceError) as caught:
        load_parameters(tmp_path / "p")
    assert words in str(caught.value)


# Plausibility: checks that the data could fail ------------------------------------------------


def test_the_population_pays_net_tax_in_working_ages_and_costs_in_childhood(open_data):
    pop = population(open_data)
    tax = pop[:, DATA_AREAS.index("tax")]
    assert (tax[20:67] < 0).all()  # revenue is negative cost
    net = pop.sum(axis=1)
    assert (net[0:18] > 0).all(), "children are a net cost"
    assert (net[25:60] < 0).all(), "adults of working age are net contributors"


def test_every_target_group_costs_at_least_the_population_in_transfers_25_to_59(open_data):
    for group in open_data.target_groups:
        gap = by_area(open_data, group.id)[25:60, DATA_AREAS.index("transfers")]
        assert (gap >= 0).all(), group.id


def test_education_gap_is_negative_where_the_group_studies_less(open_data):
    """A success then costs education money, as the guide explains."""
    for group in open_data.target_groups:
        gap = by_area(open_data, group.id)[19:30, DATA_AREAS.index("education")]
        assert gap.sum() < 0, group.id


def test_groups_pay_less_tax_than_the_population(open_data):
    for group in open_data.target_groups:
        gap = by_area(open_data, group.id)[20:67, DATA_AREAS.index("tax")]
        assert (gap >= 0).all(), group.id  # less (negative) revenue: positive gap


# The worked example on the open data ---------------------------------------------------------


def test_worked_example_has_the_guides_sign_on_every_area_and_the_total_within_two(open_data):
    result = calculate(load_scenario(WORKED_EXAMPLE), open_data)
    for area, published in GUIDE_BY_AREA.items():
        assert np.sign(result.by_area[area]["total"]) == np.sign(published), area
    assert GUIDE_TOTAL / 2 <= result.net_gain["total"] <= GUIDE_TOTAL * 2
    assert round(result.by_area["implementation"]["total"]) == -980_769


def test_the_calibration_step_reproduces_the_guides_area_lines(tmp_path):
    build(tmp_path, calibrate=True)
    data = load_dataset(tmp_path)
    assert data.name == "utenfor-open-calibrated"
    assert data.metadata["calibration"]["group"] == "lowincome_benefits"
    result = calculate(load_scenario(WORKED_EXAMPLE), data)
    for area, published in GUIDE_BY_AREA.items():
        # values are stored to the øre, so a few kroner of rounding remain
        assert result.by_area[area]["total"] == pytest.approx(published, abs=25), area
    # the other groups are untouched
    bundled = load_dataset(BUNDLED)
    for g in ("conduct_disorder", "population"):
        i = data.group_index[g]
        np.testing.assert_array_equal(data.profiles[i], bundled.profiles[i])


def test_the_bundled_data_set_is_not_calibrated(open_data):
    assert open_data.name == "utenfor-open" and "calibration" not in open_data.metadata


# CLI ------------------------------------------------------------------------------------------


def test_data_show_prints_the_gap_per_age_and_area(open_data):
    p = run_cli("data", "show", "conduct_disorder", "--age-group", "13-15", "--format", "csv")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == "age," + ",".join(DATA_AREAS) + ",total"
    assert [int(line.split(",")[0]) for line in lines[1:]] == list(range(13, 68))
    row = dict(zip(lines[0].split(","), lines[1 + 20 - 13].split(","), strict=True))  # age 20
    expected = by_area(open_data, "conduct_disorder")[20]
    assert float(row["total"]) == pytest.approx(expected.sum(), abs=0.01)
    table = run_cli("data", "show", "conduct_disorder")
    assert table.returncode == 0 and "Alder" in table.stdout and "Barnevern" in table.stdout
    # and the grade of each sub-area's gap, as grades.csv has it (issue 13)
    graded = table.stdout.split("Grad per delområde", 1)[1].splitlines()[1:]
    g = open_data.group_index["conduct_disorder"]
    assert [line.split(None, 1) for line in graded] == [
        [str(open_data.grades[g, j]), s.name_nb] for j, s in enumerate(open_data.subareas)
    ]


def test_data_show_refuses_an_unknown_group():
    p = run_cli("data", "show", "pensioners")
    assert p.returncode == 2 and "conduct_disorder" in p.stderr


def test_the_generated_docs_are_up_to_date():
    """docs/validation.md and docs/sources.md are written by utenfor.sources.report."""
    from utenfor.sources.report import documents

    for name, text in documents().items():
        committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert committed == text, f"docs/{name} is stale: run python -m utenfor.sources.report"


def _replace_line(path, line_no: int, new: str | None) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    if new is None:
        del lines[line_no - 1]
    else:
        lines[line_no - 1] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "line", "new", "where", "words"),
    [
        ("profiles.csv", 30, None, "mangler rad", "group_id=population, age=1"),
        ("profiles.csv", 2, "population,0,dental_care,0", "rad 2", "«dental_care» finnes ikke"),
        ("subareas.csv", 2, "disability_pension,transfers,U,D,0.5,0.0,0.4,x", "rad 2",
         "summere til 1"),
        ("profiles.csv", 3, "population,0,work_assessment_allowance,NaN", "rad 3",
         "endelig tall"),
        ("profiles.csv", 3, "population,0,work_assessment_allowance,tolv", "rad 3", "«tolv»"),
    ],
)  # fmt: skip
def test_a_broken_copy_of_the_bundled_package_is_refused(tmp_path, file, line, new, where, words):
    copy = tmp_path / "open"
    shutil.copytree(BUNDLED, copy)
    _replace_line(copy / file, line, new)
    issues = validate_dataset(copy)
    assert any(i.file == file and i.where == where and words in i.rule for i in issues), [
        str(i) for i in issues
    ]


def test_the_trinnskatt_share_is_the_2017_rules_on_the_average_wage_by_hand():
    """The wage per earner is 414 973 kr (wage_per_earner.yaml). By the 2017 rules
    (Finansdepartementet, 'Skattesatser 2017'): minstefradrag min(44 %, 94 750) = 94 750,
    personfradrag 53 150, so ordinary-income tax 0.24 * (414 973 - 94 750 - 53 150)
    = 64 097.52; trinnskatt 0.93 % of (230 950 - 164 100) + 2.41 % of (414 973 - 230 950)
    = 621.705 + 4 434.9543 = 5 056.6593."""
    from utenfor.sources.build import payer_shares, trinnskatt_share

    p = load_parameters()
    assert p["wage_per_earner"].value == 414973
    share = 5056.6593 / (64097.52 + 5056.6593)
    assert trinnskatt_share(p) == pytest.approx(share, rel=1e-9)
    # The state gets the trinnskatt and its skatteøre (9.55 of 24) of the rest; the bundled
    # data set carries exactly that split.
    kommune, fylke, stat = payer_shares(p)["tax_on_wages"]
    assert stat == pytest.approx(share + (1 - share) * 9.55 / 24)
    assert kommune == pytest.approx((1 - share) * 11.80 / 24)
    data = load_dataset(BUNDLED)
    row = [s.id for s in data.subareas].index("tax_on_wages")
    assert list(data.shares[row]) == pytest.approx([kommune, fylke, stat])


def test_before_and_after_issue_13_each_change_moves_only_what_it_says():
    """Undoing the trinnskatt split moves kroner between payers and nothing else; the Fafo
    social-assistance multiplier (ages 18-29) moves only transfers, paid by the kommune."""
    from utenfor.sources.before_after import (
        built,
        with_judged_social_assistance,
        without_trinnskatt_split,
    )
    from utenfor.sources.before_after_33 import before_issue_33

    p = before_issue_33(load_parameters())  # the files as issue 13 left them
    scenario = load_scenario(WORKED_EXAMPLE)
    judged = with_judged_social_assistance(p)
    before = calculate(scenario, built(with_judged_social_assistance(without_trinnskatt_split(p)),
                                       calibrate=False))  # fmt: skip
    split = calculate(scenario, built(judged, calibrate=False))
    now = calculate(scenario, built(p, calibrate=False))
    assert split.net_gain["total"] == pytest.approx(before.net_gain["total"], abs=1e-6)
    for area in DATA_AREAS:
        assert split.by_area[area]["total"] == pytest.approx(before.by_area[area]["total"],
                                                             abs=1e-6)  # fmt: skip
    assert split.net_gain["stat"] > before.net_gain["stat"]
    assert split.net_gain["kommune"] < before.net_gain["kommune"]
    assert split.net_gain["fylkeskommune"] < before.net_gain["fylkeskommune"]
    gained = now.net_gain["total"] - split.net_gain["total"]
    assert gained > 0
    assert now.by_area["transfers"]["total"] - split.by_area["transfers"]["total"] == (
        pytest.approx(gained)
    )
    assert now.net_gain["kommune"] - split.net_gain["kommune"] == pytest.approx(gained)


def test_the_social_assistance_multiplier_is_fafos_one_in_four_over_the_population_rate():
    """One in four (250 per 1 000) of those who grew up with social assistance received it as
    young adults (Fafo 2008); the population's rate at 20-24 and 25-29 is 65 and 53 per 1 000
    (SSB 2009), on average 59: 250 / 59 = 4.24, written as 4.2."""
    p = load_parameters()
    rates = p["social_assistance_rate_by_age"].doc["by_age"]
    assert (rates["20-24"], rates["25-29"]) == (65, 53)
    found = [m for m in p["lowincome_benefits"].doc["multipliers"]
             if m["applies_to"] == "social_assistance"]  # fmt: skip
    assert [(m["ages"], m["value"], m["grade"]) for m in found] == [("18-29", 4.2, 2),
                                                                    ("30-67", 3.0, 3)]  # fmt: skip
    assert round(250 / ((65 + 53) / 2), 1) == 4.2
