"""The comparison workbook (issue 6): saved scenarios side by side on one sheet, the rows of
`reports.comparison` (the page shows the same), numbers stored as numbers."""

from __future__ import annotations

import io

from utenfor.reports.comparison import SECTION, Compared, comparison
from utenfor.reports.language import tr
from utenfor.reports.table import decimals
from utenfor.reports.xlsx import Styles, new_workbook, write_value


def comparison_workbook(columns: list[Compared], lang: str = "nb") -> bytes:
    buf = io.BytesIO()
    wb = new_workbook(buf)
    st = Styles(wb)
    ws = wb.add_worksheet(tr("Sammenligning", lang))
    ws.write_string(0, 0, tr("Sammenligning av scenarier", lang), st.title)
    ws.write_string(2, 0, "", st.head)
    for j, c in enumerate(columns, start=1):
        ws.write_string(2, j, c.name, st.head)  # typed by a user: text, never a formula
    for i, line in enumerate(comparison(columns, lang), start=3):
        ws.write_string(i, 0, line.label, st.bold)
        if line.kind == SECTION:
            continue
        shown = st.places[decimals(line.values)] if line.kind == "pct" else st.kinds.get(line.kind)
        for j, v in enumerate(line.values, start=1):
            write_value(ws, i, j, v, shown)
    ws.set_column(0, 0, 48)
    ws.set_column(1, len(columns), 22)
    wb.close()
    return buf.getvalue()
