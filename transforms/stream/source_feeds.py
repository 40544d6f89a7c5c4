"""``PollFeeds``: feed URLs polled for ever (or until a stop time); new entries out as they appear.

The unbounded counterpart of ``transforms.fetch.FetchFeeds``, for the ``beam`` streaming engine.
A ``PeriodicImpulse`` fires every ``streaming.poll_interval`` seconds; each tick becomes one
``(feed key, tick)`` element per feed, and a keyed stateful DoFn holds each feed's schedule
record in Beam state (``ReadModifyWriteStateSpec``) -- the record of
:mod:`transforms.fetch.schedule`: validators, next due time, backoff, keys of entries emitted.

Goes in: a pipeline (``PBegin``). Comes out ``{'records', 'dead_letter', 'outcomes'}``:

* ``records``: raw entry records exactly as the batch fetch makes them (the same
  :func:`~transforms.fetch.feeds.fetch_feed` makes them), each entry once: an entry whose key is
  in the feed's remembered ``seen`` keys is not emitted again;
* ``dead_letter``: the batch fetch's dead letters (same shape, same reasons), one per failed
  fetch and one per bad entry of a readable feed;
* ``outcomes``: one per fetch made (``ok``, ``not_modified``, ``error``, ``parked``): a tick on
  which a feed is not due, or its fetch is still running, gives none.

Every output is stamped with the time its fetch finished (ingestion time; never earlier than the
tick that carries it out, see :func:`.source_common.output_timestamp`).

Guarantees:

* the same HTTP client and safety as batch (address checks, ``allow_private_networks``, size
  caps, timeouts, redirects); requests to one host keep ``per_host_concurrency`` and
  ``min_host_delay`` within a DoFn instance (feeds of one host on different workers are not
  coordinated: key the feeds of one host together, or give them one worker, for strict limits);
* never stalls: fetches run in a thread pool owned by the DoFn instance (created in ``setup``,
  shut down in ``teardown``). A tick waits for its fetches at most a quarter of the poll
  interval (at most 2 s, :class:`.source_common.TickBudget`), and only for fetches started on
  that tick; a fetch still running then is collected on a later tick (its outputs stamped no
  earlier than that tick), and its feed is not fetched again meanwhile;
* never fails the pipeline: whatever a fetch raises becomes a dead letter and an outcome, with
  backoff. Refusals by our own policy (``bad_url``, ``blocked_address``) back off in Beam state
  only, never in the state store, so a run with the permission fetches at once;
* restarts stay conditional: a feed's Beam state starts from its record in the state store
  (``state``, namespace ``fetch.feeds``, keyed by :func:`~transforms.fetch.feeds.feed_key`),
  and every fetch's new record is written back there at the end of its bundle (one
  ``put_many`` per bundle) with the run id. With ``state=None`` nothing outlives the pipeline.

A fetch still running when the stop time comes is abandoned: its feed's state is not changed,
so the next run fetches it again (conditionally) and emits what it would have.

Credentials in a feed URL are used for its requests only: elements, keys, state and outputs
carry :func:`~transforms.fetch.feeds.feed_key` (redacted). Two URLs with one key (they differ
only in credentials) are one feed: the first is polled.
"""
from __future__ import annotations

import concurrent.futures
import dataclasses
import logging
import threading
import time
from typing import Iterator, Mapping, Sequence

import apache_beam as beam
from apache_beam.coders import PickleCoder
from apache_beam.metrics import Metrics
from apache_beam.transforms.userstate import ReadModifyWriteStateSpec

from transforms.context import RunContext
from transforms.fetch.feeds import STAGE, FeedResult, feed_key, fetch_feed, outcome
from transforms.fetch.http import HttpClient
from transforms.fetch.polite import HostLimiter
from transforms.fetch.schedule import FEEDS_NAMESPACE, after_failure, due_status, rfc3339
from transforms.fetch.settings import FetchSettings
from transforms.fetch.transform import OUTCOMES_TAG
from transforms.model import DEAD_LETTER_TAG, Reason, dead_letter
from transforms.redact import redact_text, url_secrets
from transforms.state import StateConfig, StateStore, open_state

from .source_common import (TickBudget, check_times, output_timestamp, stream_interval, ticks)

__all__ = ['PollFeeds', 'FeedPoller', 'PolledFetch', 'FetchesInFlight', 'feed_table',
           'poll_once', 'settle', 'should_fetch', 'SCHEDULE_STATE']

LOG = logging.getLogger(__name__)

