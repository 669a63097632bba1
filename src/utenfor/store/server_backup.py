"""The operator's backup of the whole server (issue 14, item 6): every workspace with its
members and its saved scenarios, initiatives and plans, and every account (with its password's
argon2id hash: keep the file as safe as the database), as one file; restored all or nothing,
in one transaction. Each workspace's audit log and the networks it belongs to are in it, and
each person's identity at an OpenID provider (`iss`, `sub`; issue 30); a
restore adds the log lines a workspace lacks and removes none. Sessions, one-time links, API
tokens and share links are not in it: after a restore everyone signs in again, and tokens and
links are made anew. A workspace's own backup (`Scenarios.backup`) is what `/api/v1/backup`
gives."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from utenfor.store.accounts import ROLES
from utenfor.store.audit import restore_missing
from utenfor.store.db import Scenarios
from utenfor.store.models import (
    WORKSPACE_KINDS,
    Membership,
    NetworkMember,
    OidcIdentity,
    User,
    Workspace,
)
from utenfor.store.rows import moment, storable, utc

FORMAT = "utenfor-server-backup"


def server_backup(engine: Engine) -> dict[str, Any]:
    with Session(engine) as s:
        spaces = list(s.scalars(select(Workspace).order_by(Workspace.created_at, Workspace.id)))
        users = list(s.scalars(select(User).order_by(User.created_at, User.id)))
        members: dict[str, list] = {}
        for m in s.scalars(select(Membership).order_by(Membership.user_id)):
            members.setdefault(m.workspace_id, []).append({"user_id": m.user_id, "role": m.role})
        oidc: dict[str, list] = {}
        for o in s.scalars(
            select(OidcIdentity).order_by(OidcIdentity.issuer, OidcIdentity.subject)
        ):
            oidc.setdefault(o.user_id, []).append({"issuer": o.issuer, "subject": o.subject})
        networks: dict[str, list] = {}
        for n in s.scalars(select(NetworkMember).order_by(NetworkMember.network_id)):
            networks.setdefault(n.workspace_id, []).append(n.network_id)
    return {"format": FORMAT, "version": 1,
            "users": [{"id": u.id, "email": u.email, "name": u.name,
                       "password_hash": u.password_hash, "oidc": oidc.get(u.id, []),
                       "created_at": utc(u.created_at).isoformat()} for u in users],
            "workspaces": [{"id": w.id, "name": w.name, "kind": w.kind,
                            "created_at": utc(w.created_at).isoformat(),
                            "members": members.get(w.id, []),
                            "networks": networks.get(w.id, []),
                            "backup": Scenarios(engine, w.id).backup()}
                           for w in spaces]}  # fmt: skip


def _text(value: Any, limit: int) -> bool:
    return isinstance(value, str) and 0 < len(value) <= limit and storable(value)


def user_row(i: int, item: Any) -> User:
    where = f"users[{i}]"
    if not isinstance(item, dict) or not all(
        _text(item.get(k), n) for k, n in (("id", 32), ("email", 254), ("name", 200))
    ):
        raise ValueError(f"{where} må ha id, email og name som tekst")  # fmt: skip
    hashed = item.get("password_hash")
    if hashed is not None and not (_text(hashed, 200) and hashed.startswith("$argon2")):
        raise ValueError(f"{where}.password_hash må være en argon2-hash eller null")
    return User(id=item["id"], email=item["email"], name=item["name"], password_hash=hashed,
                created_at=moment(item, "created_at", where))  # fmt: skip


def identity_rows(i: int, item: dict, now) -> list[OidcIdentity]:
    """A person's identities at OpenID providers (none in a backup made before issue 30)."""
    given = item.get("oidc", [])
    if not isinstance(given, list) or not all(
        isinstance(o, dict) and _text(o.get("issuer"), 300) and _text(o.get("subject"), 255)
        for o in given
    ):
        raise ValueError(f"users[{i}].oidc må være en liste med issuer og subject som tekst")
    return [OidcIdentity(issuer=o["issuer"], subject=o["subject"], user_id=item["id"],
                         created_at=now) for o in given]  # fmt: skip


