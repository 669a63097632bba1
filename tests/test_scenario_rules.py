"""One test per scenario rule (docs/formats.md, "Scenario file"; issue 2): each refusal
is a Norwegian message that names the field."""

from __future__ import annotations

import copy
import json

import pytest
import yaml

from support import WORKED_EXAMPLE
from utenfor.data.load import load_dataset
from utenfor.model import ScenarioError, calculate, load_scenario, parse_scenario, read_scenario
from utenfor.model.engine import prepare


def worked() -> dict:
    return load_scenario(WORKED_EXAMPLE).to_dict()


def refusal(change) -> list[tuple[str, str]]:
    d = worked()
    change(d)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(d)
    return [(i.field, i.message) for i in caught.value.issues]


def setter(path: str, value):
    def change(d):
        *parents, last = path.split(".")
        node = d
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def remover(key: str):
    return lambda d: d.pop(key)


RULES = [
    # (what is wrong, change, field named, words in the message)
    ("unknown key", setter("colour", "blue"), "colour", "ukjent felt"),
    ("unknown key in settings", setter("settings.rate", 4), "settings.rate", "ukjent felt"),
    ("unknown key in a grant", setter("grants.0.note", "x"), "grants[0].note", "ukjent felt"),
    ("missing target group", remover("target_group"), "target_group", "mangler"),
    ("empty target group", setter("target_group", " "), "target_group", "må oppgis"),
    ("no age group", setter("age_groups", []), "age_groups", "minst 1"),
    ("three age groups", setter("age_groups", ["6-9", "10-12", "13-15"]), "age_groups", "høyst 2"),
    ("unknown age group", setter("age_groups", ["13-16"]), "age_groups[0]", "må være en av"),
    ("age groups not adjacent", setter("age_groups", ["0-2", "10-12"]), "age_groups",
     "etter hverandre"),
    ("same age group twice", setter("age_groups", ["13-15", "13-15"]), "age_groups", "to ganger"),
    ("share below 0", setter("share_without_pct", -1), "share_without_pct", "minst 0"),
    ("share above 100", setter("share_with_pct", 101), "share_with_pct", "mer enn 100"),
    ("share NaN", setter("share_with_pct", float("nan")), "share_with_pct", "endelig"),
    ("share as text", setter("share_with_pct", "seksti"), "share_with_pct", "et tall"),
    ("share as true", setter("share_with_pct", True), "share_with_pct", "sann/usann"),
    ("start year too early", setter("start_year", 1999), "start_year", "minst 2000"),
    ("start year not whole", setter("start_year", 2021.5), "start_year", "helt tall"),
    ("years run 0", setter("years_run", 0), "years_run", "minst 1"),
    ("intervention years 0", setter("intervention_years", 0), "intervention_years", "minst 1"),
    ("fractional participants", setter("participants.2021", 2.5), "participants.2021",
     "helt tall"),
    ("negative participants", setter("participants.2021", -3), "participants.2021", "minst 0"),
    ("participants as text", setter("participants.2021", "mange"), "participants.2021",
     "helt tall"),
    ("no participants at all", setter("participants", {"2021": 0}), "participants", "minst én"),
    ("participants year outside", setter("participants.2023", 5), "participants.2023",
     "utenfor årene"),
    ("participants year not a year", setter("participants.neste", 5), "participants.neste",
     "årstallet"),
    ("participants not a table", setter("participants", [100]), "participants", "tabell"),
    ("negative cost", setter("costs.kommune.2021", -1), "costs.kommune.2021", "minst 0"),
    ("infinite cost", setter("costs.kommune.2021", float("inf")), "costs.kommune.2021",
     "endelig"),
    ("cost as text", setter("costs.kommune.2021", "1 000 000"), "costs.kommune.2021", "et tall"),
    ("cost year outside", setter("costs.kommune.2020", 1), "costs.kommune.2020", "utenfor årene"),
    ("unknown payer", setter("costs.bydel", {"2021": 1}), "costs.bydel", "ukjent navn"),
    ("falling-away year outside", setter("costs_falling_away.stat", {"2030": 1}),
     "costs_falling_away.stat.2030", "utenfor årene"),
    ("negative falling away", setter("costs_falling_away.kommune.2021", -5),
     "costs_falling_away.kommune.2021", "minst 0"),
    ("grant year outside", setter("grants.0.year", 2025), "grants[0].year", "utenfor årene"),
    ("grant to itself", setter("grants.0.to", "stat"), "grants[0].to", "ulike betalere"),
    ("grant from unknown payer", setter("grants.0.from", "EU"), "grants[0].from", "må være en av"),
    ("negative grant", setter("grants.0.amount", -1), "grants[0].amount", "minst 0"),
    ("analysis period 0", setter("settings.analysis_years", 0), "settings.analysis_years",
     "minst 1"),
    ("analysis period 81", setter("settings.analysis_years", 81), "settings.analysis_years",
     "mer enn 80"),
    ("discount rate negative", setter("settings.discount_rate_pct", -0.5),
     "settings.discount_rate_pct", "minst 0"),
    ("discount rate above 20", setter("settings.discount_rate_pct", 20.5),
     "settings.discount_rate_pct", "mer enn 20"),
    ("unknown effect start", setter("settings.effect_start", "later"), "settings.effect_start",
     "after_intervention eller at_entry"),
    # a union: one message, without pydantic's branch names ("literal['R-109']") in the field
    ("schedule of the wrong kind", setter("settings.discount_schedule", 5),
     "settings.discount_schedule", "må være R-109 eller en liste"),
    ("schedule step missing a rate", setter("settings.discount_schedule", [{"from_year": 0}]),
     "settings.discount_schedule[0].rate_pct", "mangler"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "field", "words"), [r[1:] for r in RULES],
                         ids=[r[0] for r in RULES])  # fmt: skip
