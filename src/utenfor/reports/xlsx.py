"""The Excel workbook (issue 5): numbers stored as numbers, unrounded, with Norwegian display
formats (Excel shows `#,##0` with the user's own separators: 12 767 437 in Norwegian Excel).

Every sheet is written from the `Report`'s built tables, so rows follow the list of areas and
payers (no fixed row numbers) and the numbers are those the page and the PDF show. Sheets:
Forutsetninger (the inputs in plain words, and per year), Resultater (the three tables with
native charts), Hva om (sensitivity, uncertainty, co-financing), Kontantstrøm (year x area x
payer), Livsløp (the per-age gap used, by area), Om (model version, data set, sources).
"""

from __future__ import annotations

import io
from datetime import date

import xlsxwriter

from utenfor import MODEL_VERSION
from utenfor.reports import result_tables, xlsx_model
from utenfor.reports.language import N_, payer_name, tr
from utenfor.reports.report import Report
from utenfor.reports.table import KINDS, Table, pct_format
from utenfor.reports.xlsx_sheet import ModelSheet, PrintableSheet
from utenfor.terms import PAYERS

# Text is always text: with XlsxWriter's defaults a string starting with "=" becomes a live
# formula and one that looks like a URL a link. A scenario name is typed by a user and may be
# opened by another (issue 12), so every workbook is made by `new_workbook`, with both off.
OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}


def new_workbook(buf: io.BytesIO) -> xlsxwriter.Workbook:
    wb = xlsxwriter.Workbook(buf, OPTIONS)
    wb.worksheet_class = PrintableSheet
    return wb


class Styles:
    def __init__(self, wb: xlsxwriter.Workbook):
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.bold = wb.add_format({"bold": True})
        self.head = wb.add_format({"bold": True, "bottom": 1, "text_wrap": True})
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        self.pct = wb.add_format({"num_format": KINDS["pct"][1]})
        self.kr = wb.add_format({"num_format": KINDS["kr"][1]})
        self.kinds = {k: wb.add_format({"num_format": f}) for k, (_, f) in KINDS.items() if f}
        # percentages with the decimals their column needs, as on the page (issue 31, item 21)
        self.places = {n: wb.add_format({"num_format": pct_format(n)}) for n in range(3)}


def write_table(ws, st: Styles, table: Table, row: int, title: bool = True,
                values: int | None = None) -> int:  # fmt: skip
    """`table` from `row` down (its title, a header, the rows); the row after it. With `values`,
    only the first `values` columns' values (the caller writes the others)."""
    if title:
        ws.write_string(row, 0, table.title, st.bold)
        row += 1
    for j, c in enumerate(table.columns):
        ws.write_string(row, j, c.title, st.head)
    shown = [st.kinds.get(c.kind) if n is None else st.places[n]
             for c, n in zip(table.columns, table.places(), strict=True)]  # fmt: skip
    shown = shown[:values]
    for i, cells in enumerate(table.rows, start=row + 1):
        for j, (v, number_format) in enumerate(zip(cells[:values], shown, strict=True)):
            write_value(ws, i, j, v, number_format)
    return row + 1 + len(table.rows)


def write_value(ws, row: int, col: int, value, number_format=None) -> None:
    """A table cell: a dash for no value, text always as a string (never a formula), a number
    in the column's format."""
    if value is None:
        ws.write_string(row, col, "–")
    elif isinstance(value, str):
        ws.write_string(row, col, value)
    else:
        ws.write_number(row, col, float(value), number_format)


def _inputs(wb, ws, st: Styles, rep: Report) -> None:
    lang, s = rep.lang, rep.scenario
    ws.write_string(0, 0, rep.heading, st.title)
    ws.write_string(1, 0, tr("Som eksportert (verdier): endre forutsetningene på arket Inndata",
                             lang))  # fmt: skip
    for i, (label, value) in enumerate(rep.assumptions.rows, start=2):
        ws.write_string(i, 0, label, st.bold)
        ws.write_string(i, 1, value, st.wrap)
    row = len(rep.assumptions.rows) + 3
    years = list(s.programme_years)
    ws.write_string(row, 0, tr("Per år", lang), st.head)
    for j, y in enumerate(years, start=1):
        ws.write_number(row, j, y, st.head)
    lines = [(tr("Nye deltakere", lang), {y: s.participants.get(y, 0) for y in years})]
    for label, tables in ((N_("Kostnad"), s.costs), (N_("Faller bort"), s.costs_falling_away)):
        lines += [(f"{tr(label, lang)}, {payer_name(p, lang).lower()}", tables.get(p, {}))
                  for p in PAYERS]  # fmt: skip
    for i, (label, table) in enumerate(lines, start=row + 1):
        ws.write_string(i, 0, label)
        for j, y in enumerate(years, start=1):
            ws.write_number(i, j, table.get(y, 0), st.kr)
    ws.set_column(0, 0, 48)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 12, 16)


