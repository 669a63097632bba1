"""What the web benchmarks share: a real `utenfor serve` on a free loopback port, and the
description of the machine for docs/performance.md."""

from __future__ import annotations

import contextlib
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(workers: int = 1, database: str | None = None, extra: tuple[str, ...] = (),
          env: dict[str, str] | None = None) -> Iterator[str]:  # fmt: skip
    """Start the app on 127.0.0.1 (a temporary SQLite database unless `database` is given),
    with `extra` options and `env` added to the environment; yield its base URL; stop it."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        url = database or f"sqlite:///{tmp}/bench.db"
        cmd = [sys.executable, "-m", "utenfor", "serve", "--host", "127.0.0.1", "--port",
               str(port), "--database", url, "--workers", str(workers), *extra]  # fmt: skip
        log = Path(tmp) / "server.log"  # a file, not a pipe nobody reads (that would block)
        with log.open("wb") as out:
            server = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                                      env={**os.environ, "UTENFOR_DATA": "",
                                           **(env or {})})  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + 30
            # one client for every look: httpx loads its certificates for each (23 ms of CPU)
            with httpx.Client(timeout=1) as http:
                while True:
                    try:
                        http.get(base + "/api/v1/data")
                        break
                    except httpx.HTTPError:
                        if time.time() > deadline or server.poll() is not None:
                            raise SystemExit("the server did not start") from None
                        time.sleep(0.2)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=20)
            printed = log.read_text(errors="replace").splitlines()
            printed = [x for x in printed if "kjører på" not in x and x.strip()]
            if printed:  # warnings and errors only: uvicorn runs at log level "warning"
                print("Server output:\n" + "\n".join(printed[-40:]), file=sys.stderr)


def cpu_name() -> str:
    cpu = platform.processor() or platform.machine()
    if Path("/proc/cpuinfo").exists():
        names = [x for x in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in x]
        cpu = names[0].split(":", 1)[1].strip() if names else cpu
    return cpu


def machine() -> str:
    return (f"{date.today().isoformat()}, {cpu_name()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}")  # fmt: skip


class Yardstick:
    """The yardstick (issue 32): the time of the plain-loop reference model
    (tests/reference_model.py) on the guide's worked example with the bundled data, measured in
    this process on this machine, so a benchmark's figure can be given as a ratio to it.

    These virtual machines run at two speeds that change from one second to the next: in
    rounds a second apart the plain loop took 2.4-2.8 ms or 4.2-5.3 ms, and 7 to 15 rounds of 20
    were slow (2026-12-06, docs/performance.md, wave 3n). Thirty calls in a row, as before,
    were one draw of the two. So the plain loop runs in rounds of a few calls: `sample` takes
    such rounds, a little apart, for some seconds. `fastest` is the fastest round's median,
    the machine at its own speed (2.44-2.67 ms in ten windows of 2 s whose median round took
    2.55-4.61 ms); `median` the median round. The benchmarks sample for a
    second before their run and after it, and divide by `fastest`: the strict choice, since a
    slow round would make every ratio look better. (Rounds taken between bench/browser.py's
    keystrokes had a median of 4.1-4.4 ms: Chromium was still busy with the last frame.)"""

    def __init__(self, calls: int = 5) -> None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from reference_model import plain_cash_flow
        from utenfor.data import BUNDLED, WORKED_EXAMPLE
        from utenfor.data.load import load_dataset
        from utenfor.model import load_scenario

        data, scenario = load_dataset(BUNDLED), load_scenario(WORKED_EXAMPLE)
        self._run = lambda: plain_cash_flow(scenario, data)
        self.calls, self.rounds = calls, []

    def round(self) -> None:
        times = []
        for _ in range(self.calls):
            t0 = time.perf_counter()
            self._run()
            times.append((time.perf_counter() - t0) * 1e3)
        self.rounds.append(statistics.median(times))

    def sample(self, seconds: float = 1.0, pause: float = 0.05) -> Yardstick:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.round()
            time.sleep(pause)
        return self

    @property
    def fastest(self) -> float:
        return min(self.rounds)

    @property
    def median(self) -> float:
        return statistics.median(self.rounds)

    def __str__(self) -> str:
        return (f"the fastest of {len(self.rounds)} rounds of {self.calls} calls; "
                f"the median round {self.median:.2f} ms")  # fmt: skip


def percentiles(latencies: list[float]) -> tuple[float, float, float]:
    """p50, p95, p99 in milliseconds."""
    q = statistics.quantiles(sorted(latencies), n=100) if len(latencies) > 1 else [0.0] * 99
    return q[49] * 1e3, q[94] * 1e3, q[98] * 1e3
