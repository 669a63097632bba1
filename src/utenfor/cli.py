"""`utenfor`: the command line. A thin layer over the engine; all text in Norwegian."""

from __future__ import annotations

import csv
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable

from utenfor import MODEL_VERSION
from utenfor.data import BUNDLED, ENV_VAR, default_data_dir
from utenfor.data.dataset import DataSet
from utenfor.data.load import DataSetError, load_dataset, validate_dataset
from utenfor.formatting import number, percent, trim
from utenfor.model import Result, ScenarioError, calculate, load_scenario
from utenfor.reports.explain import Table, explain
from utenfor.terms import (
    AGE_GROUPS,
    AREA_NAMES_NB,
    AREA_SHORT_NB,
    AREAS,
    DATA_AREAS,
    PAYER_NAMES_NB,
    PAYERS,
)
from utenfor.usage_errors import kind, norwegian

app = typer.Typer(
    help="Utenfor-regnskapet: hva kommune, fylkeskommune og stat sparer når forebygging virker.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
data_app = typer.Typer(help="Datasettet: kontroll og informasjon.", no_args_is_help=True)
app.add_typer(data_app, name="data")

# Piped or redirected output gets 120 columns instead of Rich's 80, so tables are not squeezed.
_WIDTH = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120
out = Console(highlight=False, soft_wrap=True, width=_WIDTH)
err = Console(stderr=True, highlight=False, soft_wrap=True, width=_WIDTH)


class Format(StrEnum):
    table = "table"
    json = "json"


class Lang(StrEnum):
    nb = "nb"
    en = "en"


class ShowFormat(StrEnum):
    table = "table"
    csv = "csv"


ScenarioArg = Annotated[Path, typer.Argument(help="Scenariofil (.toml, .yaml eller .json).")]
DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help=f"Datasettmappe (standard: ${ENV_VAR} eller det medfølgende)."),
]
FormatOpt = Annotated[Format, typer.Option("--format", help="Utdata: tabell eller JSON.")]


class Refused(Exception):
    """Bad input: print the message and exit 2, never a traceback."""


def _data(path: Path | None) -> DataSet:
    directory = path or default_data_dir()
    if path is None and directory == BUNDLED and not BUNDLED.exists():
        raise Refused(
            "Det åpne datasettet er ikke bygget ennå. Oppgi et datasett med --data MAPPE "
            f"eller miljøvariabelen {ENV_VAR} (for eksempel testdatasettet tests/data/handcalc)."
        )
    try:
        return load_dataset(directory)
    except DataSetError as exc:
        raise Refused(f"Datasettet i {directory} kan ikke brukes:\n{exc}") from None


def _result(file: Path, data: Path | None) -> Result:
    dataset = _data(data)
    try:
        return calculate(load_scenario(file), dataset)
    except ScenarioError as exc:
        lines = "\n".join(f"  • {i}" for i in exc.issues)
        raise Refused(f"Scenariet i {file} kan ikke beregnes:\n{lines}") from None


@app.command("calculate")
def calculate_command(
    file: ScenarioArg, data: DataOpt = None, fmt: FormatOpt = Format.table
) -> None:
    """Beregn nettogevinsten for et scenario (resultatfigur 1-3)."""
    result = _result(file, data)
    if fmt is Format.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_result(result)


@app.command("explain")
def explain_command(file: ScenarioArg, data: DataOpt = None) -> None:
    """Vis regnestykket bak tallene: gap per alder, suksessrate, prisfaktor, diskontering."""
    for table in explain(_result(file, data)):
        _print_table(table)


def _spread(text: str | None, name: str):
    from utenfor.model.analysis import Spread

    if text is None:
        return None
    try:
        low, likely, high = (float(x.replace(",", ".")) for x in text.split("/"))
    except ValueError:
        raise Refused(f"{name}: skriv lav/sannsynlig/høy, for eksempel 5/10/15") from None
    spread = Spread(low, likely, high)
    try:
        spread.check(name)
    except ValueError as exc:
        raise Refused(str(exc)) from None
    return spread


