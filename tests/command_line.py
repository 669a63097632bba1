"""`utenfor ARGS` for the tests, run in the test's own process (issue 32, item 5).

A new Python for each command cost about 0.4 core-seconds, mostly imports, and the suite ran
some 100 of them. `run` calls the entry point the `utenfor` program calls (`utenfor.cli.main`)
with the command's own `sys.argv`, environment, output, working folder and console width, and
answers as `subprocess.run` would: the exit code and what went to stdout and stderr; an
exception that escapes gives its traceback and 1, as Python would.

`tests/test_cli.py::test_the_in_process_runner_answers_as_the_program_does` compares it with
the program itself. The README's commands (tests/test_docs.py), the lazy imports
(tests/test_cli_imports.py) and `serve` still start the program."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import subprocess
import sys
import traceback
import types
from collections.abc import Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def _environment(env: Mapping[str, str]) -> Iterator[None]:
    before = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(before)


def run(
    *args: str | os.PathLike,
    env: Mapping[str, str | None] | None = None,
    columns: int = 120,
    cwd: str | os.PathLike = ROOT,
) -> subprocess.CompletedProcess:
    """`utenfor ARGS` as the program would run them, in this process: this process's
    environment with `env` on top (None removes a name), and COLUMNS set to `columns`, the
    consoles' width."""
    from utenfor.cli import common, main
    from utenfor.data.kostra_fetch import SHARED

    SHARED.calls.clear()  # a new program has SSB's whole limit (30 queries a minute) to itself

    argv = ["utenfor", *map(str, args)]  # not `serve` with good options: it would serve here
    wanted = {**os.environ, "COLUMNS": str(columns)}
    for name, value in (env or {}).items():
        if value is None:
            wanted.pop(name, None)
        else:
            wanted[name] = value
    out, err = io.StringIO(), io.StringIO()
    widths = common.out._width, common.err._width  # Rich's; set from COLUMNS at import
    saved = sys.argv, sys.stdout, sys.stderr, os.getcwd(), sys.modules["__main__"]
    collecting = gc.get_threshold()  # `main` sets the program's own (src/utenfor/collector.py)
    code = 0
    with _environment(wanted):
        sys.argv, sys.stdout, sys.stderr = argv, out, err
        common.out.width = common.err.width = columns
        os.chdir(cwd)
        # Click names the program from `__main__`: the `utenfor` script has no package
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            main()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
            if isinstance(exit_.code, str):
                err.write(exit_.code + "\n")
        except Exception:  # as Python would end the program: the traceback, and 1
            err.write(traceback.format_exc())
            code = 1
        finally:
            sys.argv, sys.stdout, sys.stderr = saved[:3]
            os.chdir(saved[3])
            sys.modules["__main__"] = saved[4]
            common.out._width, common.err._width = widths
            gc.set_threshold(*collecting)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())
