"""The engine: pure functions over numpy (no web, database, Excel or PDF imports)."""

from utenfor.model.result import Result, calculate
from utenfor.model.scenario import Issue, Scenario, ScenarioError, parse_scenario
from utenfor.model.scenario_file import load_scenario, read_scenario

__all__ = [
    "Issue",
    "Result",
    "Scenario",
    "ScenarioError",
    "calculate",
    "load_scenario",
    "parse_scenario",
    "read_scenario",
]
