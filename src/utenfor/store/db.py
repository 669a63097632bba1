"""Database access: engine, migrations applied on start, and the saved-scenario repository.

Every function opens its own short transaction: the app keeps no state between requests, so
several workers can share one PostgreSQL database.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, delete, event, inspect, select, text
from sqlalchemy.orm import Session

from utenfor.store import audit
from utenfor.store.initiatives import Initiatives, rows_of
from utenfor.store.models import DEFAULT_WORKSPACE, Initiative, InitiativeEvent, Plan, SavedScenario
from utenfor.store.plans import Plans, plan_row
from utenfor.store.rows import Conflict, NotFound, locked, moment, owned, plain, utc

__all__ = ["Conflict", "NotFound", "Scenarios", "default_database_url", "make_engine", "migrate"]

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration's revision: each migration's file starts with its revision
# (0007_oidc_identities.py is "0007"); tests/test_migrations.py checks that this is Alembic's head.
HEAD = max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def default_database_url() -> str:
    """A SQLite file in the user's data directory (XDG on Linux, LOCALAPPDATA on Windows)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home()))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    folder = base / "utenfor"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'utenfor.db'}"


def make_engine(url: str) -> Engine:
    """An engine for `url`; postgresql:// URLs use psycopg 3 (the driver the project ships)."""
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    # A PostgreSQL server that does not answer is an error after 10 s, not a hung request.
    args = {"connect_timeout": 10} if url.startswith("postgresql") else {}
    engine = create_engine(url, future=True, pool_pre_ping=True, connect_args=args)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(conn, _record):  # WAL: readers never block the writer
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

    return engine


MIGRATION_LOCK = 7_340_591  # any constant: the PostgreSQL advisory lock that migrations hold


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (Alembic `upgrade head`). On PostgreSQL the
    servers that start at once against one database take turns (an advisory lock held until
    the migration commits); SQLite serves one machine, where `serve --workers` migrates once
    before its workers start. A database already at the newest schema is left as it is
    without loading Alembic: 2 ms instead of about 90 at every start of a server or worker."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        if revision(connection) != HEAD:
            upgrade(connection)


def alembic_config():
    """Alembic's configuration for the migrations in MIGRATIONS (this loads Alembic)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(connection: Connection, to: str = "head") -> None:
    """Alembic's `upgrade` to the revision `to`, in the transaction of `connection`."""
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, to)


