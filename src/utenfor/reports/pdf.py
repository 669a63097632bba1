"""The PDF report a council member can read (issue 5): A4, bokmål, Typst, offline.

Charts come from the same Vega-Lite specs as the web page, rendered to SVG by vl-convert with
the Norwegian number format. Every text from the user or the data set enters the Typst source
as a string literal (never as markup), so a scenario name cannot change the document.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import typst
import vl_convert

from utenfor import MODEL_VERSION
from utenfor.formatting import NBSP, number, percent, trim
from utenfor.model.result import Result
from utenfor.reports.charts import area_chart, cumulative_chart, payer_chart
from utenfor.reports.council_text import council_text
from utenfor.reports.language import area_name, payer_name, tr
from utenfor.terms import AREAS, PAYERS

LOCALE = {"decimal": ",", "thousands": NBSP, "grouping": [3], "currency": ["", " kr"],
          "minus": "\u2212"}  # fmt: skip


def s(text: object) -> str:
    """A Typst string literal shown as text: #"..." (JSON escaping is valid Typst)."""
    return "#" + json.dumps(str(text), ensure_ascii=False)


def kr(value: float) -> str:
    return s(number(value, 0, NBSP))


def _table(header: list[str], rows: list[list[str]], aligns: str) -> str:
    cells = [f"[*{s(h)}*]" if h else "[]" for h in header]
    for row in rows:
        cells += [f"[{c}]" for c in row]
    return (f"#table(columns: {len(header)}, align: ({aligns}), stroke: 0.4pt + luma(180),\n  "
            + ",\n  ".join(cells) + ")\n")  # fmt: skip


def _chart(spec: dict, folder: Path, name: str) -> str:
    spec = {**spec, "width": 440}
    svg = vl_convert.vegalite_to_svg(spec, format_locale=LOCALE)
    (folder / f"{name}.svg").write_text(svg, encoding="utf-8")
    return f'#align(center, image("{name}.svg", width: 85%))\n'


def _plain_words(r: Result, lang: str) -> str:
    sc = r.scenario
    g = r.data.group(sc.target_group)
    en = lang == "en"
    y = tr("år", lang)
    shares = (f"{percent(sc.share_without_pct)} {tr('uten tiltaket', lang)}, "
              f"{percent(sc.share_with_pct)} {tr('med', lang)}; {tr('suksessrate', lang)} "
              f"{trim(sc.success_rate_pct)} {tr('prosentpoeng', lang)}")  # fmt: skip
    duration = (f"{tr('fra', lang)} {sc.start_year}, {tr('kommunen kjører tiltaket i', lang)} "
                f"{sc.years_run} {y}, {tr('hvert tiltak varer', lang)} "
                f"{sc.intervention_years} {y}")  # fmt: skip
    group = f"{s(g.name_en or g.name_nb)}" if en else f"{s(g.name_nb)}. {s(g.definition_nb)}"
    parts = [
        f"- *{s(tr('Målgruppe', lang))}:* {group}",
        f"- *{s(tr('Aldersgruppe', lang))}:* {s(', '.join(sc.age_groups) + ' ' + y)}",
        f"- *{s(tr('Suksessrate', lang))}:* {s(shares)}",
        f"- *{s(tr('Varighet', lang))}:* {s(duration)}",
        f"- *{s(tr('Nye deltakere', lang))}:* "
        f"{s('; '.join(f'{yr}: {n}' for yr, n in sc.participants.items() if n))}",
    ]
    none = tr("ingen", lang)
    for label, tables in (("Kostnader", sc.costs), ("Kostnader som faller bort",
                                                    sc.costs_falling_away)):  # fmt: skip
        items = [f"{payer_name(p, lang)} {yr}: {number(v, 0, NBSP)} kr"
                 for p, t in tables.items() for yr, v in t.items() if v]  # fmt: skip
        parts.append(f"- *{s(tr(label, lang))}:* {s('; '.join(items) or none)}")
    grants = [f"{payer_name(g_.from_, lang)} {tr('til', lang)} {payer_name(g_.to, lang).lower()} "
              f"{g_.year}: {number(g_.amount, 0, NBSP)} kr" for g_ in sc.grants]  # fmt: skip
    parts.append(f"- *{s(tr('Tilskudd', lang))}:* {s('; '.join(grants) or none)}")
    st = sc.settings
    analysis = (f"{st.analysis_years} {y}, {tr('diskontert med', lang)} "
                f"{percent(st.discount_rate_pct)}, {tr('kroner-i', lang) if en else 'i'} "
                f"{sc.start_year}{tr('-kroner', lang)}")  # fmt: skip
    parts.append(f"- *{s(tr('Analyse', lang))}:* {s(analysis)}")
    return "\n".join(parts) + "\n"


def _break_even_text(r: Result, lang: str) -> str:
    be = r.break_even
    if lang == "en":
        if be:
            return f"The intervention gives an overall gain {be['years']} years after the start, from {be['year']}."  # noqa: E501
        return f"The intervention does not break even within the analysis period ({r.years[0]}–{r.years[-1]})."  # noqa: E501
    if be:
        return (f"Tiltaket gir samlede økonomiske gevinster {be['years']} år etter oppstart, "
                f"fra {be['year']}.")  # fmt: skip
    return f"Tiltaket går ikke i balanse innen analyseperioden ({r.years[0]}–{r.years[-1]})."


