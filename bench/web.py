"""Web benchmark (issue 4): a bounded load on loopback, and the size of the calculation page.

Run by hand:  .venv/bin/python bench/web.py [--clients 32] [--seconds 20] [--workers 2]
Starts `utenfor serve` on a free loopback port with a temporary SQLite database, and runs wrk
(Debian's `wrk`) with `--clients` connections for `--seconds`, each connection alternating
the worked example posted to /api/v1/calculate and the form posted to /beregn as htmx does
while a user types. Prints throughput, latency percentiles and errors, the server's time to
first byte for the form posted to /beregn (one client, one request at a time), then the
transferred size of the page with its assets. Only 127.0.0.1 is ever contacted. Every time is
also given as a ratio to the yardstick (issue 32): the plain-loop reference model on the
worked example, measured in the same run (bench/server.py, `Yardstick`: the fastest round
before and after the run); throughput also as requests per second x yardstick (ms), the
machine-independent figure. Targets: at saturation
(32 clients, --think 0, 2 workers) >= 6x the throughput before issue 32 (52 req/s on its
machine: 312 req/s) with p95 <= 150 ms; /beregn's median time to first byte <= 3x the
yardstick; 0 errors; page and assets <= 600 KB. Record the output in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
import tomllib
import urllib.parse
from pathlib import Path

import httpx

from server import Yardstick, machine, serve

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


# wrk's script: every connection alternates the two requests; at the end, one JSON line.
SCRIPT = r"""
local bodies = {}
local think = 0
function init(args)
  think = tonumber(args[3])
  local api = io.open(args[1]):read("*a")
  local form = io.open(args[2]):read("*a")
  bodies[0] = wrk.format("POST", "/api/v1/calculate", {["Content-Type"] = "application/json",
    ["Accept-Encoding"] = "gzip"}, api)
  bodies[1] = wrk.format("POST", "/beregn", {["Content-Type"] =
    "application/x-www-form-urlencoded", ["Accept-Encoding"] = "gzip", ["HX-Request"] = "true"},
    form)
end
local n = 0
function request()
  n = n + 1
  return bodies[n % 2]
end
function delay()
  return think
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "seconds": %f, "errors": %d, "p50": %f, ' ..
    '"p95": %f, "p99": %f}\n', summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3))
end
"""


def load(base: str, clients: int, seconds: float, think_ms: int = 0) -> dict:
    """`clients` connections for `seconds`, by wrk (a C load generator: a Python client on
    the same two cores would take most of the CPU the server needs), each waiting `think_ms`
    before its next request."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("bench/web.py trenger wrk (apt-get install wrk)")
    with open(ROOT / "examples" / "worked_example.toml", "rb") as f:
        scenario = tomllib.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        files = {"script.lua": SCRIPT, "api.json": json.dumps(scenario),
                 "form.txt": urllib.parse.urlencode(FORM)}  # fmt: skip
        for name, text in files.items():
            (Path(tmp) / name).write_text(text)
        command = [wrk, "-t1", f"-c{clients}", f"-d{int(seconds)}s", "--timeout", "10s", "-s",
                   "script.lua", base, "--", "api.json", "form.txt", str(think_ms)]  # fmt: skip
        run = subprocess.run(command, cwd=tmp, capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def first_byte(base: str, repeat: int = 200) -> float:
    """Median ms from sending the worked example's form to /beregn (as htmx does) to the
    response's first byte, one request at a time on a kept-alive connection."""
    import time

    body = urllib.parse.urlencode(FORM)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true",
               "Accept-Encoding": "gzip"}  # fmt: skip
    times = []
    with httpx.Client(base_url=base) as http:
        for i in range(repeat + 20):  # the first 20 warm up
            t0 = time.perf_counter()
            with http.stream("POST", "/beregn", content=body, headers=headers) as r:
                chunks = r.iter_raw()
                next(chunks)  # the first chunk of the body
                elapsed = (time.perf_counter() - t0) * 1e3
                for _ in chunks:  # the rest
                    pass
            if r.status_code != 200:
                raise SystemExit(f"/beregn answered {r.status_code}")
            if i >= 20:
                times.append(elapsed)
    return sorted(times)[len(times) // 2]


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
    ap.add_argument("--workers", type=int, default=2, help="server processes (one per core)")
    ap.add_argument("--think", type=int, default=0, metavar="MS",
                    help="each client waits this long before its next request (0: saturation; "
                         "400: a user typing without pause, as the page's 400 ms debounce "
                         "sends)")  # fmt: skip
    args = ap.parse_args()
    yard = Yardstick().sample()  # and again after: the fastest round of both
    with serve(args.workers) as base:
        load(base, 4, min(2, args.seconds))  # warm-up
        result = load(base, args.clients, args.seconds, args.think)
        ttfb = first_byte(base)
        transferred, raw, assets = page_size(base)
    stick = yard.sample().fastest
    n, p50, p95, p99 = result["requests"], result["p50"], result["p95"], result["p99"]
    rate = n / result["seconds"]
    print(
        f"Web benchmark, {machine()}; {args.workers} worker(s), {args.clients} "
        f"clients (wrk connections) for {args.seconds:.0f} s, each alternating API and htmx "
        f"form, {args.think} ms between a client's requests, wrk on the same machine\n"
    )
    rows = [
        ("Yardstick: plain-loop reference model, worked example", f"{stick:.2f} ms ({yard})",
         "measured in this run"),
        ("Requests", f"{n}", ""),
        ("Throughput", f"{rate:.0f} req/s", "≥ 312 req/s (32 clients, 2 workers): "
         + ("met" if rate >= 312 else "NOT met")),
        ("Throughput × yardstick", f"{rate * stick:.0f} req/s·ms", "machine-independent"),
        ("p50 / p95 / p99", f"{p50:.1f} / {p95:.1f} / {p99:.1f} ms",
         "p95 ≤ 150 ms: " + ("met" if p95 <= 150 else "NOT met")),
        ("p95 ÷ yardstick", f"{p95 / stick:.0f}×", ""),
        ("POST /beregn, worked example, time to first byte (median, one client)",
         f"{ttfb:.1f} ms = {ttfb / stick:.1f}× yardstick",
         "≤ 3×: " + ("met" if ttfb <= 3 * stick else "NOT met")),
        ("Errors", f"{result['errors']}", "0: " + ("met" if result["errors"] == 0 else "NOT met")),
        ("Calculation page + assets, transferred (gzip)", f"{transferred / 1000:.0f} KB",
         "≤ 600 KB: " + ("met" if transferred <= 600_000 else "NOT met")),
        ("Same, uncompressed", f"{raw / 1000:.0f} KB", f"{len(assets)} assets"),
    ]  # fmt: skip
    print("| measure | result | target |\n|---|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(
        "\n"
        + json.dumps(
            {
                "yardstick_ms": round(stick, 3),
                "req_s": round(rate, 1),
                "req_s_x_yardstick_ms": round(rate * stick),
                "p95_ms": round(p95, 2),
                "ttfb_beregn_ms": round(ttfb, 2),
                "ttfb_ratio": round(ttfb / stick, 2),
                "errors": result["errors"],
            }
        )
    )


if __name__ == "__main__":
    main()
