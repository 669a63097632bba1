#!/usr/bin/env python3
"""Set up and run utenfor from a source checkout, with nothing but Python 3.11+.

    python3 dev.py start   set up .venv from the lock file, then start the web app
    python3 dev.py test    set up .venv, then lint and run the whole test suite
    python3 dev.py test --quick
                           the inner loop: lint and the tests without a browser, PostgreSQL,
                           OIDC, generated inputs or a slow process (pytest markers)
    python3 dev.py lock    rewrite requirements.lock (and the container's requirements-app.lock)
                           from pyproject.toml (needs network)
    python3 dev.py audit   known vulnerabilities in the locked packages (part of test)
    python3 dev.py explore the property tests with random seeds and ten times the examples
                           (test draws the same examples every run)

Set-up is repeated only when pyproject.toml or requirements.lock changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".utenfor-setup"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
EXPLORED = ("tests/test_properties.py", "tests/test_reference_model.py", "tests/test_formatting.py")
# The browser the tests drive: Debian's chromium, or its chromium-headless-shell
CHROMIUM = os.environ.get("UTENFOR_CHROMIUM", "/usr/bin/chromium")
QUICK = "not (browser or postgres or oidc or fuzz or slow)"  # markers: tests/conftest.py


def run(*cmd: str | Path, **kw) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, **kw)
    if code:
        sys.exit(code)


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py must say this on an old Python
        sys.exit("utenfor trenger Python 3.11 eller nyere (utenfor needs Python 3.11+).")
    wanted = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print(f"Lager virtuelt miljø i {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    pip = (PYTHON, "-m", "pip", "--disable-pip-version-check")
    run(*pip, "install", "--quiet", "--require-hashes", "--only-binary", ":all:", "-r", LOCK)
    run(*pip, "install", "--quiet", "--no-deps", "--editable", ".")
    STAMP.write_text(wanted)


def ensure_test_programs() -> None:
    """The browser tests drive Debian's chromium (Playwright's own download does not work
    offline), the Excel tests open the workbook in LibreOffice, the web benchmark's smoke test
    drives wrk. Install them where we can (root on Debian); otherwise say what to do."""
    missing = [
        package
        for package, path in ((Path(CHROMIUM).name, CHROMIUM),  # the package is the file's name
                              ("libreoffice-calc", "/usr/bin/soffice"),
                              ("poppler-utils", "/usr/bin/pdftoppm"),
                              ("wrk", "/usr/bin/wrk"))
        if not Path(path).exists()
    ]  # fmt: skip
    if not missing:
        return
    if os.name != "nt" and os.geteuid() == 0 and Path("/usr/bin/apt-get").exists():
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})  # fmt: skip
        return
    sys.exit(
        f"Testene trenger {' og '.join(missing)}: installer Debians pakker (sudo apt-get install "
        f"{' '.join(missing)}). / The tests need these Debian packages."
    )


def ensure_oidc_provider() -> None:
    """The OpenID Connect test (tests/browser/test_oidc.py) runs a real provider under node:
    its packages, exactly as tests/oidc/package-lock.json says, from the npm registry."""
    folder = ROOT / "tests" / "oidc"
    stamp = folder / "node_modules" / ".package-lock.json"
    if stamp.exists() and stamp.stat().st_mtime >= (folder / "package-lock.json").stat().st_mtime:
        return
    if not shutil.which("npm"):
        sys.exit("Testene trenger Node.js og npm (Debians nodejs og npm). / The tests need node.")
    run("npm", "ci", "--no-audit", "--no-fund", "--prefix", str(folder))


def ensure_postgres() -> None:
    """The saved-scenario tests run against SQLite and against a real PostgreSQL server. Where
    we can (root on Debian), install and start Debian's PostgreSQL and give the tests a role
    that may create databases, in UTENFOR_TEST_POSTGRES. Elsewhere those tests are skipped,
    unless UTENFOR_TEST_POSTGRES names a server."""
    if os.environ.get("UTENFOR_TEST_POSTGRES"):
        return
    if os.name == "nt" or os.geteuid() != 0 or not Path("/usr/bin/apt-get").exists():
        print("PostgreSQL-testene hoppes over: sett UTENFOR_TEST_POSTGRES=postgresql://... "
              "(the PostgreSQL tests are skipped)", flush=True)  # fmt: skip
        return
    if not Path("/usr/bin/pg_lsclusters").exists():
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql",
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})  # fmt: skip
    clusters = [line.split() for line in subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    ).stdout.splitlines() if line.strip()]  # fmt: skip
    if not clusters:
        version = sorted(Path("/usr/lib/postgresql").iterdir())[-1].name
        run("pg_createcluster", version, "main")
        clusters = [[version, "main", "5432", "down"]]
    version, name, port, status = clusters[0][:4]
    if status != "online":
        run("pg_ctlcluster", version, name, "start")
    role = (
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'utenfor_test') "
        "THEN CREATE ROLE utenfor_test LOGIN CREATEDB PASSWORD 'utenfor_test'; END IF; END $$;"
    )
    run("runuser", "-u", "postgres", "--", "psql", "-q", "-p", port, "-c", role)
    os.environ["UTENFOR_TEST_POSTGRES"] = (
        f"postgresql://utenfor_test:utenfor_test@127.0.0.1:{port}/postgres"
    )


def main() -> None:
    task = sys.argv[1] if len(sys.argv) > 1 else "start"
    if task == "lock":
        if not PYTHON.exists():
            venv.create(VENV, with_pip=True)
        run(PYTHON, "-m", "pip", "install", "--quiet", "uv")
        compile_ = (PYTHON, "-m", "uv", "pip", "compile", "pyproject.toml",
                    "--generate-hashes", "--universal", "--python-version", "3.11",
                    "--custom-compile-command", "python3 dev.py lock")  # fmt: skip
        run(*compile_, "--extra", "dev", "-o", "requirements.lock")
        # The container's lock (Containerfile): the app without its test tools, at the same
        # versions (uv keeps the pins of the file it writes to; tests/test_deployment.py).
        shutil.copyfile(ROOT / "requirements.lock", ROOT / "requirements-app.lock")
        run(*compile_, "-o", "requirements-app.lock")
        return
    setup()
    if task == "start":
        # The main job: the web app on the bundled open data set, with its SQLite database.
        run(BIN / "utenfor", "serve", *sys.argv[2:])
    elif task == "test":
        args = sys.argv[2:]
        quick = "--quick" in args  # the rest goes to pytest, after the marker expression
        args = [a for a in args if a != "--quick"]
        ensure_test_programs()
        if not quick:
            ensure_oidc_provider()
            ensure_postgres()
        run(PYTHON, "-m", "ruff", "check", ".")
        run(PYTHON, "-m", "ruff", "format", "--check", ".")
        # The programs the tests start (some 170 `utenfor` and `utenfor serve`) read src/
        # compiled once: with PYTHONDONTWRITEBYTECODE set, as on these machines, each of them
        # compiled what it imports again (0.1 s of CPU for a server's start; issue 32). For the
        # same reason pytest may keep the test modules it rewrites (their asserts) in
        # __pycache__: each worker's collection takes 2.8 s instead of 5.2 the second time.
        run(PYTHON, "-m", "compileall", "-q", "src")
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        select = ("-m", QUICK) if quick else ()
        # The audit waits mostly on PyPI (about 7 s for 100 MB of project pages): it runs
        # beside the tests, and its verdict is printed after theirs.
        audit = None if quick else subprocess.Popen(
            [PYTHON, "tools/audit_lock.py"], cwd=ROOT, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)  # fmt: skip
        try:
            # Two workers, one a core: a third (tried, issue 32) filled the 7-9 % of the run
            # the cores were idle, but cost as much CPU again. `-n 0` after `test` runs in one
            # process.
            run(PYTHON, "-m", "pytest", "-n", "2", "--dist", "worksteal", *select, *args)
        finally:
            if audit is not None:
                print("+", PYTHON, "tools/audit_lock.py", flush=True)
                print(audit.communicate()[0], end="", flush=True)
        if audit is not None and audit.returncode:
            sys.exit(audit.returncode)
    elif task == "explore":
        os.environ["UTENFOR_HYPOTHESIS"] = "explore"
        run(PYTHON, "-m", "pytest", "-n", "2", *EXPLORED, *sys.argv[2:])
    elif task == "audit":
        run(PYTHON, "tools/audit_lock.py")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
