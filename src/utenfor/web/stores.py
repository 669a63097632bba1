"""The repositories a request works with: those of its workspace (issue 14). Without accounts
every request works in the default workspace; with accounts it will be the workspace of the
person signed in (`request.state.workspace`). Pages and the API reach saved scenarios,
initiatives and plans only through these, so none can reach another workspace's."""

from __future__ import annotations

from fastapi import Request

from utenfor.store.db import Scenarios
from utenfor.store.initiatives import Initiatives
from utenfor.store.models import DEFAULT_WORKSPACE
from utenfor.store.plans import Plans


def workspace(request: Request) -> str:
    return getattr(request.state, "workspace", DEFAULT_WORKSPACE)


def scenarios(request: Request) -> Scenarios:
    return Scenarios(request.app.state.engine, workspace(request))


def initiatives(request: Request) -> Initiatives:
    return Initiatives(request.app.state.engine, workspace(request))


def plans(request: Request) -> Plans:
    return Plans(request.app.state.engine, workspace(request))
