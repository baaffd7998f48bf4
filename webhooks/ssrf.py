"""Where a webhook may connect: the guard against server-side request forgery.

Contract: ``resolve(url)`` resolves the URL's host now (at delivery time, so a DNS
change is seen) and returns a ``Target`` naming one checked IP address; the sender
connects to that address and no other, so the name cannot be re-resolved to
somewhere else between the check and the connection. ``check_address(ip)`` is the
rule: only globally routable addresses are allowed (no loopback, private, link-local,
carrier-grade NAT, multicast, reserved or cloud metadata addresses, including IPv4
written inside IPv6), unless ``WEBHOOKS_ALLOWED_NETWORKS`` names a network holding it.
A refusal raises ``Refused`` with a reason the delivery log shows.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

# Metadata services answer on link-local or unique-local addresses, which are refused
# anyway; named here so that the log says what was hit.
METADATA_ADDRESSES = {
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("169.254.170.2"),
    ipaddress.ip_address("fd00:ec2::254"),
}


class Refused(Exception):
    """The target may not be connected to; ``str()`` says why."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # as written in the URL: the Host header and the TLS server name
    port: int
    address: str  # the checked IP address to connect to
    request_path: str  # path and query


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [
        ipaddress.ip_network(value, strict=False)
        for value in getattr(settings, "WEBHOOKS_ALLOWED_NETWORKS", [])
    ]


def check_address(address: str, allowed=None) -> None:
    """Raise ``Refused`` unless readers' webhooks may connect to ``address``."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            ip = embedded
    allowed = allowed_networks() if allowed is None else allowed
    if any(ip in network for network in allowed if network.version == ip.version):
        return
    if ip in METADATA_ADDRESSES:
        raise Refused(f"{address} is a cloud metadata address")
    for test, what in (
        ("is_unspecified", "an unspecified"),
        ("is_loopback", "a loopback"),
        ("is_link_local", "a link-local"),
        ("is_private", "a private"),
        ("is_multicast", "a multicast"),
        ("is_reserved", "a reserved"),
    ):
        if getattr(ip, test):
            raise Refused(f"{address} is {what} address (not in WEBHOOKS_ALLOWED_NETWORKS)")
    if not ip.is_global:
        raise Refused(f"{address} is not a public address (not in WEBHOOKS_ALLOWED_NETWORKS)")


def parse(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"only http and https URLs are sent to, not {parts.scheme or url!r}")
    if not parts.hostname:
        raise Refused("the URL has no host")
    if parts.username or parts.password:
        raise Refused("credentials in the URL are not sent")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise Refused(f"bad port: {error}") from None
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, parts.hostname, port, path


def resolve(url: str) -> Target:
    """The URL's target with an address that passed ``check_address``."""
    scheme, host, port, path = parse(url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Refused(f"{host} does not resolve: {error}") from None
    allowed = allowed_networks()
    reasons = []
    for *_, sockaddr in infos:
        address = sockaddr[0]
        try:
            check_address(address, allowed)
        except Refused as refusal:
            reasons.append(str(refusal))
            continue
        return Target(scheme, host, port, address, path)
    raise Refused(f"{host}: {reasons[0]}" if reasons else f"{host} has no address")
