"""Every table fits its column or scrolls inside it, on a 1280-px screen and on a 390-px phone
(issue 12): nothing runs past the results column or off the page."""

from __future__ import annotations

import pytest

OVERFLOW = """() => {
  const page = document.documentElement.clientWidth;
  const bad = [];
  for (const table of document.querySelectorAll('table')) {
    const box = table.parentElement.getBoundingClientRect();
    const column = table.closest('.layout > *, main') || document.body;
    const limit = column.getBoundingClientRect().right + 1;
    const name = table.id || table.caption?.innerText || 'table';
    if (box.right > Math.min(limit, page + 1)) bad.push(name);
  }
  if (document.documentElement.scrollWidth > page + 1) bad.push('the page scrolls sideways');
  return bad;
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["/?eksempel=veiledning", "/data"])
def test_tables_fit_or_scroll_inside_their_column(server, browser, width, path):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    if "eksempel" in path:
        page.wait_for_selector("#tabell-aktorer")
    bad = page.evaluate(OVERFLOW)
    context.close()
    assert not bad, f"at {width} px: {bad}"
