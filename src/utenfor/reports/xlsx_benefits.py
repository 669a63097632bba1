"""The benefit-realisation plan as a workbook (issue 15, item 2): the plan to fill in, and the
expected gain per year, in the style of the result workbook."""

from __future__ import annotations

import io

from utenfor.model.benefits import BenefitLine
from utenfor.reports.benefit_tables import by_year, plan
from utenfor.reports.language import tr
from utenfor.reports.xlsx import Styles, new_workbook, write_table


def benefits_workbook(lines: list[BenefitLine], title: str, lang: str = "nb") -> bytes:
    buf = io.BytesIO()
    wb = new_workbook(buf)
    st = Styles(wb)
    ws = wb.add_worksheet(tr("Gevinstplan", lang))
    ws.write_string(0, 0, title, st.title)  # the user's text: always a string
    table = plan(lines, lang)
    end = write_table(ws, st, table, 2)
    ws.write_string(end + 1, 0, table.note)
    write_table(ws, st, by_year(lines, lang), end + 3)
    ws.set_column(0, 1, 22)
    ws.set_column(2, 2, 14)
    ws.set_column(3, 3, 48)
    ws.set_column(4, 7, 18)
    wb.close()
    return buf.getvalue()
