"""Choosing a documented programme on the calculation page (issue 33, part 2) fills the share
with (share without + the middle value), the success rate's what-if spread (low–high) and
names the source; the recalculated results follow (the page's "Suksessrate:" line is the form's,
drawn when the page is, so the results panel is what shows the new rate)."""

from __future__ import annotations

from playwright.sync_api import expect


def test_choosing_a_programme_fills_the_success_rate_and_the_spread(server, page):
    page.goto(server + "/?eksempel=veiledning")  # share without 50, with 60
    expect(page.locator("#suksessrate")).to_contain_text("10 prosentpoeng", use_inner_text=True)
    page.select_option("#f-evidence_id", "ips-unge")  # SEED trial: 11,5 / 39,5 / 69,1 points
    expect(page.locator("#f-share_without_pct")).to_have_value("50")
    expect(page.locator("#f-share_with_pct")).to_have_value("89,5")
    expect(page.locator("#f-unc_success_low")).to_have_value("11,5")
    expect(page.locator("#f-unc_success_high")).to_have_value("69,1")
    expect(page.locator("#evidence-source")).to_contain_text("Sveinsdottir")
    # the results panel is recalculated with the filled-in rate (its warning names it)
    expect(page.locator("#resultat")).to_contain_text("Suksessraten er 39,5 prosentpoeng")


def test_an_empty_share_without_gets_the_programmes_base_share(server, page):
    page.goto(server + "/")
    page.select_option("#f-evidence_id", "mst")  # 91 % against 58 % living at home
    expect(page.locator("#f-share_without_pct")).to_have_value("58")
    expect(page.locator("#f-share_with_pct")).to_have_value("91")
    expect(page.locator("#f-unc_success_low")).to_have_value("16,5")
    expect(page.locator("#f-unc_success_high")).to_have_value("49,5")
