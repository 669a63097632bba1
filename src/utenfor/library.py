"""The Python front door (issue 34): `utenfor.calculate`, `analyse`, `sweep`, `load_dataset`.

A scenario is given as a dict (the scenario file's keys), a path (.toml, .yaml, .json, or a
workbook from `utenfor export`) or a `Scenario`; the data set as a path or a loaded `DataSet`
(by default $UTENFOR_DATA or the bundled open data set); local figures as a list of tables or
the path of a TOML file with `[[local_figures]]`. Amounts come back with attribute access
(`r.net_gain.total`) and, where pandas is installed, as data frames (`r.to_frame()`).
docs/python.md documents it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from utenfor.data import default_data_dir
from utenfor.data.dataset import DataSet
from utenfor.data.load import load_dataset as _load_dataset
from utenfor.formatting import kroner
from utenfor.model import result as _result
from utenfor.model import sweep as _sweep
from utenfor.model.analysis import analyse as _analyse
from utenfor.model.analysis_results import Analysis
from utenfor.model.engine import prepare
from utenfor.model.errors import Issue, ScenarioError
from utenfor.model.scenario import Scenario, parse_scenario
from utenfor.model.scenario_file import decode, load_scenario
from utenfor.terms import AREAS, PAYERS

ScenarioLike = Scenario | dict | str | Path
DataLike = DataSet | str | Path | None
LocalLike = list | tuple | str | Path | None


class Amounts(dict):
    """{"total", "kommune", "fylkeskommune", "stat"} with attribute access: `a.total`."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass(frozen=True)
class BreakEven:
    """The first year from which the cumulative net gain is no longer negative."""

    year: int
    years: int  # after the start year


def load_dataset(path: str | Path | None = None) -> DataSet:
    """A data set directory (by default $UTENFOR_DATA or the bundled open data set)."""
    return _load_dataset(path or default_data_dir())


def scenario(given: ScenarioLike, local: LocalLike = None, **changes: Any) -> Scenario:
    """A validated `Scenario` from a dict, a file or a `Scenario`, with top-level keys
    replaced by `changes` (`settings` merged) and `local`'s figures in place of its own."""
    if isinstance(given, str | Path) and Path(given).suffix.lower() == ".xlsx":
        from utenfor.reports.xlsx_read import read_workbook  # openpyxl only when asked

        given = read_workbook(given)
    elif isinstance(given, str | Path):
        given = load_scenario(given)
    if not changes and local is None:
        return given if isinstance(given, Scenario) else parse_scenario(given)
    doc = given.to_dict() if isinstance(given, Scenario) else dict(given)
    settings = changes.pop("settings", None)
    doc.update(changes)
    if settings:
        doc["settings"] = {**doc.get("settings", {}), **settings}
    if local is not None:
        doc = with_local(doc, _local_figures(local))
    return parse_scenario(doc)


def with_local(doc: dict, figures: list) -> dict:
    """`doc` with `figures` replacing its own local figures for the same unit prices."""
    mine = {f.get("parameter") for f in figures if isinstance(f, dict)}
    kept = [f for f in doc.get("local_figures", []) if f.get("parameter") not in mine]
    return doc | {"local_figures": kept + list(figures)}


def _local_figures(local: LocalLike) -> list:
    if not isinstance(local, str | Path):
        return list(local or [])
    doc = decode(Path(local).read_text(encoding="utf-8"), "toml")
    figures = doc.get("local_figures") if isinstance(doc, dict) else None
    if not isinstance(figures, list):
        rule = "mangler: skriv hvert tall som en [[local_figures]]-tabell"
        raise ScenarioError([Issue("local_figures", rule)])
    return figures


def _data(data: DataLike) -> DataSet:
    if isinstance(data, DataSet):
        return data
    if data is None:  # the default set, loaded once: a loop of calculate() keeps its memo
        return _default_dataset(Path(default_data_dir()).resolve())
    return load_dataset(data)


@cache
def _default_dataset(path: Path) -> DataSet:
    return _load_dataset(path)


