"""The workbook's data sheets (issue 34): the chosen group's and the population's yearly values
by age and sub-area, the payer shares, the price index and the local figures, each column or
row with its source and grade beside it. Values, except the local figures' factors (formulas
of Inndata)."""

from __future__ import annotations

import csv

from utenfor.model.local_figures import applied_figures, local_prices
from utenfor.model.result import Result
from utenfor.reports.language import N_, area_name, payer_name, tr
from utenfor.reports.xlsx_cells import cell, ref, span
from utenfor.reports.xlsx_inputs import Layout
from utenfor.terms import DATA_AREAS

DATA_FIRST = 7  # the data sheets' first age row (0-based)
SHARE_ROW = 4  # the payer shares' first row on the shares sheet (kommune)
MASK_ROW = 9  # the area masks' first row on the shares sheet


def subarea_sources(data) -> dict[str, str]:
    """Each sub-area's sources: the titles of the parameters that subareas.csv names for it
    (its `parameters` column), else the data set's profiles.csv."""
    titles = {s.get("parameter"): s.get("title", "") for s in data.metadata.get("sources", [])}
    fallback = f"{data.title} ({data.name} {data.version}), profiles.csv"
    out = {s.id: fallback for s in data.subareas}
    path = data.path / "subareas.csv" if data.path else None
    if path is None or not path.exists():
        return out
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            named = [titles[p] for p in (row.get("parameters") or "").split() if p in titles]
            if row.get("subarea_id") in out and named:
                out[row["subarea_id"]] = "; ".join(dict.fromkeys(named))
    return out


def write_profile(ws, st, result: Result, group_id: str, lang: str) -> None:
    """A group's average public net cost per person by age (rows) and sub-area (columns)."""
    data = result.data
    g = data.group_index[group_id]
    group = data.groups[g]
    own = [s.get("title", "") for s in data.metadata.get("sources", [])
           if s.get("parameter") == group_id]  # fmt: skip
    what = tr("offentlig nettokostnad per person og år", lang)
    kroner = f"{data.price_base_year}{tr('-kroner', lang)}"
    ws.write_string(0, 0, f"{group.name(lang)}: {what} ({kroner}; {tr('før lokale tall', lang)})"
                          + (f". {own[0]}" if own else ""), st.bold)  # fmt: skip
    sources = subarea_sources(data)
    labels = (N_("Delområde"), N_("Navn"), N_("Område"), N_("Karakter (1–3)"), N_("Kilde"))
    for i, label in enumerate(labels, start=1):
        ws.write_string(i, 0, tr(label, lang), st.bold)
    for j, sub in enumerate(data.subareas, start=1):
        ws.write_string(1, j, sub.id)
        ws.write_string(2, j, sub.name(lang), st.wrap)
        ws.write_string(3, j, area_name(sub.area_id, lang))
        if data.grades is not None:
            ws.write_number(4, j, int(data.grades[g, j - 1]))
        else:
            ws.write_string(4, j, "–")
        ws.write_string(5, j, sources[sub.id], st.wrap)
    ws.write_string(6, 0, tr("Alder", lang), st.head)
    profiles = _national(result)
    for a, row in enumerate(profiles[g].tolist()):
        ws.write_number(DATA_FIRST + a, 0, a)
        ws.write_numbers(DATA_FIRST + a, 1, row, st.kr)
    ws.set_column(0, 0, 16)
    ws.set_column(1, len(data.subareas), 16)
    ws.freeze_panes(DATA_FIRST, 1)


def _national(result: Result):
    """The profiles before local figures (the data sheets show the data set as published)."""
    data, profiles = result.data, result.data.profiles.copy()
    columns = {s.id: j for j, s in enumerate(data.subareas)}
    for a in applied_figures(data):
        profiles[:, :, columns[a.price.subarea]] /= a.factor if a.factor else 1.0
    return profiles


def write_shares(ws, st, result: Result, lang: str) -> None:
    data = result.data
    ws.write_string(0, 0, tr("Betalerandeler: hvor stor del av hvert delområdes penger "
                             "kommune, fylkeskommune og stat bærer", lang), st.bold)  # fmt: skip
    payers_source = [s.get("title", "") for s in data.metadata.get("sources", [])
                     if s.get("parameter") in ("payers", "care_payer_split")]  # fmt: skip
    labels = [N_("Delområde"), N_("Navn"), N_("Område (id)")]
    for i, label in enumerate(labels, start=1):
        ws.write_string(i, 0, tr(label, lang), st.bold)
    for k, payer in enumerate(("kommune", "fylkeskommune", "stat")):
        ws.write_string(SHARE_ROW + k, 0, payer_name(payer, lang), st.bold)
    ws.write_string(SHARE_ROW + 3, 0, tr("Kilde", lang), st.bold)
    ws.write_string(SHARE_ROW + 3, 1, "; ".join(payers_source) or
                    f"{data.name} {data.version}, subareas.csv")  # fmt: skip
    for j, sub in enumerate(data.subareas, start=1):
        ws.write_string(1, j, sub.id)
        ws.write_string(2, j, sub.name(lang), st.wrap)
        ws.write_string(3, j, sub.area_id)
        for k, share in enumerate(sub.shares):
            ws.write_number(SHARE_ROW + k, j, share)
    ws.write_string(MASK_ROW - 1, 0, tr("Delområdet hører til området (1) eller ikke (0)", lang),
                    st.head)  # fmt: skip
    for x, area in enumerate(DATA_AREAS):
        ws.write_string(MASK_ROW + x, 0, area_name(area, lang))
        for j, sub in enumerate(data.subareas, start=1):
            ws.write_formula(MASK_ROW + x, j, f'=IF({cell(3, j)}="{area}",1,0)', None,
                             int(sub.area_id == area))  # fmt: skip
    ws.set_column(0, 0, 30)
    ws.set_column(1, len(data.subareas), 16)


