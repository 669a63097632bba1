"""The guide's worked example (docs/model.md, "The guide's worked example"): what holds on any
data. The exact lines (implementation, per participant, the hand calculation) are cases in
tests/cases/worked_example.yaml and tests/cases/hand_calculation.yaml."""

from __future__ import annotations

import pytest

from support import WORKED_EXAMPLE
from utenfor.model import load_scenario
from utenfor.terms import AREAS, PAYERS


@pytest.fixture(scope="module")
def result(data):
    from utenfor.model import calculate

    return calculate(load_scenario(WORKED_EXAMPLE), data)


def test_sums_by_payer_and_by_area_equal_the_total(result):
    total = result.net_gain["total"]
    assert sum(result.net_gain[p] for p in PAYERS) == pytest.approx(total, abs=1e-6)
    assert sum(result.by_area[a]["total"] for a in AREAS) == pytest.approx(total, abs=1e-6)
    for p in PAYERS:
        assert sum(result.by_area[a][p] for a in AREAS) == pytest.approx(
            result.net_gain[p], abs=1e-6
        )


def test_worked_example_warns_that_ten_points_is_high(result):
    assert [w["code"] for w in result.warnings] == ["high_success_rate"]
