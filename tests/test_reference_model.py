"""The engine against the plain-loop reference (tests/reference_model.py) on random scenarios."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reference_model import plain_break_even, plain_cash_flow
from utenfor.model import calculate, parse_scenario
from utenfor.terms import AGE_GROUP_IDS, AREAS, PAYERS

amount = st.floats(min_value=0, max_value=5e6, allow_nan=False, allow_infinity=False)


@st.composite
def scenarios(draw):
    start = draw(st.integers(2012, 2030))
    run = draw(st.integers(1, 6))
    years = [str(start + i) for i in range(run)]
    first = draw(st.integers(0, len(AGE_GROUP_IDS) - 1))
    ages = list(AGE_GROUP_IDS[first : first + draw(st.integers(1, 2))])
    participants = {y: draw(st.integers(0, 500)) for y in years}
    participants[years[0]] = max(participants[years[0]], 1)
    payers = st.sampled_from(PAYERS)
    costs = {p: {y: draw(amount) for y in years} for p in draw(st.sets(payers))}
    falling = {p: {y: draw(amount) for y in years} for p in draw(st.sets(payers))}
    grants = []
    for _ in range(draw(st.integers(0, 3))):
        giver, receiver = draw(st.permutations(PAYERS))[:2]
        grants.append({"from": giver, "to": receiver, "year": int(draw(st.sampled_from(years))),
                       "amount": draw(amount)})  # fmt: skip
    return parse_scenario({
        "target_group": draw(st.sampled_from(["lowincome_benefits", "conduct_disorder"])),
        "age_groups": ages,
        "share_without_pct": draw(st.floats(0, 100)),
        "share_with_pct": draw(st.floats(0, 100)),
        "start_year": start,
        "years_run": run,
        "intervention_years": draw(st.integers(1, 5)),
        "participants": participants,
        "costs": costs,
        "costs_falling_away": falling,
        "grants": grants,
        "settings": {
            "analysis_years": draw(st.integers(1, 80)),
            "discount_rate_pct": draw(st.floats(0, 20)),
            "effect_start": draw(st.sampled_from(["after_intervention", "at_entry"])),
        },
    })  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios())
def test_engine_equals_the_plain_loop(data, scenario):
    result = calculate(scenario, data)
    flow = plain_cash_flow(scenario, data)
    engine = result.cash_flow
    scale = max(1.0, max((abs(v) for v in flow.values()), default=0.0))
    for t, year in enumerate(result.years):
        for a, area in enumerate(AREAS):
            for k, payer in enumerate(PAYERS):
                expected = flow.get((int(year), area, payer), 0.0)
                assert engine[t, a, k] == pytest.approx(expected, rel=1e-9, abs=1e-9 * scale)
    assert all(np.isfinite(engine.ravel()))
    be = plain_break_even(flow, scenario.start_year, scenario.settings.analysis_years)
    if result.break_even is None or be is None:
        # Both agree except when the final cumulative sits within rounding of zero.
        final = sum(flow.values())
        assert (result.break_even is None) == (be is None) or abs(final) < 1e-6 * scale
    else:
        assert result.break_even["year"] == be
