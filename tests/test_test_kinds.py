"""`python3 dev.py test --quick` (issue 32): its marker expression leaves out the browser,
PostgreSQL, OIDC and fuzzing tests, and keeps the rest; tests/conftest.py sets the markers."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT

sys.path.insert(0, str(ROOT))
from dev import QUICK


def collected(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                           "--collect-only", "-n", "0", *args], capture_output=True, text=True,
                          cwd=ROOT)  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return [line for line in done.stdout.splitlines() if "::" in line]


def test_the_quick_run_leaves_out_browser_postgresql_oidc_and_fuzzing():
    some = ["tests/browser/test_oidc.py", "tests/browser/test_charts.py",
            "tests/test_schemathesis.py", "tests/test_migrations.py",
            "tests/test_reference_model.py", "tests/test_worked_example.py"]  # fmt: skip
    quick = collected("-m", QUICK, *some)
    assert not [t for t in quick if t.startswith("tests/browser/")]
    assert not [t for t in quick if "test_schemathesis.py" in t or "[postgresql" in t]
    assert "tests/test_reference_model.py::test_engine_equals_the_plain_loop" not in quick
    assert [t for t in quick if t.startswith("tests/test_worked_example.py")]
    assert [t for t in quick if t.startswith("tests/test_migrations.py") and "[sqlite" in t]
