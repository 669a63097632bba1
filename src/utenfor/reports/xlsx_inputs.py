"""The workbook's Inndata sheet (issue 34): every input of the scenario in a labelled cell, the
inputs that matter for what-if under defined names, and the few quantities derived from them
as formulas. Column D holds each row's key (the scenario file's), which `xlsx_read` reads back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from utenfor.model.local_figures import local_prices
from utenfor.model.result import Result
from utenfor.reports.language import N_, payer_name, tr
from utenfor.reports.xlsx_cells import cell, ref, span
from utenfor.terms import AGE_GROUPS, PAYERS

# (key = defined name, bokmål label, note); the text inputs first
TEXT_INPUTS = (
    ("target_group", N_("Målgruppe (id)"),
     N_("Dataarkene gjelder denne gruppen: en annen gruppe regnes av utenfor når arbeidsboken "
        "leses inn igjen, ikke av formlene")),
    ("age_group_1", N_("Aldersgruppe"), N_("0-2, 3-5, 6-9, 10-12, 13-15 eller 16-19")),
    ("age_group_2", N_("Aldersgruppe 2 (valgfri)"), N_("tom, eller gruppen ved siden av")),
    ("effect_start", N_("Effekten starter"), N_("after_intervention eller at_entry")),
)  # fmt: skip
NUMBER_INPUTS = (
    ("share_without_pct", N_("Andel uten tiltaket (%)"), ""),
    ("share_with_pct", N_("Andel med tiltaket (%)"), ""),
    ("start_year", N_("Startår"), ""),
    ("years_run", N_("År tiltaket kjøres"), N_("struktur: like mange årskolonner under")),
    ("intervention_years", N_("År hver deltakers tiltak varer"), ""),
    ("analysis_years", N_("Analyseperiode (år)"), N_("1–80")),
    ("discount_rate_pct", N_("Diskonteringsrente (%)"),
     N_("brukes når det ikke er en trappet rente nederst")),
    ("dropoff_pct", N_("Frafall per år (%)"), ""),
    ("optimism_cost_uplift_pct", N_("Påslag for optimisme på kostnader (%)"), ""),
    ("optimism_success_haircut_pct", N_("Fradrag for optimisme på suksessraten (%)"), ""),
)  # fmt: skip
YEAR_ROWS = [("participants", N_("Nye deltakere"))]
YEAR_ROWS += [(f"costs.{p}", N_("Kostnad")) for p in PAYERS]
YEAR_ROWS += [(f"costs_falling_away.{p}", N_("Faller bort")) for p in PAYERS]
GRANT_SPARE = 3  # empty grant rows for the user to fill in
SCHEDULE_SPARE = 2


@dataclass
class Layout:
    """Where Inndata put things (0-based rows; the year columns are 1 … years_run)."""

    rows: dict[str, int] = field(default_factory=dict)  # a year row's key -> its row
    years_run: int = 0
    grants: tuple[int, int] = (0, 0)  # first and last row of the grant list
    local: dict[str, int] = field(default_factory=dict)  # parameter -> its row
    schedule: tuple[int, int] | None = None  # first and last row of the discount steps


def _name(wb, sheet: str, key: str, row: int, column: int = 1) -> None:
    wb.define_name(key, f"={ref(sheet, row, column)}")


def write_inputs(wb, ws, st, result: Result, lang: str) -> Layout:
    """Fill Inndata; the layout for the formulas that read it."""
    s, sheet, lay = result.scenario, ws.get_name(), Layout(years_run=result.scenario.years_run)
    yellow = wb.add_format({"bg_color": "#FFF2CC", "border": 1, "border_color": "#BFBFBF"})
    ws.write_string(0, 0, tr("Inndata: endre de gule cellene, så regner formlene om "
                             "resultatene", lang), st.title)  # fmt: skip
    ws.write_string(
        1,
        0,
        tr(
            "Hvert tall regnes av formler på arkene 1–8 og samles på "
            "Resultater. Arket Hva om har verdier som ikke regnes om.",
            lang,
        ),
    )
    for j, head in enumerate((N_("Inndata"), N_("Verdi"), N_("Merknad"), N_("Nøkkel"))):
        ws.write_string(3, j, tr(head, lang), st.head)
    settings = s.settings
    values = {"target_group": s.target_group, "age_group_1": s.age_groups[0],
              "age_group_2": s.age_groups[1] if len(s.age_groups) > 1 else "",
              "effect_start": settings.effect_start, "share_without_pct": s.share_without_pct,
              "share_with_pct": s.share_with_pct, "start_year": s.start_year,
              "years_run": s.years_run, "intervention_years": s.intervention_years,
              "analysis_years": settings.analysis_years,
              "discount_rate_pct": settings.discount_rate_pct,
              "dropoff_pct": settings.dropoff_pct,
              "optimism_cost_uplift_pct": settings.optimism_cost_uplift_pct,
              "optimism_success_haircut_pct": settings.optimism_success_haircut_pct}  # fmt: skip
    row = 4
    for key, label, note in (*TEXT_INPUTS, *NUMBER_INPUTS):
        ws.write_string(row, 0, tr(label, lang))
        value = values[key]
        if isinstance(value, str):
            ws.write_string(row, 1, value, yellow)
        else:
            ws.write_number(row, 1, float(value), yellow)
        if note:
            ws.write_string(row, 2, tr(note, lang))
        ws.write_string(row, 3, key)
        _name(wb, sheet, key, row)
        row += 1
    row = _derived(wb, ws, st, result, lang, row + 1)
    row = _years(wb, ws, st, result, lang, lay, row + 1)
    row = _grants(wb, ws, st, result, lang, lay, yellow, row + 1)
    row = _local(wb, ws, st, result, lang, lay, yellow, row + 1)
    row = _schedule(ws, st, result, lang, lay, yellow, row + 1)
    _age_groups(wb, ws, st, lang, row + 1)
    ws.set_column(0, 0, 44)
    ws.set_column(1, 1, 16)
    ws.set_column(2, 2, 30)
    ws.set_column(3, 3, 28)
    ws.set_column(4, 60, 14)
    return lay


def _derived(wb, ws, st, result: Result, lang: str, row: int) -> int:
    """Quantities the calculation sheets use, as formulas of the inputs above."""
    plan, s = result.plan, result.scenario
    ages = "age_groups_table"
    rows = [
        ("success_rate", N_("Suksessrate brukt (andel)"),
         "=(share_with_pct-share_without_pct)/100*(1-optimism_success_haircut_pct/100)",
         plan.success_rate),
        ("effect_delay", N_("År fra start til effekt"),
         '=IF(effect_start="at_entry",0,intervention_years)', plan.effect_delay),
        ("cost_uplift", N_("Kostnadsfaktor"), "=1+optimism_cost_uplift_pct/100",
         1 + s.settings.optimism_cost_uplift_pct / 100),
        ("keep_share", N_("Andel som holder seg per år"), "=1-dropoff_pct/100", 1 - plan.dropoff),
        ("price_factor", N_("Prisfaktor (startår mot datasettets prisår)"),
         "=VLOOKUP(MIN(MAX(start_year,MIN(price_years)),MAX(price_years)),price_table,2,FALSE)"
         "/VLOOKUP(price_base_year,price_table,2,FALSE)", plan.price_factor),
        ("age_from_1", N_("Aldersgruppe: fra"),
         f"=INDEX({ages},MATCH(age_group_1,age_group_ids,0),2)", None),
        ("age_to_1", N_("Aldersgruppe: til"),
         f"=INDEX({ages},MATCH(age_group_1,age_group_ids,0),3)", None),
        ("age_from_2", N_("Aldersgruppe 2: fra"),
         f'=IF(age_group_2="",-1,INDEX({ages},MATCH(age_group_2,age_group_ids,0),2))', None),
        ("age_to_2", N_("Aldersgruppe 2: til"),
         f'=IF(age_group_2="",-1,INDEX({ages},MATCH(age_group_2,age_group_ids,0),3))', None),
    ]  # fmt: skip
    groups = [AGE_GROUPS[g] for g in s.age_groups] + [range(-1, 0)]
    cached = {"age_from_1": groups[0].start, "age_to_1": groups[0].stop - 1,
              "age_from_2": groups[1].start, "age_to_2": groups[1].stop - 1}  # fmt: skip
    ws.write_string(row, 0, tr("Regnet ut fra inndata (formler)", lang), st.head)
    for i, (key, label, formula, value) in enumerate(rows, start=row + 1):
        ws.write_string(i, 0, tr(label, lang))
        ws.write_formula(i, 1, formula, None, cached.get(key, value))
        ws.write_string(i, 3, key)
        _name(wb, ws.get_name(), key, i)
    return row + len(rows) + 1


def _years(wb, ws, st, result: Result, lang: str, lay: Layout, row: int) -> int:
    s, sheet = result.scenario, ws.get_name()
    years = list(s.programme_years)
    ws.write_string(row, 0, tr("Per år (kroner i startårets priser)", lang), st.head)
    for j, y in enumerate(years, start=1):
        ws.write_formula(row, j, f"=start_year+{j - 1}", st.head, y)
    ws.write_string(row, len(years) + 1, "years", None)
    tables = {
        "participants": s.participants,
        **{f"costs.{p}": s.costs.get(p, {}) for p in PAYERS},
        **{f"costs_falling_away.{p}": s.costs_falling_away.get(p, {}) for p in PAYERS},
    }
    yellow = wb.add_format({"bg_color": "#FFF2CC", "num_format": "#,##0", "border": 1,
                            "border_color": "#BFBFBF"})  # fmt: skip
    for i, (key, label) in enumerate(YEAR_ROWS, start=row + 1):
        payer = key.split(".")[1] if "." in key else None
        ws.write_string(i, 0, tr(label, lang) + (f", {payer_name(payer, lang).lower()}"
                                                 if payer else ""))  # fmt: skip
        for j, y in enumerate(years, start=1):
            ws.write_number(i, j, float(tables[key].get(y, 0)), yellow)
        ws.write_string(i, len(years) + 1, key)
        lay.rows[key] = i
    first = row + 1 + len(YEAR_ROWS)
    grants = _net_grants(s, years)
    for k, p in enumerate(PAYERS):
        i = first + k
        ws.write_string(i, 0, tr("Tilskudd mottatt netto (formel)", lang)
                        + f", {payer_name(p, lang).lower()}")  # fmt: skip
        for j in range(1, len(years) + 1):
            header = cell(row, j, True)
            ws.write_formula(i, j, f'=SUMIFS(grant_amount,grant_to,"{p}",grant_year,{header})'
                                   f'-SUMIFS(grant_amount,grant_from,"{p}",grant_year,{header})',
                             st.kr, grants[k, j - 1])  # fmt: skip
        lay.rows[f"grants.{p}"] = i
    ws.write_string(first + 3, 0, tr("Deltakere i alt", lang))
    ws.write_formula(
        first + 3,
        1,
        f"=SUM({cell(row + 1, 1, True)}:{cell(row + 1, len(years), True)})",
        None,
        s.total_participants,
    )
    _name(wb, sheet, "participants_total", first + 3)
    return first + 4


def _net_grants(s, years: list[int]) -> np.ndarray:
    out = np.zeros((len(PAYERS), len(years)))
    for g in s.grants:
        out[PAYERS.index(g.to), years.index(g.year)] += g.amount
        out[PAYERS.index(g.from_), years.index(g.year)] -= g.amount
    return out


def _grants(wb, ws, st, result: Result, lang: str, lay: Layout, yellow, row: int) -> int:
    heads = (N_("Tilskudd fra"), N_("til"), N_("år"), N_("beløp"))
    for j, head in enumerate(heads):
        ws.write_string(row, j, tr(head, lang), st.head)
    ws.write_string(row, 4, "grants")
    grants = result.scenario.grants
    first, last = row + 1, row + len(grants) + GRANT_SPARE
    for i in range(first, last + 1):
        g = grants[i - first] if i - first < len(grants) else None
        for j, value in enumerate((g.from_, g.to, g.year, g.amount) if g else ("", "", "", "")):
            if isinstance(value, str):
                ws.write_string(i, j, value, yellow)
            else:
                ws.write_number(i, j, float(value), yellow)
    sheet = ws.get_name()
    for j, name in enumerate(("grant_from", "grant_to", "grant_year", "grant_amount")):
        wb.define_name(name, f"={span(sheet, first, j, last, j)}")
    lay.grants = (first, last)
    return last + 1


def _local(wb, ws, st, result: Result, lang: str, lay: Layout, yellow, row: int) -> int:
    heads = (N_("Lokalt tall for"), N_("nasjonal verdi (datasettets prisår)"),
             N_("kommunens verdi (tom: nasjonal)"), N_("år"), N_("kilde"))  # fmt: skip
    for j, head in enumerate(heads):
        ws.write_string(row, j, tr(head, lang), st.head)
    ws.write_string(row, 5, "local_figures")
    mine = {f.parameter: f for f in result.scenario.local_figures}
    for i, price in enumerate(local_prices(result.data).values(), start=row + 1):
        ws.write_string(i, 0, price.parameter)
        ws.write_number(i, 1, price.value, st.kr)
        f = mine.get(price.parameter)
        for j, value in ((2, f and f.value), (3, f and f.year), (4, f and f.source)):
            if isinstance(value, str):
                ws.write_string(i, j, value, yellow)
            elif value is None:
                ws.write_blank(i, j, None, yellow)
            else:
                ws.write_number(i, j, float(value), yellow)
        ws.write_string(i, 6, price.label_nb)
        lay.local[price.parameter] = i
    return row + len(lay.local) + 1


def _schedule(ws, st, result: Result, lang: str, lay: Layout, yellow, row: int) -> int:
    ws.write_string(row, 0, tr("Trappet diskonteringsrente: fra år etter start", lang), st.head)
    ws.write_string(row, 1, tr("rente (%)", lang), st.head)
    ws.write_string(row, 2, tr("tom: én rente for alle år", lang))
    ws.write_string(row, 3, "discount_schedule")
    steps = result.scenario.settings.discount_schedule or ()
    first, last = row + 1, row + len(steps) + SCHEDULE_SPARE
    for i in range(first, last + 1):
        step = steps[i - first] if i - first < len(steps) else None
        for j, value in enumerate((step.from_year, step.rate_pct) if step else (None, None)):
            if value is None:
                ws.write_blank(i, j, None, yellow)
            else:
                ws.write_number(i, j, float(value), yellow)
    lay.schedule = (first, last)
    return last + 1


def _age_groups(wb, ws, st, lang: str, row: int) -> None:
    ws.write_string(row, 0, tr("Aldersgruppene (oppslag for formlene)", lang), st.head)
    for i, (group, ages) in enumerate(AGE_GROUPS.items(), start=row + 1):
        ws.write_string(i, 0, group)
        ws.write_number(i, 1, ages.start)
        ws.write_number(i, 2, ages.stop - 1)
    last = row + len(AGE_GROUPS)
    wb.define_name("age_groups_table", f"={span(ws.get_name(), row + 1, 0, last, 2)}")
    wb.define_name("age_group_ids", f"={span(ws.get_name(), row + 1, 0, last, 0)}")
