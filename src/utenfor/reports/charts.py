"""Vega-Lite specs for the guide's three result figures (the web page and, later, the reports).

Each spec carries its own data, so the same dict renders in the browser (vega-embed) and
offline (vl-convert) without access to anything else.
"""

from __future__ import annotations

from utenfor.model.result import Result
from utenfor.reports.language import N_, area_name, payer_name, sensitivity_label, tr
from utenfor.terms import AREAS, PAYERS

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
NOK = ",.0f"  # rendered with the Norwegian locale set in vega-embed's options
COLORS = {"gain": "#1e6e3c", "loss": "#a3281e", "line": "#0062ba"}
# The page gives each chart an accessible name and the same numbers in a table, so the SVG's
# own ARIA roles (which axe-core finds unnamed) are switched off.
CONFIG = {"aria": False}


def _bar(rows: list[dict], title: str, horizontal: bool = False, lang: str = "nb") -> dict:
    category = {"field": "label", "type": "nominal", "sort": None, "title": None}
    value = {"field": "value", "type": "quantitative", "title": tr("kroner", lang),
             "axis": {"format": NOK}}  # fmt: skip
    return {
        "$schema": SCHEMA,
        "title": title,
        "description": title,
        "config": CONFIG,
        "width": "container",
        "height": 260 if not horizontal else 30 * len(rows),
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": {
            ("y" if horizontal else "x"): category,
            ("x" if horizontal else "y"): value,
            "color": {
                "condition": {"test": "datum.value < 0", "value": COLORS["loss"]},
                "value": COLORS["gain"],
            },
            "tooltip": [
                {"field": "label", "title": tr("Hva", lang)},
                {"field": "value", "title": tr("Kroner", lang), "format": NOK},
            ],
        },
    }


def payer_chart(result: Result, lang: str = "nb") -> dict:
    """Figure 1: net gain in total and by payer."""
    net = result.net_gain
    rows = [{"label": tr("I alt", lang), "value": net["total"]}]
    rows += [{"label": payer_name(p, lang), "value": net[p]} for p in PAYERS]
    return _bar(rows, tr("Nettogevinst fordelt på aktører", lang), lang=lang)


def area_chart(result: Result, lang: str = "nb") -> dict:
    """Figure 3: net gain by service area."""
    rows = [{"label": area_name(a, lang), "value": result.by_area[a]["total"]} for a in AREAS]
    return _bar(rows, tr("Nettogevinst for ulike tjenesteområder", lang), horizontal=True,
                lang=lang)  # fmt: skip


def cumulative_chart(result: Result, lang: str = "nb") -> dict:
    """Figure 2: cumulative discounted net gain per year, with break-even marked."""
    rows = [{"year": r["year"], "value": r["total"]} for r in result.cumulative]
    layers: list[dict] = [
        {
            "mark": {"type": "rule", "color": "#666"},
            "encoding": {"y": {"datum": 0}},
        },
        {
            "mark": {"type": "line", "point": True, "color": COLORS["line"]},
            "encoding": {
                "x": {"field": "year", "type": "ordinal", "title": tr("År", lang),
                      "axis": {"labelAngle": 0, "labelOverlap": "greedy"}},
                "y": {"field": "value", "type": "quantitative",
                      "title": tr("kroner, akkumulert", lang), "axis": {"format": NOK}},
                "tooltip": [
                    {"field": "year", "title": tr("År", lang)},
                    {"field": "value", "title": tr("Akkumulert", lang), "format": NOK},
                ],
            },
        },
    ]  # fmt: skip
    if result.break_even:
        layers.append(
            {
                "data": {"values": [{"year": result.break_even["year"]}]},
                "mark": {"type": "rule", "strokeDash": [4, 4], "color": COLORS["gain"]},
                "encoding": {"x": {"field": "year", "type": "ordinal"}},
            }
        )
    return {
        "$schema": SCHEMA,
        "title": tr("Akkumulert nettogevinst (break-even)", lang),
        "description": tr("Akkumulert nettogevinst per år", lang),
        "config": CONFIG,
        "width": "container",
        "height": 260,
        "data": {"values": rows},
        "layer": layers,
    }


