"""`GET /healthz` for a load balancer, a container's health check or a monitoring system
(issue 14): 200 when the app answers and its database answers a query, 503 otherwise. It says
nothing about what is stored, and it is not part of the API's schema."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from utenfor import MODEL_VERSION

router = APIRouter(include_in_schema=False)
NO_STORE = {"Cache-Control": "no-store"}


@router.get("/healthz")
def health(request: Request) -> JSONResponse:
    try:
        with request.app.state.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return JSONResponse({"status": "feil", "app": "ok", "database": "svarer ikke"},
                            status_code=503, headers=NO_STORE)  # fmt: skip
    data = request.app.state.data
    return JSONResponse({"status": "ok", "app": "ok", "database": "ok",
                         "model_version": MODEL_VERSION, "data_version": data.version},
                        headers=NO_STORE)  # fmt: skip
