"""A municipal user fetches the kommune's KOSTRA figures on the data page (issue 33, part 3),
sees them beside the national ones, uses them, and the calculation page shows them. SSB is a
local server with constructed answers (tests/data/kostra/README.md: made-up numbers)."""

from __future__ import annotations

import pytest
from axe_check import axe_violations
from playwright.sync_api import expect

from support import local_http
from test_kostra import Ssb, recorded


@pytest.fixture()
def ssb(monkeypatch):
    Ssb.docs, Ssb.queries = recorded(), []
    with local_http(Ssb) as base:
        monkeypatch.setenv("UTENFOR_SSB_URL", f"{base}/api/v0/no/table/")
        yield


def test_kostra_figures_from_the_data_page_to_the_calculation(server, page, ssb):
    page.goto(server + "/data#kostra")
    page.fill("#f-kommune", "1804")
    page.fill("#f-aar", "2023")
    page.click("text=Hent fra KOSTRA")
    table = page.locator("#tabell-kostra")
    expect(table).to_contain_text("1 700 000", use_inner_text=True)
    expect(table).to_contain_text("1 541 220", use_inner_text=True)  # the data set's, beside
    expect(page.locator("#f-lokal_care_cost_value")).to_have_value("1 700 000")
    page.click("text=Bruk lokale tall")
    expect(page.locator("[role=status]", has_text="Lokale tall er lagret")).to_be_visible()
    page.goto(server + "/?eksempel=veiledning")
    expect(page.locator("#lokale-tall")).to_contain_text("1 700 000 kr", use_inner_text=True)
    expect(page.locator("#lokale-tall")).to_contain_text("KOSTRA 2023, SSB tabell 12279")


def test_a_merged_kommune_is_named_on_the_page(server, axe_page, ssb):
    page = axe_page
    page.goto(server + "/data#kostra")
    page.fill("#f-kommune", "1638")
    page.click("text=Hent fra KOSTRA")
    expect(page.locator("#e-kostra")).to_contain_text("Orkland")
    expect(page.locator("#f-kommune")).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []
    page.fill("#f-kommune", "1804")  # and the table of figures passes too
    page.click("text=Hent fra KOSTRA")
    expect(page.locator("#tabell-kostra")).to_be_visible()
    assert axe_violations(page) == []
