"""The database tables. Every saved scenario, initiative and plan belongs to exactly one
workspace (issue 14); without accounts, all of them are in the default workspace."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from utenfor.store.choices import WORKSPACE_KINDS as WORKSPACE_KINDS


class Base(DeclarativeBase):
    pass


DEFAULT_WORKSPACE = "standard"  # the one workspace of a server without accounts


class Workspace(Base):
    """Where a kommune, a fylkeskommune, an organisation or a network keeps its work."""

    __tablename__ = "workspaces"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _workspace() -> Mapped[str]:
    return mapped_column(String(32), ForeignKey("workspaces.id"), index=True)


class SavedScenario(Base):
    """A scenario saved under a name, with the model version and data it was computed with."""

    __tablename__ = "scenarios"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    workspace_id: Mapped[str] = _workspace()
    name: Mapped[str] = mapped_column(String(200))
    scenario_json: Mapped[str] = mapped_column(Text)
    model_version: Mapped[str] = mapped_column(String(32))
    data_fingerprint: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)


class Initiative(Base):
    """An initiative (issue 15): its name and version here, everything else in its events."""

    __tablename__ = "initiatives"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    workspace_id: Mapped[str] = _workspace()
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)


class InitiativeEvent(Base):
    """One thing that happened to an initiative, never changed once written: its details, a
    phase begun, a note or decision, a scenario revision, the actuals."""

    __tablename__ = "initiative_events"

    initiative_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    dated: Mapped[date | None] = mapped_column(Date, nullable=True)
    body_json: Mapped[str] = mapped_column(Text)


class Plan(Base):
    """A plan for the council (issue 15): a name and the initiatives it adds up, in order."""

    __tablename__ = "plans"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    workspace_id: Mapped[str] = _workspace()
    name: Mapped[str] = mapped_column(String(200))
    initiatives_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)


# Accounts (issue 14): people, their roles in workspaces, one-time links, sessions, and the
# sign-in attempts the rate limit counts. Tokens are stored as their SHA-256, never as given.


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Membership(Base):
    __tablename__ = "memberships"

    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)  # fmt: skip
    workspace_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.id"),
                                              primary_key=True)  # fmt: skip
    role: Mapped[str] = mapped_column(String(16))


class Link(Base):
    """A one-time link: an invitation to a workspace, or a password reset."""

    __tablename__ = "links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16))  # "invitation" or "reset"
    email: Mapped[str] = mapped_column(String(254))
    workspace_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    role: Mapped[str | None] = mapped_column(String(16), nullable=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SignInSession(Base):
    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)  # fmt: skip
    workspace_id: Mapped[str] = mapped_column(String(32))
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SignInAttempt(Base):
    """A failed sign-in, by account and by address (the rate limit counts the last minute)."""

    __tablename__ = "sign_in_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(300), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ApiToken(Base):
    """A personal API token for `/api/v1` (issue 14, item 4): shown once, kept as its SHA-256,
    with a scope ("read" or "write") and revocable. It works in one workspace as its person,
    whose role there still counts."""

    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)  # fmt: skip
    workspace_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.id"))
    name: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Share(Base):
    """A saved scenario or a plan shared read-only: by a link (`token_hash` set; scenarios
    only) or with a network workspace (`network_id` set). Revocable; a link can expire."""

    __tablename__ = "shares"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    workspace_id: Mapped[str] = _workspace()
    scenario_id: Mapped[str | None] = mapped_column(String(32), ForeignKey(
        "scenarios.id", ondelete="CASCADE"), nullable=True, index=True)  # fmt: skip
    plan_id: Mapped[str | None] = mapped_column(String(32), ForeignKey(
        "plans.id", ondelete="CASCADE"), nullable=True, index=True)  # fmt: skip
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    network_id: Mapped[str | None] = mapped_column(String(32), ForeignKey("workspaces.id"),
                                                   nullable=True, index=True)  # fmt: skip
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class NetworkMember(Base):
    """A workspace that belongs to a network workspace, and may share with it."""

    __tablename__ = "network_members"

    network_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.id"),
                                            primary_key=True)  # fmt: skip
    workspace_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.id"),
                                              primary_key=True)  # fmt: skip


class AuditEvent(Base):
    """One line of a workspace's audit log (issue 14, item 5): who did what to which item,
    and when. Written by the app, never changed or deleted by it."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = _workspace()
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    who: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(300))


class SignInRule(Base):
    """OpenID Connect (issue 14): a person whose configured claim holds `claim_value` (a group,
    say) is a member of `workspace_id` with `role` when signing in through the provider."""

    __tablename__ = "sign_in_rules"

    claim_value: Mapped[str] = mapped_column(String(200), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32), ForeignKey("workspaces.id"),
                                              primary_key=True)  # fmt: skip
    role: Mapped[str] = mapped_column(String(16))


class OidcIdentity(Base):
    """Who a person is at an OpenID provider (issue 30, item 10): the ID token's `iss` and
    `sub`, stored at the first sign-in through it; later sign-ins are matched on them, not on
    the e-mail address, which a provider may give to someone else."""

    __tablename__ = "oidc_identities"

    issuer: Mapped[str] = mapped_column(String(300), primary_key=True)
    subject: Mapped[str] = mapped_column(String(255), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)  # fmt: skip
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
