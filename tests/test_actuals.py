"""Actuals and the re-forecast (issue 15, item 3): the worked example run with 80 participants
instead of 100, costs 10 % over and 57 % observed on the average course instead of 60 %."""

from __future__ import annotations

import json
import tomllib

import pytest

from support import WORKED_EXAMPLE, run_cli
from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset
from utenfor.model import ScenarioError, calculate, load_scenario
from utenfor.model.actuals import parse_actuals, reforecast, success_spread, wilson
from utenfor.reports.actuals_tables import by_year

ACTUALS = """
participants = { 2021 = 80, 2022 = 0 }
[costs]
kommune = { 2021 = 1_100_000, 2022 = 1_100_000 }   # 10 % over the plan's 1 000 000
[costs_falling_away]
kommune = { 2021 = 500_000, 2022 = 500_000 }
[[grants]]
from = "stat"
to = "kommune"
year = 2021
amount = 500_000
[observed]
share_with_pct = 57
participants = 80
"""

# The worked example with the actual figures written in by hand: what a user would type into a
# scenario file to compute "what we actually did".
ACTUAL_SCENARIO = """
target_group = "lowincome_benefits"
age_groups = ["13-15"]
share_without_pct = 50
share_with_pct = 57
start_year = 2021
years_run = 2
intervention_years = 2
participants = { 2021 = 80 }
[costs]
kommune = { 2021 = 1_100_000, 2022 = 1_100_000 }
[costs_falling_away]
kommune = { 2021 = 500_000, 2022 = 500_000 }
[[grants]]
from = "stat"
to = "kommune"
year = 2021
amount = 500_000
"""


@pytest.fixture(scope="module")
def data():
    return load_dataset(BUNDLED)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "faktisk.toml").write_text(ACTUALS, encoding="utf-8")
    (tmp_path / "actual.toml").write_text(ACTUAL_SCENARIO, encoding="utf-8")
    return tmp_path


def test_wilson_interval_by_the_closed_form():
    # 50 of 100: the textbook interval 0.4038-0.5962 (z = 1.96).
    assert wilson(50, 100) == pytest.approx((40.383, 59.617), abs=1e-3)
    # 0 of 10: lower end 0, upper end z^2 / (n + z^2) = 3.8415 / 13.8415.
    low, high = wilson(0, 10)
    assert low == pytest.approx(0, abs=1e-12) and high == pytest.approx(100 * 3.8415 / 13.8415,
                                                                        abs=1e-3)  # fmt: skip


def test_the_reforecast_is_the_scenario_with_the_actual_figures(data):
    planned = load_scenario(WORKED_EXAMPLE)
    actual = reforecast(planned, parse_actuals(tomllib.loads(ACTUALS), planned))
    by_hand = load_scenario_text(ACTUAL_SCENARIO)
    assert calculate(actual, data).net_gain == pytest.approx(calculate(by_hand, data).net_gain)
    assert calculate(actual, data).break_even == calculate(by_hand, data).break_even


def load_scenario_text(text: str):
    from utenfor.model import read_scenario

    return read_scenario(text, "toml")


def test_planned_against_actual_per_year_by_hand():
    planned = load_scenario(WORKED_EXAMPLE)
    actuals = parse_actuals(tomllib.loads(ACTUALS), planned)
    table = by_year(planned, reforecast(planned, actuals), actuals, "nb")
    # 2021: plan 1 000 000 - 500 000 = 500 000; actual 1 100 000 - 500 000 = 600 000: +100 000,
    # +20 %. Participants 100 planned, 80 actual.
    assert table.rows[0] == (2021, 100, 80, 500_000, 600_000, 100_000, pytest.approx(20))
    assert table.rows[1] == (2022, 0, 0, 500_000, 600_000, 100_000, pytest.approx(20))


def test_the_observed_share_gives_the_success_rates_spread():
    planned = load_scenario(WORKED_EXAMPLE)
    observed = parse_actuals(tomllib.loads(ACTUALS), planned).observed
    spread = success_spread(planned, observed)
    low, high = wilson(57, 80)
    assert (spread.low, spread.likely, spread.high) == pytest.approx((low - 50, 7, high - 50))
    assert spread.low < 0 < spread.likely  # 80 participants cannot rule out no effect


@pytest.mark.parametrize(
    ("actuals", "field", "words"),
    [
        ({"participants": {2025: 10}}, "participants.2025", "utenfor årene tiltaket kjøres"),
        ({"participants": {2021: -1}}, "participants[2021]", "minst 0"),
        ({"participants": {2021: 80}, "observed": {"share_with_pct": 101, "participants": 80}},
         "observed.share_with_pct", "mer enn 100"),
        ({"costs": {"kommune": {2022: 5}}}, "participants.2022", "faktiske deltakere"),
        ({"participants": {2021: "åtti"}}, "participants[2021]", "helt tall"),
    ],
)  # fmt: skip
def test_bad_actuals_are_refused_in_norwegian_naming_the_field(actuals, field, words):
    planned = load_scenario(WORKED_EXAMPLE)
    with pytest.raises(ScenarioError) as refused:
        parse_actuals(actuals, planned)
    issue = refused.value.issues[0]
    assert issue.field == field and words in issue.message, issue


def test_the_command_lines_reforecast_equals_calculate_on_the_actual_figures(files):
    run = run_cli(
        "reforecast", str(WORKED_EXAMPLE), str(files / "faktisk.toml"), "--format", "json"
    )
    assert run.returncode == 0, run.stderr
    shown = json.loads(run.stdout)
    calc = run_cli("calculate", str(files / "actual.toml"), "--format", "json")
    assert calc.returncode == 0, calc.stderr
    assert shown["reforecast"]["net_gain"] == pytest.approx(json.loads(calc.stdout)["net_gain"])
    low, high = wilson(57, 80)
    assert shown["success_rate_pct"] == pytest.approx({"low": low - 50, "likely": 7,
                                                       "high": high - 50})  # fmt: skip
    table = run_cli("reforecast", str(WORKED_EXAMPLE), str(files / "faktisk.toml"))
    assert table.returncode == 0, table.stderr
    assert "Plan mot ny prognose" in table.stdout and "Wilson-intervall" in table.stdout


def test_the_command_line_refuses_bad_actuals_with_exit_2(files):
    (files / "feil.toml").write_text("participants = { 2030 = 5 }\n", encoding="utf-8")
    run = run_cli("reforecast", str(WORKED_EXAMPLE), str(files / "feil.toml"))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "participants.2030" in run.stderr and "utenfor årene" in run.stderr
