"""``FetchFeeds``: feed URLs in; raw records, dead letters and per-feed outcomes out.

Guarantees:

* each feed URL is fetched at most once per run (duplicates in the input are dropped), only
  when it is due, with the validators of its last 200 (a 304 yields nothing);
* an entry emitted by an earlier run is not emitted again (per-feed entry keys, bounded);
* every request to one host goes through one worker call, which keeps at most
  ``per_host_concurrency`` requests open to it and starts them ``min_host_delay`` apart, while
  up to ``max_parallel_hosts`` hosts are fetched at once; shards of hosts spread over workers;
* every feed that cannot be read gives one dead-letter record and one outcome; none fails the
  job or another feed;
* feed state is written once per bundle, in one transaction, in ``finish_bundle``: a bundle
  that fails and is retried starts again from the state as it was before it (no entry is marked
  emitted by an attempt whose output was thrown away). Does not preserve input order;
* credentials in a feed URL (``user:password@``, ``?token=...``) are used for the request and
  nowhere else: records, dead letters, outcomes and the state name the feed by
  :func:`~.feeds.feed_key` (credentials redacted). Two URLs that differ only in credentials
  share one name and one state record;
* anything in the input that is not a fetchable URL (not a string, not http(s), no host,
  unparseable, control characters) gives one ``bad_url`` dead letter and one outcome.

Output order is not meaningful. In streaming pipelines window the input before this transform
(it groups by shard).
"""
from __future__ import annotations

import concurrent.futures
import time
from typing import Iterable

import apache_beam as beam
from apache_beam.metrics import Metrics

from transforms.context import RunContext
from transforms.model import DEAD_LETTER_TAG
from transforms.state import StateConfig, StateStore, open_state

from .addresses import host_key
from .feeds import STAGE, FeedResult, feed_key, fetch_feed
from .http import HttpClient
from .polite import HostLimiter, shard_of
from .schedule import FEEDS_NAMESPACE
from .settings import FetchSettings

__all__ = ['FetchFeeds', 'OUTCOMES_TAG']

OUTCOMES_TAG = 'outcomes'


