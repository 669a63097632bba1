"""The scenario list shows each scenario's target group, total and break-even (issue 31, item
20), in the list's language, at 1280 and 390 px: the same figures the API computes for it."""

from __future__ import annotations

import csv
import json
import urllib.request

import pytest
from seeded import EXAMPLE, LONG_NAME, seeded

from support import ROOT
from utenfor.formatting import kroner


def group_names(group_id: str) -> dict[str, str]:
    with open(ROOT / "src" / "utenfor" / "data" / "open" / "groups.csv", encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["group_id"] == group_id)
    return {"nb": row["name_nb"], "en": row["name_en"]}


def computed(server: str, scenario: dict = EXAMPLE) -> dict:
    req = urllib.request.Request(server + "/api/v1/calculate", data=json.dumps(scenario).encode(),
                                 headers={"Content-Type": "application/json"})  # fmt: skip
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_list_shows_group_total_and_break_even(server, browser, width, lang):
    seeded(server)
    result = computed(server)
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "lang", "value": lang, "url": server}])
    page = context.new_page()
    page.goto(server + "/scenarier")
    row = page.locator("#scenarioliste tbody tr", has_text=LONG_NAME)
    text = row.inner_text().replace("\u00a0", " ")
    context.close()
    assert group_names(EXAMPLE["target_group"])[lang] in text
    assert kroner(result["net_gain"]["total"], " ") in text
    assert str(result["break_even"]["year"]) in text


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_compare_wraps_names_shows_differences_and_one_chart(server, browser, width, lang):
    """Issue 31, item 11: the long target-group name wraps (at 1280 the table fits without
    scrolling, the second scenario on screen), a difference column, one chart of both."""
    first, second = seeded(server)["scenarios"]
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "lang", "value": lang, "url": server}])
    page = context.new_page()
    page.goto(server + f"/sammenlign?id={first}&id={second}")
    fits = page.evaluate("""() => { const box = document.querySelector('#sammenligning')
        .parentElement; return box.scrollWidth <= box.clientWidth + 1; }""")
    total = "Nettogevinst i alt" if lang == "nb" else "Net gain in total"
    row = page.locator("#sammenligning tr", has_text=total).first.inner_text()
    cells = [c.strip().replace("\u00a0", " ") for c in row.split("\t")]
    bars = page.locator("#sammenligning-figur svg rect").count()
    context.close()
    if width == 1280:
        assert fits
    a = computed(server)["net_gain"]["total"]  # the API's figures, unrounded
    b = computed(server, EXAMPLE | {"share_with_pct": 65})["net_gain"]["total"]
    assert cells[1:3] == [kroner(v, " ").removesuffix(" kr") for v in (a, b)]
    assert cells[3] == "+" + kroner(b - a, " ").removesuffix(" kr")
    assert bars >= 8  # total and three payers, for each of the two scenarios
