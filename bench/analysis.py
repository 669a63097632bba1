"""Uncertainty benchmark (issue 6): 10 000 draws for the worked example on the open data.

Run by hand:  .venv/bin/python bench/analysis.py [--draws 10000] [--repeat 50]
Target: 10 000 draws <= 200 ms. Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from datetime import date
from pathlib import Path

from utenfor.blas import one_thread

one_thread()  # numpy as `utenfor` runs it (src/utenfor/blas.py): before numpy loads

import numpy as np  # noqa: E402

from utenfor.data import BUNDLED  # noqa: E402
from utenfor.data.load import load_dataset  # noqa: E402
from utenfor.model import load_scenario  # noqa: E402
from utenfor.model.analysis import analyse, decompose  # noqa: E402
from utenfor.model.uncertainty import default_spreads, uncertainty  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args()
    data = load_dataset(BUNDLED)
    scenario = load_scenario(ROOT / "examples" / "worked_example.toml")
    spreads = default_spreads(scenario)
    dec = decompose(scenario, data)
    draws_ms = median_ms(lambda: uncertainty(dec, spreads["success_rate_pct"],
                                             spreads["cost_pct"], draws=args.draws),
                         args.repeat)  # fmt: skip
    full_ms = median_ms(lambda: uncertainty(decompose(scenario, data), spreads["success_rate_pct"],
                                            spreads["cost_pct"], draws=args.draws),
                        args.repeat)  # fmt: skip
    analyse_ms = median_ms(lambda: analyse(scenario, data), max(5, args.repeat // 5))
    print(f"Analysis benchmark, {date.today().isoformat()}, {platform.machine()}, "
          f"Python {platform.python_version()}, numpy {np.__version__}\n")  # fmt: skip
    print("| measure | median | target |\n|---|---:|---|")
    print(
        f"| {args.draws:,} draws (decomposition done) | {draws_ms:.1f} ms | ≤ 200 ms: "
        f"{'met' if draws_ms <= 200 else 'NOT met'} |"
    )
    print(f"| {args.draws:,} draws including the decomposition | {full_ms:.1f} ms | |")
    print(
        f"| Whole analysis (thresholds, sensitivity, uncertainty, co-financing) | "
        f"{analyse_ms:.1f} ms | |"
    )


if __name__ == "__main__":
    main()
