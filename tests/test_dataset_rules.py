"""The data-set format's rules (docs/formats.md, "Data set"): a copy of the test data set
is broken in each way the format forbids, and the refusal names file, row and rule."""

from __future__ import annotations

import json
import shutil

import pytest

from support import HANDCALC
from utenfor.data.load import (
    DataSetError,
    fingerprint,
    load_dataset,
    shared_dataset,
    validate_dataset,
)


@pytest.fixture()
def copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(HANDCALC, target, ignore=shutil.ignore_patterns("*.py", "*.md"))
    return target


def edit_line(path, line_no: int, new: str | None) -> None:
    """Replace (or with None delete) line `line_no` (1 = header) of a file."""
    lines = path.read_text().splitlines()
    if new is None:
        del lines[line_no - 1]
    else:
        lines[line_no - 1] = new
    path.write_text("\n".join(lines) + "\n")


def edit_meta(copy, **changes):
    meta = json.loads((copy / "datapackage.json").read_text())
    for key, value in changes.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    (copy / "datapackage.json").write_text(json.dumps(meta))


CASES = [
    # (what is wrong, how to break it, file, where, words in the rule)
    ("missing age row", lambda c: edit_line(c / "profiles.csv", 2 + 7 * 5, None),
     "profiles.csv", "mangler rad", "group_id=population, age=5, subarea_id=social_assistance"),
    ("unknown sub-area", lambda c: edit_line(c / "profiles.csv", 2, "population,0,dental,0"),
     "profiles.csv", "rad 2", "subarea_id «dental» finnes ikke"),
    ("unknown group", lambda c: edit_line(c / "profiles.csv", 3, "elderly,0,disability_pension,0"),
     "profiles.csv", "rad 3", "group_id «elderly» finnes ikke"),
    ("NaN value", lambda c: edit_line(c / "profiles.csv", 4, "population,0,income_tax,nan"),
     "profiles.csv", "rad 4", "value må være et endelig tall"),
    ("infinite value", lambda c: edit_line(c / "profiles.csv", 4, "population,0,income_tax,inf"),
     "profiles.csv", "rad 4", "value må være et endelig tall"),
    ("text in a number", lambda c: edit_line(c / "profiles.csv", 5, "population,0,specialist_health,mye"),
     "profiles.csv", "rad 5", "«mye»"),
    ("empty number", lambda c: edit_line(c / "profiles.csv", 5, "population,0,specialist_health,"),
     "profiles.csv", "rad 5", "value må være et endelig tall"),
    ("age not whole", lambda c: edit_line(c / "profiles.csv", 6, "population,1.5,upper_secondary,1"),
     "profiles.csv", "rad 6", "age må være et helt tall"),
    ("duplicate row", lambda c: edit_line(c / "profiles.csv", 3, "population,0,social_assistance,0"),
     "profiles.csv", "rad 3", "finnes fra før"),
    ("row with a missing field", lambda c: edit_line(c / "profiles.csv", 3, "population,0"),
     "profiles.csv", "rad 3", "antall felt"),
    ("missing column", lambda c: edit_line(c / "profiles.csv", 1, "group_id,age,subarea_id,verdi"),
     "profiles.csv", "rad 1", "mangler kolonne(ne) value"),
    ("shares not summing to 1", lambda c: edit_line(c / "subareas.csv", 4,
     "income_tax,tax,income_tax,income_tax,0.4,0.1,0.4"), "subareas.csv", "rad 4", "summere til 1"),
    ("share above 1", lambda c: edit_line(c / "subareas.csv", 2,
     "social_assistance,transfers,sa,sa,1.5,-0.5,0"), "subareas.csv", "rad 2", "mellom 0 og 1"),
    ("unknown area", lambda c: edit_line(c / "subareas.csv", 2,
     "social_assistance,housing,sa,sa,1,0,0"), "subareas.csv", "rad 2", "area_id «housing»"),
    ("implementation is not a data area", lambda c: edit_line(c / "subareas.csv", 2,
     "social_assistance,implementation,sa,sa,1,0,0"), "subareas.csv", "rad 2", "er ukjent"),
    ("duplicate sub-area", lambda c: edit_line(c / "subareas.csv", 3,
     "social_assistance,transfers,sa,sa,1,0,0"), "subareas.csv", "rad 3", "finnes fra før"),
    ("bad id", lambda c: edit_line(c / "groups.csv", 3,
     "Low Income,x,x,x,100,false"), "groups.csv", "rad 3", "a-z, 0-9 og _"),
    ("no population", lambda c: edit_line(c / "groups.csv", 2,
     "population,Befolkning,Population,x,1000,false"), "groups.csv", "filen", "sammenligningsgruppe"),
    ("count not whole", lambda c: edit_line(c / "groups.csv", 3,
     "lowincome_benefits,x,x,x,mange,false"), "groups.csv", "rad 3", "count må være et helt tall"),
    ("flag not boolean", lambda c: edit_line(c / "groups.csv", 3,
     "lowincome_benefits,x,x,x,100,kanskje"), "groups.csv", "rad 3", "true eller false"),
    ("price index gap", lambda c: edit_line(c / "price_index.csv", 5, None),
     "price_index.csv", "filen", "uten hull"),
    ("price index not positive", lambda c: edit_line(c / "price_index.csv", 2, "2015,0"),
     "price_index.csv", "rad 2", "større enn 0"),
    ("base year not in index", lambda c: edit_meta(c, price_base_year=2010),
     "price_index.csv", "filen", "basisåret 2010"),
    ("missing price base year", lambda c: edit_meta(c, price_base_year=None),
     "datapackage.json", "felt price_base_year", "årstall"),
    ("missing licence", lambda c: edit_meta(c, licenses=None),
     "datapackage.json", "felt licenses", "lisensen"),
    ("no sources", lambda c: edit_meta(c, sources=[]),
     "datapackage.json", "felt sources", "kilder"),
    ("resource not listed", lambda c: edit_meta(c, resources=[{"path": "groups.csv"}]),
     "datapackage.json", "felt resources", "«profiles.csv»"),
    ("metadata not JSON", lambda c: (c / "datapackage.json").write_text("{name: x"),
     "datapackage.json", "filen", "ikke gyldig JSON"),
    ("missing file", lambda c: (c / "price_index.csv").unlink(),
     "price_index.csv", "filen", "mangler"),
    ("not UTF-8", lambda c: (c / "groups.csv").write_bytes(
     "group_id,name_nb,name_en,definition_nb,count,is_population\np,Bø,B,x,1,true\n".encode("latin-1")),
     "groups.csv", "filen", "UTF-8"),
]  # fmt: skip


