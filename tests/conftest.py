"""Shared fixtures: the hand-calculation data set (tests/data/handcalc/README.md) and scenarios."""

from __future__ import annotations

import pytest

from support import HANDCALC
from utenfor.data.load import load_dataset
from utenfor.model import calculate


@pytest.fixture(scope="session")
def data():
    return load_dataset(HANDCALC)


@pytest.fixture()
def run(data):
    def _run(scenario):
        return calculate(scenario, data)

    return _run


@pytest.fixture(scope="session")
def simple():
    """100 participants entering 2021 in the low-income group, no costs, 10 points success."""
    return {
        "target_group": "lowincome_benefits",
        "age_groups": ["13-15"],
        "share_without_pct": 50,
        "share_with_pct": 60,
        "start_year": 2021,
        "years_run": 1,
        "intervention_years": 2,
        "participants": {"2021": 100},
    }
