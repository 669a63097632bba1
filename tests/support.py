"""Constants and helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import contextlib
import copy
import os
import socket
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

import command_line
from utenfor.model import parse_scenario

ROOT = Path(__file__).resolve().parents[1]
HANDCALC = ROOT / "tests" / "data" / "handcalc"
WORKED_EXAMPLE = ROOT / "examples" / "worked_example.toml"
with open(WORKED_EXAMPLE, "rb") as _f:
    EXAMPLE = tomllib.load(_f)  # the guide's worked example as a scenario table
BIN = Path(sys.executable).parent  # utenfor, st: the programs of the test environment
# httpx makes a TLS context for every client, loading certifi's certificates: 23 ms of CPU,
# also for plain http on loopback. Polling a starting server's /healthz made a dozen, and
# test_scale_out's 80 edits 80 (issue 32). The tests' clients share this one: `verify=TLS`.
TLS = httpx.create_ssl_context()

# The hand-calculation data set in numbers (see tests/data/handcalc/make.py):
# lowincome_benefits differs from the population by the same amounts at every age 0-59.
LOWINCOME_GAP = {  # per person and year, 2017 prices, by area and payer
    "transfers": {"kommune": 100, "fylkeskommune": 0, "stat": 200},
    "tax": {"kommune": 120, "fylkeskommune": 30, "stat": 150},
    "health": {"kommune": 0, "fylkeskommune": 0, "stat": 50},
    "education": {"kommune": 0, "fylkeskommune": -100, "stat": 0},
    "corrections": {"kommune": 0, "fylkeskommune": 0, "stat": 20},
    "child_welfare": {"kommune": 40, "fylkeskommune": 0, "stat": 40},
}
LOWINCOME_GAP_TOTAL = 650
PRICE_FACTOR_2021 = 110 / 100  # price_index.csv: 2021 = 110, 2017 (base) = 100
MAX_AGE = 59


def make(base: dict, **changes):
    """A scenario from `base` with top-level keys replaced, and settings merged."""
    d = copy.deepcopy(base)
    settings = changes.pop("settings", None)
    d.update(changes)
    if settings:
        d["settings"] = {**d.get("settings", {}), **settings}
    return parse_scenario(d)


def _ports():
    """Ports below Linux's ephemeral range (32768-60999), so the kernel never gives one to a
    connection or to another `bind(0)`, and a block of its own for each pytest-xdist worker
    (`PYTEST_XDIST_WORKER` gw0, gw1, ...): two workers never pick the same port, nor one test
    twice (two `bind(0)` in a row may return the same port once it is closed)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    # UTENFOR_TEST_PORTS moves the blocks, for two checkouts tested on one machine at once.
    base = int(os.environ.get("UTENFOR_TEST_PORTS", "20000"))
    first = base + 1_000 * int(worker.removeprefix("gw") or 0)
    yield from range(first, first + 1_000)


_PORTS = _ports()
# Ports Chromium refuses to open ("ERR_UNSAFE_PORT"); a browser test's server must not get one
# (UTENFOR_TEST_PORTS=6000 gave 6000, X11's).
UNSAFE = {1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, *range(6665, 6670),
          6679, 6697, 10080}  # fmt: skip


def free_port() -> int:
    """The next port of this worker's block that nothing listens on (a server of an earlier
    run may still hold one for a moment: that one is passed over)."""
    for port in _PORTS:
        if port in UNSAFE:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("this worker has used all of its 1 000 ports")


