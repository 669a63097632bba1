"""The Excel workbook (issue 5): numbers stored as numbers, unrounded, with Norwegian display
formats (Excel shows `#,##0` with the user's own separators: 12 767 437 in Norwegian Excel).

Sheets: Forutsetninger (the inputs), Resultater (the three tables with native charts),
Kontantstrøm (year x area x payer, discounted and undiscounted), Livsløp (the per-age gap used,
by area), Om (model version, data set, fingerprint, sources). `comparison_workbook` writes the
side-by-side comparison of issue 6 as one sheet.
"""

from __future__ import annotations

import io
from datetime import date
from functools import partial
from typing import Any

import numpy as np
import xlsxwriter

from utenfor import MODEL_VERSION
from utenfor.model.result import Result
from utenfor.reports.language import area_name, payer_name, tr
from utenfor.terms import AREA_NAMES_NB, AREAS, DATA_AREAS, PAYER_NAMES_NB, PAYERS

KR = "#,##0"
KR2 = "#,##0.00"


class _Styles:
    def __init__(self, wb: xlsxwriter.Workbook):
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.bold = wb.add_format({"bold": True})
        self.head = wb.add_format({"bold": True, "bottom": 1, "text_wrap": True})
        self.kr = wb.add_format({"num_format": KR})
        self.kr_bold = wb.add_format({"num_format": KR, "bold": True})
        self.pct = wb.add_format({"num_format": "0.00"})
        self.factor = wb.add_format({"num_format": "0.000000"})
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})


def _inputs(ws, st: _Styles, r: Result, lang: str = "nb") -> None:
    T = partial(tr, lang=lang)
    s = r.scenario
    group = r.data.group(s.target_group)
    ws.write(0, 0, T("Forutsetninger"), st.title)
    rows: list[tuple[str, Any]] = [
        ("Målgruppe", group.name_en if lang == "en" and group.name_en else group.name_nb),
        ("Definisjon", group.definition_nb),
        ("Aldersgrupper", ", ".join(s.age_groups)),
        ("Andel med gjennomsnittlig livsløp uten tiltaket (%)", s.share_without_pct),
        ("Andel med tiltaket (%)", s.share_with_pct),
        ("Suksessrate (prosentpoeng)", s.success_rate_pct),
        ("Første år", s.start_year),
        ("Antall år kommunen kjører tiltaket", s.years_run),
        ("Antall år hvert tiltak varer", s.intervention_years),
        ("Analyseperiode (år)", s.settings.analysis_years),
        ("Diskonteringsrente (%)", s.settings.discount_rate_pct),
        (
            "Gevinsten regnes fra",
            T("året etter tiltaket")
            if s.settings.effect_start == "after_intervention"
            else T("inngangsåret"),
        ),
        ("Prisfaktor (prisindeks startår / basisår)", r.plan.price_factor),
    ]
    for i, (label, value) in enumerate(rows, start=2):
        ws.write(i, 0, T(label), st.bold)
        ws.write(i, 1, value, st.factor if isinstance(value, float) and label.startswith("Pris")
                 else None)  # fmt: skip
    row = len(rows) + 3
    years = list(s.programme_years)
    ws.write(row, 0, T("Per år"), st.head)
    for j, y in enumerate(years, start=1):
        ws.write(row, j, y, st.head)
    table_rows = [(T("Nye deltakere"), {y: s.participants.get(y, 0) for y in years})]
    for payer in PAYERS:
        name = payer_name(payer, lang).lower()
        table_rows.append((f"{T('Kostnad')}, {name}", s.costs.get(payer, {})))
    for payer in PAYERS:
        table_rows.append((f"{T('Faller bort')}, {payer_name(payer, lang).lower()}",
                           s.costs_falling_away.get(payer, {})))  # fmt: skip
    for i, (label, table) in enumerate(table_rows, start=row + 1):
        ws.write(i, 0, label)
        for j, y in enumerate(years, start=1):
            ws.write_number(i, j, table.get(y, 0), st.kr)
    row += len(table_rows) + 2
    ws.write(row, 0, T("Tilskudd"), st.head)
    for j, h in enumerate((T("Fra"), T("Til"), T("År"), T("Beløp")), start=1):
        ws.write(row, j, h, st.head)
    for i, g in enumerate(s.grants, start=row + 1):
        ws.write_row(i, 1, [payer_name(g.from_, lang), payer_name(g.to, lang), g.year])
        ws.write_number(i, 4, g.amount, st.kr)
    ws.set_column(0, 0, 48)
    ws.set_column(1, 12, 16)


