"""When a feed is next due, and what a fetch changes in its stored state. Plain functions.

A feed's state is one JSON record in namespace :data:`FEEDS_NAMESPACE`, keyed by the feed URL as
the user gave it with its credentials redacted (``feeds.feed_key``: the same string the feed's
records, dead letters and outcomes carry, so the driver can hold back the state of a feed by
the ``provenance.input`` of its items)::

    {"etag", "last_modified",          # validators of the last 200, sent back next time
     "next_due",                       # epoch seconds; not fetched before then
     "failures", "parked",             # consecutive failures; parked after too many
     "last_status", "last_http_status", "last_reason", "last_fetched", "final_url",
     "seen"}                           # hashed keys of entries already emitted, newest first

Everything about a feed lives in that one record so that writing the state of a batch of feeds
is a single transaction: a retried bundle either sees the old records or the new ones.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
from typing import Iterable, Mapping

from .settings import FetchSettings

__all__ = [
    'FEEDS_NAMESPACE', 'parse_http_date', 'parse_retry_after', 'cache_lifetime', 'backoff_delay',
    'due_status', 'conditional_headers', 'entry_key', 'split_new_entries', 'remember_keys',
    'after_success', 'after_not_modified', 'after_failure', 'is_retryable_status',
    'rfc3339',
]

FEEDS_NAMESPACE = 'fetch.feeds'

_MAX_AGE = re.compile(r'(?:^|[,\s])(s-maxage|max-age)\s*=\s*"?(\d{1,10})"?', re.IGNORECASE)
_NO_CACHE = re.compile(r'(?:^|[,\s])(no-store|no-cache)\b', re.IGNORECASE)


def rfc3339(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def parse_http_date(value: str | None) -> float | None:
    """An HTTP date (IMF-fixdate, RFC 850 or asctime) as epoch seconds, or None."""
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    try:
        return parsed.timestamp()
    except (OverflowError, OSError, ValueError):
        return None


def parse_retry_after(value: str | None, now: float) -> float | None:
    """``Retry-After`` as a delay in seconds from ``now`` (never negative), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value[:12]), 10 ** 9))
    when = parse_http_date(value)
    return None if when is None else max(0.0, when - now)


def cache_lifetime(headers: Mapping[str, str], now: float) -> float | None:
    """How long the server says the response stays fresh, in seconds, or None.

    ``Cache-Control: max-age`` wins over ``Expires`` (measured against the response's ``Date``
    when present, so a skewed server clock does not matter); ``no-store``/``no-cache`` say 0.
    """
    cc = headers.get('cache-control') or ''
    if _NO_CACHE.search(cc):
        return 0.0
    ages = {m.group(1).lower(): int(m.group(2)) for m in _MAX_AGE.finditer(cc)}
    if 'max-age' in ages:
        return float(ages['max-age'])
    expires = headers.get('expires')
    if expires is not None:
        when = parse_http_date(expires)
        if when is None:
            return 0.0  # an invalid Expires means "already expired"
        base = parse_http_date(headers.get('date')) or now
        return max(0.0, when - base)
    return None


def backoff_delay(failures: int, settings: FetchSettings) -> float:
    """Capped exponential backoff: ``backoff_base * 2 ** (failures - 1)``, at most ``backoff_max``."""
    if failures <= 0:
        return 0.0
    return min(settings.backoff_max, settings.backoff_base * 2.0 ** min(failures - 1, 60))


def is_retryable_status(status: int | None) -> bool:
    return status is not None and (status == 429 or 500 <= status <= 599)


def due_status(record: Mapping | None, now: float) -> str:
    """``'due'``, ``'not_due'`` or ``'parked'`` for a feed with stored ``record`` at ``now``."""
    if not record:
        return 'due'
    if now >= float(record.get('next_due') or 0.0):
        return 'due'
    return 'parked' if record.get('parked') else 'not_due'


def conditional_headers(record: Mapping | None) -> dict[str, str]:
    """``If-None-Match`` / ``If-Modified-Since`` from the validators of the last 200."""
    headers: dict[str, str] = {}
    if not record:
        return headers
    if record.get('etag'):
        headers['If-None-Match'] = record['etag']
    if record.get('last_modified'):
        headers['If-Modified-Since'] = record['last_modified']
    return headers


def entry_key(record: Mapping) -> str:
    """A short stable key for one feed entry: its guid, else its link, else its content."""
    basis = record.get('guid') or record.get('url')
    if not basis:
        basis = '\x1f'.join(str(record.get(k) or '') for k in ('title', 'published', 'summary',
                                                                 'body'))
    return hashlib.blake2b(str(basis).encode('utf-8', 'surrogatepass'),
                           digest_size=10).hexdigest()