def member_rows(where: str, workspace_id: str, items: Any, users: set[str]) -> list[Membership]:
    if not isinstance(items, list):
        raise ValueError(f"{where}.members må være en liste")
    rows = []
    for j, m in enumerate(items):
        if not isinstance(m, dict) or m.get("user_id") not in users or m.get("role") not in ROLES:
            raise ValueError(f"{where}.members[{j}] må ha en user_id fra users og en rolle "
                             f"({', '.join(ROLES)})")  # fmt: skip
        rows.append(Membership(user_id=m["user_id"], workspace_id=workspace_id, role=m["role"]))
    return rows


def workspace_row(i: int, item: Any) -> Workspace:
    where = f"workspaces[{i}]"
    if not isinstance(item, dict) or not isinstance(item.get("backup"), dict):
        raise ValueError(f"{where} må være en tabell med id, name, kind, created_at og backup")
    ws_id, name = item.get("id"), item.get("name")
    if not isinstance(ws_id, str) or not 0 < len(ws_id) <= 32 or not storable(ws_id):
        raise ValueError(f"{where}.id må være tekst på 1 til 32 tegn")
    if not isinstance(name, str) or not 0 < len(name) <= 200 or not storable(name):
        raise ValueError(f"{where}.name må være tekst på 1 til 200 tegn")
    if item.get("kind") not in WORKSPACE_KINDS:
        raise ValueError(f"{where}.kind må være en av {', '.join(WORKSPACE_KINDS)}")
    return Workspace(id=ws_id, name=name, kind=item["kind"],
                     created_at=moment(item, "created_at", where))  # fmt: skip


def server_restore(engine: Engine, document: Any) -> tuple[int, int]:
    """Every workspace of a server backup back, created if missing, with its items; all or
    nothing. Returns (workspaces, items restored). A `ValueError` names the place."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError("ikke en sikkerhetskopi av hele tjeneren fra utenfor")
    items = document.get("workspaces")
    if not isinstance(items, list):
        raise ValueError("workspaces må være en liste")
    spaces = [workspace_row(i, item) for i, item in enumerate(items)]
    if len({w.id for w in spaces}) < len(spaces):
        raise ValueError("workspaces: hvert arbeidsområde kan stå én gang")
    people = document.get("users", [])
    users = [user_row(i, u) for i, u in enumerate(people if isinstance(people, list) else [None])]
    for key in ("id", "email"):
        if len({getattr(u, key) for u in users}) < len(users):
            raise ValueError(f"users: hver {key} kan stå én gang")
    oidc = [o for i, u in enumerate(users) for o in identity_rows(i, people[i], u.created_at)]
    members = [member_rows(f"workspaces[{i}]", w.id, item.get("members", []), {u.id for u in users})
               for i, (w, item) in enumerate(zip(spaces, items, strict=True))]  # fmt: skip
    try:
        return len(spaces), _write(engine, spaces, items, users, members, oidc)
    except IntegrityError:
        raise ValueError("users: en e-postadresse er i bruk av en annen konto her") from None


def _write(engine: Engine, spaces, items, users, members, oidc) -> int:
    restored = 0
    with Session(engine) as s, s.begin():
        for user in users:
            s.merge(user)
        s.flush()
        for identity in oidc:
            s.merge(identity)
        for i, (space, item) in enumerate(zip(spaces, items, strict=True)):
            s.merge(space)
            s.flush()
            for row in members[i]:
                s.merge(row)
            try:
                restored += Scenarios(engine, space.id).restore_in(s, item["backup"])
                restore_missing(s, space.id, item["backup"].get("audit", []), "backup")
            except ValueError as exc:
                raise ValueError(f"workspaces[{i}].backup: {exc}") from None
        s.flush()
        for i, (space, item) in enumerate(zip(spaces, items, strict=True)):
            _networks(s, f"workspaces[{i}]", space.id, item.get("networks", []))
    return restored


def _networks(s, where: str, workspace_id: str, networks) -> None:
    if not isinstance(networks, list):
        raise ValueError(f"{where}.networks må være en liste")
    for j, network_id in enumerate(networks):
        network = s.get(Workspace, network_id) if isinstance(network_id, str) else None
        if network is None or network.kind != "nettverk" or network_id == workspace_id:
            raise ValueError(f"{where}.networks[{j}] må være id-en til et nettverk i kopien")
        s.merge(NetworkMember(network_id=network_id, workspace_id=workspace_id))
