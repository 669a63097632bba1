"""A saved scenario or a plan shared read-only (issue 14, item 2), in two ways:

- by a link (a scenario): `/delt/{token}`, open to whoever has it, until it is revoked or
  expires (1 to 90 days). The token is shown once; the database keeps its SHA-256.
- with a network workspace that the item's workspace belongs to (`NetworkMember`, set by the
  operator): the network's members can read it, not change it, until it is revoked. The
  network never gets the workspace itself.

A share is made and revoked by a member who may edit in the item's workspace; deleting the
item ends its shares.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from utenfor.store import audit
from utenfor.store.accounts import AccountError, digest
from utenfor.store.db import Scenarios, Stored
from utenfor.store.models import NetworkMember, Plan, SavedScenario, Share, Workspace
from utenfor.store.rows import NotFound, owned, utc

MAX_DAYS = 90


@dataclass(frozen=True)
class ShareInfo:
    id: str
    kind: str  # "scenario" or "plan"
    item_id: str
    item_name: str
    network_name: str | None  # None: a link
    created_by: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None

    def active(self, now: datetime | None = None) -> bool:
        return _open(self, now or datetime.now(UTC))  # the same rule as for a row


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _open(row, now: datetime) -> bool:
    """A share (row or `ShareInfo`) not revoked and not expired."""
    return row is not None and row.revoked_at is None and (
        row.expires_at is None or utc(row.expires_at) > now)  # fmt: skip


def _named(workspace_column, outer: bool = False):
    """Shares with their scenario's or plan's name and the name of the workspace in
    `workspace_column` (the network; or the sharing workspace)."""
    query = (select(Share, SavedScenario.name, Plan.name, Workspace.name)
             .outerjoin(SavedScenario, SavedScenario.id == Share.scenario_id)
             .outerjoin(Plan, Plan.id == Share.plan_id))  # fmt: skip
    return query.join(Workspace, Workspace.id == workspace_column, isouter=outer)


class Shares:
    """The shares of one workspace's scenarios, and what is shared with it as a network."""

    def __init__(self, engine: Engine, workspace: str):
        self.engine, self.workspace = engine, workspace

    def link(self, scenario_id: str, who: str, days: int,
             now: datetime | None = None) -> tuple[str, str]:  # fmt: skip
        """(share id, token) of a new read-only link; the token cannot be shown again."""
        self._check(scenario_id)  # another workspace's scenario: not found, before all else
        if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
            raise AccountError("days", f"må være et helt tall fra 1 til {MAX_DAYS}")
        now, token = _now(now), secrets.token_urlsafe(32)
        share_id = self._add(scenario_id, who, now, token_hash=digest(token),
                             expires_at=now + timedelta(days=days))  # fmt: skip
        return share_id, token

    def with_network(self, network_id: str, who: str, *, scenario_id: str | None = None,
                     plan_id: str | None = None, now: datetime | None = None) -> str:  # fmt: skip
        """Share a scenario or a plan (one of the two) with a network this workspace is in."""
        self._check(scenario_id, plan_id)
        with Session(self.engine) as s:
            if s.get(NetworkMember, (str(network_id), self.workspace)) is None:
                raise AccountError("network", "arbeidsområdet er ikke med i det nettverket")
        return self._add(scenario_id, who, _now(now), network_id=network_id, plan_id=plan_id)

    def _check(self, scenario_id: str | None, plan_id: str | None = None, s=None) -> None:
        """`NotFound` unless the scenario (or the plan) is this workspace's."""
        if s is None:
            with Session(self.engine) as s:
                return self._check(scenario_id, plan_id, s)
        if plan_id is not None:
            owned(s, Plan, plan_id, self.workspace)
        else:
            owned(s, SavedScenario, str(scenario_id), self.workspace)

    def _add(self, scenario_id: str | None, who: str, now: datetime, **how) -> str:
        share_id = uuid.uuid4().hex
        with Session(self.engine) as s, s.begin():
            self._check(scenario_id, how.get("plan_id"), s)
            s.add(Share(id=share_id, workspace_id=self.workspace, scenario_id=scenario_id,
                        created_by=who[:200], created_at=now, **how))  # fmt: skip
        return share_id

    def revoke(self, share_id: str, now: datetime | None = None) -> str:
        """Revoke one of this workspace's shares; returns the page of the shared item."""
        with Session(self.engine) as s, s.begin():
            row = owned(s, Share, str(share_id), self.workspace, for_update=True)
            row.revoked_at = row.revoked_at or _now(now)
            return (f"/tiltak/planer/{row.plan_id}" if row.plan_id
                    else f"/scenarier/{row.scenario_id}")  # fmt: skip

    def of(self, item_id: str | None = None) -> list[ShareInfo]:
        """This workspace's shares (of one scenario or plan, if given), newest first."""
        with Session(self.engine) as s:
            query = (_named(Share.network_id, outer=True)
                     .where(Share.workspace_id == self.workspace)
                     .order_by(Share.created_at.desc()))  # fmt: skip
            if item_id is not None:
                query = query.where((Share.scenario_id == item_id) | (Share.plan_id == item_id))
            return [ShareInfo(r.id, "plan" if r.plan_id else "scenario",
                              r.plan_id or r.scenario_id, plan or scenario, network,
                              r.created_by, utc(r.created_at), r.expires_at and utc(r.expires_at),
                              r.revoked_at and utc(r.revoked_at))
                    for r, scenario, plan, network in s.execute(query)]  # fmt: skip

    def networks(self) -> list[tuple[str, str]]:
        """(id, name) of the networks this workspace belongs to."""
        with Session(self.engine) as s:
            query = (select(Workspace.id, Workspace.name)
                     .join(NetworkMember, NetworkMember.network_id == Workspace.id)
                     .where(NetworkMember.workspace_id == self.workspace)
                     .order_by(Workspace.name))  # fmt: skip
            return [tuple(r) for r in s.execute(query)]

    def shared_with_us(self, now: datetime | None = None) -> list[tuple[str, str, str]]:
        """(share id, item name, workspace name) of what is shared with this network."""
        now = _now(now)
        with Session(self.engine) as s:
            query = (_named(Share.workspace_id).where(Share.network_id == self.workspace)
                     .order_by(Workspace.name, Share.created_at))  # fmt: skip
            return [(r.id, plan or scenario, ws)
                    for r, scenario, plan, ws in s.execute(query) if _open(r, now)]  # fmt: skip

    def shared_item(self, share_id: str, now: datetime | None = None) -> tuple[str, str, str]:
        """(kind, the owner's workspace, item id) of something shared with this network;
        `NotFound` if it is not (or no longer)."""
        with Session(self.engine) as s:
            row = s.get(Share, str(share_id))
            if not _open(row, _now(now)) or row.network_id != self.workspace:
                raise NotFound(share_id)
            if row.plan_id:
                return "plan", row.workspace_id, row.plan_id
            return "scenario", row.workspace_id, row.scenario_id


