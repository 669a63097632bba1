"""The benchmarks still run (tiny sizes, no timing asserted): they check the sweep against
the plain loop themselves and fail loudly if the two disagree."""

import subprocess
import sys

from support import ROOT


def test_engine_benchmark_runs_and_agrees_with_the_plain_loop():
    p = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "engine.py"), "--sweep", "60", "--plain", "20",
         "--repeat", "5"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "| Ratio plain loop / sweep, per scenario |" in p.stdout


def test_analysis_benchmark_runs():
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "analysis.py"), "--draws", "200",
                        "--repeat", "2"], capture_output=True, text=True, timeout=300)  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "draws (decomposition done)" in p.stdout


def test_export_benchmark_runs():
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "export.py"), "--repeat", "1"],
                       capture_output=True, text=True, timeout=300)  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "| Excel (report with what-if + workbook) |" in p.stdout


def test_load_benchmark_runs_and_finds_every_save():
    """bench/load.py itself reads back every acknowledged save and exits 1 on a lost one."""
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "load.py"), "--clients", "4",
                        "--seconds", "2"], capture_output=True, text=True, timeout=300)  # fmt: skip
    assert p.returncode == 0, p.stdout + p.stderr
    assert "lost saves 0" in p.stdout and '"errors": 0' in p.stdout
    assert "| save |" in p.stdout and "| live update |" in p.stdout


def test_web_benchmark_runs():
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "web.py"), "--clients", "4",
                        "--seconds", "1"], capture_output=True, text=True, timeout=300)  # fmt: skip
    assert p.returncode == 0, p.stdout + p.stderr
    assert "| Errors | 0 | 0: met |" in p.stdout


def test_browser_benchmark_runs():
    """bench/browser.py drives chromium through a few keystrokes and reports what it saw."""
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "browser.py"), "--edits", "3"],
                       capture_output=True, text=True, timeout=300, cwd=ROOT / "bench")  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "keystroke to painted, 3 edits: median" in p.stdout and "first load:" in p.stdout


def test_sign_in_benchmark_runs():
    """bench/sign_in.py floods a real `serve --accounts` with bogus sign-ins (issue 30)."""
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "sign_in.py"), "--connections",
                        "2", "--seconds", "2"], capture_output=True, text=True,
                       timeout=300)  # fmt: skip
    assert p.returncode == 0, p.stdout + p.stderr
    assert "| during the flood |" in p.stdout and "Yardstick (plain loop" in p.stdout
    assert "{422:" in p.stdout  # the sign-ins were checked, not stopped by the rate limit
