"""Web benchmark (issue 4): a bounded load on loopback, and the size of the calculation page.

Run by hand:  .venv/bin/python bench/web.py [--clients 32] [--seconds 20] [--workers 1]
Starts `utenfor serve` on a free loopback port with a temporary SQLite database, runs
`--clients` concurrent clients (asyncio + httpx) for `--seconds`, half of them posting the
worked example to /api/v1/calculate and half posting the form to /beregn as htmx does, and
prints throughput, latency percentiles and errors, then the transferred size of the page with
its assets. Only 127.0.0.1 is ever contacted. Targets: p95 <= 50 ms, 0 errors, page and
assets <= 600 KB. Record the output in docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from datetime import date
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
FORM = {
    "target_group": "lowincome_benefits", "age_groups": "13-15", "share_without_pct": "50",
    "share_with_pct": "60", "start_year": "2021", "years_run": "2", "intervention_years": "2",
    "participants_2021": "100", "costs_kommune_2021": "1 000 000",
    "costs_kommune_2022": "1 000 000", "falling_kommune_2021": "500 000",
    "falling_kommune_2022": "500 000", "grant_from_0": "stat", "grant_to_0": "kommune",
    "grant_year_0": "2021", "grant_amount_0": "500 000", "analysis_years": "40",
    "discount_rate_pct": "4",
}  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def client(base: str, until: float, kind: str, scenario: dict, out: dict) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:
        while time.perf_counter() < until:
            t0 = time.perf_counter()
            try:
                if kind == "api":
                    r = await http.post("/api/v1/calculate", json=scenario)
                else:
                    r = await http.post("/beregn", data=FORM, headers={"HX-Request": "true"})
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            out["latency"].append(time.perf_counter() - t0)
            out["errors"] += 0 if ok else 1


async def load(base: str, clients: int, seconds: float) -> dict:
    with open(ROOT / "examples" / "worked_example.toml", "rb") as f:
        scenario = tomllib.load(f)
    out = {"latency": [], "errors": 0}
    until = time.perf_counter() + seconds
    t0 = time.perf_counter()
    await asyncio.gather(*(client(base, until, "api" if i % 2 else "form", scenario, out)
                           for i in range(clients)))  # fmt: skip
    out["elapsed"] = time.perf_counter() - t0
    return out


def page_size(base: str) -> tuple[int, int, list[str]]:
    """(bytes on the wire with gzip, bytes uncompressed, asset paths) for the calculation page."""
    with httpx.Client(base_url=base) as http:
        page = http.get("/?eksempel=veiledning")
        assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text)
        paths = ["/?eksempel=veiledning", *assets]
        transferred = 0
        for path in paths:
            with http.stream("GET", path, headers={"Accept-Encoding": "gzip"}) as r:
                transferred += sum(len(chunk) for chunk in r.iter_raw())
        raw = sum(len(http.get(p, headers={"Accept-Encoding": "identity"}).content)
                  for p in paths)  # fmt: skip
    return transferred, raw, assets


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "utenfor", "serve", "--host", "127.0.0.1", "--port",
               str(port), "--database", f"sqlite:///{tmp}/bench.db", "--workers",
               str(args.workers)]  # fmt: skip
        server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  env={**os.environ, "UTENFOR_DATA": ""})  # fmt: skip
        try:
            deadline = time.time() + 30
            while time.time() < deadline:
                try:
                    httpx.get(base + "/api/v1/data", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
            asyncio.run(load(base, 4, 2))  # warm-up
            result = asyncio.run(load(base, args.clients, args.seconds))
            transferred, raw, assets = page_size(base)
        finally:
            server.terminate()
            server.wait(timeout=20)
    lat = sorted(result["latency"])
    q = statistics.quantiles(lat, n=100)
    n = len(lat)
    cpu = platform.processor() or platform.machine()
    if Path("/proc/cpuinfo").exists():
        names = [x for x in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in x]
        cpu = names[0].split(":", 1)[1].strip() if names else cpu
    print(f"Web benchmark, {date.today().isoformat()}, {cpu}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; {args.workers} worker(s), {args.clients} "
          f"clients for {args.seconds:.0f} s (half API, half htmx form), client in the same "
          f"machine\n")  # fmt: skip
    rows = [
        ("Requests", f"{n}", ""),
        ("Throughput", f"{n / result['elapsed']:.0f} req/s", ""),
        ("p50 / p95 / p99", f"{q[49] * 1e3:.1f} / {q[94] * 1e3:.1f} / {q[98] * 1e3:.1f} ms",
         "p95 ≤ 50 ms: " + ("met" if q[94] <= 0.05 else "NOT met")),
        ("Errors", f"{result['errors']}", "0: " + ("met" if result["errors"] == 0 else "NOT met")),
        ("Calculation page + assets, transferred (gzip)", f"{transferred / 1000:.0f} KB",
         "≤ 600 KB: " + ("met" if transferred <= 600_000 else "NOT met")),
        ("Same, uncompressed", f"{raw / 1000:.0f} KB", f"{len(assets)} assets"),
    ]  # fmt: skip
    print("| measure | result | target |\n|---|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print("\n" + json.dumps({"p95_ms": round(q[94] * 1e3, 2), "errors": result["errors"]}))


if __name__ == "__main__":
    main()
