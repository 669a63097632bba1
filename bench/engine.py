"""Engine benchmark (issues 2 and 32): one scenario, a sweep of 10 000 scenarios, the plain loop.

Run by hand:  .venv/bin/python bench/engine.py [--sweep 10000] [--plain 300] [--repeat 2000]
Prints a Markdown table for docs/performance.md. The yardstick, measured in the same run: the
plain-loop reference model (tests/reference_model.py) on the guide's worked example with the
open data set. Every figure is printed with its ratio to the yardstick, so that runs on other
(or busier) machines compare. Targets (issue 32, where the yardstick took about 3 ms): one
scenario <= 50 us, i.e. >= 60x faster than the yardstick; a sweep >= 50 000 scenarios/s, i.e.
<= 20 us a scenario, >= 150x faster than the yardstick.

The sweep's scenarios are random (all groups, one or two age groups, 1-4 programme years,
20/40/60-year periods, 2/4/6 % discount) on the open data set; its totals are checked
against the plain loop's before anything is reported.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from utenfor.blas import one_thread

one_thread()  # numpy as `utenfor` runs it (src/utenfor/blas.py): before numpy loads

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from reference_model import plain_cash_flow  # noqa: E402
from server import cpu_name  # noqa: E402
from utenfor.data import BUNDLED, WORKED_EXAMPLE  # noqa: E402
from utenfor.data.load import load_dataset  # noqa: E402
from utenfor.model import calculate, load_scenario, parse_scenario  # noqa: E402
from utenfor.model.engine import prepare  # noqa: E402
from utenfor.model.sweep import sweep  # noqa: E402
from utenfor.terms import AGE_GROUP_IDS, PAYERS  # noqa: E402

GROUPS = ["population", "lowincome_immigrant", "lowincome_benefits", "upper_secondary_risk",
          "child_welfare_support", "parents_mental_substance", "depression_anxiety",
          "conduct_disorder"]  # fmt: skip


def random_scenario(rng: random.Random):
    start = rng.randint(2018, 2030)
    run = rng.randint(1, 4)
    years = [str(start + i) for i in range(run)]
    first = rng.randrange(len(AGE_GROUP_IDS))
    ages = list(AGE_GROUP_IDS[first : first + rng.choice([1, 1, 1, 2])])
    without = rng.uniform(0, 80)
    return parse_scenario({
        "target_group": rng.choice(GROUPS[1:]),
        "age_groups": ages,
        "share_without_pct": without,
        "share_with_pct": without + rng.uniform(0, 20),
        "start_year": start,
        "years_run": run,
        "intervention_years": rng.randint(1, 3),
        "participants": {y: rng.randint(0, 200) for y in years} | {years[0]: rng.randint(1, 200)},
        "costs": {p: {y: rng.uniform(0, 2e6) for y in years} for p in rng.sample(PAYERS, 2)},
        "costs_falling_away": {"kommune": {years[0]: rng.uniform(0, 5e5)}},
        "grants": [{"from": "stat", "to": "kommune", "year": int(years[0]), "amount": 5e5}],
        "settings": {"analysis_years": rng.choice([20, 40, 40, 60]),
                     "discount_rate_pct": rng.choice([2, 4, 4, 6])},
    })  # fmt: skip


def per_call(fn, calls: int) -> tuple[float, float]:
    """(wall, CPU) seconds per call, over a block of `calls` calls in a row. The CPU time is
    this process's (all its threads'): what the call costs whatever else the machine runs."""
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - t0) / calls, (time.process_time() - c0) / calls


def interleaved(blocks: dict, rounds: int) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds per call of each function: `rounds` rounds, each timing every
    function over a block of calls in turn; the median of the rounds. Blocks last tens of
    milliseconds (the yardstick's too), so that on a shared machine the time other processes
    take weighs on each figure alike, and a busy spell on all of them, not on whichever ran."""
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in blocks}
    for _ in range(rounds):
        for key, (fn, calls) in blocks.items():
            times[key].append(per_call(fn, max(1, calls)))
    return {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
            for k, v in times.items()}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sweep", type=int, default=10_000)
    ap.add_argument("--plain", type=int, default=300, help="scenarios timed with the plain loop")
    ap.add_argument("--repeat", type=int, default=2_000, help="calls of `calculate` timed")
    ap.add_argument("--rounds", type=int, default=5, help="rounds the figures are a median of")
    args = ap.parse_args()

    t0 = time.perf_counter()
    data = load_dataset(BUNDLED)
    load_s = time.perf_counter() - t0
    worked = load_scenario(WORKED_EXAMPLE)
    as_entered = worked.to_dict()

    rng = random.Random(42)
    scenarios = [random_scenario(rng) for _ in range(args.sweep)]
    calculate(worked, data)  # warm-up
    sweep([prepare(s, data) for s in scenarios[:100]], data)
    block = max(1, args.repeat // args.rounds)
    swept = {}

    def sweep_all() -> None:
        swept.update(sweep(plans, data))

    plans = [prepare(s, data) for s in scenarios]
    t = interleaved({
        "yardstick": (lambda: plain_cash_flow(worked, data), max(1, block // 40)),
        "one": (lambda: calculate(worked, data), block),
        "validated": (lambda: calculate(parse_scenario(as_entered), data), block // 2),
        "json": (lambda: calculate(worked, data).to_json(), block // 10),
        "prepare": (lambda: [prepare(s, data) for s in scenarios], 1),
        "sweep": (sweep_all, 1),
    }, args.rounds)  # fmt: skip
    n = len(scenarios)
    t["sweep"] = tuple(x / n for x in t["sweep"])
    t["prepare"] = tuple(x / n for x in t["prepare"])
    t["both"] = tuple(a + b for a, b in zip(t["sweep"], t["prepare"], strict=True))

    n_plain = min(args.plain, len(scenarios))
    t["plain"] = per_call(lambda: [plain_cash_flow(s, data) for s in scenarios[:n_plain]], 1)
    t["plain"] = tuple(x / n_plain for x in t["plain"])
    plain_totals = [sum(plain_cash_flow(s, data).values()) for s in scenarios[:n_plain]]
    np.testing.assert_allclose(swept["total"][:n_plain], plain_totals, rtol=1e-9, atol=1e-3)

    def row(label: str, key: str, target: float | None = None, rate: bool = False) -> str:
        cells = [label]
        for i in (0, 1):  # wall, CPU
            seconds = t[key][i]
            text = f"{seconds * 1e3:.2f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:.1f} µs"
            cells.append(text + (f" ({1 / seconds:,.0f}/s)" if rate else ""))
        for i in (0, 1):
            x = t["yardstick"][i] / t[key][i]
            verdict = "" if target is None else (" met" if x >= target else " NOT met")
            cells.append((f"{x:.0f}×" if x >= 10 else f"{x:.2f}×") + verdict)
        return "| " + " | ".join(cells) + " |"

    rows = [
        row("Yardstick: the plain loop on the worked example (open data)", "yardstick"),
        row("One scenario: `calculate`, the worked example (target ≥ 60×)", "one", 60),
        row("One scenario, validation included (`parse_scenario` + `calculate`)", "validated"),
        row("One scenario with `to_json()` (840 cash-flow rows)", "json"),
        row(f"Sweep of {n:,} scenarios (`model.sweep`), per scenario (target ≥ 150×)", "sweep",
            150, rate=True),
        row("Preparing the plans (validation done before), per scenario", "prepare"),
        row("Sweep and preparing, per scenario", "both", rate=True),
        row(f"Plain Python loop on the sweep's scenarios (mean of {n_plain})", "plain"),
    ]  # fmt: skip
    wall, cpu = t["plain"][0] / t["sweep"][0], t["plain"][1] / t["sweep"][1]
    rows.append(f"| Ratio plain loop / sweep, per scenario | {wall:.0f}× | {cpu:.0f}× | | |")
    wall, cpu = t["plain"][0] / t["both"][0], t["plain"][1] / t["both"][1]
    rows.append(f"| Ratio plain loop / (sweep + preparation) | {wall:.0f}× | {cpu:.0f}× | | |")
    print(f"Engine benchmark, {date.today().isoformat()}, {cpu_name()}, {platform.machine()}, "
          f"Python {platform.python_version()}, numpy {np.__version__}\n")  # fmt: skip
    print(f"Loading the open data set (18 sub-areas, ages 0-67, 8 groups): {load_s * 1e3:.0f} ms. "
          f"Each figure: the median of {args.rounds} interleaved rounds.\n")  # fmt: skip
    print(
        "| measure | wall | CPU | yardstick ÷ wall | yardstick ÷ CPU |\n|---|---:|---:|---:|---:|"
    )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
