"""On a phone nothing is cut (issue 31, item 12): scenario names are not squeezed to a letter
per line, the grant's selects show their choice, the benefit plan's indicators show their whole
text, step 3's three inputs sit on one line. (That no page is wider than its viewport is
checked with axe-core, in the same load of each page: tests/browser/test_axe_everywhere.py.)"""

from __future__ import annotations

from seeded import seeded


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
