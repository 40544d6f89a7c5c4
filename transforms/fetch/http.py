"""newsbeam's own HTTP client for feeds: one GET, safely.

What goes in: a URL and optional validators. What comes out: a :class:`Response` (status,
headers, decompressed body, final URL) or a :class:`FetchError` with a stable ``reason``.

Guarantees:

* only http and https; at most ``max_redirects`` redirects, each hop parsed and re-checked;
* every hop's host is resolved once, its addresses checked (:mod:`.addresses`), and the
  connection is made to an address that passed the check (TLS still verifies the host name);
* ``Authorization`` (from user info in the feed URL) is only ever sent to the feed URL's own
  origin; no cookies are kept or sent; urllib3's DEBUG log line of each request has its
  request target redacted (:func:`transforms.redact.redact_url`), since a query may hold a token;
* ``connect_timeout`` bounds each connect; ``total_timeout`` bounds the whole fetch including
  redirects, slow headers and slow bodies (a watchdog shuts the socket down at the deadline);
* the body is decompressed (gzip, deflate, and brotli when a brotli module with an output limit
  is installed) in bounded steps and the fetch stops as soon as more than ``max_bytes``
  decompressed bytes have been produced.
"""
from __future__ import annotations

import base64
import contextlib
import dataclasses
import ipaddress
import logging
import socket
import threading
import time
import urllib.parse
import zlib
from typing import Callable, ContextManager, Iterable, Iterator

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3 import exceptions as u3exc

from transforms.model import Reason
from transforms.redact import redact_url

from .addresses import (BlockedAddress, Resolver, Target, UrlError, check_addresses,
                        parse_target, resolve)
from .settings import FetchSettings, load_ca_bundle

__all__ = ['FetchError', 'Response', 'HttpClient', 'decode_stream', 'accept_encoding',
           'REDIRECT_STATUSES']

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT = ('application/rss+xml, application/atom+xml, application/feed+json, '
          'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5')
_READ_CHUNK = 16 * 1024
_DECODE_STEP = 64 * 1024  # most bytes a decompressor may produce per call

try:  # brotli is optional; only used when it can bound its output per call
    import brotli as _brotli  # type: ignore
    # Brotli >= 1.2 can bound the output of one call; older ones could inflate a bomb at once
    _BROTLI_BOUNDED = hasattr(_brotli.Decompressor, 'can_accept_more_data')
except ImportError:  # pragma: no cover - depends on the environment
    _brotli = None
    _BROTLI_BOUNDED = False


