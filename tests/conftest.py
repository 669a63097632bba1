"""Shared fixtures: the hand-calculation data set (tests/data/handcalc/README.md) and scenarios."""

from __future__ import annotations

import functools
import gc
import inspect
import os
import shutil

import pytest
from hypothesis import settings

# argon2's smallest parameters for the passwords the tests hash (hundreds of sign-ins); set
# before anything hashes, and inherited by the servers the tests start. Production keeps
# argon2's defaults: tests/test_accounts.py::test_production_hashes_with_argon2s_defaults.
os.environ["UTENFOR_TEST_ONLY_WEAK_PASSWORD_HASHES"] = "1"
# numpy's matrix products on one thread, as in `utenfor` itself (src/utenfor/blas.py): before
# anything loads numpy, in this process and the programs the tests start.
from utenfor.blas import one_thread

one_thread()

from databases import Copies, create_database, drop, new_name  # noqa: E402
from support import HANDCALC  # noqa: E402
from utenfor.data.load import load_dataset  # noqa: E402
from utenfor.model import calculate  # noqa: E402
from utenfor.store.db import make_engine, migrate  # noqa: E402

# The suite's property tests draw the same examples on every run (a seed from each test's
# name), so a run cannot be refused by an input that no earlier run happened to draw: random
# search once found, in run 9 of a series, a YAML key `~:` that an older parser answered in
# English. Searching afresh is its own job: `python3 dev.py explore` (random seeds, ten times
# the examples); what it finds becomes a fixed test.
settings.register_profile("suite", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("UTENFOR_HYPOTHESIS", "suite"))


@pytest.fixture(scope="session")
def data():
    return load_dataset(HANDCALC)


@pytest.fixture()
def run(data):
    def _run(scenario):
        return calculate(scenario, data)

    return _run


@pytest.fixture(scope="session")
def simple():
    """100 participants entering 2021 in the low-income group, no costs, 10 points success."""
    return {
        "target_group": "lowincome_benefits",
        "age_groups": ["13-15"],
        "share_without_pct": 50,
        "share_with_pct": 60,
        "start_year": 2021,
        "years_run": 1,
        "intervention_years": 2,
        "participants": {"2021": 100},
    }


@pytest.fixture(scope="session")
def schema_templates(tmp_path_factory):
    """A database of each kind at the newest schema, migrated once in this process: the path
    of a SQLite file to copy, and, for PostgreSQL, the `Copies` of one (tests/databases.py).
    Made when first asked for; the PostgreSQL ones are dropped at the end."""
    made: dict = {}
    server = os.environ.get("UTENFOR_TEST_POSTGRES")
    admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT") if server else None

    def template(kind: str):
        if kind not in made:
            name = new_name("template")
            if kind == "sqlite":
                path = str(tmp_path_factory.mktemp("template") / f"{name}.db")
                url = f"sqlite:///{path}"
            else:
                url = create_database(admin, server, name)
            engine = make_engine(url)
            migrate(engine)
            engine.dispose()  # no one on it: SQLite's log is written back, PostgreSQL copies it
            made[kind] = path if kind == "sqlite" else Copies(admin, server, name)
        return made[kind]

    yield template
    if "postgresql" in made:
        made["postgresql"].close()
        drop(admin, made["postgresql"].template)
    if admin is not None:
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request, tmp_path, schema_templates, sqlite_copy):
    """Makes new databases at the newest schema: SQLite files, or databases on a real
    PostgreSQL server (`python3 dev.py test` installs and starts Debian's PostgreSQL when it
    runs as root). Each is a copy of one migrated once (`schema_templates`): migrating costs
    30-80 ms, and the tests make some 450 databases. A PostgreSQL copy is emptied after the
    test and used again (tests/databases.py). `new_database(empty=True)` makes an empty one,
    for the tests of the migrations themselves."""
    server = os.environ.get("UTENFOR_TEST_POSTGRES")
    if request.param == "postgresql" and not server:
        pytest.skip("no PostgreSQL server: set UTENFOR_TEST_POSTGRES=postgresql://...")
    made: list[str] = []  # PostgreSQL's empty databases
    copies: list[str] = []  # and copies

    def _new(empty: bool = False) -> str:
        name = new_name()
        if request.param == "sqlite":
            return f"sqlite:///{tmp_path / f'{name}.db'}" if empty else sqlite_copy(tmp_path)
        if empty:
            made.append(name)
            return create_database(admin, server, name)
        url = schema_templates("postgresql").take(name)
        copies.append(url.rsplit("/", 1)[1])
        return url

    admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT") if server else None
    yield _new
    for name in made:
        drop(admin, name)
    for name in copies:
        schema_templates("postgresql").give_back(name)
    if admin is not None:
        admin.dispose()


@pytest.fixture()
def database_url(new_database):
    return new_database()


@pytest.fixture(scope="session")
def sqlite_copy(schema_templates):
    """Makes a new SQLite database at the newest schema in a folder (a copy of the migrated
    template), for the tests that run on SQLite only; its URL."""

    def _copy(folder) -> str:
        path = folder / f"{new_name()}.db"
        shutil.copyfile(schema_templates("sqlite"), path)
        return f"sqlite:///{path}"

    return _copy


