"""Who gets which workspace when signing in through OpenID Connect (issue 14, item 3): the
operator's rules (`utenfor accounts oidc-rule`) map a value of the configured claim (an
Entra ID group, say) to a workspace and a role. At each sign-in through the provider, the
person (found by e-mail address, made if new, with no password) becomes a member of every
workspace a value of theirs maps to, with the rule's role: the provider's groups decide. A
membership given by an `eier` in a workspace no rule names is left as it is."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from utenfor.store.accounts import ROLES, AccountError, normal_email
from utenfor.store.models import Membership, OidcIdentity, SignInRule, User, Workspace
from utenfor.store.rows import storable


def add_rule(engine: Engine, claim_value: str, workspace_id: str, role: str) -> None:
    if (
        not isinstance(claim_value, str)
        or not 0 < len(claim_value) <= 200
        or not storable(claim_value)
    ):
        raise AccountError("claim", "må være tekst på 1 til 200 tegn")
    if role not in ROLES:
        raise AccountError("role", f"må være en av {', '.join(ROLES)}")
    with Session(engine) as s, s.begin():
        if s.get(Workspace, workspace_id) is None:
            raise AccountError("workspace", "arbeidsområdet finnes ikke")
        s.merge(SignInRule(claim_value=claim_value, workspace_id=workspace_id, role=role))


def rules(engine: Engine) -> list[tuple[str, str, str]]:
    with Session(engine) as s:
        query = select(SignInRule).order_by(SignInRule.claim_value, SignInRule.workspace_id)
        return [(r.claim_value, r.workspace_id, r.role) for r in s.scalars(query)]


def provision(engine: Engine, email: str, name: str, values: list[str], *,
              identity: tuple[str, str],
              now: datetime | None = None) -> tuple[str, list[str]]:  # fmt: skip
    """(the person's id, the ids of the workspaces the claim's values give, by name). An
    `AccountError` if no rule matches: the provider knows the person, this server does not.

    The person is the one this provider's `identity` (`iss`, `sub`) was stored for (issue 30,
    item 10); at the first sign-in, the one with the e-mail address (or someone new), unless
    that person is already someone else at this provider (`AccountError` "identity")."""
    email = normal_email(email)
    name = " ".join(str(name).split())[:200] or email
    with Session(engine) as s, s.begin():
        given = [v for v in values if isinstance(v, str)]
        query = (select(SignInRule, Workspace.name)
                 .join(Workspace, Workspace.id == SignInRule.workspace_id)
                 .where(SignInRule.claim_value.in_(given)).order_by(Workspace.name))  # fmt: skip
        matched = list(s.execute(query))
        if not matched:
            raise AccountError("workspace", "ingen arbeidsområder er knyttet til deg her")
        user = _identified(s, email, name, identity, now or datetime.now(UTC))
        best: dict[str, str] = {}  # two values for one workspace: the stronger role
        for rule, _ in matched:
            had = best.get(rule.workspace_id, "leser")
            best[rule.workspace_id] = min(had, rule.role, key=ROLES.index)
        for workspace_id, role in best.items():
            s.merge(Membership(user_id=user.id, workspace_id=workspace_id, role=role))
        return user.id, list(best)


def _identified(s: Session, email: str, name: str, identity: tuple[str, str],
                now: datetime) -> User:  # fmt: skip
    issuer, subject = (str(part) for part in identity)
    if not (0 < len(issuer) <= 300 and 0 < len(subject) <= 255 and storable(issuer + subject)):
        raise AccountError("identity", "identitetstjenesten sendte ingen gyldig iss og sub")
    known = s.get(OidcIdentity, (issuer, subject))
    if known is not None:
        user = s.get(User, known.user_id)
        if user.email != email and s.scalar(select(User.id).where(User.email == email)) is None:
            user.email = email  # the provider's new address for the same person
        return user
    user = s.scalar(select(User).where(User.email == email))
    if user is not None and s.scalar(select(OidcIdentity.subject).where(
            OidcIdentity.user_id == user.id, OidcIdentity.issuer == issuer)):  # fmt: skip
        raise AccountError("identity", "e-postadressen hører til en annen person her")
    if user is None:
        user = User(id=uuid.uuid4().hex, email=email, name=name if storable(name) else email,
                    password_hash=None, created_at=now)  # fmt: skip
        s.add(user)
        s.flush()
    s.add(OidcIdentity(issuer=issuer, subject=subject, user_id=user.id, created_at=now))
    return user
