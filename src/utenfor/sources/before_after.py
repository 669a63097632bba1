"""docs/validation.md's section on what issue 13 changed: the guide comparison before and after,
per area and per payer, with each change explained. "Before" is the same parameter files with
the one change to a figure undone (the trinnskatt split with the rest of the income tax), so the
two columns differ only by what the section lists."""

from __future__ import annotations

import tempfile
from pathlib import Path

from utenfor.data.dataset import DataSet
from utenfor.data.load import load_dataset
from utenfor.formatting import number, trim
from utenfor.model import calculate
from utenfor.sources.build import guide_factors, package_files, trinnskatt_share, write
from utenfor.sources.parameters import Parameter
from utenfor.terms import AREA_NAMES_NB, PAYER_NAMES_NB, PAYERS


def without_trinnskatt_split(p: dict[str, Parameter]) -> dict[str, Parameter]:
    """The parameters as before issue 13: no trinnskatt of its own, so all of the income tax
    on wages is split by the skatteøre."""
    rules = p["wage_tax_rules_2017"]
    zeroed = {k: 0.0 if k.startswith("trinn") and k.endswith("_rate") else v
              for k, v in rules.doc["rules"].items()}  # fmt: skip
    return {**p, rules.id: Parameter(rules.id, rules.path, {**rules.doc, "rules": zeroed})}


def built(p: dict[str, Parameter], calibrate: bool) -> DataSet:
    with tempfile.TemporaryDirectory() as tmp:
        write(package_files(p, guide_factors(p) if calibrate else None), Path(tmp))
        return load_dataset(tmp)


def before_after(p: dict[str, Parameter], scenario, guide: dict[str, float], line) -> list[str]:
    old = without_trinnskatt_split(p)
    runs = [calculate(scenario, built(params, cal)) for cal in (False, True)
            for params in (old, p)]  # fmt: skip
    labels = {"total": "I alt", **PAYER_NAMES_NB, **AREA_NAMES_NB}
    rows = ["| linje | veiledningen | før | etter | før, kalibrert | etter, kalibrert |",
            "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for key, published in guide.items():
        cells = " | ".join(number(line(r, key)) for r in runs)
        rows.append(f"| {labels[key]} | {number(published)} | {cells} |")
    moved = {k: line(runs[1], k) - line(runs[0], k) for k in PAYERS}
    share = trinnskatt_share(p)
    return [
        "## Før og etter sak 13 / Before and after issue 13",
        "",
        "Veiledningens eksempel med datasettet slik det var før saken («før») og slik det er nå "
        "(«etter»), uten og med kalibrering. Det som er endret i saken:",
        "",
        "1. **Sikkerhetsgrad på hvert tall** (grades.csv, `data_quality`, usikkerhet i "
        "hva-om-verktøyene etter grad): endrer ingen tall i beregningen.",
        f"2. **Trinnskatten går til staten.** Før lå trinnskatten i «skatt på lønn» og ble "
        f"fordelt etter skatteøren. Nå regnes trinnskattens andel av inntektsskatten på en "
        f"gjennomsnittslønn etter 2017-reglene ({trim(share * 100, 1)} %, se "
        "`tax/wage_tax_rules_2017.yaml`) og gis til staten; resten fordeles etter skatteøren "
        "som før. Summen og områdelinjene er uendret; betalerlinjene flytter seg (åpne data): "
        + ", ".join(
            f"{PAYER_NAMES_NB[k].lower()} {'+' if moved[k] > 0 else ''}{number(moved[k])} kr"
            for k in PAYERS
        )
        + ".",
        "3. **Prisindeksen kan oppdateres** (`utenfor data update`) og **lokale tall** kan "
        "brukes: begge lager et nytt, avledet datasett og endrer ikke det medfølgende.",
        "",
        "Gradientene for målgruppene (punkt 2 i saken) er ikke endret ennå: vi har ikke funnet "
        "publiserte tall som kan erstatte skjønnet (se «Kjente svakheter» i docs/data.md).",
        "",
        *rows,
        "",
        "*Issue 13 changed one figure: the trinnskatt is now the state's "
        f"({share * 100:.1f} % of the income tax on an average wage by the 2017 rules), where "
        "it was split by the skatteøre. Totals and area lines are unchanged; the payer lines "
        "move as shown. The grades, the update command and local figures change no figure in "
        "the bundled data set.*",
    ]
