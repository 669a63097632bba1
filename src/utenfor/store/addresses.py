"""What the sign-in rate limit counts for a client's address (issue 30, item 3).

An IPv6 customer usually holds a whole /64 and can pick any of its 2^64 addresses, so a limit
per full address alone is none: a failure counts for the address and for its /64. An IPv4
address (also one written as IPv6, `::ffff:a.b.c.d`) counts as itself."""

from __future__ import annotations

import ipaddress


def address_keys(address: str) -> tuple[str, ...]:
    """The rate limit's keys for a client's address: the address, and for IPv6 its /64."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:  # "ukjent", a Unix socket's path: counted as given
        return (f"adresse:{address}"[:300],)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv4Address):
        return (f"adresse:{ip}",)
    network = ipaddress.IPv6Network((int(ip) >> 64 << 64, 64))
    return (f"adresse:{ip}", f"nett:{network}")
