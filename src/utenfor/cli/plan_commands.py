"""`utenfor plan calculate FILE`: a plan for the council, its initiatives added up (issue 15)."""

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
    app,
    load_data,
    out,
    print_table,
    refused,
    write_file,
)

plan_app = typer.Typer(help="Planer: flere tiltak lagt sammen for kommunestyret.",
                       no_args_is_help=True)  # fmt: skip
app.add_typer(plan_app, name="plan")

PlanArg = Annotated[Path, typer.Argument(help="Planfil (.toml, .yaml eller .json) som lister "
                                              "tiltakenes scenariofiler.")]  # fmt: skip


ToOpt = Annotated[Path | None, typer.Option(
    "--to", help="Lagre planen som PDF for kommunestyret (.pdf).")]  # fmt: skip


@plan_app.command("calculate")
def plan_calculate(file: PlanArg, data: DataOpt = None, fmt: FormatOpt = Format.table,
                   to: ToOpt = None) -> None:  # fmt: skip
    """Legg sammen tiltakene i en plan: per aktør, område og år, med break-even for planen."""
    from utenfor.model import ScenarioError
    from utenfor.model.plan_file import load_plan
    from utenfor.model.portfolio import combine
    from utenfor.reports import plan_tables

    dataset = load_data(data)
    try:
        plan = load_plan(file)
        portfolio = combine(list(plan.initiatives), dataset)
    except ScenarioError as exc:
        raise refused(exc, f"Planen i {file} kan ikke beregnes") from None
    if to is not None:
        if to.suffix.lower() != ".pdf":
            raise Refused(f"{to.name}: planen kan lagres som .pdf")
        from utenfor.reports.plan_pdf import plan_pdf  # Typst loads only when asked

        write_file(to, plan_pdf(plan.name, portfolio, dataset))
        return
    if fmt is Format.json:
        print(json.dumps({"name": plan.name, **portfolio.to_json()}, ensure_ascii=False,
                         indent=2))  # fmt: skip
        return
    out.print(f"[bold]{plan.name}[/]", highlight=False)
    out.print(f"{len(plan.initiatives)} tiltak; {portfolio.base_year}-kroner, diskontert til "
              f"{portfolio.base_year}.", markup=False)  # fmt: skip
    for table in plan_tables.tables(portfolio).values():
        print_table(table)
    year = portfolio.break_even
    out.print(f"Break-even for planen: {year if year else 'ikke innen analyseperioden'}",
              markup=False)  # fmt: skip
    for overlap in portfolio.overlaps:
        out.print(f"[yellow]Merk:[/] {overlap.message}")