class Calculation:
    """One scenario's result: the engine's `Result` with amounts as `Amounts`, break-even as
    `BreakEven` (None if not reached), and `to_frame()`. Everything else of `Result`
    (`cash_flow`, `cumulative`, `warnings`, `to_json()`, …) is reached through it."""

    def __init__(self, result: _result.Result):
        self.result = result

    def __getattr__(self, name: str) -> Any:
        return getattr(self.result, name)

    @property
    def net_gain(self) -> Amounts:
        return Amounts(self.result.net_gain)

    @property
    def net_gain_per_participant(self) -> Amounts:
        return Amounts(self.result.net_gain_per_participant)

    @property
    def by_area(self) -> dict[str, Amounts]:
        return {a: Amounts(v) for a, v in self.result.by_area.items()}

    @property
    def break_even(self) -> BreakEven | None:
        be = self.result.break_even
        return BreakEven(be["year"], be["years"]) if be else None

    def to_json(self) -> dict[str, Any]:
        return self.result.to_json()

    def to_frame(self, table: str = "areas"):
        """A pandas DataFrame: "payers" (net gain and per participant), "areas" (net gain by
        area and payer), "cumulative" (per year and payer) or "cashflow" (year × area ×
        payer, discounted and not). Needs pandas (`pip install pandas`)."""
        import pandas as pd  # optional: only this method needs it

        r = self.result
        if table == "payers":
            rows = {k: (r.net_gain[k], r.net_gain_per_participant[k]) for k in r.net_gain}
            return pd.DataFrame.from_dict(rows, orient="index",
                                          columns=["net_gain", "per_participant"])  # fmt: skip
        if table == "areas":
            return pd.DataFrame.from_dict(r.by_area, orient="index")[["total", *PAYERS]]
        if table == "cumulative":
            return pd.DataFrame(r.cumulative).set_index("year")
        if table == "cashflow":
            return pd.DataFrame(r.to_json()["cashflow"]).set_index(["year", "area", "payer"])
        raise ValueError(f"ukjent tabell «{table}»; bruk payers, areas, cumulative eller cashflow")

    def __repr__(self) -> str:
        be = self.break_even
        when = f"break-even {be.year}" if be else "break-even ikke nådd"
        s = self.result.scenario
        return (f"<utenfor {s.target_group} {'+'.join(s.age_groups)}: nettogevinst "
                f"{kroner(self.net_gain.total)}, {when}>")  # fmt: skip


def calculate(given: ScenarioLike, data: DataLike = None, local: LocalLike = None,
              **changes: Any) -> Calculation:  # fmt: skip
    """The model for one scenario; `changes` replace top-level keys of it."""
    return Calculation(_result.calculate(scenario(given, local, **changes), _data(data)))


def analyse(given: ScenarioLike, data: DataLike = None, local: LocalLike = None,
            **options: Any) -> Analysis:  # fmt: skip
    """Thresholds, sensitivity, uncertainty and co-financing (docs/analysis.md); `options`
    are `analyse`'s: success_rate_pct / cost_pct as `Spread`, draws, seed, distribution."""
    return _analyse(scenario(given, local), _data(data), **options)


class Sweep(list):
    """One row per scenario: {"net_gain": Amounts, "break_even": year or None, "scenario"}."""

    def to_frame(self):
        """A pandas DataFrame, one row per scenario: the net gain total and per payer, and
        the break-even year. Needs pandas."""
        import pandas as pd

        return pd.DataFrame([{**row["net_gain"], "break_even": row["break_even"]}
                             for row in self])  # fmt: skip


def sweep(scenarios: Iterable[ScenarioLike], data: DataLike = None) -> Sweep:
    """Many scenarios at once, vectorised (the engine's batch): net gain and break-even."""
    dataset = _data(data)
    chosen = [scenario(s) for s in scenarios]
    plain = [i for i, s in enumerate(chosen) if not s.local_figures]
    rows: list[dict | None] = [None] * len(chosen)
    if plain:
        out = _sweep.sweep([prepare(chosen[i], dataset) for i in plain], dataset)
        for k, i in enumerate(plain):
            horizon = chosen[i].settings.analysis_years
            index = int(out["break_even"][k])
            rows[i] = _row(
                chosen[i],
                _result.payer_totals(out["by_payer"][k]),
                chosen[i].start_year + index if 0 <= index < horizon else None,
            )
    for i, s in enumerate(chosen):
        if rows[i] is None:  # own local figures: its own data set
            r = _result.calculate(s, dataset)
            rows[i] = _row(s, r.net_gain, r.break_even and r.break_even["year"])
    return Sweep(rows)


def _row(s: Scenario, net_gain: dict, year: int | None) -> dict:
    return {"net_gain": Amounts(net_gain), "break_even": year, "scenario": s}


__all__ = ["AREAS", "PAYERS", "Amounts", "BreakEven", "Calculation", "Sweep", "analyse",
           "calculate", "load_dataset", "scenario", "sweep"]  # fmt: skip
