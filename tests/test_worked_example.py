"""The guide's worked example (spec/model.md, "The published worked example")."""

from __future__ import annotations

import pytest

from support import LOWINCOME_GAP, PRICE_FACTOR_2021, WORKED_EXAMPLE
from utenfor.model import load_scenario
from utenfor.terms import AREAS, PAYERS

# Published: implementation line -980 769 = -(500 000 + 500 000 / 1.04), whatever the data.
IMPLEMENTATION_EXACT = -(500_000 + 500_000 / 1.04)


@pytest.fixture(scope="module")
def result(data):
    from utenfor.model import calculate

    return calculate(load_scenario(WORKED_EXAMPLE), data)


def test_implementation_line_matches_the_guide_to_the_krone(result):
    implementation = result.by_area["implementation"]["total"]
    assert round(implementation) == -980_769
    assert implementation == pytest.approx(IMPLEMENTATION_EXACT, abs=1e-6)


def test_implementation_is_split_by_payer_with_the_grant(result):
    # kommune: 2021: 1 000 000 - 500 000 falling away - 500 000 grant = 0; 2022: 500 000 / 1.04
    # stat: gives the 500 000 grant in 2021, undiscounted.
    line = result.by_area["implementation"]
    assert line["kommune"] == pytest.approx(-500_000 / 1.04, abs=1e-6)
    assert line["stat"] == pytest.approx(-500_000, abs=1e-6)
    assert line["fylkeskommune"] == 0


def test_per_participant_is_total_over_100_on_every_line(result):
    assert result.participants == 100
    for payer, value in result.net_gain.items():
        assert result.net_gain_per_participant[payer] == pytest.approx(value / 100, rel=1e-15)
    for area in AREAS:
        for payer, value in result.by_area[area].items():
            per = result.by_area_per_participant[area][payer]
            assert per == pytest.approx(value / 100, rel=1e-15, abs=1e-12)


def test_sums_by_payer_and_by_area_equal_the_total(result):
    total = result.net_gain["total"]
    assert sum(result.net_gain[p] for p in PAYERS) == pytest.approx(total, abs=1e-6)
    assert sum(result.by_area[a]["total"] for a in AREAS) == pytest.approx(total, abs=1e-6)
    for p in PAYERS:
        assert sum(result.by_area[a][p] for a in AREAS) == pytest.approx(
            result.net_gain[p], abs=1e-6
        )


def test_hand_calculation_on_the_test_data(result):
    """By hand: 100 participants x 10 % = 10 successful, following the average life course
    from 2023 (entry 2021 + 2 years) to 2060 (40 years from 2021). The test group's gap is
    the same at every age, so each area's gain is 10 x gap x price factor 1.1 each year,
    discounted by 1.04^-(year - 2021)."""
    annuity = sum(1.04 ** -(year - 2021) for year in range(2023, 2061))
    for area, by_payer in LOWINCOME_GAP.items():
        for payer, gap in by_payer.items():
            expected = 10 * gap * PRICE_FACTOR_2021 * annuity
            assert result.by_area[area][payer] == pytest.approx(expected, rel=1e-12, abs=1e-9)
    expected_total = 10 * 650 * PRICE_FACTOR_2021 * annuity + IMPLEMENTATION_EXACT
    assert result.net_gain["total"] == pytest.approx(expected_total, rel=1e-12)


def test_worked_example_warns_that_ten_points_is_high(result):
    assert [w["code"] for w in result.warnings] == ["high_success_rate"]