def by_link(engine: Engine, token: str, now: datetime | None = None) -> Stored:
    """The scenario a share link shows; `NotFound` if the link is unknown, revoked or expired
    (the same answer for each)."""
    with Session(engine) as s:
        row = s.scalar(select(Share).where(Share.token_hash == digest(str(token))))
        if not _open(row, _now(now)):
            raise NotFound("link")
        owner, scenario_id = row.workspace_id, row.scenario_id
    return Scenarios(engine, owner).get(scenario_id)


def join_network(engine: Engine, network_id: str, workspace_id: str, member: bool = True,
                 now: datetime | None = None) -> None:  # fmt: skip
    """The operator's: let a workspace share with a network workspace (or no longer: then
    what it shares with the network is revoked, and its log says so; issue 30, item 7)."""
    with Session(engine) as s, s.begin():
        network, space = s.get(Workspace, network_id), s.get(Workspace, workspace_id)
        if network is None or network.kind != "nettverk":
            raise AccountError("network", "finnes ikke, eller er ikke et nettverk")
        if space is None or space.id == network.id:
            raise AccountError("workspace", "finnes ikke")
        row, now = s.get(NetworkMember, (network_id, workspace_id)), _now(now)
        if member and row is None:
            s.add(NetworkMember(network_id=network_id, workspace_id=workspace_id))
        elif not member:
            if row is not None:
                s.delete(row)
            ended = s.execute(update(Share).where(
                Share.workspace_id == workspace_id, Share.network_id == network_id,
                Share.revoked_at.is_(None)).values(revoked_at=now))  # fmt: skip
            if row is not None or ended.rowcount:  # a workspace that was not in it: no line
                audit.add(s, workspace_id, "drift (utenfor accounts network --leave)",
                          "tilbakekalt", f"ute av nettverket «{network.name}»; delinger "
                          f"avsluttet: {ended.rowcount}", now)  # fmt: skip
