"""The command line as a user runs it: exit codes, Norwegian messages, no tracebacks. The
commands run in the test's process (tests/command_line.py); the first test shows that they
answer there as the program does."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

import command_line
from support import BIN, HANDCALC, ROOT, WORKED_EXAMPLE


def utenfor(*args: str, data: bool = True) -> subprocess.CompletedProcess:
    return command_line.run(*args, env={"UTENFOR_DATA": str(HANDCALC) if data else None})


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["calculate", str(WORKED_EXAMPLE)], 0),  # tables, 120 columns
        (["calculate", str(WORKED_EXAMPLE), "--format", "json"], 0),
        (["calculate", "no/such/file.toml"], 2),  # a refusal and its message
        (["calculate", "--foo"], 2),  # a usage error
        ([], 2),  # the help
    ],
)
def test_the_in_process_runner_answers_as_the_program_does(args, code):
    env = {**os.environ, "COLUMNS": "120", "UTENFOR_DATA": str(HANDCALC)}
    program = subprocess.run([BIN / "utenfor", *args], capture_output=True, text=True,
                             env=env, cwd=ROOT, timeout=60)  # fmt: skip
    here = utenfor(*args)
    assert (here.returncode, here.stdout, here.stderr) == (
        program.returncode, program.stdout, program.stderr)  # fmt: skip
    assert program.returncode == code


def test_the_in_process_runner_leaves_the_garbage_collector_as_it_found_it():
    """`main` sets the program's start-up threshold (src/utenfor/collector.py); the runner puts
    this process's back, as it does its arguments and streams."""
    import gc

    before = gc.get_threshold()
    assert utenfor("calculate", str(WORKED_EXAMPLE)).returncode == 0
    assert gc.get_threshold() == before


def test_calculate_prints_the_three_result_tables_in_norwegian():
    p = utenfor("calculate", str(WORKED_EXAMPLE))
    assert p.returncode == 0, p.stderr
    for words in ("Nettogevinst fordelt på aktører", "Kommunen", "Fylkeskommunen", "Staten",
                  "Nettogevinst for ulike tjenesteområder", "Implementering av tiltaket",
                  "−980 769", "−9 808", "Merk:"):  # fmt: skip
        assert words in p.stdout, words
    assert "Break-even" in p.stdout or "break-even" in p.stdout


def test_calculate_json_is_the_json_result(data):
    from utenfor.model import calculate, load_scenario

    p = utenfor("calculate", str(WORKED_EXAMPLE), "--format", "json")
    assert p.returncode == 0, p.stderr
    printed = json.loads(p.stdout)
    expected = calculate(load_scenario(WORKED_EXAMPLE), data).to_json()
    assert printed == expected


def test_data_option_overrides_the_environment(tmp_path):
    p = utenfor("calculate", str(WORKED_EXAMPLE), "--data", str(HANDCALC), data=False)
    assert p.returncode == 0, p.stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('target_group = "lowincome_benefits"\nage_groups = ["0-2", "10-12"]\n', "age_groups"),
        ("this is = = not toml", "ikke gyldig TOML"),
    ],
)
def test_a_bad_scenario_exits_2_with_a_message_and_no_traceback(tmp_path, content, words):
    path = tmp_path / "s.toml"
    path.write_text(content)
    p = utenfor("calculate", str(path))
    assert p.returncode == 2
    assert words in p.stderr
    assert "Traceback" not in p.stderr + p.stdout


def test_an_unknown_target_group_exits_2(tmp_path):
    text = WORKED_EXAMPLE.read_text().replace('"lowincome_benefits"', '"pensioners"')
    path = tmp_path / "s.toml"
    path.write_text(text)
    p = utenfor("calculate", str(path))
    assert p.returncode == 2 and "target_group" in p.stderr and "Traceback" not in p.stderr


def test_a_missing_file_exits_2():
    p = utenfor("calculate", "no/such/file.toml")
    assert p.returncode == 2 and "finnes ikke" in p.stderr


def test_no_data_set_gives_a_clear_message():
    p = utenfor("calculate", str(WORKED_EXAMPLE), data=False)
    bundled = (ROOT / "src" / "utenfor" / "data" / "open" / "datapackage.json").exists()
    if bundled:  # once the open data set ships, it is the default
        assert p.returncode == 0, p.stderr
    else:
        assert p.returncode == 2 and "--data" in p.stderr and "Traceback" not in p.stderr


def test_explain_shows_the_chain_behind_the_totals():
    p = utenfor("explain", str(WORKED_EXAMPLE))
    assert p.returncode == 0, p.stderr
    for words in ("Suksessrate", "60 % − 50 % = 10 prosentpoeng", "Prisfaktor",
                  "110 / 100 = 1,100000", "Gap per person og år", "Diskonteringsfaktor",
                  "0,961538", "Hvem bærer", "−980 769"):  # fmt: skip
        assert words in p.stdout, words


def test_data_validate_passes_on_good_data_and_exits_1_on_bad(tmp_path):
    good = utenfor("data", "validate", str(HANDCALC))
    assert good.returncode == 0 and "gyldig" in good.stdout
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "groups.csv").write_text("group_id\n")
    p = utenfor("data", "validate", str(bad))
    assert p.returncode == 1
    assert "datapackage.json, filen: mangler" in p.stderr
    assert "groups.csv, rad 1: mangler kolonne(ne)" in p.stderr


def test_data_info_json(data):
    p = utenfor("data", "info", "--format", "json")
    assert p.returncode == 0, p.stderr
    info = json.loads(p.stdout)
    assert info["fingerprint"] == data.fingerprint
    assert info["ages"] == {"min": 0, "max": 59}
    assert [g["id"] for g in info["groups"]] == [g.id for g in data.groups]
    for key in ("name", "version", "path", "price_base_year"):
        assert key in info


def test_data_info_table():
    p = utenfor("data", "info")
    assert p.returncode == 0 and "Fingeravtrykk: sha256:" in p.stdout and "1 000" in p.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["calculate", "--foo"], "Ukjent valg: --foo (mente du --format?)"),
        (["frobnicate"], "Ukjent kommando: frobnicate."),
        (["calculate"], "Mangler argumentet FILE."),
        (["serve", "--port", "abc"], "Verdien for valget --port må være et helt tall."),
        (["calculate", str(WORKED_EXAMPLE), "--format", "xml"],
         "Verdien for valget --format må være en av: table, json."),
        (["calculate", "a.toml", "b.toml"], "For mange argumenter: b.toml."),
    ],
)  # fmt: skip
def test_usage_errors_are_norwegian_and_exit_2(args, message):
    p = utenfor(*args)
    assert p.returncode == 2
    assert message in p.stderr and "utenfor" in p.stderr and "--help»" in p.stderr
    assert "Error" not in p.stderr and "Traceback" not in p.stderr


def test_no_arguments_shows_the_help():
    p = utenfor()
    assert p.returncode == 2 and "calculate" in p.stdout + p.stderr
