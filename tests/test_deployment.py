"""Running utenfor for others (issue 14, first part): the server refuses an address others can
reach unless told `--open`; `/healthz` says whether the app and its database answer; the logs
are JSON lines with no names, addresses or queries; and the container files run the command
the docs give (no container engine runs here, so the files are checked and their command is
run as a real server)."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import tomllib

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import text

from support import BIN, ROOT, TLS, WORKED_EXAMPLE, free_port, start_server
from utenfor.cli.serving import loopback
from utenfor.store.db import make_engine
from utenfor.web.app import Settings, create_app
from utenfor.web.logs import JsonLines


@pytest.mark.parametrize(("host", "only_here"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("0.0.0.0", False), ("::", False), ("192.168.1.10", False),
    ("utenfor.kommune.no", False),
])  # fmt: skip
def test_only_loopback_is_served_without_open(host, only_here):
    assert loopback(host) is only_here


def test_serve_refuses_an_address_others_can_reach_without_open():
    port = free_port()
    done = subprocess.run([BIN / "utenfor", "serve", "--host", "0.0.0.0", "--port", str(port)],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2, done.stdout + done.stderr
    said = " ".join((done.stdout + done.stderr).split())
    assert "På 0.0.0.0 kan alle som når adressen, lese, endre og slette" in said
    assert "legg til --open" in said and "Traceback" not in said
    with pytest.raises(httpx.TransportError):  # nothing is listening
        httpx.get(f"http://127.0.0.1:{port}/healthz", verify=TLS, timeout=2)


def test_health_says_whether_the_database_answers(new_database):
    url = new_database()
    with TestClient(create_app(Settings(database_url=url))) as c:
        r = c.get("/healthz")
        assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
        assert r.json() | {"model_version": "", "data_version": ""} == {
            "status": "ok", "app": "ok", "database": "ok", "model_version": "",
            "data_version": ""}  # fmt: skip
        assert "/healthz" not in c.get("/api/openapi.json").json()["paths"]
        if not url.startswith("postgresql"):
            return
        # The database goes away under the running app: dropped on the real server.
        admin = make_engine(url.rsplit("/", 1)[0] + "/postgres")
        with admin.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text(f'DROP DATABASE "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
        admin.dispose()
        r = c.get("/healthz")
        assert r.status_code == 503
        assert r.json() == {"status": "feil", "app": "ok", "database": "svarer ikke"}


def test_the_server_logs_json_lines_without_names_addresses_or_queries(tmp_path):
    with open(WORKED_EXAMPLE, "rb") as f:
        scenario = tomllib.load(f)
    proc, base = start_server(f"sqlite:///{tmp_path / 'log.db'}", tmp_path,
                              "--host", "0.0.0.0", "--open", "--access-log")  # fmt: skip
    try:
        with httpx.Client(base_url=base, verify=TLS) as http:
            made = http.post("/api/v1/scenarios", json={"name": "Hemmelig Hansen",
                                                        "scenario": scenario}).json()  # fmt: skip
            http.get(f"/api/v1/scenarios/{made['id']}", params={"lang": "en", "q": "Kari K"})
            http.post("/api/v1/scenarios", json={"name": "Ola O", "scenario": {"x": "Nordmann"}})
            http.get("/finnes-ikke")
            assert http.get("/healthz").json()["status"] == "ok"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    printed = proc.log.read_text().splitlines()
    assert printed[0].startswith("Utenfor-regnskapet kjører på http://0.0.0.0:")
    lines = [json.loads(line) for line in printed[1:] if line.strip()]  # each one JSON
    requests = [(x["method"], x["route"], x["status"]) for x in lines
                if x["logger"] == "utenfor.access"]  # fmt: skip
    assert ("GET", "/api/v1/scenarios/{scenario_id}", 200) in requests
    assert ("POST", "/api/v1/scenarios", 422) in requests and ("GET", None, 404) in requests
    assert all(set(x) >= {"time", "level", "logger", "message"} for x in lines)
    everything = "\n".join(printed[1:])
    for secret in ("Hemmelig", "Kari K", "Ola O", "Nordmann", made["id"], "127.0.0.1", "lang="):
        assert secret not in everything


def test_an_exception_is_logged_by_its_type_and_place_not_its_text():
    try:
        raise ValueError("navnet var Hemmelig Hansen")
    except ValueError:
        record = logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1,
                                   "Exception in ASGI application", None,
                                   sys.exc_info())  # fmt: skip
    line = json.loads(JsonLines().format(record))
    assert line["error"] == "ValueError" and line["level"] == "error"
    assert line["where"][0].endswith(
        "test_an_exception_is_logged_by_its_type_and_place_not_its_text"
    )
    assert "Hemmelig" not in json.dumps(line)


def containerfile() -> dict[str, list[str]]:
    """The Containerfile's instructions (continuation lines joined), by name."""
    found: dict[str, list[str]] = {}
    source = (ROOT / "Containerfile").read_text().replace("\\\n", " ")
    for line in source.splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, rest = line.strip().partition(" ")
            found.setdefault(name, []).append(rest.strip())
    return found


