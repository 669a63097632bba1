"""Fetching the KOSTRA tables from SSB's PxWebApi (issue 33, part 3), within SSB's limit of 30
queries a minute: a sliding-window rate limiter with an injected clock, so it is tested
without sleeping. Used by `utenfor data kostra` and the data page."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from math import ceil
from typing import Any

from utenfor.data.kostra import QUERIES, REGION, TABLE_URL, KostraError, county_code

LIMIT, WINDOW = 30, 60.0  # SSB: at most 30 queries a minute per client


class NotKnown(KostraError):
    """SSB answered 400 or 404: it has no such region or year."""


class RateLimiter:
    """At most `limit` calls in any `window` seconds: `wait()` sleeps (with the injected
    `sleep`) until the oldest call in the window is `window` seconds old."""

    def __init__(self, limit: int = LIMIT, window: float = WINDOW,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:  # fmt: skip
        self.limit, self.window, self.clock, self.sleep = limit, window, clock, sleep
        self.calls: deque[float] = deque()
        self.lock = threading.Lock()

    def wait(self, patience: float | None = None) -> None:
        """Wait for a free place in the window; a `KostraError` instead if that would take
        longer than `patience` seconds (the data page answers at once rather than wait)."""
        with self.lock:
            now = self.clock()
            while self.calls and now - self.calls[0] >= self.window:
                self.calls.popleft()
            if len(self.calls) >= self.limit:
                pause = self.window - (now - self.calls[0])
                if patience is not None and pause > patience:
                    raise KostraError(f"SSB tar imot høyst {self.limit} spørringer i minuttet, "
                                      f"og grensen er nådd. Prøv igjen om {ceil(pause)} "
                                      "sekunder.")  # fmt: skip
                self.sleep(pause)
                now += pause
                self.calls.popleft()
            self.calls.append(now)


SHARED = RateLimiter()  # one per process: the web app and a command share SSB's limit


def post(url: str, body: dict, timeout: float = 30) -> Any:
    """One JSON query to SSB's PxWebApi (also `utenfor data update`'s); an unknown code (SSB
    answers 400 or 404: `NotKnown`), another HTTP error or no network is a `KostraError`."""
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return json.loads(answer.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        if exc.code in (400, 404):
            raise NotKnown(f"{url} svarte {exc.code} {exc.reason}") from None
        raise KostraError(f"{url} svarte {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise KostraError(f"Fikk ikke kontakt med SSB ({url}: {reason}).", "Uten nett: hent "
                          "svarene et annet sted og bruk --from-file.") from None  # fmt: skip
    except ValueError:
        raise KostraError(f"Svaret fra {url} er ikke JSON") from None


def fetch_all(kommune: str, year: int | None, base: str = TABLE_URL,
              limiter: RateLimiter = SHARED,
              patience: float | None = None) -> dict[str, Any]:  # fmt: skip
    """The four tables' answers for `kommune` (its county for 12399), one query each. When SSB
    refuses the first, one more query (the newest years) tells an unknown kommune number from
    a year without figures. `patience`: how long to wait for the limiter (None: as long as it
    takes)."""
    out = {}
    for i, q in enumerate(QUERIES):
        region = kommune if q.region == REGION else county_code(kommune)
        url = f"{base.rstrip('/')}/{q.table}/"
        limiter.wait(patience)
        try:
            out[q.table] = post(url, q.body(region, year))
        except NotKnown:
            if i or year is None:
                raise KostraError(f"SSB kjenner ikke kommunenummer {kommune} i tabell "
                                  f"{q.table}. Sjekk nummeret (fire sifre, slik kommunen er "
                                  "nummerert fra 2024).") from None  # fmt: skip
            limiter.wait(patience)
            try:
                newest = post(url, q.body(region, None))
            except NotKnown:
                raise KostraError(f"Ukjent kommunenummer {kommune}: SSB har ingen kommune med "
                                  "det nummeret. Sjekk nummeret (fire sifre, slik kommunen er "
                                  "nummerert fra 2024).") from None  # fmt: skip
            have = sorted(newest["dimension"]["Tid"]["category"]["index"])
            raise KostraError(
                f"SSB har ingen tall for {year} i tabell {q.table}; årene som "
                f"finnes er {', '.join(have)}. Velg et av dem.",
                "Bruk --year.",
            ) from None
    return out
