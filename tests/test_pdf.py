"""The PDF report (issue 5), read back: text, version stamp, fonts, a page that is not blank."""

from __future__ import annotations

import io
import shutil
import subprocess
import tomllib

import pypdf
import pytest
from fastapi.testclient import TestClient

from support import WORKED_EXAMPLE, pdf_of, run_cli
from utenfor import MODEL_VERSION
from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset
from utenfor.formatting import number
from utenfor.model import calculate, load_scenario
from utenfor.terms import AREAS, PAYERS
from utenfor.web.app import Settings, create_app


@pytest.fixture(scope="module")
def result():
    return calculate(load_scenario(WORKED_EXAMPLE), load_dataset(BUNDLED))


@pytest.fixture(scope="module")
def pdf(result):
    return pdf_of(result)


def pages_text(content: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return [p.extract_text().replace("\u00a0", " ") for p in reader.pages]


def test_the_text_has_every_figure_as_the_web_page_shows_it(pdf, result):
    text = " ".join(pages_text(pdf))
    shown = [result.net_gain[k] for k in ("total", *PAYERS)]
    shown += [result.by_area[a]["total"] for a in AREAS]
    for value in shown:
        assert number(value) in text, number(value)
    assert "−980 769" in text
    assert "Hvis vi klarer å få 10 prosent" in text
    assert "Hva modellen ikke sier" in text and "sosial arv" in text
    assert "Tiltaket lønner seg samlet hvis minst" in text and "P90" in text  # issue 6


def test_every_page_carries_the_version_stamp(pdf, result):
    pages = pages_text(pdf)
    assert len(pages) >= 2
    for page in pages:
        assert f"utenfor {MODEL_VERSION}" in page and result.data.fingerprint[:30] in page


def test_the_fonts_are_embedded(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
            fonts.append(any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert fonts and all(fonts)


def test_the_first_page_is_not_blank(tmp_path, pdf):
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.fail("pdftoppm is missing: install Debian's poppler-utils (.ci/run does)")
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run([pdftoppm, "-gray", "-r", "30", "-f", "1", "-l", "1", str(tmp_path / "r.pdf"),
                    str(tmp_path / "p")], check=True, timeout=60)  # fmt: skip
    pgm = next(tmp_path.glob("p*.pgm")).read_bytes()
    # binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel
    header_end = pgm.index(b"\n", pgm.index(b"\n", pgm.index(b"\n") + 1) + 1) + 1
    pixels = pgm[header_end:]
    dark = sum(1 for b in pixels if b < 128)
    assert dark / len(pixels) > 0.02  # text, a chart and a table, not an empty page


def test_a_title_cannot_inject_typst_markup(result):
    text = " ".join(pages_text(pdf_of(result, '#set page(fill: red) "quoted" [x] \\ $y$')))
    assert '#set page(fill: red) "quoted" [x] \\ $y$' in text


def test_cli_api_and_page_give_the_pdf(tmp_path):
    out = tmp_path / "r.pdf"
    p = run_cli("export", str(WORKED_EXAMPLE), "--to", str(out))
    assert p.returncode == 0, p.stderr
    assert out.read_bytes().startswith(b"%PDF")
    with TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db"))) as c:
        with open(WORKED_EXAMPLE, "rb") as f:
            scenario = tomllib.load(f)
        r = c.post("/api/v1/export/pdf", json=scenario)
        assert r.status_code == 200 and r.content.startswith(b"%PDF")
        assert "−980 769" in " ".join(pages_text(r.content))
