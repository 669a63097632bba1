"""Workbook benchmark (issue 32, wave 3b): writing the worked example's .xlsx report.

Run by hand:  .venv/bin/python bench/workbook.py [--rounds 30]
Times `service.export(report, "xlsx")` alone (the report, its what-if analysis included, is
made once before), and the yardstick of bench/engine.py in the same run: the plain-loop
reference model (tests/reference_model.py) on the worked example. Each round times one export
of each format and a block of 20 yardstick runs in turn. Printed: the median of the rounds, and
the mean, which includes Python's occasional full garbage collection (about one in four
exports: some 7 ms an export on average, which the median leaves out). Target: the workbook
<= 85 ms on the Intel Xeon of docs/performance.md (half of the 173 ms it took there): about 38
yardsticks or fewer where the yardstick takes 2.2 ms (workbook ÷ yardstick is printed).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from engine import per_call, plain_cash_flow  # noqa: E402
from server import cpu_name  # noqa: E402
from utenfor import service  # noqa: E402
from utenfor.data import BUNDLED, WORKED_EXAMPLE  # noqa: E402
from utenfor.data.load import load_dataset  # noqa: E402
from utenfor.model import load_scenario  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=30, help="rounds the figures are a median of")
    args = ap.parse_args()
    data = load_dataset(BUNDLED)
    worked = load_scenario(WORKED_EXAMPLE)
    rep = service.report(worked, data)
    size = len(service.export(rep, "xlsx").content)  # warm-up
    blocks = {
        "yardstick": (lambda: plain_cash_flow(worked, data), 20),
        "xlsx": (lambda: service.export(rep, "xlsx"), 1),
        "pdf": (lambda: service.export(rep, "pdf"), 1),
        "json": (lambda: service.export(rep, "json"), 1),
    }
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in blocks}
    for _ in range(args.rounds):
        for key, (fn, calls) in blocks.items():
            times[key].append(per_call(fn, calls))
    print(f"Workbook benchmark, {date.today().isoformat()}, {cpu_name()}, {platform.machine()}, "
          f"Python {platform.python_version()}, load average "
          f"{'/'.join(f'{x:.1f}' for x in os.getloadavg())} (1/5/15 min)\n")  # fmt: skip
    print(f"Each figure: the median (mean) of {args.rounds} rounds.\n")
    print("| measure | wall | CPU | ÷ yardstick (wall) | (CPU) |\n|---|---:|---:|---:|---:|")
    stats = {k: [(statistics.median(x), statistics.mean(x)) for x in zip(*v, strict=True)]
             for k, v in times.items()}  # fmt: skip  # key -> [(median, mean) wall, CPU]
    for key, label in (("yardstick", "Yardstick: the plain loop on the worked example"),
                       ("xlsx", f"`export(report, \"xlsx\")`, the worked example ({size:,} B)"),
                       ("pdf", "`export(report, \"pdf\")`"),
                       ("json", "`export(report, \"json\")`")):  # fmt: skip
        cells = [f"{m * 1e3:.1f} ({a * 1e3:.1f}) ms" for m, a in stats[key]]
        cells += [f"{m / y[0]:.1f} ({a / y[1]:.1f})" for (m, a), y in
                  zip(stats[key], stats["yardstick"], strict=True)]  # fmt: skip
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
