"""Issue 15's "Done when": one initiative walked through the Veikart phases in a real browser.
The guide's worked example is the phase-1 estimate; a phase-2 revision changes the success
rate; a benefit plan with three indicators is drawn up; actuals for 2021 and 2022 are recorded
(80 participants instead of 100, costs 10 % over, observed shares 50 % -> 57 %); the page then
shows planned against actual and a re-forecast whose total equals `utenfor calculate` on a
scenario file holding the actual figures (written out by hand below, not by the program)."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect
from seeded import start_phase
from shots import screenshot

from support import run_cli
from test_actuals import ACTUAL_SCENARIO
from utenfor.formatting import number

# ACTUAL_SCENARIO: the worked example with the actual figures written in by hand (80
# participants in 2021, the kommune's costs 1 100 000 a year, 10 % over 1 000 000, the same
# 500 000 falling away and grant, the observed 57 % as the share with the initiative).


def cells(page, table: str, row: str) -> list[str]:
    text = page.locator(f"#{table} tr", has_text=row).first.inner_text()
    return [c.strip().replace("\u00a0", " ") for c in text.split("\t")]


def save_revision(page, reason: str) -> None:
    page.fill("#f-revision_reason", reason)
    page.click("text=Lagre som ny revisjon i tiltaket")
    page.wait_for_url(re.compile(r"/tiltak/[0-9a-f]+(\?lagret=\w+)?(#.*)?$"))


def test_one_initiative_through_the_phases(server, page, tmp_path):
    page.goto(server + "/tiltak")
    page.fill("#f-name", "Losen <i>ungdomslos</i>")
    page.fill("#f-responsible_unit", "Oppvekst")
    page.fill("#f-target_group", "Ungdom 13–15 år i familier med lav inntekt")
    page.fill("#f-began", "2021-01-04")
    page.click("text=Opprett tiltaket")
    page.wait_for_url(re.compile(r"/tiltak/[0-9a-f]+$"))
    expect(page.locator("h1")).to_have_text("Losen <i>ungdomslos</i>")  # text, not markup
    expect(page.locator("#fase-naa")).to_contain_text("Fase 01 Forankring")

    # Phase 1: the guide's worked example is the first estimate.
    page.click("text=Lag første beregning")
    page.click("text=Fyll inn veiledningens eksempel")
    page.wait_for_url(re.compile(r"eksempel=veiledning"))
    expect(page.locator("#f-share_with_pct")).to_have_value("60")
    save_revision(page, "Første anslag fra veiledningen")

    # A phase date before the previous one is refused, and the typed date stays.
    start_phase(page, 2, "2020-12-31")
    expect(page.locator("#phase [role=alert]")).to_contain_text("kan ikke være før forrige fase")
    expect(page.locator("#f-phase_on")).to_have_value("2020-12-31")
    start_phase(page, 2, "2021-03-01")
    expect(page.locator("#fase-naa")).to_contain_text("Fase 02 Innsikt")

    # Phase 2: a revision with a new success rate, kept beside the first.
    page.click("text=Revider beregningen")
    expect(page.locator("#f-share_with_pct")).to_have_value("60")
    expect(page.locator("#f-revision_phase")).to_have_value("2")
    page.fill("#f-share_with_pct", "62")
    save_revision(page, "Ny innsikt: flere klarer seg")
    assert cells(page, "revisjonstabell", "Fase")[1:] == ["01 Forankring", "02 Innsikt"]
    assert cells(page, "revisjonstabell", "Suksessrate")[1:] == ["10", "12"]
    revised_total = cells(page, "revisjonstabell", "Nettogevinst i alt")[2]
    page.click("text=Endret i revisjon 2")
    expect(page.locator(".changes")).to_contain_text("klarer seg uansett inkludert (%): 60 → 62")

    # The benefit-realisation plan, three indicators filled in.
    indicators = page.locator("#gevinstplan textarea[name$='_indicator']")
    assert indicators.count() >= 3
    names = [indicators.nth(i).get_attribute("name") for i in range(3)]
    for i, name in enumerate(names):
        stem = name.removesuffix("_indicator")
        page.fill(f"#f-{name}", f"Indikator {i + 1}")
        page.fill(f"#f-{stem}_baseline", f"{40 + i} %")
        page.fill(f"#f-{stem}_target", f"{50 + i} %")
        page.fill(f"#f-{stem}_responsible", "Oppvekstsjefen")
        page.fill(f"#f-{stem}_measured", "Hvert år i mars")
    page.click("text=Lagre gevinstplanen")
    page.wait_for_url(re.compile(r"#benefits$"))
    for i, name in enumerate(names):
        expect(page.locator(f"#f-{name}")).to_have_value(f"Indikator {i + 1}")

    # Actuals: a negative count is refused by field, and nothing typed is lost.
    page.fill("#f-a_participants_2021", "-80")
    page.fill("#f-a_participants_2022", "0")
    for year in (2021, 2022):
        page.fill(f"#f-a_costs_kommune_{year}", "1 100 000")
        page.fill(f"#f-a_falling_kommune_{year}", "500 000")
    page.fill("#f-a_grant_amount_2021", "500 000")
    page.fill("#f-obs_share", "57")
    page.fill("#f-obs_n", "80")
    first = names[0].removesuffix("_indicator").replace("b_", "m_", 1)  # Indikator 1, measured
    page.fill(f"#f-{first}_2021", "41 %")
    page.fill(f"#f-{first}_2022", "44 %")
    page.click("text=Lagre de faktiske tallene")
    expect(page.locator("#actuals [role=alert]")).to_contain_text("Faktiske deltakere, 2021")
    expect(page.locator(f"#f-{first}_2022")).to_have_value("44 %")
    expect(page.locator("#f-a_costs_kommune_2022")).to_have_value("1 100 000")
    page.fill("#f-a_participants_2021", "80")
    page.click("text=Lagre de faktiske tallene")
    page.wait_for_url(re.compile(r"#actuals$"))

    # Planned against actual: 100 -> 80 participants, net cost 500 000 -> 600 000 (+20 %).
    assert cells(page, "plan-mot-faktisk", "2021") == [
        "2021", "100", "80", "500 000", "600 000", "100 000", "20"]  # fmt: skip
    assert page.locator("#oppfolging svg").count() == 1
    assert cells(page, "indikatorer-malt", "Indikator 1")[2:] == ["40 %", "50 %", "41 %", "44 %"]

    # The re-forecast's total equals `utenfor calculate` on the actual figures.
    path = tmp_path / "faktisk_scenario.toml"
    path.write_text(ACTUAL_SCENARIO, encoding="utf-8")
    done = run_cli("calculate", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    total = json.loads(done.stdout)["net_gain"]["total"]
    assert cells(page, "prognose", "Nettogevinst i alt")[2] == number(total, 0, " ")
    expect(page.locator("#suksessrate")).to_contain_text("Wilson")
    expect(page.locator("#forklar-wilson")).to_contain_text("jo færre deltakere")  # 31, item 16
    screenshot(page, "tiltak")

    # The plan as a PDF and a workbook.
    for fmt in ("pdf", "xlsx"):
        with page.expect_download() as d:
            page.click(f"a[href$='gevinstplan.{fmt}']")
        assert re.fullmatch(
            rf"gevinstrealiseringsplan-Losen-i-ungdomslos-i-\d{{4}}-\d\d-\d\d\.{fmt}",
            d.value.suggested_filename,
        ), d.value.suggested_filename

    # The plan for the council: the initiative chosen on the list, added up on its own page.
    page.goto(server + "/tiltak")
    page.locator("#tiltaksliste tr", has_text="Losen <i>ungdomslos</i>").locator(
        "input[type=checkbox]"
    ).check()
    page.fill("#f-plan-name", "Plan for kvalifiserte tiltak 2021")
    page.click("text=Legg sammen valgte tiltak som en plan for kommunestyret")
    page.wait_for_url(re.compile(r"/tiltak/planer/[0-9a-f]+$"))
    expect(page.locator("h1")).to_have_text("Plan for kvalifiserte tiltak 2021")
    # One initiative: the plan is its latest revision (62 %), as the revision table showed.
    assert cells(page, "plan-plan_payers", "I alt")[1] == revised_total
    screenshot(page, "plan")
