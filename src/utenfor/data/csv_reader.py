"""The generic half of reading a data set: one broken rule (`DataIssue`), all of them
(`DataSetError`), and a reader of UTF-8 CSV files that records every rule a row breaks instead of
stopping at the first. `data/load.py` holds the rules of each file."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

MAX_REPORTED = 50

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_INT = re.compile(r"^\d+$")
_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


@dataclass(frozen=True)
class DataIssue:
    file: str
    where: str  # "rad 12", "kolonner", "felt price_base_year", "filen"
    rule: str

    def __str__(self) -> str:
        return f"{self.file}, {self.where}: {self.rule}"


class DataSetError(ValueError):
    def __init__(self, issues: list[DataIssue]):
        self.issues = issues
        shown = [str(i) for i in issues[:MAX_REPORTED]]
        if len(issues) > MAX_REPORTED:
            shown.append(f"… og {len(issues) - MAX_REPORTED} feil til")
        super().__init__("\n".join(shown))


class CsvReader:
    """Reads one file at a time, recording every broken rule in `issues`. `columns` maps each
    file to the columns it must have."""

    def __init__(self, directory: Path, columns: dict[str, tuple[str, ...]]):
        self.dir = directory
        self.columns = columns
        self.issues: list[DataIssue] = []
        # ids declared in groups.csv / subareas.csv, valid or not: profile rows that use a
        # declared but broken id are skipped, so one bad row does not repeat in profiles.csv
        self.declared: dict[str, set[str]] = {"groups.csv": set(), "subareas.csv": set()}

    def fail(self, file: str, where: str, rule: str) -> None:
        self.issues.append(DataIssue(file, where, rule))

    def rows(self, name: str) -> list[tuple[int, dict[str, str]]]:
        try:
            text = (self.dir / name).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            self.fail(name, "filen", "mangler")
            return []
        except UnicodeDecodeError:
            self.fail(name, "filen", "er ikke UTF-8-tekst")
            return []
        reader = csv.DictReader(io.StringIO(text, newline=""))
        wanted = self.columns[name]
        missing = [c for c in wanted if c not in (reader.fieldnames or [])]
        if missing:
            self.fail(name, "rad 1", f"mangler kolonne(ne) {', '.join(missing)}")
            return []
        out = []
        for row in reader:
            line = reader.line_num
            if None in row or any(v is None for v in row.values()):
                self.fail(name, f"rad {line}", "har et annet antall felt enn overskriften")
                continue
            out.append((line, {k: v.strip() for k, v in row.items()}))
        if not out:
            self.fail(name, "filen", "har ingen datarader")
        return out

    def number(self, name: str, line: int, column: str, text: str) -> float | None:
        if not _NUMBER.match(text):
            self.fail(name, f"rad {line}", f"{column} må være et endelig tall, ikke «{text}»")
            return None
        return float(text)

    def whole(self, name: str, line: int, column: str, text: str) -> int | None:
        if not _INT.match(text):
            self.fail(name, f"rad {line}", f"{column} må være et helt tall ≥ 0, ikke «{text}»")
            return None
        return int(text)

    def unique_id(self, name: str, line: int, column: str, value: str, seen: set[str]) -> bool:
        self.declared[name].add(value)
        if not _ID.match(value):
            self.fail(name, f"rad {line}", f"{column} «{value}» må bestå av a-z, 0-9 og _")
        elif value in seen:
            self.fail(name, f"rad {line}", f"{column} «{value}» finnes fra før")
        else:
            seen.add(value)
            return True
        return False
