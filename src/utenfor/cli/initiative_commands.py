"""The commands for an initiative's life (issue 15): `utenfor benefits SCENARIO`, the
benefit-realisation plan drawn up from a scenario, and `utenfor reforecast SCENARIO ACTUALS`,
planned against actual and the re-forecast."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from utenfor.cli.common import (
    DataOpt,
    Format,
    FormatOpt,
    Refused,
    ScenarioArg,
    app,
    load,
    out,
    print_table,
    refused,
    write_file,
)

ActualsArg = Annotated[Path, typer.Argument(help="Fil med faktiske tall (.toml).")]


@app.command("reforecast")
def reforecast_command(
    file: ScenarioArg, actuals_file: ActualsArg, data: DataOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:  # fmt: skip
    """Plan mot faktisk: faktiske deltakere, kostnader og observert andel, og ny prognose."""
    from utenfor import service
    from utenfor.model import ScenarioError, calculate
    from utenfor.model.actuals import parse_actuals, reforecast, success_spread
    from utenfor.model.scenario_file import decode
    from utenfor.reports import actuals_tables

    scenario, dataset = load(file, data)
    try:
        text = actuals_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise Refused(f"{actuals_file} finnes ikke eller kan ikke leses som UTF-8-tekst") from None
    try:
        actuals = parse_actuals(decode(text, "toml"), scenario)
        actual = reforecast(scenario, actuals)
    except ScenarioError as exc:
        raise refused(exc, f"De faktiske tallene i {actuals_file} kan ikke brukes") from None
    observed = actuals.observed
    spreads = {"success_rate_pct": success_spread(scenario, observed)} if observed else None
    rep = service.report(actual, dataset, spreads=spreads)
    planned, forecast = calculate(scenario, dataset), rep.result
    if fmt is Format.json:
        spread = spreads["success_rate_pct"] if spreads else None
        print(json.dumps({
            "planned": planned.to_json(), "reforecast": forecast.to_json(),
            "reforecast_scenario": actual.to_dict(),
            "success_rate_pct": vars(spread) if spread else None,
            "uncertainty": rep.analysis.to_json()["uncertainty"],
        }, ensure_ascii=False, indent=2))  # fmt: skip
        return
    print_table(actuals_tables.by_year(scenario, actual, actuals, "nb"))
    print_table(actuals_tables.forecast(planned, forecast, "nb"))
    out.print(actuals_tables.success_note(scenario, actuals, "nb"), markup=False)
    print_table(rep.tables["uncertainty"])


ToOpt = Annotated[
    Path | None, typer.Option("--to", help="Lagre planen som arbeidsbok (.xlsx) eller PDF (.pdf).")
]


@app.command("benefits")
def benefits_command(file: ScenarioArg, data: DataOpt = None, fmt: FormatOpt = Format.table,
                     to: ToOpt = None) -> None:  # fmt: skip
    """Gevinstrealiseringsplan: forventet gevinst per aktør, område og år, med indikatorer."""
    from utenfor.model import calculate
    from utenfor.model.benefits import draw_up
    from utenfor.reports import benefit_tables
    from utenfor.reports.benefits_file import MEDIA, benefits_file

    scenario, dataset = load(file, data)
    lines = draw_up(calculate(scenario, dataset))
    if to is not None:
        fmt_to = to.suffix.lower().removeprefix(".")
        if fmt_to not in MEDIA:
            raise Refused(f"{to.name}: planen kan lagres som .xlsx eller .pdf")
        title = f"Gevinstrealiseringsplan: {file.stem}"
        write_file(to, benefits_file(lines, title, fmt_to)[0])
        return
    if fmt is Format.json:
        print(json.dumps([x.to_json() for x in lines], ensure_ascii=False, indent=2))
        return
    print_table(benefit_tables.plan(lines, "nb"))
    out.print("Gevinsten per år: --format json, eller arbeidsboken (--to plan.xlsx).", markup=False)
