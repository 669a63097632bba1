"""What every command shares: the Typer apps, the consoles, the options, loading the data set
and a scenario's report, and printing a built table. All text in Norwegian."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable

from utenfor.data import BUNDLED, ENV_VAR, default_data_dir
from utenfor.data.dataset import DataSet
from utenfor.data.load import DataSetError, load_dataset
from utenfor.model import ScenarioError, load_scenario
from utenfor.model.scenario import Scenario
from utenfor.reports.table import Table

app = typer.Typer(
    help="Utenfor-regnskapet: hva kommune, fylkeskommune og stat sparer når forebygging virker.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
data_app = typer.Typer(help="Datasettet: kontroll og informasjon.", no_args_is_help=True)
app.add_typer(data_app, name="data")

# Piped or redirected output gets 120 columns instead of Rich's 80, so tables are not squeezed.
_WIDTH = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120
out = Console(highlight=False, soft_wrap=True, width=_WIDTH)
err = Console(stderr=True, highlight=False, soft_wrap=True, width=_WIDTH)


class Format(StrEnum):
    table = "table"
    json = "json"


class Lang(StrEnum):
    nb = "nb"
    en = "en"


class ShowFormat(StrEnum):
    table = "table"
    csv = "csv"


ScenarioArg = Annotated[Path, typer.Argument(help="Scenariofil (.toml, .yaml eller .json).")]
DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help=f"Datasettmappe (standard: ${ENV_VAR} eller det medfølgende)."),
]
FormatOpt = Annotated[Format, typer.Option("--format", help="Utdata: tabell eller JSON.")]
SuccessOpt = Annotated[
    str | None,
    typer.Option(
        "--success", help="Suksessrate lav/sannsynlig/høy i prosentpoeng, for eksempel 5/10/15."
    ),
]
CostOpt = Annotated[
    str | None,
    typer.Option("--cost", help="Kostnader lav/sannsynlig/høy i % av det som er lagt inn."),
]
LevelOpt = Annotated[str | None, typer.Option(
    "--level", help="Datanivå lav/sannsynlig/høy i % (valgfritt).")]  # fmt: skip


class Refused(Exception):
    """Bad input: print the message and exit 2, never a traceback."""


def load_data(path: Path | None) -> DataSet:
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


def refused(exc: ScenarioError, what: str) -> Refused:
    lines = "\n".join(f"  • {i}" for i in exc.issues)
    return Refused(f"{what}:\n{lines}")


def load(file: Path, data: Path | None) -> tuple[Scenario, DataSet]:
    dataset = load_data(data)
    try:
        return load_scenario(file), dataset
    except ScenarioError as exc:
        raise refused(exc, f"Scenariet i {file} kan ikke beregnes") from None


def print_table(table: Table) -> None:
    rich = RichTable(title=table.title, title_justify="left", title_style="bold")
    for i, column in enumerate(table.columns):
        rich.add_column(column.title, justify="left" if i < table.text_columns else "right")
    for row in table.shown(" "):
        rich.add_row(*row)
    out.print(rich)
    if table.note:
        out.print(table.note, style="dim", markup=False)
    out.print()
