"""Security of the web app (issue 7, first part): headers, cross-site posts, size limits."""

from __future__ import annotations

import tomllib

import httpx
import pytest

from support import TLS, WORKED_EXAMPLE, start_server


@pytest.mark.parametrize("path", ["/", "/data", "/om", "/scenarier", "/api/v1/data"])
def test_security_headers(client, path):
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self';" in csp  # no 'unsafe-eval', no 'unsafe-inline' for scripts
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"


def test_pages_have_no_inline_script(client):
    import re

    for path in ["/", "/?eksempel=veiledning", "/data", "/om", "/scenarier"]:
        html = client.get(path).text
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag, f"inline script on {path}: {tag}"
        assert " onclick=" not in html and " onload=" not in html


def test_a_cross_site_form_post_is_refused(client):
    form = {"name": "X", "target_group": "lowincome_benefits"}
    evil = client.post("/scenarier", data=form, headers={"Origin": "https://evil.example"})
    assert evil.status_code == 403
    fetch = client.post("/beregn", data=form, headers={"Sec-Fetch-Site": "cross-site"})
    assert fetch.status_code == 403
    api = client.post("/api/v1/scenarios", json={}, headers={"Origin": "https://evil.example"})
    assert api.status_code == 403 and api.json()["detail"][0]["message"]
    same = client.post("/beregn", data=form, headers={"Origin": "http://testserver"})
    assert same.status_code == 200
    assert client.get("/scenarier").text.count("X</a>") == 0  # nothing was saved


def test_oversized_requests_are_refused(client):
    r = client.post("/api/v1/calculate", content=b"{" + b" " * 2_100_000 + b"}",
                    headers={"content-type": "application/json"})  # fmt: skip
    assert r.status_code == 413


def test_the_server_logs_no_scenario_names_or_contents(tmp_path):
    """A real server's whole output, after saves, edits, a failed save and a restore."""
    with open(WORKED_EXAMPLE, "rb") as f:
        scenario = tomllib.load(f)
    proc, base = start_server(f"sqlite:///{tmp_path / 'log.db'}", tmp_path)
    try:
        with httpx.Client(base_url=base, verify=TLS) as http:
            s = http.post(
                "/api/v1/scenarios", json={"name": "Hemmelig Hansen", "scenario": scenario}
            )
            http.put(f"/api/v1/scenarios/{s.json()['id']}", json={"version": 1, "name": "Kari K"})
            http.post("/api/v1/scenarios", json={"name": "Ola O", "scenario": {"x": "Nordmann"}})
            http.post("/api/v1/restore", json=http.get("/api/v1/backup").json())
            http.post("/scenarier", data={"name": "Per P", "target_group": "lowincome_benefits"})
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    printed = proc.log.read_text()
    assert "kjører på http://127.0.0.1" in printed  # the output was captured
    for secret in ("Hemmelig", "Hansen", "Kari K", "Ola O", "Nordmann", "Per P", "lowincome"):
        assert secret not in printed
