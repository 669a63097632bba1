"""The calculation form: Norwegian-typed numbers in, a scenario dict out, errors back by field
(the fields' names and labels: web/fields.py)."""

from __future__ import annotations

import json
import re
from typing import Any

from utenfor.formatting import trim
from utenfor.model.errors import N_
from utenfor.model.scenario import Issue, ScenarioError
from utenfor.terms import PAYERS

GRANT_ROWS = 3
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")
_THOUSANDS_DOTS = re.compile(r"^-?\d{1,3}(\.\d{3}){2,}$")  # 1.000.000
_ONE_DOT_GROUP = re.compile(r"^-?\d{1,3}\.\d{3}$")  # 1.500: 1 500 or 1,5?
# 1,000,000 or 1,000.50 as English writes them (one comma and no dot, 1,500, stays a decimal)
_THOUSANDS_COMMAS = re.compile(r"^-?\d{1,3}(?:(?:,\d{3}){2,}(?:\.\d+)?|,\d{3}\.\d+)$")
# 1,5 mill. / 2 millioner / 1.5 million / 3 mrd: the amount in millions or billions
_SCALE = re.compile(r"(mill(?:ion(?:er|s)?)?|mln|mrd|milliard(?:er)?|billions?)\.?$", re.I)


class FormNumberError(ValueError):
    """A number the form cannot read: the rule as a template (translated on the page)."""

    def __init__(self, template: str, params: dict | None = None):
        self.template, self.params = template, params
        super().__init__(template.format(**params) if params else template)

    def at(self, field: str) -> Issue:
        return Issue(field, self.template, self.params)


def parse_number(text: str) -> float | None:
    """What a Norwegian types: '1 000 000', '1.000.000', '1 000 000,-', '2,5', '10 %', '−3',
    '1,5 mill' (1 500 000); and English thousands, '1,000,000'.

    Empty gives None. Ambiguous or unreadable text raises `FormNumberError`.
    """
    t = _SPACES.sub("", text or "").replace("\u2212", "-")
    t = t.removesuffix(",-").removesuffix("kr").removesuffix("%")
    scale = 1.0
    if m := _SCALE.search(t):
        scale = 1e9 if m.group(1).lower().startswith(("milliard", "mrd", "billion")) else 1e6
        t = t[: m.start()]
        if not t:
            raise FormNumberError(N_("må være et tall, for eksempel 1 000 000 eller 2,5"))
    if not t:
        return None
    if _THOUSANDS_COMMAS.match(t):
        t = t.replace(",", "")
    elif "," in t and "." in t:
        if t.rfind(",") < t.rfind("."):
            raise FormNumberError(N_("bruk komma som desimaltegn, for eksempel 1 000,50"))
        t = t.replace(".", "").replace(",", ".")
    elif "," in t:
        if t.count(",") > 1:
            raise FormNumberError(N_("bare ett desimalkomma er lov"))
        t = t.replace(",", ".")
    elif _ONE_DOT_GROUP.match(t):
        raise FormNumberError(N_("«{text}» kan leses på to måter; skriv 1 500 eller 1,5"),
                              {"text": text.strip()})  # fmt: skip
    elif _THOUSANDS_DOTS.match(t):
        t = t.replace(".", "")  # 1.000.000 written as Norwegians do in accounts
    try:
        value = float(t)
    except ValueError:
        raise FormNumberError(N_("må være et tall, for eksempel 1 000 000 eller 2,5")) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise FormNumberError(N_("må være et endelig tall"))
    return round(value * scale, 2) if scale != 1.0 else value  # 1,1 mill: 1 100 000, not …0,0002


def _whole_if_integral(value: float) -> float | int:
    return int(value) if value.is_integer() else value


def scenario_from_form(form: dict[str, Any]) -> tuple[dict, list[Issue]]:
    """The scenario dict the form describes, and the form problems found on the way."""
    issues: list[Issue] = []

    def num(name: str, path: str, default: float | None = None) -> float | int | None:
        try:
            value = parse_number(str(form.get(name, "")))
        except FormNumberError as exc:
            issues.append(exc.at(path))
            return None
        return default if value is None else _whole_if_integral(value)

    start = num("start_year", "start_year")
    run = num("years_run", "years_run")
    years = list(range(int(start), int(start) + int(run))) if _usable(start, run) else []
    scenario: dict[str, Any] = {
        "target_group": str(form.get("target_group", "")),
        "age_groups": list(form.get("age_groups", [])),
        "share_without_pct": num("share_without_pct", "share_without_pct"),
        "share_with_pct": num("share_with_pct", "share_with_pct"),
        "start_year": start,
        "years_run": run,
        "intervention_years": num("intervention_years", "intervention_years"),
        "participants": {str(y): num(f"participants_{y}", f"participants.{y}", 0) for y in years},
        "costs": {},
        "costs_falling_away": {},
        "grants": [],
        "settings": {
            "analysis_years": num("analysis_years", "settings.analysis_years", 40),
            "discount_rate_pct": num("discount_rate_pct", "settings.discount_rate_pct", 4),
            "effect_start": str(form.get("effect_start") or "after_intervention"),
            "dropoff_pct": num("dropoff_pct", "settings.dropoff_pct", 0),
            "optimism_cost_uplift_pct": num(
                "optimism_cost_uplift_pct", "settings.optimism_cost_uplift_pct", 0
            ),
            "optimism_success_haircut_pct": num(
                "optimism_success_haircut_pct", "settings.optimism_success_haircut_pct", 0
            ),
        },
    }
    if form.get("discount_schedule") == "R-109":
        scenario["settings"]["discount_schedule"] = "R-109"
    elif form.get("discount_schedule") == "custom":  # from a file; kept as it was
        try:
            scenario["settings"]["discount_schedule"] = json.loads(
                str(form.get("discount_schedule_json", ""))
            )
        except ValueError:
            issues.append(Issue("settings.discount_schedule", N_("kunne ikke leses")))
    if str(form.get("evidence_id") or "").strip():  # the documented programme (issue 33)
        scenario["evidence_id"] = str(form["evidence_id"]).strip()
    local = str(form.get("local_figures_json") or "")
    if local:  # set from the data page (a cookie) or a saved scenario; shown, not typed
        try:
            scenario["local_figures"] = json.loads(local)
        except ValueError:
            issues.append(Issue("local_figures", N_("kunne ikke leses; sett dem på nytt")))
    for prefix, key in (("costs", "costs"), ("falling", "costs_falling_away")):
        for payer in PAYERS:
            table = {str(y): num(f"{prefix}_{payer}_{y}", f"{key}.{payer}.{y}", 0) for y in years}
            if any(table.values()):
                scenario[key][payer] = table
    for i in range(GRANT_ROWS):
        amount = num(f"grant_amount_{i}", f"grants[{i}].amount")
        if not amount:
            continue
        scenario["grants"].append({
            "from": str(form.get(f"grant_from_{i}", "")),
            "to": str(form.get(f"grant_to_{i}", "")),
            "year": num(f"grant_year_{i}", f"grants[{i}].year"),
            "amount": amount,
        })  # fmt: skip
    return scenario, issues


