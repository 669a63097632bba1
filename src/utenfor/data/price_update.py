"""A new data-set version with SSB's latest consumer price index (issue 13, item 4).

SSB's PxWebApi answers in JSON-stat 2. Table 03014 with `Konsumgrp = TOTAL` and
`ContentsCode = KpiAar` is the annual average of the consumer price index (2015 = 100), one
value per year in the time dimension `Tid`. The whole series replaces the data set's
`price_index.csv` (a rebased series must not be mixed with the old one), the version's last
number goes up by one, and the fingerprint follows from the files. Only ratios of the index
are used, so the data set's own figures do not change; results in start years the index did
not cover before do.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

TABLE_URL = "https://data.ssb.no/api/v0/no/table/03014/"
QUERY = {  # the annual average of the total index, every year
    "query": [
        {"code": "Konsumgrp", "selection": {"filter": "vs:CoiCop2016niva1", "values": ["TOTAL"]}},
        {"code": "ContentsCode", "selection": {"filter": "item", "values": ["KpiAar"]}},
        {"code": "Tid", "selection": {"filter": "all", "values": ["*"]}},
    ],
    "response": {"format": "json-stat2"},
}


class UpdateError(ValueError):
    """A Norwegian message for the user: what is wrong with the answer or the data set."""


def annual_index(doc: Any) -> dict[int, float]:
    """{year: index} from a JSON-stat 2 dataset with one value per year (every other dimension
    of size 1). Monthly series ('2024M01') are refused: ask for KpiAar."""
    if not isinstance(doc, dict) or doc.get("class") != "dataset" or "dimension" not in doc:
        raise UpdateError("svaret er ikke et JSON-stat 2-datasett (class = dataset)")
    ids, sizes, values = doc.get("id", []), doc.get("size", []), doc.get("value")
    time = (doc.get("role", {}).get("time") or ["Tid"])[0]
    if time not in ids or len(ids) != len(sizes) or not isinstance(values, list):
        raise UpdateError(f"svaret mangler tidsdimensjonen «{time}» eller verdiene")
    others = [i for i, s in zip(ids, sizes, strict=True) if i != time and s != 1]
    if others:
        raise UpdateError(f"svaret har flere verdier i {', '.join(others)}; velg én "
                          "(Konsumgrp = TOTAL, ContentsCode = KpiAar)")  # fmt: skip
    index = doc["dimension"][time]["category"]["index"]
    order = sorted(index, key=index.get) if isinstance(index, dict) else list(index)
    if len(order) != len(values):
        raise UpdateError("svaret har ikke like mange verdier som år")
    out = {}
    for label, value in zip(order, values, strict=True):
        if not str(label).isdigit():
            raise UpdateError(f"«{label}» er ikke et år; hent årsgjennomsnittet (KpiAar)")
        if value is not None:  # SSB gives null for a year not yet published
            if not isinstance(value, int | float) or value <= 0:
                raise UpdateError(f"indeksen for {label} er ikke et positivt tall: {value!r}")
            out[int(label)] = float(value)
    if not out:
        raise UpdateError("svaret har ingen verdier")
    return out


@dataclass(frozen=True)
class Change:
    year: int
    before: float | None
    after: float | None


@dataclass(frozen=True)
class Update:
    version_before: str
    version_after: str
    changes: tuple[Change, ...]  # years added, changed or removed


def next_version(version: str) -> str:
    """'0.1.0' -> '0.1.1'; a version without a number at the end gets '.1'."""
    head, _, last = version.rpartition(".")
    return f"{head}.{int(last) + 1}" if last.isdigit() and head else f"{version}.1"


def update_price_index(source: Path, target: Path, index: dict[int, float], origin: str) -> Update:
    """Write the data set in `source` to `target` with `index` as its price index and the next
    version; `origin` (a URL or a file name) is recorded in datapackage.json."""
    meta = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    base = int(meta["price_base_year"])
    if base not in index:
        raise UpdateError(f"den nye indeksen mangler datasettets prisår {base}")
    with open(source / "price_index.csv", encoding="utf-8") as f:
        old = {int(r["year"]): float(r["index"]) for r in csv.DictReader(f)}
    changes = tuple(Change(y, old.get(y), index.get(y)) for y in sorted(set(old) | set(index))
                    if old.get(y) != index.get(y))  # fmt: skip
    if target.resolve() != source.resolve():
        if target.exists() and any(target.iterdir()):
            raise UpdateError(f"{target} finnes og er ikke tom; velg en ny mappe")
        shutil.copytree(source, target, dirs_exist_ok=True)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(
        [["year", "index"], *[[y, index[y]] for y in sorted(index)]]
    )
    (target / "price_index.csv").write_text(buf.getvalue(), encoding="utf-8")
    before = str(meta["version"])
    meta["version"] = next_version(before)
    meta["price_index_update"] = {"source": origin, "table": "SSB 03014, KpiAar (2015 = 100)",
                                  "date": date.today().isoformat()}  # fmt: skip
    (target / "datapackage.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return Update(before, meta["version"], changes)
