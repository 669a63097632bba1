"""model/sweep.py (many plans' totals at once, summed in another order than `calculate`)
against the plain-loop reference (tests/reference_model.py), plan by plan."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reference_model import plain_break_even, plain_cash_flow
from strategies import scenarios
from utenfor.model.engine import prepare
from utenfor.model.sweep import sweep
from utenfor.terms import AREAS, PAYERS


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(scenarios(), min_size=1, max_size=6), chunk=st.integers(1, 4))
def test_a_sweep_equals_the_plain_loop_for_every_plan(data, batch, chunk):
    """Plans of different periods, programme lengths, groups and settings in one batch, cut
    into chunks of any size: each plan's sums are its own."""
    swept = sweep([prepare(s, data) for s in batch], data, chunk=chunk)
    for row, scenario in enumerate(batch):
        flow = plain_cash_flow(scenario, data)
        scale = max(1.0, max((abs(v) for v in flow.values()), default=0.0))

        def near(value, expected, scale=scale):
            return value == pytest.approx(expected, rel=1e-9, abs=1e-9 * scale)

        for a, area in enumerate(AREAS):
            for k, payer in enumerate(PAYERS):
                cell = sum(v for (_, x, p), v in flow.items() if (x, p) == (area, payer))
                assert near(swept["by_area"][row, a, k], cell)
        for k, payer in enumerate(PAYERS):
            assert near(swept["by_payer"][row, k], sum(v for key, v in flow.items()
                                                       if key[2] == payer))  # fmt: skip
        final = sum(flow.values())
        assert near(swept["total"][row], final)
        start, horizon = scenario.start_year, scenario.settings.analysis_years
        expected = plain_break_even(flow, start, horizon)
        index = int(swept["break_even"][row])
        if expected is None or index < 0:
            # as in test_reference_model: they differ only where the final sum is ~0
            assert (expected is None) == (index < 0) or abs(final) < 1e-6 * scale
        else:
            assert start + index == expected
