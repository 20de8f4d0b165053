"""Which addresses phones can reach this computer on, for announcing and for the ``Host`` check.

Listening on ``0.0.0.0`` (or ``::``) means "every interface", which no phone can type:
the server then announces this computer's real addresses on the local network instead.
"""

from __future__ import annotations

import ipaddress
import socket

WILDCARDS = ("0.0.0.0", "::", "")


def _route_address(family: int, probe: str) -> str | None:
    """The source address the system would use towards ``probe``; nothing is sent (UDP connect)."""
    sock = socket.socket(family, socket.SOCK_DGRAM)
    try:
        sock.connect((probe, 1))
        address = sock.getsockname()[0]
    except OSError:
        return None
    finally:
        sock.close()
    ip = ipaddress.ip_address(address)
    return None if ip.is_loopback or ip.is_unspecified else address


def lan_addresses(family: int = socket.AF_INET) -> list[str]:
    """This computer's addresses on the local network (the routed one first); may be empty."""
    found: list[str] = []
    probe = "10.254.254.254" if family == socket.AF_INET else "fd00::1"
    routed = _route_address(family, probe)
    if routed:
        found.append(routed)
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, family, socket.SOCK_STREAM)
    except OSError:
        infos = []
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]
        ip = ipaddress.ip_address(address)
        if not (ip.is_loopback or ip.is_unspecified or ip.is_link_local) and address not in found:
            found.append(address)
    return found


def guess_lan_address() -> str:
    """This computer's address on the local network; 127.0.0.1 if there is none."""
    found = lan_addresses()
    return found[0] if found else "127.0.0.1"


def announced(host: str) -> list[str]:
    """The addresses to show for a listening address: itself, or for a wildcard the real ones."""
    if host not in WILDCARDS:
        return [host]
    found = lan_addresses(socket.AF_INET)
    if host == "::":
        found += lan_addresses(socket.AF_INET6)
    return found or (["::1"] if host == "::" else ["127.0.0.1"])


def host_port(address: str, port: int) -> str:
    """``address:port`` as it appears in a URL and a ``Host`` header (IPv6 in brackets)."""
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
