"""Which URLs and which network addresses the fetcher may talk to.

Plain functions, no I/O except :func:`resolve` (DNS). The fetcher resolves a host once, checks
every address here and then connects to an address it checked, so a DNS answer that changes
between the check and the connection (DNS rebinding) cannot steer it elsewhere.
"""
from __future__ import annotations

import dataclasses
import ipaddress
import socket
import urllib.parse
from typing import Callable, Iterable, Sequence

__all__ = [
    'Target', 'UrlError', 'BlockedAddress', 'parse_target', 'blocked_reason', 'check_addresses',
    'resolve', 'Resolver', 'host_key', 'same_origin',
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

_CGNAT = ipaddress.ip_network('100.64.0.0/10')
_NAT64 = ipaddress.ip_network('64:ff9b::/96')
_SIX_TO_FOUR = ipaddress.ip_network('2002::/16')
_DEFAULT_PORTS = {'http': 80, 'https': 443}


class UrlError(ValueError):
    """A URL the fetcher will not request (scheme, host, port); reason ``bad_url``."""


class BlockedAddress(ValueError):
    """A host that resolves only to refused addresses; reason ``blocked_address``."""


@dataclasses.dataclass(frozen=True)
class Target:
    """One URL split into what a request needs."""
    url: str            # the URL without user info or fragment
    scheme: str         # 'http' or 'https'
    host: str           # lower-case host name or IP literal, without brackets
    port: int
    request_target: str  # path + query, at least '/'
    username: str | None = None
    password: str | None = None

    @property
    def host_header(self) -> str:
        host = f'[{self.host}]' if ':' in self.host else self.host
        return host if self.port == _DEFAULT_PORTS[self.scheme] else f'{host}:{self.port}'

    @property
    def origin(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)


def parse_target(url: str) -> Target:
    """Split ``url`` for a request, refusing anything but absolute http(s) URLs with a host."""
    if not isinstance(url, str) or not url.strip():
        raise UrlError('empty URL')
    url = url.strip()
    if any(ch in url for ch in '\r\n\t\x00 ') or not url.isprintable():
        raise UrlError('URL contains whitespace or control characters')
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UrlError(f'unparseable URL: {exc}') from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise UrlError(f'scheme {scheme or "(none)"!r} is not allowed; allowed: http, https')
    host = (parts.hostname or '').rstrip('.')
    if not host:
        raise UrlError('URL has no host')
    try:
        # IDNA-encode so that the Host header and DNS see the same ASCII name.
        host = host.encode('idna').decode('ascii') if not host.isascii() else host
    except UnicodeError as exc:
        raise UrlError(f'host {host!r} is not a valid domain name') from exc
    if port is None:
        port = _DEFAULT_PORTS[scheme]
    if not 0 < port < 65536:
        raise UrlError(f'port {port} out of range')
    path = parts.path or '/'
    request_target = path + (f'?{parts.query}' if parts.query else '')
    netloc_host = f'[{host}]' if ':' in host else host
    netloc = netloc_host if parts.port is None else f'{netloc_host}:{port}'
    clean = urllib.parse.urlunsplit((scheme, netloc, path, parts.query, ''))
    username = urllib.parse.unquote(parts.username) if parts.username else None
    password = urllib.parse.unquote(parts.password) if parts.password else None
    return Target(clean, scheme, host, port, request_target, username, password)


def host_key(url: str) -> str:
    """The politeness key of a URL: its lower-case host, or '' when the URL is unusable."""
    try:
        return parse_target(url).host
    except UrlError:
        return ''


def same_origin(a: Target, b: Target) -> bool:
    return a.origin == b.origin


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, NAT64, 6to4), if any."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in _SIX_TO_FOUR:
        return ip.sixtofour
    return None


def blocked_reason(ip: IPAddress | str,
                   allowed_networks: Iterable[ipaddress._BaseNetwork] = ()) -> str | None:
    """Why the fetcher must not connect to ``ip`` (a short name), or None when it may.

    Refused: loopback, private (RFC 1918, ULA), link-local, CGNAT (100.64/10), multicast,
    reserved, unspecified, and anything else that is not globally routable -- also when it
    hides inside an IPv4-mapped, NAT64 or 6to4 IPv6 address. ``allowed_networks`` are
    exceptions the operator chose (for an intranet feed server).
    """
    if isinstance(ip, str):
        ip = ipaddress.ip_address(ip.split('%', 1)[0])
    for net in allowed_networks:
        if ip.version == net.version and ip in net:
            return None
    inner = _embedded_ipv4(ip)
    if inner is not None:
        reason = blocked_reason(inner, allowed_networks)
        return f'{reason} (embedded in {ip})' if reason else None
    checks = (
        ('unspecified', ip.is_unspecified), ('loopback', ip.is_loopback),
        ('link-local', ip.is_link_local), ('multicast', ip.is_multicast),
        ('CGNAT', ip.version == 4 and ip in _CGNAT), ('reserved', ip.is_reserved),
        ('private', ip.is_private),
    )
    for name, hit in checks:
        if hit:
            return name
    if not ip.is_global:
        return 'not globally routable'
    return None


def check_addresses(host: str, addresses: Sequence[str], *, allow_private: bool,
                    allowed_networks: Sequence[str] = ()) -> list[str]:
    """The addresses of ``host`` the fetcher may connect to, in resolver order.

    Raises :class:`BlockedAddress` when none is left. When a name resolves to a mix of public
    and refused addresses only the public ones are used.
    """
    if not addresses:
        raise BlockedAddress(f'{host} resolved to no address')
    if allow_private:
        return list(addresses)
    nets = [ipaddress.ip_network(n, strict=False) for n in allowed_networks]
    allowed, refused = [], []
    for addr in addresses:
        reason = blocked_reason(addr, nets)
        (refused.append(f'{addr} ({reason})') if reason else allowed.append(addr))
    if not allowed:
        raise BlockedAddress(f'{host} resolves only to refused addresses: {", ".join(refused)}')
    return allowed


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IP literals resolve to themselves), deduplicated."""
    try:
        ipaddress.ip_address(host)
        return [host]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(info[4][0] for info in infos))
