"""``StreamInputs``: feeds polled and folders watched by one stateful step; one records output.

Why a third source: on the DirectRunner here (in-process FnApiRunner, ``--streaming``) a
``beam.Flatten`` downstream of a ``PeriodicImpulse`` holds every element back until the run
ends (the runner turns a multi-input Flatten into writes that the consumer stage must follow,
and the impulse stage only finishes at its stop time: Beam 2.77, measured). Merging ``PollFeeds`` and ``WatchFolders`` outputs for one
normalize/dedup chain needs that Flatten. ``StreamInputs`` does both jobs in one ParDo, so its
``records`` (feed entries and file records together) and ``dead_letter`` need no Flatten. On a
distributed runner, ``PollFeeds`` + ``WatchFolders`` + ``Flatten`` is the better graph: files
are then read in parallel on many workers, whereas here they are read inside the one key that
watches them.

Goes in: a pipeline (``PBegin``). Comes out ``{'records', 'dead_letter', 'outcomes'}``: what
:class:`~.source_feeds.PollFeeds` and :class:`~.source_files.WatchFolders` give, with the same
guarantees (their module docstrings), and these differences:

* one ``PeriodicImpulse`` fires every ``min(poll_interval, watch_interval)``; a feed gets a
  chance to be fetched every ``poll_interval`` (its running fetch is still collected on every
  tick) and the folders are looked at every ``watch_interval``, both measured on the wall
  clock to within half a tick (:func:`interval_elapsed`);
* new files are read inside the watching step (no fan-out to other workers).
"""
from __future__ import annotations

import time

import apache_beam as beam
from apache_beam.coders import PickleCoder
from apache_beam.transforms.userstate import ReadModifyWriteStateSpec

from transforms.context import RunContext
from transforms.fetch.settings import FetchSettings
from transforms.fetch.transform import OUTCOMES_TAG
from transforms.model import DEAD_LETTER_TAG
from transforms.read import ReadSettings
from transforms.state import StateConfig

from .source_common import check_interval, check_times, stream_interval, ticks
from .source_feeds import SCHEDULE_STATE, FeedPoller, feed_table
from .source_files import SEEN_STATE, FileReader, FolderWatcher, check_patterns

__all__ = ['StreamInputs', 'interval_elapsed', 'FEED_KEY_PREFIX', 'FILES_KEY']

#: element keys: a feed is ``FEED_KEY_PREFIX + feed_key(url)``; the folders are ``FILES_KEY``
#: (which has not the prefix, so no feed can take it)
FEED_KEY_PREFIX = 'feed '
FILES_KEY = 'files'
#: when (wall clock) a key last had its chance: a feed to be fetched, the folders a look
_LAST_CHANCE = ReadModifyWriteStateSpec('last_chance', PickleCoder())


def interval_elapsed(last: float | None, now: float, interval: float, tick: float) -> bool:
    """Whether a key that last had its chance at ``last`` (None: never) has one again at
    ``now``, ticks coming every ``tick`` seconds: when ``interval`` has passed, less half a
    tick (ticks jitter; a runner catching up fires several at once, and those must not
    shorten the interval)."""
    return last is None or now - last >= interval - tick / 2


def _key_ticks(tick, keys: list[str]):
    for key in keys:
        yield key, float(tick)


