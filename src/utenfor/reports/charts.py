"""What each figure shows, as data: the guide's three result figures, the what-if figures and
the data page's life course. `reports.svg` draws a `Chart` as SVG on the server, for the web
page (no charting library in the browser, figures without JavaScript) and for the PDF alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from utenfor.model.analysis_results import Cofinancing, Sensitivity, Uncertainty
from utenfor.model.result import Result
from utenfor.reports.language import N_, area_name, payer_name, sensitivity_label, tr
from utenfor.reports.table import Table
from utenfor.terms import AREAS, PAYERS

KINDS = ("bars", "hbars", "ranges", "lines", "groups")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    """One figure. `kind` says how it is drawn:

    - bars / hbars: one bar per label (vertical / horizontal), green for a gain, red for a loss;
    - ranges: a horizontal bar per label from series[0] (low) to series[1] (high), with a rule
      at `marker` (the base);
    - lines: one line per series over the labels (years or ages), with an optional band
      (low, high) and a dashed rule at the label `marker` (break-even);
    - groups: per label, one bar per series, coloured by series, with a legend.
    """

    kind: str
    title: str
    labels: tuple
    series: tuple[Series, ...]
    value_title: str = ""
    label_title: str = ""
    band: tuple[tuple[float, ...], tuple[float, ...]] | None = None
    marker: float | int | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}")
        for s in self.series:
            if len(s.values) != len(self.labels):
                raise ValueError(f"series {s.name!r} has {len(s.values)} values, not "
                                 f"{len(self.labels)}")  # fmt: skip


def _one(kind: str, title: str, rows: list[tuple[str, float]], lang: str) -> Chart:
    labels = tuple(label for label, _ in rows)
    values = tuple(float(v) for _, v in rows)
    return Chart(kind, title, labels, (Series(tr("Kroner", lang), values),),
                 value_title=tr("kroner", lang))  # fmt: skip


def payer_chart(result: Result, lang: str = "nb") -> Chart:
    """Figure 1: net gain in total and by payer."""
    net = result.net_gain
    rows = [(tr("I alt", lang), net["total"])] + [(payer_name(p, lang), net[p]) for p in PAYERS]
    return _one("bars", tr("Nettogevinst fordelt på aktører", lang), rows, lang)


def area_chart(result: Result, lang: str = "nb") -> Chart:
    """Figure 3: net gain by service area."""
    rows = [(area_name(a, lang), result.by_area[a]["total"]) for a in AREAS]
    return _one("hbars", tr("Nettogevinst for ulike tjenesteområder", lang), rows, lang)


def cumulative_chart(result: Result, lang: str = "nb") -> Chart:
    """Figure 2: cumulative discounted net gain per year, with break-even marked."""
    rows = result.cumulative
    return Chart("lines", tr("Akkumulert nettogevinst (break-even)", lang),
                 tuple(r["year"] for r in rows),
                 (Series(tr("Akkumulert", lang), tuple(float(r["total"]) for r in rows)),),
                 value_title=tr("kroner, akkumulert", lang), label_title=tr("År", lang),
                 marker=result.break_even["year"] if result.break_even else None)  # fmt: skip


def tornado_chart(sensitivity: Sensitivity, lang: str = "nb") -> Chart:
    """One-way sensitivity: for each input, the total net gain at its low and high value."""
    items = sensitivity.items
    return Chart("ranges", tr("Følsomhet: samlet nettogevinst når én forutsetning endres", lang),
                 tuple(sensitivity_label(i, lang) for i in items),
                 (Series(tr("Lav", lang), tuple(float(min(i.low, i.high)) for i in items)),
                  Series(tr("Høy", lang), tuple(float(max(i.low, i.high)) for i in items))),
                 value_title=tr("kroner", lang), marker=float(sensitivity.base))  # fmt: skip


def fan_chart(uncertainty: Uncertainty, lang: str = "nb") -> Chart:
    """P10-P90 band and median of the cumulative net gain per year."""
    fan = uncertainty.fan
    return Chart("lines", tr("Usikkerhet: akkumulert nettogevinst (P10–P90 og median)", lang),
                 tuple(r.year for r in fan),
                 (Series(tr("Median", lang), tuple(r.p50 for r in fan)),),
                 value_title=tr("kroner", lang), label_title=tr("År", lang),
                 band=(tuple(r.p10 for r in fan), tuple(r.p90 for r in fan)))  # fmt: skip


def cofinancing_chart(cofinancing: Cofinancing, lang: str = "nb") -> Chart:
    """Per payer: gain received, cost carried and the net, now and with the proposed split."""
    payers = cofinancing.payers
    parts = (
        ("gain_received", N_("Gevinst"), 1),
        ("cost_carried", N_("Kostnad båret"), -1),
        ("net", N_("Netto nå"), 1),
        ("proposed_net", N_("Netto med foreslått deling"), 1),
    )
    return Chart("groups", tr("Hvem investerer, og hvem får gevinsten?", lang),
                 tuple(payer_name(p, lang) for p in payers),
                 tuple(Series(tr(label, lang), tuple(sign * getattr(row, key)
                                                     for row in payers.values()))
                       for key, label, sign in parts),
                 value_title=tr("kroner", lang))  # fmt: skip


def gap_chart(table: Table, lang: str = "nb") -> Chart:
    """The data page: a line per area of a group's gap by age, from the table shown under it
    (first column the age, last the total, the areas between)."""
    areas = table.columns[1:-1]
    return Chart("lines", table.title, tuple(row[0] for row in table.rows),
                 tuple(Series(c.title, tuple(float(row[i + 1]) for row in table.rows))
                       for i, c in enumerate(areas)),
                 value_title=tr("kroner", lang), label_title=tr("Alder", lang))  # fmt: skip