@app.command("analyse")
def analyse_command(
    file: ScenarioArg,
    data: DataOpt = None,
    fmt: FormatOpt = Format.table,
    success: Annotated[
        str | None, typer.Option("--success", help="Suksessrate lav/sannsynlig/høy i prosentpoeng.")
    ] = None,
    cost: Annotated[
        str | None,
        typer.Option("--cost", help="Kostnader lav/sannsynlig/høy i % av det som er lagt inn."),
    ] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="Datanivå lav/sannsynlig/høy i % (valgfritt).")
    ] = None,
    draws: Annotated[int, typer.Option("--draws", min=100, max=1_000_000)] = 10_000,
    seed: Annotated[int, typer.Option("--seed")] = 20_191,
    pert: Annotated[
        bool, typer.Option("--pert", help="PERT i stedet for trekantfordeling.")
    ] = False,
) -> None:
    """Terskler, følsomhet, usikkerhet og fordeling av kostnader (hva-om-analyse)."""
    from utenfor.model.analysis import analyse
    from utenfor.reports.analysis_text import threshold_sentences

    result = _result(file, data)
    options = {k: v for k, v in (("success_rate_pct", _spread(success, "--success")),
               ("cost_pct", _spread(cost, "--cost")), ("level_pct", _spread(level, "--level")))
               if v is not None}  # fmt: skip
    report = analyse(result.scenario, result.data, draws=draws, seed=seed,
                     distribution="pert" if pert else "triangular", **options)  # fmt: skip
    if fmt is Format.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for sentence in threshold_sentences(report):
        out.print(f"• {sentence}", markup=False)
    out.print()
    sens = report["sensitivity"]
    _print_table(Table(
        f"Følsomhet: samlet nettogevinst (grunnlag {number(sens['base'])})",
        ["Hva endres", "Lav", "Høy"],
        [[i["label_nb"], number(i["low"]), number(i["high"])] for i in sens["items"]],
    ))  # fmt: skip
    u = report["uncertainty"]["net_gain"]
    _print_table(Table(
        f"Usikkerhet ({number(report['uncertainty']['draws'])} trekninger)",
        ["", "P10", "P50", "P90"],
        [[("I alt" if k == "total" else PAYER_NAMES_NB[k]), number(v["p10"]), number(v["p50"]),
          number(v["p90"])] for k, v in u.items()],
    ))  # fmt: skip
    co = report["cofinancing"]["payers"]
    _print_table(Table(
        "Hvem investerer, og hvem får gevinsten? (nåverdi)",
        ["", "Kostnad båret", "Gevinst", "Netto", "Foreslått kostnadsandel", "Netto da"],
        [[PAYER_NAMES_NB[p], *(number(co[p][k]) for k in ("cost_carried", "gain_received",
          "net", "proposed_cost_share", "proposed_net"))] for p in PAYERS],
    ))  # fmt: skip


