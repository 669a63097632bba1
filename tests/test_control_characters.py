"""Control characters in a name (issue 30, item 12): a name typed with U+0001, an escape
(U+001B), DEL and a C1 character shows in every output without them; in the PDF it showed as a
literal `\\u0001`. The outputs: the PDF, the workbook, the JSON export and the page (from the
web app), and the command line's tables and its plan PDF (see also test_hostile_text.py)."""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from support import EXAMPLE, ROOT, run_cli
from utenfor.web.app import Settings, create_app

NAME = "Kari\x01 \x1b[31mNordmann\x7f\x9b"
SHOWN = "Kari [31mNordmann"  # what is left: the characters a person can see
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def clean(text: str, what: str) -> None:
    """`text` shows the name without its control characters, and no escape of them."""
    assert SHOWN in text, what
    assert not CONTROL.search(text), (what, CONTROL.findall(text))
    assert not re.search(r"\\u00|_x00", text), what  # \u0001 (Typst, JSON), _x0001_ (OOXML)


@pytest.fixture(scope="module")
def client(tmp_path_factory, sqlite_copy):
    url = sqlite_copy(tmp_path_factory.mktemp("control"))
    with TestClient(create_app(Settings(database_url=url))) as c:
        yield c


@pytest.fixture(scope="module")
def form():
    from test_web_pages import WORKED_FORM

    return {**WORKED_FORM, "name": NAME}


def test_the_pdf(client, form):
    answer = client.post("/eksport/pdf", data=form)
    assert answer.status_code == 200
    clean(pdf_text(answer.content), "pdf")


def test_the_workbook(client, form):
    answer = client.post("/eksport/xlsx", data=form)
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    texts = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]  # fmt: skip
    clean("\n".join(texts), "xlsx")


def test_the_json_export(client, form):
    answer = client.post("/eksport/json", data=form)
    assert answer.status_code == 200
    strings = []

    def walk(value) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(answer.json())
    clean("\n".join(strings), "json")


def test_the_pages(client):
    saved = client.post("/api/v1/scenarios", json={"name": NAME, "scenario": EXAMPLE})
    assert saved.status_code == 201
    clean(client.get("/scenarier").text, "the list of saved scenarios")
    clean(client.get(f"/scenarier/{saved.json()['id']}").text, "the saved scenario's page")


def test_the_command_line(tmp_path):
    plan = tmp_path / "plan.toml"
    losen = (ROOT / "examples" / "plan" / "losen.toml").as_posix()
    plan.write_text(f'name = "{json.dumps(NAME)[1:-1]}"\n\n[[initiatives]]\n'
                    f'name = "{json.dumps(NAME)[1:-1]} 2"\nscenario = "{losen}"\n',
                    encoding="utf-8")  # fmt: skip
    shown = run_cli("plan", "calculate", str(plan))
    assert shown.returncode == 0, shown.stderr
    clean(shown.stdout, "plan calculate")
    made = run_cli("plan", "calculate", str(plan), "--to", str(tmp_path / "plan.pdf"))
    assert made.returncode == 0, made.stderr
    clean(pdf_text((tmp_path / "plan.pdf").read_bytes()), "the plan's pdf")
