"""Workspaces in the store (issue 14, item 2), on SQLite and PostgreSQL: every saved scenario,
initiative and plan belongs to one workspace, and a repository of workspace A neither lists,
reads, changes, deletes, backs up nor restores over anything of workspace B (each such call is
`NotFound`, as for an id that never existed). The migrations keep everything saved before
them, and put it in the default workspace."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from support import WORKED_EXAMPLE
from utenfor.store import db
from utenfor.store.db import NotFound, Scenarios, make_engine, migrate
from utenfor.store.initiatives import Initiatives
from utenfor.store.models import DEFAULT_WORKSPACE
from utenfor.store.plans import Plans

with open(WORKED_EXAMPLE, "rb") as f:
    EXAMPLE = tomllib.load(f)


def workspace(engine, workspace_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO workspaces (id, name, kind, created_at) "
                          "VALUES (:id, :id, 'kommune', :at)"),
                     {"id": workspace_id, "at": datetime.now(UTC)})  # fmt: skip


@pytest.fixture()
def engine(database_url):
    engine = make_engine(database_url)
    migrate(engine)
    workspace(engine, "a")
    workspace(engine, "b")
    yield engine
    engine.dispose()


def stores(engine, ws: str):
    return Scenarios(engine, ws), Initiatives(engine, ws), Plans(engine, ws)


def test_a_workspace_sees_and_changes_nothing_of_another(engine):
    scenarios_b, initiatives_b, plans_b = stores(engine, "b")
    scenario = scenarios_b.create("Bs scenario", EXAMPLE, "0.1.0", "sha256:x")
    initiative = initiatives_b.create({"name": "Bs tiltak"}, date(2021, 1, 4))
    plan = plans_b.create("Bs plan", [initiative.id])
    scenarios_a, initiatives_a, plans_a = stores(engine, "a")
    assert scenarios_a.list() == initiatives_a.list() == plans_a.list() == []
    calls = [
        lambda: scenarios_a.get(scenario.id),
        lambda: scenarios_a.update(scenario.id, 1, name="Endret av A"),
        lambda: scenarios_a.duplicate(scenario.id),
        lambda: scenarios_a.delete(scenario.id),
        lambda: initiatives_a.get(initiative.id),
        lambda: initiatives_a.record(initiative.id, initiative.version, "note", {"text": "A"}),
        lambda: initiatives_a.delete(initiative.id),
        lambda: plans_a.get(plan.id),
        lambda: plans_a.update(plan.id, 1, "Endret av A", [initiative.id]),
        lambda: plans_a.delete(plan.id),
    ]
    for call in calls:
        with pytest.raises(NotFound):
            call()
    backup = scenarios_a.backup()
    assert backup["scenarios"] == backup["initiatives"] == backup["plans"] == []
    # B's things are as B left them.
    assert scenarios_b.get(scenario.id) == scenario
    assert initiatives_b.get(initiative.id) == initiative
    assert plans_b.get(plan.id) == plan
    # What A makes is A's alone, and the default workspace (no accounts) sees neither.
    mine = scenarios_a.create("As scenario", EXAMPLE, "0.1.0", "sha256:x")
    assert [s.id for s in scenarios_a.list()] == [mine.id]
    assert [s.id for s in scenarios_b.list()] == [scenario.id]
    assert Scenarios(engine).list() == []


def test_a_restore_cannot_replace_another_workspaces_work(engine):
    """B's ids restored into A (issue 30, item 9): nothing of B is replaced, and A's restore
    answers as for ids never seen (no "in use in another workspace"): A gets copies under
    new ids, its plan naming its own copy of the initiative."""
    scenarios_b, initiatives_b, plans_b = stores(engine, "b")
    scenarios_b.create("Bs scenario", EXAMPLE, "0.1.0", "sha256:x")
    made = initiatives_b.create({"name": "Bs tiltak"}, date(2021, 1, 4))
    plans_b.create("Bs plan", [made.id])
    backup = scenarios_b.backup()
    changed = json.loads(json.dumps(backup).replace("Bs ", "Endret "))
    ids_b = {x["id"] for part in ("scenarios", "initiatives", "plans") for x in backup[part]}
    fresh = json.dumps(changed)
    for n, old in enumerate(sorted(ids_b)):
        fresh = fresh.replace(old, f"{n:032x}")  # ids no workspace has
    scenarios_a, initiatives_a, plans_a = stores(engine, "a")
    workspace(engine, "c")
    assert scenarios_a.restore(changed) == 3 == Scenarios(engine, "c").restore(json.loads(fresh))
    assert scenarios_b.backup() == backup  # nothing of B was replaced
    copy = scenarios_a.backup()
    assert [x["name"] for x in copy["scenarios"]] == ["Endret scenario"]
    ids_a = {x["id"] for part in ("scenarios", "initiatives", "plans") for x in copy[part]}
    assert len(ids_a) == 3 and not ids_a & ids_b
    [initiative] = initiatives_a.list()
    [plan] = plans_a.list()
    assert initiative.details["name"] == "Endret tiltak" and plan.initiatives == (initiative.id,)
    # Into its own workspace the same backup restores, replaced in place.
    assert scenarios_b.restore(backup) == 3 and scenarios_b.backup() == backup


def upgrade(engine, revision: str) -> None:
    with engine.begin() as connection:
        db.upgrade(connection, revision)


def test_every_migration_keeps_what_was_saved_and_puts_it_in_the_default_workspace(
    new_database,
):
    """At each schema, a row written as that schema stood (plain SQL, not today's models);
    then the newest schema reads each one back."""
    engine = make_engine(new_database(empty=True))
    at = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO scenarios VALUES ('s1', 'Før', :json, '0.1.0', "
                "'sha256:x', :at, :at, 3)"
            ),
            {"json": json.dumps(EXAMPLE), "at": at},
        )
    upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO initiatives VALUES ('i1', 'Losen', :at, :at, 2)"), {"at": at}
        )
        for seq, kind, body, dated in (
            (1, "details", {"name": "Losen"}, None),
            (2, "phase", {"phase": 1}, date(2021, 1, 4)),
        ):
            conn.execute(
                text(
                    "INSERT INTO initiative_events VALUES ('i1', :seq, :kind, :at, :dated, :body)"
                ),
                {"seq": seq, "kind": kind, "at": at, "dated": dated, "body": json.dumps(body)},
            )
    upgrade(engine, "0003")
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO plans VALUES ('p1', 'Plan', :ids, :at, :at, 1)"),
            {"ids": json.dumps(["i1"]), "at": at},
        )
    migrate(engine)
    scenarios, initiatives, plans = stores(engine, DEFAULT_WORKSPACE)
    saved = scenarios.get("s1")
    assert (saved.name, saved.scenario, saved.version, saved.updated_at) == ("Før", EXAMPLE, 3, at)
    made = initiatives.get("i1")
    assert made.details["name"] == "Losen" and made.phases == [(1, date(2021, 1, 4))]
    assert plans.get("p1").initiatives == ("i1",)
    with engine.connect() as conn:
        owners = {conn.execute(text(f"SELECT workspace_id FROM {t}")).scalar_one()
                  for t in ("scenarios", "initiatives", "plans")}  # fmt: skip
    assert owners == {DEFAULT_WORKSPACE}
    migrate(engine)  # twice changes nothing
    assert scenarios.get("s1") == saved
    engine.dispose()
