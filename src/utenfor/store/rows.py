"""What the repositories share: their errors, finding a row in a workspace, and reading a
backup's timestamps."""

from __future__ import annotations

from datetime import UTC, datetime


class NotFound(LookupError):
    pass


class Conflict(RuntimeError):
    """The item was changed by someone else since the version the edit is based on."""

    def __init__(self, current: int):
        self.current = current
        super().__init__(f"changed (now version {current})")


def utc(moment: datetime) -> datetime:
    """SQLite gives naive timestamps back; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def moment(item: dict, key: str, where: str) -> datetime:
    value = item.get(key)
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{where}.{key} må være et tidspunkt som 2026-11-24T12:00:00+00:00, "
                         f"ikke {str(value)[:40]!r}") from None  # fmt: skip


def owned(session, model, item_id: str, workspace: str, *, for_update: bool = False):
    """The row of `model` with id `item_id` in `workspace`; `NotFound` if there is none. One in
    another workspace is not found either: the answer is the same, so it reveals nothing."""
    row = session.get(model, item_id, with_for_update=for_update)
    if row is None or row.workspace_id != workspace:
        raise NotFound(item_id)
    return row


def locked(session, model, item_id: str, base_version: int, workspace: str):
    """The row of `model` with id `item_id` in `workspace`, locked for this transaction, if it
    is still at `base_version`: `NotFound` if it is gone (or in another workspace), `Conflict`
    if someone changed it (no lost update)."""
    row = owned(session, model, item_id, workspace, for_update=True)
    if row.version != base_version:
        raise Conflict(row.version)
    return row


def plain(text: str) -> str:
    """Text a column can hold on every database: PostgreSQL refuses the NUL character, which
    no one types on purpose, so it is dropped."""
    return text.replace("\x00", "")


def storable(text: str) -> bool:
    """No NUL (PostgreSQL refuses it) and nothing that is not UTF-8 (a lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text
