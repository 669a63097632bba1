"""axe-core finds no violation of any impact on any page with real content, in bokmål and
English, at 1280 and 390 px (issue 31, "Done when")."""

from __future__ import annotations

import pytest
from axe_check import AXE
from seeded import pages


def violations(page) -> list[dict]:
    """Every axe-core violation on the current page, whatever its impact."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]]  # fmt: skip


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_no_axe_violation_on_any_page(server, browser, width, lang):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    context.add_cookies([{"name": "lang", "value": lang, "url": server}])
    page = context.new_page()
    found = {}
    for path in pages(server):
        page.goto(server + path, wait_until="networkidle")
        if bad := violations(page):
            found[path] = bad
    context.close()
    assert not found, found
