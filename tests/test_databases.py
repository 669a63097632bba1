"""The tests' PostgreSQL copies (tests/databases.py, issue 32): a copy a test used is given to
the next test under a new name, holding exactly what the migrated template holds, rows and
sequences alike; a program of the test still running cannot reach it; and a copy whose schema
a test changed is dropped, not used again."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from databases import url_of
from support import signed_in_member
from utenfor.store.db import make_engine

POSTGRES = pytest.mark.parametrize("new_database", ["postgresql"], indirect=True)


def contents(url: str) -> dict:
    """Every table's rows (sorted, as text) and every sequence's state, of the database."""
    engine = make_engine(url)
    with engine.connect() as conn:
        tables = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        found = {t: sorted(map(str, conn.execute(text(f'SELECT * FROM "{t}"')))) for (t,) in tables}
        for (name,) in conn.execute(text("SELECT sequencename FROM pg_sequences")).all():
            found[name] = conn.execute(text(f'SELECT last_value, is_called FROM "{name}"')).one()
    engine.dispose()
    return found


def exists(copies, name: str) -> bool:
    with copies.admin.connect() as conn:
        found = text("SELECT FROM pg_database WHERE datname = :name")
        return conn.execute(found, {"name": name}).first() is not None


@POSTGRES
def test_a_used_copy_comes_back_under_a_new_name_as_the_migrations_left_it(
    new_database, schema_templates
):
    copies = schema_templates("postgresql")
    template = contents(url_of(copies.server, copies.template))
    url = new_database()
    name = url.rsplit("/", 1)[1]
    signed_in_member(url)  # a workspace, a person, a session, audit events (a sequence)
    straggler = make_engine(url)  # a program of the test that is still running
    with straggler.begin() as conn:
        conn.execute(text("UPDATE workspaces SET name = 'Endret' WHERE id = 'standard'"))
    used = contents(url)
    assert used != template and used["audit_events_id_seq"] != template["audit_events_id_seq"]

    copies.give_back(name)  # ends the straggler's connection
    parked = copies.free[-1]
    assert parked != name and not exists(copies, name)
    with pytest.raises(OperationalError, match="does not exist"):
        straggler.connect()  # its pool reconnecting finds no database under the old name
    straggler.dispose()
    assert copies.take("unused") == url_of(copies.server, parked)
    assert contents(url_of(copies.server, parked)) == template
    copies.give_back(parked)  # the fixture gives back `name`, which is gone


@POSTGRES
@pytest.mark.parametrize("change", [
    "CREATE TABLE extra (id integer)",
    "ALTER TABLE workspaces ADD COLUMN extra integer",
    "ALTER TABLE users ALTER COLUMN name DROP NOT NULL",
    "CREATE SCHEMA extra",
    "CREATE FUNCTION extra() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
    "SELECT lo_create(0)",
    "ALTER DATABASE {name} SET work_mem = '8MB'",
])  # fmt: skip
def test_a_copy_whose_schema_a_test_changed_is_dropped(new_database, schema_templates, change):
    copies = schema_templates("postgresql")
    url = new_database()
    name = url.rsplit("/", 1)[1]
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text(change.format(name=f'"{name}"')))
    engine.dispose()
    free = list(copies.free)
    copies.give_back(name)
    assert copies.free == free and not exists(copies, name)
