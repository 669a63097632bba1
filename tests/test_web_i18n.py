"""Bokmål first, English second (issue 4): the catalogue covers every string; the switch works."""

from __future__ import annotations

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from utenfor.i18n import LOCALE_DIR

PACKAGE = LOCALE_DIR.parent
WEB = PACKAGE / "web"


def extracted() -> set[str]:
    """The msgids in the templates, i18n.py, the web package's code, the service layer, the model
    (notices and validation messages), the audit log's actions and the reports now (what
    `pybabel extract -F babel.cfg` finds: `_`, `N_`, `gettext` and the reports' `tr`)."""
    ids = set()
    keywords = {"_": None, "N_": None, "gettext": None, "tr": (1,)}
    for folder, method_map in ((WEB / "templates", [("**.html", "jinja2")]),
                               (PACKAGE, [("i18n.py", "python")]),
                               (WEB, [("**.py", "python")]),
                               (PACKAGE, [("service.py", "python"), ("terms.py", "python")]),
                               (PACKAGE / "model", [("**.py", "python")]),
                               (PACKAGE / "store", [("audit.py", "python")]),
                               (PACKAGE / "reports", [("**.py", "python")])):  # fmt: skip
        options = {"**.html": {"extensions": "jinja2.ext.i18n"}}
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            folder, method_map=method_map, options_map=options, keywords=keywords
        ):
            ids.add(message if isinstance(message, str) else message[0])
    # Babel's extractor does not look inside f-strings; the reports call tr and N_ there too.
    for path in (PACKAGE / "reports").glob("*.py"):
        ids |= {
            m[1] for m in re.findall(r"\b(?:tr|N_)\(\s*(['\"])([^'\"]+)\1\s*[,)]", path.read_text())
        }
    return ids