@app.command("export")
def export_command(
    file: ScenarioArg,
    to: Annotated[
        Path, typer.Option("--to", help="Filen som skal skrives: NAVN.pdf eller NAVN.xlsx.")
    ],
    data: DataOpt = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Språk: nb (bokmål) eller en.")] = Lang.nb,
) -> None:
    """Skriv resultatet til en PDF-rapport eller en Excel-arbeidsbok."""
    suffix = to.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise Refused(f"{to.name}: ukjent filtype; bruk .pdf eller .xlsx")
    result = _result(file, data)
    if suffix == ".pdf":
        from utenfor.reports.pdf import report

        content = report(result, lang=lang.value)
    else:
        from utenfor.reports.xlsx import workbook

        content = workbook(result, lang=lang.value)
    try:
        to.write_bytes(content)
    except OSError as exc:
        raise Refused(f"{to} kan ikke skrives ({exc.strerror})") from None
    out.print(f"Skrev {to} ({number(len(content) / 1000)} kB)", markup=False)


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
) -> None:
    """Start webappen (beregning, lagrede scenarier, data, API)."""
    import uvicorn

    from utenfor.web.app import Settings, create_app

    _data(data)  # a clear message if the data set cannot be used, before the server starts
    out.print(f"Utenfor-regnskapet kjører på http://{host}:{port}/  (Ctrl+C avslutter)")
    if workers == 1:
        web = create_app(Settings(database_url=database, data_dir=data))
        uvicorn.run(web, host=host, port=port, log_level="warning")
        return
    # Several processes share nothing but the database: settings travel in the environment.
    from utenfor.store.db import default_database_url, make_engine, migrate

    url = database or default_database_url()
    migrate(make_engine(url))  # once, before the workers start
    os.environ["UTENFOR_DATABASE_URL"] = url
    if data is not None:
        os.environ[ENV_VAR] = str(data)
    uvicorn.run("utenfor.web.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level="warning")  # fmt: skip


@data_app.command("validate")
def data_validate(
    directory: Annotated[Path | None, typer.Argument(help="Datasettmappe.")] = None,
) -> None:
    """Kontroller et datasett mot formatet (alle regler); avslutter med 1 ved feil."""
    directory = directory or default_data_dir()
    issues = validate_dataset(directory)
    if issues:
        err.print(f"[bold red]Datasettet i {directory} har {len(issues)} feil:[/]")
        for issue in issues:
            err.print(f"  • {issue}", markup=False)
        raise typer.Exit(1)
    dataset = load_dataset(directory)
    out.print(f"Datasettet «{dataset.title}» ({dataset.version}) er gyldig.", markup=False)
    out.print(f"Fingeravtrykk: {dataset.fingerprint}", markup=False)


@data_app.command("info")
def data_info(data: DataOpt = None, fmt: FormatOpt = Format.table) -> None:
    """Navn, versjon, mappe, fingeravtrykk, målgrupper og aldre for datasettet."""
    d = _data(data)
    info = d.info()
    if fmt is Format.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return
    out.print(f"[bold]{d.title}[/] ({d.name} {d.version})")
    for label, value in [
        ("Mappe", str(d.path)),
        ("Fingeravtrykk", d.fingerprint),
        (
            "Prisnivå",
            f"{d.price_base_year}-kroner; prisindeks {min(d.price_index)}–{max(d.price_index)}",
        ),
        ("Aldre", f"0–{d.max_age}"),
        ("Delområder", str(len(d.subareas))),
    ]:
        out.print(f"{label}: {value}", markup=False)
    _print_table(
        Table(
            "Grupper",
            ["Id", "Navn", "Antall"],
            [[g.id, g.name_nb, number(g.count)] for g in d.groups],
            align_left=2,
        )
    )


@data_app.command("build")
def data_build(
    out_dir: Annotated[Path | None, typer.Option("--out", help="Mappe å skrive til.")] = None,
    calibrate: Annotated[
        bool,
        typer.Option(
            "--calibrate-guide",
            help="Kalibrer lavinntektsgruppens områdenivåer mot veiledningens eksempel "
            "(dokumentert trinn; se docs/data.md). Bør skrives til en egen mappe.",
        ),
    ] = False,
) -> None:
    """Bygg det åpne datasettet fra kildetallene i src/utenfor/sources/parameters."""
    from utenfor.sources.build import OPEN_DIR, build
    from utenfor.sources.parameters import SourceError

    target = out_dir or OPEN_DIR
    if calibrate and out_dir is None:
        raise Refused("--calibrate-guide skriver et annet datasett; oppgi --out MAPPE.")
    try:
        build(target, calibrate=calibrate)
    except SourceError as exc:
        raise Refused(f"Kildetallene kan ikke brukes:\n{exc}") from None
    dataset = load_dataset(target)
    out.print(f"Skrev {dataset.title} ({dataset.version}) til {target}", markup=False)
    out.print(f"Fingeravtrykk: {dataset.fingerprint}", markup=False)


@data_app.command("show")
def data_show(
    group: Annotated[
        str, typer.Argument(help="Målgruppe (group_id), for eksempel conduct_disorder.")
    ],
    age_group: Annotated[
        str | None, typer.Option("--age-group", help="Vis aldrene fra denne aldersgruppen og opp.")
    ] = None,
    data: DataOpt = None,
    fmt: Annotated[
        ShowFormat, typer.Option("--format", help="Tabell eller CSV.")
    ] = ShowFormat.table,
) -> None:
    """Vis gapet (målgruppe minus befolkningen) per alder og område."""
    d = _data(data)
    if group not in d.group_index or d.group(group).is_population:
        choices = ", ".join(g.id for g in d.target_groups)
        raise Refused(f"Ukjent målgruppe «{group}»; velg en av: {choices}")
    first = 0
    if age_group is not None:
        if age_group not in AGE_GROUPS:
            raise Refused(f"Ukjent aldersgruppe «{age_group}»; velg en av: {', '.join(AGE_GROUPS)}")
        first = AGE_GROUPS[age_group].start
    by_area = d.gaps[d.group_index[group]] @ d.area_matrix
    ages = range(first, d.max_age + 1)
    if fmt is ShowFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["age", *DATA_AREAS, "total"])
        for a in ages:
            writer.writerow([a, *(f"{v:.2f}" for v in by_area[a]), f"{by_area[a].sum():.2f}"])
        return
    _print_table(
        Table(
            f"{d.group(group).name_nb}: gap per person og år ({d.price_base_year}-kroner)",
            ["Alder", *(AREA_SHORT_NB[a] for a in DATA_AREAS), "Sum"],
            [[str(a), *(number(v) for v in by_area[a]), number(by_area[a].sum())] for a in ages],
            note="Gap = målgruppen minus befolkningen. Positivt: målgruppen koster mer eller "
            "betaler mindre skatt.",
        )
    )


