"""Python's garbage collector while a program starts, and after it has (issue 32).

Starting `utenfor serve` makes some 140 000 objects that live as long as the program: the
modules, the data set, the app, and on a new database Alembic's migrations. With Python's
thresholds the collector looks at the youngest of them every 700 new objects and walks all of
them twice: some 360 collections that free fewer than 4 000 objects. With `starting()`, a start
to the moment it would listen took 0.93 core-seconds instead of 1.06 on a new database, 0.82
instead of 0.88 on a migrated one (medians of 12-13 alternating starts, docs/performance.md,
wave 3m); `utenfor calculate` 0.41 instead of 0.43.

- `starting()`, first thing in `utenfor` (and so in every command, `serve` included): the
  youngest generation is collected after 50 000 new objects instead of 700. Cycles are still
  freed, less often; a command other than `serve` runs for seconds and keeps this threshold
  until it ends.
- `started()`, by `serve` just before it answers: the young generations are collected, what
  is left is moved out of the collector's reach for good (`gc.freeze`: it lives as long as the
  server), and Python's thresholds come back. A full collection then walks only what requests
  made: in a run of schemathesis against `serve` (11 006 requests), 46 full collections took
  1.6 core-seconds instead of 44 taking 5.7. Garbage that had already reached the oldest generation
  unfound is kept with it, once (all of the start's collections found fewer than 4 000 objects
  to free). The workers of `serve --workers` start as Python does.
"""

from __future__ import annotations

import gc

START_UP = 50_000  # new objects between two collections of the youngest generation
PYTHONS = gc.get_threshold()  # (700, 10, 10) on CPython 3.11 and 3.12, (2000, 10, 10) on 3.13


def starting() -> None:
    gc.set_threshold(START_UP, *PYTHONS[1:])


def started() -> None:
    gc.collect(1)
    gc.freeze()
    gc.set_threshold(*PYTHONS)
