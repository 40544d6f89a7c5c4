"""``FetchSettings``: every knob of the feed fetching stage, each with a safe default."""
from __future__ import annotations

import dataclasses
import ipaddress
import ssl

from transforms.context import PIPELINE_VERSION
from transforms.datafiles import DataFileError, read_bytes

__all__ = ['FetchSettings', 'DEFAULT_USER_AGENT', 'load_ca_bundle']

DEFAULT_USER_AGENT = (
    f'newsbeam/{PIPELINE_VERSION} (feed fetcher; +https://github.com/newsbeam/newsbeam)')


@dataclasses.dataclass(frozen=True)
class FetchSettings:
    """How feeds are fetched. Times are seconds, sizes bytes.

    Politeness: ``per_host_concurrency`` requests at most run at once against one host and two
    request starts to one host are at least ``min_host_delay`` apart. ``max_parallel_hosts``
    hosts are fetched at once inside one worker call; hosts are spread over ``shards`` keys so
    that a runner can put shards on different workers.

    Scheduling: after a success a feed is next due after the longest of ``min_interval``, the
    server's ``Cache-Control: max-age``/``Expires`` and the RSS ``<ttl>``, capped at
    ``max_cache_interval``. After a failure it is next due after a capped exponential backoff
    (``backoff_base`` doubling up to ``backoff_max``) or the server's ``Retry-After`` (capped at
    ``max_retry_after``), whichever is later. ``park_after_failures`` failures in a row park a
    feed: it is reported, and probed again only every ``park_interval``.

    Addresses (:mod:`.addresses`): by default only globally routable addresses are fetched.
    ``allow_private_networks`` (``--allow-private-networks``) adds loopback, private and the
    other local ranges, but never link-local (169.254/16, fe80::/10) nor a cloud metadata
    endpoint (169.254.169.254, 169.254.170.2, 100.100.100.200, fd00:ec2::254, ...).
    ``allowed_networks`` (CIDR strings) opens networks one by one, without opening the rest;
    a metadata endpoint opens only when its own address is listed (``169.254.169.254/32``).
    """

    PATH_FIELDS = ('ca_bundle',)

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    total_timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    per_host_concurrency: int = 1
    min_host_delay: float = 1.0
    max_parallel_hosts: int = 8
    shards: int = 16
    allow_private_networks: bool = False
    allowed_networks: tuple[str, ...] = ()
    min_interval: float = 0.0
    max_cache_interval: float = 6 * 3600.0
    max_retry_after: float = 6 * 3600.0
    backoff_base: float = 60.0
    backoff_max: float = 6 * 3600.0
    park_after_failures: int = 8
    park_interval: float = 7 * 86400.0
    remember_entries: int = 2000
    # the only trust for https feeds when set (PEM or DER file; a local path, pkg:// or any
    # scheme Beam's FileSystems reads): for feeds behind a private CA. Read by each worker
    ca_bundle: str | None = None

    def __post_init__(self) -> None:
        # Lists from callers become tuples so the dataclass stays hashable and picklable.
        object.__setattr__(self, 'allowed_networks', tuple(self.allowed_networks))
        self.validate()

    def validate(self) -> None:
        ua = self.user_agent
        if not ua or not ua.isascii() or not ua.isprintable():
            raise ValueError('user_agent must be non-empty printable ASCII on one line')
        if 'http://' not in ua and 'https://' not in ua and '@' not in ua:
            raise ValueError('user_agent must name a contact (a URL or an e-mail address) so '
                             'publishers can reach the operator')
        for name in ('connect_timeout', 'total_timeout'):
            if not getattr(self, name) > 0:
                raise ValueError(f'{name} must be greater than 0')
        if self.connect_timeout > self.total_timeout:
            raise ValueError('connect_timeout must not exceed total_timeout')
        for name in ('max_bytes', 'per_host_concurrency', 'max_parallel_hosts', 'shards',
                     'park_after_failures', 'remember_entries'):
            if getattr(self, name) < 1:
                raise ValueError(f'{name} must be at least 1')
        if not 0 <= self.max_redirects <= 20:
            raise ValueError('max_redirects must be between 0 and 20')
        for name in ('min_host_delay', 'min_interval', 'max_cache_interval', 'max_retry_after',
                     'backoff_base', 'backoff_max', 'park_interval'):
            if getattr(self, name) < 0:
                raise ValueError(f'{name} must not be negative')
        if self.backoff_base > self.backoff_max:
            raise ValueError('backoff_base must not exceed backoff_max')
        if self.ca_bundle is not None:
            load_ca_bundle(self.ca_bundle)
        for net in self.allowed_networks:
            try:
                ipaddress.ip_network(net, strict=False)
            except ValueError as exc:
                raise ValueError(f'allowed_networks: {net!r} is not an IP network '
                                 f'(e.g. "10.1.2.0/24")') from exc


_MAX_CA_BUNDLE_BYTES = 16 * 1024 * 1024


def load_ca_bundle(ref: str) -> str | bytes:
    """The certificates of the bundle ``ref`` as ``ssl``'s ``cadata`` takes them: PEM text, or
    DER bytes. Read as bytes (through :mod:`transforms.datafiles`), so the bundle need not be a
    local file on the worker. Raises ``ValueError`` naming ``ca_bundle`` and the file when it
    cannot be read or holds no certificate."""
    try:
        data = read_bytes(ref, _MAX_CA_BUNDLE_BYTES)
    except DataFileError as exc:
        raise ValueError(f'ca_bundle: {exc}') from None
    cadata: str | bytes = data
    if b'-----BEGIN' in data:
        try:
            cadata = data.decode('ascii')
        except UnicodeDecodeError:
            raise ValueError(f'ca_bundle: {ref}: a PEM bundle must be ASCII text') from None
    try:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.load_verify_locations(cadata=cadata)
    except (ssl.SSLError, ValueError) as exc:
        raise ValueError(f'ca_bundle: {ref}: no usable certificate '
                         f'(expected PEM or DER): {exc}') from None
    return cadata