def _print_result(r: Result) -> None:
    s = r.scenario
    group = r.data.group(s.target_group)
    kr = f"{s.start_year}-kroner"
    out.print(f"[bold]Utenfor-regnskapet[/] (modell {MODEL_VERSION})")
    out.print(
        f"{group.name_nb}, {' og '.join(s.age_groups)} år; suksessrate "
        f"{trim(s.success_rate_pct)} prosentpoeng ({percent(s.share_without_pct)} → "
        f"{percent(s.share_with_pct)}); {number(r.participants)} deltakere; "
        f"{r.years[0]}–{r.years[-1]}; {kr}, diskontert med "
        f"{percent(s.settings.discount_rate_pct)}.",
        markup=False,
    )
    per = r.net_gain_per_participant
    net = r.net_gain
    _print_table(
        Table(
            f"Nettogevinst fordelt på aktører ({kr}, {r.plan.horizon} år)",
            ["", "Samlet nettogevinst", "Nettogevinst pr. deltaker"],
            [["I alt", number(net["total"]), number(per["total"])]]
            + [[PAYER_NAMES_NB[p], number(net[p]), number(per[p])] for p in PAYERS],
        )
    )
    be = r.break_even
    if be is None:
        out.print(
            f"Break-even: tiltaket går ikke i balanse innen analyseperioden ({r.years[-1]}).\n"
        )
    else:
        out.print(f"Samlet break-even: {be['year']} ({be['years']} år etter oppstart)\n")
    by_area, per_area = r.by_area, r.by_area_per_participant
    _print_table(
        Table(
            f"Nettogevinst for ulike tjenesteområder ({kr})",
            ["", "Samlet nettogevinst", "Nettogevinst pr. deltaker"],
            [["I alt", number(net["total"]), number(per["total"])]]
            + [
                [AREA_NAMES_NB[a], number(by_area[a]["total"]), number(per_area[a]["total"])]
                for a in AREAS
            ],
        )
    )
    for w in r.warnings:
        out.print(f"[yellow]Merk:[/] {w['message']}")
    out.print(
        f"Datasett: {r.data.title} ({r.data.version}), {r.data.fingerprint[:19]}…", markup=False
    )


def _print_table(table: Table) -> None:
    rich = RichTable(title=table.title, title_justify="left", title_style="bold")
    for i, column in enumerate(table.columns):
        rich.add_column(column, justify="left" if i < table.align_left else "right")
    for row in table.rows:
        rich.add_row(*row)
    out.print(rich)
    if table.note:
        out.print(table.note, style="dim", markup=False)
    out.print()


def _run() -> int:
    """The command; a usage error (wrong option, missing argument) exits 2 with a Norwegian
    message, as Click would with an English one."""
    try:
        code = app(standalone_mode=False)
    except Exception as exc:
        what = kind(exc)
        if what is None:
            raise
        if what == "NoArgsIsHelpError":
            exc.show()  # the help
        elif what == "Abort":
            err.print("Avbrutt.")
            sys.exit(130)
        else:
            command = exc.ctx.command_path if getattr(exc, "ctx", None) else "utenfor"
            err.print(f"{norwegian(exc)}\nSe «{command} --help».", markup=False)
        sys.exit(2)
    return code if isinstance(code, int) else 0


def main() -> None:
    """Entry point: bad input exits 2 with a message; a bug exits 1 (traceback if UTENFOR_DEBUG)."""
    try:
        code = _run()
    except Refused as exc:
        err.print(str(exc), markup=False)
        sys.exit(2)
    except Exception as exc:  # a bug: say so plainly, keep the traceback for those who ask
        if os.environ.get("UTENFOR_DEBUG"):
            raise
        err.print(
            f"Intern feil ({type(exc).__name__}: {exc}). Kjør med UTENFOR_DEBUG=1 for detaljer "
            "og meld gjerne fra om feilen.",
            markup=False,
        )
        sys.exit(1)
    sys.exit(code)