def _lanes(urls: list[str], concurrency: int) -> list[list[str]]:
    """Work units for a thread pool: per host, ``concurrency`` lanes of its feeds, interleaved
    across hosts so the pool starts on many hosts before it queues a second lane of one."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(host_key(url), []).append(url)
    per_host = [[feeds[i::concurrency] for i in range(min(concurrency, len(feeds)))]
                for feeds in by_host.values()]
    lanes = []
    for depth in range(concurrency):
        lanes.extend(host_lanes[depth] for host_lanes in per_host if depth < len(host_lanes))
    return lanes


def _keyed_by_shard(url: str, shards: int) -> tuple[int, str]:
    return shard_of(url, shards), url


class _FetchShardFn(beam.DoFn):
    """Fetches every feed of one shard of hosts (one ``process`` call per shard)."""

    def __init__(self, settings: FetchSettings, state: StateConfig | None, run: RunContext):
        self._settings = settings
        self._state_config = state
        self._run = run
        self._feeds_in = Metrics.counter(STAGE, 'feeds_in')
        self._by_status = {s: Metrics.counter(STAGE, f'feeds_{s}')
                           for s in ('ok', 'not_modified', 'not_due', 'error', 'parked')}
        self._records_out = Metrics.counter(STAGE, 'records_out')
        self._dead_lettered = Metrics.counter(STAGE, 'dead_lettered')
        self._items_per_feed = Metrics.distribution(STAGE, 'items_per_feed')

    def setup(self) -> None:
        self._store: StateStore | None = (
            open_state(self._state_config) if self._state_config else None)
        self._client = HttpClient(self._settings)

    def start_bundle(self) -> None:
        self._pending: dict[str, dict] = {}
        self._legacy: dict[str, str] = {}   # feed key -> the old key its state was read from

    def _fetch_lane(self, lane: list[str], records: dict[str, dict],
                    limiter: HostLimiter) -> list[FeedResult]:
        return [fetch_feed(self._client, url, records.get(url), now=time.time(),
                           settings=self._settings, limiter=limiter) for url in lane]

    def _stored(self, urls: list[str]) -> dict[str, dict]:
        """Each fetchable URL's state record (looked up by its feed key)."""
        keys = {url: feed_key(url) for url in urls if host_key(url)}
        # state written before keys were redacted sits under the URL with its credentials:
        # read there when the key has nothing, and deleted once the new record is written
        legacy = {url for url, key in keys.items() if url != key}
        wanted = sorted(set(keys.values()) | legacy)
        stored = self._store.get_many(FEEDS_NAMESPACE, wanted) if self._store and wanted else {}
        records = {}
        for url, key in keys.items():
            record = self._pending.get(key) or stored.get(key)
            if record is None and url in legacy and url in stored:
                record = stored[url]
                self._legacy[key] = url
            if record is not None:
                records[url] = record
        return records

    def process(self, element: tuple[int, Iterable[str]]):
        _, urls = element
        urls = list(dict.fromkeys(urls))
        self._feeds_in.inc(len(urls))
        stored = self._stored(urls)
        s = self._settings
        limiter = HostLimiter(s.per_host_concurrency, s.min_host_delay)
        lanes = _lanes(urls, s.per_host_concurrency)
        with concurrent.futures.ThreadPoolExecutor(
                max_workers=max(1, min(s.max_parallel_hosts * s.per_host_concurrency,
                                       len(lanes))),
                thread_name_prefix='newsbeam-fetch') as pool:
            futures = [pool.submit(self._fetch_lane, lane, stored, limiter) for lane in lanes]
            results = [r for f in futures for r in f.result()]
        for result in results:
            if result.state is not None:
                result.state['run_id'] = self._run.run_id
                self._pending[result.url] = result.state
            self._by_status[result.outcome['status']].inc()
            self._items_per_feed.update(len(result.records))
            for record in result.records:
                yield record
            self._records_out.inc(len(result.records))
            if result.dead_letter is not None:
                self._dead_lettered.inc()
                yield beam.pvalue.TaggedOutput(DEAD_LETTER_TAG, result.dead_letter)
            for dead in result.entry_dead_letters:
                self._dead_lettered.inc()
                yield beam.pvalue.TaggedOutput(DEAD_LETTER_TAG, dead)
            yield beam.pvalue.TaggedOutput(OUTCOMES_TAG, result.outcome)

    def finish_bundle(self) -> None:
        if self._store is not None and self._pending:
            self._store.put_many(FEEDS_NAMESPACE, self._pending)
            moved = sorted(old for key, old in self._legacy.items() if key in self._pending)
            if moved:
                self._store.delete_many(FEEDS_NAMESPACE, moved)
        self._pending = {}
        self._legacy = {}

    def teardown(self) -> None:
        store = getattr(self, '_store', None)
        if store is not None:
            store.close()
            self._store = None


class FetchFeeds(beam.PTransform):
    """Fetch feed URLs politely and incrementally; see the module docstring for guarantees.

    Input: a PCollection of feed URL strings. Returns ``{'records': raw records,
    'dead_letter': dead-letter records, 'outcomes': one outcome dict per distinct feed URL}``.
    ``state=None`` keeps nothing between runs (every run fetches everything unconditionally).
    """

    def __init__(self, settings: FetchSettings, state: StateConfig | None, run: RunContext,
                 label: str | None = None):
        super().__init__(label)
        if not isinstance(settings, FetchSettings):
            raise ValueError(f'settings must be a FetchSettings, not {type(settings).__name__}')
        if state is not None and not isinstance(state, StateConfig):
            raise ValueError(f'state must be a StateConfig or None, not {type(state).__name__}')
        if not isinstance(run, RunContext):
            raise ValueError(f'run must be a RunContext, not {type(run).__name__}')
        self._settings = settings
        self._state = state
        self._run = run

    def expand(self, urls):
        results = (
            urls
            | 'KeyFeedsByHostShard' >> beam.Map(_keyed_by_shard, self._settings.shards)
            | 'GroupFeedsByHostShard' >> beam.GroupByKey()
            | 'FetchFeedsPolitely' >> beam.ParDo(
                _FetchShardFn(self._settings, self._state, self._run)).with_outputs(
                    DEAD_LETTER_TAG, OUTCOMES_TAG, main='records'))
        return {'records': results.records, 'dead_letter': results[DEAD_LETTER_TAG],
                'outcomes': results[OUTCOMES_TAG]}
