"""The initiative pages (issue 15) without a browser: a stale version is 409 with what the user
typed kept, bad input gets a Norwegian message naming the field, the benefit plan's PDF and
workbook keep hostile text as text, and the English page names the phases in English."""

from __future__ import annotations

import io
import re
import tomllib

import pytest
from pypdf import PdfReader

from support import WORKED_EXAMPLE
from test_hostile_text import HOSTILE, assert_no_formula_or_link

with open(WORKED_EXAMPLE, "rb") as f:
    EXAMPLE = tomllib.load(f)


def initiative(c, name: str = "Losen") -> str:
    """An initiative with the worked example as its phase-1 estimate (through the API)."""
    i = c.post("/api/v1/initiatives", json={"name": name, "began": "2021-01-04"}).json()
    c.post(f"/api/v1/initiatives/{i['id']}/events", json={"version": i["version"],
           "kind": "scenario", "body": {"phase": 1, "scenario": EXAMPLE}})  # fmt: skip
    return i["id"]


def version(c, iid: str) -> int:
    return c.get(f"/api/v1/initiatives/{iid}").json()["version"]


def test_a_stale_version_is_409_and_keeps_what_was_typed(client):
    iid = initiative(client)
    stale = version(client, iid)
    note = {"version": stale, "note_kind": "note", "note_text": "Møte med skolen"}
    assert client.post(f"/tiltak/{iid}/logg", data=note, follow_redirects=False).status_code == 303
    r = client.post(f"/tiltak/{iid}/logg", data=note | {"note_text": "Mitt notat"})
    assert r.status_code == 409
    assert "Noen andre har endret tiltaket" in r.text
    assert "Mitt notat</textarea>" in r.text  # nothing typed is lost
    log = [e for e in client.get(f"/api/v1/initiatives/{iid}").json()["events"]
           if e["kind"] == "note"]  # fmt: skip
    assert [e["body"]["text"] for e in log] == ["Møte med skolen"]


@pytest.mark.parametrize(("path", "form", "words"), [
    ("fase", {"phase": "2", "phase_on": "2020-12-31"}, "kan ikke være før forrige fase"),
    ("fase", {"phase": "2", "phase_on": ""}, "oppgi datoen fasen begynte"),
    ("logg", {"note_kind": "decision", "note_text": "  "}, "skriv notatet eller vedtaket"),
    ("faktisk", {"a_participants_2021": "80", "obs_share": "101", "obs_n": "80"},
     "kan ikke være mer enn 100"),
    ("faktisk", {"a_participants_2021": "-1"}, "Faktiske deltakere, 2021"),
    ("faktisk", {"a_costs_kommune_2021": "1 000 000"}, "et år med faktiske tall må ha faktiske"),
    ("faktisk", {"a_participants_2021": "åtti"}, "må være et tall"),
    ("detaljer", {"details_name": "  ", "details_description": "Ny beskrivelse"},
     "Navn på tiltaket</a>: må oppgis"),
    ("faktisk", {"m_stat_tax_2021": "4" * 101}, "2021</a>: kan ha høyst 100 tegn"),
])  # fmt: skip
def test_bad_input_is_refused_naming_the_field(client, path, form, words):
    iid = initiative(client)
    before = version(client, iid)
    r = client.post(f"/tiltak/{iid}/{path}", data={"version": before, **form})
    assert r.status_code == 422
    assert words in r.text.replace("\u00a0", " ")
    for value in form.values():
        if value.strip():
            assert f'value="{value}"' in r.text or f">{value}<" in r.text  # kept as typed
    assert version(client, iid) == before


