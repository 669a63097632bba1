"""`utenfor accounts`: the operator's commands for a server with `serve --accounts` (issue 14):
make a workspace, invite someone to it with a role (the one-time link is printed, for the
operator to send), and a password-reset link. Straight on the database."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from utenfor.cli.backup_commands import DatabaseOpt, engine_of
from utenfor.cli.common import Refused, app, out
from utenfor.store.choices import ROLES, WORKSPACE_KINDS

if TYPE_CHECKING:  # the database layer loads when a command runs (issue 32)
    from collections.abc import Iterator

    from utenfor.store.accounts import Accounts

accounts_app = typer.Typer(help="Kontoer og arbeidsområder (for serve --accounts).",
                           no_args_is_help=True)  # fmt: skip
app.add_typer(accounts_app, name="accounts")
UrlOpt = Annotated[str, typer.Option("--url", help="Tjenerens adresse i lenken.")]


def _accounts(database: str | None) -> Accounts:
    from utenfor.store.accounts import Accounts

    return Accounts(engine_of(database))


@contextmanager
def _refusing() -> Iterator[None]:
    """An `AccountError` inside is a Norwegian message (exit 2): `felt: melding`."""
    from utenfor.store.accounts import AccountError

    try:
        yield
    except AccountError as exc:
        raise Refused(f"{exc.field}: {exc.message}") from None


@accounts_app.command("workspace")
def workspace_command(
    name: Annotated[str, typer.Argument(help="Navnet, for eksempel «Bodø kommune».")],
    kind: Annotated[str, typer.Option("--kind", help=" | ".join(WORKSPACE_KINDS))] = "kommune",
    database: DatabaseOpt = None,
) -> None:
    """Lag et arbeidsområde; skriver id-en."""
    with _refusing():
        out.print(_accounts(database).add_workspace(name, kind), markup=False)


@accounts_app.command("invite")
def invite_command(
    email: Annotated[str, typer.Argument(help="E-postadressen til den som inviteres.")],
    workspace: Annotated[str, typer.Option("--workspace", help="Arbeidsområdets id.")],
    role: Annotated[str, typer.Option("--role", help=" | ".join(ROLES))] = "redaktør",
    url: UrlOpt = "http://127.0.0.1:8000",
    database: DatabaseOpt = None,
) -> None:
    """Inviter noen til et arbeidsområde; skriver engangslenken (gyldig i 7 dager)."""
    with _refusing():
        token = _accounts(database).link("invitation", email, workspace, role)
    out.print(f"{url.rstrip('/')}/invitasjon/{token}", markup=False, soft_wrap=True)


@accounts_app.command("reset")
def reset_command(
    email: Annotated[str, typer.Argument(help="E-postadressen til kontoen.")],
    url: UrlOpt = "http://127.0.0.1:8000",
    database: DatabaseOpt = None,
) -> None:
    """Lag en engangslenke for å sette nytt passord (gyldig i 1 dag)."""
    with _refusing():
        token = _accounts(database).link("reset", email, days=1)
    out.print(f"{url.rstrip('/')}/nytt-passord/{token}", markup=False, soft_wrap=True)


@accounts_app.command("network")
def network_command(
    network: Annotated[
        str, typer.Argument(help="Nettverkets id (et arbeidsområde av typen nettverk).")
    ],
    workspace: Annotated[str, typer.Argument(help="Id-en til arbeidsområdet som blir med.")],
    leave: Annotated[
        bool, typer.Option("--leave", help="Ta arbeidsområdet ut av nettverket.")
    ] = False,
    database: DatabaseOpt = None,
) -> None:
    """Ta et arbeidsområde med i et nettverk: da kan det dele scenarier med nettverket."""
    from utenfor.store.shares import join_network

    with _refusing():
        join_network(engine_of(database), network, workspace, member=not leave)
    out.print("Ute av nettverket." if leave else "Med i nettverket.", markup=False)


@accounts_app.command("oidc-rule")
def oidc_rule_command(
    value: Annotated[
        str, typer.Argument(help="En verdi i kravet (claim), for eksempel en gruppe-id.")
    ],
    workspace: Annotated[str, typer.Option("--workspace", help="Arbeidsområdets id.")],
    role: Annotated[str, typer.Option("--role", help=" | ".join(ROLES))] = "redaktør",
    database: DatabaseOpt = None,
) -> None:
    """Ekstern innlogging (OpenID Connect): den som har verdien, blir medlem med rollen."""
    from utenfor.store.sign_in_rules import add_rule

    with _refusing():
        add_rule(engine_of(database), value, workspace, role)
    out.print(f"{value} → {workspace} ({role})", markup=False)
