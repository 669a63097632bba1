"""Sign-in flood benchmark (issue 30, item 3): how long /healthz takes while bogus sign-ins
keep the password hashing busy.

Run by hand:  .venv/bin/python bench/sign_in.py [--connections 4] [--seconds 20]
Starts `utenfor serve --accounts` on a free loopback port with a temporary SQLite database,
trusting loopback as its proxy (FORWARDED_ALLOW_IPS=127.0.0.1), so that every bogus sign-in
can claim another address (X-Forwarded-For, each from its own IPv6 /64) and another account,
as a spread-out attack would: no sign-in is stopped by the rate limit, every one costs an
argon2 check. `--connections` clients post them without pause for `--seconds`, while one more
asks /healthz one request at a time. Prints /healthz's latency (p50, p95, max) without and
during the flood, the sign-ins answered, and the yardstick measured in the same run: the plain
loop of the reference model (tests/reference_model.py) on the guide's worked example, with
each figure's ratio to it (absolute times depend on the machine and its load). Only
127.0.0.1 is ever contacted. Record the output in docs/performance.md.
"""

from __future__ import annotations

import argparse
import threading
import time
from collections import Counter

import httpx

from server import Yardstick, machine, percentiles, serve


def health(base: str, stop: threading.Event | None, count: int = 0) -> list[float]:
    """/healthz's latencies, one request at a time: `count` of them, or until `stop`."""
    seconds = []
    with httpx.Client(base_url=base, timeout=120) as http:
        while (stop is None and len(seconds) < count) or (stop is not None and not stop.is_set()):
            t0 = time.perf_counter()
            assert http.get("/healthz").status_code == 200
            seconds.append(time.perf_counter() - t0)
    return seconds


def flood(base: str, client: int, stop: threading.Event, answers: Counter) -> None:
    """Bogus sign-ins without pause, each from another /64 and for another account."""
    n = 0
    with httpx.Client(base_url=base, timeout=120) as http:
        while not stop.is_set():
            n += 1
            address = f"2001:db8:{client:x}:{n:x}::1"
            answer = http.post("/logg-inn", data={"email": f"x{client}-{n}@example.invalid",
                                                  "password": "feil passord 123"},
                               headers={"X-Forwarded-For": address})  # fmt: skip
            answers[answer.status_code] += 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--connections", type=int, default=4, help="clients sending sign-ins")
    ap.add_argument("--seconds", type=float, default=20, help="how long the flood lasts")
    args = ap.parse_args()
    yard = Yardstick().sample()  # and again after: the fastest round of both
    env = {"FORWARDED_ALLOW_IPS": "127.0.0.1"}
    with serve(extra=("--accounts",), env=env) as base:
        health(base, None, 20)  # warm up
        quiet = health(base, None, 200)
        stop, answers = threading.Event(), Counter()
        clients = [threading.Thread(target=flood, args=(base, i + 1, stop, answers))
                   for i in range(args.connections)]  # fmt: skip
        for c in clients:
            c.start()
        timer = threading.Timer(args.seconds, stop.set)
        timer.start()
        t0 = time.perf_counter()
        busy = health(base, stop)
        elapsed = time.perf_counter() - t0
        for c in clients:
            c.join()
    stick = yard.sample().fastest
    print(f"Machine: {machine()}")
    print(f"Yardstick (plain loop, worked example): {stick:.2f} ms ({yard})")
    print(f"Sign-ins: {args.connections} connections for {elapsed:.1f} s: "
          f"{sum(answers.values())} answered ({dict(answers)}), "
          f"{sum(answers.values()) / elapsed:.1f}/s")  # fmt: skip
    print("| /healthz | requests | p50 ms | p95 ms | max ms | p95 / yardstick |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, seconds in (("quiet", quiet), ("during the flood", busy)):
        p50, p95, _ = percentiles(seconds) if len(seconds) > 1 else (seconds[0] * 1e3,) * 3
        print(f"| {name} | {len(seconds)} | {p50:.1f} | {p95:.1f} | {max(seconds) * 1e3:.1f} "
              f"| {p95 / stick:.1f} |")  # fmt: skip


if __name__ == "__main__":
    main()
