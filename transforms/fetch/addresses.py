"""Which URLs and which network addresses the fetcher may talk to.

Plain functions, no I/O except :func:`resolve` (DNS). The fetcher resolves a host once, checks
every address here and then connects to an address it checked, so a DNS answer that changes
between the check and the connection (DNS rebinding) cannot steer it elsewhere.

Three levels of permission (see :func:`blocked_reason`):

* by default only globally routable addresses are fetched;
* ``allow_private`` (``--allow-private-networks``) adds loopback, private, CGNAT, ULA and the
  other non-global ranges -- but not link-local (169.254/16, fe80::/10) nor the cloud
  metadata endpoints (:data:`METADATA_NETWORKS`), which hand out credentials to whoever asks;
* ``allowed_networks`` lists networks the operator opens one by one; link-local addresses may
  be opened this way, a metadata endpoint only by listing its own address (``169.254.0.0/16``
  or ``0.0.0.0/0`` does not open ``169.254.169.254``; ``169.254.169.254/32`` does).
"""
from __future__ import annotations

import dataclasses
import ipaddress
import socket
import urllib.parse
from typing import Callable, Iterable, Sequence

__all__ = [
    'Target', 'UrlError', 'BlockedAddress', 'parse_target', 'blocked_reason', 'check_addresses',
    'resolve', 'Resolver', 'host_key', 'same_origin', 'METADATA_NETWORKS',
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

_CGNAT = ipaddress.ip_network('100.64.0.0/10')
_NAT64 = ipaddress.ip_network('64:ff9b::/96')
_SIX_TO_FOUR = ipaddress.ip_network('2002::/16')
_DEFAULT_PORTS = {'http': 80, 'https': 443}

#: Cloud instance metadata and credential endpoints: refused even with ``allow_private`` unless
#: their own address is listed in ``allowed_networks``. AWS IMDS (also GCP, Azure, Oracle,
#: DigitalOcean, OpenStack), AWS ECS task credentials, AWS EKS pod identity, Alibaba Cloud,
#: Oracle Cloud (legacy), Azure WireServer, AWS IMDS over IPv6, EKS pod identity over IPv6,
#: GCP metadata over IPv6.
METADATA_NETWORKS = tuple(ipaddress.ip_network(n) for n in (
    '169.254.169.254/32', '169.254.170.2/32', '169.254.170.23/32', '100.100.100.200/32',
    '192.0.0.192/32', '168.63.129.16/32', 'fd00:ec2::254/128', 'fd00:ec2::23/128',
    'fd20:ce::254/128',
))


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


def _is_ipv6(host: str) -> bool:
    try:
        ipaddress.IPv6Address(host.split('%', 1)[0])
        return True
    except ValueError:
        return False


def _fits_dns(host: str) -> bool:
    return len(host) <= 253 and all(0 < len(label) <= 63 for label in host.split('.'))


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
        # urllib's own messages quote the port or the whole netloc, which may hold a password
        text = str(exc)
        why = ('the port is not a number from 0 to 65535' if 'Port' in text
               else 'unbalanced [ ] around the host' if 'IPv6' in text
               else 'the host has characters that change under NFKC normalisation'
               if 'NFKC' in text else 'cannot be split into its parts')
        raise UrlError(f'unparseable URL: {why}') from exc
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
    if '[' in parts.netloc.rpartition('@')[2] and not _is_ipv6(host):
        raise UrlError('only an IPv6 address may stand in [ ] as the host')
    if ':' not in host and not _fits_dns(host):
        raise UrlError('host name too long for DNS (labels of 1 to 63, at most 253 in all)')
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


def _listed(ip: IPAddress, nets: Sequence[ipaddress._BaseNetwork]) -> bool:
    return any(ip.version == net.version and ip in net for net in nets)


def _metadata_reason(ip: IPAddress, nets: Sequence[ipaddress._BaseNetwork]) -> str | None:
    """'cloud metadata' when ``ip`` is a metadata endpoint that no listed network names alone."""
    for meta in METADATA_NETWORKS:
        if ip.version == meta.version and ip in meta:
            if any(net.version == meta.version and net.subnet_of(meta) and ip in net
                   for net in nets):
                return None
            return 'cloud metadata'
    return None


def blocked_reason(ip: IPAddress | str,
                   allowed_networks: Iterable[ipaddress._BaseNetwork] = (), *,
                   allow_private: bool = False) -> str | None:
    """Why the fetcher must not connect to ``ip`` (a short name), or None when it may.

    Refused: loopback, private (RFC 1918, ULA), link-local, CGNAT (100.64/10), multicast,
    reserved, unspecified, and anything else that is not globally routable -- also when it
    hides inside an IPv4-mapped, NAT64 or 6to4 IPv6 address. ``allow_private`` lets all of
    those through except link-local. ``allowed_networks`` are exceptions the operator chose
    (for an intranet feed server). A cloud metadata endpoint (:data:`METADATA_NETWORKS`) is
    refused whatever else is allowed unless a listed network is that endpoint alone.
    """
    nets = list(allowed_networks)
    if isinstance(ip, str):
        try:
            ip = ipaddress.ip_address(ip.split('%', 1)[0])
        except ValueError:
            return 'not an IP address'
    inner = _embedded_ipv4(ip)
    reason = _metadata_reason(ip, nets)
    if reason is None and inner is not None and _metadata_reason(inner, nets):
        reason = f'cloud metadata (embedded in {ip})'
    if reason:
        return reason
    if _listed(ip, nets):
        return None
    if inner is not None:
        reason = blocked_reason(inner, nets, allow_private=allow_private)
        return f'{reason} (embedded in {ip})' if reason else None
    if ip.is_link_local:
        return 'link-local'
    if allow_private:
        return None
    checks = (
        ('unspecified', ip.is_unspecified), ('loopback', ip.is_loopback),
        ('multicast', ip.is_multicast),
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

    Raises :class:`BlockedAddress` when none is left. When a name resolves to a mix of allowed
    and refused addresses only the allowed ones are used.
    """
    if not addresses:
        raise BlockedAddress(f'{host} resolved to no address')
    nets = [ipaddress.ip_network(n, strict=False) for n in allowed_networks]
    allowed, refused = [], []
    for addr in addresses:
        reason = blocked_reason(addr, nets, allow_private=allow_private)
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
