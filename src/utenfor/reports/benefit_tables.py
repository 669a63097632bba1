"""The benefit-realisation plan as tables (issue 15, item 2): one for the command line and the
workbook, with the columns the municipality fills in left empty; the expected gain by year;
and the indicators against what was measured."""

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


def measured(lines: list[BenefitLine], items: list[dict], lang: str) -> Table:
    """The benefit plan's indicators against what was measured, year by year (issue 15, item
    3): each line's indicator, baseline and target, and the value measured each year."""
    years = sorted({y for m in items for y in m["values"]})
    found = {(m["payer"], m["area"]): m["values"] for m in items}
    columns = (Column(tr("Indikator", lang), "text"), Column(tr("Aktør og område", lang), "text"),
               Column(tr("Utgangspunkt", lang), "text"), Column(tr("Mål", lang), "text"),
               *(Column(y, "text") for y in years))  # fmt: skip
    named = {(x.payer, x.area): x for x in lines}
    rows = []
    for key, values in found.items():
        line = named.get(key)
        where = f"{payer_name(key[0], lang)}, {area_name(key[1], lang).lower()}"
        rows.append((tr(line.indicator, lang) if line else "", where,
                     line.baseline if line else "", line.target if line else "",
                     *(values.get(y, "") for y in years)))  # fmt: skip
    return Table("measured", tr("Indikatorene: utgangspunkt, mål og målt", lang),
                 columns, tuple(rows))  # fmt: skip