def test_every_string_has_an_english_translation():
    with open(LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalog = read_po(f)
    translated = {m.id: m.string for m in catalog if m.id}
    now = extracted()
    missing = sorted(i for i in now if not translated.get(i))
    assert not missing, f"untranslated (run pybabel extract/update, see README): {missing}"
    stale = sorted(set(translated) - now)
    assert not stale, f"catalogue has strings the templates no longer use: {stale}"


def test_bokmal_is_the_default_and_english_is_behind_the_switch(client):
    page = client.get("/?eksempel=veiledning").text
    assert 'lang="nb"' in page and "Beregn gevinsten av et tiltak" in page and "English" in page
    r = client.get("/sprak/en", headers={"referer": "http://testserver/om"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "http://testserver/om"
    client.cookies.set("lang", "en")
    page = client.get("/?eksempel=veiledning").text
    assert 'lang="en"' in page and "Calculate the gain of an intervention" in page
    assert "Figure 3. Net gain by service area" in page and "Municipality" in page
    assert "Norsk (bokmål)" in page
    assert "About the model" in client.get("/om").text


def test_the_switch_ignores_unknown_languages_and_foreign_referers(client):
    r = client.get("/sprak/xx", headers={"referer": "https://evil.example/"},
                   follow_redirects=False)  # fmt: skip
    assert r.headers["location"] == "/" and "set-cookie" not in r.headers


def test_the_model_texts_follow_the_interface_language(client):
    """Council text, threshold sentences, sensitivity labels and chart titles."""
    nb = client.get("/?eksempel=veiledning").text
    assert "Hvis vi klarer" in nb and "Suksessrate −50 %" in nb
    client.cookies.set("lang", "en")
    en = client.get("/?eksempel=veiledning").text
    assert "Hvis vi klarer" not in en and "If we manage" in en
    assert "Success rate −50 % / +50 %" in en and "Suksessrate −50 %" not in en
    assert 'font-weight="bold" font-size="13">Net gain by payer</text>' in en  # the SVG's title
    assert "Nettogevinst fordelt på aktører" not in en
    for title in (
        "Sensitivity: total net gain when one assumption changes",
        "Uncertainty: cumulative net gain",
        "Who invests, and who gets the gain?",
    ):
        assert f'font-size="13">{title}' in en, title  # the what-if charts too
    assert "Kostnad båret" not in en and "Netto med foreslått deling" not in en


def test_the_model_warnings_follow_the_interface_language(client):
    nb = client.get("/?eksempel=veiledning").text  # success rate 10 points: a warning
    assert "Suksessraten er 10 prosentpoeng" in nb
    client.cookies.set("lang", "en")
    en = client.get("/?eksempel=veiledning").text
    assert "The success rate is 10 percentage points" in en and "Suksessraten er" not in en


def test_the_comparison_follows_the_interface_language(client):
    """The comparison's rows are built once (reports/comparison.py) for the page and the
    workbook, in the interface's language: payer, area and group names included."""
    import io

    import openpyxl

    from test_web_pages import WORKED_FORM

    ids = []
    for rate in ("55", "60"):
        form = {**WORKED_FORM, "share_with_pct": rate, "name": f"=Rate {rate}"}
        r = client.post("/scenarier", data=form, follow_redirects=False)
        ids.append(r.headers["location"].split("/")[-1].split("?")[0])
    query = [("id", i) for i in ids]
    nb = client.get("/sammenlign", params=query).text
    assert "Kommunen" in nb and "Nettogevinst i alt" in nb and "Barnevern" in nb
    client.cookies.set("lang", "en")
    en = client.get("/sammenlign", params=query).text
    for words in ("Municipality", "Net gain in total", "Child welfare", "Break-even (year)"):
        assert words in en, words
    assert "Kommunen" not in en and "Nettogevinst i alt" not in en
    book = openpyxl.load_workbook(io.BytesIO(client.get("/sammenlign.xlsx", params=query).content))
    ws = book["Comparison"]
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert "Municipality" in labels and "Net gain in total" in labels
    assert ws.cell(3, 2).value == "=Rate 55" and ws.cell(3, 2).data_type == "s"


def test_the_validation_messages_follow_the_interface_language(client):
    """Issue 11: the model's rules, pydantic's errors and the form's number reading come as
    templates with parameters; the English page shows them from the catalogue."""
    import re

    from test_web_pages import WORKED_FORM

    client.cookies.set("lang", "en")
    cases = [({"target_group": ""}, "is required (choose a target group)"),
             ({"costs_kommune_2021": "mye"}, "must be a number, for example 1 000 000 or 2,5"),
             ({"grant_amount_0": "10", "grant_year_0": "1990"},
              "the year 1990 is outside the years the intervention runs (2021–2022)"),
             ({"age_groups": ["0-2", "10-12"]},
              "two age groups must follow each other; 0-2 and 10-12 do not"),
             ({"costs_kommune_2021": "1,5,5"}, "only one decimal comma is allowed")]  # fmt: skip
    for change, expected in cases:
        html = client.post("/beregn", data={**WORKED_FORM, **change},
                           headers={"HX-Request": "true"}).text  # fmt: skip
        listed = re.search(r'<ul class="ds-list issues" id="mangler">(.*?)</ul>', html, re.S)[1]
        assert expected in listed, listed
        assert not re.search(r"\b(må|være|eller|året)\b", listed), listed


def test_a_union_is_one_sentence_in_either_language():
    """'må være R-109 eller en liste' / 'must be R-109 or a list': the shared opening once."""
    from support import WORKED_EXAMPLE
    from utenfor.i18n import translations
    from utenfor.model import ScenarioError, parse_scenario
    from utenfor.model.scenario_file import load_scenario

    d = load_scenario(WORKED_EXAMPLE).to_dict()
    with pytest.raises(ScenarioError) as caught:
        parse_scenario({**d, "settings": {"discount_schedule": "R-110"}})
    issue = caught.value.issues[0]
    assert issue.message == "må være R-109 eller en liste"
    assert issue.text(translations("en").gettext) == "must be R-109 or a list"


def test_a_message_page_follows_the_interface_language(client):
    nb = client.get("/scenarier/finnes-ikke")
    assert nb.status_code == 404 and "Scenariet finnes ikke. Det kan være slettet." in nb.text
    client.cookies.set("lang", "en")
    en = client.get("/scenarier/finnes-ikke")
    assert "The scenario does not exist. It may have been deleted." in en.text
    assert "<h1" in en.text and "Not found" in en.text and "finnes ikke" not in en.text
