"""Web benchmark (issue 4): a bounded load on loopback, and the size of the calculation page.

Run by hand:  .venv/bin/python bench/web.py [--clients 32] [--seconds 20] [--workers 2]
Starts `utenfor serve` on a free loopback port with a temporary SQLite database, and runs wrk
(Debian's `wrk`) with `--clients` connections for `--seconds`, each connection alternating
the worked example posted to /api/v1/calculate and the form posted to /beregn as htmx does
while a user types. Prints throughput, latency percentiles and errors, then the transferred
size of the page with its assets. Only 127.0.0.1 is ever contacted. Targets: p95 <= 50 ms,
0 errors, page and assets <= 600 KB. Record the output in docs/performance.md.
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

from server import machine, serve

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
    with serve(args.workers) as base:
        load(base, 4, 2)  # warm-up
        result = load(base, args.clients, args.seconds, args.think)
        transferred, raw, assets = page_size(base)
    n, p50, p95, p99 = result["requests"], result["p50"], result["p95"], result["p99"]
    print(
        f"Web benchmark, {machine()}; {args.workers} worker(s), {args.clients} "
        f"clients (wrk connections) for {args.seconds:.0f} s, each alternating API and htmx "
        f"form, {args.think} ms between a client's requests, wrk on the same machine\n"
    )
    rows = [
        ("Requests", f"{n}", ""),
        ("Throughput", f"{n / result['seconds']:.0f} req/s", ""),
        ("p50 / p95 / p99", f"{p50:.1f} / {p95:.1f} / {p99:.1f} ms",
         "p95 ≤ 50 ms: " + ("met" if p95 <= 50 else "NOT met")),
        ("Errors", f"{result['errors']}", "0: " + ("met" if result["errors"] == 0 else "NOT met")),
        ("Calculation page + assets, transferred (gzip)", f"{transferred / 1000:.0f} KB",
         "≤ 600 KB: " + ("met" if transferred <= 600_000 else "NOT met")),
        ("Same, uncompressed", f"{raw / 1000:.0f} KB", f"{len(assets)} assets"),
    ]  # fmt: skip
    print("| measure | result | target |\n|---|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print("\n" + json.dumps({"p95_ms": round(p95, 2), "errors": result["errors"]}))


if __name__ == "__main__":
    main()
