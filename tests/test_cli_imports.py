"""The command line loads only what a command needs, when it runs (issue 32, item 5): every
`utenfor` process used to import the database layer, the web's dependencies, the workbook and
PDF writers and the engine before it read its arguments (~0.8 s of CPU for `--help`). Each
case runs a command in a fresh interpreter and looks at `sys.modules` afterwards. No clock is
read: the figures are in docs/performance.md ("Wave 3b")."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from support import ROOT
from utenfor.data import WORKED_EXAMPLE

# What only `serve`, `accounts`, `backup`/`restore` or one output format needs.
SERVER = ("sqlalchemy", "alembic", "argon2", "fastapi", "starlette", "uvicorn", "jinja2",
          "utenfor.web", "utenfor.store.db", "utenfor.store.accounts")  # fmt: skip
WRITERS = ("xlsxwriter", "openpyxl", "typst", "utenfor.reports.xlsx", "utenfor.reports.pdf")
# What no help text needs: the engine, its numbers and the reports. (Not pydantic: Typer
# itself loads it, to convert arguments.)
ENGINE = ("numpy", "utenfor.model", "utenfor.reports", "utenfor.service")

RUN = """
import json, os, sys
from utenfor.cli import main
sys.argv = ["utenfor", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
sys.stdout.flush()
print("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules),
                          "threads": len(os.listdir("/proc/self/task"))}))
