"""`utenfor backup` and `utenfor restore`: the operator's backup of the whole server, every
workspace with its saved scenarios, initiatives and plans (issue 14, item 6), straight from
the database, with or without the server running. Restore is all or nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from utenfor.cli.common import Refused, app, out, refused

DatabaseOpt = Annotated[
    str | None,
    typer.Option("--database", help="Database-URL (standard: SQLite i brukerens datamappe)."),
]


def engine_of(database: str | None):
    from utenfor.store.db import default_database_url, make_engine, migrate

    engine = make_engine(database or default_database_url())
    migrate(engine)
    return engine


def restore_server(engine, document: Any) -> tuple[int, int]:
    """Every scenario checked first (as for a workspace's backup), then all or nothing:
    (workspaces, items)."""
    from utenfor.model.errors import Issue, ScenarioError
    from utenfor.service import check_backup
    from utenfor.store.server_backup import server_restore

    spaces = document.get("workspaces") if isinstance(document, dict) else None
    for i, item in enumerate(spaces if isinstance(spaces, list) else []):
        if isinstance(item, dict):
            check_backup(item.get("backup"), f"workspaces[{i}].backup.")
    try:
        return server_restore(engine, document)
    except (ValueError, AttributeError) as exc:
        raise ScenarioError([Issue("(sikkerhetskopi)", str(exc))]) from None


@app.command("backup")
def backup_command(
    to: Annotated[
        Path | None, typer.Option("--to", help="Filen (standard: skriv til stdout).")
    ] = None,
    database: DatabaseOpt = None,
) -> None:
    """Sikkerhetskopi av hele tjeneren: alle arbeidsområder med scenarier, tiltak og planer."""
    from utenfor.store import audit
    from utenfor.store.server_backup import server_backup

    engine = engine_of(database)  # the reading is logged first, so the copy has the line
    audit.on_every_workspace(engine, "drift (utenfor backup)", "eksportert",
                             "hele tjenerens sikkerhetskopi")  # fmt: skip
    text = json.dumps(server_backup(engine), ensure_ascii=False, indent=1)
    if to is None:
        sys.stdout.write(text + "\n")
        return
    try:
        to.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise Refused(f"{to} kan ikke skrives ({exc.strerror})") from None
    out.print(f"Skrev {to}", markup=False)


@app.command("restore")
def restore_command(file: Annotated[Path, typer.Argument(help="Sikkerhetskopien (JSON).")],
                    database: DatabaseOpt = None) -> None:  # fmt: skip
    """Legg tilbake en sikkerhetskopi av hele tjeneren, alt eller ingenting."""
    from utenfor.model.errors import ScenarioError

    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise Refused(f"{file} kan ikke leses ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Refused(f"{file} er ikke JSON ({exc})") from None
    try:
        spaces, items = restore_server(engine_of(database), document)
    except ScenarioError as exc:
        raise refused(exc, f"{file} ble ikke lagt tilbake; ingenting er endret") from None
    out.print(f"La tilbake {items} scenarier, tiltak og planer i {spaces} arbeidsområder.")
