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
    page.goto(server + path, wait_until="load")
    if "eksempel" in path:
        page.wait_for_selector("#tabell-aktorer")
    bad = page.evaluate(OVERFLOW)
    context.close()
    assert not bad, f"at {width} px: {bad}"


def test_age_group_checkboxes_are_designsystemet_boxes(server, browser):
    """Square boxes of Designsystemet's toggle size beside their labels, not narrow empty
    brackets (issue 12: an app rule once set their width to auto)."""
    page = browser.new_page()
    page.goto(server + "/?eksempel=veiledning", wait_until="load")
    boxes = page.evaluate("""() => [...document.querySelectorAll('[name=age_groups]')].map(i => {
      const r = i.getBoundingClientRect(), l = i.labels[0].getBoundingClientRect();
      const size = getComputedStyle(i).getPropertyValue('--dsc-input-size--toggle');
      const probe = document.createElement('div');
      probe.style.width = size; document.body.append(probe);
      const toggle = probe.getBoundingClientRect().width; probe.remove();
      return {w: r.width, h: r.height, toggle, beside: l.left >= r.right,
              checkedBg: getComputedStyle(i).backgroundColor, checked: i.checked};
    })""")
    page.close()
    assert len(boxes) == 6
    for box in boxes:
        assert box["toggle"] >= 16 and box["w"] == pytest.approx(box["toggle"], abs=0.5), box
        assert box["h"] == pytest.approx(box["w"], abs=0.5) and box["beside"], box
    checked = [b for b in boxes if b["checked"]]
    assert checked and all(b["checkedBg"] not in ("rgba(0, 0, 0, 0)", "") for b in checked)
