"""`utenfor evidence list | show`: the library of documented programmes for the success rate
(issue 33; src/utenfor/data/evidence.yaml, docs/evidence.md)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from utenfor.cli.common import Format, FormatOpt, Refused, app, out, print_table
from utenfor.formatting import trim

evidence_app = typer.Typer(
    help="Dokumenterte tiltak: et utgangspunkt for suksessraten, ikke et løfte.",
    no_args_is_help=True,
)
app.add_typer(evidence_app, name="evidence")

STILL_YOURS = ("Suksessraten er fortsatt din forutsetning: biblioteket er et utgangspunkt, "
               "ikke et løfte. Se kildene før du bruker et tall.")  # fmt: skip


def _spread(p) -> str:
    s = p.success_pct
    return f"{trim(s['low'])}–{trim(s['high'])} (midt {trim(s['mid'])})"


@evidence_app.command("list")
def evidence_list(fmt: FormatOpt = Format.table) -> None:
    """Alle dokumenterte tiltak med suksessrate (prosentpoeng), grad og målgrupper."""
    from utenfor.data.evidence import library
    from utenfor.reports.table import Column, Table

    if fmt is Format.json:
        print(json.dumps([p.to_json() for p in library()], ensure_ascii=False, indent=2))
        return
    print_table(Table("evidence", "Dokumenterte tiltak",
                      (Column("Id", "text"), Column("Tiltak", "text"), Column("Design", "text"),
                       Column("Suksessrate, prosentpoeng", "text"), Column("Grad", "text"),
                       Column("Målgrupper", "text")),
                      tuple((p.id, p.name, p.design, _spread(p), str(p.grade),
                             ", ".join(p.target_groups)) for p in library())))  # fmt: skip
    out.print(STILL_YOURS, markup=False)


@evidence_app.command("show")
def evidence_show(
    programme_id: Annotated[str, typer.Argument(metavar="ID", help="Tiltakets id (se list).")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Ett tiltak: utfall, populasjon, design, effekten slik den er publisert, og kildene."""
    from utenfor.data.evidence import library, programme

    p = programme(programme_id)
    if p is None:
        names = ", ".join(x.id for x in library())
        raise Refused(f"Ukjent tiltak «{programme_id}»; velg en av: {names}")
    if fmt is Format.json:
        print(json.dumps(p.to_json(), ensure_ascii=False, indent=2))
        return
    base = "–" if p.base_pct is None else f"{trim(p.base_pct)} %"
    lines = [
        (p.name, ""), ("Id", p.id), ("Målgrupper", ", ".join(p.target_groups)),
        ("Utfall", p.outcome), ("Populasjon", p.population), ("Design", p.design),
        ("Publisert effekt", p.effect_published),
        ("Ungsinn evidensnivå", "–" if p.ungsinn_level is None else str(p.ungsinn_level)),
        ("Suksessrate", f"{_spread(p)} prosentpoeng; grunnandel {base}; "
                        f"oversatt med {p.translation['method']}"),
        ("Grad", str(p.grade)), ("Merknad", p.note),
    ]  # fmt: skip
    if p.wsipp:
        w = p.wsipp
        lines.append(("WSIPP", f"{w['program']}: nytte/kostnad {trim(w['benefit_cost_ratio'])}, "
                               f"{w['chance_net_benefit_pct']} % sjanse for netto gevinst "
                               f"({w['dollars_year']}-dollar) {w['url']}"))  # fmt: skip
    lines += [("Kilde", f"{s['citation']} {s['url']}") for s in p.sources]
    for label, text in lines:
        out.print(f"{label}: {text}" if text else label, markup=False, soft_wrap=True)
    out.print(STILL_YOURS, markup=False)
