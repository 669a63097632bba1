"""The service layer: the one road from what a user gives (a scenario, the data, their spreads,
a language) to a `Report`, and from a Report to a file. The command line, the pages and the
API all come through here; so do parsing the spreads, restoring a backup and exporting
(issue 11). It knows no web framework and no terminal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from utenfor.data.dataset import DataSet
from utenfor.draws import DRAWS, SEED
from utenfor.formatting import file_name
from utenfor.model.analysis import analyse, decompose, thresholds
from utenfor.model.errors import N_
from utenfor.model.result import calculate
from utenfor.model.scenario import Issue, Scenario, ScenarioError, parse_scenario
from utenfor.model.uncertainty import LIMITS, Spread
from utenfor.reports.comparison import Compared
from utenfor.reports.renderers import RENDERERS
from utenfor.reports.report import Report

SPREADS = tuple(LIMITS)  # success_rate_pct, cost_pct, level_pct


def spread(values: Any, name: str, field: str | None = None) -> Spread:
    """The spread of input `name` (one of SPREADS) from 'low/likely/high' text ('5/10/15',
    decimal comma allowed) or three numbers; a Norwegian `ScenarioError` naming `field`
    (default `name`) when it is not one or lies outside the input's limits."""
    field = field or name
    try:
        if isinstance(values, str):
            values = [float(x.strip().replace(",", ".")) for x in values.split("/")]
        low, likely, high = (float(v) for v in values)
    except (TypeError, ValueError):
        raise ScenarioError([Issue(field, N_("skriv lav/sannsynlig/høy, for eksempel 5/10/15"))]) \
            from None  # fmt: skip
    result = Spread(low, likely, high)
    if issues := result.issues(name, field):
        raise ScenarioError(issues)
    return result


def spreads(given: dict[str, Any], fields: dict[str, str] | None = None) -> dict[str, Spread]:
    """The spreads among `given` (keys of `SPREADS`, values as `spread` takes them), all
    problems at once; `fields` names them as the user knows them (`--success`)."""
    out, issues = {}, []
    for name in SPREADS:
        if given.get(name) is None:
            continue
        try:
            out[name] = spread(given[name], name, (fields or {}).get(name, name))
        except ScenarioError as exc:
            issues += exc.issues
    if issues:
        raise ScenarioError(issues)
    return out


def report(
    scenario: Scenario,
    data: DataSet,
    *,
    spreads: dict[str, Spread] | None = None,
    lang: str = "nb",
    title: str | None = None,
    with_analysis: bool = True,
    draws: int = DRAWS,
    seed: int = SEED,
    distribution: Literal["triangular", "pert"] = "triangular",
) -> Report:
    """The scenario computed on `data`, with the what-if analysis at the user's spreads."""
    result = calculate(scenario, data)
    analysis = None
    if with_analysis:
        analysis = analyse(scenario, data, draws=draws, seed=seed, distribution=distribution,
                           **(spreads or {}))  # fmt: skip
    return Report(result, analysis, lang, title or None)


def compare(named: list[tuple[str, Scenario]], data: DataSet) -> list[Compared]:
    """Scenarios side by side (`reports.comparison` builds the rows): each computed with its
    own local figures, and its thresholds."""
    out = []
    for name, scenario in named:
        result = calculate(scenario, data)
        out.append(Compared(name, result, thresholds(decompose(scenario, result.data))))
    return out


@dataclass(frozen=True)
class Export:
    content: bytes
    media_type: str
    filename: str


def export(rep: Report, fmt: str) -> Export:
    """The report as a file in format `fmt` (a name in `RENDERERS`)."""
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise ScenarioError([Issue("(format)", f"ukjent format «{fmt}»; bruk en av: "
                                               f"{', '.join(RENDERERS)}")])  # fmt: skip
    name = file_name(rep.title, suffix=renderer.suffix)  # after the scenario and the date
    return Export(renderer.render(rep), renderer.media_type, name)


def check_backup(document: Any, where: str = "") -> None:
    """Every scenario in a backup, saved or an initiative's revision, must open again; a
    `ScenarioError` names the first that does not (its place prefixed by `where`)."""
    if not isinstance(document, dict) or not all(
        isinstance(document.get(key, []), list) for key in ("scenarios", "initiatives", "plans")
    ):
        raise ScenarioError(
            [Issue(where or "(sikkerhetskopi)", N_("er ikke en sikkerhetskopi fra utenfor"))]
        )
    scenarios = [(f"scenarios[{i}]", item.get("scenario") if isinstance(item, dict) else None)
                 for i, item in enumerate(document.get("scenarios", []))]  # fmt: skip
    for i, item in enumerate(document.get("initiatives", [])):  # each revision must open too
        events = item.get("events") if isinstance(item, dict) else None
        scenarios += [(f"initiatives[{i}].events[{j}].body.scenario", e["body"].get("scenario"))
                      for j, e in enumerate(events if isinstance(events, list) else [])
                      if isinstance(e, dict) and e.get("kind") == "scenario"
                      and isinstance(e.get("body"), dict)]  # fmt: skip
    for place, scenario in scenarios:
        try:
            parse_scenario(scenario)
        except ScenarioError as exc:
            raise ScenarioError([x.at(f"{where}{place}.{x.field}") for x in exc.issues]) from None


def restore(store, document: Any) -> int:
    """Put back a workspace's backup (all or nothing), every scenario in it checked first."""
    check_backup(document)
    try:
        return store.restore(document)
    except (ValueError, AttributeError) as exc:
        raise ScenarioError([Issue("(sikkerhetskopi)", str(exc))]) from None
