"""`utenfor data update`: a new data-set version with SSB's latest consumer price index, from
SSB's PxWebApi or from a saved answer (`--from-file`), with a diff of what changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from utenfor.cli.common import DataOpt, Refused, data_app, load_data, out
from utenfor.data.price_update import TABLE_URL
from utenfor.formatting import number


def fetch(url: str, timeout: float = 30) -> dict:
    """SSB's answer to the annual-average query (POST, JSON-stat 2)."""
    from utenfor.data.kostra import KostraError
    from utenfor.data.kostra_fetch import post
    from utenfor.data.price_update import QUERY

    try:
        return post(url, QUERY, timeout)
    except KostraError as exc:
        raise Refused(exc.for_command_line()) from None


@data_app.command("update")
def data_update(
    out_dir: Annotated[Path, typer.Option("--out", help="Mappe for den nye versjonen.")],
    from_file: Annotated[
        Path | None,
        typer.Option("--from-file", help="Et lagret JSON-stat 2-svar fra SSB (tabell 03014)."),
    ] = None,
    url: Annotated[str, typer.Option("--url", help="SSBs PxWebApi for tabell 03014.")] = TABLE_URL,
    data: DataOpt = None,
) -> None:
    """Hent konsumprisindeksen (SSB, tabell 03014, årsgjennomsnitt) og lag en ny versjon av
    datasettet med den; viser hva som endret seg."""
    from utenfor.data.load import load_dataset
    from utenfor.data.price_update import UpdateError, annual_index, update_price_index

    current = load_data(data)
    if from_file is not None:
        try:
            doc, origin = json.loads(from_file.read_text(encoding="utf-8")), from_file.name
        except OSError as exc:
            raise Refused(f"{from_file} kan ikke leses ({exc.strerror})") from None
        except ValueError:
            raise Refused(f"{from_file} er ikke JSON") from None
    else:
        out.print(f"Henter konsumprisindeksen fra {url} …", markup=False)
        doc, origin = fetch(url), url
    try:
        update = update_price_index(current.path, out_dir, annual_index(doc), origin)
    except UpdateError as exc:
        raise Refused(f"Prisindeksen kan ikke oppdateres: {exc}") from None
    new = load_dataset(out_dir)
    out.print(f"Ny versjon {update.version_after} (var {update.version_before}) i {out_dir}",
              markup=False)  # fmt: skip
    if not update.changes:
        out.print("Prisindeksen er uendret.")
    for c in update.changes:
        before = "–" if c.before is None else number(c.before, 1)
        after = "–" if c.after is None else number(c.after, 1)
        out.print(f"  {c.year}: {before} → {after}", markup=False)
    out.print(f"Fingeravtrykk: {current.fingerprint} → {new.fingerprint}", markup=False)