def tornado_chart(sensitivity: dict, lang: str = "nb") -> dict:
    """One-way sensitivity: for each input, the total net gain at its low and high value."""
    rows = [{"label": sensitivity_label(i["parameter"], lang), "low": min(i["low"], i["high"]),
             "high": max(i["low"], i["high"])} for i in sensitivity["items"]]  # fmt: skip
    order = [r["label"] for r in rows]
    return {
        "$schema": SCHEMA,
        "title": tr("Følsomhet: samlet nettogevinst når én forutsetning endres", lang),
        "description": tr("Tornadodiagram", lang),
        "config": CONFIG,
        "width": "container",
        "height": 24 * len(rows),
        "layer": [
            {
                "data": {"values": rows},
                "mark": {"type": "bar", "color": COLORS["line"]},
                "encoding": {
                    "y": {"field": "label", "type": "nominal", "sort": order, "title": None},
                    "x": {"field": "low", "type": "quantitative", "title": tr("kroner", lang),
                          "axis": {"format": NOK}},
                    "x2": {"field": "high"},
                    "tooltip": [{"field": "label", "title": tr("Hva", lang)},
                                {"field": "low", "title": tr("Lav", lang), "format": NOK},
                                {"field": "high", "title": tr("Høy", lang), "format": NOK}],
                },
            },
            {
                "data": {"values": [{"base": sensitivity["base"]}]},
                "mark": {"type": "rule", "color": "#333"},
                "encoding": {"x": {"field": "base", "type": "quantitative"}},
            },
        ],
    }  # fmt: skip


def fan_chart(uncertainty: dict, lang: str = "nb") -> dict:
    """P10-P90 band and median of the cumulative net gain per year."""
    return {
        "$schema": SCHEMA,
        "title": tr("Usikkerhet: akkumulert nettogevinst (P10–P90 og median)", lang),
        "description": tr("Viftediagram", lang),
        "config": CONFIG,
        "width": "container",
        "height": 260,
        "data": {"values": uncertainty["fan"]},
        "layer": [
            {"mark": {"type": "area", "opacity": 0.3, "color": COLORS["line"]},
             "encoding": {"x": {"field": "year", "type": "ordinal", "title": tr("År", lang),
                                "axis": {"labelAngle": 0, "labelOverlap": "greedy"}},
                          "y": {"field": "p10", "type": "quantitative",
                                "title": tr("kroner", lang),
                                "axis": {"format": NOK}},
                          "y2": {"field": "p90"}}},
            {"mark": {"type": "line", "color": COLORS["line"]},
             "encoding": {"x": {"field": "year", "type": "ordinal"},
                          "y": {"field": "p50", "type": "quantitative"}}},
            {"mark": {"type": "rule", "color": "#666"}, "encoding": {"y": {"datum": 0}}},
        ],
    }  # fmt: skip


def cofinancing_chart(cofinancing: dict, lang: str = "nb") -> dict:
    """Per payer: gain received, cost carried and the net, now and with the proposed split."""
    rows = []
    for p, row in cofinancing["payers"].items():
        for key, label in (
            ("gain_received", N_("Gevinst")),
            ("cost_carried", N_("Kostnad båret")),
            ("net", N_("Netto nå")),
            ("proposed_net", N_("Netto med foreslått deling")),
        ):
            sign = -1 if key == "cost_carried" else 1
            rows.append({"payer": payer_name(p, lang), "what": tr(label, lang),
                         "value": sign * row[key]})  # fmt: skip
    return {
        "$schema": SCHEMA,
        "title": tr("Hvem investerer, og hvem får gevinsten?", lang),
        "description": tr("Gruppert stolpediagram", lang),
        "config": CONFIG,
        "width": "container",
        "height": 260,
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "payer", "type": "nominal", "title": None, "sort": None},
            "xOffset": {"field": "what", "sort": None},
            "y": {"field": "value", "type": "quantitative", "title": tr("kroner", lang),
                  "axis": {"format": NOK}},
            "color": {"field": "what", "type": "nominal", "title": None, "sort": None},
            "tooltip": [{"field": "payer"}, {"field": "what"},
                        {"field": "value", "format": NOK}],
        },
    }  # fmt: skip