@contextlib.contextmanager
def local_http(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """`handler` served on a free loopback port in a thread of this process; yields the base
    URL. The serving loop looks for the end every 0.01 s: its default, 0.5 s, was idle time
    at the end of every test that used one (issue 32)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def start_server(database_url: str, folder: Path, *extra: str,
                 port: int | None = None) -> tuple[subprocess.Popen, str]:  # fmt: skip
    """`utenfor serve [extra]` in its own process on `port` (default: a free one), reached on
    loopback; (process, base URL). All it prints goes to a file in `folder`, `process.log`."""
    port = port or free_port()
    command = [BIN / "utenfor", "serve", "--port", str(port), "--database", database_url, *extra]
    log = folder / f"serve-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    proc.log = log
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline and proc.poll() is None:
        try:
            if httpx.get(f"{base}/healthz", verify=TLS, timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    pytest.fail(f"the server did not start: {log.read_text()[-2000:]}")


def pdf_of(result, title: str | None = None, lang: str = "nb") -> bytes:
    """The PDF report of a result, with its what-if section, as the service builds it."""
    from utenfor import service
    from utenfor.reports.pdf import pdf

    return pdf(service.report(result.scenario, result.data, title=title, lang=lang))


def workbook_of(result, lang: str = "nb", title: str | None = None) -> bytes:
    """The workbook of a result, with its what-if sheet, as the service builds it."""
    from utenfor import service
    from utenfor.reports.xlsx import workbook

    return workbook(service.report(result.scenario, result.data, title=title, lang=lang))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """`utenfor ARGS` (tests/command_line.py) without UTENFOR_DATA, wide enough that no table
    cell wraps."""
    return command_line.run(*args, env={"UTENFOR_DATA": None}, columns=200)


def signed_in_member(database_url: str) -> tuple[str, str, str]:
    """A new workspace with one `eier`, signed in (issue 14): (session token, its CSRF token,
    the workspace's id), made straight in the database the server uses."""
    from utenfor.store.accounts import Accounts
    from utenfor.store.db import make_engine, migrate

    engine = make_engine(database_url)
    migrate(engine)
    accounts = Accounts(engine)
    ws = accounts.add_workspace("Bodø kommune", "kommune")
    user = accounts.accept(accounts.link("invitation", "kari@bodo.no", ws, "eier"), "Kari",
                           "et langt nok passord")  # fmt: skip
    token = accounts.start_session(user, ws)
    csrf = accounts.session(token).csrf
    engine.dispose()
    return token, csrf, ws


PASSWORD = "et langt nok passord"


def member(accounts, workspace_id: str, email: str, role: str) -> str:
    """A new person with `role` in the workspace, signed in: the session's token."""
    user = accounts.accept(accounts.link("invitation", email, workspace_id, role), email, PASSWORD)
    return accounts.start_session(user, workspace_id)


def secret_shown(html: str) -> str:
    """The one-time secret (a token, a link) a page shows once."""
    import re

    return re.search(r'<code class="secret">([^<]+)</code>', html).group(1)


def two_kommuner(database_url: str):
    """An app with accounts on and workspaces "Kommune A" and "Kommune B", with Kari (`eier`)
    and Per (`leser`) in A and Ola (`eier`) in B: (app, accounts, A's id, B's id, sessions)."""
    from utenfor.store.accounts import Accounts
    from utenfor.web.app import Settings, create_app

    app = create_app(Settings(database_url=database_url, accounts=True))
    accounts = Accounts(app.state.engine)
    a, b = (accounts.add_workspace(n, "kommune") for n in ("Kommune A", "Kommune B"))
    sessions = {"eier_a": member(accounts, a, "kari@a.no", "eier"),
                "leser_a": member(accounts, a, "per@a.no", "leser"),
                "eier_b": member(accounts, b, "ola@b.no", "eier")}  # fmt: skip
    return app, accounts, a, b, sessions


def reader_with_token(database_url: str) -> tuple[str, str]:
    """A new workspace with one `leser`, signed in, and a `read` API token of theirs, made
    straight in the database a server will use (issue 30): (session token, API token)."""
    from utenfor.store.accounts import Accounts
    from utenfor.store.db import make_engine, migrate
    from utenfor.store.tokens import ApiTokens

    engine = make_engine(database_url)
    migrate(engine)
    accounts = Accounts(engine)
    ws = accounts.add_workspace("Bodø kommune", "kommune")
    session = member(accounts, ws, "les@bodo.no", "leser")
    _, token = ApiTokens(engine).create(accounts.session(session).user_id, ws, "lesetoken", "read")
    engine.dispose()
    return session, token
