"""The OpenAPI document declares the personal API token (issue 30, item 11), so /api/docs has
an "Authorize" button (tests/browser/test_api_docs.py uses it against a real server); the
empty requirement beside it says a request without a token is valid too (no accounts)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from utenfor.web.app import Settings, create_app


def test_the_schema_declares_the_bearer_token(tmp_path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db", accounts=True))
    with TestClient(app) as c:
        spec = c.get("/api/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert [(s["type"], s["scheme"]) for s in schemes.values()] == [("http", "bearer")]
    assert spec["security"] == [{name: []} for name in schemes] + [{}]
