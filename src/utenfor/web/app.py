"""The app factory: `create_app(settings)`. Nothing about a user is kept in memory between
requests; the data set is loaded once (read-only) and saved scenarios live in the database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from utenfor import MODEL_VERSION
from utenfor.data import default_data_dir
from utenfor.data.load import shared_dataset
from utenfor.model.errors import Issue, ScenarioError, translate_errors
from utenfor.store.db import default_database_url, make_engine, migrate
from utenfor.web import api, api_evidence, api_initiatives, api_plans, health
from utenfor.web.access import AccessControl
from utenfor.web.audit_trail import AuditTrail
from utenfor.web.logs import AccessLog
from utenfor.web.openapi import openapi
from utenfor.web.pages import (
    accounts,
    calculation,
    compare,
    data_pages,
    documentation,
    initiatives,
    oidc,
    plan,
    scenarios,
    sharing,
    workspace,
)
from utenfor.web.pages.oidc import OidcSettings, load_libraries, oidc_from_env
from utenfor.web.responses import HERE, issues_json, templates
from utenfor.web.security import SecurityMiddleware


@dataclass(frozen=True)
class Settings:
    database_url: str | None = None  # default: SQLite in the user's data directory
    data_dir: Path | None = None  # default: $UTENFOR_DATA or the bundled open data set
    accounts: bool = False  # sign-in, workspaces and roles (web/access.py)
    open_calculation: bool = False  # with accounts: /api/v1/calculate and /analyse for all
    oidc: OidcSettings | None = None  # with accounts; default: from UTENFOR_OIDC_* if set


def app_from_env() -> FastAPI:
    """For `uvicorn --factory` with several workers: settings from UTENFOR_DATABASE_URL and
    UTENFOR_DATA (what `utenfor serve --workers N` sets)."""
    import os

    data = os.environ.get("UTENFOR_DATA")
    return create_app(Settings(os.environ.get("UTENFOR_DATABASE_URL") or None,
                               Path(data) if data else None,
                               os.environ.get("UTENFOR_ACCOUNTS") == "1",
                               os.environ.get("UTENFOR_OPEN_CALCULATION") == "1"))  # fmt: skip


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    engine = make_engine(settings.database_url or default_database_url())
    migrate(engine)
    app = FastAPI(
        title="Utenfor-regnskapet",
        version=MODEL_VERSION,
        description="Beregn hva kommune, fylkeskommune og stat sparer når forebygging virker.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.data = shared_dataset(settings.data_dir or default_data_dir())
    app.state.engine = engine  # the repositories are made per request (web/stores.py)
    app.state.templates = templates()
    app.state.templates.env.filters["doclinks"] = documentation.doclinks  # docs/x.md -> its page
    app.state.oidc = (settings.oidc or oidc_from_env()) if settings.accounts else None
    if app.state.oidc is not None:
        load_libraries()  # now, not on the event loop at the first sign-in
    app.openapi = lambda: openapi(app)
    # Level 4: level 9 costs 1.5 ms more per API result, for a body about 7 % smaller.
    if settings.accounts:  # inside the compression: it reads a new item's id from the answer
        app.add_middleware(AuditTrail, engine=engine)
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=4)
    if settings.accounts:  # inside the security middleware: cross-site and size refused first
        app.add_middleware(AccessControl, engine=engine,
                           open_calculation=settings.open_calculation)  # fmt: skip
    app.add_middleware(SecurityMiddleware)
    app.add_middleware(AccessLog)  # outermost: it times the whole answer
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(RequestValidationError)
    async def _invalid_body(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{**e, "loc": api_initiatives.event_location(request.url.path,
                                                               tuple(e["loc"])[1:])}
                  for e in exc.errors()]  # drop "body"  # fmt: skip
        return issues_json(translate_errors(errors))

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException):
        if exc.status_code == 400:  # a body FastAPI could not decode (not UTF-8, say)
            return issues_json([Issue("(body)", "kan ikke leses: send gyldig JSON i UTF-8")])
        return await http_exception_handler(request, exc)

    @app.exception_handler(ScenarioError)
    async def _bad_scenario(request: Request, exc: ScenarioError) -> JSONResponse:
        return issues_json(exc.issues)

    @app.get("/api/docs", include_in_schema=False)
    async def _docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="Utenfor-regnskapet API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    # The routes as their modules made them, with their full paths, tags and responses.
    # `include_router` would wrap each router for this app and build each of its routes
    # again at the app's first request: some 40 ms an app (FastAPI 0.165), and the tests make
    # hundreds of apps. tests/test_app_routes.py checks that both give the same app. So the
    # app's own dependencies, responses or body limit, if it is given any, and
    # `app.dependency_overrides` do not reach these routes: give them to the routers.
    app.router.routes.extend(route for router in routers(settings.accounts)
                             for route in router.routes)  # fmt: skip
    return app


def routers(with_accounts: bool) -> tuple[APIRouter, ...]:
    """The app's routers, in the order their routes are matched."""
    # plan's /tiltak/planer before initiatives' /tiltak/{id}
    common = (health.router, api.router, api_evidence.router, api_initiatives.router,
              api_plans.router,
              calculation.router, scenarios.router, compare.router, data_pages.router,
              plan.router, initiatives.router, documentation.router)  # fmt: skip
    if not with_accounts:
        return common
    return (accounts.router, oidc.router, workspace.router, sharing.router, *common)
