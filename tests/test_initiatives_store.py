"""Initiatives in the database (issue 15, item 1): phases with dates, notes and decisions,
scenario revisions kept side by side, actuals; nothing overwritten; no lost update; backup and
restore into an empty database give every event back identical. SQLite and PostgreSQL."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from sqlalchemy import text

from support import WORKED_EXAMPLE
from utenfor.store.db import Conflict, NotFound, Scenarios, make_engine, migrate
from utenfor.store.events import InvalidEvent
from utenfor.store.initiatives import Initiatives

with open(WORKED_EXAMPLE, "rb") as f:
    EXAMPLE = tomllib.load(f)

DETAILS = {"name": "Losen", "description": "Oppfølging av ungdom i lavinntektsfamilier",
           "target_group": "lowincome_benefits", "responsible_unit": "Oppvekst"}  # fmt: skip


@pytest.fixture()
def engine(database_url):
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


def walked(store: Initiatives):
    """The issue's walk, up to actuals: phase 1 estimate, phase 2 revision, notes, actuals."""
    i = store.create(DETAILS, date(2021, 1, 4))
    i = store.record(i.id, i.version, "scenario", {"phase": 1, "scenario": EXAMPLE,
                                                   "reason": "Første anslag"})  # fmt: skip
    i = store.record(i.id, i.version, "decision", {"text": "Kommunestyret vil ha en plan"},
                     on=date(2021, 2, 1))  # fmt: skip
    i = store.record(i.id, i.version, "phase", {"phase": 2}, on=date(2021, 3, 1))
    revised = EXAMPLE | {"share_with_pct": 58}
    why = "Innsikt: lavere suksessrate"
    i = store.record(i.id, i.version, "scenario", {"phase": 2, "scenario": revised, "reason": why})
    return store.record(i.id, i.version, "actuals", {"actuals": {"participants": {"2021": 80}}})


def test_an_initiative_keeps_every_phase_and_revision(engine):
    store = Initiatives(engine)
    i = walked(store)
    assert i.phase == 2 and i.phases == [(1, date(2021, 1, 4)), (2, date(2021, 3, 1))]
    assert [s["revision"] for s in i.scenarios] == [1, 2]
    first, second = i.scenarios
    assert (first["phase"], first["scenario"]["share_with_pct"]) == (1, 60)  # not overwritten
    assert (second["phase"], second["scenario"]["share_with_pct"]) == (2, 58)
    assert second["reason"] == "Innsikt: lavere suksessrate"
    assert [e.body["text"] for e in i.log] == ["Kommunestyret vil ha en plan"]
    assert i.actuals == {"participants": {"2021": 80}}
    assert i.version == 7 and [e.seq for e in i.events] == list(range(1, 8))
    i = store.record(i.id, i.version, "details", DETAILS | {"name": "Losen 2.0"})
    assert i.details["name"] == "Losen 2.0" and store.list()[0].details["name"] == "Losen 2.0"
    assert [e.body["name"] for e in i.events if e.kind == "details"] == ["Losen", "Losen 2.0"]


def test_a_change_based_on_an_old_version_is_refused(engine):
    store = Initiatives(engine)
    i = store.create(DETAILS, date(2021, 1, 4))
    store.record(i.id, i.version, "note", {"text": "Først"})
    with pytest.raises(Conflict) as conflict:
        store.record(i.id, i.version, "note", {"text": "Samtidig"})
    assert conflict.value.current == i.version + 1
    assert [e.body.get("text") for e in store.get(i.id).log] == ["Først"]


@pytest.mark.parametrize(
    ("kind", "body", "on", "field"),
    [
        ("phase", {"phase": 2}, date(2020, 12, 31), "on"),  # before phase 1 began
        ("phase", {"phase": 7}, date(2021, 5, 1), "phase"),
        ("phase", {"phase": 2}, None, "on"),
        ("scenario", {"phase": 1}, None, "scenario"),
        ("note", {"text": ""}, None, "text"),
        ("details", {"name": "x" * 201}, None, "name"),
        ("changed", {}, None, "kind"),
        ("actuals", {"actuals": {}, "indicators": {}}, None, "indicators"),
        (
            "actuals",
            {"actuals": {}, "indicators": [{"payer": "stat", "area": "skole", "values": {}}]},
            None,
            "indicators[0]",
        ),
        (
            "actuals",
            {
                "actuals": {},
                "indicators": [{"payer": "stat", "area": "tax", "values": {"1999": "4 %"}}],
            },
            None,
            "indicators[0].values",
        ),
        (
            "actuals",
            {
                "actuals": {},
                "indicators": [{"payer": "stat", "area": "tax", "values": {"2021": " "}}],
            },
            None,
            "indicators[0].values.2021",
        ),
    ],
)
def test_bad_events_are_refused_in_norwegian_naming_the_field(engine, kind, body, on, field):
    store = Initiatives(engine)
    i = store.create(DETAILS, date(2021, 1, 4))
    with pytest.raises(InvalidEvent) as refused:
        store.record(i.id, i.version, kind, body, on=on)
    assert refused.value.field == field
    assert store.get(i.id).version == i.version  # nothing written


def test_backup_then_restore_into_an_empty_database_gives_everything_back(new_database):
    a, b = (make_engine(new_database()) for _ in range(2))
    for engine in (a, b):
        migrate(engine)
    walked(Initiatives(a))
    Scenarios(a).create("Et scenario", EXAMPLE, "0.1.0", "sha256:x")
    backup = Scenarios(a).backup()
    assert len(backup["initiatives"]) == 1 and len(backup["scenarios"]) == 1
    assert Scenarios(b).restore(backup) == 2
    assert Scenarios(b).restore(backup) == 2  # twice is harmless: replaced, not doubled
    assert [i.to_json() for i in Initiatives(b).list()] == backup["initiatives"]
    assert len(Initiatives(b).get(backup["initiatives"][0]["id"]).events) == 7
    for engine in (a, b):
        engine.dispose()


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d["initiatives"][0]["events"][4].update(on="2020-01-01"),  # phase 2 before 1
        lambda d: d["initiatives"][0]["events"][0].pop("at"),
        lambda d: d["initiatives"][0].update(version="sju"),
        lambda d: d["initiatives"][0]["events"].__setitem__(0, "tekst"),
        lambda d: d["initiatives"][0]["events"][1].update(seq=1),  # two events with seq 1
        lambda d: d["initiatives"][0]["events"][0]["body"].update(name="Lo\x00sen"),
    ],
)
def test_a_bad_backup_is_refused_whole(new_database, spoil):
    a, b = (make_engine(new_database()) for _ in range(2))
    for engine in (a, b):
        migrate(engine)
    walked(Initiatives(a))
    backup = Scenarios(a).backup()
    spoil(backup)
    with pytest.raises(ValueError) as refused:
        Scenarios(b).restore(backup)
    assert "initiatives[0]" in str(refused.value)
    assert Initiatives(b).list() == []
    for engine in (a, b):
        engine.dispose()


def test_deleting_an_initiative_removes_its_events(engine):
    store = Initiatives(engine)
    i = walked(store)
    store.delete(i.id)
    with pytest.raises(NotFound):
        store.get(i.id)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM initiative_events")).scalar() == 0
