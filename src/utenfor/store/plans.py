"""Plans for the council (issue 15, item 4): the repository. A plan is a name and the ids of
the initiatives it adds up, in order; what it adds is each initiative's latest scenario
revision, computed when the plan is read (web/plan_view.py). `version` is for the same
no-lost-update rule as saved scenarios (a change based on an old version gets `Conflict`).
An initiative id that names no initiative (deleted later, or never made) stays in the plan,
and the plan read back says it is not found."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from utenfor.store.models import DEFAULT_WORKSPACE, Plan
from utenfor.store.rows import locked, moment, owned, plain, storable, utc

MAX_INITIATIVES = 50


class InvalidPlan(ValueError):
    """What is wrong with a plan, in Norwegian, naming the field."""

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class PlanView:
    id: str
    name: str
    initiatives: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    version: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "initiatives": list(self.initiatives),
                "created_at": self.created_at.isoformat(),
                "updated_at": self.updated_at.isoformat(), "version": self.version}  # fmt: skip


def _view(row: Plan) -> PlanView:
    return PlanView(row.id, row.name, tuple(json.loads(row.initiatives_json)),
                    utc(row.created_at), utc(row.updated_at), row.version)  # fmt: skip


def _checked(name: Any, ids: Any) -> tuple[str, list[str]]:
    """The plan's name (white space folded) and initiative ids, or `InvalidPlan`. An id that
    names no initiative is kept, not refused: a plan keeps naming an initiative deleted after it
    was made, so a plan read and sent back unchanged must not be refused for it; the plan read
    back says which initiatives it could not find (web/plan_view.py)."""
    if not isinstance(name, str) or not name.strip() or len(name) > 200 or not storable(name):
        raise InvalidPlan("name", "må oppgis, tekst på høyst 200 tegn")
    if not isinstance(ids, list) or not 1 <= len(ids) <= MAX_INITIATIVES:
        raise InvalidPlan("initiatives", f"må ha fra 1 til {MAX_INITIATIVES} tiltak")
    for i, item in enumerate(ids):
        if not isinstance(item, str) or not 0 < len(item) <= 32 or not storable(item):
            raise InvalidPlan(f"initiatives[{i}]", "må være et tiltaks id (høyst 32 tegn)")
        if item in ids[:i]:
            raise InvalidPlan(f"initiatives[{i}]", "tiltaket er med i planen fra før")
    return plain(" ".join(name.split())), ids


class Plans:
    """The plan repository of one workspace: it sees and changes no other's."""

    def __init__(self, engine: Engine, workspace: str = DEFAULT_WORKSPACE):
        self.engine, self.workspace = engine, workspace

    def list(self) -> list[PlanView]:
        with Session(self.engine) as s:
            query = (select(Plan).where(Plan.workspace_id == self.workspace)
                     .order_by(Plan.updated_at.desc()))  # fmt: skip
            return [_view(r) for r in s.scalars(query)]

    def get(self, plan_id: str) -> PlanView:
        with Session(self.engine) as s:
            return _view(owned(s, Plan, plan_id, self.workspace))

    def create(self, name: str, initiatives: list[str]) -> PlanView:
        now, new_id = datetime.now(UTC), uuid.uuid4().hex
        with Session(self.engine) as s, s.begin():
            name, ids = _checked(name, initiatives)
            s.add(Plan(id=new_id, workspace_id=self.workspace, name=name,
                       initiatives_json=json.dumps(ids), created_at=now, updated_at=now,
                       version=1))  # fmt: skip
        return self.get(new_id)

    def update(self, plan_id: str, base_version: int, name: str,
               initiatives: list[str]) -> PlanView:  # fmt: skip
        """Change the name and initiatives; `Conflict` if no longer at `base_version`."""
        with Session(self.engine) as s, s.begin():
            row = locked(s, Plan, plan_id, base_version, self.workspace)
            row.name, ids = _checked(name, initiatives)
            row.initiatives_json = json.dumps(ids)
            row.updated_at, row.version = datetime.now(UTC), base_version + 1
        return self.get(plan_id)

    def delete(self, plan_id: str) -> None:
        with Session(self.engine) as s, s.begin():
            s.delete(owned(s, Plan, plan_id, self.workspace))

    def backup(self) -> list[dict[str, Any]]:
        return [p.to_json() for p in self.list()]


def plan_row(i: int, item: Any) -> Plan:
    """One plan of a backup as a row, checked by the same rules as a new plan."""
    where = f"plans[{i}]"
    if not isinstance(item, dict) or not isinstance(item.get("initiatives"), list):
        raise ValueError(f"{where} må være en tabell med id, name, initiatives og version")
    version, plan_id, name = item.get("version"), str(item.get("id", "")), item.get("name")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version < 2**31:
        raise ValueError(f"{where}.version må være et helt tall fra 1")
    if not 0 < len(plan_id) <= 32 or not storable(plan_id):
        raise ValueError(f"{where}.id må være tekst på 1 til 32 tegn")
    try:
        name, ids = _checked(name, item["initiatives"])
    except InvalidPlan as exc:
        raise ValueError(f"{where}.{exc.field} {exc.message}") from None
    return Plan(id=plan_id, name=name, initiatives_json=json.dumps(ids),
                created_at=moment(item, "created_at", where),
                updated_at=moment(item, "updated_at", where), version=version)  # fmt: skip
