"""`utenfor calculate | explain | analyse | export | serve`: thin layers over the service."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from utenfor import MODEL_VERSION
from utenfor.cli.common import (
    CostOpt,
    DataOpt,
    Format,
    FormatOpt,
    Lang,
    LevelOpt,
    LocalOpt,
    Refused,
    ScenarioArg,
    SuccessOpt,
    app,
    load,
    load_data,
    out,
    print_table,
    refused,
    write_file,
)
from utenfor.cli.serving import (
    ACCOUNTS_HELP,
    NOT_LOOPBACK,
    OPEN_CALCULATION_HELP,
    OPEN_HELP,
    loopback,
)
from utenfor.data import ENV_VAR
from utenfor.draws import DRAWS, SEED
from utenfor.formatting import number, percent, trim

if TYPE_CHECKING:  # the engine and the reports load when a command runs (issue 32)
    from utenfor.reports.report import Report

OPTIONS = {"success_rate_pct": "--success", "cost_pct": "--cost", "level_pct": "--level"}


def _report(file: Path, data: Path | None, *, lang: str = "nb", with_analysis: bool = False,
            spreads: dict | None = None, local: Path | None = None,
            **options) -> Report:  # fmt: skip
    from utenfor import service
    from utenfor.model.errors import ScenarioError

    scenario, dataset = load(file, data, local)
    try:
        chosen = service.spreads(spreads or {}, OPTIONS)
        return service.report(scenario, dataset, spreads=chosen, lang=lang,
                              with_analysis=with_analysis, **options)  # fmt: skip
    except ScenarioError as exc:
        what = "Usikkerheten" if exc.issues[0].field in OPTIONS.values() else "Scenariet"
        raise refused(exc, f"{what} i {file} kan ikke beregnes") from None


@app.command("calculate")
def calculate_command(
    file: ScenarioArg, data: DataOpt = None, fmt: FormatOpt = Format.table, local: LocalOpt = None
) -> None:
    """Beregn nettogevinsten for et scenario (resultatfigur 1-3)."""
    rep = _report(file, data, local=local)
    if fmt is Format.json:
        print(json.dumps(rep.result.to_json(), ensure_ascii=False, indent=2))
        return
    r, s = rep.result, rep.scenario
    group = r.data.group(s.target_group)
    out.print(f"[bold]Utenfor-regnskapet[/] (modell {MODEL_VERSION})")
    out.print(f"{group.name_nb}, {' og '.join(s.age_groups)} år; suksessrate "
              f"{trim(s.success_rate_pct)} prosentpoeng ({percent(s.share_without_pct)} → "
              f"{percent(s.share_with_pct)}); {number(r.participants)} deltakere; "
              f"{r.years[0]}–{r.years[-1]}; {s.start_year}-kroner; diskontering "
              f"{rep.discounting}" + (f"; {rep.adjustments}" if rep.adjustments else "") + ".",
              markup=False)  # fmt: skip
    print_table(rep.tables["payers"])
    out.print(f"Break-even: {rep.break_even}\n", markup=False)
    print_table(rep.tables["areas"])
    for w in rep.warnings:
        out.print(f"[yellow]Merk:[/] {w}")
    out.print(f"Datasett: {r.data.title} ({r.data.version}), {r.data.fingerprint[:19]}…",
              markup=False)  # fmt: skip


@app.command("explain")
def explain_command(file: ScenarioArg, data: DataOpt = None, local: LocalOpt = None) -> None:
    """Vis regnestykket bak tallene: gap per alder, suksessrate, prisfaktor, diskontering."""
    from utenfor.reports.explain import explain

    for table in explain(_report(file, data, local=local).result):
        print_table(table)


@app.command("analyse")
def analyse_command(
    file: ScenarioArg,
    data: DataOpt = None,
    fmt: FormatOpt = Format.table,
    success: SuccessOpt = None,
    cost: CostOpt = None,
    level: LevelOpt = None,
    draws: Annotated[int, typer.Option("--draws", min=100, max=1_000_000)] = DRAWS,
    seed: Annotated[int, typer.Option("--seed", min=0)] = SEED,
    pert: Annotated[
        bool, typer.Option("--pert", help="PERT i stedet for trekantfordeling.")
    ] = False,
    local: LocalOpt = None,
) -> None:
    """Terskler, følsomhet, usikkerhet og fordeling av kostnader (hva-om-analyse)."""
    rep = _report(
        file,
        data,
        with_analysis=True,
        draws=draws,
        seed=seed,
        distribution="pert" if pert else "triangular",
        spreads={"success_rate_pct": success, "cost_pct": cost, "level_pct": level},
        local=local,
    )
    if fmt is Format.json:
        print(json.dumps(rep.analysis_json, ensure_ascii=False, indent=2))
        return
    for sentence in rep.sentences:
        out.print(f"• {sentence}", markup=False)
    out.print(f"\nDiskontering: {rep.discounting}" + (f"; {rep.adjustments}" if rep.adjustments
              else "") + "\n", markup=False)  # fmt: skip
    for key in ("sensitivity", "uncertainty", "cofinancing"):
        print_table(rep.tables[key])


@app.command("export")
def export_command(
    file: ScenarioArg,
    to: Annotated[
        Path,
        typer.Option(
            "--to",
            help="Filen som skal skrives: NAVN.pdf, NAVN.xlsx, "
            "NAVN.json (formatet følger filendelsen).",
        ),
    ],
    data: DataOpt = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Språk: nb (bokmål) eller en.")] = Lang.nb,
    success: SuccessOpt = None,
    cost: CostOpt = None,
    level: LevelOpt = None,
    local: LocalOpt = None,
) -> None:
    """Skriv resultatet, med hva-om-analysen, til en fil (PDF-rapport, Excel eller JSON)."""
    from utenfor import service
    from utenfor.reports.renderers import RENDERERS, by_suffix

    renderer = by_suffix(to.suffix)
    if renderer is None:
        endings = ", ".join(r.suffix for r in RENDERERS.values())
        raise Refused(f"{to.name}: ukjent filtype; bruk {endings}")
    rep = _report(
        file,
        data,
        lang=lang.value,
        with_analysis=True,
        spreads={"success_rate_pct": success, "cost_pct": cost, "level_pct": level},
        local=local,
    )
    write_file(to, service.export(rep, renderer.name).content)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Adresse å lytte på.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port.")] = 8000,
    database: Annotated[
        str | None,
        typer.Option("--database", help="Database-URL (standard: SQLite i brukerens datamappe)."),
    ] = None,
    data: DataOpt = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Antall prosesser.")] = 1,
    open_: Annotated[bool, typer.Option("--open", help=OPEN_HELP)] = False,
    access_log: Annotated[
        bool, typer.Option("--access-log", help="Én JSON-linje per forespørsel på stderr.")
    ] = False,
    accounts: Annotated[bool, typer.Option("--accounts", help=ACCOUNTS_HELP)] = False,
    open_calculation: Annotated[
        bool, typer.Option("--open-calculation", help=OPEN_CALCULATION_HELP)
    ] = False,
) -> None:
    """Start webappen (beregning, lagrede scenarier, data, API)."""
    import uvicorn

    from utenfor.collector import started
    from utenfor.web.app import Settings, create_app
    from utenfor.web.logs import log_config

    if not loopback(host) and not open_ and not accounts:
        raise Refused(NOT_LOOPBACK.format(host=host))
    load_data(data)  # a clear message if the data set cannot be used, before the server starts
    out.print(f"Utenfor-regnskapet kjører på http://{host}:{port}/  (Ctrl+C avslutter)")
    # X-Forwarded-For/-Proto only from the proxy the operator names (uvicorn's own default
    # trusts 127.0.0.1, so anything on the machine could pick its address for the sign-in
    # limit): without FORWARDED_ALLOW_IPS no one's (issue 30, item 3; docs/operations.md).
    proxy = os.environ.get("FORWARDED_ALLOW_IPS", "").strip()
    options = {"log_config": log_config(access_log), "log_level": "warning",
               "proxy_headers": bool(proxy), "forwarded_allow_ips": proxy or None}  # fmt: skip
    if workers == 1:
        web = create_app(Settings(database_url=database, data_dir=data, accounts=accounts,
                                  open_calculation=open_calculation))  # fmt: skip
        started()  # what the start made lives as long as the server (collector.py)
        uvicorn.run(web, host=host, port=port, **options)
        return
    # Several processes share nothing but the database: settings travel in the environment.
    from utenfor.store.db import default_database_url, make_engine, migrate

    url = database or default_database_url()
    migrate(make_engine(url))  # once, before the workers start
    os.environ["UTENFOR_DATABASE_URL"] = url
    os.environ["UTENFOR_ACCOUNTS"] = "1" if accounts else ""
    os.environ["UTENFOR_OPEN_CALCULATION"] = "1" if open_calculation else ""
    if data is not None:
        os.environ[ENV_VAR] = str(data)
    uvicorn.run("utenfor.web.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, **options)  # fmt: skip
