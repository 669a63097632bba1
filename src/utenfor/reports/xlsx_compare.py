"""The comparison workbook (issue 6): saved scenarios side by side on one sheet."""

from __future__ import annotations

import io
from typing import Any

import numpy as np

from utenfor.reports.xlsx import Styles, new_workbook
from utenfor.terms import AREA_NAMES_NB, AREAS, PAYER_NAMES_NB, PAYERS


def comparison_workbook(columns: list[dict[str, Any]]) -> bytes:
    """One sheet, 'Sammenligning': scenarios side by side (issue 6). Each column is a dict with
    `name`, `result` and `thresholds` (from utenfor.model.analysis.thresholds)."""
    buf = io.BytesIO()
    wb = new_workbook(buf)
    st = Styles(wb)
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
