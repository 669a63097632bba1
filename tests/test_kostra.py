"""`utenfor data kostra` (issue 33, part 3): a kommune's unit costs from KOSTRA as local figures,
against constructed answers in SSB's JSON-stat 2 shape (tests/data/kostra/README.md: made-up
numbers, not SSB's), from a file and from a local HTTP server answering like SSB's v0 API; the
bad inputs refused in Norwegian with nothing written; SSB's 30-a-minute limit kept."""

from __future__ import annotations

import copy
import json
import tomllib
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest

from command_line import run as utenfor  # `utenfor ARGS`, in this process
from support import ROOT, local_http
from utenfor.data.kostra import KostraError, check_number, figures
from utenfor.data.kostra_fetch import SHARED, RateLimiter

FIXTURES = ROOT / "tests" / "data" / "kostra"
TABLES = ("12279", "12362", "12219", "12399")


def recorded() -> dict:
    return {t: json.loads((FIXTURES / f"{t}.json").read_text(encoding="utf-8")) for t in TABLES}


def test_the_figures_by_hand_from_the_constructed_answers():
    # The fixtures' 2023 values (invented, README.md): placement 1 700 000 and support 100 000
    # kr per child; social assistance 64 000 (1 000 kr) / 1 280 recipients = 50 000 kr;
    # upper secondary 190 000 kr per pupil in county 18.
    found = {f.parameter: f for f in figures(recorded(), "1804", None)}
    assert found["care_cost"].value == 1_700_000 and found["care_cost"].year == 2023
    assert found["support_cost"].value == 100_000
    assert found["social_assistance_amount"].value == 64_000 * 1000 / 1280 == 50_000
    assert found["upper_secondary_cost"].value == 190_000
    assert "12399" in found["upper_secondary_cost"].source
    assert figures(recorded(), "1804", 2021)[0].value == 1_500_000  # a chosen year


