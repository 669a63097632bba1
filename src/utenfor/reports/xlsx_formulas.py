"""The calculation as formulas (issue 34), sheet by sheet as docs/model.md, "The computation":

1 Gap: group minus population per age and sub-area, times any local figure's factor;
2 Gap per betaler: per age, split into areas and payers (SUMPRODUCT with the shares), and the
  entry weights of the age groups;
3 Per deltaker: the gain per successful participant by years since entry (sum over entry ages),
  from the effect's start, times the share still on the average course (drop-off);
4 Årlig kontantstrøm: participants x success rate x the above, per year (cohorts summed), and
  the implementation cost; base-year prices for the gains, start-year prices for the costs;
5 Prisjustering: gains x the price factor; 6 Diskontering: x the discount factor;
7 Akkumulert: per payer and year, cumulative, and the break-even year;
8 Sum per område: the net gain per area and payer.

Every formula cell also carries the engine's value, so a reader that does not recalculate
shows the same numbers; Excel and LibreOffice recalculate (tests/test_xlsx_formulas.py).
"""

from __future__ import annotations

import numpy as np

from utenfor.model.engine import by_elapsed, discount_factors, entry_weights
from utenfor.model.engine import staying as engine_staying
from utenfor.model.local_figures import applied_figures
from utenfor.model.result import Result
from utenfor.reports.language import N_, area_name, payer_name, tr
from utenfor.reports.xlsx_cells import (
    ENTRY,
    FIRST,
    FLOWS,
    YEARS,
    cell,
    col,
    ref,
    span,
)
from utenfor.reports.xlsx_data import DATA_FIRST, MASK_ROW, SHARE_ROW
from utenfor.reports.xlsx_inputs import Layout
from utenfor.reports.xlsx_totals import write_cumulative
from utenfor.terms import AREAS, DATA_AREAS, PAYERS

LAST = FIRST + YEARS - 1
HEADERS = {
    "gap": N_("Gap per person og år (målgruppe minus befolkningen) per alder og delområde, i "
              "datasettets prisår, ganget med lokale talls faktor (rad 2)"),
    "gain": N_("Gapet per alder fordelt på område og betaler (SUMPRODUCT med betalerandelene), "
               "og vekten hver inngangsalder får (kolonne B)"),
    "elapsed": N_("Gevinst per vellykket deltaker etter år siden oppstart: vektet sum over "
                  "inngangsalderne, fra effekten starter, ganget med andelen som holder seg"),
    "yearly": N_("Årlig kontantstrøm: deltakere × suksessrate × gevinst per deltaker (alle "
                 "kull), og tiltakets kostnad; gevinster i datasettets prisår"),
    "priced": N_("Prisjustering: gevinstene ganget med prisfaktoren (kostnadene er i startårets "
                 "priser)"),
    "discounted": N_("Diskontering: hvert år ganget med diskonteringsfaktoren i kolonne C"),
}  # fmt: skip


def _header(ws, st, key: str, lang: str) -> None:
    ws.write_string(0, 0, tr(HEADERS[key], lang), st.bold)


def _flow_heads(ws, st, lang: str, first_col: int) -> None:
    for j, (area, payer) in enumerate(FLOWS, start=first_col):
        ws.write_string(2, j, area_name(area, lang), st.head)
        ws.write_string(3, j, payer_name(payer, lang), st.head)


