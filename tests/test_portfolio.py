"""A plan for the council (issue 15, item 4): initiatives added up per payer, area and year,
break-even on the summed cash flow, and the warning when two initiatives count the same
children."""

from __future__ import annotations

import io
import json
import tomllib

import numpy as np
import pytest

from support import ROOT, WORKED_EXAMPLE, run_cli
from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset
from utenfor.model import ScenarioError, calculate, parse_scenario
from utenfor.model.plan_file import load_plan
from utenfor.model.portfolio import combine
from utenfor.terms import AREAS, PAYERS

with open(WORKED_EXAMPLE, "rb") as f:
    EXAMPLE = tomllib.load(f)


@pytest.fixture(scope="module")
def data():
    return load_dataset(BUNDLED)


def scenario(**changes):
    return parse_scenario(EXAMPLE | changes)


def three(start_years=(2021, 2021, 2021)):
    a, b, c = start_years
    return [
        ("A", scenario(start_year=a, participants={a: 100}, years_run=1,
                       costs={"kommune": {a: 1_000_000}}, grants=[],
                       costs_falling_away={})),
        ("B", scenario(target_group="upper_secondary_risk", age_groups=["16-19"], start_year=b,
                       participants={b: 40}, years_run=1,
                       costs={"fylkeskommune": {b: 1_500_000}}, grants=[],
                       costs_falling_away={})),
        ("C", scenario(target_group="child_welfare_support", age_groups=["6-9"], start_year=c,
                       participants={c: 30}, years_run=1, costs={"kommune": {c: 3_000_000}},
                       grants=[], costs_falling_away={}, share_without_pct=40,
                       share_with_pct=41)),
    ]  # fmt: skip


def first_year_staying_non_negative(years, cumulative):
    """docs/model.md's rule, as a plain loop: the first year from which the cumulative net
    gain stays non-negative to the end; None if it ends negative."""
    found = None
    for year, value in zip(years, cumulative, strict=True):
        if value < -1e-6:
            found = None
        elif found is None:
            found = year
    return found


def test_a_plan_is_the_sum_of_its_initiatives_line_by_line(data):
    initiatives = three()
    plan = combine(initiatives, data)
    results = [calculate(s, data) for _, s in initiatives]
    assert plan.base_year == 2021 and len(plan.years) == 40
    summed = sum(r.cash_flow for r in results)  # (year, area, payer), each discounted to 2021
    assert plan.cash_flow == pytest.approx(summed, rel=1e-12, abs=1e-6)
    for payer in ("total", *PAYERS):
        assert plan.net_gain[payer] == pytest.approx(sum(r.net_gain[payer] for r in results))
    for area in AREAS:
        assert plan.by_area[area]["total"] == pytest.approx(
            sum(r.by_area[area]["total"] for r in results)
        )
    cumulative = np.cumsum(summed.sum(axis=(1, 2)))
    assert plan.break_even == first_year_staying_non_negative(plan.years.tolist(), cumulative)
    own = {n: r.net_gain["total"] for (n, _), r in zip(initiatives, results, strict=True)}
    assert plan.by_initiative == pytest.approx(own)


def test_a_break_even_that_only_the_plan_has(data):
    """C alone never breaks even (one more child in a hundred on the average course does not
    pay 3 MNOK), A alone does; the plan's year follows the rule on the sum, not on either."""
    initiatives = three()
    plan = combine(initiatives, data)
    alone = {n: calculate(s, data).break_even for n, s in initiatives}
    assert alone["C"] is None and alone["A"] is not None
    assert plan.by_initiative["C"] < 0 < plan.by_initiative["A"]
    assert plan.break_even is not None and plan.break_even >= alone["A"]["year"]


def test_initiatives_starting_in_later_years_are_brought_to_the_plans_footing(data):
    """With a constant 4 %: an initiative starting k years after the plan counts its own
    discounted cash flow x 1.04^-k x index(2021) / index(start), placed k years later."""
    initiatives = three((2021, 2023, 2022))
    plan = combine(initiatives, data)
    assert plan.base_year == 2021
    index = data.price_index
    for i, (_, s) in enumerate(initiatives):
        own = calculate(s, data).cash_flow
        k = s.start_year - 2021
        expected = own * 1.04**-k * index[2021] / index[s.start_year]
        assert plan.parts[i, k : k + len(own)] == pytest.approx(expected, rel=1e-12, abs=1e-6)
        assert not plan.parts[i, :k].any() and not plan.parts[i, k + len(own) :].any()
    assert plan.years[-1] == 2023 + 39


@pytest.mark.parametrize(
    ("second", "warned"),
    [
        ({}, True),  # same group, age and year
        ({"age_groups": ["13-15", "16-19"]}, True),  # ages overlap in 13-15
        ({"target_group": "lowincome_immigrant"}, False),  # another group
        ({"age_groups": ["16-19"]}, False),  # another age
        (
            {
                "start_year": 2023,
                "participants": {2023: 100},
                "costs": {},
                "grants": [],
                "costs_falling_away": {},
            },
            False,
        ),  # other years
    ],
)
def test_the_overlap_warning_fires_only_for_the_same_children(data, second, warned):
    plan = combine([("Losen", scenario()), ("Losen 2", scenario(**second))], data)
    assert bool(plan.overlaps) is warned
    if warned:
        assert plan.overlaps[0].message == (
            "«Losen» og «Losen 2» tar deltakere fra samme målgruppe og alder i samme år (2021): "
            "de samme barna kan bli telt to ganger."
        )


