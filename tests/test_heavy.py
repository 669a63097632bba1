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

from support import ROOT, TLS, WORKED_EXAMPLE, start_server
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
        r = httpx.post(f"{base}/api/v1/analyse", verify=TLS, json=heavy_body(SCENARIO), timeout=120)
        done.append(r.status_code)

    try:
        runs = [threading.Thread(target=analyse) for _ in range(ANALYSES)]
        for run in runs:
            run.start()
        time.sleep(0.2)  # all sent; the first is being computed, the others wait
        with httpx.Client(base_url=base, timeout=60, verify=TLS) as c:
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


def test_the_whole_page_computes_its_what_if_section_off_the_event_loop(monkeypatch, tmp_path):
    """Without JavaScript, POST /beregn answers with the whole page, what-if draws included;
    so does the language switch with the form, and a download the form cannot make (422).
    Their page is built in a worker thread (heavy), not on the event loop; a keystroke's
    update, the headline figures only, stays on the loop."""
    from fastapi.testclient import TestClient

    from utenfor.web.app import Settings, create_app
    from utenfor.web.pages import calculation

    built_in: list[str] = []
    real = calculation.page_context

    def recording(request, form, **extra):
        built_in.append(threading.current_thread().name)
        return real(request, form, **extra)

    monkeypatch.setattr(calculation, "page_context", recording)
    form = {"target_group": "lowincome_benefits", "age_groups": ["13-15"],
            "share_without_pct": "50", "share_with_pct": "60", "start_year": "2021",
            "years_run": "1", "intervention_years": "2", "participants_2021": "100",
            "costs_kommune_2021": "1 000 000", "table_start": "2021",
            "table_years": "1"}  # fmt: skip
    with TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path / 'p.db'}"))) as c:
        page = c.post("/beregn", data=form)
        switched = c.post("/beregn", data={**form, "sprak": "en"})
        refused = c.post("/eksport/pdf", data={**form, "participants_2021": "0"})
        live = c.post("/beregn", data=form, headers={"HX-Request": "true"})
    assert [page.status_code, switched.status_code, refused.status_code, live.status_code] == [
        200, 200, 422, 200]  # fmt: skip
    assert 'id="forklar-persentiler"' in page.text  # the what-if section's draws are there
    assert 'id="forklar-persentiler"' not in live.text  # the keystroke's: headline figures
    assert len(built_in) == 4
    assert all(name.startswith("AnyIO worker thread") for name in built_in[:3]), built_in
    assert not built_in[3].startswith("AnyIO worker thread"), built_in