def slice_year(doc: dict, year: str) -> dict:
    """The dataset with only `year` in Tid (the last dimension), as SSB answers one year."""
    out = copy.deepcopy(doc)
    years = sorted(doc["dimension"]["Tid"]["category"]["index"], key=int)
    i, n = years.index(year), len(years)
    out["value"] = doc["value"][i::n]
    if isinstance(doc.get("status"), dict):
        out["status"] = {str(k // n): v for k, v in ((int(k), v) for k, v in doc["status"].items())
                         if k % n == i}  # fmt: skip
    out["size"][-1] = 1
    out["dimension"]["Tid"]["category"] = {"index": {year: 0}, "label": {year: year}}
    return out


class Ssb(BaseHTTPRequestHandler):
    """SSB's v0 API on loopback: 400 for a region or a year the answer does not have."""

    docs: ClassVar[dict] = {}
    queries: ClassVar[list] = []

    def do_POST(self):
        table = self.path.rstrip("/").rsplit("/", 1)[-1]
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        Ssb.queries.append((table, body))
        doc = Ssb.docs.get(table)
        chosen = {q["code"]: q["selection"] for q in body["query"]}
        region_dim = doc["id"][0] if doc else None
        years = doc["dimension"]["Tid"]["category"]["index"] if doc else {}
        time = chosen.get("Tid", {})
        fixed = [
            (code, sel["values"]) for code, sel in chosen.items() if code not in (region_dim, "Tid")
        ]  # function, art, contents: as SSB, a
        unknown = doc is not None and any(  # variable or value the table lacks is a 400
            code not in doc["dimension"]
            or not set(values) <= set(doc["dimension"][code]["category"]["index"])
            for code, values in fixed)  # fmt: skip
        if (doc is None or unknown or chosen.get(region_dim, {}).get("values") !=
                list(doc["dimension"][region_dim]["category"]["index"])
                or (time.get("filter") == "item" and time["values"][0] not in years)):  # fmt: skip
            self.send_error(400, "Bad Request")
            return
        answer = slice_year(doc, time["values"][0]) if time.get("filter") == "item" else doc
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture()
def ssb():
    Ssb.docs, Ssb.queries = recorded(), []
    SHARED.calls.clear()  # SSB's limit is a process's: the commands run here (command_line.py)
    with local_http(Ssb) as base:
        yield f"{base}/api/v0/no/table/"


def test_from_the_api_to_a_local_figures_file_that_calculate_reads(ssb, tmp_path):
    target = tmp_path / "lokale_tall.toml"
    run = utenfor("data", "kostra", "--kommune", "1804", "--year", "2023", "--url", ssb,
                  "--to", target)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert [t for t, _ in Ssb.queries] == list(TABLES)  # one query a table
    county = [q for q in Ssb.queries[3][1]["query"] if q["code"] == "KOKfylkesregion0000"]
    assert county[0]["selection"]["values"] == ["1800"]  # 12399 by the county's KOSTRA code
    art = [q for q in Ssb.queries[1][1]["query"] if q["code"] == "KOKart0000"]
    assert art[0]["selection"]["values"] == ["AGD10"]  # 12362: gross, not net (AGD2)
    local = tomllib.loads(target.read_text(encoding="utf-8"))["local_figures"]
    assert {f["parameter"]: f["value"] for f in local}["social_assistance_amount"] == 50_000
    assert all(f["year"] == 2023 and "KOSTRA 2023" in f["source"] for f in local)
    assert "Barnevern, omsorgstiltak per barn per år: 1 700 000 kr (2023)" in run.stdout
    calc = utenfor("calculate", ROOT / "examples" / "worked_example.toml", "--local", target,
                   "--format", "json")  # fmt: skip
    assert calc.returncode == 0, calc.stderr
    assert len(json.loads(calc.stdout)["data"]["local_figures"]) == 4


def test_from_a_saved_file(tmp_path):
    bundle = tmp_path / "svar.json"
    bundle.write_text(json.dumps(recorded()), encoding="utf-8")
    run = utenfor("data", "kostra", "--kommune", "1804", "--from-file", bundle)
    assert run.returncode == 0, run.stderr
    assert "sosialhjelp" in run.stdout.lower()
    assert "Merknad i svaret: KONSTRUERT TESTDATA" in run.stdout  # the answers' own label


@pytest.fixture()
def existing(tmp_path):
    path = tmp_path / "lokale_tall.toml"
    path.write_text("# mine egne tall\n", encoding="utf-8")
    return path


def refused(run, existing, *words):
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    for w in words:
        assert w in run.stderr, run.stderr
    assert existing.read_text(encoding="utf-8") == "# mine egne tall\n"  # nothing half-written
    assert [p.name for p in existing.parent.iterdir()] == [existing.name]  # no temporary left


def test_an_unknown_kommune_number(ssb, existing):
    run = utenfor("data", "kostra", "--kommune", "1899", "--year", "2023", "--url", ssb,
                  "--to", existing)  # fmt: skip
    refused(run, existing, "Ukjent kommunenummer 1899")


def test_a_merged_kommune_gives_the_new_number(existing):
    run = utenfor("data", "kostra", "--kommune", "0104", "--to", existing)
    refused(run, existing, "ikke lenger i bruk", "3002 Moss", "Stortingsvedtak")
    with pytest.raises(KostraError, match="Orkland"):
        check_number("1638")


def test_a_year_with_no_data(ssb, existing):
    run = utenfor("data", "kostra", "--kommune", "1804", "--year", "2030", "--url", ssb,
                  "--to", existing)  # fmt: skip
    refused(run, existing, "ingen tall for 2030", "2021, 2022, 2023")


@pytest.mark.parametrize(("symbol", "meaning"), [("..", "oppgave mangler"),
                                                 (":", "kan ikke offentliggjøres"),
                                                 (".", "kan ikke forekomme")])  # fmt: skip
def test_a_suppressed_or_missing_cell(ssb, existing, symbol, meaning):
    doc = Ssb.docs["12279"]
    doc["value"][5] = None  # support cost, 2023 (content 1, year 2: 1·3 + 2)
    doc["status"] = {"5": symbol}
    run = utenfor("data", "kostra", "--kommune", "1804", "--year", "2023", "--url", ssb,
                  "--to", existing)  # fmt: skip
    refused(run, existing, f"«{symbol}»", meaning, "funksjon 251".replace("funksjon ", "f. "))


def test_no_network_is_a_norwegian_message(existing):
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    run = utenfor("data", "kostra", "--kommune", "1804", "--url", f"http://127.0.0.1:{port}/",
                  "--to", existing)  # fmt: skip
    refused(run, existing, "Fikk ikke kontakt med SSB", "--from-file")


class Clock:
    """A clock the test moves; `sleep` moves it too, and records the pauses."""

    def __init__(self):
        self.now, self.pauses = 1000.0, []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.pauses.append(seconds)
        self.now += seconds


def test_the_rate_limiter_keeps_thirty_a_minute_without_sleeping_for_real():
    clock = Clock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    for _ in range(30):
        limiter.wait()
        clock.now += 1  # 30 queries in 30 seconds
    assert clock.pauses == []
    limiter.wait()  # the 31st: the first was at 1000, so wait until 1060 (now 1030)
    assert clock.pauses == [30.0] and clock.now == 1060.0
    clock.now += 60  # a minute later the window is empty again
    limiter.wait()
    assert clock.pauses == [30.0]


def test_the_data_page_shows_a_kommunes_figures_beside_the_national_and_fills_the_form(
    ssb, monkeypatch, database_url
):
    from fastapi.testclient import TestClient

    from utenfor.web.app import Settings, create_app

    monkeypatch.setenv("UTENFOR_SSB_URL", ssb)
    with TestClient(create_app(Settings(database_url=database_url))) as c:
        page = c.get("/data", params={"kommune": "1804", "aar": "2023"}).text
        assert 'id="tabell-kostra"' in page and "1\u00a0700\u00a0000" in page
        assert "1\u00a0541\u00a0220" in page  # the data set's placement cost beside it
        assert 'name="lokal_care_cost_value" type="text"' in page
        assert 'value="1 700 000"' in page and 'value="KOSTRA 2023, SSB tabell 12279' in page
        merged = c.get("/data", params={"kommune": "0104"})
        assert merged.status_code == 200 and "3002 Moss" in merged.text
        hostile = c.get("/data", params={"kommune": "<script>x</script>"}).text
        assert "<script>x</script>" not in hostile and "ikke et kommunenummer" in hostile


def test_the_limiter_refuses_rather_than_waits_longer_than_its_patience():
    clock = Clock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    for _ in range(30):
        limiter.wait(patience=2)
    clock.now += 10  # the window frees its first place at 1060: 50 seconds from now
    with pytest.raises(KostraError, match="Prøv igjen om 50 sekunder"):
        limiter.wait(patience=2)
    assert clock.pauses == []  # it did not sleep
    clock.now += 49  # one second to go: within its patience, so it waits
    limiter.wait(patience=2)
    assert clock.pauses == [1.0]


def test_the_data_page_keeps_a_kommunes_answers_and_names_no_command_line_option(
    ssb, monkeypatch, database_url
):
    """Asked twice, the page queries SSB once (the answers are kept for an hour); a year
    without figures and no network are said without the command's --year and --from-file."""
    import socket

    from fastapi.testclient import TestClient

    from utenfor.web import kostra_view
    from utenfor.web.app import Settings, create_app

    monkeypatch.setattr(kostra_view, "_kept", {})
    monkeypatch.setenv("UTENFOR_SSB_URL", ssb)
    with TestClient(create_app(Settings(database_url=database_url))) as c:
        for _ in range(2):
            page = c.get("/data", params={"kommune": "1804", "aar": "2023"}).text
            assert 'id="tabell-kostra"' in page and "1\u00a0700\u00a0000" in page
        assert len(Ssb.queries) == len(TABLES)  # one query per table, the first time only
        no_year = c.get("/data", params={"kommune": "1804", "aar": "2030"}).text
        assert "ingen tall for 2030" in no_year and "2021, 2022, 2023" in no_year
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        monkeypatch.setenv("UTENFOR_SSB_URL", f"http://127.0.0.1:{port}/")
        offline = c.get("/data", params={"kommune": "1804", "aar": "2022"}).text
        assert "Fikk ikke kontakt med SSB" in offline
    for page in (no_year, offline):
        assert "--year" not in page and "--from-file" not in page
