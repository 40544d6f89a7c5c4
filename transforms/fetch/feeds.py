"""One feed, one fetch: what comes out of it (records, a dead letter, an outcome, new state).

:func:`fetch_feed` is the whole per-feed logic -- due check, conditional GET, status handling,
parsing, skipping entries emitted before, next due time -- as a plain function of an
:class:`~.http.HttpClient`, the feed's stored state record and the time. The DoFn only reads and
writes state around it and turns its result into Beam outputs.

The URL as given (with its credentials) is used for the request only. Everything recorded --
records' ``source.location`` / ``provenance.input`` / ``hints.base_url``, the dead letter, the
outcome, the state record and its key -- names the feed by :func:`feed_key` (credentials
redacted, :mod:`transforms.redact`), and messages and excerpts have the URL's credentials
blanked out.
"""
from __future__ import annotations

import dataclasses
from typing import Callable, ContextManager, Mapping, Sequence

from transforms.formats.errors import InputError
from transforms.formats.feed import feed_ttl_minutes, parse_feed
from transforms.model import EXCERPT_CHARS, Reason, dead_letter, safe_text
from transforms.redact import redact_text, redact_url, url_secrets

from .http import FetchError, HttpClient
from .schedule import (after_failure, after_not_modified, after_success, conditional_headers,
                       due_status, rfc3339, split_new_entries)
from .settings import FetchSettings

__all__ = ['FeedResult', 'fetch_feed', 'outcome', 'feed_key']

STAGE = 'fetch'
#: refusals decided before or between requests by our own rules, not by the server
_POLICY_REASONS = (Reason.BLOCKED_ADDRESS, Reason.BAD_URL)


def feed_key(url: object) -> str:
    """The name of a feed in everything recorded about it (and its state key): the URL with
    credentials redacted and undecodable characters escaped. Never raises."""
    return safe_text(redact_url(url))


@dataclasses.dataclass
class FeedResult:
    url: str                    # feed_key() of the URL fetched: never holds credentials
    records: list[dict]
    dead_letter: dict | None
    outcome: dict
    state: dict | None          # the feed's new state record; None when nothing changed
    #: one dead letter per entry of a readable feed that did not become a record
    entry_dead_letters: list = dataclasses.field(default_factory=list)


def outcome(url: str, status: str, *, http_status: int | None = None, items: int = 0,
            reason: str | None = None, final_url: str | None = None,
            next_due: float | None = None) -> dict:
    """The per-feed record for ``run.json``."""
    return {'url': url, 'status': status, 'http_status': http_status, 'items': items,
            'reason': reason, 'final_url': final_url, 'next_due': rfc3339(next_due)}


def _shown(url: str | None) -> str | None:
    return None if url is None else feed_key(url)


def _dead(reason: str, message: str, key: str, excerpt: bytes | str | None,
          secrets: Sequence[str]) -> dict:
    if isinstance(excerpt, bytes):
        # scrubbed before dead_letter() cuts it, so that no secret is cut in half and kept
        excerpt = excerpt[:EXCERPT_CHARS * 4 + 4096].decode('utf-8', errors='replace')
    if excerpt is not None:
        excerpt = redact_text(excerpt, secrets)
    return dead_letter(STAGE, reason, redact_text(message, secrets), key, excerpt)


def _failed(key: str, secrets: Sequence[str], record: Mapping | None, *, now: float,
            reason: str, message: str, http_status: int | None, headers: Mapping[str, str],
            final_url: str | None, excerpt: bytes | None,
            settings: FetchSettings) -> FeedResult:
    final_url = _shown(final_url)
    state = after_failure(record, now=now, reason=reason, http_status=http_status,
                          headers=headers, final_url=final_url, settings=settings)
    if final_url and final_url != key:
        message = f'{message} (final URL {final_url})'
    if state['parked']:
        message = (f'{message}; parked after {state["failures"]} failures in a row, next probe '
                   f'{rfc3339(state["next_due"])}')
    return FeedResult(
        key, [], _dead(reason, message, key, excerpt, secrets),
        outcome(key, state['last_status'], http_status=http_status, reason=reason,
                final_url=final_url, next_due=state['next_due']),
        state)


