"""Migrations (Alembic) on start: repeatable, and safe when several servers start at once
against one PostgreSQL database (docs/operations.md)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import inspect, text

from utenfor.store.db import HEAD, alembic_config, make_engine, migrate, revision, upgrade


def test_migrating_twice_changes_nothing(new_database):
    engine = make_engine(new_database(empty=True))
    migrate(engine)
    migrate(engine)
    with engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    assert len(versions) == 1 and "scenarios" in inspect(engine).get_table_names()
    assert "oidc_identities" in inspect(engine).get_table_names()  # 0007 (issue 30)
    engine.dispose()


def test_servers_starting_at_once_migrate_in_turn(new_database):
    database_url = new_database(empty=True)
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


def test_the_head_that_lets_a_start_skip_alembic_is_alembics_head():
    """`migrate` leaves a database at `HEAD` without loading Alembic (tests/test_cli_imports.py):
    `HEAD` must be the newest migration as Alembic reads the folder (one head, no branch)."""
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_heads() == [HEAD]


def test_a_database_behind_the_head_is_still_migrated(new_database):
    """The shortcut takes only a database at the head: one left at the revision before it is
    brought up to the head."""
    from alembic.script import ScriptDirectory

    before = ScriptDirectory.from_config(alembic_config()).get_revision(HEAD).down_revision
    engine = make_engine(new_database(empty=True))
    with engine.begin() as connection:
        upgrade(connection, before)
    with engine.connect() as connection:
        assert revision(connection) == before
    migrate(engine)
    with engine.connect() as connection:
        assert revision(connection) == HEAD
    engine.dispose()
