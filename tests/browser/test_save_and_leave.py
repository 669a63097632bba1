"""A saved scenario can be saved as a new one, and leaving a page with edits not saved asks
first, only when something was changed (issue 31, item 3), at 1280 and 390 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

SAVED = re.compile(r"/scenarier/([0-9a-f]{32})")


@pytest.fixture(params=[1280, 390], ids=lambda w: f"{w}px")
def sized(request, browser):
    context = browser.new_context(locale="nb-NO", viewport={"width": request.param, "height": 900})
    yield context.new_page()
    context.close()


def test_save_as_new_keeps_the_saved_one(server, sized):
    page = sized
    page.goto(server + "/?eksempel=veiledning")
    page.fill("#f-name", "Grunnlaget")
    page.click("text=Lagre scenario")
    page.wait_for_url(SAVED)
    first = SAVED.search(page.url).group(1)
    page.fill("#f-share_with_pct", "70")
    page.fill("#f-name", "Grunnlaget, 20 poeng")
    page.click("#lagre-som-nytt")
    page.wait_for_url(lambda url: SAVED.search(url) and first not in url)
    expect(page.locator("h1")).to_have_text("Grunnlaget, 20 poeng")
    expect(page.locator("#f-share_with_pct")).to_have_value("70")
    page.goto(server + f"/scenarier/{first}")
    expect(page.locator("#f-share_with_pct")).to_have_value("60")  # the first is unchanged


def test_leaving_with_unsaved_edits_asks_first(server, sized):
    """Without a handler Playwright dismisses a dialog, and a dismissed beforeunload keeps the
    page: a question where none is due makes the wait for the next page fail."""
    page = sized
    page.goto(server + "/?eksempel=veiledning")
    page.wait_for_selector("#tabell-aktorer")
    page.click("header a[href='/data']")  # nothing changed: no question
    page.wait_for_url(server + "/data")
    page.goto(server + "/?eksempel=veiledning")
    page.fill("#f-share_with_pct", "65")
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.type), d.dismiss()))  # stay on the page
    page.click("header a[href='/data']")  # returns once the question is answered
    assert asked == ["beforeunload"]
    expect(page.locator("#f-share_with_pct")).to_have_value("65")
    assert "/data" not in page.url
    page.fill("#f-name", "Lagret")
    page.click("text=Lagre scenario")  # sent: leaving now asks nothing
    page.wait_for_url(SAVED)
    page.click("header a[href='/data']")
    page.wait_for_url(server + "/data")
