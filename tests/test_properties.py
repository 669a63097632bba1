"""Property tests (issue 7) of the scenario parser and the engine.

Any valid scenario gives finite numbers whose payer and area sums agree; any invalid input is
refused with Norwegian messages that name a field, never crashed on.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import junk, scenario_dicts, scenarios
from utenfor.model import ScenarioError, calculate, parse_scenario
from utenfor.model.scenario_file import read_scenario
from utenfor.model.scenario_toml import to_toml
from utenfor.terms import AREAS, PAYERS

SOME = settings(
    max_examples=2 * settings.default.max_examples,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _numbers(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _numbers(v)
    elif isinstance(value, list):
        for v in value:
            yield from _numbers(v)
    elif isinstance(value, float | int) and not isinstance(value, bool):
        yield value


def close(a: float, b: float, scale: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9 * max(1.0, scale))


@SOME
@given(scenario=scenarios())
def test_any_valid_scenario_gives_finite_numbers_whose_sums_agree(data, scenario):
    out = calculate(scenario, data).to_json()
    assert all(math.isfinite(x) for x in _numbers(out))
    net, areas = out["net_gain"], out["by_area"]
    scale = max(abs(x) for x in _numbers(out["cashflow"])) * len(out["cashflow"]) or 1.0
    assert close(net["total"], sum(net[p] for p in PAYERS), scale)
    assert set(areas) == set(AREAS) | {"implementation"}
    for payer in (*PAYERS, "total"):
        assert close(net[payer], sum(areas[a][payer] for a in areas), scale)
        assert close(net[payer], out["cumulative"][-1][payer], scale)
    for area in areas.values():
        assert close(area["total"], sum(area[p] for p in PAYERS), scale)
    for payer in PAYERS:
        flows = sum(row["discounted"] for row in out["cashflow"] if row["payer"] == payer)
        assert close(net[payer], flows, scale)
    if out["participants"]:
        assert close(out["net_gain_per_participant"]["total"],
                     net["total"] / out["participants"], scale)  # fmt: skip


@SOME
@given(scenario=scenarios())
def test_a_scenario_written_as_a_file_reads_back_the_same(scenario):
    """In its complete form (every year and payer written out, zeros included)."""
    complete = scenario.to_dict()
    assert read_scenario(to_toml(scenario), "toml").to_dict() == complete
    assert parse_scenario(complete).to_dict() == complete


def _named_in_norwegian(exc: ScenarioError) -> None:
    """Every issue names a field and says what is wrong in Norwegian."""
    assert exc.issues
    for issue in exc.issues:
        assert issue.field and issue.message
        assert "ugyldig verdi (" not in issue.message, issue  # an untranslated error


def _refused_properly(call) -> None:
    """Either a scenario, or a ScenarioError whose every issue names a field in Norwegian."""
    try:
        call()
    except ScenarioError as exc:
        _named_in_norwegian(exc)


@st.composite
def spoiled(draw):
    """A valid scenario with one value, somewhere in it, replaced by junk or removed."""
    d = draw(scenario_dicts())
    path = [draw(st.sampled_from(sorted(d)))]
    node = d[path[0]]
    while isinstance(node, dict | list) and node and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        path.append(key)
        node = node[key]
    parent = d
    for key in path[:-1]:
        parent = parent[key]
    if draw(st.integers(0, 5)) == 0 and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(junk)
    return d


@SOME
@given(document=spoiled())
def test_a_spoiled_scenario_is_refused_with_a_message_not_a_crash(document):
    _refused_properly(lambda: parse_scenario(document))


@SOME
@given(document=junk)
def test_any_document_at_all_is_refused_with_a_message(document):
    _refused_properly(lambda: parse_scenario(document))


@SOME
@given(text=st.text(max_size=200), fmt=st.sampled_from(["toml", "yaml", "json"]))
def test_any_file_text_is_read_or_refused_with_a_message(text, fmt):
    _refused_properly(lambda: read_scenario(text, fmt))


@pytest.mark.parametrize("fmt", ["toml", "yaml", "json"])
@SOME
@given(scenario=scenarios(), cut=st.integers(0, 2000), extra=st.text(max_size=5))
def test_a_damaged_file_is_read_or_refused_with_a_message(scenario, fmt, cut, extra):
    """A real scenario file cut short or with characters pasted in somewhere."""
    import json

    import yaml

    text = {"toml": to_toml(scenario), "json": json.dumps(scenario.to_dict()),
            "yaml": yaml.safe_dump(scenario.to_dict())}[fmt]  # fmt: skip
    cut = cut % (len(text) + 1)
    _refused_properly(lambda: read_scenario(text[:cut] + extra + text[cut:], fmt))


TRICKY = [1e308, -1e308, 10**40, float("nan"), float("inf"), "1 000 000", "1,5", "", [], {},
          True, None, "2021-01-01", 2**63]  # fmt: skip
PLACES = ["share_with_pct", "start_year", "years_run", "intervention_years", "participants.2021",
          "costs.kommune.2021", "settings.analysis_years", "settings.discount_rate_pct",
          "grants.0.amount", "grants.0.year"]  # fmt: skip


@pytest.mark.parametrize("value", TRICKY, ids=repr)
@pytest.mark.parametrize("place", PLACES)
def test_tricky_values_anywhere_are_refused_with_a_norwegian_message(value, place):
    d = {"target_group": "lowincome_benefits", "age_groups": ["13-15"], "share_without_pct": 50,
         "share_with_pct": 60, "start_year": 2021, "years_run": 1, "intervention_years": 2,
         "participants": {"2021": 100}, "costs": {"kommune": {"2021": 1000}},
         "grants": [{"from": "stat", "to": "kommune", "year": 2021, "amount": 5}],
         "settings": {"analysis_years": 40, "discount_rate_pct": 4}}  # fmt: skip
    *parents, last = place.split(".")
    node = d
    for key in parents:
        node = node[int(key)] if key.isdigit() and isinstance(node, list) else node[key]
    node[last if isinstance(node, dict) else int(last)] = value
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(d)
    _named_in_norwegian(refused.value)
    assert any(i.field.startswith(place.split(".")[0]) for i in refused.value.issues)


def _drawn() -> list[str]:
    drawn: list[str] = []

    @given(st.text(max_size=20))
    def probe(text):
        drawn.append(text)

    probe()
    return drawn


@pytest.mark.skipif(settings.default.derandomize is False, reason="dev.py explore: random seeds")
def test_the_suite_draws_the_same_examples_on_every_run():
    """tests/conftest.py's "suite" profile: a run cannot fail on an input no other run drew."""
    first = _drawn()
    assert len(first) > 50 and _drawn() == first
