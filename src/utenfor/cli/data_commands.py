"""`utenfor data validate | info | build | show`: the data set."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from utenfor.cli.common import (
    DataOpt,
    Format,
    FormatOpt,
    Refused,
    ShowFormat,
    data_app,
    err,
    load_data,
    out,
    print_table,
)
from utenfor.data import default_data_dir
from utenfor.terms import AGE_GROUPS, DATA_AREAS


@data_app.command("validate")
def data_validate(
    directory: Annotated[Path | None, typer.Argument(help="Datasettmappe.")] = None,
) -> None:
    """Kontroller et datasett mot formatet (alle regler); avslutter med 1 ved feil."""
    from utenfor.data.load import load_dataset, validate_dataset

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
    from utenfor.reports.table import Column, Table

    d = load_data(data)
    if fmt is Format.json:
        print(json.dumps(d.info(), ensure_ascii=False, indent=2))
        return
    out.print(f"[bold]{d.title}[/] ({d.name} {d.version})")
    for label, value in [
        ("Mappe", str(d.path)),
        ("Fingeravtrykk", d.fingerprint),
        ("Prisnivå",
         f"{d.price_base_year}-kroner; prisindeks {min(d.price_index)}–{max(d.price_index)}"),
        ("Aldre", f"0–{d.max_age}"),
        ("Delområder", str(len(d.subareas))),
    ]:  # fmt: skip
        out.print(f"{label}: {value}", markup=False)
    print_table(Table("groups", "Grupper",
                      (Column("Id", "text"), Column("Navn", "text"), Column("Antall", "count")),
                      tuple((g.id, g.name_nb, g.count) for g in d.groups)))  # fmt: skip


@data_app.command("build")
def data_build(
    out_dir: Annotated[Path | None, typer.Option("--out", help="Mappe å skrive til.")] = None,
    calibrate: Annotated[
        bool,
        typer.Option(
            "--calibrate-guide",
            help="Kalibrer lavinntektsgruppens områdenivåer mot veiledningens eksempel "
            "(dokumentert trinn; se docs/data.md). Bør skrives til en egen mappe.",
        ),
    ] = False,
) -> None:
    """Bygg det åpne datasettet fra kildetallene i src/utenfor/sources/parameters."""
    from utenfor.data.load import load_dataset
    from utenfor.sources.build import OPEN_DIR, build
    from utenfor.sources.parameters import SourceError

    target = out_dir or OPEN_DIR
    if calibrate and out_dir is None:
        raise Refused("--calibrate-guide skriver et annet datasett; oppgi --out MAPPE.")
    try:
        build(target, calibrate=calibrate)
    except SourceError as exc:
        raise Refused(f"Kildetallene kan ikke brukes:\n{exc}") from None
    dataset = load_dataset(target)
    out.print(f"Skrev {dataset.title} ({dataset.version}) til {target}", markup=False)
    out.print(f"Fingeravtrykk: {dataset.fingerprint}", markup=False)


@data_app.command("show")
def data_show(
    group: Annotated[
        str, typer.Argument(help="Målgruppe (group_id), for eksempel conduct_disorder.")
    ],
    age_group: Annotated[
        str | None, typer.Option("--age-group", help="Vis aldrene fra denne aldersgruppen og opp.")
    ] = None,
    data: DataOpt = None,
    fmt: Annotated[
        ShowFormat, typer.Option("--format", help="Tabell eller CSV.")
    ] = ShowFormat.table,
) -> None:
    """Vis gapet (målgruppe minus befolkningen) per alder og område."""
    from utenfor.reports import result_tables
    from utenfor.reports.table import Table

    d = load_data(data)
    if group not in d.group_index or d.group(group).is_population:
        choices = ", ".join(g.id for g in d.target_groups)
        raise Refused(f"Ukjent målgruppe «{group}»; velg en av: {choices}")
    first = 0
    if age_group is not None:
        if age_group not in AGE_GROUPS:
            raise Refused(f"Ukjent aldersgruppe «{age_group}»; velg en av: {', '.join(AGE_GROUPS)}")
        first = AGE_GROUPS[age_group].start
    table = result_tables.gaps(d, d.group_index[group], range(first, d.max_age + 1), "nb")
    if fmt is ShowFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["age", *DATA_AREAS, "total"])
        for age, *values in table.rows:
            writer.writerow([age, *(f"{v:.2f}" for v in values)])
        return
    print_table(Table(table.key, f"{d.group(group).name_nb}: {table.title}", table.columns,
                      table.rows, note="Gap = målgruppen minus befolkningen. Positivt: "
                      "målgruppen koster mer eller betaler mindre skatt."))  # fmt: skip
    if d.grades is not None:  # the confidence grade of each sub-area's gap (issue 13)
        grades = d.grades[d.group_index[group]]
        typer.echo("\nGrad per delområde (1 = offisiell statistikk, 2 = forskning eller nær "
                   "tilnærming, 3 = skjønn):")  # fmt: skip
        for sub, grade in zip(d.subareas, grades, strict=True):
            typer.echo(f"  {grade}  {sub.name_nb}")
