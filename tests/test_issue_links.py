"""Every link in a list of errors points at an element the page has (issue 31, item 6: "Nye
deltakere: minst én ny deltaker…" pointed at #f-participants, which did not exist). The walk
sends forms broken in every way the form and the model know, through each page that lists
errors (the whole page, the live results, the year tables), and checks each link's target."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from utenfor.web.app import Settings, create_app

GOOD = {
    "target_group": "lowincome_benefits", "age_groups": ["13-15"], "share_without_pct": "50",
    "share_with_pct": "60", "start_year": "2021", "years_run": "2", "intervention_years": "2",
    "participants_2021": "100", "costs_kommune_2021": "1 000 000", "grant_from_0": "stat",
    "grant_to_0": "kommune", "grant_year_0": "2021", "grant_amount_0": "500 000",
    "table_start": "2021", "table_years": "2",  # the years the page drew its tables for
}  # fmt: skip
BROKEN = [
    {"participants_2021": "0"},  # at least one participant: the table
    {"participants_2021": "mange", "costs_kommune_2022": "1,5,5", "falling_stat_2021": "x"},
    {"target_group": "", "age_groups": []},
    {"age_groups": ["0-2", "10-12"]},
    {"share_without_pct": "abc", "share_with_pct": "150"},
    {"start_year": "1800"},
    {"years_run": "0", "intervention_years": "99"},
    {"grant_year_0": "2030", "grant_to_0": "stat"},
    {"grant_amount_0": "x", "grant_year_0": "år"},
    {"analysis_years": "200", "discount_rate_pct": "fire", "dropoff_pct": "101"},
    {"optimism_cost_uplift_pct": "-5", "optimism_success_haircut_pct": "x"},
    {"effect_start": "never"},
    {"unc_success_low": "abc", "unc_cost_low": "200", "unc_cost_high": "50",
     "unc_level_high": "x"},
    {"discount_schedule": "custom", "discount_schedule_json": "{"},
    {"local_figures_json": "{"},
    {"local_figures_json": '[{"parameter": "nope", "value": 1, "year": 1900}]'},
]  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory, sqlite_copy):
    url = sqlite_copy(tmp_path_factory.mktemp("links"))
    with TestClient(create_app(Settings(database_url=url))) as c:
        yield c


def links(html: str) -> list[str]:
    return re.findall(r'<a class="ds-link" href="#([^"]+)" data-focus', html)


def walk(client, broken: dict) -> list[str]:
    """The error links for one broken form (whole page and live results); each target checked."""
    form = {**GOOD, **broken}
    page = client.post("/beregn", data=form).text
    live = client.post("/beregn", data=form, headers={"HX-Request": "true"}).text
    found = links(page) + links(live)
    for anchor in set(found):
        assert f'id="{anchor}"' in page, f"#{anchor} is not on the page ({broken})"
    return found


@pytest.mark.parametrize("broken", BROKEN, ids=lambda b: ",".join(b))
def test_every_error_link_has_its_target(client, broken):
    walk(client, broken)


def test_the_walk_meets_the_links(client):
    """The broken forms above make many different links (the walk is not empty)."""
    walked = {anchor for broken in BROKEN for anchor in walk(client, broken)}
    assert len(walked) >= 20, sorted(walked)


def test_the_participants_link_points_at_the_participants_table(client):
    page = client.post("/beregn", data={**GOOD, "participants_2021": "0"}).text
    assert 'href="#f-participants"' in page
    assert re.search(r'<table [^>]*id="f-participants" tabindex="-1"', page)