def source(result: Result, folder: Path, title: str | None = None, lang: str = "nb") -> str:
    """The Typst source of the report; the charts are written to `folder`."""
    r = result
    d = r.data
    stamp = (f"utenfor {MODEL_VERSION} · {tr('datasett', lang)} {d.name} {d.version} · "
             f"{d.fingerprint}")  # fmt: skip
    g = d.group(r.scenario.target_group)
    heading = (
        title or f"Utenfor-regnskapet: {g.name_en if lang == 'en' and g.name_en else g.name_nb}"
    )
    per, net = r.net_gain_per_participant, r.net_gain
    total = s(tr("I alt", lang))
    payer_rows = [[total, kr(net["total"]), kr(per["total"])]] + [
        [s(payer_name(p, lang)), kr(net[p]), kr(per[p])] for p in PAYERS
    ]
    area_rows = [[total, kr(net["total"]), kr(per["total"])]] + [
        [s(area_name(a, lang)), kr(r.by_area[a]["total"]),
         kr(r.by_area_per_participant[a]["total"])]
        for a in AREAS
    ]  # fmt: skip
    kr_year = f"{r.scenario.start_year}{tr('-kroner', lang)}"
    years = f"{r.plan.horizon} {tr('år', lang)}"
    header = ["", tr("Samlet nettogevinst", lang), tr("Nettogevinst pr. deltaker", lang)]
    made_with = tr("med Utenfor-regnskapet (åpen implementasjon av KS’ modell fra 2019).", lang)
    made = f"{tr('Laget', lang)} {date.today().strftime('%d.%m.%Y')} {made_with}"
    page = tr("side", lang)
    caveats = (
        "Modellen sier ingenting om hvorvidt tiltaket virker: suksessraten er en forutsetning.",
        "Tallene gjelder offentlige budsjetter (kommune, fylkeskommune og stat), ikke "
        "samfunnsøkonomiske konsekvenser.",
        "Bortfall av sosial arv av trygdeytelser er ikke regnet med.",
        "Datasettet bygger på publisert statistikk; målgruppene er anslått ut fra befolkningen med "
        "dokumenterte justeringer, ikke målt i registre. Se docs/data.md for svakhetene.",
    )
    out = [
        '#set page(paper: "a4", margin: (x: 2cm, top: 2cm, bottom: 2.2cm),',
        f"  footer: align(center, text(size: 7pt, fill: luma(90))[{s(stamp)} · {s(page)} "
        "#context counter(page).display()]))",
        f'#set text(lang: "{lang}", size: 10pt)',
        "#set par(justify: false)",
        f'#text(size: 18pt, weight: "bold")[{s(heading)}]\n',
        f"{s(made)}\n",
        f"== {s(tr('Forutsetningene', lang))}\n",
        _plain_words(r, lang),
        f"== {s(tr('Figur 1. Nettogevinst fordelt på aktører', lang))} "
        f"({s(kr_year)}, {s(years)})\n",
        _chart(payer_chart(r, lang), folder, "figur1"),
        _table(header, payer_rows, "left, right, right"),
        f"== {s(tr('Figur 2. Break-even', lang))}\n",
        f"{s(_break_even_text(r, lang))}\n",
        _chart(cumulative_chart(r, lang), folder, "figur2"),
        f"== {s(tr('Figur 3. Nettogevinst for ulike tjenesteområder', lang))}\n",
        _chart(area_chart(r, lang), folder, "figur3"),
        _table(header, area_rows, "left, right, right"),
        *_what_if(r, lang),
        f"== {s(tr('Slik kan resultatet presenteres', lang))}\n",
        "\n\n".join(s(p) for p in council_text(r, lang)) + "\n",
        f"== {s(tr('Hva modellen ikke sier', lang))}\n",
        "\n".join(f"- {s(tr(t, lang))}" for t in caveats)
        + f"\n- {s(d.title + ' (' + d.version + ')')}\n",
    ]
    if r.warnings:
        out.append(f"== {s(tr('Advarsler', lang))}\n")
        out.append("\n".join(f"- {s(w)}" for w in r.warning_texts(lang)) + "\n")
    return "\n".join(out)


def _what_if(r: Result, lang: str) -> list[str]:
    """Thresholds, sensitivity and uncertainty (issue 6), as on the result page."""
    from utenfor.model.analysis import analyse
    from utenfor.reports.analysis_text import threshold_sentences

    a = analyse(r.scenario, r.data)
    sens = a["sensitivity"]
    q = a["uncertainty"]["net_gain"]
    label = "label_en" if lang == "en" else "label_nb"
    names = {"total": tr("I alt", lang), **{p: payer_name(p, lang) for p in PAYERS}}
    return [
        f"== {s(tr('Hva om? Terskler, følsomhet og usikkerhet', lang))}\n",
        "\n".join(f"- {s(t)}" for t in threshold_sentences(a, lang)) + "\n",
        _table([tr("Hva endres", lang), tr("Lav", lang), tr("Høy", lang)],
               [[s(i[label]), kr(i["low"]), kr(i["high"])] for i in sens["items"]],
               "left, right, right"),
        _table([tr("Nettogevinst", lang), "P10", "P50", "P90"],
               [[s(names[k]), kr(v["p10"]), kr(v["p50"]), kr(v["p90"])] for k, v in q.items()],
               "left, right, right, right"),
    ]  # fmt: skip


def report(result: Result, title: str | None = None, lang: str = "nb") -> bytes:
    """The PDF report as bytes, in bokmål (`nb`) or English (`en`)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = source(result, folder, title, lang)
        (folder / "rapport.typ").write_text(text, encoding="utf-8")
        return typst.compile(str(folder / "rapport.typ"))
