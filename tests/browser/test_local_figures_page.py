"""A municipal user sets their own placement cost on the data page (issue 13, item 5), sees the
child-welfare line move by what a hand calculation predicts, saves, reopens, and finds the
figure and the notice in the PDF."""

from __future__ import annotations

import io
import json
import re
import tomllib
import urllib.request

from playwright.sync_api import expect
from pypdf import PdfReader

from support import WORKED_EXAMPLE

NATIONAL = 1_541_220  # the open data set's placement cost (care_cost), 2017 kroner
SOURCE = "KOSTRA 2017, funksjon 252 (eksempel)"


def child_welfare_line(server: str, care_cost: float | None) -> float:
    """The worked example's child-welfare line from the API, at a given placement cost."""
    with open(WORKED_EXAMPLE, "rb") as f:
        scenario = tomllib.load(f)
    if care_cost is not None:
        scenario["local_figures"] = [{"parameter": "care_cost", "value": care_cost, "year": 2017}]
    req = urllib.request.Request(server + "/api/v1/calculate", data=json.dumps(scenario).encode(),
                                 headers={"Content-Type": "application/json"})  # fmt: skip
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)["by_area"]["child_welfare"]["total"]


def shown_line(page) -> float:
    row = page.locator("#tabell-omrader tr", has_text="Barnevern").first.inner_text()
    first = re.search(r"(−?[\d\u00a0 ]+)", row.split("\t", 1)[1]).group(1)
    return float(first.replace("\u00a0", "").replace(" ", "").replace("−", "-"))


def test_a_local_placement_cost_from_the_data_page_to_the_pdf(server, page, tmp_path):
    # Hand calculation: the line is support + care, and care is proportional to the cost, so
    # with the cost at 0 the line is the support part (L0), and at twice the national cost it
    # is L1 + (L1 - L0), where L1 is the line at the national cost.
    l1, l0 = child_welfare_line(server, None), child_welfare_line(server, 0)
    expected = 2 * l1 - l0

    page.goto(server + "/data#lokale-tall")
    page.fill("#f-lokal_care_cost_value", "3 082 440")  # twice 1 541 220
    page.fill("#f-lokal_care_cost_year", "2017")
    page.fill("#f-lokal_care_cost_source", SOURCE)
    page.click("text=Bruk lokale tall")
    expect(page.locator("[role=status]")).to_contain_text("Lokale tall er lagret")

    page.goto(server + "/?eksempel=veiledning")
    expect(page.locator("#lokale-tall")).to_contain_text("3 082 440 kr", use_inner_text=True)
    expect(page.locator("#tabell-omrader")).to_be_visible()
    assert abs(shown_line(page) - expected) <= 1, (shown_line(page), expected)
    assert abs(shown_line(page) - l1) > 100_000  # it did move

    page.fill("#f-name", "Med lokal plasseringskostnad")
    page.click("text=Lagre scenario")
    page.wait_for_url(re.compile(r"/scenarier/[0-9a-f]{32}"))
    saved = page.url
    page.context.clear_cookies()  # reopened without the data page's cookie: the scenario keeps it
    page.goto(saved)
    expect(page.locator("#lokale-tall")).to_contain_text(SOURCE)
    assert abs(shown_line(page) - expected) <= 1

    with page.expect_download() as download:
        page.click("text=Last ned PDF-rapport")
    path = tmp_path / "rapport.pdf"
    download.value.save_as(path)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    text = " ".join(text.split())
    assert "Lokale tall" in text and SOURCE in text
    assert "Lokale tall er brukt i stedet for datasettets" in text
