"""Reading a workbook written by `utenfor export` back as a scenario (issue 34, part 3).

The single inputs are read from their defined names (share_with_pct, …), the tables from the
rows of Inndata marked by their key (participants, costs.kommune, grants, local_figures,
discount_schedule). Values, not formulas: a cell Excel or LibreOffice has calculated gives its
value. Every problem is an `Issue` whose field names the sheet and the cell ("Inndata!B9
(share_with_pct)"), all of them at once; the workbook itself is never changed.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from utenfor.model.errors import N_, Issue, ScenarioError
from utenfor.model.scenario import Scenario, parse_scenario
from utenfor.reports.xlsx_grid import Book, Damaged
from utenfor.reports.xlsx_inputs import NUMBER_INPUTS, TEXT_INPUTS, YEAR_ROWS

MAX_BYTES = 5_000_000  # an exported workbook is a few hundred kB
MAX_UNPACKED = 50_000_000  # ... and unpacks to a few MB (the worked example: 1.6 MB)
TEXTS = {key for key, _, _ in TEXT_INPUTS}
MARKERS = ("years", *(k for k, _ in YEAR_ROWS), "grants", "local_figures", "discount_schedule")
NOT_A_NUMBER = N_("«{value}» er ikke et tall")
NAME_MISSING = N_("navnet «{name}» mangler i arbeidsboken (Formler → Navnebehandling); det skal "
                  "peke på cellen med verdien")  # fmt: skip


def read_workbook(source: bytes | str | Path) -> Scenario:
    """The scenario in a workbook from `utenfor export`; a `ScenarioError` naming sheet and
    cell of every problem."""
    return _Reader(source).scenario()


class _Reader:
    def __init__(self, source: bytes | str | Path):
        name = Path(source).name if isinstance(source, str | Path) else "arbeidsboken"
        try:
            raw = source if isinstance(source, bytes) else Path(source).read_bytes()
        except OSError as exc:
            raise _error("(fil)", N_("{name} kan ikke leses ({reason})"),
                         name=name, reason=exc.strerror) from None  # fmt: skip
        if len(raw) > MAX_BYTES:
            raise _error("(fil)", N_("{name} er større enn 5 MB; en arbeidsbok fra utenfor er "
                                     "mye mindre"), name=name)  # fmt: skip
        self.not_a_workbook = _error("(fil)", N_("{name} er ikke en Excel-arbeidsbok (.xlsx)"),
                                     name=name)  # fmt: skip
        try:
            unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(raw)).infolist())
            book = None if unpacked > MAX_UNPACKED else Book(io.BytesIO(raw))
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, Damaged):
            raise self.not_a_workbook from None
        if book is None:  # a small file that unpacks to gigabytes: refused before it is read
            raise _error("(fil)", N_("{name} er større enn 5 MB; en arbeidsbok fra utenfor er "
                                     "mye mindre"), name=name)  # fmt: skip
        self.book = book
        self.issues: list[Issue] = []
        self.cells: dict[str, str] = {}  # a scenario field -> "Sheet!A1"

    def scenario(self) -> Scenario:
        try:
            return self._scenario()
        except Damaged:  # a sheet of it, read only now
            raise self.not_a_workbook from None

    def _scenario(self) -> Scenario:
        doc: dict[str, Any] = {"settings": {}}
        ages = []
        for key, _, _ in (*TEXT_INPUTS, *NUMBER_INPUTS):
            value = self._named(key)
            if key in ("age_group_1", "age_group_2"):  # read once: a missing name, one issue
                ages.append(value)
                continue
            target = doc["settings"] if key in SETTINGS else doc
            if value is not None:
                target[key] = value
        doc["age_groups"] = [a for a in ages if a not in (None, "")]
        self.cells["age_groups"] = self.cells.get("age_group_1", "")
        if not doc["settings"].get("effect_start"):
            doc["settings"].pop("effect_start", None)
        if not self.issues:
            self._tables(doc)
        if self.issues:
            raise ScenarioError(self.issues)
        try:
            return parse_scenario(doc)
        except ScenarioError as exc:
            raise ScenarioError([self._placed(i) for i in exc.issues]) from None

    # single inputs ---------------------------------------------------------------------------

    def _named(self, key: str):
        """The value of defined name `key`, checked as text or number."""
        defined = self.book.defined_names.get(key)
        destinations = list(defined.destinations) if defined is not None else []
        if len(destinations) != 1 or destinations[0][0] not in self.book.sheetnames:
            self.issues.append(Issue(self._labelled(key), NAME_MISSING, {"name": key}))
            return None
        sheet, coordinate = destinations[0]
        coordinate = coordinate.replace("$", "")
        value = self.book[sheet][coordinate].value
        where = f"{sheet}!{coordinate}"
        self.cells[key] = where
        if key in TEXTS:
            return "" if value is None else str(value).strip()
        return self._number(value, f"{where} ({key})", blank=None)

    def _labelled(self, key: str) -> str:
        """Where defined name `key` should point: the value cell of the row labelled `key`."""
        for ws in self.book.worksheets:
            for row in ws.iter_rows(max_col=4):
                if len(row) == 4 and row[3].value == key:
                    return f"{ws.title}!{row[1].coordinate} ({key})"
        return key

    def _number(self, value, where: str, blank=0.0):
        if value is None or (isinstance(value, str) and not value.strip()):
            return blank
        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, int | float):
            return int(value) if float(value).is_integer() else float(value)
        text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = float(text.replace("−", "-"))
        except ValueError:
            self.issues.append(Issue(where, NOT_A_NUMBER, {"value": str(value)[:60]}))
            return blank
        return int(number) if number.is_integer() else number

    # tables ----------------------------------------------------------------------------------

    def _tables(self, doc: dict) -> None:
        ws = self.book[self.cells["start_year"].split("!")[0]]
        rows = list(ws.iter_rows())
        found: dict[str, int] = {}
        for i, row in enumerate(rows):
            for c in row:
                if isinstance(c.value, str) and c.value in MARKERS and c.value not in found:
                    found[c.value] = i
        for marker in MARKERS:
            if marker not in found:
                self.issues.append(Issue(f"{ws.title} ({marker})", N_(
                    "raden merket «{marker}» mangler; bruk en arbeidsbok fra utenfor export"),
                    {"marker": marker}))  # fmt: skip
        if self.issues:
            return
        start = doc.get("start_year")
        header = rows[found["years"]]
        n = next(j for j, c in enumerate(header) if c.value == "years") - 1
        for key, _ in YEAR_ROWS:
            table: dict[str, Any] = {}
            for j in range(1, n + 1):
                c = rows[found[key]][j]
                amount = self._number(c.value, f"{ws.title}!{c.coordinate} ({key})")
                if not isinstance(start, int) or not amount:
                    continue
                year = start + j - 1
                table[str(year)] = amount
                self.cells[f"{key}.{year}"] = f"{ws.title}!{c.coordinate}"
            if "." in key:
                field, payer = key.split(".")
                doc.setdefault(field, {})[payer] = table
            else:
                doc[key] = table
        doc["grants"] = self._grants(ws, rows, found)
        doc["local_figures"] = self._local(ws, rows, found)
        doc["settings"]["discount_schedule"] = self._schedule(ws, rows, found) or None
        if doc["settings"]["discount_schedule"] is None:
            del doc["settings"]["discount_schedule"]

    def _block(self, rows, found: dict, marker: str, following: str | None):
        end = found[following] if following else len(rows)
        for row in rows[found[marker] + 1 : end]:
            if all(c.value in (None, "") for c in row[:5]):
                if following is None:
                    return
                continue
            yield row

    def _grants(self, ws, rows, found) -> list[dict]:
        out = []
        for row in self._block(rows, found, "grants", "local_figures"):
            i = len(out)
            place = {k: f"{ws.title}!{row[j].coordinate}"
                     for j, k in enumerate(("from", "to", "year", "amount"))}  # fmt: skip
            grant = {
                "from": str(row[0].value or "").strip(),
                "to": str(row[1].value or "").strip(),
                "year": self._number(row[2].value, f"{place['year']} (grants[{i}].year)"),
                "amount": self._number(row[3].value, f"{place['amount']} (grants[{i}])"),
            }
            for k, where in place.items():
                self.cells[f"grants[{i}].{k}"] = where
            self.cells[f"grants[{i}]"] = place["from"]
            out.append(grant)
        return out

    def _local(self, ws, rows, found) -> list[dict]:
        out = []
        for row in self._block(rows, found, "local_figures", "discount_schedule"):
            if row[2].value in (None, ""):
                continue
            i = len(out)
            where = f"{ws.title}!{row[2].coordinate}"
            figure = {"parameter": str(row[0].value or ""),
                      "value": self._number(row[2].value, f"{where} (local_figures[{i}])"),
                      "year": self._number(row[3].value, f"{ws.title}!{row[3].coordinate} "
                                                         f"(local_figures[{i}].year)"),
                      "source": "" if row[4].value is None else str(row[4].value)}  # fmt: skip
            self.cells[f"local_figures[{i}]"] = where
            self.cells[f"local_figures[{i}].year"] = f"{ws.title}!{row[3].coordinate}"
            out.append(figure)
        return out

    def _schedule(self, ws, rows, found) -> list[dict]:
        out = []
        for row in self._block(rows, found, "discount_schedule", None):
            if not isinstance(row[0].value, int | float) and row[0].value not in (None, ""):
                break  # the next section (the age groups) starts
            if row[0].value in (None, ""):
                continue
            where = f"{ws.title}!{row[0].coordinate}"
            out.append({"from_year": self._number(row[0].value, where),
                        "rate_pct": self._number(row[1].value, f"{ws.title}!"
                                                 f"{row[1].coordinate}")})  # fmt: skip
            self.cells[f"settings.discount_schedule[{len(out) - 1}]"] = where
        return out

    def _placed(self, issue: Issue) -> Issue:
        """An issue of the scenario's rules, at the cell its field was read from."""
        field = issue.field.removeprefix("settings.")
        where = self.cells.get(issue.field) or self.cells.get(field)
        if where is None:
            head = next((k for k in sorted(self.cells, key=len, reverse=True)
                         if issue.field.startswith(k)), None)  # fmt: skip
            where = self.cells.get(head) if head else None
        return issue.at(f"{where} ({issue.field})" if where else issue.field)


SETTINGS = {"analysis_years", "discount_rate_pct", "dropoff_pct", "optimism_cost_uplift_pct",
            "optimism_success_haircut_pct", "effect_start"}  # fmt: skip


def _error(field: str, template: str, **params) -> ScenarioError:
    return ScenarioError([Issue(field, template, params)])
