"""hypothesis strategies shared by the property tests: valid scenarios, and junk."""

from __future__ import annotations

from hypothesis import strategies as st

from utenfor.model import parse_scenario
from utenfor.terms import AGE_GROUP_IDS, PAYERS

amount = st.floats(min_value=0, max_value=5e6, allow_nan=False, allow_infinity=False)


@st.composite
def scenario_dicts(draw) -> dict:
    """Valid scenarios as a user would write them (interfaces.md)."""
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
    return {
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
        "settings": draw(settings()),
    }  # fmt: skip


@st.composite
def settings(draw) -> dict:
    """Analysis settings, the what-if ones (drop-off, schedule, optimism) included: often at
    their neutral defaults, as users leave them."""
    out = {
        "analysis_years": draw(st.integers(1, 80)),
        "discount_rate_pct": draw(st.floats(0, 20)),
        "effect_start": draw(st.sampled_from(["after_intervention", "at_entry"])),
    }
    optional = {
        "dropoff_pct": st.floats(0, 100),
        "optimism_cost_uplift_pct": st.floats(0, 100),
        "optimism_success_haircut_pct": st.floats(0, 100),
        "discount_schedule": st.just("R-109") | schedules(),
    }
    for key, values in optional.items():
        if draw(st.booleans()):
            out[key] = draw(values)
    return out


@st.composite
def schedules(draw) -> list[dict]:
    """A declining (or any) stepwise schedule: from_year 0 first, rising years."""
    later = sorted(draw(st.sets(st.integers(1, 79), max_size=3)))
    return [{"from_year": year, "rate_pct": draw(st.floats(0, 20))} for year in [0, *later]]


def scenarios():
    """Valid scenarios, parsed."""
    return scenario_dicts().map(parse_scenario)


# What can arrive where a value goes: anything JSON, TOML or YAML can hold, and then some.
junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
    | st.sampled_from(["1 000 000", "1,5", "12 767 437 kr", "-", "2021", "1e400", "NaN"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                               max_size=3),
    max_leaves=8,
)  # fmt: skip
