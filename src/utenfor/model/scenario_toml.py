"""Writing a scenario as a TOML file in the layout of docs/formats.md (for downloads)."""

from __future__ import annotations

import json

from utenfor.model.scenario import Scenario


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return str(int(v)) if float(v).is_integer() else repr(float(v))
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):  # a discount step: every key, zeros included
        return "{ " + ", ".join(f"{k} = {_value(x)}" for k, x in v.items()) + " }"
    return json.dumps(str(v), ensure_ascii=False)  # a TOML basic string


def _table(d: dict) -> str:
    return "{ " + ", ".join(f'"{k}" = {_value(v)}' for k, v in d.items() if v) + " }"


def to_toml(scenario: Scenario, title: str | None = None) -> str:
    d = scenario.to_dict()
    title = " ".join((title or "Utenfor-regnskapet: scenario").split())
    lines = [f"# {title}", ""]
    for key in ("target_group", "age_groups", "share_without_pct", "share_with_pct",
                "start_year", "years_run", "intervention_years"):  # fmt: skip
        lines.append(f"{key} = {_value(d[key])}")
    if d.get("evidence_id"):  # the documented programme behind the success rate (issue 33)
        lines.append(f"evidence_id = {_value(d['evidence_id'])}")
    lines.append(f"participants = {_table(d['participants'])}")
    for section in ("costs", "costs_falling_away"):
        lines += ["", f"[{section}]"]
        lines += [f"{payer} = {_table(t)}" for payer, t in d[section].items() if any(t.values())]
    for g in d["grants"]:
        lines += ["", "[[grants]]"] + [f"{k} = {_value(v)}" for k, v in g.items()]
    lines += ["", "[settings]"] + [f"{k} = {_value(v)}" for k, v in d["settings"].items()]
    for f in d.get("local_figures", []):  # the municipality's own unit costs
        lines += ["", "[[local_figures]]"] + [f"{k} = {_value(v)}" for k, v in f.items()]
    return "\n".join(lines) + "\n"
