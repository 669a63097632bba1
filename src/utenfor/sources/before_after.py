"""docs/validation.md's section on what issue 13 changed: the guide comparison before, after
each change and now, per area and per payer, with each change explained. "Before" is the same
parameter files with the changes to figures undone (the trinnskatt split with the rest of the
income tax; the judged social-assistance multiplier), so the columns differ only by what the
section lists."""

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
    """No trinnskatt of its own, so all of the income tax on wages is split by the skatteøre."""
    rules = p["wage_tax_rules_2017"]
    zeroed = {k: 0.0 if k.startswith("trinn") and k.endswith("_rate") else v
              for k, v in rules.doc["rules"].items()}  # fmt: skip
    return {**p, rules.id: Parameter(rules.id, rules.path, {**rules.doc, "rules": zeroed})}


def with_judged_social_assistance(p: dict[str, Parameter]) -> dict[str, Parameter]:
    """The low-income (benefits) group's social-assistance multiplier at 18-29 back at the
    judgement of 3.0 that held for all adult ages before the Fafo figure replaced it."""
    group = p["lowincome_benefits"]
    multipliers = [{**m, "value": 3.0}
                   if m["applies_to"] == "social_assistance" and m["ages"] == "18-29" else m
                   for m in group.doc["multipliers"]]  # fmt: skip
    doc = {**group.doc, "multipliers": multipliers}
    return {**p, group.id: Parameter(group.id, group.path, doc)}


def built(p: dict[str, Parameter], calibrate: bool) -> DataSet:
    with tempfile.TemporaryDirectory() as tmp:
        write(package_files(p, guide_factors(p) if calibrate else None), Path(tmp))
        return load_dataset(tmp)


def before_after(p: dict[str, Parameter], scenario, guide: dict[str, float], line,
                 now: DataSet, now_calibrated: DataSet) -> list[str]:  # fmt: skip
    """The section; `now` and `now_calibrated` are the data sets `p` builds, already built by
    the caller, so only the data sets as they were are built here."""
    before = with_judged_social_assistance(without_trinnskatt_split(p))
    datasets = [built(before, False), built(with_judged_social_assistance(p), False), now,
                built(before, True), now_calibrated]  # fmt: skip
    runs = [calculate(scenario, d) for d in datasets]
    labels = {"total": "I alt", **PAYER_NAMES_NB, **AREA_NAMES_NB}
    rows = ["| linje | veiledningen | før | + trinnskatt | + sosialhjelp = etter sak 13 "
            "| før, kalibrert | etter sak 13, kalibrert |",
            "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for key, published in guide.items():
        cells = " | ".join(number(line(r, key)) for r in runs)
        rows.append(f"| {labels[key]} | {number(published)} | {cells} |")

    def moved(a, b, keys):
        return ", ".join(f"{labels[k].lower()} {'+' if line(b, k) > line(a, k) else ''}"
                         f"{number(line(b, k) - line(a, k))} kr" for k in keys)  # fmt: skip

    share = trinnskatt_share(p)
    return [
        "## Før og etter sak 13 / Before and after issue 13",
        "",
        "Veiledningens eksempel med datasettet slik det var før saken («før»), etter hver "
        "endring, og etter saken (slik datasettet var før sak 33); uten og med kalibrering. Det "
        "som er endret i saken:",
        "",
        "1. **Sikkerhetsgrad på hvert tall** (grades.csv, `data_quality`, usikkerhet i "
        "hva-om-verktøyene etter grad): endrer ingen tall i beregningen.",
        "2. **Trinnskatten går til staten.** Før lå trinnskatten i «skatt på lønn» og ble "
        "fordelt etter skatteøren. Nå regnes trinnskattens andel av inntektsskatten på en "
        f"gjennomsnittslønn etter 2017-reglene ({trim(share * 100, 1)} %, se "
        "`tax/wage_tax_rules_2017.yaml`) og gis til staten; resten fordeles etter skatteøren "
        "som før. Summen og områdelinjene er uendret; betalerlinjene flytter seg: "
        f"{moved(runs[0], runs[1], PAYERS)}.",
        "3. **Sosialhjelp for lavinntektsgruppen (foreldre på trygd), 18–29 år: fra skjønn "
        "(× 3,0) til et publisert tall (× 4,2).** Fafo fant at én av fire som vokste opp med "
        "sosialhjelp i familien selv mottok sosialhjelp som unge voksne; mot befolkningens "
        "59 per 1 000 gir det 4,2 (se `groups/lowincome_benefits.yaml`, grad 2). Etter 30 år "
        f"står skjønnet (× 3,0). Endring: {moved(runs[1], runs[2], ('total', 'transfers'))}; "
        f"betalerne {moved(runs[1], runs[2], PAYERS)}.",
        "4. **Prisindeksen kan oppdateres** (`utenfor data update`) og **lokale tall** kan "
        "brukes: begge lager et nytt, avledet datasett og endrer ikke det medfølgende.",
        "",
        "Andre gradienter er ikke endret: for overføringer og skatt for lavinntektsgruppene og "
        "for barnevern for barn med hjelpetiltak har vi ikke funnet publiserte tall som kan "
        "erstatte skjønnet (se «Kjente svakheter» i docs/data.md). Ingen tall er valgt for å "
        "treffe veiledningen.",
        "",
        *rows,
        "",
        "*Issue 13 changed two figures: the trinnskatt is now the state's "
        f"({share * 100:.1f} % of the income tax on an average wage by the 2017 rules), "
        "where it was split by the skatteøre, which moves kroner between payers only; and the "
        "low-income (benefits) group's social-assistance multiplier at 18-29 is now derived "
        "from Fafo's published finding (4.2) instead of judged (3.0). The grades, the update "
        "command and local figures change no figure in the bundled data set.*",
    ]
