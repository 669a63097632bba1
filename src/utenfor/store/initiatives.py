"""Initiatives through the Veikart phases (issue 15): the repository.

An initiative is a list of events that are never changed once written: its details (name,
description, target group, responsible unit), each phase begun with its date, notes and
decisions, each scenario revision tagged with the phase it was made in, and the actuals. What
the initiative is now is read from its events, so nothing is overwritten and the history says
what changed, when and why. `version` counts the events, for the same no-lost-update rule as
saved scenarios (a change based on an old version gets `Conflict`).

The repository checks the shape of what it stores and the order of phase dates
(`store/events.py`); the scenario rules are checked by the caller, as for saved scenarios.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from utenfor.store.events import DETAILS, InvalidEvent, check
from utenfor.store.models import DEFAULT_WORKSPACE, Initiative, InitiativeEvent
from utenfor.store.rows import locked, moment, owned, utc
from utenfor.terms import PHASES


@dataclass(frozen=True)
class Event:
    seq: int
    kind: str
    at: datetime
    on: date | None
    body: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "at": self.at.isoformat(),
                "on": self.on.isoformat() if self.on else None, "body": self.body}  # fmt: skip


@dataclass(frozen=True)
class InitiativeView:
    id: str
    version: int
    created_at: datetime
    updated_at: datetime
    events: tuple[Event, ...]

    def _of(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.kind == kind]

    @property
    def details(self) -> dict[str, str]:
        """Every detail, empty where the event left one out (a restored backup may)."""
        body = self._of("details")[-1].body
        return {key: str(body.get(key, "")) for key in DETAILS}

    @property
    def phases(self) -> list[tuple[int, date]]:
        """Each phase begun, in order, with its date."""
        return [(e.body["phase"], e.on) for e in self._of("phase")]

    @property
    def phase(self) -> int:
        return self.phases[-1][0]

    @property
    def scenarios(self) -> list[dict[str, Any]]:
        """Every revision, oldest first, numbered from 1, with its phase and reason."""
        return [{"revision": i, "phase": e.body["phase"], "reason": e.body.get("reason", ""),
                 "at": e.at.isoformat(), "scenario": e.body["scenario"]}
                for i, e in enumerate(self._of("scenario"), start=1)]  # fmt: skip

    @property
    def log(self) -> list[Event]:
        return [e for e in self.events if e.kind in ("note", "decision")]

    @property
    def actuals(self) -> dict[str, Any] | None:
        found = self._of("actuals")
        return found[-1].body["actuals"] if found else None

    @property
    def indicators(self) -> list[dict[str, Any]]:
        """The indicators measured as last saved with the actuals (payer, area, values)."""
        found = self._of("actuals")
        return found[-1].body.get("indicators", []) if found else []

    @property
    def benefits(self) -> list[dict[str, str]]:
        """The benefit plan's filled-in lines as last saved (payer, area and FILLED)."""
        found = self._of("benefits")
        return found[-1].body["lines"] if found else []

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, **self.details, "phase": self.phase,
                "phase_name": PHASES[self.phase], "created_at": self.created_at.isoformat(),
                "updated_at": self.updated_at.isoformat(),
                "events": [e.to_json() for e in self.events]}  # fmt: skip


def _view(initiative: Initiative, rows: list[InitiativeEvent]) -> InitiativeView:
    events = tuple(Event(r.seq, r.kind, utc(r.at), r.dated, json.loads(r.body_json))
                   for r in sorted(rows, key=lambda r: r.seq))  # fmt: skip
    return InitiativeView(initiative.id, initiative.version, utc(initiative.created_at),
                          utc(initiative.updated_at), events)  # fmt: skip


