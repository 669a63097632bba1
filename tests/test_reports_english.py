"""`--lang en` (issue 5): English reports, with no bokmål label left behind (`tr` is strict)."""

from __future__ import annotations

import io

import openpyxl
import pypdf
import pytest

from support import WORKED_EXAMPLE, make, pdf_of, run_cli, workbook_of
from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset
from utenfor.model import calculate, load_scenario


@pytest.fixture(scope="module")
def open_data():
    return load_dataset(BUNDLED)


def scenarios(simple):
    yield load_scenario(WORKED_EXAMPLE)
    yield make(simple, settings={"effect_start": "at_entry"})
    yield make(simple, share_with_pct=51, costs={"kommune": {"2021": 5_000_000}})  # no break-even
    yield make(simple, age_groups=["16-19"], settings={"analysis_years": 70})  # warnings


def test_english_reports_have_every_label(open_data, simple):
    for scenario in scenarios(simple):
        result = calculate(scenario, open_data)
        book = openpyxl.load_workbook(io.BytesIO(workbook_of(result, lang="en")))
        assert book.sheetnames[:7] == [
            "Assumptions",
            "Inputs",
            "Results",
            "What if",
            "Cash flow",
            "Life course",
            "About",
        ]
        assert "Price index" in book.sheetnames and "8 Sum by area" in book.sheetnames
        text = " ".join(p.extract_text() for p in pypdf.PdfReader(
            io.BytesIO(pdf_of(result, lang="en"))).pages)  # fmt: skip
        assert "The assumptions" in text and "Figure 3. Net gain by service area" in text
        assert "How the result can be presented" in text and "Forutsetningene" not in text


def test_bokmal_stays_the_default(open_data):
    result = calculate(load_scenario(WORKED_EXAMPLE), open_data)
    assert openpyxl.load_workbook(io.BytesIO(workbook_of(result))).sheetnames[0] == "Forutsetninger"


def test_cli_lang_en(tmp_path):
    out = tmp_path / "report.pdf"
    p = run_cli("export", str(WORKED_EXAMPLE), "--to", str(out), "--lang", "en")
    assert p.returncode == 0, p.stderr
    text = pypdf.PdfReader(out).pages[0].extract_text()
    assert "Made" in text and "Target group" in text
    bad = run_cli("export", str(WORKED_EXAMPLE), "--to", str(out), "--lang", "de")
    assert bad.returncode == 2


def test_api_and_page_give_english_reports(tmp_path):
    import tomllib

    from fastapi.testclient import TestClient

    from utenfor.web.app import Settings, create_app

    with open(WORKED_EXAMPLE, "rb") as f:
        scenario = tomllib.load(f)
    with TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db"))) as c:
        x = c.post("/api/v1/export/xlsx", params={"lang": "en"}, json=scenario)
        assert openpyxl.load_workbook(io.BytesIO(x.content)).sheetnames[0] == "Assumptions"
        assert c.post("/api/v1/export/pdf", params={"lang": "xx"}, json=scenario).status_code == 422
        c.cookies.set("lang", "en")
        form = {"target_group": "lowincome_benefits", "age_groups": "13-15",
                "share_without_pct": "50", "share_with_pct": "60", "start_year": "2021",
                "years_run": "1", "intervention_years": "2",
                "participants_2021": "100"}  # fmt: skip
        pdf = c.post("/eksport/pdf", data=form)
        assert "Target group" in pypdf.PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()


def test_every_warning_has_english():
    """Each notice the model can give has an English text, used by the English page and reports."""
    from utenfor.model.local_figures import Applied, LocalFigure, UnitPrice
    from utenfor.model.notices import Notice
    from utenfor.reports.language import notice_text

    price = UnitPrice("care_cost", "Barnevern, omsorgstiltak per barn per år", 1_541_220,
                      "child_welfare_care", "", "")  # fmt: skip
    local = Applied(LocalFigure(parameter="care_cost", value=2e6, year=2021), price, 1.8e6, 1.2)
    notices = [Notice.high_success_rate(12.5), Notice.negative_success_rate(-2),
               Notice.price_index_outside(2031, 2025), Notice.programme_beyond_period(2060),
               Notice.beyond_max_age(59), Notice.local_figures([local], "sha256:ab", 2017),
               Notice.local_figure_far_off(price.label_nb, 2e7, 1_541_220, 2017)]  # fmt: skip
    assert {n.code for n in notices} == {
        name for name, v in vars(Notice).items() if isinstance(v, classmethod)
    }
    for n in notices:
        en = notice_text(n, "en")
        assert notice_text(n, "nb") == n.message and "{" not in n.message and "{" not in en
        assert not any(w in en for w in (" og ", " er ", "prosent", "kilde")), en
    assert "12.5 percentage points" in notice_text(notices[0], "en")
    assert "Suksessraten er 12,5 prosentpoeng" in notices[0].message
    assert "(\u22122 percentage points)" in notice_text(notices[1], "en")
    # a list parameter, each item with its own template; amounts grouped as each language does
    assert "2,000,000 kr (2021 kroner; source: –) in place of 1,541,220 kr" in notice_text(
        notices[5], "en"
    )
    assert "2 000 000 kr (2021-kroner; kilde: –) i stedet for 1 541 220 kr" in notices[5].message
    assert "ten times higher" in notice_text(notices[6], "en")
    lower = Notice.local_figure_far_off(price.label_nb, 1e3, 1_541_220, 2017)
    assert "ti ganger lavere" in lower.message and "ten times lower" in notice_text(lower, "en")
