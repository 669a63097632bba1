"""`utenfor benefits SCENARIO`: the benefit-realisation plan drawn up from a scenario (issue 15)."""

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
)
from utenfor.model import calculate
from utenfor.model.benefits import draw_up
from utenfor.reports import benefit_tables
from utenfor.reports.xlsx_benefits import benefits_workbook

ToOpt = Annotated[Path | None, typer.Option("--to", help="Lagre planen som arbeidsbok (.xlsx).")]


@app.command("benefits")
def benefits_command(file: ScenarioArg, data: DataOpt = None, fmt: FormatOpt = Format.table,
                     to: ToOpt = None) -> None:  # fmt: skip
    """Gevinstrealiseringsplan: forventet gevinst per aktør, område og år, med indikatorer."""
    scenario, dataset = load(file, data)
    lines = draw_up(calculate(scenario, dataset))
    if to is not None:
        if to.suffix.lower() != ".xlsx":
            raise Refused(f"{to.name}: planen kan lagres som .xlsx")
        to.write_bytes(benefits_workbook(lines, f"Gevinstrealiseringsplan: {file.stem}"))
        out.print(f"Skrev {to}", markup=False)
        return
    if fmt is Format.json:
        print(json.dumps([x.to_json() for x in lines], ensure_ascii=False, indent=2))
        return
    print_table(benefit_tables.plan(lines, "nb"))
    out.print("Gevinsten per år: --format json, eller arbeidsboken (--to plan.xlsx).", markup=False)
