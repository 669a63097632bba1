"""The PDF report a council member can read (issue 5): A4, bokmål, Typst, offline.

Charts come from the same Vega-Lite specs as the web page, rendered to SVG by vl-convert with
the Norwegian number format. Every text from the user or the data set enters the Typst source
as a string literal (never as markup), so a scenario name cannot change the document.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import typst
import vl_convert

from utenfor import MODEL_VERSION
from utenfor.formatting import NBSP, number, percent, trim
from utenfor.model.result import Result
from utenfor.reports.charts import area_chart, cumulative_chart, payer_chart
from utenfor.reports.council_text import council_text
from utenfor.terms import AREA_NAMES_NB, AREAS, PAYER_NAMES_NB, PAYERS

LOCALE = {"decimal": ",", "thousands": NBSP, "grouping": [3], "currency": ["", " kr"],
          "minus": "\u2212"}  # fmt: skip


def s(text: object) -> str:
    """A Typst string literal shown as text: #"..." (JSON escaping is valid Typst)."""
    return "#" + json.dumps(str(text), ensure_ascii=False)


def kr(value: float) -> str:
    return s(number(value, 0, NBSP))


def _table(header: list[str], rows: list[list[str]], aligns: str) -> str:
    cells = [f"[*{s(h)}*]" if h else "[]" for h in header]
    for row in rows:
        cells += [f"[{c}]" for c in row]
    return (f"#table(columns: {len(header)}, align: ({aligns}), stroke: 0.4pt + luma(180),\n  "
            + ",\n  ".join(cells) + ")\n")  # fmt: skip


def _chart(spec: dict, folder: Path, name: str) -> str:
    spec = {**spec, "width": 440}
    svg = vl_convert.vegalite_to_svg(spec, format_locale=LOCALE)
    (folder / f"{name}.svg").write_text(svg, encoding="utf-8")
    return f'#align(center, image("{name}.svg", width: 85%))\n'


def _plain_words(r: Result) -> str:
    sc = r.scenario
    g = r.data.group(sc.target_group)
    parts = [
        f"- *Målgruppe:* {s(g.name_nb)}. {s(g.definition_nb)}",
        f"- *Aldersgruppe:* {s(', '.join(sc.age_groups) + ' år')}",
        f"- *Suksessrate:* {s(f'{percent(sc.share_without_pct)} uten tiltaket, {percent(sc.share_with_pct)} med; suksessrate {trim(sc.success_rate_pct)} prosentpoeng')}",  # noqa: E501
        f"- *Varighet:* {s(f'fra {sc.start_year}, kommunen kjører tiltaket i {sc.years_run} år, hvert tiltak varer {sc.intervention_years} år')}",  # noqa: E501
        f"- *Nye deltakere:* {s('; '.join(f'{y}: {n}' for y, n in sc.participants.items() if n))}",
    ]
    for label, tables in (("Kostnader", sc.costs), ("Kostnader som faller bort",
                                                    sc.costs_falling_away)):  # fmt: skip
        items = [f"{PAYER_NAMES_NB[p]} {y}: {number(v, 0, NBSP)} kr"
                 for p, t in tables.items() for y, v in t.items() if v]  # fmt: skip
        parts.append(f"- *{label}:* {s('; '.join(items) or 'ingen')}")
    grants = [f"{PAYER_NAMES_NB[g_.from_]} til {PAYER_NAMES_NB[g_.to].lower()} {g_.year}: "
              f"{number(g_.amount, 0, NBSP)} kr" for g_ in sc.grants]  # fmt: skip
    parts.append(f"- *Tilskudd:* {s('; '.join(grants) or 'ingen')}")
    st = sc.settings
    analysis = (f"{st.analysis_years} år, diskontert med {percent(st.discount_rate_pct)}, "
                f"i {sc.start_year}-kroner")  # fmt: skip
    parts.append(f"- *Analyse:* {s(analysis)}")
    return "\n".join(parts) + "\n"


