"""A deliberately plain implementation of docs/model.md, "The computation".

Written from the spec, separately from the engine, with nested Python loops over cohorts,
entry ages, years and sub-areas. Used to cross-check the engine in tests and as the
comparison in bench/engine.py. Slow by design; do not optimise it.
"""

from __future__ import annotations

from utenfor.terms import AGE_GROUPS, PAYERS


def plain_cash_flow(scenario, data) -> dict[tuple[int, str, str], float]:
    """{(year, area, payer): discounted net gain}, gains positive, costs negative."""
    start = scenario.start_year
    horizon = scenario.settings.analysis_years
    settings = scenario.settings
    success = (scenario.share_with_pct - scenario.share_without_pct) / 100
    success *= 1 - settings.optimism_success_haircut_pct / 100  # the optimism haircut
    uplift = 1 + settings.optimism_cost_uplift_pct / 100  # on the gross costs only
    keep = 1 - settings.dropoff_pct / 100  # share of the successful still on course a year on
    years = sorted(data.price_index)
    index_year = min(max(start, years[0]), years[-1])
    price = data.price_index[index_year] / data.price_index[data.price_base_year]
    delay = (
        scenario.intervention_years if scenario.settings.effect_start == "after_intervention" else 0
    )
    groups = [g.id for g in data.groups]
    profiles = data.profiles.tolist()  # plain nested lists
    target, population = (
        profiles[groups.index(scenario.target_group)],
        profiles[groups.index("population")],
    )
    subareas = [(s.area_id, s.shares) for s in data.subareas]
    max_age = len(target) - 1

    flow: dict[tuple[int, str, str], float] = {}

    # Each year is discounted at its own rate: the rate of the last step starting at or
    # before it (one step at discount_rate_pct without a schedule); factors multiply up.
    steps = [(s.from_year, s.rate_pct) for s in settings.discount_schedule or ()]
    steps = steps or [(0, settings.discount_rate_pct)]
    factor, discount = 1.0, []
    for tau in range(horizon):
        discount.append(factor)
        rate = [r for first, r in steps if first <= tau][-1] / 100
        factor /= 1 + rate

    def add(year, area, payer, amount):
        key = (year, area, payer)
        flow[key] = flow.get(key, 0.0) + amount * discount[year - start]

    for entry_year, count in scenario.participants.items():
        for age_group in scenario.age_groups:
            ages = list(AGE_GROUPS[age_group])
            weight = 1 / len(ages) / len(scenario.age_groups)
            for entry_age in ages:
                for year in range(entry_year + delay, start + horizon):
                    age = entry_age + year - entry_year
                    if age > max_age:
                        continue
                    for j, (area, shares) in enumerate(subareas):
                        gap = target[age][j] - population[age][j]
                        for k, payer in enumerate(PAYERS):
                            still = keep ** (year - entry_year - delay)  # drop-off
                            amount = count * success * still * weight * gap * shares[k] * price
                            add(year, area, payer, amount)

    def cost(year, payer, amount):
        if year < start + horizon:
            add(year, "implementation", payer, -amount)

    for payer, table in scenario.costs.items():
        for year, amount in table.items():
            cost(year, payer, amount * uplift)
    for payer, table in scenario.costs_falling_away.items():
        for year, amount in table.items():
            cost(year, payer, -amount)
    for grant in scenario.grants:
        cost(grant.year, grant.to, -grant.amount)
        cost(grant.year, grant.from_, grant.amount)
    return flow


def plain_break_even(flow, start: int, horizon: int) -> int | None:
    """First year from which the cumulative discounted net gain stays >= 0."""
    cumulative, result = 0.0, None
    for year in range(start, start + horizon):
        cumulative += sum(v for (y, _, _), v in flow.items() if y == year)
        if cumulative < -1e-6:
            result = None
        elif result is None:
            result = year
    return result
