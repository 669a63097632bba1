"""The tests' PostgreSQL copies (tests/databases.py, issue 32): a copy a test used is given to
the next test holding exactly what the migrated template holds, rows and sequences alike, and
a copy whose schema a test changed is dropped, not used again."""

from __future__ import annotations

import pytest
from sqlalchemy import text

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


@POSTGRES
def test_a_used_copy_is_given_back_as_the_migrations_left_it(new_database, schema_templates):
    copies = schema_templates("postgresql")
    template = contents(url_of(copies.server, copies.template))
    url = new_database()
    name = url.rsplit("/", 1)[1]
    signed_in_member(url)  # a workspace, a person, a session, audit events (a sequence)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE workspaces SET name = 'Endret' WHERE id = 'standard'"))
    used = contents(url)  # still connected: `give_back` ends the connection
    assert used != template and used["audit_events_id_seq"] != template["audit_events_id_seq"]

    copies.give_back(name)
    assert copies.free[-1] == name
    assert copies.take("unused") == url  # the fixture gives it back again after the test
    assert contents(url) == template
    engine.dispose()


@POSTGRES
def test_a_copy_whose_schema_a_test_changed_is_dropped(new_database, schema_templates):
    copies = schema_templates("postgresql")
    url = new_database()
    name = url.rsplit("/", 1)[1]
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE extra (id integer)"))
    engine.dispose()
    copies.give_back(name)
    assert name not in copies.free
    with copies.admin.connect() as conn:
        assert not conn.execute(
            text("SELECT FROM pg_database WHERE datname = :n"), {"n": name}
        ).first()
