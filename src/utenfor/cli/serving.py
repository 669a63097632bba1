"""Where `utenfor serve` may listen (issue 14, item 1). On loopback it is one person's tool
with no sign-in. With `--accounts` everyone signs in and works in their own workspace, on any
address. Any other address without accounts lets everyone who reaches it read, change and
delete every saved scenario, initiative and plan, so the server refuses it unless the operator
says `--open`."""

from __future__ import annotations

import ipaddress

OPEN_HELP = (
    "Lytt på en adresse andre kan nå, uten innlogging: alle som når adressen, kan lese, endre "
    "og slette alt som er lagret."
)
ACCOUNTS_HELP = "Innlogging, arbeidsområder og roller (se utenfor accounts --help)."
OPEN_CALCULATION_HELP = (
    "Med --accounts: /api/v1/calculate og /api/v1/analyse uten innlogging (de lagrer ingenting)."
)
NOT_LOOPBACK = (
    "utenfor serve lytter bare på denne maskinen (127.0.0.1, ::1 eller localhost) uten "
    "innlogging. På {host} kan alle som når adressen, lese, endre og slette alt som er lagret. "
    "Bruk --accounts for innlogging og arbeidsområder, eller, vil du det (for eksempel bak en "
    "omvendt proxy med egen innlogging), legg til --open."
)


def loopback(host: str) -> bool:
    """True for an address only this machine can reach."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[] ")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything
