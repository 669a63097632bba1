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


def computed(server: str) -> dict:
    req = urllib.request.Request(server + "/api/v1/calculate", data=json.dumps(EXAMPLE).encode(),
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
