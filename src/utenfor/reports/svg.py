"""A `Chart` drawn as SVG, on the server: the page shows it inline (no charting library in the
browser, figures without JavaScript) and the PDF embeds the same file.

Numbers on the axes and in the tooltips are written as Norwegians write them (12 767 437,
U+2212 minus). Every text is escaped: labels come from the data set and the what-if inputs.
The drawing is 640 units wide and scales with its container.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape as xml_escape

from utenfor.formatting import NBSP, number
from utenfor.printable import printable
from utenfor.reports.charts import Chart

WIDTH = 640
FONT = 12
GAIN, LOSS, LINE, RULE = "#1e6e3c", "#a3281e", "#0062ba", "#555"
PALETTE = ("#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#b279a2", "#9d755d",
           "#eeca3b", "#ff9da6", "#bab0ac")  # fmt: skip
TOP = 28  # room for the title
ROW = 26  # a horizontal bar's row


def draw(chart: Chart) -> str:
    """The chart as an SVG document (a string), `aria-hidden`: the page names the figure and
    shows the same numbers in a table beside it."""
    return {"bars": _bars, "hbars": _hbars, "ranges": _hbars, "lines": _lines,
            "groups": _bars}[chart.kind](chart)  # fmt: skip


def ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round axis values covering [lo, hi] and 0, in steps of 1, 2, 2.5 or 5 times a power of 10."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo <= 0:
        return [0.0, 1.0]
    raw = (hi - lo) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    return [i * step for i in range(first, last + 1)]


def escape(text: str) -> str:
    """XML text, without the control characters XML may not hold (`utenfor.printable`)."""
    return xml_escape(printable(text))


def _text_width(text: str, size: float = FONT) -> float:
    return len(text) * size * 0.58


def _kr(value: float) -> str:
    return number(value, 0, NBSP)


def _t(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>'
            f"{escape(str(text))}</text>")  # fmt: skip


def _rect(x: float, y: float, w: float, h: float, fill: str, tip: str) -> str:
    """A bar with its value as a tooltip."""
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}">'
            f"<title>{escape(tip)}</title></rect>")  # fmt: skip


def _svg(height: float, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" font-family="sans-serif" font-size="{FONT}" '
        f'aria-hidden="true" focusable="false">'
        + _t(0, 16, title, extra=' font-weight="bold" font-size="13"')
        + "".join(body)
        + "</svg>"
    )


class _Scale:
    """Values to a coordinate: `lo..hi` (from the ticks) onto `start..end`."""

    def __init__(self, values, start: float, end: float, count: int = 5):
        values = [v for v in values if math.isfinite(v)] or [0.0]
        self.ticks = ticks(min(values), max(values), count)
        self.lo, self.hi, self.start, self.end = self.ticks[0], self.ticks[-1], start, end

    def __call__(self, value: float) -> float:
        return self.start + (value - self.lo) / (self.hi - self.lo) * (self.end - self.start)


def _legend(names: list[str], y: float) -> tuple[list[str], float]:
    """Swatches and names in rows under the plot; the SVG elements and the height used."""
    out, x = [], 0.0
    for i, name in enumerate(names):
        w = 18 + _text_width(name) + 16
        if x + w > WIDTH and x > 0:
            x, y = 0.0, y + 18
        out.append(f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="12" height="12" '
                   f'fill="{PALETTE[i % len(PALETTE)]}"/>' + _t(x + 18, y, name))  # fmt: skip
        x += w
    return out, y + 8


def _value_axis_vertical(scale: _Scale, left: float, right: float, title: str) -> list[str]:
    out = []
    for v in scale.ticks:
        y = scale(v)
        out.append(f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
                   f'stroke="{"#333" if v == 0 else "#ddd"}"/>')  # fmt: skip
        out.append(_t(left - 6, y + 4, _kr(v), "end"))
    mid = (scale.start + scale.end) / 2
    out.append(_t(12, mid, title, "middle", f' transform="rotate(-90 12 {mid:.1f})"'))
    return out


def _bars(chart: Chart) -> str:
    """Vertical bars: one per label (`bars`, coloured by sign) or one per label and series
    (`groups`, coloured by series, with a legend)."""
    grouped = chart.kind == "groups"
    values = [v for s in chart.series for v in s.values]
    plot_top, plot_bottom = TOP + 8, TOP + 228
    scale = _Scale(values, plot_bottom, plot_top)
    left = 26 + max(_text_width(_kr(v)) for v in scale.ticks) + 8
    band = (WIDTH - left - 4) / len(chart.labels)
    body = _value_axis_vertical(scale, left, WIDTH - 4, chart.value_title)
    zero, n = scale(0), len(chart.series)
    inner = band * 0.8 / n
    for i, label in enumerate(chart.labels):
        x0 = left + i * band + band * 0.1
        for j, s in enumerate(chart.series):
            v = s.values[i]
            y, h = min(scale(v), zero), abs(scale(v) - zero)
            colour = PALETTE[j % len(PALETTE)] if grouped else (LOSS if v < 0 else GAIN)
            tip = f"{label}, {s.name}: {_kr(v)} kr" if grouped else f"{label}: {_kr(v)} kr"
            body.append(_rect(x0 + j * inner, y, inner * 0.92, h, colour, tip))
        body.append(_t(left + (i + 0.5) * band, plot_bottom + 18, _fit(label, band), "middle"))
    height = plot_bottom + 30
    if grouped:
        legend, height = _legend([s.name for s in chart.series], height + 8)
        body += legend
    return _svg(height, body, chart.title)


def _fit(text: str, width: float) -> str:
    """The text, cut with '…' to fit `width` (the full text is in the tooltip and the table)."""
    text = str(text)
    room = int(width / (FONT * 0.58))
    return text if len(text) <= room else text[: max(1, room - 1)] + "…"


def _hbars(chart: Chart) -> str:
    """Horizontal bars from 0 (`hbars`, coloured by sign) or from low to high (`ranges`, with a
    rule at the base value)."""
    ranges = chart.kind == "ranges"
    values = [v for s in chart.series for v in s.values]
    if ranges and chart.marker is not None:
        values.append(chart.marker)
    left = min(260.0, max(_text_width(str(lb)) for lb in chart.labels) + 10)
    top, right = TOP + 8, WIDTH - 40
    scale = _Scale(values, left, right, 4)
    bottom = top + ROW * len(chart.labels)
    body = []
    for v in scale.ticks:
        x = scale(v)
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top:.1f}" y2="{bottom:.1f}" '
                    f'stroke="{"#333" if v == 0 and not ranges else "#ddd"}"/>')  # fmt: skip
        body.append(_t(x, bottom + 16, _kr(v), "middle"))
    body.append(_t((left + right) / 2, bottom + 34, chart.value_title, "middle"))
    for i, label in enumerate(chart.labels):
        y = top + i * ROW + 4
        if ranges:
            low, high = chart.series[0].values[i], chart.series[1].values[i]
            x0, x1, colour = scale(low), scale(high), LINE
            tip = f"{label}: {_kr(low)} – {_kr(high)} kr"
        else:
            v = chart.series[0].values[i]
            x0, x1, colour = scale(0), scale(v), LOSS if v < 0 else GAIN
            tip = f"{label}: {_kr(v)} kr"
        body.append(_rect(min(x0, x1), y, max(abs(x1 - x0), 1), ROW - 8, colour, tip))
        body.append(_t(left - 8, y + ROW / 2, _fit(label, left - 10), "end"))
    if ranges and chart.marker is not None:
        x = scale(chart.marker)
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4:.1f}" y2="{bottom:.1f}" '
                    f'stroke="#333" stroke-width="1.5"/>')  # fmt: skip
    return _svg(bottom + 42, body, chart.title)


def _every(count: int, room: float) -> int:
    """Label every n-th x value so that labels do not overlap (1, 2, 5, 10, 20, ...)."""
    fits = max(1, int(room // 44))
    for n in (1, 2, 5, 10, 20, 50, 100):
        if math.ceil(count / n) <= fits:
            return n
    return count


def _path(xs: list[float], ys: list[float]) -> str:
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))


def _lines(chart: Chart) -> str:
    """A line per series over the labels, the zero line, an optional band and marker."""
    values = [v for s in chart.series for v in s.values]
    if chart.band:
        values += [*chart.band[0], *chart.band[1]]
    plot_top, plot_bottom = TOP + 8, TOP + 228
    scale = _Scale(values, plot_bottom, plot_top)
    left = 26 + max(_text_width(_kr(v)) for v in scale.ticks) + 8
    right = WIDTH - 8
    n = len(chart.labels)
    step = (right - left) / max(1, n - 1)
    xs = [left + i * step for i in range(n)]
    body = _value_axis_vertical(scale, left, right, chart.value_title)
    every = _every(n, right - left)
    for i, label in enumerate(chart.labels):
        if i % every == 0:
            body.append(_t(xs[i], plot_bottom + 18, label, "middle"))
    body.append(_t((left + right) / 2, plot_bottom + 36, chart.label_title, "middle"))
    if chart.band:
        low, high = chart.band
        outline = (
            _path(xs, [scale(v) for v in high])
            + "L"
            + "L".join(
                f"{x:.1f},{scale(v):.1f}" for x, v in zip(reversed(xs), reversed(low), strict=True)
            )
        )
        body.append(f'<path d="{outline}Z" fill="{LINE}" fill-opacity="0.25"/>')
    if chart.marker is not None and chart.marker in chart.labels:
        x = xs[chart.labels.index(chart.marker)]
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{plot_top:.1f}" y2="{plot_bottom:.1f}" '
                    f'stroke="{GAIN}" stroke-dasharray="4 4" stroke-width="1.5"/>')  # fmt: skip
    single = len(chart.series) == 1
    for j, s in enumerate(chart.series):
        colour = LINE if single else PALETTE[j % len(PALETTE)]
        line = _path(xs, [scale(v) for v in s.values])
        body.append(f'<path d="{line}" fill="none" stroke="{colour}" stroke-width="2">'
                    f"<title>{escape(s.name)}</title></path>")  # fmt: skip
    if single and not chart.band:  # points with their value, as the table beside them
        s = chart.series[0]
        body += [f'<circle cx="{x:.1f}" cy="{scale(v):.1f}" r="3" fill="{LINE}"><title>'
                 f"{escape(f'{label}: {_kr(v)} kr')}</title></circle>"
                 for x, v, label in zip(xs, s.values, chart.labels, strict=True)]  # fmt: skip
    height = plot_bottom + 44
    if not single:
        legend, height = _legend([s.name for s in chart.series], height + 8)
        body += legend
    return _svg(height, body, chart.title)
