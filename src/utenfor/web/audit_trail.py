"""The audit log's writer (issue 14, item 5): one line in the workspace's log for every request
that created, changed, shared, revoked, deleted, restored or exported something and succeeded
(a status below 400), by whoever is signed in (a session or an API token). Plain ASGI, inside
the access control (which has said who it is). What counts as what is decided here, from the
method and path, in one table; a request that stores nothing (`access.STORES_NOTHING` and
the sign-in pages) writes no line.

The line names the path (and, for something new, the new item's id); never a scenario's
contents. It is written after the change is committed, in its own transaction: a process
killed in between loses the line, not the change."""

from __future__ import annotations

import re

from utenfor.store import audit
from utenfor.web.access import OPEN, STORES_NOTHING

# (pattern on "METHOD path", action); the first that matches counts.
RULES = (
    (
        r"GET /api/v1/backup$|GET .*(\.toml|\.xlsx|\.pdf|/gevinstplan\.\w+)$|POST .*/eksport/|"
        r"POST /api/v1/export/",
        "eksportert",
    ),
    (r"POST (/api/v1/restore|/scenarier/gjenopprett)$", "gjenopprettet"),
    (r"DELETE |POST .*/slett$", "slettet"),
    (r"POST .*/tilbakekall$", "tilbakekalt"),
    (r"POST .*/del(-med-nettverk)?$", "delt"),
    (
        r"POST (/api/v1/(scenarios|initiatives|plans)|/scenarier|/scenarier/last-opp|/tiltak|"
        r"/tiltak/planer)$|POST .*/(duplicate|dupliser)$",
        "opprettet",
    ),
    (r"(POST|PUT|PATCH) ", "endret"),
)
NEW_ID = re.compile(rb'"id"\s*:\s*"([0-9a-f]{32})"')  # at the start of a 201 answer
COMPILED = tuple((re.compile(pattern), action) for pattern, action in RULES)
# The workspace page writes its own lines, with who was invited or changed and which token
# (issue 30, item 5); the sign-in pages too (store/audit.py, web/pages/accounts.py).
WRITES_ITS_OWN = ("/arbeidsomrade/",)
WHOLE_BACKUP = "/api/v1/backup"


def action_of(method: str, path: str) -> str | None:
    """What a request did, for the log; None for one that stores and exports nothing."""
    said = f"{method} {path}"
    action = next((action for rule, action in COMPILED if rule.match(said)), None)
    return None if path.startswith(OPEN + STORES_NOTHING + WRITES_ITS_OWN) else action


def who_of(signed) -> str:
    return signed.email if signed.via == "session" else f"{signed.email} (API-token)"


class AuditTrail:
    def __init__(self, app, engine):
        self.app, self.engine = app, engine

    async def __call__(self, scope, receive, send) -> None:
        signed = scope.get("state", {}).get("signed_in") if scope["type"] == "http" else None
        action = action_of(scope["method"], scope["path"]) if signed else None
        if action is None:
            await self.app(scope, receive, send)
            return
        seen = {"status": 500, "location": "", "body": b""}

        async def watch(message):
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                headers = dict(message.get("headers", []))
                seen["location"] = headers.get(b"location", b"").decode("latin-1")
            elif message["type"] == "http.response.body" and len(seen["body"]) < 4096:
                seen["body"] += message.get("body", b"")[:4096]
            await send(message)

        await self.app(scope, receive, watch)
        if seen["status"] < 400:
            audit.record(self.engine, signed.workspace_id, who_of(signed), action,
                         _target(scope["path"], seen, action))  # fmt: skip


def _target(path: str, seen: dict, action: str) -> str:
    """The path; for something new, and the new item's id (from a 201 answer's body, or where
    a page's 303 sends the browser)."""
    if path == WHOLE_BACKUP:
        return f"{path} (hele sikkerhetskopien)"
    if action != "opprettet":
        return path
    made = seen["location"].split("?")[0].split("#")[0]
    found = NEW_ID.search(seen["body"]) if seen["status"] == 201 else None
    made = found.group(1).decode() if found else made
    return f"{path} → {made}" if made and made != path else path
