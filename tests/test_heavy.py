"""Heavy work (large analyses, files) cannot starve the cheap requests (issue 12)."""

from __future__ import annotations

import sys
import threading
import time
import tomllib
from types import SimpleNamespace

import anyio
import httpx
import pytest
from fastapi import HTTPException

from support import ROOT, WORKED_EXAMPLE, start_server
from utenfor.web.heavy import MAX_WAITING, heavy

sys.path.insert(0, str(ROOT / "bench"))  # the largest analysis, as bench/load.py --heavy sends it
from load import heavy_body

ANALYSES = 4
with open(WORKED_EXAMPLE, "rb") as f:
    SCENARIO = tomllib.load(f)


def test_cheap_requests_are_answered_while_large_analyses_run(tmp_path):
    """Four of the largest analyses in flight (about a second each here, run one after the
    other); the data, a page and a calculation are answered before all are done. Before, the
    analysis ran on the event loop and everything waited for it. (Four, not two: on a busy
    machine the cheap requests still have seconds of margin.)"""
    proc, base = start_server(f"sqlite:///{tmp_path / 'h.db'}", tmp_path)
    done: list[int] = []

    def analyse():
        r = httpx.post(f"{base}/api/v1/analyse", json=heavy_body(SCENARIO), timeout=120)
        done.append(r.status_code)

    try:
        runs = [threading.Thread(target=analyse) for _ in range(ANALYSES)]
        for run in runs:
            run.start()
        time.sleep(0.2)  # all sent; the first is being computed, the others wait
        with httpx.Client(base_url=base, timeout=60) as c:
            answers = [c.get("/api/v1/data").status_code, c.get("/om").status_code,
                       c.post("/api/v1/calculate", json=SCENARIO).status_code]  # fmt: skip
            finished_before = len(done)
        for run in runs:
            run.join()
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert answers == [200, 200, 200]
    assert done == [200] * ANALYSES
    assert finished_before < ANALYSES, "the cheap requests waited for all the analyses"


def test_more_heavy_jobs_than_the_budget_are_turned_away_with_503():
    request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace()))
    release = threading.Event()

    async def main():
        async with anyio.create_task_group() as tg:
            for _ in range(MAX_WAITING + 1):  # one running, MAX_WAITING waiting
                tg.start_soon(heavy, request, release.wait)
            await anyio.sleep(0.05)
            with pytest.raises(HTTPException) as refused:
                await heavy(request, release.wait)
            release.set()
        return refused.value

    # In a thread of its own: after the browser tests, Playwright's loop runs in this one.
    result: list[HTTPException] = []
    runner = threading.Thread(target=lambda: result.append(anyio.run(main)))
    runner.start()
    runner.join(timeout=60)
    refused = result[0]
    assert refused.status_code == 503 and "opptatt" in refused.detail
    assert refused.headers["Retry-After"] == "10"
