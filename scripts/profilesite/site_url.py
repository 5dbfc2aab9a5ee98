"""Refuse to publish a site whose address is missing or local.

``SITE_URL`` becomes every page's canonical link, the sitemap, the feeds and Open Graph. Unset, the build
falls back to ``http://localhost:8000/`` (``make serve``'s address), which is right for a preview and wrong
for the published site. CI runs this before it builds the site it publishes::

    python -m profilesite.site_url "$SITE_URL"

exit status 0 when the address is a public ``https`` one, 1 with the reason on stderr otherwise. The module
uses the standard library only, so it runs before anything is installed (``PYTHONPATH=scripts``).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import sys
from urllib.parse import urlsplit

EXAMPLE = "https://example.org/profiles/"

# Names that never leave the machine or the local network: RFC 6761 (localhost), RFC 6762 (.local, mDNS),
# RFC 8375 (home.arpa), ICANN's private-use .internal, and the names distributions give the machine itself.
LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
LOCAL_SUFFIXES = (".localhost", ".local", ".localdomain", ".internal", ".home.arpa", ".lan")

# A host whose last label is a number is an IPv4 address to a browser (WHATWG URL standard), also written
# as ``127.1``, ``0x7f.0.0.1`` or ``2130706433``.
_NUMERIC_LABEL = re.compile(r"(?:0[xX][0-9a-fA-F]*|[0-9]+)")
# Whitespace, C0/C1 controls and DEL: never part of an address, and a sign of a pasted or garbled value.
_CONTROL_OR_SPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def _ip_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a browser would read ``host`` as, or None when it is a name."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _NUMERIC_LABEL.fullmatch(host.rsplit(".", 1)[-1]):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            raise ValueError(host) from None
    return None


def check_public_url(value: str | None) -> str | None:
    """Why ``value`` cannot be the address a site is published at, or None when it can.

    It must be set, use ``https``, carry no user name, password, query or fragment, and name a public host:
    not ``localhost``, a ``.local`` (or other private-use) name, a single-label name, nor a loopback,
    private, link-local, unspecified or otherwise non-global IP address.
    """
    if value is None or not value.strip():
        return f"SITE_URL is not set: set it to the https address the site is published at, e.g. {EXAMPLE}"
    shown = repr(value)
    if _CONTROL_OR_SPACE.search(value):
        return f"SITE_URL {shown} contains white space or a control character; write the bare address"
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in range
    except ValueError as error:
        return f"SITE_URL {shown} is not a valid URL ({error}); write e.g. {EXAMPLE}"
    if parts.scheme != "https":
        scheme = f"{parts.scheme}://" if parts.scheme else "no scheme"
        return f"SITE_URL {shown} uses {scheme}: the published site needs an https:// address, e.g. {EXAMPLE}"
    if not host:
        return f"SITE_URL {shown} has no host name; write e.g. {EXAMPLE}"
    if parts.username is not None or parts.password is not None:
        # the value itself is not shown: it would put the password in the log
        return "SITE_URL carries a user name or password; write the public address only"
    if parts.query or parts.fragment or value.rstrip().endswith(("?", "#")):
        return f"SITE_URL {shown} has a query or fragment; write the address of the site's root only"
    host = host.rstrip(".")
    try:
        address = _ip_address(host)
    except ValueError:
        return f"SITE_URL {shown}: {host!r} is not a valid IPv4 address"
    if address is not None:
        address = getattr(address, "ipv4_mapped", None) or address  # ::ffff:127.0.0.1 is 127.0.0.1
        if not address.is_global or address.is_multicast or address.is_reserved:
            return (
                f"SITE_URL {shown} is a local address ({address} is not a public IP address): "
                f"set it to the address the site is published at, e.g. {EXAMPLE}"
            )
        return None
    if host in LOCAL_NAMES or host.endswith(LOCAL_SUFFIXES):
        return (
            f"SITE_URL {shown} is a local address ({host} is reachable only from this machine or network): "
            f"set it to the address the site is published at, e.g. {EXAMPLE}"
        )
    if "." not in host:
        return (
            f"SITE_URL {shown}: {host!r} is a single-label host name, not a public one; write e.g. {EXAMPLE}"
        )
    return None


def main(argv: list[str] | None = None) -> int:
    """``python -m profilesite.site_url URL``: exit 1 with the reason on stderr when URL is not public."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1:
        print("usage: python -m profilesite.site_url URL", file=sys.stderr)
        return 2
    error = check_public_url(args[0] if args else None)
    if error is not None:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"SITE_URL {args[0]!r} is a public https address")
    return 0


if __name__ == "__main__":
    sys.exit(main())
