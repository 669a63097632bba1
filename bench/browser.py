"""Browser benchmark (issue 12): keystroke to painted figures on the live calculation page,
and the bytes the first load transfers.

Run by hand:  .venv/bin/python bench/browser.py [--edits 40]
Starts `utenfor serve` on loopback (bench/server.py) and drives Debian's chromium
(/usr/bin/chromium) with Playwright, headless, on the page with the guide's example filled in.
Each edit is one real keystroke in "Andel med tiltaket" (Backspace: 60 -> 6, then "0": 6 -> 60);
the time runs from the keydown event to the page's "utenfor:painted" event (the new result,
with its SVG charts drawn on the server, swapped in and the next frame painted), both read
from the page's own clock. First load: the encoded bytes of every response a fresh browser
context receives for the page. Every time is also given as a ratio to the yardstick (issue
32): the plain-loop reference model on the worked example, measured in the same run
(bench/server.py, `Yardstick`: the fastest round before and after the run). Targets: p95 <=
30x the yardstick, first load <= 200 KB.
Record the output in docs/performance.md.
"""

from __future__ import annotations

import argparse
import statistics

from server import Yardstick, machine, serve

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
LISTEN = """() => {
  window.__times = [];
  document.addEventListener("keydown", () => { window.__t0 = performance.now(); }, true);
  document.addEventListener("utenfor:painted", () => {
    if (window.__t0 !== undefined) window.__times.push(performance.now() - window.__t0);
    document.body.dataset.painted = window.__times.length;  // waited for by a selector
  });
}"""


def first_load(browser, url: str) -> tuple[int, int]:
    """(bytes, responses) a new context with an empty cache receives for the page."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda r: responses.append(r.sizes()))
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(".chart svg", timeout=30_000)
    context.close()
    return sum(s["responseBodySize"] + s["responseHeadersSize"] for s in responses), len(responses)


def keystrokes(browser, url: str, edits: int) -> list[float]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(".chart svg", timeout=30_000)
    page.evaluate(LISTEN)
    field = page.locator("[name=share_with_pct]")
    field.click()
    page.keyboard.press("End")
    for i in range(edits + 2):  # the first two warm up
        before = page.evaluate("window.__times.length")
        page.keyboard.press("Backspace" if i % 2 == 0 else "0")
        # A selector, not wait_for_function: the page's CSP allows no eval.
        page.wait_for_selector(f"body[data-painted='{before + 1}']", timeout=30_000)
        page.wait_for_timeout(250)  # a pause, as a person's next keystroke
    times = page.evaluate("window.__times")
    context.close()
    return times[2:]


def chart_cost(repeat: int = 200) -> float:
    """Median ms to draw the page's six charts as SVG for the worked example (server side)."""
    import time

    from utenfor import service
    from utenfor.data import BUNDLED, WORKED_EXAMPLE
    from utenfor.data.load import load_dataset
    from utenfor.model import load_scenario
    from utenfor.reports import svg

    rep = service.report(load_scenario(WORKED_EXAMPLE), load_dataset(BUNDLED), draws=2000)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        [svg.draw(c) for c in rep.charts.values()]
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()
    yard = Yardstick().sample()  # and again after: the fastest round of both
    with serve() as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        url = base + "/?eksempel=veiledning"
        size, count = first_load(browser, url)
        times = sorted(keystrokes(browser, url, args.edits))
        browser.close()
    stick = yard.sample().fastest
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(machine())
    print(f"first load: {size / 1000:.0f} KB in {count} responses (target <= 200 KB)")
    median = statistics.median(times)
    print(f"yardstick (plain-loop reference model, worked example): {stick:.2f} ms ({yard})")
    print(f"keystroke to painted, {len(times)} edits: median {median:.0f} ms, "
          f"p95 {p95:.0f} ms, max {times[-1]:.0f} ms")  # fmt: skip
    print(f"  as ratios to the yardstick: median {median / stick:.0f}×, p95 {p95 / stick:.0f}× "
          f"(target p95 <= 30×: {'met' if p95 <= 30 * stick else 'NOT met'})")  # fmt: skip
    print(f"server: the charts drawn as SVG in {chart_cost():.2f} ms (median)")


if __name__ == "__main__":
    main()
