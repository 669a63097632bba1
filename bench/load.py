"""Mixed load (issue 7): calculations, page loads and saves, with a check that no save is lost.

Run by hand:  .venv/bin/python bench/load.py [--clients 32] [--seconds 60] [--workers 1]
                                            [--database postgresql://...]
Starts `utenfor serve` on a free loopback port (a temporary SQLite database unless --database
is given) and runs `--clients` concurrent clients for `--seconds`. Each client, in a fixed
random order (seeded): posts the worked example to /api/v1/calculate (35 %), posts the form
to /beregn as htmx does while a user types (35 %), loads a page (/, /scenarier, /data, /om;
15 %), or saves (15 %): creates a scenario of its own, then renames it with the version it
last got back, as the page does. Afterwards every acknowledged save is read back: the
scenario must be there, at the version and with the name of the last acknowledged save.
Prints throughput, latency percentiles by kind, errors and lost saves; exits 1 if there was
an error or a lost save. Only 127.0.0.1 is ever contacted. Record in docs/performance.md.

`--heavy N` adds N clients that do nothing but the most expensive request the API takes
(issue 12): `/api/v1/analyse` with 200 000 draws on an 80-year scenario of 50 cohorts, one
after the other; their latency is the kind "heavy analyse".
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import httpx

from server import machine, percentiles, serve
from web import FORM

ROOT = Path(__file__).resolve().parents[1]
KINDS = ["calculate"] * 7 + ["live update"] * 7 + ["page"] * 3 + ["save"] * 3
PAGES = ["/", "/scenarier", "/data", "/om"]


class Client:
    def __init__(self, number: int, http: httpx.AsyncClient, scenario: dict, out: dict):
        self.number, self.http, self.scenario, self.out = number, http, scenario, out
        self.saved: tuple[str, int, str] | None = None  # id, version, name last acknowledged
        self.saves = self.acknowledged = 0

    async def request(self, kind: str, step: int):
        if kind == "calculate":
            return await self.http.post("/api/v1/calculate", json=self.scenario)
        if kind == "live update":
            return await self.http.post("/beregn", data=FORM, headers={"HX-Request": "true"})
        if kind == "page":
            return await self.http.get(PAGES[step % len(PAGES)])
        if kind == "heavy analyse":
            return await self.http.post("/api/v1/analyse", json=heavy_body(self.scenario))
        self.saves += 1
        name = f"Last {self.number}.{self.saves}"
        if self.saved is None:
            r = await self.http.post("/api/v1/scenarios",
                                     json={"name": name, "scenario": self.scenario})  # fmt: skip
        else:
            sid, version, _ = self.saved
            r = await self.http.put(f"/api/v1/scenarios/{sid}",
                                    json={"version": version, "name": name})  # fmt: skip
        if r.status_code in (200, 201):
            self.saved = (r.json()["id"], r.json()["version"], name)
            self.acknowledged += 1
        return r

    async def run(self, until: float, rng: random.Random, heavy: bool = False) -> None:
        step = 0
        while time.perf_counter() < until:
            kind = "heavy analyse" if heavy else rng.choice(KINDS)
            t0 = time.perf_counter()
            try:
                r = await self.request(kind, step)
                ok = r.status_code in (200, 201)
                failure = f"{kind}: {r.status_code} {r.text[:200]}"
            except httpx.HTTPError as exc:
                ok, failure = False, f"{kind}: {type(exc).__name__} {exc}"
            self.out["latency"][kind].append(time.perf_counter() - t0)
            if not ok:
                self.out["errors"] += 1
                self.out["failures"][failure] += 1
            step += 1


def heavy_body(scenario: dict) -> dict:
    """The worked example run for 50 years with 100 new participants a year, over 80 years,
    with 200 000 draws: the largest analysis the API accepts."""
    years = [str(2021 + i) for i in range(50)]
    settings = {**scenario.get("settings", {}), "analysis_years": 80}
    big = {**scenario, "years_run": 50, "participants": dict.fromkeys(years, 100),
           "costs": {"kommune": dict.fromkeys(years, 1_000_000)}, "costs_falling_away": {},
           "grants": [], "settings": settings}  # fmt: skip
    return {"scenario": big, "draws": 200_000}


async def load(base: str, clients: int, seconds: float, seed: int, heavy: int = 0) -> dict:
    with open(ROOT / "examples" / "worked_example.toml", "rb") as f:
        scenario = tomllib.load(f)
    out = {"latency": defaultdict(list), "errors": 0, "failures": Counter()}
    limits = httpx.Limits(max_connections=clients + heavy)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:
        users = [Client(i, http, scenario, out) for i in range(clients)]
        heavies = [Client(clients + i, http, scenario, out) for i in range(heavy)]
        t0 = time.perf_counter()
        until = t0 + seconds
        await asyncio.gather(
            *(u.run(until, random.Random(seed + u.number)) for u in users),
            *(h.run(until, random.Random(0), heavy=True) for h in heavies),
        )
        out["elapsed"] = time.perf_counter() - t0
        out["saves"] = sum(u.acknowledged for u in users)
        lost = []
        for u in users:  # read back every client's last acknowledged save
            if u.saved is None:
                continue
            sid, version, name = u.saved
            r = await http.get(f"/api/v1/scenarios/{sid}")
            if r.status_code != 200 or (r.json()["version"], r.json()["name"]) != (version, name):
                lost.append(f"{sid}: acknowledged version {version} {name!r}, found {r.text[:80]}")
        out["scenarios"], out["lost"] = sum(u.saved is not None for u in users), lost
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--database", help="database URL (default: a temporary SQLite file)")
    ap.add_argument("--seed", type=int, default=20191)
    ap.add_argument("--heavy", type=int, default=0, help="clients sending the largest analysis")
    ap.add_argument("--url", help="a server already running on loopback (instead of starting one)")
    args = ap.parse_args()
    if args.url:
        if not args.url.startswith(("http://127.0.0.1", "http://localhost")):
            raise SystemExit("--url must be on this machine (http://127.0.0.1:PORT)")
        result = asyncio.run(load(args.url, args.clients, args.seconds, args.seed, args.heavy))
    else:
        with serve(args.workers, args.database) as base:
            result = asyncio.run(load(base, args.clients, args.seconds, args.seed, args.heavy))
    everything = [x for values in result["latency"].values() for x in values]
    database = (args.database or "sqlite").split(":", 1)[0]
    print(f"Mixed load, {machine()}; {args.workers} worker(s), {database}, {args.clients} "
          f"clients and {args.heavy} heavy for {args.seconds:.0f} s, client in the same "
          f"machine\n")  # fmt: skip
    print("| kind | requests | p50 / p95 / p99 (ms) |\n|---|---:|---:|")
    for kind, values in [*sorted(result["latency"].items()), ("all", everything)]:
        p50, p95, p99 = percentiles(values)
        print(f"| {kind} | {len(values)} | {p50:.1f} / {p95:.1f} / {p99:.1f} |")
    print(f"\nThroughput {len(everything) / result['elapsed']:.0f} req/s; errors "
          f"{result['errors']}; saves acknowledged {result['saves']} on {result['scenarios']} "
          f"scenarios; lost saves {len(result['lost'])}")  # fmt: skip
    for failure, count in result["failures"].most_common(10):
        print(f"ERROR ({count}x): {failure}")
    for line in result["lost"]:
        print("LOST:", line)
    print(json.dumps({"errors": result["errors"], "lost_saves": len(result["lost"])}))
    return 1 if result["errors"] or result["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
