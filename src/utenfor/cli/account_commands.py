"""`utenfor accounts`: the operator's commands for a server with `serve --accounts` (issue 14):
make a workspace, invite someone to it with a role (the one-time link is printed, for the
operator to send), and a password-reset link. Straight on the database."""

from __future__ import annotations

from typing import Annotated

import typer

from utenfor.cli.backup_commands import DatabaseOpt, engine_of
from utenfor.cli.common import Refused, app, out
from utenfor.store.accounts import ROLES, AccountError, Accounts
from utenfor.store.models import WORKSPACE_KINDS

accounts_app = typer.Typer(help="Kontoer og arbeidsområder (for serve --accounts).",
                           no_args_is_help=True)  # fmt: skip
app.add_typer(accounts_app, name="accounts")
UrlOpt = Annotated[str, typer.Option("--url", help="Tjenerens adresse i lenken.")]


def _accounts(database: str | None) -> Accounts:
    return Accounts(engine_of(database))


def _refused(exc: AccountError) -> Refused:
    return Refused(f"{exc.field}: {exc.message}")


@accounts_app.command("workspace")
def workspace_command(
    name: Annotated[str, typer.Argument(help="Navnet, for eksempel «Bodø kommune».")],
    kind: Annotated[str, typer.Option("--kind", help=" | ".join(WORKSPACE_KINDS))] = "kommune",
    database: DatabaseOpt = None,
) -> None:
    """Lag et arbeidsområde; skriver id-en."""
    try:
        out.print(_accounts(database).add_workspace(name, kind), markup=False)
    except AccountError as exc:
        raise _refused(exc) from None


@accounts_app.command("invite")
def invite_command(
    email: Annotated[str, typer.Argument(help="E-postadressen til den som inviteres.")],
    workspace: Annotated[str, typer.Option("--workspace", help="Arbeidsområdets id.")],
    role: Annotated[str, typer.Option("--role", help=" | ".join(ROLES))] = "redaktør",
    url: UrlOpt = "http://127.0.0.1:8000",
    database: DatabaseOpt = None,
) -> None:
    """Inviter noen til et arbeidsområde; skriver engangslenken (gyldig i 7 dager)."""
    try:
        token = _accounts(database).link("invitation", email, workspace, role)
    except AccountError as exc:
        raise _refused(exc) from None
    out.print(f"{url.rstrip('/')}/invitasjon/{token}", markup=False, soft_wrap=True)


@accounts_app.command("reset")
def reset_command(
    email: Annotated[str, typer.Argument(help="E-postadressen til kontoen.")],
    url: UrlOpt = "http://127.0.0.1:8000",
    database: DatabaseOpt = None,
) -> None:
    """Lag en engangslenke for å sette nytt passord (gyldig i 1 dag)."""
    try:
        token = _accounts(database).link("reset", email, days=1)
    except AccountError as exc:
        raise _refused(exc) from None
    out.print(f"{url.rstrip('/')}/nytt-passord/{token}", markup=False, soft_wrap=True)
