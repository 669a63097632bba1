"""numpy's matrix products on one thread (issue 32).

numpy's OpenBLAS starts a thread per core. After each matrix product of the what-if analysis
(model/uncertainty.py) that thread keeps spinning, waiting for more work: on a 2-core machine a
request for the calculation page cost the server 101 ms of CPU for 14 ms of work, and the
products here are too small to run faster on two threads (bench/analysis.py: 5.5 ms either
way). A server answering many users, and the test suite, need that CPU.

`one_thread()` must run before numpy is imported: OpenBLAS reads its setting once, as it
loads. `utenfor` (the command line, and so `utenfor serve` and its workers) and the test
suite call it; a program that imports the library decides for itself (docs/python.md)."""

from __future__ import annotations

import os
import sys

SETTING = "OPENBLAS_NUM_THREADS"


def one_thread() -> None:
    """Ask OpenBLAS for one thread, unless the environment already says how many."""
    if "numpy" in sys.modules and SETTING not in os.environ:
        raise RuntimeError("numpy is already loaded: one_thread() must run before it")
    os.environ.setdefault(SETTING, "1")