def write_model(sheets: dict, st, result: Result, lay: Layout, names: dict, factors: dict,
                lang: str) -> dict:  # fmt: skip
    """Sheets 1-8; returns where the results are: {"sums": (sheet, rows, cols), ...}."""
    data, plan = result.data, result.plan
    g, subs = plan.group, data.subareas
    n_sub = len(subs)
    # 1 Gap
    ws = sheets["gap"]
    _header(ws, st, "gap", lang)
    ws.write_string(1, 0, tr("Lokal faktor", lang), st.bold)
    ws.write_string(3, 0, tr("Alder", lang), st.head)
    local = {s.id: 1.0 for s in subs}
    for a in applied_figures(data):
        local[a.price.subarea] *= a.factor
    for j, sub in enumerate(subs, start=1):
        refs = factors.get(sub.id, [])
        ws.write_formula(1, j, "=" + ("*".join(refs) if refs else "1"), None, local[sub.id])
        ws.write_string(2, j, sub.id)
        ws.write_string(3, j, sub.name(lang), st.head)
    gaps = data.gaps[g].tolist()
    factor = [cell(1, j, True) for j in range(1, n_sub + 1)]
    group, population = names["group"], names["population"]
    for a in range(data.max_age + 1):
        r, d = FIRST + a, DATA_FIRST + a
        ws.write_number(r, 0, a)
        ws.write_formulas(r, 1, [f"=({ref(group, d, j, False)}-{ref(population, d, j, False)})"
                                 f"*{factor[j - 1]}" for j in range(1, n_sub + 1)], st.kr,
                          gaps[a])  # fmt: skip
    # 2 Gap per betaler
    ws = sheets["gain"]
    _header(ws, st, "gain", lang)
    ws.write_string(3, 0, tr("Alder", lang), st.head)
    ws.write_string(3, 1, tr("Vekt ved inngang", lang), st.head)
    _flow_heads(ws, st, lang, 2)
    n_ages = max(data.max_age + 1, ENTRY + YEARS - 1)
    weights = entry_weights(result.scenario.age_groups)
    gains = data.gains[g]  # (ages, data areas, payers)
    shares, n = names["shares"], len(DATA_AREAS) * len(PAYERS)
    # the share and area mask of each flow column (area by area, payer by payer)
    masks = [f"{span(shares, SHARE_ROW + k, 1, SHARE_ROW + k, n_sub)},"
             f"{span(shares, MASK_ROW + x, 1, MASK_ROW + x, n_sub)})"
             for x, k in (divmod(i, len(PAYERS)) for i in range(n))]  # fmt: skip
    for a in range(n_ages):
        r = FIRST + a
        ws.write_number(r, 0, a)
        if a < ENTRY:
            age = cell(r, 0)
            ws.write_formula(r, 1, f"=(IF(AND({age}>=age_from_1,{age}<=age_to_1),"
                             f"1/(age_to_1-age_from_1+1),0)+IF(AND({age}>=age_from_2,"
                             f"{age}<=age_to_2),1/(age_to_2-age_from_2+1),0))"
                             f'/IF(age_group_2="",1,2)', None, float(weights[a]))  # fmt: skip
        if a > data.max_age:
            ws.write_numbers(r, 2, [0] * n)
            continue
        gap = span(names["gap"], FIRST + a, 1, FIRST + a, n_sub)
        ws.write_formulas(r, 2, [f"=SUMPRODUCT({gap},{mask}" for mask in masks], st.kr,
                          gains[a].reshape(-1).tolist())  # fmt: skip
    # 3 Per deltaker
    ws = sheets["elapsed"]
    _header(ws, st, "elapsed", lang)
    ws.write_string(3, 0, tr("År siden oppstart", lang), st.head)
    ws.write_string(3, 1, tr("Andel som holder seg", lang), st.head)
    _flow_heads(ws, st, lang, 2)
    staying = engine_staying(plan.effect_delay, plan.dropoff, YEARS)
    per = by_elapsed(gains, weights, YEARS) * staying[:, None, None]
    w = span(names["gain"], FIRST, 1, FIRST + ENTRY - 1, 1)
    for e in range(YEARS):
        r, here = FIRST + e, cell(FIRST + e, 0)
        ws.write_number(r, 0, e)
        ws.write_formula(
            r,
            1,
            f"=IF({here}<effect_delay,0,IF({here}=effect_delay,1,"
            f"keep_share^({here}-effect_delay)))",
            None,
            float(staying[e]),
        )
        staying_here = cell(r, 1, False).replace(col(1), "$" + col(1))
        ages = (span(names["gain"], FIRST + e, j, FIRST + e + ENTRY - 1, j, False)
                for j in range(2, 2 + n))  # fmt: skip
        ws.write_formulas(r, 2, [f"={staying_here}*SUMPRODUCT({w},{a})" for a in ages], st.kr,
                          per[e].reshape(-1).tolist())  # fmt: skip
    return _flows(sheets, st, result, lay, names, lang, per)


