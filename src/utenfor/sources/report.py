"""Writes docs/validation.md and docs/sources.md from the data and the engine (issue 3).

    python -m utenfor.sources.report        # rewrites both files under docs/

A test fails when the committed files differ from what this writes, so the figures in the
docs are always the data set's own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from utenfor.data import BUNDLED, WORKED_EXAMPLE
from utenfor.data.dataset import DataSet
from utenfor.data.load import load_dataset
from utenfor.formatting import number, trim
from utenfor.model import Result, calculate, load_scenario, parse_scenario
from utenfor.sources.before_after import before_after, built
from utenfor.sources.before_after_33 import before_issue_33, section
from utenfor.sources.parameters import load_parameters
from utenfor.sources.payer_split import payer_split
from utenfor.terms import AREA_NAMES_NB, DATA_AREAS, PAYER_NAMES_NB, PAYERS

DOCS = Path(__file__).resolve().parents[3] / "docs"

# The guide's published result for its worked example (seed 004), 2021 kroner, kept once in
# the calibration parameter.
_parameters = cache(load_parameters)  # read once per build: every document uses the same files
_PUBLISHED = dict(_parameters()["guide_worked_example"].doc["published"])
GUIDE_BREAK_EVEN = _PUBLISHED.pop("break_even_year")
GUIDE = _PUBLISHED


def _line(result: Result, key: str) -> float:
    if key in ("total", *PAYERS):
        return result.net_gain[key]
    return result.by_area[key]["total"]


def _signed_pct(share: float) -> str:
    """+52 %, −10 %: a deviation as a signed percentage."""
    return ("+" if round(share * 100) > 0 else "") + f"{trim(share * 100, 0)} %"


def _deviation(value: float, published: float) -> str:
    sign = "+" if round(value - published) > 0 else ""
    return f"{sign}{number(value - published)} ({_signed_pct(value / published - 1)})"


def worked_example(open_data: DataSet, calibrated: DataSet, scenario) -> list[str]:
    plain, cal = calculate(scenario, open_data), calculate(scenario, calibrated)
    labels = {"total": "I alt", **PAYER_NAMES_NB, **AREA_NAMES_NB}
    rows = [
        "| linje | veiledningen | åpne data | avvik | kalibrert | avvik |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key, published in GUIDE.items():
        a, b = _line(plain, key), _line(cal, key)
        rows.append(
            f"| {labels[key]} | {number(published)} | {number(a)} | {_deviation(a, published)} "
            f"| {number(b)} | {_deviation(b, published)} |"
        )
    be = [r.break_even["year"] if r.break_even else "aldri" for r in (plain, cal)]
    rows.append(f"| Break-even | {GUIDE_BREAK_EVEN} | {be[0]} | | {be[1]} | |")
    return rows


def per_group(open_data: DataSet) -> list[str]:
    """Present value per successful participant entering at 13-15 (2017 kroner, 40 years)."""
    rows = [
        "| målgruppe | I alt | " + " | ".join(AREA_NAMES_NB[a] for a in DATA_AREAS) + " |",
        "|---|" + "---:|" * (len(DATA_AREAS) + 1),
    ]
    for group in open_data.target_groups:
        scenario = parse_scenario(
            {
                "target_group": group.id,
                "age_groups": ["13-15"],
                "share_without_pct": 0,
                "share_with_pct": 100,
                "start_year": open_data.price_base_year,
                "years_run": 1,
                "intervention_years": 2,
                "participants": {str(open_data.price_base_year): 100},
            }
        )
        r = calculate(scenario, open_data)
        cells = [number(r.net_gain["total"] / 100)]
        cells += [number(r.by_area[a]["total"] / 100) for a in DATA_AREAS]
        rows.append(f"| {group.id} | " + " | ".join(cells) + " |")
    return rows


def anchors(open_data: DataSet) -> list[str]:
    p = _parameters()
    pop = open_data.profiles[open_data.group_index["population"]]
    sub = {s.id: j for j, s in enumerate(open_data.subareas)}
    disability = p["disability_amount"].value
    net_disability = disability * (1 - p["benefit_tax_rate"].value)
    lost_tax = -sum(pop[:, sub[s]] for s in ("tax_on_wages", "social_security_contribution",
                                             "employer_contribution"))  # fmt: skip
    ages = np.arange(20, 67)
    discount = 1.04 ** -(ages - 20)
    outside = float(((lost_tax[ages] + net_disability) * discount).sum())
    net = (pop @ open_data.area_matrix).sum(axis=1)
    contributor = next(a for a in range(18, 67) if (net[a:60] < 0).all())
    years_25 = 67 - 25
    return [
        "| anker (publisert) | publisert | det åpne datasettet | kommentar |",
        "|---|---:|---:|---|",
        f"| En 25-åring på uføretrygd fram til pensjon (VG 2017, minsteytelse ung ufør "
        f"272 475 kr) | ca. 9 000 000 | {number(disability * years_25)} | {years_25} år × "
        f"gjennomsnittlig uføretrygd {number(disability)} kr, udiskontert; VGs antakelser "
        "(antall år, diskontering) er ikke kjent |",
        f"| Én 20-åring utenfor arbeidslivet (Falch, gemini.no 2012) | ca. 7 100 000 | "
        f"{number(outside)} | nåverdi (4 %) av tapt skatt, trygdeavgift og arbeidsgiveravgift "
        f"for en gjennomsnittsperson 20–66 år, pluss uføretrygd etter skatt; 2017-kroner |",
        "| 100 færre unge utenfor arbeid sparer 1,1 mrd. (Vista Analyse 2010) | ca. 11 000 000 "
        f"per person | {number(outside)} | samme beregning som linjen over |",
        f"| Nettobidragsyter fra 24 år (Perspektivmeldingen 2017, 2010-data) | 24 år | "
        f"{contributor} år | første alder der befolkningens netto (våre delområder) er negativ "
        f"til 59 år; vi mangler barnehage, grunnskole og mange tjenester, så nivåene er ikke "
        f"sammenlignbare |",
    ]


def _listing(items: list[str]) -> str:
    return (
        ", ".join(items[:-1]) + (" og " if len(items) > 1 else "") + items[-1] if items else "ingen"
    )


def findings(open_data, calibrated, scenario, factors: dict[str, float]) -> list[str]:
    """What the deviations say, written from the numbers (never typed in by hand)."""
    plain, cal = calculate(scenario, open_data), calculate(scenario, calibrated)
    ratio = plain.net_gain["total"] / GUIDE["total"]
    same_sign = all(np.sign(_line(plain, a)) == np.sign(GUIDE[a]) for a in DATA_AREAS)
    low = [f"{AREA_NAMES_NB[a].lower()} ({trim(f, 2)})" for a, f in factors.items() if f > 1.1]
    high = [f"{AREA_NAMES_NB[a].lower()} ({trim(f, 2)})" for a, f in factors.items() if f < 0.9]
    payer_dev = {k: _line(cal, k) / GUIDE[k] - 1 for k in PAYERS}
    payers = [f"{PAYER_NAMES_NB[k].lower()} {_signed_pct(v)}" for k, v in payer_dev.items()]
    text = (
        f"**Hva avvikene sier.** Uten kalibrering er summen {trim(ratio * 100, 0)} % av "
        f"veiledningens{', med samme fortegn på alle områder' if same_sign else ''}. "
        f"For lave i de åpne dataene (faktor veiledningen / åpne data): {_listing(low)}; "
        f"for høye: {_listing(high)}. Gradientene for målgruppene er grove (se docs/data.md), "
        f"så avvik av denne størrelsen er ventet. Etter kalibrering avviker betalerlinjene "
        f"fra veiledningen: {_listing(payers)}."
    )
    if payer_dev["kommune"] > 0.1 > -0.1 > payer_dev["stat"]:
        text += (
            " Kommunen får for mye og staten for lite: en mulig årsak er at inntektsskatten er "
            "fordelt etter skatteøren (49 % til kommunen) og at barnevern mest er lagt på "
            "kommunen. Det er et funn om betalerfordelingen, ikke noe vi har justert bort."
        )
    english = (
        f"*Uncalibrated, the total is {trim(ratio * 100, 0)} % of the guide's. The calibration "
        f"factors say which areas are too low (> 1) or too high (< 1). After calibration the "
        f"payer lines, which are not calibrated, deviate by: "
        + ", ".join(f"{k} {_signed_pct(v)}" for k, v in payer_dev.items())
        + ".*"
    )
    return [text, "", english]


def validation(open_data: DataSet, calibrated: DataSet) -> str:
    factors = calibrated.metadata["calibration"]["area_factors"]
    scenario = load_scenario(WORKED_EXAMPLE)
    p13 = before_issue_33(_parameters())  # the issue-13 section: the files as it left them
    lines = [
        "# Validering av det åpne datasettet / Validation of the open data set",
        "",
        "Skrevet av `python -m utenfor.sources.report` fra datasettet "
        f"`{open_data.name}` {open_data.version} ({open_data.fingerprint[:19]}…); en test "
        "feiler hvis filen ikke stemmer med koden. *Written by the report module; a test fails "
        "when this file is out of date.*",
        "",
        "## Veiledningens eksempel / The guide's worked example",
        "",
        "Lavinntekt (foreldre på trygd), 13–15 år, 50 % → 60 %, 100 deltakere i 2021, "
        "2021-kroner, 40 år, 4 %. *Åpne data* er det medfølgende datasettet, uten kalibrering. "
        "*Kalibrert* er det samme etter det navngitte kalibreringstrinnet "
        "(`utenfor data build --calibrate-guide`), som skalerer målgruppens gap per område "
        "slik at de seks områdelinjene treffer veiledningen; betalerlinjene er ikke kalibrert "
        "og er derfor en uavhengig kontroll av betalerfordelingen.",
        "",
        *worked_example(open_data, calibrated, scenario),
        "",
        "Kalibreringsfaktorer (veiledningen / åpne data) per område: "
        + ", ".join(f"{AREA_NAMES_NB[a]} {trim(f, 2)}" for a, f in factors.items())
        + ".",
        "",
        *findings(open_data, calibrated, scenario, factors),
        "",
        *payer_split(calibrated, calculate(scenario, calibrated), GUIDE),
        "",
        *before_after(p13, scenario, GUIDE, _line, built(p13, False), built(p13, True)),
        "",
        *section(_parameters(), scenario, GUIDE, _line, built),
        "",
        "## Nåverdi per vellykket deltaker, 13–15 år / Present value per successful participant",
        "",
        f"Inngang ved 13–15 år i {open_data.price_base_year}, virkning etter 2 år, 40 år, 4 %, "
        f"{open_data.price_base_year}-kroner, åpne data uten kalibrering. Til sammenligning "
        "tilsvarer veiledningens eksempel (12 767 437 + 980 769) / 10 = 1 374 821 "
        "2021-kroner per vellykket deltaker (virkning fra 2023).",
        "",
        *per_group(open_data),
        "",
        "## Publiserte ankre / Published sanity anchors",
        "",
        *anchors(open_data),
        "",
    ]
    return "\n".join(lines)


def sources() -> str:
    lines = [
        "# Kildetall / Source figures",
        "",
        "Alle tall det åpne datasettet bygges av, fra `src/utenfor/sources/parameters/`. "
        "Status: *published* = som publisert; *derived* = regnet ut av publiserte tall "
        "(metoden står i filen); *estimate* = skjønn, med begrunnelse i filen. "
        "Skrevet av `python -m utenfor.sources.report`.",
        "",
        "| parameter | hva | enhet | år | status | grad | kilde |",
        "|---|---|---|---|---|---:|---|",
    ]
    for pid, prm in sorted(_parameters().items(), key=lambda kv: str(kv[1].path)):
        ref = prm.reference
        folder = prm.path.parent.name
        lines.append(
            f"| `{folder}/{pid}` | {prm.doc['description']} | {prm.doc['unit']} | "
            f"{prm.doc['year']} | {prm.doc['status']} | {prm.grade} | "
            f"[{ref['publication']}]({ref['url']}) |"
        )
        for m in prm.doc.get("multipliers", []):
            mref = m["reference"]
            lines.append(
                f"| ↳ {m['applies_to']} ({m.get('ages', 'alle aldre')}) | × {m['value']} | "
                f"multiplikator | | {m['status']} | {m['grade']} | "
                f"[{mref['publication']}]({mref['url']}) |"
            )
    return "\n".join(lines) + "\n"


GRADE_START, GRADE_END = "<!-- grades:start -->", "<!-- grades:end -->"


def grade_table() -> str:
    """docs/data.md's table of every figure with its grade (between the two markers)."""
    lines = [GRADE_START, "", "| figur | grad | status | år |", "|---|---:|---|---|"]
    for pid, prm in sorted(_parameters().items(), key=lambda kv: str(kv[1].path)):
        lines.append(f"| `{prm.path.parent.name}/{pid}` | {prm.grade} | {prm.doc['status']} | "
                     f"{prm.doc['year']} |")  # fmt: skip
        for m in prm.doc.get("multipliers", []):
            lines.append(f"| ↳ {m['applies_to']} ({m.get('ages', 'alle aldre')}) | "
                         f"{m['grade']} | {m['status']} | |")  # fmt: skip
    return "\n".join([*lines, "", GRADE_END])


def data_md() -> str:
    """docs/data.md with its grade table written from the parameter files."""
    text = (DOCS / "data.md").read_text(encoding="utf-8")
    before, rest = text.split(GRADE_START, 1)
    return before + grade_table() + rest.split(GRADE_END, 1)[1]


def documents() -> dict[str, str]:
    """The generated documents, by file name (data.md only in part)."""
    return {
        "validation.md": validation(load_dataset(BUNDLED), built(_parameters(), calibrate=True)),
        "sources.md": sources(),
        "data.md": data_md(),
    }


if __name__ == "__main__":
    DOCS.mkdir(exist_ok=True)
    for name, text in documents().items():
        (DOCS / name).write_text(text, encoding="utf-8")
        print(f"wrote docs/{name}")
