"""The app's routes are its routers' own route objects (src/utenfor/web/app.py, issue 32): the
same routes, in the same order and with the same OpenAPI document, as FastAPI's
`include_router` gives, without building each route again for every app."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from utenfor.web.app import Settings, create_app, routers


def row(route) -> tuple:
    """What a request and the OpenAPI document see of a route."""
    return (route.path, sorted(route.methods), route.name, route.endpoint, route.status_code,
            route.response_class, route.tags, route.include_in_schema, route.response_model,
            route.responses, route.operation_id, route.unique_id)  # fmt: skip


def table(app: FastAPI) -> list[tuple]:
    """Each of the routers' routes, in order."""
    found = []
    for route in app.routes:
        if hasattr(route, "effective_route_contexts"):  # a router `include_router` wrapped
            found += [row(context) for context in route.effective_route_contexts()]
        elif isinstance(route, APIRoute) and route.path != "/api/docs":
            found.append(row(route))
    return found


@pytest.mark.parametrize("accounts", [False, True], ids=["open", "accounts"])
def test_the_app_has_the_routes_include_router_gives(tmp_path, sqlite_copy, accounts):
    url = sqlite_copy(tmp_path)
    app = create_app(Settings(database_url=url, accounts=accounts))
    # the same app, with the routers included instead: whatever the app itself sets (its
    # dependencies, responses, body limit, response class) reaches their routes
    included = create_app(Settings(database_url=url, accounts=accounts))
    theirs = {id(route) for router in routers(accounts) for route in router.routes}
    included.router.routes[:] = [r for r in included.router.routes if id(r) not in theirs]
    for router in routers(accounts):
        included.include_router(router)
    assert len(table(app)) == sum(len(router.routes) for router in routers(accounts)) > 0
    assert table(app) == table(included)
    assert get_openapi(title="t", version="1", routes=app.routes) == get_openapi(
        title="t", version="1", routes=included.routes
    )