def source(result: Result, folder: Path, title: str | None = None) -> str:
    """The Typst source of the report; the charts are written to `folder`."""
    r = result
    d = r.data
    stamp = (f"utenfor {MODEL_VERSION} · datasett {d.name} {d.version} · "
             f"{d.fingerprint}")  # fmt: skip
    heading = title or f"Utenfor-regnskapet: {d.group(r.scenario.target_group).name_nb}"
    per, net = r.net_gain_per_participant, r.net_gain
    payer_rows = [[s("I alt"), kr(net["total"]), kr(per["total"])]] + [
        [s(PAYER_NAMES_NB[p]), kr(net[p]), kr(per[p])] for p in PAYERS
    ]
    area_rows = [[s("I alt"), kr(net["total"]), kr(per["total"])]] + [
        [s(AREA_NAMES_NB[a]), kr(r.by_area[a]["total"]), kr(r.by_area_per_participant[a]["total"])]
        for a in AREAS
    ]
    be = r.break_even
    if be:
        be_text = (f"Tiltaket gir samlede økonomiske gevinster {be['years']} år etter "
                   f"oppstart, fra {be['year']}.")  # fmt: skip
    else:
        be_text = (f"Tiltaket går ikke i balanse innen analyseperioden "
                   f"({r.years[0]}–{r.years[-1]}).")  # fmt: skip
    kr_year = f"{r.scenario.start_year}-kroner"
    header = ["", "Samlet nettogevinst", "Nettogevinst pr. deltaker"]
    out = [
        '#set page(paper: "a4", margin: (x: 2cm, top: 2cm, bottom: 2.2cm),',
        f"  footer: align(center, text(size: 7pt, fill: luma(90))[{s(stamp)} · side #context counter(page).display()]))",  # noqa: E501
        '#set text(lang: "nb", size: 10pt)',
        "#set par(justify: false)",
        f'#text(size: 18pt, weight: "bold")[{s(heading)}]\n',
        f"{s('Laget ' + date.today().strftime('%d.%m.%Y') + ' med Utenfor-regnskapet (åpen implementasjon av KS’ modell fra 2019).')}\n",  # noqa: E501
        "== Forutsetningene\n",
        _plain_words(r),
        f"== Figur 1. Nettogevinst fordelt på aktører ({s(kr_year)}, {r.plan.horizon} år)\n",
        _chart(payer_chart(r), folder, "figur1"),
        _table(header, payer_rows, "left, right, right"),
        "== Figur 2. Break-even\n",
        f"{s(be_text)}\n",
        _chart(cumulative_chart(r), folder, "figur2"),
        "== Figur 3. Nettogevinst for ulike tjenesteområder\n",
        _chart(area_chart(r), folder, "figur3"),
        _table(header, area_rows, "left, right, right"),
        *_what_if(r),
        "== Slik kan resultatet presenteres\n",
        "\n\n".join(s(p) for p in council_text(r)) + "\n",
        "== Hva modellen ikke sier\n",
        "\n".join(
            f"- {s(t)}"
            for t in (
                "Modellen sier ingenting om hvorvidt tiltaket virker: suksessraten er en "
                "forutsetning.",
                "Tallene gjelder offentlige budsjetter (kommune, fylkeskommune og stat), ikke "
                "samfunnsøkonomiske konsekvenser.",
                "Bortfall av sosial arv av trygdeytelser er ikke regnet med.",
                f"Datasettet er «{d.title}» ({d.version}). Det åpne datasettet er bygget av "
                "publisert statistikk; målgruppene er anslått ut fra befolkningen med "
                "dokumenterte justeringer, ikke målt i registre. Se docs/data.md for svakhetene.",
            )
        )
        + "\n",
    ]
    if r.warnings:
        out.append("== Advarsler\n")
        out.append("\n".join(f"- {s(w['message'])}" for w in r.warnings) + "\n")
    return "\n".join(out)


def _what_if(r: Result) -> list[str]:
    """Thresholds, sensitivity and uncertainty (issue 6), as on the result page."""
    from utenfor.model.analysis import analyse
    from utenfor.reports.analysis_text import threshold_sentences

    a = analyse(r.scenario, r.data)
    sens = a["sensitivity"]
    q = a["uncertainty"]["net_gain"]
    names = {"total": "I alt", **PAYER_NAMES_NB}
    return [
        "== Hva om? Terskler, følsomhet og usikkerhet\n",
        "\n".join(f"- {s(t)}" for t in threshold_sentences(a)) + "\n",
        _table(
            ["Hva endres", "Lav", "Høy"],
            [[s(i["label_nb"]), kr(i["low"]), kr(i["high"])] for i in sens["items"]],
            "left, right, right",
        ),
        _table(
            ["Nettogevinst", "P10", "P50", "P90"],
            [[s(names[k]), kr(v["p10"]), kr(v["p50"]), kr(v["p90"])] for k, v in q.items()],
            "left, right, right, right",
        ),
    ]


def report(result: Result, title: str | None = None) -> bytes:
    """The PDF report as bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "rapport.typ").write_text(source(result, folder, title), encoding="utf-8")
        return typst.compile(str(folder / "rapport.typ"))
