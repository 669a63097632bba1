"""Where `utenfor serve` may listen (issue 14, item 1). On loopback it is one person's tool
with no sign-in. Any other address lets everyone who reaches it read, change and delete every
saved scenario, initiative and plan, so the server refuses it unless the operator says
`--open` (until accounts exist, that is the only way to serve a network)."""

from __future__ import annotations

import ipaddress

OPEN_HELP = (
    "Lytt på en adresse andre kan nå, uten innlogging: alle som når adressen, kan lese, endre "
    "og slette alt som er lagret."
)
NOT_LOOPBACK = (
    "utenfor serve lytter bare på denne maskinen (127.0.0.1, ::1 eller localhost) uten "
    "innlogging. På {host} kan alle som når adressen, lese, endre og slette alt som er lagret. "
    "Vil du det (for eksempel bak en omvendt proxy med egen innlogging, eller i en container "
    "bak en proxy), legg til --open."
)


def loopback(host: str) -> bool:
    """True for an address only this machine can reach."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[] ")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything
