"""The calculation page's downloads are named after the scenario and the date (issue 31, item
19), at 1280 and 390 px."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_downloads_are_named_after_the_scenario(server, browser, width, fmt):
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(server + "/?eksempel=veiledning")
    page.fill("#f-name", "Losen – ungdomsløs")
    with page.expect_download(timeout=120_000) as d:
        page.click(f"button[formaction='/eksport/{fmt}']")
    name = d.value.suggested_filename
    context.close()
    assert name == f"Losen-ungdomslos-{date.today().isoformat()}.{fmt}"