def _chart(wb, ws, title: str, kind: str, cats: tuple, vals: tuple, anchor: str) -> None:
    chart = wb.add_chart({"type": kind})
    sheet = ws.get_name()
    chart.add_series({"name": title, "categories": [sheet, *cats], "values": [sheet, *vals],
                      "invert_if_negative": False})  # fmt: skip
    chart.set_title({"name": title})
    chart.set_legend({"none": True})
    chart.set_y_axis({"num_format": KINDS["kr"][1]})
    ws.insert_chart(anchor, chart, {"x_scale": 1.3})


def _results(wb, ws, st: Styles, rep: Report) -> dict:
    lang, r = rep.lang, rep.result
    kr = f"{r.scenario.start_year}{tr('-kroner', lang)}"
    ws.write_string(0, 0, f"{tr('Resultater', lang)} ({kr}, {tr('diskontert', lang)}, "
                          f"{r.plan.horizon} {tr('år', lang)})", st.title)  # fmt: skip
    ws.write_string(1, 0, tr("Formler: regnes om når Inndata endres (arkene 1–8 viser hvordan)",
                             lang))  # fmt: skip
    payers, areas, cumulative = (rep.tables[k] for k in ("payers", "areas", "cumulative"))
    first = 2
    after = write_table(ws, st, payers, first)
    ws.write_string(after, 0, tr("Samlet break-even", lang), st.bold)
    area_row = after + 2
    after_areas = write_table(ws, st, areas, area_row)
    cum_row = after_areas + 1
    last = write_table(ws, st, cumulative, cum_row) - 1
    # Chart ranges follow the tables: header at first + 1, rows below (the "I alt" row first).
    p0, a0, c0 = first + 2, area_row + 2, cum_row + 2
    _chart(
        wb,
        ws,
        tr("Figur 1. Nettogevinst fordelt på aktører", lang),
        "column",
        (p0, 0, p0 + len(payers.rows) - 1, 0),
        (p0, 1, p0 + len(payers.rows) - 1, 1),
        "E3",
    )
    _chart(
        wb,
        ws,
        tr("Figur 2. Akkumulert nettogevinst", lang),
        "line",
        (c0, 0, last, 0),
        (c0, 1, last, 1),
        "E19",
    )
    _chart(wb, ws, tr("Figur 3. Nettogevinst for ulike tjenesteområder", lang), "bar",
           (a0 + 1, 0, a0 + len(areas.rows) - 1, 0), (a0 + 1, 1, a0 + len(areas.rows) - 1, 1),
           "E35")  # fmt: skip
    ws.set_column(0, 0, 42)
    ws.set_column(1, 6, 18)
    return {"payers": p0, "areas": a0, "cumulative": c0, "break_even": after}


def _what_if(wb, ws, st: Styles, rep: Report) -> None:
    ws.write_string(0, 0, tr("Hva om? Terskler, følsomhet og usikkerhet", rep.lang), st.title)
    ws.write_string(1, 0, tr("Verdier, regnes ikke om: disse tallene endres ikke når Inndata "
                             "endres; eksporter på nytt", rep.lang), st.bold)  # fmt: skip
    row = 3
    for sentence in rep.sentences:
        ws.write_string(row, 0, sentence)
        row += 1
    for key in ("sensitivity", "uncertainty", "cofinancing"):
        row = write_table(ws, st, rep.tables[key], row + 1)
    ws.set_column(0, 0, 48)
    ws.set_column(1, 6, 20)


