"""The plan's PDF for the kommunestyre (issue 15, item 4): the plan on its first pages, then
each initiative on pages of its own (the same report as a single scenario's), with the
assumptions and the data set's fingerprint. Every text from the user enters as a string
literal, as in `reports.pdf`."""

from __future__ import annotations

import tempfile
from pathlib import Path

import typst

from utenfor import MODEL_VERSION
from utenfor.data.dataset import DataSet
from utenfor.model.portfolio import Portfolio
from utenfor.reports import plan_tables
from utenfor.reports.language import tr
from utenfor.reports.pdf import made, s, source, typst_table
from utenfor.reports.report import Report


def plan_source(name: str, p: Portfolio, data: DataSet, folder: Path, lang: str = "nb") -> str:
    d = data
    stamp = (f"utenfor {MODEL_VERSION} · {tr('datasett', lang)} {d.name} {d.version} · "
             f"{d.fingerprint}")  # fmt: skip
    tables = plan_tables.tables(p, lang)
    year = p.break_even
    even = (tr("Planen går i balanse (break-even) i {year}.", lang).format(year=year) if year
            else tr("Planen går ikke i balanse innen analyseperioden.", lang))  # fmt: skip
    # The plan computed every initiative already: each page reports that result.
    reports = [Report(r, None, lang, n) for n, r in zip(p.names, p.results, strict=True)]
    out = [
        '#set page(paper: "a4", margin: (x: 2cm, top: 2cm, bottom: 2.2cm),',
        f"  footer: align(center, text(size: 7pt, fill: luma(90))[{s(stamp)} · "
        f"{s(tr('side', lang))} #context counter(page).display()]))",
        f'#set text(lang: "{lang}", size: 10pt)',
        f'#text(size: 18pt, weight: "bold")[{s(name)}]\n',
        f"{s(made(lang))}\n",
        f"{s(even)}\n",
        *(
            f"== {s(t.title)}\n{typst_table(t)}{s(t.note) if t.note else ''}\n"
            for key, t in tables.items()
            if key != "plan_years"
        ),
        f"== {s(tr('Forutsetninger', lang))}\n",
        f"- {s(tr('Kroner og diskontering fra {year}', lang).format(year=p.base_year))}: "
        f"{s(reports[0].discounting)}\n",
        f"- {s(d.title + ' (' + d.version + '), ' + d.fingerprint)}\n",
    ]
    if p.overlaps:
        out.append(f"== {s(tr('Advarsler', lang))}\n")
        out += [f"- {s(o.text(lambda t: tr(t, lang)))}\n" for o in p.overlaps]
    for i, rep in enumerate(reports, start=1):
        out.append("#pagebreak()\n")
        out.append(source(rep, folder, prefix=f"tiltak{i}-"))
    return "\n".join(out)


def plan_pdf(name: str, p: Portfolio, data: DataSet, lang: str = "nb") -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "plan.typ").write_text(plan_source(name, p, data, folder, lang), "utf-8")
        return typst.compile(str(folder / "plan.typ"))
