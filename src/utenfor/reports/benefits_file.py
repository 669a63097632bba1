"""The benefit-realisation plan as a file (issue 15, item 2): the workbook, or a PDF in the
style of the report (landscape, the plan to fill in and the expected gain per year). Every
text from the user enters the PDF as a string literal (`pdf.s`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import typst

from utenfor import MODEL_VERSION
from utenfor.model.benefits import BenefitLine
from utenfor.reports.benefit_tables import by_year, plan
from utenfor.reports.language import tr
from utenfor.reports.pdf import made, s, typst_table
from utenfor.reports.xlsx_benefits import benefits_workbook

MEDIA = {"pdf": "application/pdf",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip


def benefits_source(lines: list[BenefitLine], title: str, lang: str = "nb") -> str:
    table, years = plan(lines, lang), by_year(lines, lang, shown=10)
    return "\n".join([
        '#set page(paper: "a4", flipped: true, margin: 1.6cm,',
        f"  footer: align(center, text(size: 7pt, fill: luma(90))[{s('utenfor ' + MODEL_VERSION)}"
        f" · {s(tr('side', lang))} #context counter(page).display()]))",
        f'#set text(lang: "{lang}", size: 9pt)',
        f'#text(size: 16pt, weight: "bold")[{s(title)}]\n',
        f"{s(made(lang))}\n",
        f"== {s(table.title)}\n", typst_table(table), f"{s(table.note)}\n",
        f"== {s(years.title)}\n", typst_table(years),
    ])  # fmt: skip


def benefits_file(lines: list[BenefitLine], title: str, fmt: str, lang: str = "nb"):
    """(content, media type) of the plan as .pdf or .xlsx."""
    if fmt == "xlsx":
        return benefits_workbook(lines, title, lang), MEDIA[fmt]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gevinstplan.typ"
        path.write_text(benefits_source(lines, title, lang), encoding="utf-8")
        return typst.compile(str(path)), MEDIA[fmt]
