"""The PDF report a council member can read (issue 5): A4, bokmål, Typst, offline.

Charts are the same SVG drawings as the web page's (`reports.svg`), with the Norwegian number
format. Every text from the user or the data set enters the Typst source
as a string literal (never as markup), so a scenario name cannot change the document.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import typst

from utenfor import MODEL_VERSION
from utenfor.formatting import NBSP
from utenfor.printable import printable
from utenfor.reports import svg
from utenfor.reports.charts import Chart
from utenfor.reports.language import N_, tr
from utenfor.reports.report import Report
from utenfor.reports.table import Table


def s(text: object) -> str:
    """A Typst string literal shown as text: #"..." (JSON escaping is valid Typst; a control
    character, which JSON would write as \\u0001 and Typst show as such, is removed)."""
    return "#" + json.dumps(printable(str(text)), ensure_ascii=False)


def made(lang: str) -> str:
    """The line under every PDF's title: made today, with what."""
    made_with = tr("med Utenfor-regnskapet (åpen implementasjon av KS’ modell fra 2019).", lang)
    return f"{tr('Laget', lang)} {date.today().strftime('%d.%m.%Y')} {made_with}"


def typst_table(table: Table) -> str:
    """Any built table: text columns left, numbers right, as Norwegians write them."""
    cells = [f"[*{s(c.title)}*]" if c.title else "[]" for c in table.columns]
    cells += [f"[{s(cell)}]" for row in table.shown(NBSP) for cell in row]
    aligns = ", ".join("left" if c.kind == "text" else "right" for c in table.columns)
    return (
        f"#table(columns: {len(table.columns)}, align: ({aligns}), "
        "stroke: 0.4pt + luma(180),\n  " + ",\n  ".join(cells) + ")\n"
    )


def _chart(chart: Chart, folder: Path, name: str) -> str:
    (folder / f"{name}.svg").write_text(svg.draw(chart), encoding="utf-8")
    return f'#align(center, image("{name}.svg", width: 85%))\n'


def _plain_words(table: Table) -> str:
    return "\n".join(f"- *{s(label)}:* {s(value)}" for label, value in table.rows) + "\n"


CAVEATS = (
    N_("Modellen sier ingenting om hvorvidt tiltaket virker: suksessraten er en forutsetning."),
    N_(
        "Tallene gjelder offentlige budsjetter (kommune, fylkeskommune og stat), ikke "
        "samfunnsøkonomiske konsekvenser."
    ),
    N_("Bortfall av sosial arv av trygdeytelser er ikke regnet med."),
    N_(
        "Datasettet bygger på publisert statistikk; målgruppene er anslått ut fra befolkningen "
        "med dokumenterte justeringer, ikke målt i registre. Svakhetene står på siden «Det åpne "
        "datasettet» i appen (/dokumentasjon/data)."
    ),
)


def source(rep: Report, folder: Path, prefix: str = "") -> str:
    """The Typst source of the report; the charts are written to `folder`, their file names
    starting with `prefix` (a plan's PDF holds several reports)."""
    r, lang, d = rep.result, rep.lang, rep.result.data
    stamp = (f"utenfor {MODEL_VERSION} · {tr('datasett', lang)} {d.name} {d.version} · "
             f"{d.fingerprint}")  # fmt: skip
    kr_year = f"{r.scenario.start_year}{tr('-kroner', lang)}"
    years = f"{r.plan.horizon} {tr('år', lang)}"
    out = [
        '#set page(paper: "a4", margin: (x: 2cm, top: 2cm, bottom: 2.2cm),',
        f"  footer: align(center, text(size: 7pt, fill: luma(90))[{s(stamp)} · "
        f"{s(tr('side', lang))} #context counter(page).display()]))",
        f'#set text(lang: "{lang}", size: 10pt)',
        "#set par(justify: false)",
        f'#text(size: 18pt, weight: "bold")[{s(rep.heading)}]\n',
        f"{s(made(lang))}\n",
        f"== {s(rep.assumptions.title)}\n",
        _plain_words(rep.assumptions),
        *([f"{s(rep.data_quality)}\n"] if rep.data_quality else []),
        f"== {s(tr('Figur 1. Nettogevinst fordelt på aktører', lang))} "
        f"({s(kr_year)}, {s(years)})\n",
        _chart(rep.charts["payers"], folder, f"{prefix}figur1"),
        typst_table(rep.tables["payers"]),
        f"== {s(tr('Figur 2. Break-even', lang))}\n",
        f"{s(rep.break_even)}\n",
        _chart(rep.charts["cumulative"], folder, f"{prefix}figur2"),
        f"== {s(tr('Figur 3. Nettogevinst for ulike tjenesteområder', lang))}\n",
        _chart(rep.charts["areas"], folder, f"{prefix}figur3"),
        typst_table(rep.tables["areas"]),
    ]
    if rep.analysis is not None:
        out += [
            f"== {s(tr('Hva om? Terskler, følsomhet og usikkerhet', lang))}\n",
            "\n".join(f"- {s(t)}" for t in rep.sentences) + "\n",
            *(typst_table(rep.tables[k]) for k in ("sensitivity", "uncertainty", "cofinancing")),
        ]
    out += [
        f"== {s(tr('Slik kan resultatet presenteres', lang))}\n",
        "\n\n".join(s(p) for p in rep.council) + "\n",
        f"== {s(tr('Hva modellen ikke sier', lang))}\n",
        "\n".join(f"- {s(tr(t, lang))}" for t in CAVEATS)
        + f"\n- {s(d.title + ' (' + d.version + ')')}\n",
    ]  # fmt: skip
    if rep.warnings:
        out.append(f"== {s(tr('Advarsler', lang))}\n")
        out.append("\n".join(f"- {s(w)}" for w in rep.warnings) + "\n")
    if "grades" in rep.tables:  # the data appendix: how sure each figure is
        grades = rep.tables["grades"]
        out += [f"== {s(grades.title)}\n", typst_table(grades), f"{s(grades.note)}\n"]
    return "\n".join(out)


def pdf(rep: Report) -> bytes:
    """The PDF report as bytes, in the report's language."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "rapport.typ").write_text(source(rep, folder), encoding="utf-8")
        return typst.compile(str(folder / "rapport.typ"))
