"""The JSON result's shape (docs/formats.md, "JSON result"): a public contract."""

from __future__ import annotations

import json

import pytest

from support import WORKED_EXAMPLE, make
from utenfor import MODEL_VERSION
from utenfor.model import calculate, load_scenario
from utenfor.terms import AREAS, PAYERS

CONTRACT_KEYS = {
    "model_version", "data", "scenario", "success_rate", "participants", "price_factor",
    "net_gain", "net_gain_per_participant", "by_area", "cumulative", "cashflow", "break_even",
    "warnings",
}  # fmt: skip
PAYER_KEYS = {"total", *PAYERS}


@pytest.fixture(scope="module")
def doc(data):
    return calculate(load_scenario(WORKED_EXAMPLE), data).to_json()


def test_has_every_contract_key(doc):
    assert set(doc) >= CONTRACT_KEYS
    assert doc["model_version"] == MODEL_VERSION
    assert set(doc["data"]) == {"name", "version", "fingerprint"}
    assert doc["data"]["fingerprint"].startswith("sha256:")


def test_amounts_by_payer_and_area(doc):
    assert set(doc["net_gain"]) == PAYER_KEYS
    assert set(doc["net_gain_per_participant"]) == PAYER_KEYS
    assert list(doc["by_area"]) == list(AREAS)
    assert all(set(v) == PAYER_KEYS for v in doc["by_area"].values())


def test_series_cover_the_analysis_period(doc):
    years = list(range(2021, 2061))
    assert [row["year"] for row in doc["cumulative"]] == years
    assert all(set(row) == {"year", *PAYER_KEYS} for row in doc["cumulative"])
    assert len(doc["cashflow"]) == 40 * 7 * 3
    first = doc["cashflow"][0]
    assert set(first) >= {"year", "area", "payer", "discounted"}
    assert doc["cumulative"][-1]["total"] == pytest.approx(doc["net_gain"]["total"], abs=1e-6)
    assert sum(r["discounted"] for r in doc["cashflow"]) == pytest.approx(
        doc["net_gain"]["total"], abs=1e-6
    )


def test_amounts_are_unrounded_floats(doc):
    assert isinstance(doc["net_gain"]["total"], float)
    assert doc["by_area"]["implementation"]["total"] != round(
        doc["by_area"]["implementation"]["total"]
    )


def test_scenario_as_understood_has_defaults_filled_in(doc):
    s = doc["scenario"]
    assert s["settings"] == {
        "analysis_years": 40, "discount_rate_pct": 4.0, "effect_start": "after_intervention",
        # added by issue 6 (the contract allows new fields); at these values they change nothing
        "dropoff_pct": 0.0, "optimism_cost_uplift_pct": 0.0, "optimism_success_haircut_pct": 0.0,
    }  # fmt: skip
    assert s["participants"] == {"2021": 100, "2022": 0}
    assert s["grants"] == [{"from": "stat", "to": "kommune", "year": 2021, "amount": 500000.0}]
    assert doc["success_rate"] == pytest.approx(0.10) and doc["participants"] == 100


def test_is_strict_json(doc):
    text = json.dumps(doc, allow_nan=False)  # raises on NaN or infinity
    assert json.loads(text) == doc


def test_break_even_and_warnings_shapes(doc, data, simple):
    # The worked example on the hand-calculation data never breaks even: 10 successful x
    # 650 kr x 1.1 x 18.62 (the discount sum for 2023-2060) = 133 154 < 980 769 in costs.
    assert doc["break_even"] is None
    assert all(set(w) == {"code", "message"} for w in doc["warnings"])
    # 1 000 kr of kommune cost in 2021; gains start in 2023 (entry 2021 + 2 years): 10
    # successful x 650 kr x 1.1 / 1.04^2 = 6 610 kr in total, 10 x 260 x 1.1 / 1.04^2 = 2 644 kr
    # for the kommune, both more than the cost, so both break even in 2023, 2 years after start.
    gains = calculate(make(simple, costs={"kommune": {"2021": 1000}}), data).to_json()
    assert gains["break_even"] == {"year": 2023, "years": 2}
    assert gains["break_even_by_payer"]["kommune"] == {"year": 2023, "years": 2}
    never = calculate(make(simple, share_with_pct=50, costs={"kommune": {"2021": 1}}), data)
    assert never.to_json()["break_even"] is None