def test_the_details_are_changed_on_the_page_and_the_old_ones_kept(client):
    iid = initiative(client)
    page = client.get(f"/tiltak/{iid}").text
    assert 'name="details_name" value="Losen"' in page  # the form shows the current details
    form = {"version": version(client, iid), "details_name": " Losen  2 ",
            "details_description": "Oppfølging i skolen", "details_target_group": "13–15 år",
            "details_responsible_unit": "Oppvekst"}  # fmt: skip
    r = client.post(f"/tiltak/{iid}/detaljer", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/tiltak/{iid}?lagret=details#details"
    shown = client.get(f"/tiltak/{iid}").text
    assert '<h1 class="ds-heading" data-size="lg">Losen 2</h1>' in shown
    assert "Ansvarlig: Oppvekst" in shown and "Målgruppe: 13–15 år" in shown
    got = client.get(f"/api/v1/initiatives/{iid}").json()
    names = [e["body"]["name"] for e in got["events"] if e["kind"] == "details"]
    assert names == ["Losen", "Losen 2"]  # a change is a new event; the first is kept


def benefit_plan(client, iid: str, text: str) -> None:
    page = client.get(f"/tiltak/{iid}").text
    fields = re.findall(r'name="(b_[a-z]+_[a-z_]+_indicator)"', page)
    form = {"version": version(client, iid)}
    form |= {f: text for f in fields[:3]}
    form |= {f.replace("_indicator", "_target"): text for f in fields[:3]}
    assert client.post(f"/tiltak/{iid}/gevinstplan", data=form,
                       follow_redirects=False).status_code == 303  # fmt: skip


def cells(page: str, table_id: str) -> list[list[str]]:
    """A table's rows as text cells."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', page, re.S).group(0)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)]
            for r in re.findall(r"<tr>(.*?)</tr>", table, re.S)]  # fmt: skip


def test_indicators_are_measured_year_by_year_against_the_benefit_plan(client):
    iid = initiative(client)
    benefit_plan(client, iid, "Fullført vgs")
    page = client.get(f"/tiltak/{iid}").text
    first = re.findall(r'name="(m_[a-z]+_[a-z_]+)_2021"', page)[0]  # the plan's first line
    form = {"version": version(client, iid), f"{first}_2021": "61 %", f"{first}_2022": " 66  % "}
    r = client.post(f"/tiltak/{iid}/faktisk", data=form, follow_redirects=False)
    assert r.status_code == 303  # indicators alone may be saved, without actual figures
    rows = cells(client.get(f"/tiltak/{iid}").text, "indikatorer-malt")
    assert rows[0] == ["Indikator", "Aktør og område", "Utgangspunkt", "Mål", "2021", "2022"]
    assert rows[1][0] == "Fullført vgs" and rows[1][3:] == ["Fullført vgs", "61 %", "66 %"]
    # A year the form does not show (measured later, given through the API) is kept when the
    # form is saved again with the actual figures.
    got = client.get(f"/api/v1/initiatives/{iid}").json()
    measured = got["events"][-1]["body"]["indicators"]
    measured[0]["values"]["2030"] = "71 %"
    body = {"actuals": {"participants": {"2021": 80}}, "indicators": measured}
    assert client.post(f"/api/v1/initiatives/{iid}/events", json={"version": got["version"],
                       "kind": "actuals", "body": body}).status_code == 201  # fmt: skip
    form = {"version": version(client, iid), f"{first}_2021": "62 %", "a_participants_2021": "80"}
    assert client.post(f"/tiltak/{iid}/faktisk", data=form,
                       follow_redirects=False).status_code == 303  # fmt: skip
    page = client.get(f"/tiltak/{iid}").text
    rows = cells(page, "indikatorer-malt")
    assert [rows[0][4:], rows[1][4:]] == [["2021", "2030"], ["62 %", "71 %"]]  # 2022 emptied
    assert "plan-mot-faktisk" in page


@pytest.mark.parametrize("text", HOSTILE)
def test_the_benefit_plan_workbook_keeps_hostile_text_as_text(client, text):
    iid = initiative(client, name=text)
    benefit_plan(client, iid, text)
    r = client.get(f"/tiltak/{iid}/gevinstplan.xlsx")
    assert r.status_code == 200
    assert_no_formula_or_link(r.content, text)


def test_the_benefit_plan_pdf_keeps_typst_markup_as_text(client):
    text = '#set text(fill: red) *fet* $x$ "] #pagebreak()'
    iid = initiative(client, name=text)
    benefit_plan(client, iid, "Fullført vgs")
    r = client.get(f"/tiltak/{iid}/gevinstplan.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(r.content))
    shown = " ".join(p.extract_text() for p in reader.pages)
    assert "#set text(fill: red)" in shown and "Fullført vgs" in shown
    assert len(reader.pages) <= 3  # the #pagebreak() in the name did not run


def test_the_english_page_names_the_phases_in_english(client):
    iid = initiative(client)
    client.cookies.set("lang", "en")
    page = client.get(f"/tiltak/{iid}").text
    assert "Phase 01 Anchoring" in page and "Benefit-realisation plan" in page


def test_the_plan_page_adds_up_the_chosen_initiatives_and_warns_of_overlap(client):
    """Two initiatives with the worked example (same group, age and years: an overlap) and one
    with no calculation yet; the plan's total is twice the worked example's (same start year,
    so the plan's footing is each one's own), as the API computes it."""
    from utenfor.formatting import number

    a, b = initiative(client, "Losen"), initiative(client, "Losen")  # the same name twice
    new = {"name": "Uten beregning", "began": "2021-01-04"}
    empty = client.post("/api/v1/initiatives", json=new).json()["id"]
    total = client.post("/api/v1/calculate", json=EXAMPLE).json()["net_gain"]["total"]
    assert "plan-skjema" in client.get("/tiltak").text
    made = client.post("/tiltak/planer", data={"id": [a, b, empty], "name": "Plan 2021"},
                       follow_redirects=False)  # fmt: skip
    assert made.status_code == 303
    page = made.headers["location"]
    text = client.get(page).text.replace("\u00a0", " ")
    row = re.search(r"<th scope=\"row\">I alt</th><td class=\"num\">([^<]+)</td>", text)
    assert row and row.group(1) == number(2 * total, 0, " ")
    assert "de samme barna kan bli telt to ganger" in text
    assert "«Uten beregning» har ingen beregning ennå." in text
    pdf = client.get(page + "/plan.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "Plan 2021" in client.get("/tiltak").text  # listed


def test_a_plan_without_initiatives_or_a_stale_change_keeps_the_choice(client):
    a = initiative(client)
    none = client.post("/tiltak/planer", data={"name": "Tom plan"})
    assert none.status_code == 422 and "Velg minst ett tiltak" in none.text
    assert 'value="Tom plan"' in none.text
    page = client.post("/tiltak/planer", data={"id": [a], "name": "Plan"},
                       follow_redirects=False).headers["location"]  # fmt: skip
    first = client.post(page, data={"version": 1, "id": [a], "name": "Plan A"},
                        follow_redirects=False)  # fmt: skip
    assert first.status_code == 303
    stale = client.post(page, data={"version": 1, "id": [a], "name": "Plan B"})
    assert stale.status_code == 409 and 'value="Plan B"' in stale.text
    assert "Noen andre har endret planen" in stale.text
