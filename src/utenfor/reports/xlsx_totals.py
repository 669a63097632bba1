"""The workbook's sheets 7 and 8 (issue 34): the cumulative discounted net gain per payer with
the break-even year, and the net gain per area and payer. Formulas of sheet 6 (xlsx_formulas).
"""

from __future__ import annotations

import numpy as np

from utenfor.model.result import Result
from utenfor.reports.language import N_, area_name, payer_name, tr
from utenfor.reports.xlsx_cells import BREAK_TOLERANCE, FIRST, FLOWS, YEARS, cell, ref, span
from utenfor.terms import AREAS, PAYERS

LAST = FIRST + YEARS - 1
HEADERS = {
    "cumulative": N_("Akkumulert diskontert nettogevinst per betaler, og break-even: første år "
                     "den ikke lenger er negativ"),
    "sums": N_("Nettogevinst (diskontert) per område og betaler: summen over årene"),
}  # fmt: skip


def write_cumulative(sheets, st, result: Result, names: dict, lang: str, disc) -> dict:
    ws = sheets["cumulative"]
    header = HEADERS["cumulative"]
    ws.write_string(0, 0, tr(header, lang), st.bold)
    keys = [*PAYERS, "total"]
    heads = [N_("År"), N_("År etter start"), N_("I perioden (1/0)")]
    for j, head in enumerate(heads):
        ws.write_string(3, j, tr(head, lang), st.head)
    label = {k: tr("I alt", lang) if k == "total" else payer_name(k, lang) for k in keys}
    for group, first in ((N_("Per år"), 3), (N_("Akkumulert"), 7), (N_("Negativ i år"), 11)):
        for i, k in enumerate(keys):
            ws.write_string(2, first + i, tr(group, lang), st.head)
            ws.write_string(3, first + i, label[k], st.head)
    yearly = disc.sum(axis=1)  # (YEARS, payers)
    cum = np.cumsum(yearly, axis=0)
    h, s = result.plan.horizon, result.scenario
    disc_sheet = names["discounted"]
    by_payer = [[3 + j for j, (_, p) in enumerate(FLOWS) if p == payer] for payer in PAYERS]
    for t in range(YEARS):
        r = FIRST + t
        ws.write_formula(r, 0, f"=start_year+{t}", None, s.start_year + t)
        ws.write_number(r, 1, t)
        ws.write_formula(r, 2, f"={ref(names['yearly'], r, 2, False)}", None, int(t < h))
        sums = ["=" + "+".join(ref(disc_sheet, r, j, False) for j in columns)
                for columns in by_payer]  # fmt: skip
        ws.write_formulas(r, 3, sums, st.kr, [float(yearly[t, k]) for k in range(3)])
        ws.write_formula(r, 6, f"=SUM({cell(r, 3)}:{cell(r, 5)})", st.kr, float(yearly[t].sum()))
        values = [float(cum[t, k]) for k in range(3)] + [float(cum[t].sum())]
        running = [f"={cell(r - 1, 7 + k)}+{cell(r, 3 + k)}" if t else f"={cell(r, 3 + k)}"
                   for k in range(4)]  # fmt: skip
        ws.write_formulas(r, 7, running, st.kr, values)
        negative = [f"=IF(AND({cell(r, 2)}=1,{cell(r, 7 + k)}<-{BREAK_TOLERANCE}),{cell(r, 1)},-1)"
                    for k in range(4)]  # fmt: skip
        ws.write_formulas(
            r, 11, negative, None, [t if t < h and v < -BREAK_TOLERANCE else -1 for v in values]
        )
    never = tr("nås ikke i perioden", lang)
    ws.write_string(1, 6, tr("Break-even", lang), st.bold)
    be = {**result.break_even_by_payer, "total": result.break_even}
    for k, key in enumerate(keys):
        last = f"MAX({span(ws.get_name(), FIRST, 11 + k, LAST, 11 + k)})"
        ws.write_formula(1, 7 + k, f'=IF({last}+1>=analysis_years,"{never}",'
                         f"start_year+{last}+1)", st.bold,
                         be[key]["year"] if be[key] else never)  # fmt: skip
    ws.freeze_panes(FIRST, 3)
    ws.set_column(3, 14, 14)
    return _sums(sheets, st, result, names, lang)


def _sums(sheets, st, result: Result, names: dict, lang: str) -> dict:
    ws = sheets["sums"]
    header = HEADERS["sums"]
    ws.write_string(0, 0, tr(header, lang), st.bold)
    ws.write_string(3, 0, tr("Område", lang), st.head)
    for k, payer in enumerate(PAYERS, start=1):
        ws.write_string(3, k, payer_name(payer, lang), st.head)
    ws.write_string(3, 4, tr("I alt", lang), st.head)
    disc_sheet = names["discounted"]
    for x, area in enumerate(AREAS):
        r = FIRST + x
        ws.write_string(r, 0, area_name(area, lang))
        for k, payer in enumerate(PAYERS, start=1):
            j = 3 + FLOWS.index((area, payer))
            ws.write_formula(r, k, f"=SUM({span(disc_sheet, FIRST, j, LAST, j)})", st.kr,
                             result.by_area[area][payer])  # fmt: skip
        ws.write_formula(r, 4, f"=SUM({cell(r, 1)}:{cell(r, 3)})", st.kr,
                         result.by_area[area]["total"])  # fmt: skip
    total = FIRST + len(AREAS)
    ws.write_string(total, 0, tr("I alt", lang), st.bold)
    for k, key in enumerate([*PAYERS, "total"], start=1):
        ws.write_formula(total, k, f"=SUM({cell(FIRST, k)}:{cell(total - 1, k)})", st.kr,
                         result.net_gain[key])  # fmt: skip
    ws.set_column(0, 0, 30)
    ws.set_column(1, 4, 16)
    return {"area_rows": {a: FIRST + x for x, a in enumerate(AREAS)}, "total_row": total,
            "columns": {**{p: k for k, p in enumerate(PAYERS, start=1)}, "total": 4},
            "break_even": {k: ref(names["cumulative"], 1, 7 + i) for i, k in
                           enumerate([*PAYERS, "total"])}}  # fmt: skip
