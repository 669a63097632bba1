"""Closed-form checks of the engine (issue 2, "Closed-form tests"), on the hand-calc data."""

from __future__ import annotations

import numpy as np
import pytest

from support import LOWINCOME_GAP_TOTAL, MAX_AGE, PRICE_FACTOR_2021, make
from utenfor.terms import AREAS, DATA_AREAS, PAYERS

WORKED_COSTS = {
    "years_run": 2,
    "costs": {"kommune": {"2021": 1_000_000, "2022": 1_000_000}},
    "costs_falling_away": {"kommune": {"2021": 500_000, "2022": 500_000}},
    "grants": [{"from": "stat", "to": "kommune", "year": 2021, "amount": 500_000}],
}


def gains(result) -> np.ndarray:
    """(areas, payers) discounted gain lines, implementation excluded."""
    return np.array([[result.by_area[a][p] for p in PAYERS] for a in DATA_AREAS])


def annuity(rate: float, first: int, last: int) -> float:
    """sum_{t=first}^{last} (1+r)^-t in closed form: (v^first - v^(last+1)) / (1 - v)."""
    if rate == 0:
        return last - first + 1
    v = 1 / (1 + rate)
    return (v**first - v ** (last + 1)) / (1 - v)


# The annuity cases (rates, horizons, delays, at entry, schedules, drop-off, optimism) are in
# tests/cases/closed_forms.yaml.


def test_zero_success_rate_gives_exactly_minus_the_implementation_cost(run, simple):
    result = run(make(simple, share_with_pct=50, **WORKED_COSTS))
    assert result.net_gain["total"] == result.by_area["implementation"]["total"]
    assert result.net_gain["total"] == pytest.approx(-(500_000 + 500_000 / 1.04), abs=1e-6)
    assert not gains(result).any()


@pytest.mark.parametrize("group", ["lowincome_benefits", "conduct_disorder"])
def test_doubling_participants_or_success_rate_doubles_every_gain_line(run, simple, group):
    base = make(simple, target_group=group, share_with_pct=55, **WORKED_COSTS)
    doubled_n = make(simple, target_group=group, share_with_pct=55, participants={"2021": 200},
                     **WORKED_COSTS)  # fmt: skip
    doubled_s = make(simple, target_group=group, share_with_pct=60, **WORKED_COSTS)
    g = gains(run(base))
    assert np.abs(g).sum() > 0
    for other in (doubled_n, doubled_s):
        r = run(other)
        np.testing.assert_allclose(gains(r), 2 * g, rtol=1e-12, atol=1e-9)
        assert r.by_area["implementation"] == run(base).by_area["implementation"]


def test_grants_change_the_payer_split_but_never_the_total(run, simple):
    without = run(make(simple, **{**WORKED_COSTS, "grants": []}))
    grants = [
        {"from": "stat", "to": "kommune", "year": 2021, "amount": 500_000},
        {"from": "fylkeskommune", "to": "kommune", "year": 2022, "amount": 104_000},
    ]
    with_grants = run(make(simple, **{**WORKED_COSTS, "grants": grants}))
    assert with_grants.net_gain["total"] == pytest.approx(without.net_gain["total"], abs=1e-6)
    # Each grant moves its amount, discounted to 2021, from the giver to the receiver.
    kommune_shift = 500_000 + 104_000 / 1.04
    assert with_grants.net_gain["kommune"] - without.net_gain["kommune"] == pytest.approx(
        kommune_shift, abs=1e-6
    )
    assert with_grants.net_gain["stat"] - without.net_gain["stat"] == pytest.approx(-500_000)
    assert with_grants.net_gain["fylkeskommune"] - without.net_gain[
        "fylkeskommune"
    ] == pytest.approx(-100_000, abs=1e-6)


@pytest.mark.parametrize("pair", [("10-12", "13-15"), ("6-9", "10-12"), ("16-19", "13-15")])
def test_two_age_groups_give_the_mean_of_the_two_single_results(run, simple, pair):
    scenario = {**simple, "target_group": "conduct_disorder", **WORKED_COSTS}
    both = run(make(scenario, age_groups=list(pair)))
    singles = [run(make(scenario, age_groups=[g])) for g in pair]
    for area in AREAS:
        for payer in ("total", *PAYERS):
            mean = (singles[0].by_area[area][payer] + singles[1].by_area[area][payer]) / 2
            assert both.by_area[area][payer] == pytest.approx(mean, rel=1e-12, abs=1e-6)
    # 6-9 has four ages and 10-12 three: an average of averages, not a pooled average.
    assert both.by_area["child_welfare"]["total"] != singles[0].by_area["child_welfare"]["total"]


def test_at_entry_moves_the_first_gain_year_back_by_the_intervention_length(run, simple):
    after = run(make(simple, intervention_years=3))
    entry = run(make(simple, intervention_years=3, settings={"effect_start": "at_entry"}))
    flow_after = after.cash_flow_undiscounted[:, :6].sum(axis=(1, 2))
    flow_entry = entry.cash_flow_undiscounted[:, :6].sum(axis=(1, 2))
    assert np.flatnonzero(flow_after)[0] == 3  # 2024 = entry 2021 + 3 years
    assert np.flatnonzero(flow_entry)[0] == 0  # 2021
    # With a gap that does not depend on age, the stream is the same one, D years earlier.
    np.testing.assert_allclose(flow_entry[:-3], flow_after[3:], rtol=1e-15)