def feed_table(feeds: Sequence[str]) -> dict[str, str]:
    """Feed key -> the URL to fetch, in the given order; the first URL of a key wins.

    Raises ``ValueError`` for an empty list or an entry that is not a string (a string that is
    not a fetchable URL is polled and gives ``bad_url`` dead letters, as in batch)."""
    if isinstance(feeds, (str, bytes)) or not isinstance(feeds, Sequence) or not feeds:
        raise ValueError(f'feeds must be a non-empty list of feed URLs, got {feeds!r}')
    table: dict[str, str] = {}
    for url in feeds:
        if not isinstance(url, str) or not url:
            raise ValueError(f'feeds: every entry must be a non-empty string, got {url!r}')
        table.setdefault(feed_key(url), url)
    return table


def should_fetch(record: Mapping | None, *, in_flight: bool, now: float) -> bool:
    """A feed is fetched on a tick when no fetch of it is running and it is due."""
    return not in_flight and due_status(record, now) == 'due'


@dataclasses.dataclass
class PolledFetch:
    """One fetch made by a pool thread: what :func:`fetch_feed` returned, and when."""
    result: FeedResult
    started_at: float
    finished_at: float


def _unexpected(url: str, record: Mapping | None, exc: BaseException, now: float,
                settings: FetchSettings) -> FeedResult:
    """A fetch that raised (a bug, or a library surprise): one dead letter, backoff."""
    key = feed_key(url)
    reason = Reason.PARSE_ERROR
    # the exception's text may quote the URL as given, credentials and all
    message = redact_text(f'fetching raised {type(exc).__name__}: {exc}', url_secrets(url))
    state = after_failure(record, now=now, reason=reason, http_status=None, headers={},
                          final_url=None, settings=settings)
    return FeedResult(key, [], dead_letter(STAGE, reason, message, key),
                      outcome(key, state['last_status'], reason=reason,
                              next_due=state['next_due']), state)


def poll_once(client: HttpClient, url: str, record: Mapping | None, *,
              settings: FetchSettings, limiter=None, clock=time.time) -> PolledFetch:
    """Fetch ``url`` once (``fetch_feed``); never raises: an exception becomes the result."""
    started = clock()
    try:
        result = fetch_feed(client, url, record, now=started, settings=settings,
                            limiter=limiter)
    except Exception as exc:  # noqa: BLE001 -- one feed's surprise must not end the pipeline
        LOG.warning('fetching %s raised %s', feed_key(url), type(exc).__name__)
        result = _unexpected(url, record, exc, started, settings)
    return PolledFetch(result, started, clock())


def settle(polled: PolledFetch, record: Mapping | None, *, run_id: str,
           settings: FetchSettings) -> tuple[dict, bool]:
    """The feed's next schedule record after ``polled``, and whether to write it to the store.

    A fetch's own new state (with the run id) is stored. A refusal by our own policy has no
    state in batch (the next run retries at once); polling every tick would repeat its dead
    letter every tick, so it backs off here in Beam state only.
    """
    result = polled.result
    if result.state is not None:
        return dict(result.state, run_id=run_id), True
    if result.dead_letter is not None:
        error = result.dead_letter['error']
        state = after_failure(record, now=polled.started_at, reason=error['reason'],
                              http_status=result.outcome.get('http_status'), headers={},
                              final_url=None, settings=settings)
        result.outcome['next_due'] = rfc3339(state['next_due'])
        return state, False
    return dict(record or {}), False


class FetchesInFlight:
    """Fetches running in a thread pool, at most one per feed key, collected by key.

    The pool belongs to one DoFn instance (made in ``setup``, closed in ``teardown``). Results
    nobody collected within ``forget_after`` seconds of finishing (the key moved to another
    worker) are dropped by :meth:`forget_stale`.
    """

    def __init__(self, workers: int, *, clock=time.monotonic):
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=max(1, workers), thread_name_prefix='newsbeam-poll')
        self._running: dict[str, tuple[concurrent.futures.Future, float]] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def busy(self, key: str) -> bool:
        with self._lock:
            return key in self._running

    def start(self, key: str, fn, *args, **kwargs) -> None:
        with self._lock:
            if key in self._running:
                raise RuntimeError(f'a fetch of {key} is already running')
            self._running[key] = (self._pool.submit(fn, *args, **kwargs), self._clock())

    def take(self, key: str, wait: float = 0.0):
        """The result of ``key``'s fetch if it finishes within ``wait`` seconds (then it is no
        longer in flight), else None (it stays in flight)."""
        with self._lock:
            entry = self._running.get(key)
        if entry is None:
            return None
        future = entry[0]
        try:
            result = future.result(timeout=max(0.0, wait))
        except concurrent.futures.TimeoutError:
            return None
        with self._lock:
            self._running.pop(key, None)
        return result

    def forget_stale(self, forget_after: float) -> list[str]:
        """Drop finished, uncollected results older than ``forget_after`` s; their keys."""
        now = self._clock()
        with self._lock:
            stale = [k for k, (f, started) in self._running.items()
                     if f.done() and now - started > forget_after]
            for key in stale:
                del self._running[key]
        return stale

    def __len__(self) -> int:
        with self._lock:
            return len(self._running)

    def close(self) -> None:
        # running fetches end by their own deadline (fetch.total_timeout); nobody waits
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            self._running.clear()