def _results(wb, ws, st: _Styles, r: Result, lang: str = "nb") -> None:
    T = partial(tr, lang=lang)
    kr = f"{r.scenario.start_year}{T('-kroner')}"
    ws.write(
        0, 0, f"{T('Resultater')} ({kr}, {T('diskontert')}, {r.plan.horizon} {T('år')})", st.title
    )
    ws.write_row(2, 0, [T("Nettogevinst fordelt på aktører"), T("Samlet nettogevinst"),
                        T("Nettogevinst pr. deltaker")], st.head)  # fmt: skip
    labels = [T("I alt"), *(payer_name(p, lang) for p in PAYERS)]
    net, per = r.net_gain, r.net_gain_per_participant
    for i, key in enumerate(("total", *PAYERS), start=3):
        ws.write(i, 0, labels[i - 3])
        ws.write_number(i, 1, net[key], st.kr)
        ws.write_number(i, 2, per[key], st.kr)
    be = r.break_even
    ws.write(8, 0, T("Samlet break-even"), st.bold)
    ws.write(8, 1, be["year"] if be else T("nås ikke i perioden"))
    if be:
        ws.write(8, 2, f"{be['years']} {T('år etter oppstart')}")
    ws.write_row(10, 0, [T("Nettogevinst for ulike tjenesteområder"), T("Samlet nettogevinst"),
                         T("Nettogevinst pr. deltaker")], st.head)  # fmt: skip
    ws.write(11, 0, T("I alt"))
    ws.write_number(11, 1, net["total"], st.kr)
    ws.write_number(11, 2, per["total"], st.kr)
    by_area, per_area = r.by_area, r.by_area_per_participant
    for i, area in enumerate(AREAS, start=12):
        ws.write(i, 0, area_name(area, lang))
        ws.write_number(i, 1, by_area[area]["total"], st.kr)
        ws.write_number(i, 2, per_area[area]["total"], st.kr)
    ws.write_row(21, 0, [T("Akkumulert nettogevinst"), T("År"), T("I alt"),
                         *(payer_name(p, lang) for p in PAYERS)], st.head)  # fmt: skip
    for i, row in enumerate(r.cumulative, start=22):
        ws.write_number(i, 1, row["year"])
        for j, key in enumerate(("total", *PAYERS), start=2):
            ws.write_number(i, j, row[key], st.kr)
    last = 21 + len(r.cumulative)
    sheet = ws.get_name()
    for title, cats, vals, anchor, kind in (
        ("Figur 1. Nettogevinst fordelt på aktører", (3, 0, 6, 0), (3, 1, 6, 1), "E3", "column"),
        ("Figur 2. Akkumulert nettogevinst", (22, 1, last, 1), (22, 2, last, 2), "E19", "line"),
        ("Figur 3. Nettogevinst for ulike tjenesteområder", (12, 0, 18, 0), (12, 1, 18, 1),
         "E35", "bar"),
    ):  # fmt: skip
        chart = wb.add_chart({"type": kind})
        title = T(title)
        chart.add_series({"name": title, "categories": [sheet, *cats], "values": [sheet, *vals],
                          "invert_if_negative": False})  # fmt: skip
        chart.set_title({"name": title})
        chart.set_legend({"none": True})
        chart.set_y_axis({"num_format": KR})
        ws.insert_chart(anchor, chart, {"x_scale": 1.3})
    ws.set_column(0, 0, 42)
    ws.set_column(1, 6, 18)


