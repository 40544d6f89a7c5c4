"""One feed, one fetch: what comes out of it (records, a dead letter, an outcome, new state).

:func:`fetch_feed` is the whole per-feed logic -- due check, conditional GET, status handling,
parsing, skipping entries emitted before, next due time -- as a plain function of an
:class:`~.http.HttpClient`, the feed's stored state record and the time. The DoFn only reads and
writes state around it and turns its result into Beam outputs.
"""
from __future__ import annotations

import dataclasses
from typing import Callable, ContextManager, Mapping

from transforms.formats.errors import InputError
from transforms.formats.feed import feed_ttl_minutes, parse_feed_bytes
from transforms.model import Reason, dead_letter

from .http import FetchError, HttpClient
from .schedule import (after_failure, after_not_modified, after_success, conditional_headers,
                       due_status, rfc3339, split_new_entries)
from .settings import FetchSettings

__all__ = ['FeedResult', 'fetch_feed', 'outcome']

STAGE = 'fetch'
#: refusals decided before or between requests by our own rules, not by the server
_POLICY_REASONS = (Reason.BLOCKED_ADDRESS, Reason.BAD_URL)


@dataclasses.dataclass
class FeedResult:
    url: str
    records: list[dict]
    dead_letter: dict | None
    outcome: dict
    state: dict | None          # the feed's new state record; None when nothing changed


def outcome(url: str, status: str, *, http_status: int | None = None, items: int = 0,
            reason: str | None = None, final_url: str | None = None,
            next_due: float | None = None) -> dict:
    """The per-feed record for ``run.json``."""
    return {'url': url, 'status': status, 'http_status': http_status, 'items': items,
            'reason': reason, 'final_url': final_url, 'next_due': rfc3339(next_due)}


def _failed(url: str, record: Mapping | None, *, now: float, reason: str, message: str,
            http_status: int | None, headers: Mapping[str, str], final_url: str | None,
            excerpt: bytes | None, settings: FetchSettings) -> FeedResult:
    state = after_failure(record, now=now, reason=reason, http_status=http_status,
                          headers=headers, final_url=final_url, settings=settings)
    if final_url and final_url != url:
        message = f'{message} (final URL {final_url})'
    if state['parked']:
        message = (f'{message}; parked after {state["failures"]} failures in a row, next probe '
                   f'{rfc3339(state["next_due"])}')
    return FeedResult(
        url, [], dead_letter(STAGE, reason, message, url, excerpt),
        outcome(url, state['last_status'], http_status=http_status, reason=reason,
                final_url=final_url, next_due=state['next_due']),
        state)


def fetch_feed(client: HttpClient, url: str, record: Mapping | None, *, now: float,
               settings: FetchSettings,
               limiter: Callable[[str], ContextManager] | None = None) -> FeedResult:
    """Fetch ``url`` if it is due, given its stored ``record`` (or None for a new feed)."""
    due = due_status(record, now)
    if due != 'due':
        return FeedResult(url, [], None, outcome(
            url, due, reason=(record or {}).get('last_reason') if due == 'parked' else None,
            final_url=(record or {}).get('final_url'), next_due=(record or {}).get('next_due')),
            None)
    try:
        response = client.get(url, conditional_headers(record), limiter=limiter)
    except FetchError as exc:
        if exc.reason in _POLICY_REASONS:
            # Our own refusal, not the server's failure: no backoff, so a run with the
            # permission (--allow-private-networks) or a fixed URL fetches it at once.
            return FeedResult(url, [], dead_letter(STAGE, exc.reason, exc.message, url,
                                                   exc.excerpt),
                              outcome(url, 'error', http_status=exc.http_status,
                                      reason=exc.reason, final_url=exc.final_url,
                                      next_due=(record or {}).get('next_due')), None)
        return _failed(url, record, now=now, reason=exc.reason, message=exc.message,
                       http_status=exc.http_status, headers=exc.headers,
                       final_url=exc.final_url, excerpt=exc.excerpt, settings=settings)
    status, headers, final_url = response.status, response.headers, response.final_url

    if status == 304:
        state = after_not_modified(record, now=now, headers=headers, final_url=final_url,
                                   settings=settings)
        return FeedResult(url, [], None, outcome(url, 'not_modified', http_status=304,
                                                 final_url=final_url,
                                                 next_due=state['next_due']), state)
    if status != 200:
        kind = 'server error' if status >= 500 else 'rate limited' if status == 429 else 'status'
        return _failed(url, record, now=now, reason=Reason.HTTP_ERROR,
                       message=f'HTTP {status} ({kind})', http_status=status, headers=headers,
                       final_url=final_url, excerpt=None, settings=settings)

    body = response.body
    if not body.strip():
        return _failed(url, record, now=now, reason=Reason.EMPTY, message='empty response body',
                       http_status=status, headers=headers, final_url=final_url, excerpt=None,
                       settings=settings)
    try:
        entries = parse_feed_bytes(body, url, kind='feed',
                                   content_type=headers.get('content-type'), base_url=final_url)
    except InputError as exc:
        return _failed(url, record, now=now, reason=exc.reason, message=exc.message,
                       http_status=status, headers=headers, final_url=final_url, excerpt=body,
                       settings=settings)
    except Exception as exc:  # third-party parsing of hostile bytes: one feed, one dead letter
        return _failed(url, record, now=now, reason=Reason.PARSE_ERROR,
                       message=f'parser raised {type(exc).__name__}: {exc}', http_status=status,
                       headers=headers, final_url=final_url, excerpt=body, settings=settings)
    fresh, keys = split_new_entries(entries, (record or {}).get('seen') or [])
    state = after_success(record, now=now, headers=headers, ttl_minutes=feed_ttl_minutes(body),
                          final_url=final_url, keys=keys, settings=settings)
    return FeedResult(url, fresh, None, outcome(url, 'ok', http_status=200, items=len(fresh),
                                                final_url=final_url,
                                                next_due=state['next_due']), state)
