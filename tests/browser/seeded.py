"""Real content for the page walks (issue 31): saved scenarios (one with a long name), two
initiatives through their phases with a benefit plan and actuals, and a plan of the two, made
through the public API of the test server."""

from __future__ import annotations

import json
import tomllib
import urllib.request
from functools import cache

from support import ROOT

with open(ROOT / "examples" / "worked_example.toml", "rb") as f:
    EXAMPLE = tomllib.load(f)
LONG_NAME = "Losen – ungdomslos for 13–15-åringer i familier med lav inntekt, Nordre Bydel 2021"


def post(server: str, path: str, body: dict) -> dict:
    req = urllib.request.Request(server + path, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})  # fmt: skip
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)


def make_initiative(server: str, name: str, share_with: float) -> dict:
    """An initiative in phase 2 with two revisions, a benefit plan and actuals."""
    i = post(
        server,
        "/api/v1/initiatives",
        {"name": name, "began": "2021-01-04", "responsible_unit": "Oppvekst og utdanning"},
    )

    def event(**fields):
        return post(server, f"/api/v1/initiatives/{i['id']}/events",
                    {"version": i["version"], **fields})  # fmt: skip

    i = event(kind="scenario", body={"phase": 1, "scenario": EXAMPLE, "reason": "Første anslag"})
    i = event(kind="phase", on="2021-03-01", body={"phase": 2})
    i = event(
        kind="scenario",
        body={
            "phase": 2,
            "reason": "Innsikt",
            "scenario": EXAMPLE | {"share_with_pct": share_with},
        },
    )
    i = event(
        kind="benefits",
        body={
            "lines": [
                {
                    "payer": "fylkeskommune",
                    "area": "education",
                    "indicator": "Fullført videregående",
                    "baseline": "60 %",
                    "target": "70 %",
                    "responsible": "Rektor",
                    "measured": "Juni",
                },
                {"payer": "stat", "area": "tax", "indicator": "I arbeid ved 25 år"},
            ]
        },
    )
    return event(kind="actuals", body={"actuals": {
        "participants": {"2021": 80, "2022": 0},
        "costs": {"kommune": {"2021": 1_100_000, "2022": 1_100_000}},
        "observed": {"share_with_pct": 57, "participants": 80}}})  # fmt: skip


@cache
def seeded(server: str) -> dict:
    """Ids of what was made (once per test server)."""
    scenarios = [
        post(server, "/api/v1/scenarios", {"name": name, "scenario": EXAMPLE | extra})
        for name, extra in ((LONG_NAME, {}), ("Kort", {"share_with_pct": 65}))
    ]
    first = make_initiative(server, LONG_NAME, 58)
    second = make_initiative(server, "Familieteam", 62)
    plan = post(
        server,
        "/api/v1/plans",
        {"name": "Oppvekstplan 2021–2024", "initiatives": [first["id"], second["id"]]},
    )
    return {"scenarios": [s["id"] for s in scenarios], "initiative": first["id"],
            "plan": plan["id"]}  # fmt: skip


def pages(server: str) -> list[str]:
    """Every page with real content."""
    ids = seeded(server)
    s1, s2 = ids["scenarios"]
    return ["/", "/?eksempel=veiledning", "/scenarier", f"/scenarier/{s1}",
            f"/sammenlign?id={s1}&id={s2}", "/tiltak", f"/tiltak/{ids['initiative']}",
            f"/tiltak/{ids['initiative']}/revisjon", f"/tiltak/planer/{ids['plan']}", "/data",
            "/om"]  # fmt: skip


def start_phase(page, phase: int, on: str) -> None:
    """The initiative page's phase form: choose the phase, its date (2021-03-01), send."""
    page.select_option("#f-phase", str(phase))
    page.fill("#f-phase_on", on)
    page.click("#phase button[type=submit]")