def _cashflow(ws, st: _Styles, r: Result, lang: str = "nb") -> None:
    T = partial(tr, lang=lang)
    ws.write_row(0, 0, [T("År"), T("Område"), T("Betaler"), T("Diskontert"), T("Udiskontert"),
                        T("Diskonteringsfaktor")], st.head)  # fmt: skip
    disc, undisc = r.cash_flow, r.cash_flow_undiscounted
    row = 1
    for t, year in enumerate(r.years):
        for a, area in enumerate(AREAS):
            for k, payer in enumerate(PAYERS):
                ws.write_number(row, 0, int(year))
                ws.write(row, 1, area_name(area, lang))
                ws.write(row, 2, payer_name(payer, lang))
                ws.write_number(row, 3, float(disc[t, a, k]), st.kr)
                ws.write_number(row, 4, float(undisc[t, a, k]), st.kr)
                ws.write_number(row, 5, float(r.plan.discount[t]), st.factor)
                row += 1
    ws.autofilter(0, 0, row - 1, 5)
    ws.freeze_panes(1, 0)
    ws.set_column(0, 2, 26)
    ws.set_column(3, 5, 18)


def _life_course(ws, st: _Styles, r: Result, lang: str = "nb") -> None:
    T = partial(tr, lang=lang)
    data = r.data
    by_area = data.gaps[r.plan.group] @ data.area_matrix
    ws.write(0, 0, f"{T('Gap per person og år: målgruppe minus befolkningen')} "
                   f"({data.price_base_year}{T('-kroner')})", st.title)  # fmt: skip
    ws.write_row(2, 0, [T("Alder"), *(area_name(a, lang) for a in DATA_AREAS), T("Sum")], st.head)
    for age in range(data.max_age + 1):
        ws.write_number(3 + age, 0, age)
        for j in range(len(DATA_AREAS)):
            ws.write_number(3 + age, 1 + j, float(by_area[age, j]), st.kr)
        ws.write_number(3 + age, 1 + len(DATA_AREAS), float(by_area[age].sum()), st.kr)
    ws.set_column(0, 8, 16)


def _about(ws, st: _Styles, r: Result, lang: str = "nb") -> None:
    T = partial(tr, lang=lang)
    d = r.data
    rows = [
        ("Laget", date.today().isoformat()),
        (
            "Modell",
            f"utenfor {MODEL_VERSION} ({T('åpen implementasjon av Utenfor-regnskapet')}, KS 2019)",
        ),
        ("Datasett", f"{d.title} ({d.name} {d.version})"),
        ("Fingeravtrykk", d.fingerprint),
        (
            "Merk",
            T(
                "Modellen sier ingenting om hvorvidt tiltaket virker; suksessraten er en "
                "forutsetning. Tallene gjelder offentlige budsjetter. Sosial arv av "
                "trygdeytelser er ikke regnet med."
            ),
        ),
    ]
    ws.write(0, 0, T("Om beregningen"), st.title)
    for i, (k, v) in enumerate(rows, start=2):
        ws.write(i, 0, T(k), st.bold)
        ws.write(i, 1, v, st.wrap)
    ws.write(len(rows) + 3, 0, T("Kilder"), st.head)
    for i, src in enumerate(d.metadata.get("sources", []), start=len(rows) + 4):
        ws.write(i, 0, src.get("parameter", ""))
        ws.write(i, 1, src.get("title", ""), st.wrap)
        ws.write(i, 2, src.get("path", ""))
    first = len(rows) + 5 + len(d.metadata.get("sources", []))
    for i, w in enumerate(r.warning_texts(lang), start=first):
        ws.write(i, 0, T("Advarsel"), st.bold)
        ws.write(i, 1, w, st.wrap)
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 90)
    ws.set_column(2, 2, 60)