def _key_ticks(tick, keys: Sequence[str]) -> Iterator[tuple[str, float]]:
    for key in keys:
        yield key, float(tick)


#: a feed's schedule record (:mod:`transforms.fetch.schedule`) in Beam keyed state
SCHEDULE_STATE = ReadModifyWriteStateSpec('schedule', PickleCoder())


class FeedPoller:
    """What a DoFn instance needs to poll feeds: client, politeness, pool, tick budget, and
    the store writes of the current bundle. Built with the DoFn (picklable); call ``setup``,
    ``start_bundle``, ``poll`` per element, ``finish_bundle`` and ``teardown`` from the DoFn's
    methods of the same names. Shared by :class:`PollFeeds` and ``StreamInputs``."""

    def __init__(self, table: dict[str, str], settings: FetchSettings,
                 state: StateConfig | None, run: RunContext, interval: float,
                 tick_interval: float | None = None):
        self._table = table
        self._settings = settings
        self._state_config = state
        self._run = run
        self._interval = interval
        # the wait budget is a share of the time between ticks, which may be shorter than the
        # poll interval when another source shares the ticks
        self._tick_interval = tick_interval or interval
        self._polls = Metrics.counter(STAGE, 'polls')
        self._not_due = Metrics.counter(STAGE, 'feeds_not_due')
        self._waiting = Metrics.counter(STAGE, 'feeds_in_flight')
        self._by_status = {s: Metrics.counter(STAGE, f'feeds_{s}')
                           for s in ('ok', 'not_modified', 'error', 'parked')}
        self._records_out = Metrics.counter(STAGE, 'records_out')
        self._dead_lettered = Metrics.counter(STAGE, 'dead_lettered')
        self._fetch_millis = Metrics.distribution(STAGE, 'fetch_millis')

    def setup(self) -> None:
        s = self._settings
        self._store: StateStore | None = (
            open_state(self._state_config) if self._state_config else None)
        self._client = HttpClient(s)
        self._limiter = HostLimiter(s.per_host_concurrency, s.min_host_delay)
        self._in_flight = FetchesInFlight(s.max_parallel_hosts * s.per_host_concurrency)
        self._budget = TickBudget(self._tick_interval)
        self._pending: dict[str, dict] = {}

    def start_bundle(self) -> None:
        self._pending = {}

    def _initial(self, key: str) -> dict:
        if self._store is None:
            return {}
        return self._store.get(FEEDS_NAMESPACE, key) or {}

    def poll(self, key: str, tick: float, timestamp, schedule, *,
             may_start: bool = True) -> Iterator:
        """One tick of feed ``key``: collect its running fetch, or start one when it is due
        (and ``may_start``); yields its outputs when a fetch finished."""
        url = self._table.get(key)
        busy = self._in_flight.busy(key)
        if url is None or not (may_start or busy):
            return
        record = schedule.read()
        if record is None:
            # first tick of this key here: start from the store, so a restart stays conditional
            record = self._initial(key)
            schedule.write(record)
        self._polls.inc()
        wait = 0.0
        if may_start and should_fetch(record, in_flight=busy, now=time.time()):
            self._in_flight.start(key, poll_once, self._client, url, record,
                                  settings=self._settings, limiter=self._limiter)
            # only a fetch started now is waited for: one that outlived a tick already is
            # slow, and waiting for it would hold up the feeds after it in this tick
            wait = self._budget.remaining(tick)
        elif not busy:
            self._not_due.inc()
            return
        polled = self._in_flight.take(key, wait)
        if polled is None:
            self._waiting.inc()
            return
        new, store_it = settle(polled, record, run_id=self._run.run_id,
                               settings=self._settings)
        schedule.write(new)
        if store_it:
            self._pending[key] = new
        yield from self._emit(polled, output_timestamp(polled.finished_at, timestamp))

    def _emit(self, polled: PolledFetch, stamp: float) -> Iterator:
        result = polled.result
        self._fetch_millis.update(int((polled.finished_at - polled.started_at) * 1000))
        status = result.outcome['status']
        if status in self._by_status:
            self._by_status[status].inc()
        for record in result.records:
            yield beam.window.TimestampedValue(record, stamp)
        self._records_out.inc(len(result.records))
        dead = ([result.dead_letter] if result.dead_letter is not None else []) + list(
            result.entry_dead_letters)
        for letter in dead:
            yield beam.pvalue.TaggedOutput(DEAD_LETTER_TAG,
                                           beam.window.TimestampedValue(letter, stamp))
        self._dead_lettered.inc(len(dead))
        yield beam.pvalue.TaggedOutput(OUTCOMES_TAG,
                                       beam.window.TimestampedValue(result.outcome, stamp))

    def finish_bundle(self) -> None:
        if self._store is not None and self._pending:
            self._store.put_many(FEEDS_NAMESPACE, self._pending)
        self._pending = {}
        # a result of a key that went to another worker is never collected here
        self._in_flight.forget_stale(self._settings.total_timeout + 10 * self._interval)

    def teardown(self) -> None:
        in_flight = getattr(self, '_in_flight', None)
        if in_flight is not None:
            in_flight.close()
            self._in_flight = None
        store = getattr(self, '_store', None)
        if store is not None:
            store.close()
            self._store = None


