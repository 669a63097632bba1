"""The initiative page confirms what was saved, a skipped phase is confirmed and said, dates
are written as the page writes them (issue 31, item 14), and the revision log names fields by
their labels (item 7); at 1280 and 390 px, in bokmål and English."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from seeded import make_initiative, start_phase

WORDS = {
    "nb": {"label": "Andel med tiltaket", "benefits": "Gevinstplanen er lagret",
           "actuals": "De faktiske tallene er lagret", "skip": "hopper over fase 03",
           "begun": "Fase 04", "skipped": "Hoppet over: fase 03", "changed": "Endret i revisjon 2"},
    "en": {"label": "Share with the intervention", "benefits": "The benefit plan is saved",
           "actuals": "The actual figures are saved", "skip": "skips phase 03",
           "begun": "Phase 04", "skipped": "Skipped: phase 03", "changed": "Changed in revision 2"},
}  # fmt: skip


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_initiative_page_confirms_and_explains(server, browser, width, lang):
    words = WORDS[lang]
    made = make_initiative(server, f"Bekreftet {lang} {width}", 58)  # phase 2, begun 01.03.2021
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "lang", "value": lang, "url": server}])
    page = context.new_page()
    url = server + f"/tiltak/{made['id']}"
    page.goto(url)

    # item 7: the revision log by label, not by field code
    log = page.locator("details.changes", has_text=words["changed"])
    log.locator("summary").click()
    expect(log).to_contain_text(words["label"])
    expect(log).not_to_contain_text("share_with_pct")

    # saving the benefit plan and the actuals is confirmed
    page.click("#benefits button[type=submit]")
    page.wait_for_url(re.compile(r"lagret=benefits"))
    expect(page.locator("#benefits #lagret")).to_contain_text(words["benefits"])
    page.click("#actuals button[type=submit]")
    page.wait_for_url(re.compile(r"lagret=actuals"))
    expect(page.locator("#actuals #lagret")).to_contain_text(words["actuals"])

    # a date before the previous phase's: the error writes it as the page does
    start_phase(page, 3, "2021-02-01")
    expect(page.locator("#phase [role=alert]")).to_contain_text("01.03.2021")
    expect(page.locator("#phase [role=alert]")).not_to_contain_text("2021-03-01")

    # 02 -> 04 skips 03: asked first, then confirmed and said
    start_phase(page, 4, "2021-06-01")
    expect(page.locator("#phase [role=alert]")).to_contain_text(words["skip"])
    expect(page.locator("#fase-naa")).to_contain_text("02")  # nothing saved yet
    page.check("#f-phase_skip")
    page.click("#phase button[type=submit]")
    page.wait_for_url(re.compile(r"lagret=phase"))
    notice = page.locator("#phase #lagret")
    expect(notice).to_contain_text(words["begun"])
    expect(notice).to_contain_text("01.06.2021")
    expect(notice).to_contain_text(words["skipped"])
    context.close()
