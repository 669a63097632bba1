"""Norwegian number formatting (the guide writes 12 767 437 and - 1 161 567)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from utenfor.formatting import kroner, number, percent, trim


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (12_767_437.4, 0, "12 767 437"),
        (-980_769.2307, 0, "−980 769"),
        (-9_807.69, 0, "−9 808"),
        (127_674.5, 0, "127 675"),  # half away from zero, as the guide's tables
        (-0.4, 0, "0"),  # no "−0"
        (999.5, 0, "1 000"),
        (1.10047, 4, "1,1005"),
        (0.961538461, 6, "0,961538"),
        (1234567.891, 2, "1 234 567,89"),
    ],
)
def test_number(value, decimals, text):
    assert number(value, decimals) == text


def test_kroner_percent_and_trim():
    assert kroner(-1_161_567) == "−1 161 567 kr"
    assert kroner(12_767_437, space="\u00a0") == "12\u00a0767\u00a0437\u00a0kr"
    assert percent(10) == "10 %" and percent(2.5) == "2,5 %"
    assert trim(2.50) == "2,5" and trim(10.0) == "10" and trim(-5) == "−5"


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e16, max_value=1e16)
       | st.integers(-10**15, 10**15).map(lambda i: i / 2)
       | st.integers(-10**15, 10**15))  # fmt: skip
def test_the_fast_path_for_whole_kroner_rounds_as_decimal_does(value):
    """number(v) skips Decimal for whole kroner; the Decimal rounding is the reference."""
    from decimal import ROUND_HALF_UP, Decimal

    rounded = Decimal(repr(float(value))).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    expected = f"{abs(rounded):,.0f}".replace(",", " ")
    expected = ("\u2212" if rounded < 0 else "") + expected
    assert number(value) == expected