class Initiatives:
    """The initiative repository of one workspace: it sees and changes no other's."""

    def __init__(self, engine: Engine, workspace: str = DEFAULT_WORKSPACE):
        self.engine, self.workspace = engine, workspace

    def _events(self, s: Session, initiative_id: str) -> list[InitiativeEvent]:
        query = select(InitiativeEvent).where(InitiativeEvent.initiative_id == initiative_id)
        return list(s.scalars(query))

    def list(self) -> list[InitiativeView]:
        with Session(self.engine) as s:
            rows = list(s.scalars(select(Initiative)
                                  .where(Initiative.workspace_id == self.workspace)
                                  .order_by(Initiative.updated_at.desc())))  # fmt: skip
            events: dict[str, list[InitiativeEvent]] = {r.id: [] for r in rows}
            query = (select(InitiativeEvent).join(Initiative)
                     .where(Initiative.workspace_id == self.workspace))  # fmt: skip
            for event in s.scalars(query):  # one query, not one per initiative
                events.setdefault(event.initiative_id, []).append(event)
            return [_view(r, events[r.id]) for r in rows]

    def get(self, initiative_id: str) -> InitiativeView:
        with Session(self.engine) as s:
            row = owned(s, Initiative, initiative_id, self.workspace)
            return _view(row, self._events(s, initiative_id))

    def create(self, details: dict[str, str], began: date) -> InitiativeView:
        """A new initiative in phase 1 (Forankring), begun on `began`."""
        check("details", details, None, [])
        now, new_id = datetime.now(UTC), uuid.uuid4().hex
        with Session(self.engine) as s, s.begin():
            s.add(Initiative(id=new_id, workspace_id=self.workspace, name=details["name"],
                             created_at=now, updated_at=now, version=2))  # fmt: skip
            s.flush()
            for seq, (kind, body, on) in enumerate(
                (("details", details, None), ("phase", {"phase": 1}, began)), start=1
            ):
                s.add(InitiativeEvent(initiative_id=new_id, seq=seq, kind=kind, at=now,
                                      dated=on, body_json=json.dumps(body)))  # fmt: skip
        return self.get(new_id)

    def record(self, initiative_id: str, base_version: int, kind: str, body: dict,
               on: date | None = None) -> InitiativeView:  # fmt: skip
        """Add one event; `Conflict` if the initiative is no longer at `base_version`."""
        with Session(self.engine) as s, s.begin():
            row = locked(s, Initiative, initiative_id, base_version, self.workspace)
            events = self._events(s, initiative_id)
            check(kind, body, on, _view(row, events).phases)
            last = max((e.seq for e in events), default=0)
            now = datetime.now(UTC)
            s.add(InitiativeEvent(initiative_id=initiative_id, seq=last + 1, kind=kind,
                                  at=now, dated=on, body_json=json.dumps(body)))  # fmt: skip
            if kind == "details":
                row.name = body["name"]
            row.updated_at, row.version = now, base_version + 1
        return self.get(initiative_id)

    def delete(self, initiative_id: str) -> None:
        with Session(self.engine) as s, s.begin():
            row = owned(s, Initiative, initiative_id, self.workspace)
            s.execute(delete(InitiativeEvent).where(InitiativeEvent.initiative_id == row.id))
            s.delete(row)

    def backup(self) -> list[dict[str, Any]]:
        return [i.to_json() for i in self.list()]


def rows_of(i: int, item: Any) -> tuple[Initiative, list[InitiativeEvent]]:
    """One initiative of a backup as rows; every event checked as if recorded anew."""
    where = f"initiatives[{i}]"
    if not isinstance(item, dict) or not isinstance(item.get("events"), list):
        raise ValueError(f"{where} må være en tabell med id, version, tidspunkter og events")
    version = item.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version < 2**31:
        raise ValueError(f"{where}.version må være et helt tall fra 1")
    initiative_id = str(item.get("id", ""))
    if not 0 < len(initiative_id) <= 32:
        raise ValueError(f"{where}.id er tom eller for lang")
    events, phases = [], []
    for j, e in enumerate(item["events"]):
        at = f"{where}.events[{j}]"
        try:
            on = date.fromisoformat(e["on"]) if e.get("on") else None
            check(e.get("kind"), e.get("body"), on, phases)
            seq = e.get("seq")
            if not isinstance(seq, int) or isinstance(seq, bool) or not 0 < seq < 2**31:
                raise InvalidEvent("seq", "må være et helt tall fra 1")
        except (InvalidEvent, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"{at}: {exc}") from None
        if e["kind"] == "phase":
            phases.append((e["body"]["phase"], on))
        events.append(InitiativeEvent(initiative_id=initiative_id, seq=seq, kind=e["kind"],
                                      at=moment(e, "at", at), dated=on,
                                      body_json=json.dumps(e["body"])))  # fmt: skip
    if len({e.seq for e in events}) < len(events):
        raise ValueError(f"{where}.events: hver hendelse må ha sitt eget seq")
    kinds = [e.kind for e in events]
    if "details" not in kinds or "phase" not in kinds:
        raise ValueError(f"{where} må ha minst detaljer og en fase")
    name = next(json.loads(e.body_json)["name"] for e in reversed(events) if e.kind == "details")
    row = Initiative(id=initiative_id, name=name, created_at=moment(item, "created_at", where),
                     updated_at=moment(item, "updated_at", where), version=version)  # fmt: skip
    return row, events
