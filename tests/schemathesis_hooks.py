"""schemathesis hooks (loaded through SCHEMATHESIS_HOOKS by tests/test_schemathesis.py): the
rules that tie one field to another, which a JSON schema cannot state (docs/formats.md),
applied to generated bodies so that most of them reach the model and the store:

- the years of `participants`, `costs`, `costs_falling_away` and `grants` lie in the
  scenario's own years (start_year … start_year + years_run − 1): a generated year is moved
  into them, keeping its place modulo years_run;
- a grant goes between two different payers;
- a discount schedule starts at year 0 and rises;
- a spread (analyse body, export query) is low <= likely <= high;
- a unit price has at most one local figure (a later one for the same price is dropped).

A case that breaks a rule another way (a type, a range) stays broken: the hooks only move what
they recognise, so the negative cases still test the refusals."""

from __future__ import annotations

import gc
from typing import Any

import schemathesis
from schemathesis.resources import repository

PAYERS = ("kommune", "fylkeskommune", "stat")

# Fuzzing reuses the ids the API returned (schemathesis.toml). schemathesis keeps up to 500 of
# them a resource and goes through all it keeps for every case it draws: a fifth of its CPU
# in the run without accounts (issue 32). The newest 50 still reach the saved scenarios.
assert hasattr(repository, "PER_CONTEXT_CAPACITY"), "schemathesis renamed its id store's size"
repository.PER_CONTEXT_CAPACITY = 50

# Most of what schemathesis and hypothesis keep while they run (hypothesis's tree of the
# choices made so far, the ids above, the report) lives until the run ends, so the heap grows,
# and each of Python's full collections walks all of it: in one run without accounts, 53 of
# them took 10.7 of the client's 133 core-seconds (issue 32). A full collection now waits for
# 1 000 of the middle generation's instead of 10: 2 in the same run, 1.7 core-seconds, and
# the client's peak memory 489 MB instead of 288. The young generations keep Python's own.
# (tests/conftest.py does the same in pytest's own processes with 100, not 1 000: there a
# cycle may hold a database connection or a file until a full collection frees it.)
FULL_COLLECTION_AFTER = 1000  # collections of the middle generation (Python's own: 10)
gc.freeze()
gc.set_threshold(*gc.get_threshold()[:2], FULL_COLLECTION_AFTER)

# The coverage phase varies a body while it holds each path parameter at its first value,
# and the export's formats came as xlsx, pdf, json: some 130 varied bodies a run were written
# as workbooks (0.1 s each; 26 of the two servers' 78 core-seconds, issue 32). With json
# first they go through the same checks, validation, report and what-if as before, and out
# as JSON: as many requests, with the same outcomes, in both runs (docs/performance.md, wave
# 3p). Fuzzing still draws every format, and the workbook's own tests write random and
# hostile scenarios.
CHEAPEST_FIRST = {"fmt": "json"}  # a path parameter's value the coverage phase should hold


@schemathesis.hook
def before_load_schema(context, raw_schema):
    for item in raw_schema.get("paths", {}).values():
        for operation in item.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                first = CHEAPEST_FIRST.get(parameter.get("name"))
                values = parameter.get("schema", {}).get("enum")
                if parameter.get("in") == "path" and first in (values or ()):
                    values.sort(key=lambda value: value != first)


SPREADS = ("success_rate_pct", "cost_pct", "level_pct")


def _year(year: Any, start: int, run: int) -> Any:
    try:
        return start + (int(year) - start) % run
    except (TypeError, ValueError):
        return year


def _years(table: Any, start: int, run: int) -> Any:
    if not isinstance(table, dict):
        return table
    moved: dict = {}
    for year, value in table.items():
        moved[str(_year(year, start, run))] = value
    return moved


def fix_scenario(scenario: Any) -> Any:
    if not isinstance(scenario, dict):
        return scenario
    start, run = scenario.get("start_year"), scenario.get("years_run")
    if isinstance(start, int) and isinstance(run, int) and run >= 1:
        scenario["participants"] = _years(scenario.get("participants"), start, run)
        for name in ("costs", "costs_falling_away"):
            tables = scenario.get(name)
            if isinstance(tables, dict):
                scenario[name] = {p: _years(t, start, run) for p, t in tables.items()}
        grants = scenario.get("grants")
        for grant in grants if isinstance(grants, list) else []:
            if isinstance(grant, dict):
                grant["year"] = _year(grant.get("year"), start, run)
                if grant.get("from") == grant.get("to") in PAYERS:
                    grant["to"] = PAYERS[(PAYERS.index(grant["to"]) + 1) % len(PAYERS)]
    settings = scenario.get("settings")
    schedule = settings.get("discount_schedule") if isinstance(settings, dict) else None
    if isinstance(schedule, list) and all(isinstance(s, dict) for s in schedule) and schedule:
        by_year = {s.get("from_year"): s for s in schedule}
        if all(isinstance(y, int) for y in by_year):
            steps = [by_year[y] for y in sorted(by_year)]
            steps[0]["from_year"] = 0
            settings["discount_schedule"] = steps
    local = scenario.get("local_figures")
    if isinstance(local, list) and all(isinstance(f, dict) for f in local):
        first = {}
        for f in local:
            first.setdefault(str(f.get("parameter")), f)
        scenario["local_figures"] = list(first.values())
    return scenario


def _ordered(spread: Any) -> Any:
    if isinstance(spread, list) and all(isinstance(x, int | float) for x in spread):
        return sorted(spread)
    return spread


@schemathesis.hook
def map_body(context, body):
    if not isinstance(body, dict):
        return body
    fix_scenario(body)
    fix_scenario(body.get("scenario"))
    items = body.get("scenarios")
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            fix_scenario(item.get("scenario"))
    for name in SPREADS:
        if name in body:
            body[name] = _ordered(body[name])
    return body


@schemathesis.hook
def map_query(context, query):
    if not isinstance(query, dict):
        return query
    for name in ("success", "cost", "level"):
        value = query.get(name)
        if isinstance(value, str):
            try:
                parts = sorted(value.split("/"), key=lambda x: float(x.replace(",", ".")))
            except ValueError:
                continue
            query[name] = "/".join(parts)
    return query
