"""Downloads are named after what they hold and the date, in plain ASCII (issue 31, item 19)."""

from __future__ import annotations

from datetime import date

import pytest

from utenfor.formatting import file_name

DAY = date(2026, 12, 4)


@pytest.mark.parametrize(("parts", "suffix", "wanted"), [
    (("Losen – ungdomsløs for 13–15-åringer",), ".pdf",
     "Losen-ungdomslos-for-13-15-aringer-2026-12-04.pdf"),
    (("Ærlig Ødegård Ås",), ".xlsx", "AErlig-Odegard-As-2026-12-04.xlsx"),
    (("Crème brûlée",), ".pdf", "Creme-brulee-2026-12-04.pdf"),
    (('"; rm -rf / <script>',), ".pdf", "rm-rf-script-2026-12-04.pdf"),
    ((None,), ".pdf", "utenfor-2026-12-04.pdf"),
    (("", "---"), ".xlsx", "utenfor-2026-12-04.xlsx"),
    (("sammenligning", "A", "Bø"), ".xlsx", "sammenligning-A-Bo-2026-12-04.xlsx"),
    (("x" * 300,), ".pdf", "x" * 60 + "-2026-12-04.pdf"),
])  # fmt: skip
def test_file_names_are_plain_ascii_with_the_date(parts, suffix, wanted):
    name = file_name(*parts, suffix=suffix, day=DAY)
    assert name == wanted
    assert name.isascii() and '"' not in name and "/" not in name