def fetch_feed(client: HttpClient, url: str, record: Mapping | None, *, now: float,
               settings: FetchSettings,
               limiter: Callable[[str], ContextManager] | None = None) -> FeedResult:
    """Fetch ``url`` if it is due, given its stored ``record`` (or None for a new feed).

    ``record`` is the state stored under :func:`feed_key` of ``url``; the result's ``url`` is
    that key. A URL that cannot be fetched at all (not http(s), no host, unparseable) gives a
    ``bad_url`` dead letter: nothing about the input makes this function raise.
    """
    key = feed_key(url)
    secrets = url_secrets(url)
    stored = record or {}
    due = due_status(record, now)
    if due != 'due':
        return FeedResult(key, [], None, outcome(
            key, due, reason=stored.get('last_reason') if due == 'parked' else None,
            final_url=_shown(stored.get('final_url')), next_due=stored.get('next_due')),
            None)
    try:
        response = client.get(url, conditional_headers(record), limiter=limiter)
    except FetchError as exc:
        if exc.reason in _POLICY_REASONS:
            # Our own refusal, not the server's failure: no backoff, so a run with the
            # permission (--allow-private-networks) or a fixed URL fetches it at once.
            return FeedResult(key, [], _dead(exc.reason, exc.message, key, exc.excerpt, secrets),
                              outcome(key, 'error', http_status=exc.http_status,
                                      reason=exc.reason, final_url=_shown(exc.final_url),
                                      next_due=stored.get('next_due')), None)
        return _failed(key, secrets, record, now=now, reason=exc.reason, message=exc.message,
                       http_status=exc.http_status, headers=exc.headers,
                       final_url=exc.final_url, excerpt=exc.excerpt, settings=settings)
    status, headers = response.status, response.headers
    final_url = _shown(response.final_url)

    if status == 304:
        state = after_not_modified(record, now=now, headers=headers, final_url=final_url,
                                   settings=settings)
        return FeedResult(key, [], None, outcome(key, 'not_modified', http_status=304,
                                                 final_url=final_url,
                                                 next_due=state['next_due']), state)
    if status != 200:
        kind = 'server error' if status >= 500 else 'rate limited' if status == 429 else 'status'
        return _failed(key, secrets, record, now=now, reason=Reason.HTTP_ERROR,
                       message=f'HTTP {status} ({kind})', http_status=status, headers=headers,
                       final_url=final_url, excerpt=None, settings=settings)

    body = response.body
    if not body.strip():
        return _failed(key, secrets, record, now=now, reason=Reason.EMPTY,
                       message='empty response body', http_status=status, headers=headers,
                       final_url=final_url, excerpt=None, settings=settings)
    try:
        parsed = parse_feed(body, key, kind='feed', content_type=headers.get('content-type'),
                            base_url=final_url)
    except InputError as exc:
        return _failed(key, secrets, record, now=now, reason=exc.reason, message=exc.message,
                       http_status=status, headers=headers, final_url=final_url, excerpt=body,
                       settings=settings)
    except Exception as exc:  # third-party parsing of hostile bytes: one feed, one dead letter
        return _failed(key, secrets, record, now=now, reason=Reason.PARSE_ERROR,
                       message=f'parser raised {type(exc).__name__}: {exc}', http_status=status,
                       headers=headers, final_url=final_url, excerpt=body, settings=settings)
    fresh, keys = split_new_entries(parsed.records, stored.get('seen') or [])
    state = after_success(record, now=now, headers=headers, ttl_minutes=feed_ttl_minutes(body),
                          final_url=final_url, keys=keys, settings=settings)
    # a bad entry is that entry's dead letter; the feed's other entries go on
    bad = [_dead(f.reason, f.message, f'{key}#entry-{f.entry}', f.excerpt, secrets)
           for f in parsed.failures]
    return FeedResult(key, fresh, None, outcome(key, 'ok', http_status=200, items=len(fresh),
                                                final_url=final_url,
                                                next_due=state['next_due']), state, bad)
