"""Export benchmark (issue 5): time to produce each format for the worked example.

Run by hand:  .venv/bin/python bench/export.py [--repeat 20]
Targets: Excel <= 0.5 s, PDF <= 2 s.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from datetime import date
from pathlib import Path

from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset
from utenfor.model import calculate, load_scenario
from utenfor.reports.pdf import report
from utenfor.reports.xlsx import workbook

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    data = load_dataset(BUNDLED)
    scenario = load_scenario(ROOT / "examples" / "worked_example.toml")

    def median(make) -> tuple[float, int]:
        times, size = [], 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            size = len(make(calculate(scenario, data)))
            times.append(time.perf_counter() - t0)
        return statistics.median(times) * 1e3, size

    ms, size = median(workbook)
    pdf_ms, pdf_size = median(report)
    print(f"Export benchmark, {date.today().isoformat()}, {platform.machine()}, "
          f"Python {platform.python_version()}\n")  # fmt: skip
    print("| format | median | size | target |\n|---|---:|---:|---|")
    print(
        f"| Excel (calculate + workbook) | {ms:.0f} ms | {size / 1000:.0f} kB | ≤ 500 ms: "
        f"{'met' if ms <= 500 else 'NOT met'} |"
    )
    print(f"| PDF (calculate + three charts + Typst) | {pdf_ms:.0f} ms | {pdf_size / 1000:.0f} kB "
          f"| ≤ 2 000 ms: {'met' if pdf_ms <= 2000 else 'NOT met'} |")  # fmt: skip


if __name__ == "__main__":
    main()
