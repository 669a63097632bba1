"""The tests' PostgreSQL databases: made, dropped, and copies at the newest schema used again.

A database made from a template costs PostgreSQL about 0.2 core-seconds: it copies the
template's 7 MB of system catalogues page by page and writes each page to its log. The suite
makes some 160. A copy a test has used is instead emptied (its rows deleted, its sequences
set back, the template's own rows written again) under a new name, and given to the next
test of the same worker: about 0.01 core-seconds (issue 32).
A copy whose schema a test changed, or that something still holds, is dropped instead."""

from __future__ import annotations

import time
import uuid
from graphlib import TopologicalSorter

from sqlalchemy import text

from utenfor.store.db import HEAD, make_engine

# This role's connections to a database, which the test's servers and engines leave open (not
# another role's, such as an autovacuum worker's, which this role may not end).
ON_IT = ("SELECT pid FROM pg_stat_activity WHERE datname = :name AND usename = current_user"
         " AND pid <> pg_backend_pid()")  # fmt: skip


def new_name(kind: str = "test") -> str:
    """A name no other database or file of the tests has: `utenfor_<kind>_<12 hex digits>`."""
    return f"utenfor_{kind}_{uuid.uuid4().hex[:12]}"


def url_of(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + "/" + name


def create_database(admin, server: str, name: str, template: str | None = None) -> str:
    """A new database `name` on the PostgreSQL server (a copy of `template` if given), by
    `admin`; its URL."""
    copy = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    return url_of(server, name)


def end_connections(conn, name: str) -> bool:
    """End this role's other connections to `name`, watching every 2 ms for up to 1 s whether
    they are gone (`conn` autocommits, so each look is a new snapshot); whether they are."""
    conn.execute(text(f"SELECT pg_terminate_backend(pid) FROM ({ON_IT}) AS mine"), {"name": name})
    until = time.monotonic() + 1
    while conn.execute(text(ON_IT), {"name": name}).first():
        if time.monotonic() > until:
            return False
        time.sleep(0.002)
    return True


def drop(admin, name: str) -> None:
    """Drop a test database. FORCE ends this role's connections, but not a server process of
    another role that is briefly on it (seen once in 8 runs: "must be a member of the role
    whose process is being terminated" at teardown); such a process ends by itself, so wait
    for it, up to 30 s.

    The connections the test left open are ended first, and their end is watched every 2 ms:
    FORCE ends them too, but then checks every 100 ms whether they are gone, so a test that
    left a connection open waited 100 ms or more in its teardown (issue 32)."""
    from sqlalchemy.exc import ProgrammingError

    for attempt in range(60):
        try:
            with admin.connect() as conn:
                end_connections(conn, name)  # then FORCE waits for what is left
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except ProgrammingError:
            if attempt == 59:
                raise
            time.sleep(0.5)


# What a copy holds besides its rows, as one digest: its schemas, the relations, columns,
# constraints and functions of `public`, its large objects, the settings made for it (ALTER
# DATABASE … SET) and the revision Alembic recorded.
SHAPE = """SELECT md5(string_agg(item, ';' ORDER BY item)) FROM (
  SELECT 'n ' || nspname FROM pg_namespace
   WHERE nspname NOT LIKE 'pg_temp_%' AND nspname NOT LIKE 'pg_toast_temp_%'
  UNION ALL SELECT 'r ' || relname || ' ' || relkind::text FROM pg_class
   WHERE relnamespace = 'public'::regnamespace
  UNION ALL SELECT 'a ' || attrelid::regclass || '.' || attname || ' '
                   || format_type(atttypid, atttypmod) || ' ' || attnotnull
   FROM pg_attribute JOIN pg_class ON pg_class.oid = attrelid
   WHERE relnamespace = 'public'::regnamespace AND attnum > 0 AND NOT attisdropped
  UNION ALL SELECT 'c ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
   WHERE connamespace = 'public'::regnamespace
  UNION ALL SELECT 'f ' || oid::regprocedure FROM pg_proc
   WHERE pronamespace = 'public'::regnamespace
  UNION ALL SELECT 'l ' || count(*) FROM pg_largeobject_metadata
  UNION ALL SELECT 's ' || array_to_string(setconfig, ',') FROM pg_db_role_setting
   WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
  UNION ALL SELECT 'v ' || version_num FROM alembic_version) AS items(item)"""
TABLES = ("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
          "AND tablename <> 'alembic_version'")  # fmt: skip
FOREIGN_KEYS = ("SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
                "WHERE contype = 'f' AND connamespace = 'public'::regnamespace")  # fmt: skip
SEQUENCES = "SELECT sequencename, start_value FROM pg_sequences WHERE schemaname = 'public'"


class Copies:
    """Databases at the newest schema on one PostgreSQL server, copies of `template` (a
    migrated database no one uses): `take` one for a test, `give_back` it after."""

    def __init__(self, admin, server: str, template: str):
        self.admin, self.server, self.template = admin, server, template
        self.free: list[str] = []
        engine = make_engine(url_of(server, template))
        with engine.connect() as conn:
            self.shape = conn.execute(text(SHAPE)).scalar()
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            tables = [row[0] for row in conn.execute(text(TABLES))]
            refers = {table: set() for table in tables}
            for table, referenced in conn.execute(text(FOREIGN_KEYS)):
                if table != referenced:
                    refers[table.strip('"')].add(referenced.strip('"'))
            sequences = conn.execute(text(SEQUENCES)).all()
            # the rows the migrations wrote (the standard workspace), as they are
            kept = {table: [row._asdict() for row in conn.execute(text(f'SELECT * FROM "{table}"'))]
                    for table in tables}  # fmt: skip
        engine.dispose()
        assert revision == HEAD, f"the template is at {revision}, not {HEAD}"
        order = list(TopologicalSorter(refers).static_order())  # referred to first
        # rows deleted before the rows they refer to, and written back after them
        self.empty = [(f'DELETE FROM "{table}"', None) for table in reversed(order)] + [
            (f"SELECT setval('\"{name}\"', {start}, false)", None) for name, start in sequences
        ]
        for table in (table for table in order if kept[table]):
            names = ", ".join(f'"{column}"' for column in kept[table][0])
            values = ", ".join(f":{column}" for column in kept[table][0])
            self.empty.append((f'INSERT INTO "{table}" ({names}) VALUES ({values})', kept[table]))

    def take(self, name: str) -> str:
        """The URL of a free copy, or of a new one called `name`."""
        if self.free:
            return url_of(self.server, self.free.pop())
        return create_database(self.admin, self.server, name, self.template)

    def give_back(self, name: str) -> None:
        """Empty the copy `name` for the next test, or drop it if it cannot be."""
        assert name not in self.free, f"{name} was given back twice"
        parked = self._parked(name)
        if parked is None:
            drop(self.admin, name)
        elif self._emptied(parked):
            self.free.append(parked)
        else:
            drop(self.admin, parked)

    def _parked(self, name: str) -> str | None:
        """The copy under a new name, which no program of the test knows: one still running (a
        server's pool reconnecting, say) cannot write into the next test's database. None if
        something is still on it (RENAME refuses then)."""
        parked = new_name()
        try:
            with self.admin.connect() as conn:
                if not end_connections(conn, name):
                    return None
                conn.execute(text(f'ALTER DATABASE "{name}" RENAME TO "{parked}"'))
            return parked
        except Exception:  # on it again, or gone (a test dropped it): dropped, if it is there
            return None

    def _emptied(self, name: str) -> bool:
        engine = make_engine(url_of(self.server, name))
        try:
            with engine.begin() as conn:
                conn.execute(text("SET LOCAL lock_timeout = '2s'"))
                if conn.execute(text(SHAPE)).scalar() != self.shape:
                    return False  # a test changed the schema: the next gets a new copy
                for statement, rows in self.empty:
                    conn.execute(text(statement), rows)
            return True
        except Exception:  # held, or broken: dropped instead
            return False
        finally:
            engine.dispose()

    def close(self) -> None:
        for name in self.free:
            drop(self.admin, name)
        self.free.clear()
