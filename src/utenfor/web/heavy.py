"""Work that can take a second or more (a what-if analysis with many draws, a PDF or workbook)
runs in a worker thread, one such job at a time per server process, never on the event loop.
The page's cheap requests (a keystroke's update, a page, a save) are answered on the event
loop meanwhile; heavy jobs wait their turn instead of sharing the CPU among themselves
(issue 12; measured with `bench/load.py --heavy 4`, docs/performance.md)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

import anyio
from fastapi import HTTPException, Request

T = TypeVar("T")
# More heavy jobs than this waiting, and the next is turned away (503, with Retry-After)
# rather than queued for minutes: the budget a server process gives such work.
MAX_WAITING = 8
BUSY = {503: {"description": "Serveren er opptatt med store beregninger; prøv igjen om litt"}}


def _limiter(request: Request) -> anyio.CapacityLimiter:
    state = request.app.state
    if getattr(state, "heavy", None) is None:
        state.heavy = anyio.CapacityLimiter(1)
    return state.heavy


async def heavy(request: Request, job: Callable[..., T], *args, **kwargs) -> T:
    """`job(*args, **kwargs)` in a worker thread, after the heavy jobs before it; a 503 when
    `MAX_WAITING` jobs are waiting already."""
    limiter = _limiter(request)
    if limiter.statistics().tasks_waiting >= MAX_WAITING:
        raise HTTPException(503, BUSY[503]["description"] + ".", headers={"Retry-After": "10"})
    return await anyio.to_thread.run_sync(partial(job, *args, **kwargs),
                                          limiter=limiter)  # fmt: skip
