"""What sticks out of the viewport on the current page (issue 31, item 12)."""

OUTSIDE = """() => {
  const w = document.documentElement.clientWidth, out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width && r.right > w + 1 && !e.closest('.table-scroll')) out.push(
      e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + Math.round(r.right) + ' px');
  }
  return {scroll: document.documentElement.scrollWidth, width: w, outside: out.slice(0, 5)};
}"""


def too_wide(page) -> dict | None:
    """The page's scroll width, its viewport's width and the first elements outside it, when
    the page is wider than its viewport or an element (outside a .table-scroll) sticks out."""
    found = page.evaluate(OUTSIDE)
    return found if found["scroll"] > found["width"] or found["outside"] else None
