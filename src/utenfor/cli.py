"""`utenfor`: the command line. A thin layer over the engine; all text in Norwegian."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable

from utenfor import MODEL_VERSION
from utenfor.data import BUNDLED, ENV_VAR, default_data_dir
from utenfor.data.dataset import DataSet
from utenfor.data.load import DataSetError, load_dataset, validate_dataset
from utenfor.formatting import number, percent, trim
from utenfor.model import Result, ScenarioError, calculate, load_scenario
from utenfor.reports.explain import Table, explain
from utenfor.terms import AREA_NAMES_NB, AREAS, PAYER_NAMES_NB, PAYERS

app = typer.Typer(
    help="Utenfor-regnskapet: hva kommune, fylkeskommune og stat sparer når forebygging virker.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
data_app = typer.Typer(help="Datasettet: kontroll og informasjon.", no_args_is_help=True)
app.add_typer(data_app, name="data")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    table = "table"
    json = "json"


ScenarioArg = Annotated[Path, typer.Argument(help="Scenariofil (.toml, .yaml eller .json).")]
DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help=f"Datasettmappe (standard: ${ENV_VAR} eller det medfølgende)."),
]
FormatOpt = Annotated[Format, typer.Option("--format", help="Utdata: tabell eller JSON.")]


class Refused(Exception):
    """Bad input: print the message and exit 2, never a traceback."""


def _data(path: Path | None) -> DataSet:
    directory = path or default_data_dir()
    if path is None and directory == BUNDLED and not BUNDLED.exists():
        raise Refused(
            "Det åpne datasettet er ikke bygget ennå. Oppgi et datasett med --data MAPPE "
            f"eller miljøvariabelen {ENV_VAR} (for eksempel testdatasettet tests/data/handcalc)."
        )
    try:
        return load_dataset(directory)
    except DataSetError as exc:
        raise Refused(f"Datasettet i {directory} kan ikke brukes:\n{exc}") from None


def _result(file: Path, data: Path | None) -> Result:
    dataset = _data(data)
    try:
        return calculate(load_scenario(file), dataset)
    except ScenarioError as exc:
        lines = "\n".join(f"  • {i}" for i in exc.issues)
        raise Refused(f"Scenariet i {file} kan ikke beregnes:\n{lines}") from None


@app.command("calculate")
def calculate_command(
    file: ScenarioArg, data: DataOpt = None, fmt: FormatOpt = Format.table
) -> None:
    """Beregn nettogevinsten for et scenario (resultatfigur 1-3)."""
    result = _result(file, data)
    if fmt is Format.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_result(result)


@app.command("explain")
def explain_command(file: ScenarioArg, data: DataOpt = None) -> None:
    """Vis regnestykket bak tallene: gap per alder, suksessrate, prisfaktor, diskontering."""
    for table in explain(_result(file, data)):
        _print_table(table)


@data_app.command("validate")
def data_validate(
    directory: Annotated[Path | None, typer.Argument(help="Datasettmappe.")] = None,
) -> None:
    """Kontroller et datasett mot formatet (alle regler); avslutter med 1 ved feil."""
    directory = directory or default_data_dir()
    issues = validate_dataset(directory)
    if issues:
        err.print(f"[bold red]Datasettet i {directory} har {len(issues)} feil:[/]")
        for issue in issues:
            err.print(f"  • {issue}", markup=False)
        raise typer.Exit(1)
    dataset = load_dataset(directory)
    out.print(f"Datasettet «{dataset.title}» ({dataset.version}) er gyldig.", markup=False)
    out.print(f"Fingeravtrykk: {dataset.fingerprint}", markup=False)


@data_app.command("info")
def data_info(data: DataOpt = None, fmt: FormatOpt = Format.table) -> None:
    """Navn, versjon, mappe, fingeravtrykk, målgrupper og aldre for datasettet."""
    d = _data(data)
    info = {
        "name": d.name,
        "title": d.title,
        "version": d.version,
        "path": str(d.path),
        "fingerprint": d.fingerprint,
        "price_base_year": d.price_base_year,
        "ages": {"min": 0, "max": d.max_age},
        "price_index_years": {"from": min(d.price_index), "to": max(d.price_index)},
        "groups": [
            {"id": g.id, "name_nb": g.name_nb, "count": g.count, "is_population": g.is_population}
            for g in d.groups
        ],
        "subareas": [{"id": s.id, "area": s.area_id} for s in d.subareas],
    }
    if fmt is Format.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return
    out.print(f"[bold]{d.title}[/] ({d.name} {d.version})")
    for label, value in [
        ("Mappe", str(d.path)),
        ("Fingeravtrykk", d.fingerprint),
        (
            "Prisnivå",
            f"{d.price_base_year}-kroner; prisindeks {min(d.price_index)}–{max(d.price_index)}",
        ),
        ("Aldre", f"0–{d.max_age}"),
        ("Delområder", str(len(d.subareas))),
    ]:
        out.print(f"{label}: {value}", markup=False)
    _print_table(
        Table(
            "Grupper",
            ["Id", "Navn", "Antall"],
            [[g.id, g.name_nb, number(g.count)] for g in d.groups],
            align_left=2,
        )
    )


def _print_result(r: Result) -> None:
    s = r.scenario
    group = r.data.group(s.target_group)
    kr = f"{s.start_year}-kroner"
    out.print(f"[bold]Utenfor-regnskapet[/] (modell {MODEL_VERSION})")
    out.print(
        f"{group.name_nb}, {' og '.join(s.age_groups)} år; suksessrate "
        f"{trim(s.success_rate_pct)} prosentpoeng ({percent(s.share_without_pct)} → "
        f"{percent(s.share_with_pct)}); {number(r.participants)} deltakere; "
        f"{r.years[0]}–{r.years[-1]}; {kr}, diskontert med "
        f"{percent(s.settings.discount_rate_pct)}.",
        markup=False,
    )
    per = r.net_gain_per_participant
    net = r.net_gain
    _print_table(
        Table(
            f"Nettogevinst fordelt på aktører ({kr}, {r.plan.horizon} år)",
            ["", "Samlet nettogevinst", "Nettogevinst pr. deltaker"],
            [["I alt", number(net["total"]), number(per["total"])]]
            + [[PAYER_NAMES_NB[p], number(net[p]), number(per[p])] for p in PAYERS],
        )
    )
    be = r.break_even
    if be is None:
        out.print(
            f"Break-even: tiltaket går ikke i balanse innen analyseperioden ({r.years[-1]}).\n"
        )
    else:
        out.print(f"Samlet break-even: {be['year']} ({be['years']} år etter oppstart)\n")
    by_area, per_area = r.by_area, r.by_area_per_participant
    _print_table(
        Table(
            f"Nettogevinst for ulike tjenesteområder ({kr})",
            ["", "Samlet nettogevinst", "Nettogevinst pr. deltaker"],
            [["I alt", number(net["total"]), number(per["total"])]]
            + [
                [AREA_NAMES_NB[a], number(by_area[a]["total"]), number(per_area[a]["total"])]
                for a in AREAS
            ],
        )
    )
    for w in r.warnings:
        out.print(f"[yellow]Merk:[/] {w['message']}")
    out.print(
        f"Datasett: {r.data.title} ({r.data.version}), {r.data.fingerprint[:19]}…", markup=False
    )


def _print_table(table: Table) -> None:
    rich = RichTable(title=table.title, title_justify="left", title_style="bold")
    for i, column in enumerate(table.columns):
        rich.add_column(column, justify="left" if i < table.align_left else "right")
    for row in table.rows:
        rich.add_row(*row)
    out.print(rich)
    if table.note:
        out.print(table.note, style="dim", markup=False)
    out.print()


def main() -> None:
    """Entry point: bad input exits 2 with a message; a bug exits 1 (traceback if UTENFOR_DEBUG)."""
    try:
        app(standalone_mode=True)
    except Refused as exc:
        err.print(str(exc), markup=False)
        sys.exit(2)
    except Exception as exc:  # a bug: say so plainly, keep the traceback for those who ask
        if os.environ.get("UTENFOR_DEBUG"):
            raise
        err.print(
            f"Intern feil ({type(exc).__name__}: {exc}). Kjør med UTENFOR_DEBUG=1 for detaljer "
            "og meld gjerne fra om feilen.",
            markup=False,
        )
        sys.exit(1)