def workbook(result: Result, lang: str = "nb") -> bytes:
    """The workbook for one result, as bytes, in bokmål (`nb`) or English (`en`)."""
    T = partial(tr, lang=lang)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    st = _Styles(wb)
    sheets = (("Forutsetninger", _inputs), ("Resultater", None), ("Kontantstrøm", _cashflow),
              ("Livsløp", _life_course), ("Om", _about))  # fmt: skip
    for name, fill in sheets:
        ws = wb.add_worksheet(T(name))
        if fill is None:
            _results(wb, ws, st, result, lang)
        else:
            fill(ws, st, result, lang)
    wb.close()
    return buf.getvalue()


def comparison_workbook(columns: list[dict[str, Any]]) -> bytes:
    """One sheet, 'Sammenligning': scenarios side by side (issue 6). Each column is a dict with
    `name`, `result` and `thresholds` (from utenfor.model.analysis.thresholds)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    st = _Styles(wb)
    ws = wb.add_worksheet("Sammenligning")
    ws.write(0, 0, "Sammenligning av scenarier", st.title)
    ws.write(2, 0, "", st.head)
    for j, c in enumerate(columns, start=1):
        ws.write(2, j, c["name"], st.head)

    def value(c: dict, key: str):
        r, t = c["result"], c["thresholds"]
        s = r.scenario
        table = {
            "Målgruppe": r.data.group(s.target_group).name_nb,
            "Aldersgrupper": ", ".join(s.age_groups),
            "Suksessrate (prosentpoeng)": s.success_rate_pct,
            "Deltakere": r.participants,
            "Første år": s.start_year,
            "Analyseperiode (år)": s.settings.analysis_years,
            "Nettogevinst i alt": r.net_gain["total"],
            **{f"Nettogevinst {PAYER_NAMES_NB[p].lower()}": r.net_gain[p] for p in PAYERS},
            "Nettogevinst pr. deltaker": r.net_gain_per_participant["total"],
            "Break-even (år)": r.break_even["year"] if r.break_even else "–",
            **{AREA_NAMES_NB[a]: r.by_area[a]["total"] for a in AREAS},
            "Laveste suksessrate som lønner seg (prosentpoeng)":
                t["success_rate_pct"]["total"],
            "Høyeste kostnad per år som lønner seg": t["cost_per_year"],
            "Suksessrate for balanse innen 4 år": t["break_even_within"]["success_rate_pct"],
        }  # fmt: skip
        return table[key]

    keys = list(_comparison_keys())
    for i, key in enumerate(keys, start=3):
        ws.write(i, 0, key, st.bold)
        for j, c in enumerate(columns, start=1):
            v = value(c, key)
            if v is None:
                ws.write(i, j, "–")
            elif isinstance(v, float | int | np.floating) and not isinstance(v, bool):
                ws.write_number(i, j, float(v), st.pct if "prosentpoeng" in key or
                                "balanse" in key else st.kr)  # fmt: skip
            else:
                ws.write(i, j, v)
    ws.set_column(0, 0, 48)
    ws.set_column(1, len(columns), 22)
    wb.close()
    return buf.getvalue()


def _comparison_keys():
    yield from ("Målgruppe", "Aldersgrupper", "Suksessrate (prosentpoeng)", "Deltakere",
                "Første år", "Analyseperiode (år)", "Nettogevinst i alt")  # fmt: skip
    yield from (f"Nettogevinst {PAYER_NAMES_NB[p].lower()}" for p in PAYERS)
    yield from ("Nettogevinst pr. deltaker", "Break-even (år)")
    yield from (AREA_NAMES_NB[a] for a in AREAS)
    yield "Laveste suksessrate som lønner seg (prosentpoeng)"
    yield "Høyeste kostnad per år som lønner seg"
    yield "Suksessrate for balanse innen 4 år"
