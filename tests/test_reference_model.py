"""The engine against the plain-loop reference (tests/reference_model.py) on random scenarios."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from reference_model import plain_break_even, plain_cash_flow
from strategies import scenarios
from utenfor.model import calculate
from utenfor.terms import AREAS, PAYERS


@settings(
    max_examples=settings.default.max_examples * 3 // 2,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
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
