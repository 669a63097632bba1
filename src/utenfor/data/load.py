"""Reading and validating a data set directory (docs/formats.md, "Data set").

Every refusal is a `DataIssue` naming the file, the row (line number, the header is line 1)
or the metadata field, and the rule broken. All issues are collected, not only the first.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import numpy as np

from utenfor.data.csv_reader import MAX_REPORTED, CsvReader, DataIssue, DataSetError
from utenfor.data.dataset import DataSet, Group, SubArea
from utenfor.data.grades import COLUMNS as GRADE_COLUMNS
from utenfor.data.grades import NAME as GRADES
from utenfor.data.grades import read_grades
from utenfor.terms import AGE_GROUPS, DATA_AREAS, PAYERS, POPULATION

FILES = ("datapackage.json", "groups.csv", "subareas.csv", "profiles.csv", "price_index.csv")
COLUMNS = {
    "groups.csv": ("group_id", "name_nb", "name_en", "definition_nb", "count", "is_population"),
    "subareas.csv": ("subarea_id", "area_id", "name_nb", "name_en", *PAYERS),
    "profiles.csv": ("group_id", "age", "subarea_id", "value"),
    "price_index.csv": ("year", "index"),
}
SHARE_TOLERANCE = 1e-6
MIN_MAX_AGE = max(max(r) for r in AGE_GROUPS.values())  # every entry age must have a profile
_TRUE, _FALSE = {"true", "1"}, {"false", "0"}


def fingerprint(directory: Path) -> str:
    """sha256 over the data files, in a fixed order, line endings normalised to LF."""
    h = hashlib.sha256()
    for name in (*FILES, *([GRADES] if (directory / GRADES).exists() else [])):
        content = (directory / name).read_bytes().replace(b"\r\n", b"\n")
        h.update(name.encode() + b"\0" + str(len(content)).encode() + b"\0" + content)
    return "sha256:" + h.hexdigest()


def validate_dataset(directory: str | Path) -> list[DataIssue]:
    """All the rules a data set breaks (empty if none)."""
    try:
        load_dataset(directory)
    except DataSetError as exc:
        return exc.issues
    return []


def shared_dataset(directory: str | Path) -> DataSet:
    """`load_dataset`, read once in a process for as long as the directory's files stay as
    they were (names, sizes, modification times): the apps a process makes share one data set
    (the tests make hundreds; reading the bundled CSV files takes about 60 ms). Its arrays are
    made read-only, so that no one can change what the others read."""
    directory = Path(directory).resolve()
    files = sorted(p for p in directory.rglob("*") if p.is_file()) if directory.is_dir() else []
    stamp = tuple((str(p), s.st_size, s.st_mtime_ns) for p in files for s in (p.stat(),))
    return _shared(directory, stamp)


@functools.lru_cache(maxsize=8)
def _shared(directory: Path, stamp: tuple) -> DataSet:
    data = load_dataset(directory)
    for array in (data.profiles, data.grades):
        if array is not None:
            array.setflags(write=False)
    return data


def load_dataset(directory: str | Path) -> DataSet:
    """Load and validate a data set directory; raise `DataSetError` listing every problem."""
    directory = Path(directory)
    r = _Reader(directory)
    if not directory.is_dir():
        r.fail(str(directory), "mappen", "finnes ikke")
        raise DataSetError(r.issues)
    meta = r.metadata()
    groups = r.groups()
    subareas = r.subareas()
    price_index = r.price_index(meta.get("price_base_year"))
    profiles = r.profiles(groups, subareas)
    grades = read_grades(r, groups, subareas) if not r.issues else None
    if r.issues:
        raise DataSetError(r.issues)
    return DataSet(
        name=meta["name"],
        title=meta["title"],
        version=meta["version"],
        path=directory.resolve(),
        price_base_year=meta["price_base_year"],
        fingerprint=fingerprint(directory),
        groups=tuple(groups),
        subareas=tuple(subareas),
        profiles=profiles,
        price_index=price_index,
        metadata=meta,
        grades=grades,
    )


class _Reader(CsvReader):
    """The rules of each file of a data set."""

    def __init__(self, directory: Path):
        super().__init__(directory, {**COLUMNS, GRADES: GRADE_COLUMNS})  # grades.csv optional

    # datapackage.json ---------------------------------------------------------------------

    def metadata(self) -> dict:
        name = "datapackage.json"
        try:
            meta = json.loads((self.dir / name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.fail(name, "filen", "mangler")
            return {}
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.fail(name, "filen", f"er ikke gyldig JSON i UTF-8 ({exc})")
            return {}
        if not isinstance(meta, dict):
            self.fail(name, "filen", "må være et JSON-objekt")
            return {}
        for key in ("name", "title", "version"):
            if not isinstance(meta.get(key), str) or not meta[key].strip():
                self.fail(name, f"felt {key}", "må finnes og være tekst")
        if not meta.get("licenses") and not meta.get("licence"):
            self.fail(name, "felt licenses", "må oppgi lisensen (Frictionless: licenses)")
        if not isinstance(meta.get("sources"), list) or not meta["sources"]:
            self.fail(name, "felt sources", "må være en ikke-tom liste over kilder")
        base = meta.get("price_base_year")
        if not isinstance(base, int) or isinstance(base, bool):
            self.fail(name, "felt price_base_year", "må finnes og være et årstall (heltall)")
            meta["price_base_year"] = None
        paths = {r.get("path") for r in meta.get("resources", []) if isinstance(r, dict)}
        for csv_name in COLUMNS:
            if csv_name not in paths:
                self.fail(name, "felt resources", f"må ha en ressurs med path «{csv_name}»")
        return meta

    def groups(self) -> list[Group]:
        name, seen, groups = "groups.csv", set(), []
        for line, row in self.rows(name):
            ok = self.unique_id(name, line, "group_id", row["group_id"], seen)
            count = self.whole(name, line, "count", row["count"])
            flag = row["is_population"].lower()
            if flag not in _TRUE | _FALSE:
                self.fail(name, f"rad {line}", "is_population må være true eller false")
            if not row["name_nb"]:
                self.fail(name, f"rad {line}", "name_nb må fylles ut")
            if ok and count is not None and flag in _TRUE | _FALSE:
                groups.append(
                    Group(
                        row["group_id"],
                        row["name_nb"],
                        row["name_en"],
                        row["definition_nb"],
                        count,
                        flag in _TRUE,
                    )
                )
        populations = [g.id for g in groups if g.is_population]
        if groups and populations != [POPULATION]:
            self.fail(
                name,
                "filen",
                f"må ha nøyaktig én sammenligningsgruppe, med group_id «{POPULATION}» og "
                f"is_population true (fant: {', '.join(populations) or 'ingen'})",
            )
        if groups and not any(not g.is_population for g in groups):
            self.fail(name, "filen", "må ha minst én målgruppe i tillegg til befolkningen")
        return groups

    def subareas(self) -> list[SubArea]:
        name, seen, subareas = "subareas.csv", set(), []
        for line, row in self.rows(name):
            ok = self.unique_id(name, line, "subarea_id", row["subarea_id"], seen)
            if row["area_id"] not in DATA_AREAS:
                self.fail(
                    name,
                    f"rad {line}",
                    f"area_id «{row['area_id']}» er ukjent; må være en av {', '.join(DATA_AREAS)}",
                )
                ok = False
            shares = [self.number(name, line, p, row[p]) for p in PAYERS]
            if any(s is None for s in shares):
                continue
            if any(not 0 <= s <= 1 for s in shares):
                self.fail(name, f"rad {line}", "betalerandelene må ligge mellom 0 og 1")
            elif abs(sum(shares) - 1) > SHARE_TOLERANCE:
                self.fail(
                    name,
                    f"rad {line}",
                    f"betalerandelene (kommune, fylkeskommune, stat) må summere til 1, "
                    f"ikke {sum(shares):.10g}",
                )
            elif ok:
                subareas.append(
                    SubArea(
                        row["subarea_id"],
                        row["area_id"],
                        row["name_nb"],
                        row["name_en"],
                        tuple(shares),
                    )
                )
        return subareas

    def price_index(self, base_year: int | None) -> dict[int, float]:
        name, index = "price_index.csv", {}
        for line, row in self.rows(name):
            year = self.whole(name, line, "year", row["year"])
            value = self.number(name, line, "index", row["index"])
            if year is None or value is None:
                continue
            if value <= 0:
                self.fail(name, f"rad {line}", "index må være større enn 0")
            elif year in index:
                self.fail(name, f"rad {line}", f"året {year} finnes fra før")
            else:
                index[year] = value
        years = sorted(index)
        if years and years != list(range(years[0], years[-1] + 1)):
            gaps = sorted(set(range(years[0], years[-1] + 1)) - set(years))
            self.fail(name, "filen", f"årene må komme uten hull; mangler {gaps[:10]}")
        if years and base_year is not None and base_year not in index:
            self.fail(name, "filen", f"mangler basisåret {base_year} (price_base_year)")
        return dict(sorted(index.items()))

    def profiles(self, groups: list[Group], subareas: list[SubArea]) -> np.ndarray:
        name = "profiles.csv"
        gi = {g.id: i for i, g in enumerate(groups)}
        si = {s.id: j for j, s in enumerate(subareas)}
        values: dict[tuple[int, int, int], float] = {}
        max_age = -1
        for line, row in self.rows(name):
            g, s = gi.get(row["group_id"]), si.get(row["subarea_id"])
            if (g is None and row["group_id"] in self.declared["groups.csv"]) or (
                s is None and row["subarea_id"] in self.declared["subareas.csv"]
            ):
                continue  # the declaration itself is broken and reported
            if g is None:
                self.fail(
                    name, f"rad {line}", f"group_id «{row['group_id']}» finnes ikke i groups.csv"
                )
            if s is None:
                self.fail(
                    name,
                    f"rad {line}",
                    f"subarea_id «{row['subarea_id']}» finnes ikke i subareas.csv",
                )
            age = self.whole(name, line, "age", row["age"])
            value = self.number(name, line, "value", row["value"])
            if g is None or s is None or age is None or value is None:
                continue
            if (g, age, s) in values:
                self.fail(name, f"rad {line}", "samme group_id, age og subarea_id finnes fra før")
                continue
            values[(g, age, s)] = value
            max_age = max(max_age, age)
        if self.issues or not groups or not subareas:
            return np.zeros((0, 0, 0))
        if max_age < MIN_MAX_AGE:
            self.fail(name, "filen", f"profilene må dekke minst alder 0–{MIN_MAX_AGE}")
            return np.zeros((0, 0, 0))
        array = np.full((len(groups), max_age + 1, len(subareas)), np.nan)
        if values:
            keys = np.array(list(values))
            array[keys[:, 0], keys[:, 1], keys[:, 2]] = list(values.values())
        missing = np.argwhere(np.isnan(array))
        for g, a, s in missing[:MAX_REPORTED]:
            self.fail(
                name,
                "mangler rad",
                f"group_id={groups[g].id}, age={a}, subarea_id={subareas[s].id} "
                f"(alle grupper må ha alle aldre 0–{max_age} og alle delområder)",
            )
        if len(missing) > MAX_REPORTED:
            self.fail(name, "mangler rad", f"… og {len(missing) - MAX_REPORTED} rader til")
        return array
