"""The cost hint's examples are read as the hint means them (issue 31, item 8): "1,5 mill" is
1 500 000 kroner, and in English "1,000,000" is a million, at 1280 and 390 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(("lang", "typed", "same_as", "hint"), [
    ("nb", "1,5 mill", "1 500 000", "1,5 mill."),
    ("en", "1,000,000", "1 000 000", "1,000,000"),
    ("en", "1.5 million", "1 500 000", "1.5 million"),
])  # fmt: skip
def test_the_hints_examples_are_read_as_meant(server, browser, width, lang, typed, same_as, hint):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "lang", "value": lang, "url": server}])
    page = context.new_page()
    page.goto(server + "/?eksempel=veiledning")
    expect(page.locator("#aar").locator("xpath=..")).to_contain_text(hint)
    page.fill("#f-costs_kommune_2021", same_as)
    expect(page.locator("#diskontering")).to_be_visible()
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    wanted = page.inner_text("#tabell-aktorer")
    page.fill("#f-costs_kommune_2021", "7")  # something else first, so a change must come back
    expect(page.locator("#tabell-aktorer")).not_to_have_text(wanted, use_inner_text=True)
    page.fill("#f-costs_kommune_2021", typed)
    expect(page.locator("#tabell-aktorer")).to_have_text(wanted, use_inner_text=True)
    expect(page.locator("#mangler")).to_have_count(0)
    context.close()
