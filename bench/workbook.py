"""Workbook benchmark (issue 32, wave 3b): writing the worked example's .xlsx report.

Run by hand:  .venv/bin/python bench/workbook.py [--rounds 25]
Times `service.export(report, "xlsx")` alone (the report, its what-if analysis included, is
made once before), and the yardstick of bench/engine.py in the same run: the plain-loop
reference model (tests/reference_model.py) on the worked example. Each round times a block of
exports and a block of yardstick runs in turn; each figure is the median of the rounds (at
least 20 exports in all). Target: the workbook <= 85 ms on the Intel Xeon of
docs/performance.md, half the 173 ms it took there: about 38 yardsticks or fewer where the
yardstick takes 2.2 ms (the ratio workbook ÷ yardstick is printed).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from engine import interleaved, plain_cash_flow  # noqa: E402
from server import cpu_name  # noqa: E402
from utenfor import service  # noqa: E402
from utenfor.data import BUNDLED, WORKED_EXAMPLE  # noqa: E402
from utenfor.data.load import load_dataset  # noqa: E402
from utenfor.model import load_scenario  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=25, help="rounds the figures are a median of")
    ap.add_argument("--block", type=int, default=2, help="exports timed together in a round")
    args = ap.parse_args()
    data = load_dataset(BUNDLED)
    worked = load_scenario(WORKED_EXAMPLE)
    rep = service.report(worked, data)
    size = len(service.export(rep, "xlsx").content)  # warm-up
    t = interleaved({
        "yardstick": (lambda: plain_cash_flow(worked, data), 20),
        "xlsx": (lambda: service.export(rep, "xlsx"), args.block),
        "pdf": (lambda: service.export(rep, "pdf"), args.block),
        "json": (lambda: service.export(rep, "json"), args.block),
    }, args.rounds)  # fmt: skip
    print(f"Workbook benchmark, {date.today().isoformat()}, {cpu_name()}, {platform.machine()}, "
          f"Python {platform.python_version()}, load average "
          f"{'/'.join(f'{x:.1f}' for x in os.getloadavg())} (1/5/15 min)\n")  # fmt: skip
    print(f"Each figure: the median of {args.rounds} rounds ({args.block} exports a round).\n")
    print("| measure | wall | CPU | ÷ yardstick (wall) | (CPU) |\n|---|---:|---:|---:|---:|")
    for key, label in (("yardstick", "Yardstick: the plain loop on the worked example"),
                       ("xlsx", f"`export(report, \"xlsx\")`, the worked example ({size:,} B)"),
                       ("pdf", "`export(report, \"pdf\")`"),
                       ("json", "`export(report, \"json\")`")):  # fmt: skip
        wall, cpu = t[key]
        ratios = [x / y for x, y in zip(t[key], t["yardstick"], strict=True)]
        print(f"| {label} | {wall * 1e3:.1f} ms | {cpu * 1e3:.1f} ms | {ratios[0]:.1f} | "
              f"{ratios[1]:.1f} |")  # fmt: skip


if __name__ == "__main__":
    main()
