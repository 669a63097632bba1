"""The calculation page's results panel in-process (issues 31 and 32): what a keystroke brings
back, the what-if section's own request, and the tables the panel adds, checked against a
hand calculation and against the page's own cumulative table."""

from __future__ import annotations

import re

from test_web_pages import WORKED_FORM
from utenfor.formatting import number

HX = {"HX-Request": "true"}


def rows(html: str, table_id: str) -> list[list[str]]:
    """A table's body as text cells, row by row (the row header first)."""
    body = re.search(rf'id="{table_id}".*?<tbody>(.*?)</tbody>', html, re.S)[1]
    return [[re.sub(r"<[^>]+>", "", c).replace("\u00a0", " ") for c in
             re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
            for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)]  # fmt: skip


def test_a_keystroke_brings_the_headline_and_step_2_but_not_the_what_if(client):
    html = client.post("/beregn", data=WORKED_FORM, headers=HX).text
    assert 'id="tabell-aktorer"' in html and 'id="sammendrag"' in html
    assert 'id="tornado"' not in html and 'id="terskler"' not in html  # a request of its own
    step2 = re.search(r'<div id="suksessrate-boks"[^>]*hx-swap-oob="true"[^>]*>(.*?)</div>\s*$',
                      html.split('<div id="sammendrag"')[0], re.S)  # fmt: skip
    assert step2 and "10 prosentpoeng" in step2[1] and 'id="suksessrate-varsel"' in step2[1]
    low = client.post("/beregn", data={**WORKED_FORM, "share_with_pct": "55"}, headers=HX).text
    assert "5 prosentpoeng" in low and 'id="suksessrate-varsel"' not in low
    high = client.post("/beregn", data={**WORKED_FORM, "share_with_pct": "75"}, headers=HX).text
    assert "25 prosentpoeng" in high and 'id="suksessrate-varsel"' in high


def test_the_what_if_request_says_what_the_api_says(client):
    """The what-if section has the same P10/P50/P90 as the API's analysis of the scenario."""
    fragment = client.post("/beregn/hva-om", data=WORKED_FORM, headers=HX).text
    assert 'id="terskler"' in fragment and 'id="tornado"' in fragment
    scenario = client.post(
        "/api/v1/export/json",
        json={
            "target_group": "lowincome_benefits",
            "age_groups": ["13-15"],
            "share_without_pct": 50,
            "share_with_pct": 60,
            "start_year": 2021,
            "years_run": 2,
            "intervention_years": 2,
            "participants": {"2021": 100},
            "costs": {"kommune": {"2021": 1e6, "2022": 1e6}},
            "costs_falling_away": {"kommune": {"2021": 5e5, "2022": 5e5}},
            "grants": [{"from": "stat", "to": "kommune", "year": 2021, "amount": 5e5}],
        },
    ).json()
    q = scenario["analysis"]["uncertainty"]["net_gain"]["total"]
    assert rows(fragment, "samfinansiering")  # the co-financing table is there
    text = re.sub(r"<[^>]+>", " ", fragment).replace("\u00a0", " ")
    assert " ".join(number(q[k]) for k in ("p10", "p50", "p90")) in " ".join(text.split())
    bad = client.post("/beregn/hva-om", data={**WORKED_FORM, "target_group": ""}, headers=HX)
    assert bad.status_code == 200 and 'id="hva-om-mangler"' in bad.text


def test_the_payer_by_area_table_adds_up_and_its_implementation_line_is_the_hand_calculation(
    client,
):
    """Implementation of the guide's example, by hand: the kommune pays 1 000 000 - 500 000
    falling away in 2021 and in 2022, discounted at 4 %: 500 000 + 500 000 / 1.04 = 980 769;
    the state's grant of 500 000 in 2021 moves 500 000 of it to the state: kommune -480 769,
    stat -500 000, fylkeskommune 0, in all -980 769 (the guide's figure)."""
    html = client.post("/beregn", data=WORKED_FORM, headers=HX).text
    table = rows(html, "tabell-omrade-aktor")
    implementation = next(r for r in table if r[0] == "Implementering av tiltaket")
    assert implementation[1:] == ["−480 769", "0", "−500 000", "−980 769"]
    to_int = lambda s: int(s.replace(" ", "").replace("−", "-"))  # noqa: E731
    for row in table:
        payers, total = [to_int(c) for c in row[1:4]], to_int(row[4])
        assert abs(sum(payers) - total) <= 2, row  # each shown cell is rounded
    payer_rows = rows(html, "tabell-aktorer")
    assert [r[1] for r in payer_rows] == [table[-1][4], *table[-1][1:4]]  # the same totals


def test_each_payers_break_even_is_where_its_cumulative_column_turns_positive(client):
    """Read off the page's own cumulative table: the first year from which the payer's column
    stays above zero, and its distance from the start year (2021)."""
    html = client.post("/beregn", data=WORKED_FORM, headers=HX).text
    body = re.search(r"Akkumulert, diskontert nettogevinst.*?<tbody>(.*?)</tbody>", html, re.S)[1]
    years = [[re.sub(r"<[^>]+>", "", c).replace("\u00a0", " ")
              for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
             for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)]  # fmt: skip
    to_int = lambda s: int(s.replace(" ", "").replace("−", "-"))  # noqa: E731
    expected = []
    for col in range(1, 5):  # I alt, kommune, fylkeskommune, stat
        values = [(int(r[0]), to_int(r[col])) for r in years]
        turn = next((y for i, (y, _) in enumerate(values)
                     if all(v > 0 for _, v in values[i:])), None)  # fmt: skip
        expected.append(["–", "–"] if turn is None else [str(turn), str(turn - 2021)])
    shown = [r[1:] for r in rows(html, "tabell-break-even")]
    assert shown == expected
    assert f"fra {expected[0][0]}" in html  # the sentence under figure 2 says the same


def test_the_panels_answer_holds_nothing_of_htmxs_but_its_out_of_band_pieces(client):
    """app.js empties the panel before htmx swaps in the next answer, instead of letting htmx
    clean up each old element (issue 32): right only while the answer holds no hx- attribute
    that htmx would set up, or keep (hx-preserve). Its out-of-band pieces go elsewhere."""
    for form in (WORKED_FORM, {**WORKED_FORM, "share_with_pct": "55"},
                 {**WORKED_FORM, "start_year": "abc"}, {}):  # fmt: skip
        answer = client.post("/beregn", data=form, headers=HX)
        html = answer.text
        assert answer.status_code == 200 and 'id="suksessrate-boks"' in html
        attributes = set(re.findall(r"\s((?:data-)?hx-[\w:.-]+)=", html))
        assert attributes <= {"hx-swap-oob"}, attributes
