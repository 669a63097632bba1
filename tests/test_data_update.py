"""`utenfor data update` (issue 13, item 4): SSB's price index into a new data-set version, from
a saved answer and from a local HTTP server serving it (these machines have no internet)."""

from __future__ import annotations

import csv
import json
import shutil
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest

from command_line import run as utenfor  # `utenfor ARGS`, in this process
from support import ROOT, local_http
from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset
from utenfor.data.price_update import QUERY, UpdateError, annual_index, next_version

RECORDING = ROOT / "tests" / "data" / "ssb_03014_kpiaar.json"


@pytest.fixture()
def last_year_missing(tmp_path):
    """The open data set as it was before 2024's index was published (the row removed)."""
    folder = tmp_path / "gammel"
    shutil.copytree(BUNDLED, folder)
    path = folder / "price_index.csv"
    rows = [r for r in csv.reader(path.open(encoding="utf-8")) if r[0] != "2024"]
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return folder


def index_of(folder) -> dict[int, float]:
    return load_dataset(folder).price_index


def test_the_recording_holds_ssbs_published_2017_and_2024_values():
    # SSB, table 03014, KpiAar (2015 = 100): 2017 105.5 as published; 2024 133.6 (2023's 129.6
    # raised by the published 3.1 % and rounded; see sources/parameters/macro/cpi.yaml).
    index = annual_index(json.loads(RECORDING.read_text(encoding="utf-8")))
    assert index[2017] == 105.5 and index[2024] == 133.6 and index[2015] == 100.0


def test_update_from_file_gives_a_new_version_with_the_new_year(last_year_missing, tmp_path):
    before = load_dataset(last_year_missing)
    target = tmp_path / "ny"
    run = utenfor("data", "update", "--data", last_year_missing, "--from-file", RECORDING,
                  "--out", target)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    after = load_dataset(target)
    assert max(before.price_index) == 2023 and after.price_index[2024] == 133.6
    assert after.version == next_version(before.version) == "0.3.1"
    assert after.fingerprint != before.fingerprint
    assert "2024: – → 133,6" in run.stdout  # the diff
    assert before.fingerprint in run.stdout and after.fingerprint in run.stdout
    assert (after.profiles == before.profiles).all()  # only the price index changed
    assert utenfor("data", "validate", target).returncode == 0
    meta = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    assert meta["price_index_update"]["source"] == RECORDING.name


def test_a_start_year_beyond_the_index_says_how_to_update(last_year_missing):
    from support import WORKED_EXAMPLE
    from utenfor.model import calculate, load_scenario, parse_scenario

    d = load_scenario(WORKED_EXAMPLE).to_dict()
    d |= {"start_year": 2024, "years_run": 1, "participants": {"2024": 100}, "costs": {},
          "costs_falling_away": {}, "grants": []}  # fmt: skip
    result = calculate(parse_scenario(d), load_dataset(last_year_missing))
    (notice,) = [w for w in result.warnings if w["code"] == "price_index_outside"]
    assert "utenfor data update" in notice["message"]


class Recording(BaseHTTPRequestHandler):
    """SSB's PxWebApi on loopback: answers the annual-average query with the recording."""

    bodies: ClassVar[list[dict]] = []

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        Recording.bodies.append(json.loads(self.rfile.read(length)))
        body = RECORDING.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_update_from_the_api_on_a_local_server(last_year_missing, tmp_path):
    with local_http(Recording) as base:
        run = utenfor("data", "update", "--data", last_year_missing, "--url",
                      f"{base}/api/v0/no/table/03014/", "--out", tmp_path / "ny")  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert Recording.bodies[-1] == QUERY  # Konsumgrp TOTAL, KpiAar, every year
    assert index_of(tmp_path / "ny")[2024] == 133.6


def test_no_network_is_a_norwegian_message(last_year_missing, tmp_path):
    with socket_closed() as port:
        run = utenfor("data", "update", "--data", last_year_missing, "--url",
                      f"http://127.0.0.1:{port}/", "--out", tmp_path / "ny")  # fmt: skip
    assert run.returncode == 2
    assert (
        "Fikk ikke kontakt" in run.stderr + run.stdout and "--from-file" in run.stderr + run.stdout
    )
    assert "Traceback" not in run.stderr


class socket_closed:
    """A loopback port nobody listens on."""

    def __enter__(self):
        import socket

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        return self.port

    def __exit__(self, *exc):
        return False


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d | {"class": "collection"}, "ikke et JSON-stat 2-datasett"),
        (lambda d: d | {"size": [2, 1, 10]}, "velg én"),
        (
            lambda d: {
                **d,
                "dimension": {
                    **d["dimension"],
                    "Tid": {"category": {"index": {f"2024M{m:02d}": m - 1 for m in range(1, 11)}}},
                },
            },
            "ikke et år",
        ),
        (lambda d: d | {"value": [*d["value"][:-1], -1]}, "ikke et positivt tall"),
        (lambda d: d | {"value": d["value"][:-1]}, "like mange verdier"),
    ],
)
def test_a_wrong_answer_is_refused_in_norwegian(change, words):
    doc = json.loads(RECORDING.read_text(encoding="utf-8"))
    with pytest.raises(UpdateError) as exc:
        annual_index(change(doc))
    assert words in str(exc.value)


def test_the_new_index_must_cover_the_price_year(tmp_path):
    doc = json.loads(RECORDING.read_text(encoding="utf-8"))
    doc["value"] = [None, None, None, *doc["value"][3:]]  # 2015-2017 not given
    path = tmp_path / "svar.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    run = utenfor("data", "update", "--from-file", path, "--out", tmp_path / "ny")
    assert run.returncode == 2 and "prisår 2017" in run.stderr + run.stdout
    assert not (tmp_path / "ny").exists()
