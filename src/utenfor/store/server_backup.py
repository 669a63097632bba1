"""The operator's backup of the whole server (issue 14, item 6): every workspace with its
saved scenarios, initiatives and plans, as one file; restored all or nothing, in one
transaction. A workspace's own backup (`Scenarios.backup`) is what `/api/v1/backup` gives."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from utenfor.store.db import Scenarios
from utenfor.store.models import WORKSPACE_KINDS, Workspace
from utenfor.store.rows import moment, storable, utc

FORMAT = "utenfor-server-backup"


def server_backup(engine: Engine) -> dict[str, Any]:
    with Session(engine) as s:
        spaces = list(s.scalars(select(Workspace).order_by(Workspace.created_at, Workspace.id)))
    return {"format": FORMAT, "version": 1, "workspaces": [
        {"id": w.id, "name": w.name, "kind": w.kind, "created_at": utc(w.created_at).isoformat(),
         "backup": Scenarios(engine, w.id).backup()} for w in spaces]}  # fmt: skip


def workspace_row(i: int, item: Any) -> Workspace:
    where = f"workspaces[{i}]"
    if not isinstance(item, dict) or not isinstance(item.get("backup"), dict):
        raise ValueError(f"{where} må være en tabell med id, name, kind, created_at og backup")
    ws_id, name = item.get("id"), item.get("name")
    if not isinstance(ws_id, str) or not 0 < len(ws_id) <= 32 or not storable(ws_id):
        raise ValueError(f"{where}.id må være tekst på 1 til 32 tegn")
    if not isinstance(name, str) or not 0 < len(name) <= 200 or not storable(name):
        raise ValueError(f"{where}.name må være tekst på 1 til 200 tegn")
    if item.get("kind") not in WORKSPACE_KINDS:
        raise ValueError(f"{where}.kind må være en av {', '.join(WORKSPACE_KINDS)}")
    return Workspace(id=ws_id, name=name, kind=item["kind"],
                     created_at=moment(item, "created_at", where))  # fmt: skip


def server_restore(engine: Engine, document: Any) -> tuple[int, int]:
    """Every workspace of a server backup back, created if missing, with its items; all or
    nothing. Returns (workspaces, items restored). A `ValueError` names the place."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError("ikke en sikkerhetskopi av hele tjeneren fra utenfor")
    items = document.get("workspaces")
    if not isinstance(items, list):
        raise ValueError("workspaces må være en liste")
    spaces = [workspace_row(i, item) for i, item in enumerate(items)]
    if len({w.id for w in spaces}) < len(spaces):
        raise ValueError("workspaces: hvert arbeidsområde kan stå én gang")
    restored = 0
    with Session(engine) as s, s.begin():
        for i, (space, item) in enumerate(zip(spaces, items, strict=True)):
            s.merge(space)
            s.flush()
            try:
                restored += Scenarios(engine, space.id).restore_in(s, item["backup"])
            except ValueError as exc:
                raise ValueError(f"workspaces[{i}].backup: {exc}") from None
    return len(spaces), restored
