"""Engine benchmark (issue 2): one scenario, a sweep of 10 000 scenarios, and the plain loop.

Run by hand:  .venv/bin/python bench/engine.py [--sweep 10000] [--plain 300] [--repeat 2000]
Prints a Markdown table for docs/performance.md. Targets: one scenario <= 1 ms; the sweep
>= 50x faster per scenario than the plain Python loop (tests/reference_model.py).

The data set is synthetic but has the open data set's size (8 groups, ages 0-67, 20
sub-areas): the plain loop's cost grows with the sub-areas, the engine's hardly.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from reference_model import plain_cash_flow  # noqa: E402
from utenfor.data.load import load_dataset  # noqa: E402
from utenfor.model import calculate, parse_scenario  # noqa: E402
from utenfor.model.engine import prepare  # noqa: E402
from utenfor.model.result import sweep  # noqa: E402
from utenfor.terms import AGE_GROUP_IDS, DATA_AREAS, PAYERS  # noqa: E402

GROUPS = ["population", "lowincome_immigrant", "lowincome_benefits", "upper_secondary_risk",
          "child_welfare_support", "parents_mental_substance", "depression_anxiety",
          "conduct_disorder"]  # fmt: skip


def write_bench_data(directory: Path, subareas: int = 20, max_age: int = 67) -> None:
    rng = np.random.default_rng(1)
    with open(directory / "groups.csv", "w") as f:
        f.write("group_id,name_nb,name_en,definition_nb,count,is_population\n")
        for g in GROUPS:
            f.write(f"{g},{g},{g},synthetic,1000,{'true' if g == 'population' else 'false'}\n")
    with open(directory / "subareas.csv", "w") as f:
        f.write("subarea_id,area_id,name_nb,name_en,kommune,fylkeskommune,stat\n")
        for j in range(subareas):
            a, b = sorted(rng.uniform(size=2))
            f.write(
                f"s{j},{DATA_AREAS[j % 6]},s{j},s{j},"
                f"{float(a)!r},{float(b - a)!r},{float(1 - b)!r}\n"
            )
    with open(directory / "profiles.csv", "w") as f:
        f.write("group_id,age,subarea_id,value\n")
        for g in GROUPS:
            for age in range(max_age + 1):
                for j in range(subareas):
                    f.write(f"{g},{age},s{j},{rng.normal(5000, 3000):.2f}\n")
    with open(directory / "price_index.csv", "w") as f:
        f.write(
            "year,index\n" + "".join(f"{y},{100 + 2.5 * (y - 2017)}\n" for y in range(2015, 2026))
        )
    meta = {"name": "bench", "title": "bench", "version": "0", "licenses": [{"name": "CC0-1.0"}],
            "price_base_year": 2017, "sources": [{"title": "synthetic"}],
            "resources": [{"path": n} for n in ("groups.csv", "subareas.csv", "profiles.csv",
                                                "price_index.csv")]}  # fmt: skip
    (directory / "datapackage.json").write_text(json.dumps(meta))


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


def timed(fn, repeat: int) -> float:
    """Median seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sweep", type=int, default=10_000)
    ap.add_argument("--plain", type=int, default=300, help="scenarios timed with the plain loop")
    ap.add_argument("--repeat", type=int, default=2_000, help="repeats of the one-scenario time")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        write_bench_data(Path(tmp))
        t0 = time.perf_counter()
        data = load_dataset(tmp)
        load_s = time.perf_counter() - t0

    rng = random.Random(42)
    scenarios = [random_scenario(rng) for _ in range(args.sweep)]
    worked = scenarios[0]

    calculate(worked, data)  # warm-up
    one = timed(lambda: calculate(worked, data), args.repeat)
    one_json = timed(lambda: calculate(worked, data).to_json(), max(1, args.repeat // 10))

    t0 = time.perf_counter()
    plans = [prepare(s, data) for s in scenarios]
    prep_s = time.perf_counter() - t0
    sweep(plans[:100], data)  # warm-up
    t0 = time.perf_counter()
    swept = sweep(plans, data)
    sweep_s = time.perf_counter() - t0

    n_plain = min(args.plain, len(scenarios))
    t0 = time.perf_counter()
    plain_totals = [sum(plain_cash_flow(s, data).values()) for s in scenarios[:n_plain]]
    plain_s = (time.perf_counter() - t0) / n_plain
    np.testing.assert_allclose(swept["total"][:n_plain], plain_totals, rtol=1e-9, atol=1e-3)

    per_sweep = sweep_s / len(scenarios)
    per_sweep_prep = (sweep_s + prep_s) / len(scenarios)
    cpu = platform.processor()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [x for x in cpuinfo.read_text().splitlines() if x.startswith("model name")]
        cpu = names[0].split(":", 1)[1].strip() if names else cpu
    rows = [
        ("Load the data set (20 sub-areas, ages 0-67, 8 groups)", f"{load_s * 1e3:.1f} ms", ""),
        (f"One scenario: `calculate` (median of {args.repeat})", f"{one * 1e3:.3f} ms",
         "≤ 1 ms: " + ("met" if one <= 1e-3 else "NOT met")),
        ("One scenario with `to_json()` (840 cash-flow rows)", f"{one_json * 1e3:.3f} ms", ""),
        (f"Sweep of {len(scenarios):,} scenarios, engine", f"{sweep_s * 1e3:.0f} ms",
         f"{per_sweep * 1e6:.1f} µs per scenario"),
        (f"Preparing the {len(scenarios):,} plans (validation done before)",
         f"{prep_s * 1e3:.0f} ms", f"{prep_s / len(scenarios) * 1e6:.1f} µs per scenario"),
        (f"Plain Python loop (mean of {n_plain})", f"{plain_s * 1e3:.2f} ms per scenario", ""),
        ("Ratio plain loop / sweep, per scenario", f"{plain_s / per_sweep:.0f}×",
         "≥ 50×: " + ("met" if plain_s / per_sweep >= 50 else "NOT met")),
        ("Ratio plain loop / (sweep + preparation)", f"{plain_s / per_sweep_prep:.0f}×", ""),
    ]  # fmt: skip
    print(f"Engine benchmark, {date.today().isoformat()}, {cpu}, {platform.machine()}, "
          f"Python {platform.python_version()}, numpy {np.__version__}\n")  # fmt: skip
    print("| measure | result | note |\n|---|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
