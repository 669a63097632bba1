"""Writes the hand-calculation test data set (values explained in README.md beside this file).

Run: python tests/data/handcalc/make.py  (rewrites the CSV files in this folder)
"""

import csv
import json
from pathlib import Path

HERE = Path(__file__).parent
MAX_AGE = 59
SUBAREAS = [  # id, area, kommune, fylkeskommune, stat
    ("social_assistance", "transfers", 1, 0, 0),
    ("disability_pension", "transfers", 0, 0, 1),
    ("income_tax", "tax", 0.4, 0.1, 0.5),
    ("specialist_health", "health", 0, 0, 1),
    ("upper_secondary", "education", 0, 1, 0),
    ("corrections", "corrections", 0, 0, 1),
    ("child_welfare", "child_welfare", 0.5, 0, 0.5),
]
POPULATION = {"income_tax": -1000, "upper_secondary": 1000}
LOWINCOME_GAP = {  # group minus population, the same at every age
    "social_assistance": 100,
    "disability_pension": 200,
    "income_tax": 300,
    "specialist_health": 50,
    "upper_secondary": -100,
    "corrections": 20,
    "child_welfare": 80,
}


def conduct_gap(subarea: str, age: int) -> float:
    if subarea == "child_welfare":
        return 10 * age
    if subarea == "disability_pension":
        return 1000 if age >= 18 else 0
    return 0


def main() -> None:
    groups = [
        ("population", "Testbefolkning", "Test population", "Syntetisk", 1000, "true"),
        ("lowincome_benefits", "Lavinntekt (test)", "Low income (test)", "Syntetisk", 100, "false"),
        ("conduct_disorder", "Atferd (test)", "Conduct (test)", "Syntetisk", 50, "false"),
    ]
    with open(HERE / "groups.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["group_id", "name_nb", "name_en", "definition_nb", "count", "is_population"])
        w.writerows(groups)
    with open(HERE / "subareas.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            ["subarea_id", "area_id", "name_nb", "name_en", "kommune", "fylkeskommune", "stat"]
        )
        for sid, area, *shares in SUBAREAS:
            w.writerow([sid, area, sid, sid, *shares])
    with open(HERE / "profiles.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["group_id", "age", "subarea_id", "value"])
        for gid, *_ in groups:
            for age in range(MAX_AGE + 1):
                for sid, *_ in SUBAREAS:
                    base = POPULATION.get(sid, 0)
                    gap = {"population": 0, "lowincome_benefits": LOWINCOME_GAP[sid]}.get(gid)
                    gap = conduct_gap(sid, age) if gap is None else gap
                    w.writerow([gid, age, sid, base + gap])
    index = {
        2015: 95,
        2016: 97.5,
        2017: 100,
        2018: 102,
        2019: 104,
        2020: 105,
        2021: 110,
        2022: 115,
        2023: 120,
    }
    with open(HERE / "price_index.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "index"])
        w.writerows(index.items())
    package = {
        "name": "utenfor-handcalc-test",
        "title": "Syntetisk testdatasett for håndregning",
        "version": "1.0.0",
        "licenses": [{"name": "CC0-1.0"}],
        "price_base_year": 2017,
        "sources": [{"title": "Synthetic values chosen for hand calculation; not real data"}],
        "resources": [
            {"name": n.removesuffix(".csv"), "path": n, "format": "csv"}
            for n in ("groups.csv", "subareas.csv", "profiles.csv", "price_index.csv")
        ],
    }
    (HERE / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