def revision(connection: Connection) -> str | None:
    """The schema's revision that Alembic recorded in the database (None before the first)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


@dataclass(frozen=True)
class Stored:
    id: str
    name: str
    scenario: dict
    model_version: str
    data_fingerprint: str
    created_at: datetime
    updated_at: datetime
    version: int

    def summary(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "version": self.version,
            "updated_at": self.updated_at.isoformat(),
            "model_version": self.model_version,
            "data_fingerprint": self.data_fingerprint,
        }

    def to_json(self) -> dict:
        return {**self.summary(), "created_at": self.created_at.isoformat(),
                "scenario": self.scenario}  # fmt: skip


def _stored(row: SavedScenario) -> Stored:
    return Stored(row.id, row.name, json.loads(row.scenario_json), row.model_version,
                  row.data_fingerprint, utc(row.created_at), utc(row.updated_at),
                  row.version)  # fmt: skip


BACKUP_FIELDS = ("id", "name", "scenario", "model_version", "data_fingerprint", "created_at",
                 "updated_at", "version")  # fmt: skip


def _row(i: int, item: object) -> SavedScenario:
    """One scenario of a backup as a row; a `ValueError` names what is wrong, in Norwegian."""
    where = f"scenarios[{i}]"
    if not isinstance(item, dict):
        raise ValueError(f"{where} må være en tabell med feltnavn og verdier")
    missing = [key for key in BACKUP_FIELDS if key not in item]
    if missing:
        raise ValueError(f"{where} mangler {', '.join(missing)}")
    version = item["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValueError(f"{where}.version må være et helt tall")
    row = SavedScenario(
        id=str(item["id"]), name=plain(str(item["name"]))[:200],
        scenario_json=json.dumps(item["scenario"]), model_version=str(item["model_version"]),
        data_fingerprint=str(item["data_fingerprint"]),
        created_at=moment(item, "created_at", where),
        updated_at=moment(item, "updated_at", where), version=version,
    )  # fmt: skip
    _check_columns(row)
    return row


def _check_columns(row: SavedScenario) -> None:
    """What the columns hold (PostgreSQL refuses longer values; SQLite would keep them)."""
    for column in ("id", "model_version", "data_fingerprint"):
        value = getattr(row, column)
        if not value or len(value) > SavedScenario.__table__.c[column].type.length:
            raise ValueError(f"{column} er tom eller for lang")
    if not 1 <= row.version < 2**31:
        raise ValueError("version er utenfor 1 til 2 147 483 647")


class Scenarios:
    """The saved-scenario repository of one workspace: it sees and changes no other's."""

    def __init__(self, engine: Engine, workspace: str = DEFAULT_WORKSPACE):
        self.engine, self.workspace = engine, workspace

    def list(self) -> list[Stored]:
        with Session(self.engine) as s:
            rows = s.scalars(select(SavedScenario)
                             .where(SavedScenario.workspace_id == self.workspace)
                             .order_by(SavedScenario.updated_at.desc()))  # fmt: skip
            return [_stored(r) for r in rows]

    def get(self, scenario_id: str) -> Stored:
        with Session(self.engine) as s:
            return _stored(owned(s, SavedScenario, scenario_id, self.workspace))

    def create(self, name: str, scenario: dict, model_version: str, fingerprint: str) -> Stored:
        now = datetime.now(UTC)
        new_id = uuid.uuid4().hex
        row = SavedScenario(id=new_id, workspace_id=self.workspace, name=plain(name),
                            scenario_json=json.dumps(scenario),
                            model_version=model_version, data_fingerprint=fingerprint,
                            created_at=now, updated_at=now, version=1)  # fmt: skip
        with Session(self.engine) as s, s.begin():
            s.add(row)
        return self.get(new_id)

    def update(self, scenario_id: str, base_version: int, *, name: str | None = None,
               scenario: dict | None = None, model_version: str | None = None,
               fingerprint: str | None = None) -> Stored:  # fmt: skip
        """Change a scenario; `Conflict` if it is no longer at `base_version` (no lost update)."""
        with Session(self.engine) as s, s.begin():
            row = locked(s, SavedScenario, scenario_id, base_version, self.workspace)
            if name is not None:
                row.name = plain(name)
            if scenario is not None:
                row.scenario_json = json.dumps(scenario)
            if model_version is not None:
                row.model_version = model_version
            if fingerprint is not None:
                row.data_fingerprint = fingerprint
            row.updated_at = datetime.now(UTC)
            row.version = base_version + 1
        return self.get(scenario_id)

    def duplicate(self, scenario_id: str) -> Stored:
        original = self.get(scenario_id)
        return self.create(f"Kopi av {original.name}"[:200], original.scenario,
                           original.model_version, original.data_fingerprint)  # fmt: skip

    def backup(self) -> dict:
        """All saved scenarios, initiatives and plans as one JSON document (for `restore`),
        with the workspace's audit log (which `restore` leaves as it is)."""
        return {"format": "utenfor-backup", "version": 1,
                "scenarios": [s.to_json() for s in self.list()],
                "initiatives": Initiatives(self.engine, self.workspace).backup(),
                "plans": Plans(self.engine, self.workspace).backup(),
                "audit": audit.log(self.engine, self.workspace)}  # fmt: skip

    def restore(self, document: dict) -> int:
        """Put every scenario, initiative and plan of a backup back into this workspace, under
        its own id; one that exists already here is replaced. An id in use in another
        workspace is restored under a new id (it must not replace another's work, and the
        answer must not tell that the id exists: issue 30, item 9), so a backup of one
        workspace restored into another is a copy. All or nothing: one transaction. Returns
        how many were restored."""
        with Session(self.engine) as s, s.begin():
            return self.restore_in(s, document)

    def restore_in(self, s: Session, document: dict) -> int:
        """`restore` within the caller's transaction (a server backup restores every workspace
        in one)."""
        if not isinstance(document, dict) or document.get("format") != "utenfor-backup":
            raise ValueError("ikke en sikkerhetskopi fra utenfor")
        rows = [_row(i, item) for i, item in enumerate(document.get("scenarios", []))]
        items = document.get("initiatives", [])
        if not isinstance(items, list):
            raise ValueError("initiatives må være en liste")
        initiatives = [rows_of(i, item) for i, item in enumerate(items)]
        plans = document.get("plans", [])
        if not isinstance(plans, list):
            raise ValueError("plans må være en liste")
        plan_rows = [plan_row(i, item) for i, item in enumerate(plans)]
        renamed: dict[tuple[str, str], str] = {}
        for name, model, group in (("scenarios", SavedScenario, rows),
                                   ("initiatives", Initiative, [i for i, _ in initiatives]),
                                   ("plans", Plan, plan_rows)):  # fmt: skip
            for row in group:
                there = s.get(model, row.id)
                if there is not None and there.workspace_id != self.workspace:
                    renamed[name, row.id] = row.id = uuid.uuid4().hex
                row.workspace_id = self.workspace
        for initiative, events in initiatives:
            for row in events:
                row.initiative_id = initiative.id
        for row in plan_rows:  # a plan names its initiatives by id
            ids = [renamed.get(("initiatives", i), i) for i in json.loads(row.initiatives_json)]
            row.initiatives_json = json.dumps(ids)
        for row in rows:
            s.merge(row)
        for initiative, events in initiatives:  # replaced whole: its events as backed up
            s.execute(delete(InitiativeEvent)
                      .where(InitiativeEvent.initiative_id == initiative.id))  # fmt: skip
            s.merge(initiative)
            s.flush()
            s.add_all(events)
        for row in plan_rows:
            s.merge(row)
        return len(rows) + len(initiatives) + len(plan_rows)

    def delete(self, scenario_id: str) -> None:
        with Session(self.engine) as s, s.begin():
            s.delete(owned(s, SavedScenario, scenario_id, self.workspace))
