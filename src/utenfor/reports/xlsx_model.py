"""The model inside the workbook (issue 34): Inndata, the data sheets and the calculation sheets
(`xlsx_inputs`, `xlsx_data`, `xlsx_formulas`), and the links that make the Resultater and
Kontantstrøm sheets formulas of them, with the defined names of docs/formats.md, "Workbook"."""

from __future__ import annotations

from utenfor.reports.language import tr
from utenfor.reports.report import Report
from utenfor.reports.xlsx_cells import FIRST, FLOWS, SHEET_NAMES, cell, ref
from utenfor.reports.xlsx_data import write_local, write_prices, write_profile, write_shares
from utenfor.reports.xlsx_formulas import write_model
from utenfor.reports.xlsx_inputs import write_inputs
from utenfor.reports.xlsx_sheet import ModelSheet
from utenfor.terms import AREAS, PAYERS, POPULATION

KEYS = ("total", *PAYERS)


def add_sheets(wb, keys, lang: str) -> dict:
    """The model's worksheets for `keys`, in that order, named in `lang`."""
    return {k: wb.add_worksheet(tr(SHEET_NAMES[k], lang), ModelSheet) for k in keys}


def fill(wb, sheets: dict, st, rep: Report) -> dict:
    """Write every model sheet; the cells the result sheets refer to."""
    lang, result = rep.lang, rep.result
    names = {k: ws.get_name() for k, ws in sheets.items()}
    lay = write_inputs(wb, sheets["inputs"], st, result, lang)
    write_profile(sheets["group"], st, result, result.scenario.target_group, lang)
    write_profile(sheets["population"], st, result, POPULATION, lang)
    write_shares(sheets["shares"], st, result, lang)
    write_prices(wb, sheets["prices"], st, result, lang)
    factors = write_local(sheets["local"], st, result, lay, names["inputs"], lang)
    return {"names": names, **write_model(sheets, st, result, lay, names, factors, lang)}


def net_gain(model: dict, area: str | None, key: str) -> str:
    """=the net gain of `area` (None: all areas) for `key` ("total" or a payer)."""
    row = model["total_row"] if area is None else model["area_rows"][area]
    return f"={ref(model['names']['sums'], row, model['columns'][key])}"


def link_results(wb, ws, st, rep: Report, model: dict, rows: dict) -> None:
    """Turn the Resultater sheet's numbers into formulas (the engine's values cached) and name
    them. `rows` gives the first data row of the payer, area and cumulative tables and the
    break-even row."""
    r = rep.result
    sheet = ws.get_name()
    for i, key in enumerate(KEYS):
        row = rows["payers"] + i
        ws.write_formula(row, 1, net_gain(model, None, key), st.kr, r.net_gain[key])
        ws.write_formula(row, 2, f"={cell(row, 1)}/participants_total", st.kr,
                         r.net_gain_per_participant[key])  # fmt: skip
        wb.define_name(f"net_gain_{key}", f"={ref(sheet, row, 1)}")
    for i, area in enumerate((None, *AREAS)):
        row = rows["areas"] + i
        value = r.net_gain["total"] if area is None else r.by_area[area]["total"]
        ws.write_formula(row, 1, net_gain(model, area, "total"), st.kr, value)
        ws.write_formula(row, 2, f"={cell(row, 1)}/participants_total", st.kr,
                         value / r.participants)  # fmt: skip
        if area is not None:
            wb.define_name(f"net_gain_{area}", f"={ref(sheet, row, 1)}")
    cumulative = model["names"]["cumulative"]
    for t, line in enumerate(r.cumulative):
        row = rows["cumulative"] + t
        ws.write_formula(row, 0, f"={ref(cumulative, FIRST + t, 0, False)}", None, line["year"])
        for j, key in enumerate(KEYS, start=1):
            column = 10 if key == "total" else 7 + PAYERS.index(key)
            ws.write_formula(row, j, f"={ref(cumulative, FIRST + t, column, False)}", st.kr,
                             line[key])  # fmt: skip
    be, row = r.break_even, rows["break_even"]
    never = tr("nås ikke i perioden", rep.lang)
    ws.write_formula(row, 1, f"={model['break_even']['total']}", None, be["year"] if be else never)
    after = tr("år etter oppstart", rep.lang)
    ws.write_formula(
        row,
        2,
        f'=IF(ISNUMBER({cell(row, 1)}),({cell(row, 1)}-start_year)&" {after}","")',
        None,
        f"{be['years']} {after}" if be else "",
    )
    wb.define_name("break_even_year", f"={ref(sheet, row, 1)}")


def link_cash_flow(ws, st, rep: Report, model: dict) -> None:
    """The Kontantstrøm sheet's numbers as references to sheets 5 and 6 (header on row 0)."""
    names, r = model["names"], rep.result
    disc, undisc, factors = r.cash_flow, r.cash_flow_undiscounted, r.plan.discount
    disc, undisc, factors = disc.tolist(), undisc.tolist(), factors.tolist()
    flows = [(a, k, 3 + FLOWS.index((area, payer))) for a, area in enumerate(AREAS)
             for k, payer in enumerate(PAYERS)]  # fmt: skip
    discounted, priced = names["discounted"], names["priced"]
    i = 1
    for t in range(r.plan.horizon):
        row = FIRST + t
        factor = f"={ref(discounted, row, 2, False)}"
        for a, k, j in flows:
            ws.write_formulas(i, 3, [f"={ref(discounted, row, j, False)}",
                                     f"={ref(priced, row, j, False)}"], st.kr,
                              (disc[t][a][k], undisc[t][a][k]))  # fmt: skip
            ws.write_formula(i, 5, factor, st.kinds["factor"], factors[t])
            i += 1
