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

from utenfor.blas import one_thread

one_thread()  # numpy as `utenfor` runs it (src/utenfor/blas.py): before numpy loads

from utenfor import service  # noqa: E402
from utenfor.data import BUNDLED, WORKED_EXAMPLE  # noqa: E402
from utenfor.data.load import load_dataset  # noqa: E402
from utenfor.model import load_scenario  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    data = load_dataset(BUNDLED)
    scenario = load_scenario(WORKED_EXAMPLE)

    def median(fmt: str) -> tuple[float, int]:
        times, size = [], 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            size = len(service.export(service.report(scenario, data), fmt).content)
            times.append(time.perf_counter() - t0)
        return statistics.median(times) * 1e3, size

    ms, size = median("xlsx")
    pdf_ms, pdf_size = median("pdf")
    print(f"Export benchmark, {date.today().isoformat()}, {platform.machine()}, "
          f"Python {platform.python_version()}\n")  # fmt: skip
    print("| format | median | size | target |\n|---|---:|---:|---|")
    for what, ms_, size_, target in (("Excel (report with what-if + workbook)", ms, size, 500),
                                     ("PDF (report with what-if + three charts + Typst)", pdf_ms,
                                      pdf_size, 2000)):  # fmt: skip
        met = "met" if ms_ <= target else "NOT met"
        print(f"| {what} | {ms_:.0f} ms | {size_ / 1000:.0f} kB | ≤ {target} ms: {met} |")


if __name__ == "__main__":
    main()