"""


def finished(*args: str) -> tuple[dict, str]:
    """What `utenfor ARGS` left in a new process (its exit code, the modules loaded, its
    threads), and what it printed."""
    done = subprocess.run([sys.executable, "-c", RUN, json.dumps(args)], capture_output=True,
                          text=True, cwd=ROOT, env={"COLUMNS": "200", "PATH": ""})  # fmt: skip
    output, _, last = done.stdout.rstrip("\n").rpartition("\n")
    return json.loads(last), output + done.stderr


def loaded(*args: str) -> tuple[int, set[str], str]:
    """(exit code, the modules loaded, the output) after `utenfor ARGS` in a new process."""
    answer, output = finished(*args)
    return answer["code"], set(answer["modules"]), output


def among(modules: set[str], names: tuple[str, ...]) -> set[str]:
    """The modules of `modules` that are one of `names` or inside one of them."""
    return {m for m in modules if any(m == n or m.startswith(n + ".") for n in names)}


def test_importing_the_command_line_loads_no_engine_database_or_writer():
    done = subprocess.run(
        [sys.executable, "-c", "import sys, utenfor.cli; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, cwd=ROOT, check=True, env={"PATH": ""},
    )  # fmt: skip
    modules = set(done.stdout.split())
    assert "utenfor.cli.commands" in modules  # the commands are registered
    assert not among(modules, SERVER + WRITERS + ENGINE)


@pytest.mark.parametrize(
    "args",
    [("--help",), ("calculate", "--help"), ("analyse", "--help"), ("export", "--help"),
     ("data", "--help"), ("data", "show", "--help"), ("accounts", "invite", "--help"),
     ("plan", "calculate", "--help"), ("evidence", "--help"), ("serve", "--help")],
)  # fmt: skip
def test_help_loads_no_engine_database_or_writer(args):
    code, modules, output = loaded(*args)
    assert code == 0, output
    assert "Usage" in output or "Bruk" in output
    assert not among(modules, SERVER + WRITERS + ENGINE)


def test_help_still_shows_what_moved_out_of_the_heavy_modules():
    """The roles (store.accounts), the workspace kinds (store.models) and the draws and seed
    (service) are in the help, read from the small modules they moved to."""
    from utenfor.service import DRAWS, SEED
    from utenfor.store.accounts import ROLES
    from utenfor.store.models import WORKSPACE_KINDS

    assert ROLES == ("eier", "redaktør", "leser") and DRAWS == 10_000 and SEED == 20_191
    assert " | ".join(ROLES) in loaded("accounts", "invite", "--help")[2]
    assert " | ".join(WORKSPACE_KINDS) in loaded("accounts", "workspace", "--help")[2]
    analyse_help = loaded("analyse", "--help")[2]
    assert "10000" in analyse_help and "20191" in analyse_help


def test_calculate_loads_no_database_web_or_writer():
    code, modules, output = loaded("calculate", str(WORKED_EXAMPLE))
    assert code == 0, output
    assert "Break-even:" in output and "Datasett:" in output  # the whole result was printed
    assert "utenfor.model.engine" in modules  # the engine did run
    assert not among(modules, SERVER + WRITERS)


@pytest.mark.parametrize(
    ("suffix", "writer"), [(".json", ()), (".xlsx", ("xlsxwriter", "utenfor.reports.xlsx"))]
)
def test_export_loads_only_the_writer_it_uses(tmp_path, suffix, writer):
    to = tmp_path / f"utenfor{suffix}"
    code, modules, output = loaded("export", str(WORKED_EXAMPLE), "--to", str(to))
    assert code == 0, output
    assert to.stat().st_size > 0
    assert not among(modules, SERVER + tuple(w for w in WRITERS if w not in writer))
    assert set(writer) <= modules


def test_the_what_if_analysis_leaves_numpy_one_thread():
    """src/utenfor/blas.py: numpy's OpenBLAS keeps a thread a core, which spins after each
    matrix product (on 2 cores, 101 ms of a server's CPU for a 14 ms page). Without the
    setting, numpy alone starts one more thread on a machine of two cores or more."""
    bare = subprocess.run([sys.executable, "-c", "import os, numpy; "
                           "print(len(os.listdir('/proc/self/task')))"], capture_output=True,
                          text=True, env={"PATH": ""}, check=True)  # fmt: skip
    assert int(bare.stdout) == min(os.cpu_count() or 1, 64)  # OpenBLAS: one a core, at most 64
    answer, output = finished("analyse", str(WORKED_EXAMPLE), "--draws", "500")
    assert answer["code"] == 0 and "P10" in output, output
    assert "numpy" in answer["modules"] and answer["threads"] == 1


# What a server loads only when it needs it (issue 32): the OpenID Connect libraries (a
# sign-in through a provider), Markdown (a documentation page), the writers (a download), and
# Alembic (a database that is not yet at the newest schema).
ON_REQUEST = ("joserfc", "authlib", "cryptography", "markdown_it", "alembic", *WRITERS)

SERVER_START = """
import sys
from utenfor.cli.common import load_data
from utenfor.web.app import Settings, create_app
load_data(None)
create_app(Settings(database_url=sys.argv[1], accounts=sys.argv[2] == "accounts"))
print("\\n".join(sys.modules))
"""
OIDC = ("joserfc", "authlib", "cryptography")
PROVIDER = {"UTENFOR_OIDC_ISSUER": "https://login.example.no", "UTENFOR_OIDC_CLIENT_ID": "utenfor",
            "UTENFOR_OIDC_CLIENT_SECRET": "hemmelig"}  # fmt: skip


@pytest.mark.parametrize("provider", [False, True], ids=["without-oidc", "with-oidc"])
def test_a_server_on_a_migrated_database_starts_without_what_only_requests_need(tmp_path, provider):
    """What `serve` does before it listens (check the data set, make the app) on a database
    that is already at the newest schema: every restart of a server and every worker of
    `serve --workers`. A server with an OpenID Connect provider loads its libraries as it
    starts, so that no sign-in waits for them on the event loop."""
    from utenfor.store.db import make_engine, migrate

    url = f"sqlite:///{tmp_path / 'restart.db'}"
    engine = make_engine(url)
    migrate(engine)  # the first start's work
    engine.dispose()
    env = {"PATH": "", **(PROVIDER if provider else {})}
    done = subprocess.run([sys.executable, "-c", SERVER_START, url,
                           "accounts" if provider else "open"], capture_output=True, text=True,
                          cwd=ROOT, env=env, check=True)  # fmt: skip
    modules = set(done.stdout.split())
    assert "utenfor.web.app" in modules and "fastapi" in modules  # the app was made
    assert not among(modules, tuple(m for m in ON_REQUEST if not (provider and m in OIDC)))
    assert all(m in modules for m in OIDC) is provider


SERVE = """
import gc, json, sys
seen = {"python": gc.get_threshold()}  # this Python's own, before anything is imported
import uvicorn
import utenfor.web.app as web
made = web.create_app

def create_app(settings):  # as serve makes its app, and what the collector is set to meanwhile
    seen["starting"] = gc.get_threshold()
    return made(settings)

def run(app, **options):  # instead of listening: what the collector is set to for the requests
    seen["serving"], seen["frozen"] = gc.get_threshold(), gc.get_freeze_count()

web.create_app, uvicorn.run = create_app, run
from utenfor.cli import main
sys.argv = ["utenfor", "serve", "--port", "1", "--database", sys.argv[1]]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
print(json.dumps(seen))
"""


def test_a_server_starts_with_fewer_garbage_collections_and_serves_with_pythons(tmp_path):
    """src/utenfor/collector.py: `utenfor` collects the youngest objects every 50 000 while it
    loads, not every 700, and `serve` freezes what its start made and puts Python's thresholds
    back before the first request."""
    from utenfor.collector import START_UP

    done = subprocess.run([sys.executable, "-c", SERVE, f"sqlite:///{tmp_path / 's.db'}"],
                          capture_output=True, text=True, cwd=ROOT, check=True,
                          env={"PATH": "", "OPENBLAS_NUM_THREADS": "1"})  # fmt: skip
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["starting"] == [START_UP, *seen["python"][1:]]
    assert seen["serving"] == seen["python"]  # (700, 10, 10) on 3.11 and 3.12, 2000 on 3.13
    assert seen["frozen"] > 100_000  # what the start made: out of the collector's reach