def write_prices(wb, ws, st, result: Result, lang: str) -> None:
    data = result.data
    cpi = [s.get("title", "") for s in data.metadata.get("sources", [])
           if s.get("parameter") == "cpi"]  # fmt: skip
    ws.write_string(0, 0, tr("Konsumprisindeksen: bare forholdet mellom to år brukes", lang),
                    st.bold)  # fmt: skip
    for j, head in enumerate((N_("År"), N_("Indeks"), N_("Kilde"))):
        ws.write_string(1, j, tr(head, lang), st.head)
    years = sorted(data.price_index)
    for i, year in enumerate(years, start=2):
        ws.write_number(i, 0, year)
        ws.write_number(i, 1, data.price_index[year])
        ws.write_string(i, 2, cpi[0] if cpi else f"{data.name} {data.version}, price_index.csv")
    last = 1 + len(years)
    sheet = ws.get_name()
    wb.define_name("price_years", f"={span(sheet, 2, 0, last, 0)}")
    wb.define_name("price_table", f"={span(sheet, 2, 0, last, 1)}")
    ws.write_string(last + 2, 0, tr("Datasettets prisår", lang), st.bold)
    ws.write_number(last + 2, 1, data.price_base_year)
    wb.define_name("price_base_year", f"={ref(sheet, last + 2, 1)}")
    ws.set_column(0, 1, 12)
    ws.set_column(2, 2, 80)


LOCAL_HEADS = (N_("Enhetskostnad"), N_("Navn"), N_("Delområde"), N_("Nasjonal verdi"),
               N_("Kilde"), N_("Kommunens verdi"), N_("År"), N_("Indeks i året"),
               N_("Indeks i prisåret"), N_("Kommunens verdi i prisåret"), N_("Faktor"))  # fmt: skip


def write_local(ws, st, result: Result, lay: Layout, inputs: str, lang: str) -> dict[str, list]:
    """The unit prices a local figure may replace, and the factor each gives its sub-area
    (1 where none is given). Returns sub-area -> the factor cells that apply to it."""
    ws.write_string(0, 0, tr("Lokale tall: kommunens egne enhetskostnader (fra Inndata) "
                             "skalerer delområdets kolonne for målgruppen og befolkningen",
                             lang), st.bold)  # fmt: skip
    for j, head in enumerate(LOCAL_HEADS):
        ws.write_string(1, j, tr(head, lang), st.head)
    applied = {a.figure.parameter: a for a in applied_figures(result.data)}
    factors: dict[str, list] = {}
    for i, price in enumerate(local_prices(result.data).values(), start=2):
        r, a = lay.local[price.parameter], applied.get(price.parameter)
        c = {k: cell(i, j) for j, k in enumerate("ABCDEFGHIJK")}
        ws.write_string(i, 0, price.parameter)
        ws.write_string(i, 1, price.label_nb, st.wrap)
        ws.write_string(i, 2, price.subarea)
        ws.write_number(i, 3, price.value, st.kr)
        ws.write_string(i, 4, price.publication, st.wrap)
        given, year = ref(inputs, r, 2, False), ref(inputs, r, 3, False)
        blank = f'IF({c["F"]}="",""'
        cells = [
            (f'=IF({given}="","",{given})', a and a.figure.value),
            (f'=IF({c["F"]}="","",{year})', a and a.figure.year),
            (f"={blank},VLOOKUP({c['G']},price_table,2,FALSE))", a and
             result.data.price_index[a.figure.year]),
            (f"={blank},VLOOKUP(price_base_year,price_table,2,FALSE))", a and
             result.data.price_index[result.data.price_base_year]),
            (f'={blank},{c["F"]}*{c["I"]}/{c["H"]})', a and a.base_value),
            (f'=IF({c["F"]}="",1,IF({c["D"]}=0,1,{c["J"]}/{c["D"]}))', a.factor if a else 1.0),
        ]  # fmt: skip
        for j, (formula, value) in enumerate(cells, start=5):
            ws.write_formula(i, j, formula, None, "" if value is None else value)
        factors.setdefault(price.subarea, []).append(ref(ws.get_name(), i, 10))
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 36)
    ws.set_column(2, 10, 16)
    return factors
