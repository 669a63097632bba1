"""What the server logs (issue 14): one JSON object per line on standard error, and nothing
about a person or a scenario in it.

- Warnings and errors from the app and uvicorn: time, level, logger, message. An exception is
  logged by its type and where it was raised (file, line, function), not its text, which may
  quote what a user sent.
- With `utenfor serve --access-log`, one line per request: method, the route's template
  (`/api/v1/scenarios/{scenario_id}`, not the address with its ids and query), status and
  milliseconds. No client address (personal data), no query string, no body.
"""

from __future__ import annotations

import json
import logging
import time
import traceback
from datetime import UTC, datetime
from typing import Any

ACCESS = logging.getLogger("utenfor.access")


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line |= getattr(record, "fields", {})
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, tb = record.exc_info
            line["error"] = kind.__name__
            line["where"] = [f"{f.filename}:{f.lineno} {f.name}" for f in traceback.extract_tb(tb)]
        return json.dumps(line, ensure_ascii=False)


def log_config(access_log: bool) -> dict[str, Any]:
    """uvicorn's `log_config` (applied in every worker process)."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    quiet = {"handlers": ["json"], "level": "WARNING", "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonLines}},
        "handlers": {"json": handler},
        "loggers": {
            "uvicorn": quiet,
            "uvicorn.error": quiet,
            "uvicorn.access": quiet | {"level": "CRITICAL"},  # it logs the client's address
            "utenfor": quiet,
            "utenfor.access": quiet | {"level": "INFO" if access_log else "WARNING"},
        },
    }


class AccessLog:
    """Plain ASGI: one line per request after it is answered."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not ACCESS.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        start, status = time.perf_counter(), [0]

        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            # The route's template; a mounted app (/static) by where it is mounted; null if no
            # route matched.
            route = getattr(scope.get("route"), "path", None) or scope.get("root_path") or None
            fields = {"method": scope["method"], "route": route,
                      "status": status[0] or 500,
                      "ms": round(1000 * (time.perf_counter() - start), 1)}  # fmt: skip
            ACCESS.info("request", extra={"fields": fields})