@pytest.mark.parametrize(("break_it", "file", "where", "words"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_each_broken_rule_is_refused_naming_file_row_and_rule(copy, break_it, file, where, words):
    assert validate_dataset(copy) == []
    break_it(copy)
    issues = validate_dataset(copy)
    assert any(i.file == file and i.where == where and words in i.rule for i in issues), [
        str(i) for i in issues
    ]
    with pytest.raises(DataSetError):
        load_dataset(copy)


def test_extra_columns_are_allowed_and_ignored(copy):
    before = load_dataset(copy)
    lines = (copy / "groups.csv").read_text().splitlines()
    lines = [lines[0] + ",source_id"] + [line + ",SSB-123" for line in lines[1:]]
    (copy / "groups.csv").write_text("\n".join(lines) + "\n")
    after = load_dataset(copy)
    assert after.groups == before.groups
    assert after.fingerprint != before.fingerprint  # the files changed, so does the stamp


def test_fingerprint_is_stable_and_ignores_line_endings(copy):
    first = fingerprint(copy)
    assert first == fingerprint(copy) and first.startswith("sha256:") and len(first) == 71
    path = copy / "profiles.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert fingerprint(copy) == first
    edit_line(path, 2, "population,0,social_assistance,1")
    assert fingerprint(copy) != first


def test_a_missing_directory_is_refused(tmp_path):
    issues = validate_dataset(tmp_path / "nowhere")
    assert issues and "finnes ikke" in issues[0].rule


def test_many_missing_rows_are_summarised(copy):
    lines = (copy / "profiles.csv").read_text().splitlines()
    (copy / "profiles.csv").write_text("\n".join(lines[:300]) + "\n")
    issues = validate_dataset(copy)
    assert len(issues) == 51 and "rader til" in issues[-1].rule


def test_one_bad_sub_area_is_reported_once_not_in_every_profile_row(copy):
    edit_line(copy / "subareas.csv", 4, "income_tax,tax,income_tax,income_tax,0.4,0.1,0.4")
    issues = validate_dataset(copy)
    assert [str(i) for i in issues] == [
        "subareas.csv, rad 4: betalerandelene (kommune, fylkeskommune, stat) må summere til 1, "
        "ikke 0.9"
    ]


def test_the_apps_of_a_process_share_a_data_set_until_its_files_change(copy):
    """web/app.py reads the data set through `shared_dataset`: once for every app a process
    makes, read again when a file changes, and no app can change what the others read."""
    first = shared_dataset(copy)
    assert shared_dataset(copy) is first and shared_dataset(str(copy) + "/") is first
    with pytest.raises(ValueError, match="read-only"):
        first.profiles[0, 0, 0] = 1.0
    meta = json.loads((copy / "datapackage.json").read_text())
    meta["title"] = "Endret"
    (copy / "datapackage.json").write_text(json.dumps(meta))
    changed = shared_dataset(copy)
    assert changed is not first and changed.title == "Endret" and first.title != "Endret"
    (copy / "profiles.csv").unlink()
    with pytest.raises(DataSetError, match=r"profiles\.csv"):
        shared_dataset(copy)
