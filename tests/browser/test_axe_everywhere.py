"""Every page with real content (saved scenarios, an initiative with its plan and actuals, a
plan of two), in bokmål and English, at 1280 and 390 px, in one load each (issue 31, "Done
when", and item 12):

- axe-core finds no violation of any impact;
- no page is wider than its viewport, and nothing but a scrolling table sticks out of it.

axe-core is in each page from its start (`with_axe`) and changes nothing in it until it runs;
the width is measured before it runs. The pages fetch nothing after their load event (no web
fonts, no deferred requests), so `load` is the page as a user sees it."""

from __future__ import annotations

import pytest
from axe_check import axe_violations, with_axe
from seeded import pages
from shots import screenshot
from widths import too_wide

# docs/screenshots/ taken on the way, when asked (shots.py): (language, path) -> name
SCREENSHOTS = {("nb", "/data"): "data", ("nb", "/om"): "om", ("nb", "/scenarier"): "scenarier",
         ("en", "/?eksempel=veiledning"): "calculation-en"}  # fmt: skip


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_no_axe_violation_and_no_page_wider_than_its_viewport(server, browser, width, lang):
    context = with_axe(browser.new_context(viewport={"width": width, "height": 900}))
    context.add_cookies([{"name": "lang", "value": lang, "url": server}])
    page = context.new_page()
    wide, found = {}, {}
    for path in pages(server):
        page.goto(server + path, wait_until="load")
        if outside := too_wide(page):
            wide[path] = outside
        if bad := axe_violations(page, impacts=None):
            found[path] = bad
        if width == 1280 and (lang, path) in SCREENSHOTS:
            screenshot(page, SCREENSHOTS[lang, path])
    context.close()
    assert not wide, wide
    assert not found, found


def test_axe_runs_under_the_apps_policy_and_finds_what_is_wrong(server, axe_page):
    """The check above can fail: axe-core, in the page from its start (`with_axe`), runs under
    the Content-Security-Policy the app sends, and names an image without a text alternative
    put into the page."""
    response = axe_page.goto(server + "/om", wait_until="load")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    inline = """() => { const s = document.createElement('script');
        s.textContent = 'window.inlineRan = true'; document.body.append(s);
        return window.inlineRan === true; }"""
    assert axe_page.evaluate(inline) is False  # the policy holds: no inline script runs
    assert axe_violations(axe_page, impacts=None) == []
    axe_page.evaluate("""() => document.querySelector('main').append(
        Object.assign(document.createElement('img'), {src: '/static/favicon.svg'}))""")
    assert [v["id"] for v in axe_violations(axe_page, impacts=None)] == ["image-alt"]
