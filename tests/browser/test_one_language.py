"""One language per page (issue 31, item 18), at 1280 and 390 px: in English the target
groups' names and definitions, the plan's double-counting warning and "For the municipality…";
in bokmål the unit prices' sources on /data."""

from __future__ import annotations

import csv

import pytest
from playwright.sync_api import expect
from seeded import seeded

from support import ROOT
from utenfor.i18n import DEFINITIONS

with open(ROOT / "src/utenfor/data/open/groups.csv", encoding="utf-8") as f:
    GROUPS = list(csv.DictReader(f))


def test_every_definition_of_the_open_data_is_in_the_catalogue():
    assert {g["definition_nb"] for g in GROUPS} == set(DEFINITIONS)


@pytest.fixture(params=[1280, 390], ids=lambda w: f"{w}px")
def english(request, browser, server):
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    context.add_cookies([{"name": "lang", "value": "en", "url": server}])
    yield context.new_page()
    context.close()


def test_english_pages_speak_english(server, english):
    page = english
    made = seeded(server)
    page.goto(server + "/?eksempel=veiledning")
    group = next(g for g in GROUPS if g["group_id"] == "lowincome_benefits")
    expect(page.locator("#f-target_group option:checked")).to_have_text(group["name_en"])
    definition = page.locator(".group-definition")
    expect(definition).to_contain_text("Lived in a low-income household")
    expect(definition).not_to_contain_text("lavinntektshusholdning")
    expect(page.locator("#terskler")).to_contain_text("For the municipality, it pays off")
    page.goto(server + "/data")
    names = page.locator("table").first.locator("tbody th").all_inner_texts()
    assert names == [g["name_en"] for g in GROUPS]
    page.goto(server + f"/tiltak/planer/{made['plan']}")
    warning = page.locator("#plan-overlapp")
    expect(warning).to_contain_text("may be counted twice")
    expect(warning).not_to_contain_text("telt to ganger")


@pytest.mark.parametrize("width", [1280, 390])
def test_bokmal_data_page_gives_unit_price_sources_in_bokmal(server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server + "/data")
    table = page.locator("table", has_text="Enhetspriser i det åpne datasettet")
    text = table.inner_text()
    context.close()
    assert "enhetsprisene i den opprinnelige modellen" in text
    assert "unit prices of the original model" not in text and "accounts" not in text