def test_a_plan_refuses_initiatives_discounted_differently(data):
    other = scenario(settings={"discount_rate_pct": 2})
    with pytest.raises(ScenarioError) as refused:
        combine([("A", scenario()), ("B", other)], data)
    assert refused.value.issues[0].field == "initiatives.B"
    assert "annen diskontering enn «A»" in refused.value.issues[0].message


def write_plan(tmp_path, text: str):
    (tmp_path / "a.toml").write_text((ROOT / "examples" / "worked_example.toml").read_text())
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ('name = "P"\n', "initiatives", "minst ett tiltak"),
        ('name = "P"\nnavn = 1\n[[initiatives]]\nname = "A"\nscenario = "a.toml"\n', "navn",
         "ukjent felt"),
        ('name = "P"\n[[initiatives]]\nname = "A"\nscenario = "finnes.toml"\n',
         "initiatives[1].(fil)", "finnes ikke"),
        ('name = "P"\n[[initiatives]]\nscenario = "a.toml"\n', "initiatives[1].name",
         "må oppgis"),
        ('name = "P"\n[[initiatives]]\nname = "A"\nscenario = "a.toml"\n[[initiatives]]\n'
         'name = "A"\nscenario = "a.toml"\n', "initiatives", "eget navn"),
    ],
)  # fmt: skip
def test_a_bad_plan_file_is_refused_in_norwegian_naming_the_field(tmp_path, data, text, field,
                                                                  words):  # fmt: skip
    with pytest.raises(ScenarioError) as refused:
        plan = load_plan(write_plan(tmp_path, text))
        combine(list(plan.initiatives), data)
    issue = refused.value.issues[0]
    assert issue.field == field and words in issue.message, issue


def test_the_command_line_adds_up_the_example_plan(data):
    run = run_cli("plan", "calculate", "examples/plan/plan.toml", "--format", "json")
    assert run.returncode == 0, run.stderr
    shown = json.loads(run.stdout)
    plan = load_plan(ROOT / "examples" / "plan" / "plan.toml")
    results = [calculate(s, data) for _, s in plan.initiatives]
    assert len(shown["initiatives"]) == 3
    # Losen is the guide's worked example and starts in the plan's base year: its own result.
    assert shown["initiatives"][0]["net_gain"] == pytest.approx(results[0].net_gain["total"])
    assert shown["net_gain"]["total"] == pytest.approx(
        sum(i["net_gain"] for i in shown["initiatives"])
    )
    table = run_cli("plan", "calculate", "examples/plan/plan.toml")
    assert table.returncode == 0, table.stderr
    assert f"Break-even for planen: {shown['break_even']}" in table.stdout
    assert "Tiltakene i planen" in table.stdout and "koster mer enn det gir" in table.stdout


def test_the_command_line_refuses_a_bad_plan_with_exit_2(tmp_path):
    path = write_plan(tmp_path, 'name = "P"\n[[initiatives]]\nname = "A"\nscenario = "b.toml"\n')
    run = run_cli("plan", "calculate", str(path))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "Planen i" in run.stderr and "initiatives[1]" in run.stderr


HOSTILE = '#set text(fill: red)] = "x" *fet*'


def test_the_plans_pdf_has_the_plan_then_each_initiative(tmp_path, data):
    """One PDF for the kommunestyre: the plan first (its total, break-even, the initiatives,
    the data fingerprint), then each initiative's own report; user text stays text."""
    import pypdf

    from utenfor.formatting import number
    from utenfor.reports.plan_pdf import plan_pdf

    initiatives = three()
    initiatives[1] = (HOSTILE, initiatives[1][1])
    plan = combine(initiatives, data)
    reader = pypdf.PdfReader(io.BytesIO(plan_pdf("Plan for Eksempel kommune", plan, data)))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    first = pages[0]
    assert "Plan for Eksempel kommune" in first
    assert number(plan.net_gain["total"]).replace(" ", " ") in first.replace(" ", " ")
    assert f"break-even) i {plan.break_even}" in first
    assert data.fingerprint[:19] in "".join(first.split())
    later = " ".join(pages[1:])
    for name, _ in initiatives:
        assert " ".join(name.split()) in later, name
    assert len(pages) >= 4


def test_the_command_line_writes_the_plans_pdf(tmp_path):
    out = tmp_path / "plan.pdf"
    run = run_cli("plan", "calculate", "examples/plan/plan.toml", "--to", str(out))
    assert run.returncode == 0, run.stderr
    assert out.read_bytes().startswith(b"%PDF")
    wrong = run_cli("plan", "calculate", "examples/plan/plan.toml", "--to", str(tmp_path / "p.x"))
    assert wrong.returncode == 2 and ".pdf" in wrong.stderr
    nowhere = run_cli("plan", "calculate", "examples/plan/plan.toml", "--to",
                      str(tmp_path / "no" / "plan.pdf"))  # fmt: skip
    assert nowhere.returncode == 2 and "kan ikke skrives" in nowhere.stderr, nowhere.stderr