def test_each_rule_refuses_and_names_the_field(change, field, words):
    """Exactly one issue per broken rule, on the field named (not also a misleading
    "må ha minst 1 verdi" for a list whose one item is wrong)."""
    issues = refusal(change)
    assert len(issues) == 1 and issues[0][0] == field and words in issues[0][1], issues


def test_all_problems_are_reported_at_once():
    def many(d):
        d["share_with_pct"] = 200
        d["settings"] = {"analysis_years": 0}
        d["participants"] = {"2021": -1}

    fields = {f for f, _ in refusal(many)}
    assert {"share_with_pct", "settings.analysis_years", "participants.2021"} <= fields


def test_limits_themselves_are_allowed():
    d = worked()
    d.update(share_without_pct=0, share_with_pct=100, age_groups=["16-19", "13-15"])
    d["settings"] = {"analysis_years": 80, "discount_rate_pct": 20}
    s = parse_scenario(d)
    assert s.age_groups == ("13-15", "16-19")  # kept in age order


def test_unknown_target_group_is_refused_against_the_data(data):
    d = worked()
    d["target_group"] = "pensioners"
    with pytest.raises(ScenarioError) as caught:
        prepare(parse_scenario(d), data)
    assert caught.value.issues[0].field == "target_group"
    assert "lowincome_benefits" in caught.value.issues[0].message  # lists the choices


def test_the_population_is_not_a_target_group(data):
    d = worked()
    d["target_group"] = "population"
    with pytest.raises(ScenarioError) as caught:
        calculate(parse_scenario(d), data)
    assert caught.value.issues[0].field == "target_group"


# The three file formats ---------------------------------------------------------------------


