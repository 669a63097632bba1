"""A workspace's audit log (issue 14, item 5): who created, changed, shared, deleted, restored
or exported what, and when. The app only adds lines (`web/audit_trail.py` writes one for every
such request that succeeded); no route changes or deletes one, and a workspace's restore
leaves its log as it is (and adds a line saying so). The log is in the workspace's backup; the
operator's restore of the whole server adds back the lines a workspace lacks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from utenfor.marks import N_
from utenfor.store.models import AuditEvent, Membership, User, Workspace
from utenfor.store.rows import moment, plain, storable, utc

ACTIONS = (
    N_("opprettet"),
    N_("endret"),
    N_("delt"),
    N_("slettet"),
    N_("gjenopprettet"),
    N_("eksportert"),
    N_("tilbakekalt"),
    N_("medlem"),
    N_("innlogget"),
    N_("innlogging avvist"),
    N_("innlogging sperret"),
    N_("nytt passord"),
    N_("byttet arbeidsområde"),
    N_("logget ut"),
)  # shown in the page's language; the last six since issue 30


def record(engine: Engine, workspace: str, who: str, action: str, target: str,
           now: datetime | None = None) -> None:  # fmt: skip
    with Session(engine) as s, s.begin():
        add(s, workspace, who, action, target, now)


def add(s: Session, workspace: str, who: str, action: str, target: str,
        now: datetime | None = None) -> None:  # fmt: skip
    """A line, in the caller's transaction: it is kept if and only if the change is."""
    s.add(AuditEvent(workspace_id=workspace, at=now or datetime.now(UTC), who=plain(who)[:254],
                     action=action, target=plain(target)[:300]))  # fmt: skip


def of_person(engine: Engine, email: str, action: str, target: str, now: datetime | None = None,
              once_in: timedelta | None = None) -> None:  # fmt: skip
    """A line in every workspace of the person with this address (none for an unknown one):
    a refused sign-in, a lockout; with `once_in`, not if the same line came within it (a
    flood of refused tries writes one line a minute, not one a try)."""
    now = now or datetime.now(UTC)
    with Session(engine) as s, s.begin():
        email = " ".join(str(email).split()).lower()
        user = s.scalar(select(User).where(User.email == email))
        if user is None:
            return
        if once_in and s.scalar(select(AuditEvent.id).where(
                AuditEvent.who == user.email, AuditEvent.action == action,
                AuditEvent.at > now - once_in).limit(1)):  # fmt: skip
            return
        everywhere(s, user, action, target, now)


def everywhere(s: Session, user: User, action: str, target: str, now: datetime | None = None,
               but: str | None = None) -> None:  # fmt: skip
    """A line, by the person, in each workspace of theirs (`but` one)."""
    query = select(Membership.workspace_id).where(Membership.user_id == user.id)
    for workspace in s.scalars(query).all():
        if workspace != but:
            add(s, workspace, user.email, action, target, now)


def on_every_workspace(engine: Engine, who: str, action: str, target: str) -> None:
    """The operator's act on the whole server (its backup): a line in every workspace."""
    with Session(engine) as s, s.begin():
        for workspace in s.scalars(select(Workspace.id)).all():
            add(s, workspace, who, action, target)


def joined(s: Session, user: User, workspace: str, role: str, now: datetime) -> None:
    """An invitation taken (issue 30): a line in the workspace joined, and one in each other
    workspace of the person, so that a person's new membership anywhere shows at home."""
    name = s.get(Workspace, workspace).name
    add(s, workspace, user.email, "medlem", f"invitasjon godtatt: {user.email} som {role}", now)
    everywhere(s, user, "medlem", f"{user.email} ble {role} i et annet arbeidsområde: «{name}»",
               now, but=workspace)  # fmt: skip


def log(engine: Engine, workspace: str, limit: int | None = None) -> list[dict[str, Any]]:
    """The workspace's lines, oldest first (the last `limit`, if given)."""
    with Session(engine) as s:
        query = select(AuditEvent).where(AuditEvent.workspace_id == workspace)
        query = query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        rows = list(s.scalars(query.limit(limit) if limit else query))
    return [{"at": utc(r.at).isoformat(), "who": r.who, "action": r.action, "target": r.target}
            for r in reversed(rows)]  # fmt: skip


def restore_missing(s: Session, workspace: str, lines: Any, where: str) -> None:
    """The operator's restore: add the backup's lines that this workspace does not have."""
    if not isinstance(lines, list):
        raise ValueError(f"{where}.audit må være en liste")
    have = {
        (utc(r.at), r.who, r.action, r.target)
        for r in s.scalars(select(AuditEvent).where(AuditEvent.workspace_id == workspace))
    }
    for i, line in enumerate(lines):
        fields = [
            line.get(k) if isinstance(line, dict) else None for k in ("who", "action", "target")
        ]
        if not all(isinstance(f, str) and storable(f) for f in fields) or fields[1] not in ACTIONS:
            raise ValueError(f"{where}.audit[{i}] må ha who, action (en av {', '.join(ACTIONS)}) "
                             "og target som tekst")  # fmt: skip
        key = (moment(line, "at", f"{where}.audit[{i}]"), *fields)
        if key not in have:
            have.add(key)
            s.add(AuditEvent(workspace_id=workspace, at=key[0], who=fields[0][:254],
                             action=fields[1], target=fields[2][:300]))  # fmt: skip