class _RedactLoggedTargets(logging.Filter):
    """urllib3 logs every request's target at DEBUG; a query may carry a token."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact_url(a) if isinstance(a, str) else a for a in record.args)
        return True


_URLLIB3_LOG = logging.getLogger('urllib3.connectionpool')
if not any(isinstance(f, _RedactLoggedTargets) for f in _URLLIB3_LOG.filters):
    _URLLIB3_LOG.addFilter(_RedactLoggedTargets())


def accept_encoding() -> str:
    return 'gzip, deflate, br' if _BROTLI_BOUNDED else 'gzip, deflate'


class FetchError(Exception):
    """A fetch that produced no usable response; ``reason`` is a ``model.Reason`` string."""

    def __init__(self, reason: str, message: str, *, http_status: int | None = None,
                 final_url: str | None = None, headers: dict | None = None,
                 excerpt: bytes | None = None):
        super().__init__(f'{reason}: {message}')
        self.reason = reason
        self.message = message
        self.http_status = http_status
        self.final_url = final_url
        self.headers = headers or {}
        self.excerpt = excerpt


class _ConnectFailed(FetchError):
    """No connection could be made to one address; another address may still work."""


@dataclasses.dataclass
class Response:
    status: int
    headers: dict[str, str]      # lower-case names
    body: bytes
    final_url: str
    redirects: int = 0
    connected_to: str | None = None


# decompression ----------------------------------------------------------------------------------

def _zlib_stage(chunks: Iterable[bytes], wbits: int, name: str,
                multi_member: bool = False) -> Iterator[bytes]:
    d = zlib.decompressobj(wbits)
    for data in chunks:
        while data:
            if d.eof:
                # gzip allows members back to back; anything else after the end is ignored
                if not (multi_member and data[:2] == b'\x1f\x8b'):
                    return
                d = zlib.decompressobj(wbits)
            try:
                out = d.decompress(data, _DECODE_STEP)
            except zlib.error as exc:
                raise FetchError(Reason.BAD_ENCODING, f'corrupt {name} body: {exc}') from exc
            if out:
                yield out
            data = d.unused_data if d.eof else d.unconsumed_tail
    if not d.eof:
        try:
            out = d.flush()
        except zlib.error as exc:  # pragma: no cover - flush rarely raises
            raise FetchError(Reason.BAD_ENCODING, f'corrupt {name} body: {exc}') from exc
        if out:
            yield out


def _looks_like_zlib(head: bytes) -> bool:
    return len(head) >= 2 and (head[0] & 0x0F) == 8 and ((head[0] << 8) | head[1]) % 31 == 0


def _deflate_stage(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """'deflate' is zlib-wrapped by the RFC but often raw deflate in the wild: sniff it."""
    it = iter(chunks)
    for first in it:
        if not first:
            continue

        def rest(first=first):
            yield first
            yield from it
        wbits = 15 if _looks_like_zlib(first) else -15
        yield from _zlib_stage(rest(), wbits, 'deflate')
        return


def _brotli_stage(chunks: Iterable[bytes]) -> Iterator[bytes]:
    d = _brotli.Decompressor()
    try:
        for data in chunks:
            out = d.process(data, output_buffer_limit=_DECODE_STEP)
            # the decoder holds back output beyond the limit: drain it before more input
            while out or not d.can_accept_more_data():
                if out:
                    yield out
                if d.is_finished():
                    break
                out = d.process(b'', output_buffer_limit=_DECODE_STEP)
    except _brotli.error as exc:
        raise FetchError(Reason.BAD_ENCODING, f'corrupt brotli body: {exc}') from exc


def decode_stream(chunks: Iterable[bytes], content_encoding: str | None) -> Iterator[bytes]:
    """Decompress ``chunks`` by ``Content-Encoding`` in steps of at most 64 KiB each."""
    codings = [c.strip().lower() for c in (content_encoding or '').split(',') if c.strip()]
    stream: Iterable[bytes] = chunks
    for coding in reversed(codings):  # the last coding applied is undone first
        if coding in ('identity', ''):
            continue
        if coding in ('gzip', 'x-gzip'):
            stream = _zlib_stage(stream, 31, 'gzip', multi_member=True)
        elif coding == 'deflate':
            stream = _deflate_stage(stream)
        elif coding == 'br' and _BROTLI_BOUNDED:
            stream = _brotli_stage(stream)
        else:
            raise FetchError(Reason.BAD_ENCODING, f'unsupported Content-Encoding {coding!r}')
    return iter(stream)


# connections pinned to a checked address, under a watchdog --------------------------------------

class _Watchdog:
    """Shuts every socket it watches down when the fetch's deadline passes."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline: float | None = None
        self.fired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def arm(self) -> None:
        """Start the clock (once): at the first request, after any politeness wait."""
        if self._timer is None:
            self.deadline = time.monotonic() + self.seconds
            self._timer = threading.Timer(self.seconds, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def remaining(self) -> float:
        return self.seconds if self.deadline is None else self.deadline - time.monotonic()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.fired:
                sock.close()
                raise socket.timeout('fetch deadline passed')
            self._socks.append(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._socks:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()


class _Watched:
    """Mixin for urllib3 connections: every new socket is handed to the total-time watchdog."""

    def __init__(self, *args, watchdog: _Watchdog, **kwargs):
        super().__init__(*args, **kwargs)
        self._watchdog = watchdog

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        self._watchdog.watch(sock)
        return sock


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


def _lower_headers(headers) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in headers.items():
        key = name.lower()
        out[key] = f'{out[key]}, {value}' if key in out else value
    return out


@contextlib.contextmanager
def _no_limit(host: str):
    yield


class HttpClient:
    """GETs feed URLs under :class:`FetchSettings`. Holds no connections: one per request.

    ``resolver(host, port) -> [address, ...]`` defaults to the system resolver (tests give
    their own to map names to 127.0.0.1).
    """

    def __init__(self, settings: FetchSettings, *, resolver: Resolver = resolve):
        self.settings = settings
        self.resolver = resolver
        # the bundle's bytes, read here (in DoFn.setup() on a worker), not a driver's path
        self._ca_data = (load_ca_bundle(settings.ca_bundle) if settings.ca_bundle is not None
                         else None)

    def get(self, url: str, headers: dict[str, str] | None = None, *,
            limiter: Callable[[str], ContextManager] | None = None) -> Response:
        """GET ``url`` following redirects; raise :class:`FetchError` on any failure.

        ``headers`` (validators such as ``If-None-Match``) go to every hop. ``limiter(host)``
        returns a context manager held around every request to ``host`` (politeness); the total
        timeout starts once the first request may start. Any status other than a redirect is
        returned as a :class:`Response`; only 200 responses carry a body.
        """
        s = self.settings
        limiter = limiter or _no_limit
        watchdog = _Watchdog(s.total_timeout)
        try:
            target = self._parse(url, None)
            origin = target
            auth = None
            if target.username is not None:
                raw = f'{target.username}:{target.password or ""}'.encode('utf-8')
                auth = 'Basic ' + base64.b64encode(raw).decode('ascii')
            for hop in range(s.max_redirects + 1):
                hop_headers = dict(headers or {})
                if auth and target.origin == origin.origin:
                    hop_headers['Authorization'] = auth
                response = self._request(target, hop_headers, watchdog, hop, limiter)
                if response.status not in REDIRECT_STATUSES:
                    return response
                location = response.headers.get('location')
                if not location:
                    raise FetchError(Reason.HTTP_ERROR,
                                     f'HTTP {response.status} redirect without Location',
                                     http_status=response.status, final_url=target.url)
                target = self._parse(self._join(target.url, location.strip()), target.url)
            raise FetchError(Reason.TOO_MANY_REDIRECTS,
                             f'more than {s.max_redirects} redirects (last: {target.url})',
                             final_url=target.url)
        finally:
            watchdog.cancel()

    @staticmethod
    def _join(base: str, location: str) -> str:
        try:
            return urllib.parse.urljoin(base, location)
        except ValueError as exc:  # "http://[::1" and friends from a hostile server
            raise FetchError(Reason.BAD_URL, f'unparseable redirect Location (redirect from '
                             f'{base})', final_url=base) from exc

    @staticmethod
    def _parse(url: str, via: str | None) -> Target:
        try:
            return parse_target(url)
        except UrlError as exc:
            where = f' (redirect from {via})' if via else ''
            raise FetchError(Reason.BAD_URL, f'{exc}{where}', final_url=url) from exc

    def _resolve(self, target: Target, timeout: float) -> list[str]:
        """Resolve in a helper thread so a hanging resolver cannot outlast the timeouts."""
        outcome: list = []

        def work():
            try:
                outcome.append(list(self.resolver(target.host, target.port)))
            except (OSError, UnicodeError) as exc:
                outcome.append(exc)
        thread = threading.Thread(target=work, name='newsbeam-resolve', daemon=True)
        thread.start()
        thread.join(timeout)
        if not outcome:
            raise FetchError(Reason.TIMEOUT, f'resolving {target.host} took over {timeout:.1f}s',
                             final_url=target.url)
        if isinstance(outcome[0], Exception):
            raise FetchError(Reason.CONNECTION_ERROR,
                             f'cannot resolve {target.host}: {outcome[0]}',
                             final_url=target.url) from outcome[0]
        return outcome[0]

    def _addresses(self, target: Target, watchdog: _Watchdog) -> list[str]:
        s = self.settings
        try:
            ipaddress.ip_address(target.host)
            found = [target.host]
        except ValueError:
            found = self._resolve(target, max(0.01, min(s.connect_timeout, watchdog.remaining())))
        try:
            return check_addresses(target.host, found, allow_private=s.allow_private_networks,
                                   allowed_networks=s.allowed_networks)
        except BlockedAddress as exc:
            raise FetchError(Reason.BLOCKED_ADDRESS, str(exc), final_url=target.url) from exc

    def _request(self, target: Target, headers: dict[str, str], watchdog: _Watchdog,
                 hop: int, limiter: Callable[[str], ContextManager]) -> Response:
        s = self.settings
        addresses = self._addresses(target, watchdog)
        req_headers = {
            'Host': target.host_header, 'User-Agent': s.user_agent, 'Accept': ACCEPT,
            'Accept-Encoding': accept_encoding(), 'Connection': 'close', **headers,
        }
        with limiter(target.host):
            watchdog.arm()
            # A refused or timed-out connect moves on to the next checked address (nothing was
            # sent yet); every other failure ends the fetch.
            candidates = addresses[:3]
            for address in candidates[:-1]:
                try:
                    return self._request_to(address, target, req_headers, watchdog, hop)
                except _ConnectFailed:
                    continue
            return self._request_to(candidates[-1], target, req_headers, watchdog, hop)

    def _request_to(self, address: str, target: Target, headers: dict[str, str],
                    watchdog: _Watchdog, hop: int) -> Response:
        s = self.settings
        remaining = watchdog.remaining()
        if remaining <= 0:
            raise FetchError(Reason.TIMEOUT, f'total timeout {s.total_timeout}s passed',
                             final_url=target.url)
        timeout = urllib3.Timeout(connect=min(s.connect_timeout, remaining), read=remaining)
        common = dict(port=target.port, timeout=timeout, maxsize=1, retries=False,
                      watchdog=watchdog)
        if target.scheme == 'https':
            pool = _HTTPSPool(address, server_hostname=target.host, assert_hostname=target.host,
                              cert_reqs='CERT_REQUIRED', ca_cert_data=self._ca_data, **common)
        else:
            pool = _HTTPPool(address, **common)
        response = None
        sent = False
        try:
            response = pool.urlopen('GET', target.request_target, headers=headers,
                                    redirect=False, retries=False, preload_content=False,
                                    decode_content=False, assert_same_host=False)
            sent = True
            status = response.status
            resp_headers = _lower_headers(response.headers)
            body = b''
            if status == 200:
                body = self._read_body(response, resp_headers, target)
            return Response(status, resp_headers, body, target.url, hop, address)
        except FetchError:
            raise
        except Exception as exc:  # every transport failure becomes a stable reason
            err = self._transport_error(exc, watchdog, target)
            if not sent and not watchdog.fired and isinstance(
                    exc, (u3exc.NewConnectionError, u3exc.ConnectTimeoutError)):
                raise _ConnectFailed(err.reason, err.message, final_url=target.url) from exc
            raise err from exc
        finally:
            if response is not None:
                response.release_conn()
                response.close()
            pool.close()

    def _read_body(self, response, headers: dict[str, str], target: Target) -> bytes:
        cap = self.settings.max_bytes
        length = headers.get('content-length', '').strip()
        if length.isdigit() and 'content-encoding' not in headers and int(length) > cap:
            raise FetchError(Reason.TOO_LARGE,
                             f'Content-Length {length} is over the {cap}-byte limit',
                             http_status=200, final_url=target.url)

        def raw() -> Iterator[bytes]:
            while True:
                chunk = response.read(_READ_CHUNK, decode_content=False)
                if not chunk:
                    return
                yield chunk

        body = bytearray()
        for piece in decode_stream(raw(), headers.get('content-encoding')):
            if len(body) + len(piece) > cap:
                raise FetchError(Reason.TOO_LARGE,
                                 f'body is over the {cap}-byte limit after decompression',
                                 http_status=200, final_url=target.url,
                                 excerpt=bytes(body[:1200]))
            body += piece
        return bytes(body)

    def _transport_error(self, exc: Exception, watchdog: _Watchdog, target: Target) -> FetchError:
        s = self.settings
        if isinstance(exc, u3exc.NewConnectionError) and not watchdog.fired:
            # urllib3 derives this from ConnectTimeoutError, but it means refused/unreachable
            return FetchError(Reason.CONNECTION_ERROR, f'cannot connect: {exc}',
                              final_url=target.url)
        if watchdog.fired or isinstance(exc, (u3exc.TimeoutError, socket.timeout, TimeoutError)):
            limit = (f'total timeout {s.total_timeout}s' if watchdog.fired
                     else f'timeout (connect {s.connect_timeout}s, total {s.total_timeout}s)')
            return FetchError(Reason.TIMEOUT, f'{limit} passed fetching {target.url}',
                              final_url=target.url)
        if isinstance(exc, u3exc.SSLError):
            return FetchError(Reason.CONNECTION_ERROR, f'TLS error: {exc}', final_url=target.url)
        return FetchError(Reason.CONNECTION_ERROR, f'{type(exc).__name__}: {exc}',
                          final_url=target.url)