@pytest.fixture()
def client(tmp_path, sqlite_copy):
    """The app on a new SQLite database, through Starlette's TestClient (a test file may have
    its own `client`)."""
    from fastapi.testclient import TestClient

    from utenfor.web.app import Settings, create_app

    with TestClient(create_app(Settings(database_url=sqlite_copy(tmp_path)))) as c:
        yield c


# The kinds of test `python3 dev.py test --quick` leaves out (markers in pyproject.toml),
# told from where a test is and what it uses, so a new test is sorted without a decorator.
# "slow": the test, one of its fixtures or a helper of its module starts another program
# (a server, a benchmark, LibreOffice, Python), which costs seconds each time. The command
# line's tests run it in their own process (tests/command_line.py), so they are quick.
STARTS_A_PROGRAM = ("start_server(", "subprocess.", "soffice", "bench")


@functools.cache  # a fixture's or a parametrized test's source is asked for by each test
def _source(function) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


@functools.cache
def _calls_that_start_a_program(module) -> tuple[str, ...]:
    """STARTS_A_PROGRAM, and calls of this module's own functions that start one."""
    helpers = [f"{name}(" for name, f in vars(module).items()
               if inspect.isfunction(f) and f.__module__ == module.__name__
               and not name.startswith("test_")
               and any(call in _source(f) for call in STARTS_A_PROGRAM)]  # fmt: skip
    return (*STARTS_A_PROGRAM, *helpers)


def starts_a_program(item) -> bool:
    calls = _calls_that_start_a_program(item.module)
    functions = [item.obj] + [
        d.func for defs in item._fixtureinfo.name2fixturedefs.values() for d in defs
    ]
    return any(call in _source(f) for f in functions for call in calls)


def kinds(item) -> set[str]:
    found = set()
    if item.nodeid.startswith("tests/browser/") or "browser" in item.name:
        found.add("browser")
    if "oidc" in item.nodeid.lower():
        found.add("oidc")
    callspec = getattr(item, "callspec", None)
    if callspec is not None and callspec.params.get("new_database") == "postgresql":
        found.add("postgres")
    if item.nodeid.startswith("tests/test_schemathesis.py") or getattr(
        getattr(item, "obj", None), "is_hypothesis_test", False
    ):
        found.add("fuzz")  # generated inputs: schemathesis, and hypothesis's property tests
    if starts_a_program(item):
        found.add("slow")
    return found


# The kinds of test that start a program or a browser, use a PostgreSQL database or draw
# generated inputs: seconds, or a large part of one, each.
HEAVY = ("slow", "browser", "postgres", "fuzz")


def file_of(item) -> str:
    return item.nodeid.split("::", 1)[0]


def pytest_collection_modifyitems(items):
    """Each test gets its kinds' markers. The two schemathesis runs are about a third of the
    suite's work, so they start at once and on different workers: `python3 dev.py test` runs
    on two pytest-xdist workers (`--dist worksteal`), which first hand the first half of the
    list to one worker and the second half to the other, then steal from each other. The
    longer run goes first in the list and the shorter first in the second half; the rest of
    the suite fills in around them. (Both first in the list put them one after the other on
    one worker: 11 of a 12-minute run.)

    In each half the files with a test of a HEAVY kind come first and the other files last,
    so that what a worker steals from the end of the other's queue, and what is left when
    the run ends, are quick tests: with the list in the order of the files, a benchmark's 13
    seconds were the end of the run, with one core idle (issue 32). A file's tests stay
    together, so its module fixtures are made once."""
    for item in items:
        for kind in kinds(item):
            item.add_marker(kind)
    fuzz = [i for i in items if i.nodeid.startswith("tests/test_schemathesis.py")]
    fuzz.sort(key=lambda i: "with_accounts" in i.name)  # the longer run, without accounts, first
    rest = [i for i in items if not i.nodeid.startswith("tests/test_schemathesis.py")]
    heavy_files = {file_of(i) for i in rest if any(i.get_closest_marker(k) for k in HEAVY)}
    heavy = [i for i in rest if file_of(i) in heavy_files]
    quick = [i for i in rest if file_of(i) not in heavy_files]
    first, second = [*fuzz[:1], *heavy[: len(heavy) // 2]], [*fuzz[1:], *heavy[len(heavy) // 2 :]]
    fill = min(max(len(items) // 2 - len(first), 0), len(quick))  # quick tests of the first half
    items[:] = [*first, *quick[:fill], *second, *quick[fill:]]


def pytest_collection_finish(session):
    """Python's garbage collector in the tests' own processes (issue 32). A worker holds some
    240 000 objects once it has collected the tests (the modules, hypothesis, Playwright) and
    400 000 by the end, and a full collection walks all of them: about 0.2 core-seconds each,
    some 30 of them in the quick run, a quarter of a worker's CPU with the younger ones. What
    collection made lives until the run ends, so it is moved out of the collector's reach
    (`gc.freeze`), and a full collection waits for 100 of the middle generation's instead of
    10 (docs/performance.md, wave 3m)."""
    gc.freeze()
    gc.set_threshold(*gc.get_threshold()[:2], 100)
