"""Who is a member of what (issue 14, item 3): the read-only questions the pages ask about
people and workspaces; `Accounts` (store/accounts.py) has them."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from utenfor.store.models import Membership, SignInSession, User, Workspace


class MemberQueries:
    engine: object  # the Accounts' engine

    def workspaces_of(self, user_id: str) -> list[tuple[str, str, str]]:
        """(id, name, role) of every workspace the person is a member of, by name."""
        with Session(self.engine) as s:
            query = (select(Workspace.id, Workspace.name, Membership.role)
                     .join(Membership, Membership.workspace_id == Workspace.id)
                     .where(Membership.user_id == user_id).order_by(Workspace.name))  # fmt: skip
            return [tuple(row) for row in s.execute(query)]

    def members(self, workspace_id: str) -> list[tuple[str, str, str, str]]:
        """(id, name, email, role) of every member of a workspace, by name."""
        with Session(self.engine) as s:
            query = (select(User.id, User.name, User.email, Membership.role)
                     .join(Membership, Membership.user_id == User.id)
                     .where(Membership.workspace_id == workspace_id)
                     .order_by(User.name))  # fmt: skip
            return [tuple(row) for row in s.execute(query)]

    def workspace(self, workspace_id: str) -> tuple[str, str]:
        """(name, kind) of a workspace."""
        with Session(self.engine) as s:
            row = s.get(Workspace, workspace_id)
            return (row.name, row.kind) if row else ("", "")

    def sessions_of(self, user_id: str) -> int:
        with Session(self.engine) as s:
            query = select(func.count()).where(SignInSession.user_id == user_id)
            return s.scalar(query.select_from(SignInSession))
