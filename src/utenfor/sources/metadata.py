"""The data package's `datapackage.json`: name, version, licence, price base year, every
source with its status and grade, the unit prices a municipality may replace, the resources,
and the calibration when one was applied (docs/formats.md, "Data set")."""

from __future__ import annotations

from typing import Any

from utenfor import MODEL_VERSION
from utenfor.sources.parameters import Parameter
from utenfor.sources.unit_prices import UNIT_PRICES

PRICE_BASE_YEAR = 2017
DATA_VERSION = "0.3.0"


def metadata(p: dict[str, Parameter], calibration: dict[str, float] | None,
             calibrated_group: str) -> dict[str, Any]:  # fmt: skip
    meta = {
        "name": "utenfor-open-calibrated" if calibration else "utenfor-open",
        "title": "Åpent datasett for Utenfor-regnskapet"
        + (" (kalibrert mot veiledningens eksempel)" if calibration else ""),
        "version": DATA_VERSION,
        "description": "Livsløpsprofiler (kroner per person per år, 2017-priser) for "
        "befolkningen og sju målgrupper, bygget av publisert statistikk. Se docs/data.md.",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "price_base_year": PRICE_BASE_YEAR,
        "created_with": f"utenfor {MODEL_VERSION}: utenfor data build",
        "sources": [
            {
                "title": prm.reference["publication"],
                "path": prm.reference["url"],
                "parameter": pid,
                "status": prm.doc["status"],
                "grade": prm.grade,
            }
            for pid, prm in sorted(p.items())
        ],
        "unit_prices": [
            {
                "parameter": pid,
                "label_nb": label,
                "value": p[pid].value,
                "publication": p[pid].reference["publication"],
                "url": p[pid].reference["url"],
            }
            | ({"subarea": subarea, "kostra": kostra} if subarea else {})
            for pid, label, subarea, kostra in UNIT_PRICES
        ],
        "resources": [
            {"name": n.removesuffix(".csv"), "path": n, "format": "csv", "encoding": "utf-8"}
            for n in ("groups.csv", "subareas.csv", "profiles.csv", "price_index.csv", "grades.csv")
        ],
    }
    if calibration:
        meta["calibration"] = {
            "group": calibrated_group,
            "area_factors": calibration,
            "parameter": "guide_worked_example",
        }
    return meta
