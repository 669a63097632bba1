"""Migrations (Alembic) on start: repeatable, and safe when several servers start at once
against one PostgreSQL database (docs/operations.md)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import inspect, text

from utenfor.store.db import make_engine, migrate


def test_migrating_twice_changes_nothing(database_url):
    engine = make_engine(database_url)
    migrate(engine)
    migrate(engine)
    with engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    assert len(versions) == 1 and "scenarios" in inspect(engine).get_table_names()
    assert "oidc_identities" in inspect(engine).get_table_names()  # 0007 (issue 30)
    engine.dispose()


def test_servers_starting_at_once_migrate_in_turn(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite serves one machine; `serve --workers` migrates before the workers")
    errors: list[BaseException] = []

    def start():
        engine = make_engine(database_url)
        try:
            migrate(engine)
        except BaseException as exc:  # any failure is the finding
            errors.append(exc)
        finally:
            engine.dispose()

    starters = [threading.Thread(target=start) for _ in range(6)]
    for t in starters:
        t.start()
    for t in starters:
        t.join(timeout=60)
    assert not errors, errors
    engine = make_engine(database_url)
    assert "scenarios" in inspect(engine).get_table_names()
    engine.dispose()