def _flows(sheets, st, result: Result, lay: Layout, names: dict, lang: str, per) -> dict:
    plan, s = result.plan, result.scenario
    h = plan.horizon
    undisc = np.zeros((YEARS, len(AREAS), len(PAYERS)))
    undisc[:h] = result.cash_flow_undiscounted
    disc = np.zeros_like(undisc)
    disc[:h] = result.cash_flow
    factors = discount_factors(s.settings.discount_rate_pct / 100, YEARS,
                               s.settings.discount_schedule)  # fmt: skip
    inside = (np.arange(YEARS) < h).astype(float)
    base = undisc.copy()
    base[:, : len(DATA_AREAS)] /= plan.price_factor or 1.0
    inputs = names["inputs"]
    n = len(DATA_AREAS) * len(PAYERS)
    for key, column_c, values in (("yearly", N_("I perioden (1/0)"), base),
                                  ("priced", N_("Prisfaktor"), undisc),
                                  ("discounted", N_("Diskonteringsfaktor"), disc)):  # fmt: skip
        ws = sheets[key]
        _header(ws, st, key, lang)
        ws.write_string(3, 0, tr("År", lang), st.head)
        ws.write_string(3, 1, tr("År etter start", lang), st.head)
        ws.write_string(3, 2, tr(column_c, lang), st.head)
        _flow_heads(ws, st, lang, 3)
        for t in range(YEARS):
            r = FIRST + t
            ws.write_formula(r, 0, f"=start_year+{t}", None, s.start_year + t)
            ws.write_number(r, 1, t)
            c = cell(r, 2)
            if key == "yearly":
                ws.write_formula(r, 2, f"=IF({cell(r, 1)}<analysis_years,1,0)", None, inside[t])
            elif key == "priced":
                ws.write_formula(r, 2, "=price_factor", None, plan.price_factor)
            else:
                ws.write_formula(r, 2, _discount(lay, inputs, r), None, float(factors[t]))
            if key == "yearly":
                formulas = _yearly(lay, inputs, names, t, c)
            else:  # sheet 4 or 5's cell, times the factor (prices: the gains only)
                before = names["yearly" if key == "priced" else "priced"]
                times = [f"*{c}" if key == "discounted" or i < n else "" for i in range(len(FLOWS))]
                formulas = [f"={ref(before, r, 3 + i, False)}{x}" for i, x in enumerate(times)]
            ws.write_formulas(r, 3, formulas, st.kr, values[t].reshape(-1).tolist())
        ws.freeze_panes(FIRST, 3)
        ws.set_column(3, 3 + len(FLOWS), 14)
    return write_cumulative(sheets, st, result, names, lang, disc)


def _discount(lay: Layout, inputs: str, r: int) -> str:
    """d(tau): (1 + r)^-tau, or with a schedule on Inndata, the product over its steps."""
    tau = cell(r, 1)
    first, last = lay.schedule
    steps = []
    for i in range(first, last + 1):
        start, rate = ref(inputs, i, 0), ref(inputs, i, 1)
        end = ref(inputs, i + 1, 0) if i < last else None
        upper = f'IF({end}="",{tau},MIN({tau},{end}))' if end else tau
        steps.append(f'IF({start}="",1,(1+{rate}/100)^-(MAX({upper},{start})-{start}))')
    return f'=IF({ref(inputs, first, 0)}="",(1+discount_rate_pct/100)^-{tau},{"*".join(steps)})'


def _yearly(lay: Layout, inputs: str, names: dict, t: int, inside: str) -> list[str]:
    """Sheet 4's formulas of year `t`, one per flow: the gains of every cohort so far, and the
    implementation's cost."""
    cohorts = [ref(inputs, lay.rows["participants"], 1 + i)
               for i in range(min(lay.years_run, t + 1))]  # fmt: skip
    out = []
    for j, (area, payer) in enumerate(FLOWS, start=3):
        if area != "implementation":
            terms = [f"{participants}*{ref(names['elapsed'], FIRST + t - i, j - 1, False)}"
                     for i, participants in enumerate(cohorts)]  # fmt: skip
            out.append(f"=success_rate*{inside}*({'+'.join(terms)})")
        elif t >= lay.years_run:
            out.append("=0")
        else:
            cost, fall, grant = (ref(inputs, lay.rows[f"{k}.{payer}"], 1 + t)
                                 for k in ("costs", "costs_falling_away", "grants"))  # fmt: skip
            out.append(f"=-(cost_uplift*{cost}-{fall}-{grant})*{inside}")
    return out
