"""`utenfor data kostra`: a kommune's own unit costs from KOSTRA (SSB), written as local
figures (issue 33, part 3; data/kostra.py). Nothing is written unless every figure is there."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from utenfor.cli.common import DataOpt, Refused, data_app, load_data, out
from utenfor.data.kostra import QUERIES, TABLE_URL, KostraError, check_number, figures, to_toml
from utenfor.formatting import number


def _bundle(path: Path) -> dict:
    """Saved answers: a JSON file {"12279": <JSON-stat 2>, "12362": …, "12219": …, "12399": …},
    or a folder with one file per table (12279.json, …)."""
    if path.is_dir():
        return {q.table: _bundle(path / f"{q.table}.json") for q in QUERIES}
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise Refused(f"{path} kan ikke leses ({exc.strerror})") from None
    except ValueError:
        raise Refused(f"{path} er ikke JSON") from None
    if not isinstance(doc, dict):
        raise Refused(f"{path}: forventet et objekt med ett svar per tabell (12279, 12362, …)")
    return doc


def write_atomically(path: Path, text: str) -> None:
    """The whole file or nothing: a temporary file beside it, renamed into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@data_app.command("kostra")
def data_kostra(
    kommune: Annotated[str, typer.Option("--kommune", help="Kommunenummer, for eksempel 1804.")],
    year: Annotated[int | None, typer.Option("--year", help="År (standard: nyeste).")] = None,
    to: Annotated[Path | None, typer.Option("--to", help="Skriv lokale tall hit (TOML).")] = None,
    from_file: Annotated[
        Path | None,
        typer.Option("--from-file", help="Lagrede svar fra SSB: en JSON-fil eller en mappe."),
    ] = None,
    url: Annotated[str, typer.Option("--url", help="SSBs PxWebApi (v0, tabeller).")] = TABLE_URL,
    data: DataOpt = None,
) -> None:
    """Hent kommunens enhetskostnader fra KOSTRA (SSB-tabell 12279, 12362/12219, 12399) og
    vis dem ved siden av datasettets; med --to skrives de som lokale tall."""
    from utenfor.data.kostra_fetch import fetch_all
    from utenfor.model.local_figures import local_prices

    d = load_data(data)
    try:
        number_ = check_number(kommune)
        if from_file is not None:
            tables = _bundle(from_file)
        else:
            out.print(f"Henter KOSTRA-tall for {number_} fra {url} …", markup=False)
            tables = fetch_all(number_, year, url)
        found = figures(tables, number_, year)
    except KostraError as exc:
        raise Refused(exc.for_command_line()) from None
    notes = {n for doc in tables.values() if isinstance(doc, dict)
             for n in (doc.get("note") or []) if isinstance(n, str)}  # fmt: skip
    for note in sorted(notes):  # SSB's footnotes (and the test answers' "constructed" label)
        out.print(f"Merknad i svaret: {note}", markup=False, soft_wrap=True)
    prices = local_prices(d)
    for f in found:
        national = prices.get(f.parameter)
        beside = (f"datasettet {number(national.value, 0)} kr ({d.price_base_year})"
                  if national else "ikke i datasettet")  # fmt: skip
        label = national.label_nb if national else f.parameter
        out.print(f"{label}: {number(f.value, 0)} kr ({f.year}); {beside}. Kilde: {f.source}",
                  markup=False, soft_wrap=True)  # fmt: skip
    if to is not None:
        write_atomically(to, to_toml(found, number_))
        out.print(f"Skrev {len(found)} lokale tall til {to}. Bruk: utenfor calculate "
                  f"SCENARIO.toml --local {to}", markup=False)  # fmt: skip