def split_new_entries(records: Iterable[dict], seen: Iterable[str]) -> tuple[list[dict], list[str]]:
    """The records not emitted before (first of each key only), and every key of ``records``."""
    seen_set = set(seen)
    fresh, keys = [], []
    for rec in records:
        key = entry_key(rec)
        if key in seen_set:
            if key not in keys:
                keys.append(key)
            continue
        seen_set.add(key)
        keys.append(key)
        fresh.append(rec)
    return fresh, keys


def remember_keys(current: list[str], seen: Iterable[str], limit: int) -> list[str]:
    """Keys to remember: everything in the current document, then older ones, up to ``limit``.

    The current document's keys are always kept (even past ``limit``), else its older entries
    would be emitted again on the next fetch.
    """
    out = list(dict.fromkeys(current))
    have = set(out)
    for key in seen:
        if len(out) >= limit:
            break
        if key not in have:
            out.append(key)
            have.add(key)
    return out


def _freshness(headers: Mapping[str, str], ttl_minutes: int | None, now: float,
               settings: FetchSettings) -> float:
    lifetime = cache_lifetime(headers, now) or 0.0
    if ttl_minutes:
        lifetime = max(lifetime, ttl_minutes * 60.0)
    return max(settings.min_interval, min(lifetime, settings.max_cache_interval))


def _validator(value: str | None) -> str | None:
    """A validator worth sending back: one printable ASCII line of sane length, else None.

    A hostile or broken value would otherwise be refused by the HTTP library on every later
    request and keep the feed failing for ever.
    """
    if not value or len(value) > 1024 or not value.isascii() or not value.isprintable():
        return None
    return value


def _base(record: Mapping | None) -> dict:
    return dict(record or {})


def after_success(record: Mapping | None, *, now: float, headers: Mapping[str, str],
                  ttl_minutes: int | None, final_url: str, keys: list[str],
                  settings: FetchSettings) -> dict:
    """State after a 200 that parsed: new validators, due time, remembered entry keys."""
    new = _base(record)
    new.update(
        etag=_validator(headers.get('etag')),
        last_modified=_validator(headers.get('last-modified')),
        next_due=now + _freshness(headers, ttl_minutes, now, settings),
        failures=0, parked=False, last_status='ok', last_http_status=200, last_reason=None,
        last_fetched=now, final_url=final_url,
        seen=remember_keys(keys, new.get('seen') or [], settings.remember_entries),
    )
    return new


def after_not_modified(record: Mapping | None, *, now: float, headers: Mapping[str, str],
                       final_url: str, settings: FetchSettings) -> dict:
    """State after a 304: validators kept (or refreshed when the server sent new ones)."""
    new = _base(record)
    new.update(
        next_due=now + _freshness(headers, None, now, settings),
        failures=0, parked=False, last_status='not_modified', last_http_status=304,
        last_reason=None, last_fetched=now, final_url=final_url,
    )
    if _validator(headers.get('etag')):
        new['etag'] = headers['etag']
    if _validator(headers.get('last-modified')):
        new['last_modified'] = headers['last-modified']
    return new


def after_failure(record: Mapping | None, *, now: float, reason: str,
                  http_status: int | None, headers: Mapping[str, str], final_url: str | None,
                  settings: FetchSettings) -> dict:
    """State after a failed fetch: backoff (or ``Retry-After``, capped), parked when repeated.

    A parked feed is next probed after ``park_interval``; one success un-parks it.
    """
    new = _base(record)
    failures = int(new.get('failures') or 0) + 1
    delay = backoff_delay(failures, settings)
    retry_after = parse_retry_after(headers.get('retry-after'), now)
    if retry_after is not None and is_retryable_status(http_status):
        delay = max(delay, min(retry_after, settings.max_retry_after))
    parked = failures >= settings.park_after_failures
    if parked:
        delay = max(delay, settings.park_interval)
    new.update(
        next_due=now + delay, failures=failures, parked=parked,
        last_status='parked' if parked else 'error', last_http_status=http_status,
        last_reason=reason, last_fetched=now, final_url=final_url or new.get('final_url'),
    )
    if reason in ('not_a_feed', 'parse_error', 'empty', 'unsafe_xml', 'bad_encoding'):
        # Validators of a document we could not use must not turn the next fetch into a 304.
        new['etag'] = new['last_modified'] = None
    return new