def test_at_entry_keeps_the_participants_ages(run, simple):
    """The effect start decides from which year a gain counts, not the participants' age in a
    calendar year: from entry + D on both settings give the same gain per year."""
    base = {**simple, "target_group": "conduct_disorder"}
    after = run(make(base, intervention_years=3))
    entry = run(make(base, intervention_years=3, settings={"effect_start": "at_entry"}))
    a, e = after.cash_flow_undiscounted, entry.cash_flow_undiscounted
    np.testing.assert_array_equal(a[3:], e[3:])
    assert not a[:3, :6].any() and e[:3, :6].any()


def test_break_even_is_null_when_the_cumulative_net_never_turns_non_negative(run, simple):
    result = run(make(simple, share_with_pct=51, **WORKED_COSTS))
    assert result.net_gain["total"] < 0
    assert result.break_even is None
    assert result.to_json()["break_even"] is None


def test_break_even_by_hand(run, simple):
    """Gain from 2021 (at entry) is 10 x 650 x 1.1 = 7 150 a year, no discounting; cost
    20 000 in 2021. Cumulative: 2021 -12 850, 2022 -5 700, 2023 +1 450: break-even 2023."""
    scenario = make(
        simple,
        costs={"kommune": {"2021": 20_000}},
        settings={"effect_start": "at_entry", "discount_rate_pct": 0},
    )
    result = run(scenario)
    cumulative = [row["total"] for row in result.cumulative[:3]]
    assert cumulative == pytest.approx([-12_850, -5_700, 1_450])
    assert result.break_even == {"year": 2023, "years": 2}
    # kommune alone gains 10 x 260 x 1.1 = 2 860 a year and carries the 20 000: after 2021-2027
    # (7 years) 7 x 2 860 = 20 020 >= 20 000, after 6 years 17 160 < 20 000.
    assert result.break_even_by_payer["kommune"] == {"year": 2027, "years": 6}
    # fylkeskommune loses 10 x 70 x 1.1 a year (education), so it never breaks even.
    assert result.break_even_by_payer["fylkeskommune"] is None
    assert result.break_even_by_payer["stat"] == {"year": 2021, "years": 0}


def test_break_even_is_the_year_from_which_the_cumulative_stays_non_negative(run, simple):
    """Gains 7 150 a year from 2021; a 30 000 cost in 2023. Cumulative: 2021 7 150, 2022
    14 300, 2023 -8 550, 2024 -1 400, 2025 5 750. Non-negative in 2021 but negative again in
    2023, so break-even is 2025."""
    scenario = make(
        simple,
        years_run=3,
        costs={"stat": {"2023": 30_000}},
        settings={"effect_start": "at_entry", "discount_rate_pct": 0},
    )
    result = run(scenario)
    assert [r["total"] for r in result.cumulative[:5]] == pytest.approx(
        [7_150, 14_300, -8_550, -1_400, 5_750]
    )
    assert result.break_even == {"year": 2025, "years": 4}


def test_no_gain_is_counted_beyond_the_data_sets_maximum_age(run, simple):
    """16-19 entering 2021, effect from 2023, 60 years: entry age a gains from 2023 while
    a + (year - 2021) <= 59. Each entry age carries a quarter of the successful."""
    scenario = make(
        simple, age_groups=["16-19"], share_without_pct=0, share_with_pct=10,
        settings={"analysis_years": 60, "discount_rate_pct": 3},
    )  # fmt: skip
    result = run(scenario)
    expected = sum(
        100 * 0.10 / 4 * LOWINCOME_GAP_TOTAL * PRICE_FACTOR_2021
        * annuity(0.03, 2, min(59, MAX_AGE - age))
        for age in (16, 17, 18, 19)
    )  # fmt: skip
    assert result.net_gain["total"] == pytest.approx(expected, rel=1e-12)
    assert "beyond_max_age" in [w["code"] for w in result.warnings]


def test_no_max_age_warning_when_everyone_stays_within_the_data(run, simple):
    assert "beyond_max_age" not in [w["code"] for w in run(make(simple)).warnings]


@pytest.mark.parametrize(
    ("start", "factor", "warned"),
    [(2021, 1.1, False), (2023, 1.2, False), (2030, 1.2, True), (2010, 0.95, True)],
)
def test_price_factor_uses_the_index_and_says_when_it_extrapolates(run, simple, start, factor,
                                                                   warned):  # fmt: skip
    scenario = make(simple, start_year=start, participants={str(start): 100})
    result = run(scenario)
    assert result.plan.price_factor == pytest.approx(factor, rel=1e-15)
    assert ("price_index_outside" in [w["code"] for w in result.warnings]) is warned


@pytest.mark.parametrize(("without", "with_", "code"), [(50, 60, "high_success_rate"),
    (50, 59.99, None), (60, 50, "negative_success_rate"), (0, 0, None)])  # fmt: skip
def test_success_rate_warnings(run, simple, without, with_, code):
    result = run(make(simple, share_without_pct=without, share_with_pct=with_))
    codes = [w["code"] for w in result.warnings]
    assert codes == ([code] if code else [])
    assert all(w["message"] for w in result.warnings)


def test_a_negative_success_rate_turns_gains_into_losses(run, simple):
    plus = run(make(simple, share_without_pct=50, share_with_pct=55))
    minus = run(make(simple, share_without_pct=55, share_with_pct=50))
    np.testing.assert_allclose(gains(minus), -gains(plus), rtol=1e-15)


def test_costs_after_the_analysis_period_are_left_out_and_said(run, simple):
    scenario = make(simple, years_run=5, costs={"kommune": {"2025": 1000}},
                    settings={"analysis_years": 3})  # fmt: skip
    result = run(scenario)
    assert result.by_area["implementation"]["total"] == 0
    assert "programme_beyond_period" in [w["code"] for w in result.warnings]
