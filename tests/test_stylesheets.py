"""The vendored designsystemet.css, as the pages get it (issue 32, item 2).

Designsystemet 1.22.0 rounds the corners of bordered tables (`.ds-table[data-border]`) with
four rules whose selectors hold `:not(:has(thead)) tbody` and `:not(:has(tfoot)) tbody`: the
`:has()` there may be any element above a table body, so Chromium checks them again on every
change below one. The results panel swaps in its tables on every keystroke, and style took
20-25 ms of each (a Chromium trace of bench/browser.py's edits, 2026-12-06); without these
four rules 6 ms, and keystroke to painted p95 82-96 ms -> 62-74 ms (docs/performance.md,
wave 3n). The pages have no bordered table, so the rules styled nothing here; they are cut
from the vendored file (src/utenfor/web/static/vendor/VERSIONS.md)."""

from __future__ import annotations

import re

from support import ROOT

STATIC = ROOT / "src" / "utenfor" / "web" / "static"
TEMPLATES = ROOT / "src" / "utenfor" / "web" / "templates"


def test_the_bordered_table_rules_are_cut_from_the_vendored_stylesheet():
    css = (STATIC / "vendor" / "designsystemet" / "designsystemet.css").read_text()
    assert "table-border-radius--inner" in css  # the file is designsystemet's, with its tables
    rules = re.findall(r"[^{}]*\[data-border\][^{}]*:has\([^{}]*\{", css)
    assert not rules, f"copied again from npm? Cut these (VERSIONS.md): {rules}"
    assert css.count("{") == css.count("}")


def test_no_page_has_a_bordered_table_the_cut_rules_would_have_styled():
    used = [p.name for p in TEMPLATES.rglob("*.html") if "data-border" in p.read_text()]
    used += [p.name for p in STATIC.glob("*.js") if "data-border" in p.read_text()]
    assert not used, used
