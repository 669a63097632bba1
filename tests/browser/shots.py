"""docs/screenshots/: the pages as README shows them, renewed only when asked
(`UTENFOR_SCREENSHOTS=1 .venv/bin/python -m pytest tests/browser`)."""

from __future__ import annotations

import os

from support import ROOT

SHOTS = ROOT / "docs" / "screenshots"
WIDTH, HEIGHT = 1400, 1000  # the viewport every screenshot is taken at


def screenshot(page, name: str) -> None:
    """docs/screenshots/NAME.png of the whole page, at WIDTH, from the top with nothing
    focused: the sticky summary and a scrolled table where a reader meets them first."""
    if not os.environ.get("UTENFOR_SCREENSHOTS"):
        return
    size = page.viewport_size
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.evaluate("document.activeElement && document.activeElement.blur(); "
                  "document.querySelectorAll('.table-scroll').forEach(e => e.scrollLeft = 0); "
                  "window.scrollTo(0, 0)")  # fmt: skip
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)