def test_toml_yaml_and_json_with_the_same_keys_give_the_same_scenario(tmp_path):
    toml_scenario = load_scenario(WORKED_EXAMPLE)
    d = toml_scenario.to_dict()
    (tmp_path / "s.json").write_text(json.dumps(d))
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(d, allow_unicode=True))
    yaml_int_keys = copy.deepcopy(d)
    yaml_int_keys["participants"] = {2021: 100}  # YAML users write bare years
    (tmp_path / "s.yml").write_text(yaml.safe_dump(yaml_int_keys))
    for name in ("s.json", "s.yaml", "s.yml"):
        assert load_scenario(tmp_path / name).to_dict() == toml_scenario.to_dict(), name


@pytest.mark.parametrize(
    ("text", "fmt", "words"),
    [
        ("target_group = ", "toml", "ikke gyldig TOML (slutter for tidlig)"),
        ("x = = 1", "toml", "ikke gyldig TOML (linje 1, kolonne 5)"),
        ("a: [1, 2", "yaml", "ikke gyldig YAML"),
        ('{"target_group": ', "json", "ikke gyldig JSON"),
        ("[1, 2, 3]", "json", "tabell med feltnavn"),
        ("- a\n- b\n", "yaml", "tabell med feltnavn"),
        ("[" * 100_000 + "]" * 100_000, "json", "nøstet"),
    ],
)
def test_malformed_files_are_refused_with_a_message(text, fmt, words):
    with pytest.raises(ScenarioError) as caught:
        read_scenario(text, fmt)
    assert words in str(caught.value)


def test_missing_file_wrong_ending_and_huge_file(tmp_path):
    for path, words in [
        (tmp_path / "nope.toml", "finnes ikke"),
        (tmp_path / "scenario.xlsx", "ukjent filtype"),
    ]:
        with pytest.raises(ScenarioError, match=words):
            load_scenario(path)
    huge = tmp_path / "huge.json"
    huge.write_text(" " * 1_000_001 + "{}")
    with pytest.raises(ScenarioError, match="større enn"):
        load_scenario(huge)


def test_scenario_as_understood_round_trips(data):
    s = load_scenario(WORKED_EXAMPLE)
    again = parse_scenario(json.loads(json.dumps(s.to_dict())))
    assert again == parse_scenario(s.to_dict())
    assert calculate(again, data).net_gain == calculate(s, data).net_gain


def test_handcalc_data_loads(data):
    assert load_dataset(data.path).fingerprint == data.fingerprint


def _tables(node, path=()):
    """Every table (dict) in a scenario, with its path from the top."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _tables(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _tables(value, (*path, i))


@pytest.mark.parametrize("key, shown", [(None, "null"), (1, "1"), (True, "true"), (1.5, "1.5")])
def test_a_key_that_is_not_text_is_refused_in_norwegian_in_every_table(key, shown):
    """YAML reads `~: 1`, `1: 2`, `true: 1` as keys that are not text; a property test found
    that at the top they came out as pydantic's English ("Keys should be strings") under a field
    called "None". Each table of the worked example gets such a key in turn."""
    tables = list(_tables(worked()))
    assert len(tables) > 3
    for path, _ in tables:
        d = worked()
        node = d
        for step in path:
            node = node[step]
        node[key] = 0
        with pytest.raises(ScenarioError) as caught:
            parse_scenario(d)
        for issue in caught.value.issues:
            assert issue.field not in ("", "None") and "ugyldig verdi (" not in issue.message
        # a table of fields names the key; a table of years or payers says what its keys are
        said = [str(i) for i in caught.value.issues]
        assert any(f"«{shown}» er ikke et feltnavn" in m or "årstallet må være et helt tall" in m
                   or "ukjent navn; må være en av: kommune" in m or f"året {shown} er utenfor" in m
                   for m in said), (path, said)  # fmt: skip


def test_a_non_text_key_in_a_yaml_file_is_named():
    with pytest.raises(ScenarioError) as caught:
        read_scenario(yaml.safe_dump({**worked(), None: 1}), "yaml")
    assert [str(i) for i in caught.value.issues] == [
        "(scenario): «null» er ikke et feltnavn; feltnavn er ord, som target_group"
    ]
