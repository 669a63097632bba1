"""Personal API tokens (issue 14, item 4): for `/api/v1`, sent as `Authorization: Bearer ...`.

- A token is shown once, when it is made (`utf_` and 256 random bits); the database keeps its
  SHA-256 only.
- It works in one workspace, as its person: the role there is read at every request, so a
  membership taken away stops the token at once. The scope narrows it further: `read` may
  only read; `write` may change what the role may change.
- Revoked by its person, or by an `eier` of its workspace; a revoked token is refused.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from utenfor.store.accounts import AccountError, SignedIn, digest, signed_in
from utenfor.store.models import ApiToken, Membership, User
from utenfor.store.rows import NotFound, storable, utc

SCOPES = ("read", "write")
PREFIX = "utf_"


@dataclass(frozen=True)
class TokenInfo:
    id: str
    name: str
    scope: str
    created_at: datetime
    revoked_at: datetime | None
    user_name: str


class ApiTokens:
    def __init__(self, engine: Engine):
        self.engine = engine

    def create(self, user_id: str, workspace_id: str, name: str, scope: str,
               now: datetime | None = None) -> tuple[str, str]:  # fmt: skip
        """(id, token) of a new token; the token is not kept and cannot be shown again."""
        name = " ".join(str(name).split())
        if not 0 < len(name) <= 200 or not storable(name):
            raise AccountError("name", "må oppgis, tekst på høyst 200 tegn")
        if scope not in SCOPES:
            raise AccountError("scope", "må være lese (read) eller skrive (write)")
        token, new_id = PREFIX + secrets.token_urlsafe(32), uuid.uuid4().hex
        with Session(self.engine) as s, s.begin():
            if s.get(Membership, (user_id, workspace_id)) is None:
                raise AccountError("workspace", "du er ikke medlem av arbeidsområdet")
            s.add(ApiToken(id=new_id, token_hash=digest(token), user_id=user_id,
                           workspace_id=workspace_id, name=name, scope=scope,
                           created_at=now or datetime.now(UTC)))  # fmt: skip
        return new_id, token

    def of(self, workspace_id: str, user_id: str | None = None) -> list[TokenInfo]:
        """The tokens of a workspace (of one person, if given), newest first."""
        with Session(self.engine) as s:
            query = (select(ApiToken, User.name).join(User, User.id == ApiToken.user_id)
                     .where(ApiToken.workspace_id == workspace_id)
                     .order_by(ApiToken.created_at.desc()))  # fmt: skip
            if user_id is not None:
                query = query.where(ApiToken.user_id == user_id)
            return [TokenInfo(t.id, t.name, t.scope, utc(t.created_at),
                              t.revoked_at and utc(t.revoked_at), who)
                    for t, who in s.execute(query)]  # fmt: skip

    def revoke(self, token_id: str, workspace_id: str, user_id: str, role: str,
               now: datetime | None = None) -> str:  # fmt: skip
        """Revoke a token of this workspace: one's own, or anyone's as `eier`. Returns its
        name. `NotFound` for another's token (for a non-owner) or another workspace's."""
        with Session(self.engine) as s, s.begin():
            row = s.get(ApiToken, str(token_id), with_for_update=True)
            if (
                row is None
                or row.workspace_id != workspace_id
                or (row.user_id != user_id and role != "eier")
            ):
                raise NotFound(token_id)
            row.revoked_at = row.revoked_at or now or datetime.now(UTC)
            return row.name

    def signed(self, token: str) -> SignedIn | None:
        """Who a token signs in (its scope in `via`); None if unknown, revoked, or its
        person is no longer a member."""
        with Session(self.engine) as s:
            row = s.scalar(select(ApiToken).where(ApiToken.token_hash == digest(str(token))))
            if row is None or row.revoked_at is not None:
                return None
            return signed_in(s, row.user_id, row.workspace_id, "", row.scope)
