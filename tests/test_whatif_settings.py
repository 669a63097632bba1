"""Drop-off, declining discount schedules and optimism bias (issue 6), on the hand-calc data."""

from __future__ import annotations

import numpy as np
import pytest

from support import LOWINCOME_GAP_TOTAL, PRICE_FACTOR_2021, make
from utenfor.model import ScenarioError, parse_scenario
from utenfor.model.engine import discount_factors
from utenfor.model.scenario import R109_SCHEDULE

COSTS = {"costs": {"kommune": {"2021": 100_000}}}


def test_dropoff_zero_and_a_flat_schedule_give_exactly_the_plain_result(run, simple):
    plain = run(make(simple, **COSTS))
    same = run(make(simple, **COSTS, settings={
        "dropoff_pct": 0, "discount_schedule": [{"from_year": 0, "rate_pct": 4}]}))  # fmt: skip
    np.testing.assert_array_equal(plain.cash_flow, same.cash_flow)
    assert plain.to_json()["net_gain"] == same.to_json()["net_gain"]


def test_full_dropoff_gives_gains_only_in_the_first_effect_year(run, simple):
    result = run(make(simple, settings={"dropoff_pct": 100}))
    gains = result.cash_flow_undiscounted[:, :6].sum(axis=(1, 2))
    assert np.flatnonzero(gains).tolist() == [2]  # 2023 = entry 2021 + 2 years
    # by hand: 10 successful x 650 x 1.1 in 2023, undiscounted
    assert gains[2] == pytest.approx(10 * LOWINCOME_GAP_TOTAL * PRICE_FACTOR_2021)


def test_dropoff_is_geometric(run, simple):
    """With 20 % drop-off, year k after the effect starts keeps 0.8^k of the successful."""
    gains = run(make(simple, settings={"dropoff_pct": 20})).cash_flow_undiscounted
    yearly = gains[:, :6].sum(axis=(1, 2))
    first = 10 * LOWINCOME_GAP_TOTAL * PRICE_FACTOR_2021
    np.testing.assert_allclose(yearly[2:8], first * 0.8 ** np.arange(6), rtol=1e-12)


def test_the_declining_schedule_compounds_year_by_year():
    d = discount_factors(0.04, 80, R109_SCHEDULE)
    assert d[40] == pytest.approx(1.04**-40, rel=1e-12)
    assert d[41] == pytest.approx(1.04**-40 / 1.03, rel=1e-12)
    assert d[75] == pytest.approx(1.04**-40 * 1.03**-35, rel=1e-12)
    assert d[79] == pytest.approx(1.04**-40 * 1.03**-35 * 1.02**-4, rel=1e-12)


def test_r109_preset_changes_nothing_within_40_years(run, simple):
    plain = run(make(simple, **COSTS))
    r109 = run(make(simple, **COSTS, settings={"discount_schedule": "R-109"}))
    assert r109.net_gain["total"] == pytest.approx(plain.net_gain["total"], rel=1e-12)
    long_plain = run(make(simple, settings={"analysis_years": 60}))
    long_r109 = run(make(simple, settings={"analysis_years": 60, "discount_schedule": "R-109"}))
    assert long_r109.net_gain["total"] > long_plain.net_gain["total"]


@pytest.mark.parametrize("bad", [[], [{"from_year": 5, "rate_pct": 4}],
                                 [{"from_year": 0, "rate_pct": 4}, {"from_year": 0, "rate_pct": 3}],
                                 "R-110"])  # fmt: skip
def test_bad_schedules_are_refused(simple, bad):
    with pytest.raises(ScenarioError) as caught:
        parse_scenario({**simple, "settings": {"discount_schedule": bad}})
    assert any(i.field.startswith("settings.discount_schedule") for i in caught.value.issues)


def test_optimism_bias_uplifts_gross_costs_and_cuts_the_success_rate(run, simple):
    base = make(simple, **COSTS, costs_falling_away={"kommune": {"2021": 40_000}})
    plain = run(base)
    adjusted = run(make(simple, **COSTS, costs_falling_away={"kommune": {"2021": 40_000}},
                        settings={"optimism_cost_uplift_pct": 25,
                                  "optimism_success_haircut_pct": 40}))  # fmt: skip
    # costs: -(100 000 x 1.25 - 40 000) = -85 000 (only gross costs are uplifted)
    assert adjusted.by_area["implementation"]["total"] == pytest.approx(-85_000)
    gains = plain.net_gain["total"] - plain.by_area["implementation"]["total"]
    adjusted_gains = adjusted.net_gain["total"] - adjusted.by_area["implementation"]["total"]
    assert adjusted_gains == pytest.approx(gains * 0.6, rel=1e-12)


def test_a_full_success_haircut_leaves_no_success_rate_that_pays_and_no_crash(data, simple):
    """With optimism_success_haircut_pct = 100 no entered success rate has an effect (found by
    schemathesis: the thresholds divided by the zero factor, a 500). The costs (100 000) have
    no gain to set against them, so no threshold exists; with no costs, 0 % already breaks even."""
    from utenfor.model.analysis import analyse

    costly = make(simple, **COSTS, settings={"optimism_success_haircut_pct": 100})
    found = analyse(costly, data, draws=200).thresholds
    assert found.success_rate_pct["total"] is None
    assert found.break_even_within.success_rate_pct is None
    free = make(simple, settings={"optimism_success_haircut_pct": 100})
    within = analyse(free, data, draws=200).thresholds.break_even_within
    assert within.success_rate_pct == 0
