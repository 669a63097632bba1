"""What every command shares: the Typer apps, the consoles, the options, loading the data set
and a scenario's report, and printing a built table. All text in Norwegian."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from utenfor.data import BUNDLED, ENV_VAR, default_data_dir
from utenfor.formatting import number
from utenfor.printable import printable

if TYPE_CHECKING:  # the engine, the data set and the reports load when a command runs
    from utenfor.data.dataset import DataSet
    from utenfor.model.errors import ScenarioError
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


class _PrintableConsole(Console):
    """Prints text without control characters (`utenfor.printable`): a name's U+001B would
    otherwise reach the terminal as a command. Tables are cleaned in `print_table`."""

    def print(self, *objects, **kwargs) -> None:
        super().print(*(printable(o) if isinstance(o, str) else o for o in objects), **kwargs)


out = _PrintableConsole(highlight=False, soft_wrap=True, width=_WIDTH)
err = _PrintableConsole(stderr=True, highlight=False, soft_wrap=True, width=_WIDTH)


class Format(StrEnum):
    table = "table"
    json = "json"


class Lang(StrEnum):
    nb = "nb"
    en = "en"


class ShowFormat(StrEnum):
    table = "table"
    csv = "csv"


ScenarioArg = Annotated[Path, typer.Argument(
    help="Scenariofil (.toml, .yaml eller .json), eller en arbeidsbok (.xlsx) fra utenfor export."
)]  # fmt: skip
DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help=f"Datasettmappe (standard: ${ENV_VAR} eller det medfølgende)."),
]
LocalOpt = Annotated[
    Path | None,
    typer.Option("--local", help="TOML-fil med lokale tall ([[local_figures]] med parameter, "
                 "value, year og source) i stedet for datasettets enhetspriser."),
]  # fmt: skip
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
    """The data set at `path` (default: $UTENFOR_DATA or the bundled one), read once in a
    process as long as its files stay as they were (`shared_dataset`: `serve` checks it here,
    and the app it starts uses the same one)."""
    from utenfor.data.load import DataSetError, shared_dataset

    directory = path or default_data_dir()
    if path is None and directory == BUNDLED and not BUNDLED.exists():
        raise Refused(
            "Det åpne datasettet er ikke bygget ennå. Oppgi et datasett med --data MAPPE "
            f"eller miljøvariabelen {ENV_VAR} (for eksempel testdatasettet tests/data/handcalc)."
        )
    try:
        return shared_dataset(directory)
    except DataSetError as exc:
        raise Refused(f"Datasettet i {directory} kan ikke brukes:\n{exc}") from None


def refused(exc: ScenarioError, what: str) -> Refused:
    lines = "\n".join(f"  • {i}" for i in exc.issues)
    return Refused(f"{what}:\n{lines}")


def load(file: Path, data: Path | None, local: Path | None = None) -> tuple[Scenario, DataSet]:
    """The scenario and the data set; with `local`, that file's local figures replace the
    scenario's own for the same unit prices."""
    from utenfor.model import ScenarioError, load_scenario, parse_scenario
    from utenfor.model.errors import Issue
    from utenfor.model.local_figures import with_local_figures
    from utenfor.model.scenario_file import decode

    dataset = load_data(data)
    try:
        if file.suffix.lower() == ".xlsx":  # a workbook from `utenfor export` (issue 34)
            from utenfor.reports.xlsx_read import read_workbook

            scenario = read_workbook(file)
        else:
            scenario = load_scenario(file)
    except ScenarioError as exc:
        raise refused(exc, f"Scenariet i {file} kan ikke beregnes") from None
    if local is None:
        return scenario, dataset
    try:
        text = local.read_text(encoding="utf-8")
    except OSError as exc:
        raise Refused(f"{local} kan ikke leses ({exc.strerror})") from None
    try:
        doc = decode(text, "toml")
        figures = doc.get("local_figures") if isinstance(doc, dict) else None
        if not isinstance(figures, list):
            raise ScenarioError([Issue("local_figures", "mangler: skriv hvert tall som en "
                                                        "[[local_figures]]-tabell")])  # fmt: skip
        mine = {f.get("parameter") for f in figures if isinstance(f, dict)}
        kept = [f.model_dump() for f in scenario.local_figures if f.parameter not in mine]
        scenario = parse_scenario(scenario.to_dict() | {"local_figures": kept + figures})
        with_local_figures(dataset, scenario.local_figures)  # names and years, checked now
    except ScenarioError as exc:
        raise refused(exc, f"De lokale tallene i {local} kan ikke brukes") from None
    return scenario, dataset


def write_file(to: Path, content: bytes) -> None:
    """Write a file the user named; one that cannot be written is a Norwegian message (exit
    2), never a traceback."""
    try:
        to.write_bytes(content)
    except OSError as exc:
        raise Refused(f"{to} kan ikke skrives ({exc.strerror})") from None
    out.print(f"Skrev {to} ({number(len(content) / 1000)} kB)", markup=False)


def print_table(table: Table) -> None:
    from rich.table import Table as RichTable

    rich = RichTable(title=printable(table.title), title_justify="left", title_style="bold")
    for column in table.columns:
        rich.add_column(printable(column.title),
                        justify="left" if column.kind == "text" else "right")  # fmt: skip
    for row in table.shown(" "):
        rich.add_row(*(printable(cell) for cell in row))
    out.print(rich)
    if table.note:
        out.print(table.note, style="dim", markup=False)
    out.print()