class _PollFeedFn(beam.DoFn):
    """(feed key, tick) -> the feed's fetch results when it is due; schedule in Beam state."""

    def __init__(self, poller: FeedPoller):
        self._poller = poller

    def setup(self) -> None:
        self._poller.setup()

    def start_bundle(self) -> None:
        self._poller.start_bundle()

    def process(self, element: tuple[str, float],
                schedule=beam.DoFn.StateParam(SCHEDULE_STATE),
                timestamp=beam.DoFn.TimestampParam):
        key, tick = element
        yield from self._poller.poll(key, tick, timestamp, schedule)

    def finish_bundle(self) -> None:
        self._poller.finish_bundle()

    def teardown(self) -> None:
        self._poller.teardown()


class PollFeeds(beam.PTransform):
    """Poll ``feeds`` every ``streaming.poll_interval`` seconds from ``start`` (default: when
    the pipeline starts) to ``stop`` (default: never); see the module docstring.

    Apply to a pipeline. Returns ``{'records', 'dead_letter', 'outcomes'}``, each element
    stamped with the time its fetch finished. ``state=None`` keeps nothing between runs.
    """

    def __init__(self, feeds: list[str], fetch: FetchSettings, streaming,
                 state: StateConfig | None, run: RunContext, start: float | None = None,
                 stop: float | None = None, label: str | None = None):
        super().__init__(label)
        self._table = feed_table(feeds)
        if not isinstance(fetch, FetchSettings):
            raise ValueError(f'fetch must be a FetchSettings, not {type(fetch).__name__}')
        self._interval = stream_interval(streaming, 'poll_interval')
        if state is not None and not isinstance(state, StateConfig):
            raise ValueError(f'state must be a StateConfig or None, not {type(state).__name__}')
        if not isinstance(run, RunContext):
            raise ValueError(f'run must be a RunContext, not {type(run).__name__}')
        check_times(start, stop)
        self._fetch = fetch
        self._state = state
        self._run = run
        self._start = start
        self._stop = stop

    def expand(self, pbegin):
        keys = list(self._table)
        results = (
            pbegin
            | 'TickEveryPollInterval' >> ticks(self._start, self._stop, self._interval)
            | 'KeyTicksByFeed' >> beam.FlatMap(_key_ticks, keys).with_output_types(
                beam.typehints.KV[str, float])
            | 'PollDueFeeds' >> beam.ParDo(_PollFeedFn(FeedPoller(
                self._table, self._fetch, self._state, self._run, self._interval))
            ).with_outputs(DEAD_LETTER_TAG, OUTCOMES_TAG, main='records'))
        return {'records': results.records, 'dead_letter': results[DEAD_LETTER_TAG],
                'outcomes': results[OUTCOMES_TAG]}
