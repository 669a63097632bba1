"""The charts drawn as SVG on the server (issue 12): the geometry follows from the numbers by
hand, the axes are written as Norwegians write numbers, and hostile text stays text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from utenfor.reports import svg
from utenfor.reports.charts import Chart, Series

NS = "{http://www.w3.org/2000/svg}"


def parse(chart: Chart) -> ET.Element:
    return ET.fromstring(svg.draw(chart))  # fails on anything that is not well-formed XML


def bars(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(NS + "rect") if r.find(NS + "title") is not None]


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(NS + "text")]


@pytest.mark.parametrize(
    ("lo", "hi", "count", "expected"),
    [
        # span 6 841 965 / 5 = 1 368 393 -> step 2 000 000 (1e6 is too small), from 0 to 8e6
        (0, 6_841_965, 5, [0, 2e6, 4e6, 6e6, 8e6]),
        # the guide's areas: span 4 236 115 / 4 = 1 059 029 -> step 2e6; floor(-0.49) = -1
        (-980_769, 3_255_346, 4, [-2e6, 0, 2e6, 4e6]),
        # 0.8 per step -> 1; always includes 0
        (-1, 3, 5, [-1, 0, 1, 2, 3]),
        (5, 5, 5, [0, 1, 2, 3, 4, 5]),  # a positive constant: from 0; step 1
        (0, 0, 5, [0, 1]),  # nothing to show: an axis all the same
        (0, 12.5, 5, [0, 2.5, 5, 7.5, 10, 12.5]),  # 2.5 is a round step
    ],
)
def test_ticks_are_round_and_cover_the_values_and_zero(lo, hi, count, expected):
    assert svg.ticks(lo, hi, count) == pytest.approx(expected)


def test_bar_heights_are_proportional_to_the_values():
    # Values 3 and -1: ticks -1..3, the plot is 220 units high (36 to 256), so 55 per unit.
    chart = Chart("bars", "T", ("A", "B"), (Series("kr", (3.0, -1.0)),))
    a, b = bars(parse(chart))
    assert float(a.get("height")) == pytest.approx(165.0, abs=0.1)  # 3 x 55
    assert float(b.get("height")) == pytest.approx(55.0, abs=0.1)  # 1 x 55
    # The gain bar ends at zero from above, the loss bar starts there: zero is 256 - 55 = 201.
    assert float(a.get("y")) + float(a.get("height")) == pytest.approx(201.0, abs=0.2)
    assert float(b.get("y")) == pytest.approx(201.0, abs=0.1)
    assert (a.get("fill"), b.get("fill")) == (svg.GAIN, svg.LOSS)
    assert a.find(NS + "title").text == "A: 3 kr"
    assert b.find(NS + "title").text == "B: \u22121 kr"


def test_axis_numbers_are_written_as_norwegians_write_them():
    chart = Chart("hbars", "T", ("Utdanning", "Barnevern"),
                  (Series("kr", (-1_271_719.0, 1_353_728.0)),))  # fmt: skip
    shown = texts(parse(chart))
    assert "\u22122\u00a0000\u00a0000" in shown and "2\u00a0000\u00a0000" in shown
    assert "Utdanning" in shown


def test_hostile_text_stays_text():
    evil = '<script>alert(1)</script> & "x" =HYPERLINK("http://x")'
    chart = Chart("groups", evil, (evil, "B"), (Series(evil, (1.0, 2.0)), Series("s", (2, 1))))
    drawn = svg.draw(chart)
    assert "<script" not in drawn
    root = ET.fromstring(drawn)
    assert root.find(NS + "text").text == evil  # the title, as the user wrote it
    assert any(t.startswith("<script>") for t in texts(root))  # legend and labels, as text
    assert root.find(f".//{NS}script") is None


def test_break_even_marker_stands_at_its_year_and_every_year_has_a_point():
    years = tuple(range(2021, 2031))
    values = tuple(float(v) for v in (-3, -2, -1, 0.5, 1, 2, 3, 4, 5, 6))
    root = parse(Chart("lines", "T", years, (Series("kr", values),), marker=2024))
    points = list(root.iter(NS + "circle"))
    assert len(points) == len(years)
    assert points[3].find(NS + "title").text == "2024: 1 kr"  # 0.5 rounds half away from 0
    dashed = [ln for ln in root.iter(NS + "line") if ln.get("stroke-dasharray")]
    assert len(dashed) == 1 and dashed[0].get("x1") == points[3].get("cx")


def test_ranges_draw_low_to_high_and_the_base():
    # Values 2, 8 and the base 5, with 0: ticks(0, 8, 4) steps by 2, so the axis is 0..8 and
    # runs from the label column (one character: 12 x 0.58 + 10 = 16.96) to 640 - 40 = 600.
    chart = Chart("ranges", "T", ("a",), (Series("lav", (2.0,)), Series("høy", (8.0,))),
                  marker=5.0)  # fmt: skip
    root = parse(chart)
    (bar,) = bars(root)
    left = 16.96
    unit = (600 - left) / 8
    assert float(bar.get("x")) == pytest.approx(left + 2 * unit, abs=0.1)
    assert float(bar.get("width")) == pytest.approx(6 * unit, abs=0.1)
    base = [ln for ln in root.iter(NS + "line") if ln.get("stroke-width") == "1.5"]
    assert float(base[0].get("x1")) == pytest.approx(left + 5 * unit, abs=0.1)


def test_a_band_is_drawn_and_a_series_of_the_wrong_length_is_refused():
    root = parse(Chart("lines", "T", (1, 2, 3), (Series("m", (1, 2, 3)),),
                       band=((0, 1, 2), (2, 3, 4))))  # fmt: skip
    assert any(p.get("fill-opacity") for p in root.iter(NS + "path"))
    with pytest.raises(ValueError):
        Chart("lines", "T", (1, 2, 3), (Series("m", (1, 2)),))
    with pytest.raises(ValueError):
        Chart("pie", "T", (), ())


def test_a_legend_names_every_series_of_a_multi_line_chart():
    names = [f"Område {i}" for i in range(7)]
    root = parse(Chart("lines", "T", (0, 1), tuple(Series(n, (i, i + 1)) for i, n in
                                                  enumerate(names))))  # fmt: skip
    assert set(names) <= set(texts(root))
