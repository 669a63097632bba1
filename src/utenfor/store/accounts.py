"""Accounts (issue 14, item 3), the store's part: people, their role in each workspace,
one-time links (an invitation to a workspace, a password reset), sessions, and the sign-in
rate limit. The web layer's sign-in pages, session cookie and CSRF check build on this.

- Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106's second
  recommendation); a hash made with other parameters is renewed at the next sign-in.
- A link, a session and its CSRF token are random (`secrets.token_urlsafe(32)`, 256 bits);
  the database keeps a link's and a session's SHA-256 only, so a copy of the database signs no
  one in.
- Sign-in is refused for a minute after 10 failures within a minute for the same account, or
  from the same address or IPv6 /64 (`store/addresses.py`; counted in the database, so every
  worker counts the same). An unknown address and a wrong password get the same answer, after
  the same work.
- A session knows its person and workspace; the role is read from the membership every time,
  so a role taken away counts at once. `now` is a parameter for the tests' clock.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.orm import Session

from utenfor.store import audit
from utenfor.store.addresses import address_keys
from utenfor.store.choices import ROLES
from utenfor.store.members import MemberQueries
from utenfor.store.models import (
    WORKSPACE_KINDS,
    ApiToken,
    Link,
    Membership,
    SignInAttempt,
    SignInSession,
    User,
    Workspace,
)
from utenfor.store.passwords import hasher as _hasher
from utenfor.store.passwords import no_one as _no_one
from utenfor.store.rows import storable, utc

WRITERS = ("eier", "redaktør")
MIN_PASSWORD, MAX_PASSWORD = 12, 128
TRIES, WINDOW = 10, timedelta(minutes=1)
SESSION_HOURS = 12
HAS_ACCOUNT = ("e-postadressen har en konto fra før: skriv passordet til den kontoen, eller logg "
               "inn som den og åpne lenken igjen")  # fmt: skip
OIDC_FIRST = ("kontoen logger inn gjennom identitetstjenesten: logg inn der først, og åpne lenken "
              "igjen")  # fmt: skip


class AccountError(ValueError):
    """A refusal in Norwegian, naming the field when there is one."""

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(f"{field}: {message}")


class TooManyTries(AccountError):
    def __init__(self, seconds: int):
        self.seconds = seconds
        super().__init__("password", f"for mange forsøk; prøv igjen om {seconds} sekunder")


@dataclass(frozen=True)
class SignedIn:
    user_id: str
    name: str
    email: str
    workspace_id: str
    role: str
    csrf: str
    via: str = "session"  # or an API token's scope: "read", "write"


def signed_in(s: Session, user_id: str, workspace_id: str, csrf: str,
              via: str = "session") -> SignedIn | None:  # fmt: skip
    """Who a session or token signs in, with the role the membership has now; None if the
    person or the membership is gone."""
    member, user = s.get(Membership, (user_id, workspace_id)), s.get(User, user_id)
    if member is None or user is None:
        return None
    return SignedIn(user.id, user.name, user.email, workspace_id, member.role, csrf, via)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def normal_email(email: str) -> str:
    email = " ".join(str(email).split()).lower()
    if not 3 <= len(email) <= 254 or "@" not in email[1:-1] or not storable(email):
        raise AccountError("email", "må være en e-postadresse")
    return email


def check_password(password: str) -> str:
    if not isinstance(password, str) or not storable(password):
        raise AccountError("password", "må være tekst")
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError("password", f"må ha fra {MIN_PASSWORD} til {MAX_PASSWORD} tegn")
    return password


class Accounts(MemberQueries):
    def __init__(self, engine: Engine):
        self.engine = engine

    def add_workspace(self, name: str, kind: str, now: datetime | None = None) -> str:
        name = " ".join(str(name).split())
        if not 0 < len(name) <= 200 or not storable(name):
            raise AccountError("name", "må oppgis, tekst på høyst 200 tegn")
        if kind not in WORKSPACE_KINDS:
            raise AccountError("kind", f"må være en av {', '.join(WORKSPACE_KINDS)}")
        new_id = uuid.uuid4().hex
        with Session(self.engine) as s, s.begin():
            s.add(Workspace(id=new_id, name=name, kind=kind, created_at=_now(now)))
        return new_id

    def link(self, purpose: str, email: str, workspace_id: str | None = None,
             role: str | None = None, days: int = 7,
             now: datetime | None = None) -> str:  # fmt: skip
        """A one-time link's token (shown once): an invitation to `workspace_id` as `role`, or
        a password reset."""
        if purpose == "invitation" and role not in ROLES:
            raise AccountError("role", f"må være en av {', '.join(ROLES)}")
        token = secrets.token_urlsafe(32)
        with Session(self.engine) as s, s.begin():
            if purpose == "invitation" and s.get(Workspace, workspace_id) is None:
                raise AccountError("workspace", "arbeidsområdet finnes ikke")
            s.add(Link(token_hash=digest(token), purpose=purpose, email=normal_email(email),
                       workspace_id=workspace_id, role=role,
                       expires_at=_now(now) + timedelta(days=days)))  # fmt: skip
        return token

    def _valid(self, s: Session, token: str, purpose: str, now: datetime, lock=False) -> Link:
        row = s.get(Link, digest(str(token)), with_for_update=lock)
        if row is None or row.purpose != purpose or row.used_at or utc(row.expires_at) < now:
            raise AccountError("token", "lenken er brukt, utløpt eller ukjent; be om en ny")
        return row

    def _used(self, s: Session, token: str, purpose: str, now: datetime) -> Link:
        row = self._valid(s, token, purpose, now, lock=True)
        row.used_at = now
        return row

    def invitation(self, token: str, now: datetime | None = None) -> tuple[str, str, str]:
        """(e-mail, workspace id, role) of an invitation that can still be taken."""
        with Session(self.engine) as s:
            link = self._valid(s, token, "invitation", _now(now))
            return link.email, link.workspace_id, link.role

    def accept(self, token: str, name: str, password: str | None, now: datetime | None = None,
               signed_in_as: str | None = None, address: str = "ukjent") -> str:  # fmt: skip
        """An invitation taken: the person (made if new, with `name` and `password`) becomes a
        member with the link's role. A person who has an account proves it (issue 30): signed
        in as them (`signed_in_as`), or with their own password, counted as a sign-in;
        otherwise `AccountError` and the link stays unused. Logged in the workspace, and in the
        person's other workspaces. Returns the person's id."""
        now = _now(now)
        with Session(self.engine) as s:
            known = s.scalar(select(User).where(
                User.email == self.invitation(token, now)[0]))  # fmt: skip
        if known is not None and known.id != signed_in_as:
            if not known.password_hash:
                raise AccountError("password", OIDC_FIRST)
            try:
                self.sign_in(known.email, str(password or ""), address, now)
            except TooManyTries:
                raise
            except AccountError:
                raise AccountError("password", HAS_ACCOUNT) from None
        with Session(self.engine) as s, s.begin():
            link = self._used(s, token, "invitation", now)
            user = s.scalar(select(User).where(User.email == link.email))
            if user is not None and user.id not in (signed_in_as, known and known.id):
                raise AccountError("password", HAS_ACCOUNT)  # made since the check above
            if user is None:
                name = " ".join(str(name).split())
                if not 0 < len(name) <= 200 or not storable(name):
                    raise AccountError("name", "må oppgis, tekst på høyst 200 tegn")
                hashed = _hasher().hash(check_password(password or ""))
                user = User(id=uuid.uuid4().hex, email=link.email, name=name, created_at=now,
                            password_hash=hashed)  # fmt: skip
                s.add(user)
                s.flush()
            audit.joined(s, user, link.workspace_id, link.role, now)
            s.merge(Membership(user_id=user.id, workspace_id=link.workspace_id, role=link.role))
            return user.id

    def reset(self, token: str, password: str, now: datetime | None = None) -> None:
        """A new password from a reset link: every session of the person ends, and every API
        token of theirs is revoked."""
        now = _now(now)
        with Session(self.engine) as s, s.begin():
            link = self._used(s, token, "reset", now)
            user = s.scalar(select(User).where(User.email == link.email))
            if user is None:
                raise AccountError("token", "lenken er brukt, utløpt eller ukjent; be om en ny")
            user.password_hash = _hasher().hash(check_password(password))
            s.execute(delete(SignInSession).where(SignInSession.user_id == user.id))
            live = (ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))  # issue 30
            s.execute(update(ApiToken).where(*live).values(revoked_at=now))
            audit.everywhere(s, user, "nytt passord", "satt fra en tilbakestillingslenke; alle "
                             "økter og API-tokener avsluttet", now)  # fmt: skip

    def set_role(self, user_id: str, workspace_id: str, role: str | None) -> None:
        """Give a member another role, or (None) take the membership away."""
        with Session(self.engine) as s, s.begin():
            row = s.get(Membership, (user_id, workspace_id), with_for_update=True)
            owners = s.scalar(select(func.count()).select_from(Membership).where(
                Membership.workspace_id == workspace_id, Membership.role == "eier"))  # fmt: skip
            if row is not None and row.role == "eier" and role != "eier" and owners <= 1:
                raise AccountError("role", "arbeidsområdet må ha minst én eier")
            if role is None:  # gone, with their sessions and tokens here (issue 30, item 8)
                if row is not None:
                    s.delete(row)
                for kind in (SignInSession, ApiToken):
                    s.execute(delete(kind).where(kind.user_id == user_id,
                                                 kind.workspace_id == workspace_id))  # fmt: skip
            elif role in ROLES:
                s.merge(Membership(user_id=user_id, workspace_id=workspace_id, role=role))
            else:
                raise AccountError("role", f"må være en av {', '.join(ROLES)}")

    def sign_in(self, email: str, password: str, address: str,
                now: datetime | None = None) -> str:  # fmt: skip
        """The person's id, or `TooManyTries`, or `AccountError` (the same for an unknown
        address as for a wrong password)."""
        now = _now(now)
        email = " ".join(str(email).split()).lower()
        keys = (f"konto:{email}"[:300], *address_keys(address))  # and an IPv6 address's /64
        with Session(self.engine) as s, s.begin():
            s.execute(delete(SignInAttempt).where(SignInAttempt.at < now - WINDOW))
            for key in keys:
                recent = s.scalars(select(SignInAttempt.at).where(SignInAttempt.key == key)
                                   .order_by(SignInAttempt.at)).all()  # fmt: skip
                if len(recent) >= TRIES:
                    wait = utc(recent[-TRIES]) + WINDOW - now
                    raise TooManyTries(max(1, int(wait.total_seconds()) + 1))
            user = s.scalar(select(User).where(User.email == email))
            found, stored = (user.id, user.password_hash) if user else (None, None)
        # The check (argon2, about 0.4 s) outside any transaction: concurrent sign-ins in
        # worker threads would otherwise wait for each other's write lock (issue 30, item 3).
        try:
            _hasher().verify(stored or _no_one(), str(password))
            if not stored:
                raise VerificationError
        except (VerificationError, InvalidHashError):
            with Session(self.engine) as s, s.begin():  # committed: the failure counts
                s.add_all(SignInAttempt(key=key, at=now) for key in keys)
            raise AccountError("password", "feil e-postadresse eller passord") from None
        if _hasher().check_needs_rehash(stored):
            renewed = _hasher().hash(str(password))
            with Session(self.engine) as s, s.begin():  # unless it was changed meanwhile
                s.execute(update(User).where(User.id == found, User.password_hash == stored)
                          .values(password_hash=renewed))  # fmt: skip
        return found

    def start_session(self, user_id: str, workspace_id: str,
                      now: datetime | None = None) -> str:  # fmt: skip
        """A new session's token (for the cookie). The caller ends the old one (rotation)."""
        now, token = _now(now), secrets.token_urlsafe(32)
        with Session(self.engine) as s, s.begin():
            if s.get(Membership, (user_id, workspace_id)) is None:
                raise AccountError("workspace", "du er ikke medlem av arbeidsområdet")
            s.add(SignInSession(token_hash=digest(token), user_id=user_id,
                                workspace_id=workspace_id, csrf=secrets.token_urlsafe(32),
                                created_at=now,
                                expires_at=now + timedelta(hours=SESSION_HOURS)))  # fmt: skip
        return token

    def session(self, token: str, now: datetime | None = None) -> SignedIn | None:
        """Who the token signs in, in which workspace and role; None if it is unknown, ended,
        expired, or the membership is gone."""
        with Session(self.engine) as s:
            row = s.get(SignInSession, digest(str(token)))
            if row is None or utc(row.expires_at) <= _now(now):
                return None
            return signed_in(s, row.user_id, row.workspace_id, row.csrf)

    def end_session(self, token: str) -> None:
        with Session(self.engine) as s, s.begin():
            s.execute(delete(SignInSession).where(SignInSession.token_hash == digest(str(token))))