def _usable(start: Any, run: Any) -> bool:
    return (
        isinstance(start, int) and isinstance(run, int) and 2000 <= start <= 2100 and 1 <= run <= 50
    )


def form_from_scenario(scenario: dict) -> dict[str, Any]:
    """The form fields for a scenario dict (as `Scenario.to_dict()` gives it)."""
    form: dict[str, Any] = {
        k: scenario.get(k, "") for k in ("target_group", "start_year", "years_run",
                                         "intervention_years")
    }  # fmt: skip
    for k in ("share_without_pct", "share_with_pct"):  # 60, 57,5: as Norwegians type them
        form[k] = trim(scenario[k]) if isinstance(scenario.get(k), int | float) else ""
    form["age_groups"] = list(scenario.get("age_groups", []))
    for year, n in scenario.get("participants", {}).items():
        form[f"participants_{year}"] = n
    for prefix, key in (("costs", "costs"), ("falling", "costs_falling_away")):
        for payer, table in scenario.get(key, {}).items():
            for year, amount in table.items():
                form[f"{prefix}_{payer}_{year}"] = trim(amount) if amount else ""
    for i, g in enumerate(scenario.get("grants", [])[:GRANT_ROWS]):
        form |= {f"grant_from_{i}": g["from"], f"grant_to_{i}": g["to"],
                 f"grant_year_{i}": g["year"], f"grant_amount_{i}": trim(g["amount"])}  # fmt: skip
    settings = dict(scenario.get("settings", {}))
    schedule = settings.pop("discount_schedule", None)
    if schedule:  # the form offers the R-109 preset; other schedules come from files
        from utenfor.model.scenario import R109_SCHEDULE

        r109 = [step.model_dump() for step in R109_SCHEDULE]
        is_r109 = schedule == "R-109" or list(schedule) == r109
        settings["discount_schedule"] = "R-109" if is_r109 else "custom"
        settings["discount_schedule_json"] = json.dumps(list(schedule))
    form |= {k: trim(v) if isinstance(v, float) else v for k, v in settings.items()}
    if scenario.get("evidence_id"):
        form["evidence_id"] = scenario["evidence_id"]
    if scenario.get("local_figures"):
        form["local_figures_json"] = json.dumps(scenario["local_figures"], ensure_ascii=False)
    return form


def spreads_from_form(form: dict[str, Any], success_pct: float | None) -> tuple[dict, list[Issue]]:
    """The uncertainty inputs (low / high around what is entered), if the user gave any."""
    from utenfor.model.uncertainty import SPREAD_MESSAGE
    from utenfor.service import spread

    issues: list[Issue] = []
    out = {}
    inputs = (("success", success_pct, "success_rate_pct"), ("cost", 100.0, "cost_pct"),
              ("level", 100.0, "level_pct"))  # fmt: skip
    for key, likely, label in inputs:
        try:
            low = parse_number(str(form.get(f"unc_{key}_low", "")))
            high = parse_number(str(form.get(f"unc_{key}_high", "")))
        except FormNumberError as exc:
            issues.append(exc.at(f"unc_{key}"))
            continue
        if (low is None and high is None) or likely is None:
            continue
        values = (likely if low is None else low, likely, likely if high is None else high)
        try:
            out[label] = spread(values, label)
        except ScenarioError as exc:
            (issue,) = exc.issues
            if issue.template == SPREAD_MESSAGE:  # the order, in the form's own words
                issue = Issue(label, N_("lav må være høyst det som er lagt inn, og høy minst"))
            issues.append(issue.at(f"unc_{key}"))
    return out, issues


def success_pct(form: dict) -> float | None:
    """The success rate as typed (share with minus share without), or None."""
    try:
        a, b = (parse_number(str(form.get(k, ""))) for k in ("share_without_pct", "share_with_pct"))
    except FormNumberError:
        return None
    return None if a is None or b is None else b - a