def _cashflow(wb, ws, st: Styles, rep: Report) -> None:
    table = result_tables.cash_flow(rep.result, rep.lang)
    end = write_table(ws, st, table, 0, title=False, values=3)  # the rest: link_cash_flow
    ws.autofilter(0, 0, end - 1, len(table.columns) - 1)
    ws.freeze_panes(1, 0)
    ws.set_column(0, 2, 26)
    ws.set_column(3, 5, 18)


def _life_course(wb, ws, st: Styles, rep: Report) -> None:
    data = rep.result.data
    table = result_tables.gaps(data, rep.result.plan.group, range(data.max_age + 1), rep.lang)
    ws.write_string(0, 0, table.title, st.title)
    write_table(ws, st, table, 2, title=False)
    ws.set_column(0, len(table.columns), 16)


def _about(wb, ws, st: Styles, rep: Report) -> None:
    lang, d = rep.lang, rep.result.data
    note = N_("Modellen sier ingenting om hvorvidt tiltaket virker; suksessraten er en "
            "forutsetning. Tallene gjelder offentlige budsjetter. Sosial arv av trygdeytelser er "
            "ikke regnet med.")  # fmt: skip
    rows = [(N_("Laget"), date.today().isoformat()),
            (N_("Modell"), f"utenfor {MODEL_VERSION} "
                       f"({tr('åpen implementasjon av Utenfor-regnskapet', lang)}, KS 2019)"),
            (N_("Datasett"), f"{d.title} ({d.name} {d.version})"),
            (N_("Fingeravtrykk"), d.fingerprint), (N_("Merk"), tr(note, lang))]  # fmt: skip
    ws.write_string(0, 0, tr("Om beregningen", lang), st.title)
    for i, (k, v) in enumerate(rows, start=2):
        ws.write_string(i, 0, tr(k, lang), st.bold)
        ws.write_string(i, 1, v, st.wrap)
    sources = d.metadata.get("sources", [])
    ws.write_string(len(rows) + 3, 0, tr("Kilder", lang), st.head)
    for i, src in enumerate(sources, start=len(rows) + 4):
        for j, key in enumerate(("parameter", "title", "path")):
            ws.write_string(i, j, str(src.get(key, "")), st.wrap if j == 1 else None)
    for i, w in enumerate(rep.warnings, start=len(rows) + 5 + len(sources)):
        ws.write_string(i, 0, tr("Advarsel", lang), st.bold)
        ws.write_string(i, 1, w, st.wrap)
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 90)
    ws.set_column(2, 2, 60)


SHEETS = (
    (N_("Forutsetninger"), _inputs),
    ("inputs", None),
    (N_("Resultater"), _results),
    (N_("Hva om"), _what_if),
    (N_("Kontantstrøm"), _cashflow),
    (N_("Livsløp"), _life_course),
    (N_("Om"), _about),
)
MODEL_SHEETS = ("group", "population", "shares", "prices", "local", "gap", "gain", "elapsed",
                "yearly", "priced", "discounted", "cumulative", "sums")  # fmt: skip


def workbook(rep: Report) -> bytes:
    """The workbook for one report, as bytes, in the report's language: the model as formulas
    (xlsx_model), the what-if analysis as values."""
    buf = io.BytesIO()
    wb = new_workbook(buf)
    st = Styles(wb)
    sheets = {}
    for name, _fill in SHEETS:
        if name == "Hva om" and rep.analysis is None:
            continue
        if name == "inputs":
            sheets.update(xlsx_model.add_sheets(wb, ["inputs"], rep.lang))
        else:
            sheets[name] = wb.add_worksheet(tr(name, rep.lang), ModelSheet)
    sheets.update(xlsx_model.add_sheets(wb, MODEL_SHEETS, rep.lang))
    model = xlsx_model.fill(wb, sheets, st, rep)
    for name, fill in SHEETS:
        if fill is None or name not in sheets:
            continue
        rows = fill(wb, sheets[name], st, rep)
        if name == "Resultater":
            xlsx_model.link_results(wb, sheets[name], st, rep, model, rows)
        elif name == "Kontantstrøm":
            xlsx_model.link_cash_flow(sheets[name], st, rep, model)
    wb.close()
    return buf.getvalue()
