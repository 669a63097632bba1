"""Reading a plan file (issue 15): a name and the initiatives, each a name and the path of its
scenario file, relative to the plan file (docs/formats.md, "Plan file").

    name = "Plan for kvalifiserte tiltak 2021–2024"

    [[initiatives]]
    name = "Losen"
    scenario = "losen.toml"
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from utenfor.marks import N_
from utenfor.model.errors import Issue, ScenarioError
from utenfor.model.scenario import Scenario
from utenfor.model.scenario_file import FORMATS, decode, load_scenario

MAX_INITIATIVES = 50


@dataclass(frozen=True)
class PlanFile:
    name: str
    initiatives: tuple[tuple[str, Scenario], ...]


def _text(value, where: str, problems: list[Issue]) -> str:
    if not isinstance(value, str) or not value.strip():
        problems.append(Issue(where, N_("må oppgis som tekst")))
        return ""
    return value.strip()


def load_plan(path: str | Path) -> PlanFile:
    """The plan and its initiatives' scenarios; every problem as a ScenarioError issue whose
    field names the initiative (`initiatives[2].scenario`, `initiatives[2].share_with_pct`)."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        rule = N_("{name}: ukjent filtype; bruk .toml, .yaml, .yml eller .json")
        raise ScenarioError([Issue("(fil)", rule, {"name": path.name})])
    try:
        doc = decode(path.read_text(encoding="utf-8"), fmt)
    except (OSError, UnicodeDecodeError):
        rule = N_("{path} finnes ikke eller kan ikke leses som UTF-8-tekst")
        raise ScenarioError([Issue("(fil)", rule, {"path": str(path)})]) from None
    if not isinstance(doc, dict):
        raise ScenarioError([Issue("(fil)", N_("må være en tabell med name og initiatives"))])
    problems: list[Issue] = []
    name = _text(doc.get("name"), "name", problems)
    unknown = sorted(set(doc) - {"name", "initiatives"})
    problems += [Issue(k, N_("ukjent felt (er det stavet riktig?)")) for k in unknown]
    items = doc.get("initiatives")
    if not isinstance(items, list) or not items:
        problems.append(Issue("initiatives", N_("må ha minst ett tiltak: [[initiatives]] med "
                                                "name og scenario")))  # fmt: skip
        items = []
    elif len(items) > MAX_INITIATIVES:
        problems.append(Issue("initiatives", N_("kan ha høyst {n} tiltak"),
                              {"n": MAX_INITIATIVES}))  # fmt: skip
        items = []
    initiatives = []
    for i, item in enumerate(items, start=1):
        at = f"initiatives[{i}]"
        if not isinstance(item, dict):
            problems.append(Issue(at, N_("må være en tabell med name og scenario")))
            continue
        title = _text(item.get("name"), f"{at}.name", problems)
        file = _text(item.get("scenario"), f"{at}.scenario", problems)
        if not file:
            continue
        try:
            initiatives.append((title, load_scenario(path.parent / file)))
        except ScenarioError as exc:
            problems += [replace(issue, field=f"{at}.{issue.field}") for issue in exc.issues]
    if problems:
        raise ScenarioError(problems)
    return PlanFile(name, tuple(initiatives))