class _InputsFn(beam.DoFn):
    """(key, tick) -> a feed's fetch results, or the records of the folders' new files."""

    def __init__(self, poller: FeedPoller | None, watcher: FolderWatcher | None,
                 reader: FileReader | None, poll_interval: float, watch_interval: float,
                 tick_interval: float):
        self._poller = poller
        self._watcher = watcher
        self._reader = reader
        self._poll_interval = poll_interval
        self._watch_interval = watch_interval
        self._tick = tick_interval

    def _parts(self):
        return [part for part in (self._poller, self._watcher, self._reader)
                if part is not None]

    def setup(self) -> None:
        for part in self._parts():
            part.setup()

    def start_bundle(self) -> None:
        for part in (self._poller, self._reader):
            if part is not None:
                part.start_bundle()

    def process(self, element: tuple[str, float],
                schedule=beam.DoFn.StateParam(SCHEDULE_STATE),
                seen=beam.DoFn.StateParam(SEEN_STATE),
                last=beam.DoFn.StateParam(_LAST_CHANCE),
                timestamp=beam.DoFn.TimestampParam):
        key, tick = element
        now = time.time()
        if key == FILES_KEY:
            if self._watcher is None or not interval_elapsed(last.read(), now,
                                                             self._watch_interval, self._tick):
                return
            last.write(now)
            for found in self._watcher.look(seen):
                yield from self._reader.read(found, timestamp)
            return
        if self._poller is None or not key.startswith(FEED_KEY_PREFIX):
            return
        may_start = interval_elapsed(last.read(), now, self._poll_interval, self._tick)
        if may_start:
            last.write(now)
        yield from self._poller.poll(key[len(FEED_KEY_PREFIX):], tick, timestamp, schedule,
                                     may_start=may_start)

    def finish_bundle(self) -> None:
        for part in (self._poller, self._reader):
            if part is not None:
                part.finish_bundle()

    def teardown(self) -> None:
        for part in self._parts():
            part.teardown()


class StreamInputs(beam.PTransform):
    """Poll ``feeds`` and watch ``patterns`` in one stateful step (see the module docstring)
    from ``start`` (default: when the pipeline starts) to ``stop`` (default: never).

    Either list may be empty, not both. Returns ``{'records', 'dead_letter', 'outcomes'}``,
    each element stamped with the time it was fetched or read.
    """

    def __init__(self, feeds: list[str], patterns: list[str], fetch: FetchSettings,
                 read: ReadSettings | None, streaming, state: StateConfig | None,
                 run: RunContext, start: float | None = None, stop: float | None = None,
                 label: str | None = None):
        super().__init__(label)
        if not feeds and not patterns:
            raise ValueError('feeds and patterns are both empty: nothing to poll or watch')
        self._table = feed_table(feeds) if feeds else {}
        self._patterns = check_patterns(patterns) if patterns else []
        if not isinstance(fetch, FetchSettings):
            raise ValueError(f'fetch must be a FetchSettings, not {type(fetch).__name__}')
        read = read or ReadSettings()
        if not isinstance(read, ReadSettings):
            raise ValueError(f'read must be a ReadSettings, not {type(read).__name__}')
        read.validate()
        self._poll_interval = stream_interval(streaming, 'poll_interval')
        self._watch_interval = stream_interval(streaming, 'watch_interval')
        if state is not None and not isinstance(state, StateConfig):
            raise ValueError(f'state must be a StateConfig or None, not {type(state).__name__}')
        if not isinstance(run, RunContext):
            raise ValueError(f'run must be a RunContext, not {type(run).__name__}')
        check_times(start, stop)
        self._fetch, self._read, self._state, self._run = fetch, read, state, run
        self._start, self._stop = start, stop

    def _tick_interval(self) -> float:
        intervals = ([self._poll_interval] if self._table else []) + (
            [self._watch_interval] if self._patterns else [])
        return check_interval('tick interval', min(intervals))

    def expand(self, pbegin):
        tick = self._tick_interval()
        keys = [FEED_KEY_PREFIX + key for key in self._table] + (
            [FILES_KEY] if self._patterns else [])
        poller = (FeedPoller(self._table, self._fetch, self._state, self._run,
                             self._poll_interval, tick_interval=tick) if self._table else None)
        watcher = (FolderWatcher(self._patterns, self._state, self._watch_interval)
                   if self._patterns else None)
        reader = FileReader(self._read, self._state, self._run) if self._patterns else None
        results = (
            pbegin
            | 'TickForFeedsAndFolders' >> ticks(self._start, self._stop, tick)
            | 'KeyTicksBySource' >> beam.FlatMap(_key_ticks, keys).with_output_types(
                beam.typehints.KV[str, float])
            | 'PollFeedsAndReadNewFiles' >> beam.ParDo(_InputsFn(
                poller, watcher, reader, self._poll_interval, self._watch_interval, tick)
            ).with_outputs(DEAD_LETTER_TAG, OUTCOMES_TAG, main='records'))
        return {'records': results.records, 'dead_letter': results[DEAD_LETTER_TAG],
                'outcomes': results[OUTCOMES_TAG]}
