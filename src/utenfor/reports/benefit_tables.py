"""The benefit-realisation plan as tables (issue 15, item 2): one for the command line and the
workbook, with the columns the municipality fills in left empty."""

from __future__ import annotations

from utenfor.model.benefits import BenefitLine
from utenfor.reports.language import area_name, payer_name, tr
from utenfor.reports.table import Column, Table


def plan(lines: list[BenefitLine], lang: str) -> Table:
    columns = (Column(tr("Aktør", lang), "text"), Column(tr("Område", lang), "text"),
               Column(tr("Nåverdi", lang)), Column(tr("Indikator", lang), "text"),
               Column(tr("Utgangspunkt", lang), "text"), Column(tr("Mål", lang), "text"),
               Column(tr("Ansvarlig", lang), "text"),
               Column(tr("Måles når", lang), "text"))  # fmt: skip
    rows = tuple((payer_name(x.payer, lang), area_name(x.area, lang), x.present_value,
                  tr(x.indicator, lang), x.baseline, x.target, x.responsible, x.measured)
                 for x in lines)  # fmt: skip
    note = tr(
        "Forventet gevinst per aktør og område; indikatorene er forslag. Fyll inn "
        "utgangspunkt, mål, ansvarlig og når det måles.",
        lang,
    )
    return Table("benefits", tr("Gevinstrealiseringsplan", lang), columns, rows, note=note)


def by_year(lines: list[BenefitLine], lang: str, shown: int | None = None) -> Table:
    """The expected gain per line and year; with `shown`, the first `shown` years one by one
    and the rest summed in a last column (for a page that cannot hold 40 columns)."""
    years = sorted({y for x in lines for y in x.by_year})
    first, later = (years, []) if shown is None else (years[:shown], years[shown:])
    columns = (Column(tr("Aktør", lang), "text"), Column(tr("Område", lang), "text"),
               *(Column(str(y)) for y in first))  # fmt: skip
    if later:
        columns += (Column(f"{later[0]}–{later[-1]}"),)
    rows = tuple((payer_name(x.payer, lang), area_name(x.area, lang),
                  *(x.by_year.get(y, 0.0) for y in first),
                  *((sum(x.by_year.get(y, 0.0) for y in later),) if later else ()))
                 for x in lines)  # fmt: skip
    return Table("benefits_by_year", tr("Forventet gevinst per år (udiskontert)", lang),
                 columns, rows)  # fmt: skip
