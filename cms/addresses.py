"""Whether a host name is a local address, for the settings and the PDF's link check.

Contract: ``is_local_host(host)`` is true for ``localhost`` and its subdomains, for
loopback, unspecified and link-local IP addresses and for names without a dot that
are not IP addresses (``http://cms/``, a container name): addresses a reader's
computer cannot open. Anything else, including private-network IPs (an intranet
deployment may be one), is not local.
"""

import ipaddress


def is_local_host(host: str | None) -> bool:
    host = (host or "").strip("[]").rstrip(".").lower()
    if not host:
        return True
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host
    return address.is_loopback or address.is_unspecified or address.is_link_local