def test_the_image_runs_the_command_the_docs_give_and_it_serves(tmp_path):
    image = containerfile()
    command = json.loads(image["ENTRYPOINT"][-1]) + json.loads(image["CMD"][-1])
    docs = (ROOT / "docs" / "operations.md").read_text()
    assert "    " + " ".join(command) + "\n" in docs  # the docs give exactly this command
    assert image["USER"] == ["utenfor"] and "/healthz" in image["HEALTHCHECK"][0]
    assert any("--require-hashes" in r and "requirements-app.lock" in r for r in image["RUN"])
    # Run it: the same options, with a free port and a database here instead of /data (which
    # start_server gives).
    rest, given = [], iter(command[2:])
    for option in given:
        if option in ("--port", "--database"):
            next(given)
        else:
            rest.append(option)
    assert rest == ["--host", "0.0.0.0", "--workers", "2", "--accounts", "--access-log"]
    proc, base = start_server(f"sqlite:///{tmp_path / 'c.db'}", tmp_path, *rest)
    try:
        assert httpx.get(f"{base}/healthz", verify=TLS, timeout=10).json()["database"] == "ok"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_compose_runs_the_same_app_behind_an_https_proxy():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    app, db, proxy = (compose["services"][k] for k in ("app", "db", "proxy"))
    image_cmd = json.loads(containerfile()["CMD"][-1])
    options = [o for o in app["command"] if o.startswith("--")]
    assert options == [o for o in image_cmd if o.startswith("--")]  # the same options
    database = app["command"][app["command"].index("--database") + 1]
    assert database.startswith("postgresql://utenfor:") and database.endswith("@db:5432/utenfor")
    assert app["build"]["dockerfile"] == "Containerfile" and "ports" not in app
    assert "ports" not in db and app["depends_on"]["db"]["condition"] == "service_healthy"
    assert proxy["ports"] == ["80:80", "443:443"]
    caddy = (ROOT / "deploy" / "Caddyfile").read_text()
    port = app["command"][app["command"].index("--port") + 1]
    assert re.search(rf"reverse_proxy app:{port}\b", caddy) and "health_uri /healthz" in caddy
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]


def pins(name: str) -> dict[str, str]:
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / name).read_text(), re.M))


def test_the_image_lock_has_the_tested_versions_and_every_dependency():
    app, tested = pins("requirements-app.lock"), pins("requirements.lock")
    assert {k: tested.get(k) for k in app} == app  # the versions the tests ran with
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    needed = {re.split(r"[\[<>=;! ]", d, maxsplit=1)[0].lower() for d in project["dependencies"]}
    assert needed <= {k.lower() for k in app}
    assert not {"pytest", "schemathesis", "playwright"} & set(app)  # no test tools
