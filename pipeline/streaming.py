"""``newsbeam run --streaming`` on the local runner: the same stages, in bounded cycles.

Beam's DirectRunner cannot hold an unbounded pipeline for long (its streaming mode grows by
~12 MB/s, and one slow fetch stalls every feed: ``docs/streaming.md``), so the local continuous
mode (engine ``cycles``) runs the batch pipeline of ``pipeline/assembly.py`` again and again,
each time over what is due or new:

* **feeds** whose stored schedule (``transforms/fetch/schedule.py``: ETag/Last-Modified,
  ``next_due``, TTL, backoff; committed in the state) says they are due. The poll interval is
  ``fetch.min_interval``'s floor, so politeness (``Cache-Control``, ``<ttl>``, backoff) can only
  lengthen it, and repeat polls are conditional;
* **input files** that are new or changed since a run read them (``RunLedger.unchanged_files``),
  once they have not been modified for :data:`SETTLE_SECONDS`.

When nothing is due no pipeline is built (an idle cycle costs a state lookup and a glob).

Goes in: a validated :class:`~pipeline.config.Config`, the inputs ``preflight`` found, Beam's
options. Comes out, in the streaming run's one directory ``DIR`` (``output.dir`` rendered once):

* per cycle that read anything, its outputs finalised at its commit as
  ``DIR/<family>-<WINDOW>[-SSSSS-of-NNNNN].jsonl`` (``WINDOW``: the cycle's start, UTC,
  ``%Y%m%dT%H%M%SZ``, made unique with ``-2``, ``-3``...), file sinks' files likewise under
  ``DIR/<family>/``, and ``DIR/windows/<WINDOW>.json``: the cycle's summary, whose counts
  balance (``read == items + duplicates + dead_letter + filtered + seen_before``);
* ``DIR/streaming.json``: the running total, rewritten atomically after every cycle;
* ``DIR/run.json`` on a clean end (``--max-duration``, SIGINT, SIGTERM, too many failed
  cycles), written last, with the totals.

Guarantees (why: ``docs/streaming.md`` and ``docs/delivery.md``): every cycle is a run of the
delivery protocol -- its own run id ``<stream id>-c<NNNNNN>`` and ``ingested_at`` (the cycle's
start), its state writes staged and committed after its outputs, its files renamed into ``DIR``
by the commit's idempotent finish step (a kill after the commit point is finished by the next
start). Dedup across cycles and restarts goes through the committed index. The state's lock is
held for the whole streaming run. No file in ``DIR`` is ever visible half-written.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
import os
import signal
import sys
import threading
import time
from typing import Callable

import orjson
from apache_beam.options.pipeline_options import StandardOptions
from apache_beam.utils.shared import Shared

from transforms.context import PIPELINE_VERSION, RunContext
from transforms.fetch.feeds import feed_key
from transforms.fetch.schedule import due_status
from transforms.model import safe_text
from transforms.redact import redact_url
from transforms.state import StateUnavailable

from . import storage
from .assembly import TMP_DIR
from .config import Config, with_overrides
from .delivery import MatchedFile, RefusedPath, RunLedger, match_files
from .outputs import FAMILIES, latest_base, run_directory, update_latest
from .run import (EXIT_DEAD_LETTERS, EXIT_FAILED, EXIT_OK, Interrupted, PipelineFailed,
                  RunResult, UsageError, _finish_run_json, _open_ledger, _over_threshold,
                  _prepare_sinks, _record_run, _signals_deferred, execute_pipeline,
                  new_run_context, prepare_output, shared_tagger)
from .steps import resolve_sinks, resolve_steps

__all__ = ['run_cycles', 'finish_cycle', 'shared_tagger', 'CommitFailed', 'CYCLE_MODE',
           'WINDOW_FORMAT', 'STREAM_FILE', 'WINDOWS_DIR', 'SETTLE_SECONDS', 'MAX_FAILED_CYCLES',
           'NO_STATE']

LOG = logging.getLogger('newsbeam')

#: ``summary['mode']`` of a cycle: how a recovered commit knows to finish it as a window
CYCLE_MODE = 'streaming-cycle'
WINDOW_FORMAT = '%Y%m%dT%H%M%SZ'
STREAM_FILE = 'streaming.json'
WINDOWS_DIR = 'windows'
#: a cycle's working folder: DIR/.newsbeam-run/cycles/<WINDOW>/ (never globbed by readers)
CYCLES_DIR = 'cycles'
#: a file modified less than this many seconds ago may still be being written: next look
SETTLE_SECONDS = 1.0
#: feeds due within this fraction of the poll interval after the first due one join its cycle
COALESCE_FRACTION = 0.25
#: failed cycles in a row after which the run ends (exit 1); before that each failure backs off
MAX_FAILED_CYCLES = 5
#: the longest pause after a failed cycle
MAX_FAILURE_BACKOFF = 600.0
_STATUS_FAILED = ('error', 'parked')
NO_STATE = ('--streaming needs a state (state.enabled: true): without one every cycle would '
            'fetch every feed and deliver every story again')


def _utc(epoch: float, fmt: str = '%Y-%m-%dT%H:%M:%SZ') -> str:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime(fmt)


def _check_finite(value: float | None, name: str) -> None:
    if value is not None and not math.isfinite(value):
        raise UsageError(f'streaming.{name}: expected a finite number of seconds, not {value}')


# the commit's finish step: a cycle's files into DIR ----------------------------------------

def _family_name(name: str, window: str) -> str:
    """``items.jsonl`` -> ``items-<window>.jsonl``; ``items-00000-of-00002.jsonl`` ->
    ``items-<window>-00000-of-00002.jsonl``; a name of no family gets the window in front."""
    for family in sorted(FAMILIES, key=len, reverse=True):
        if name.startswith(family) and name[len(family):len(family) + 1] in ('.', '-'):
            return f'{family}-{window}{name[len(family):]}'
    return f'{window}-{name}'


def _work_files(work_dir: str) -> list[str]:
    """The output files a cycle's pipeline left in its working folder, relative to it (its
    own working files under ``TMP_DIR`` excluded), sorted."""
    if not storage.is_local(work_dir):
        return [n for n in storage.list_tree(work_dir) if not n.startswith(TMP_DIR + '/')]
    found = []
    for root, dirs, files in os.walk(work_dir):
        rel_root = os.path.relpath(root, work_dir)
        if rel_root == TMP_DIR or rel_root.startswith(TMP_DIR + os.sep):
            dirs[:] = []
            continue
        dirs[:] = [d for d in dirs if not (rel_root == '.' and d == TMP_DIR)]
        for name in files:
            found.append(os.path.normpath(os.path.join(rel_root, name)))
    return sorted(found)


def _final_name(rel: str, window: str) -> str:
    """Where a cycle's file ``rel`` (relative to its working folder) goes, relative to the
    streaming run's directory: the same folder, the window in its name."""
    head, _, name = rel.replace(os.sep, '/').rpartition('/')
    return '/'.join([p for p in head.split('/') if p] + [_family_name(name, window)])


def _final_path(stream_dir: str, rel: str, window: str) -> str:
    return storage.join(stream_dir, *_final_name(rel, window).split('/'))


def _is_empty(path: str) -> bool:
    if storage.is_local(path):
        return os.path.getsize(path) == 0
    return False   # objects elsewhere are moved as they are


def _move(source: str, target: str) -> None:
    if storage.is_local(source):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.replace(source, target)
        return
    from apache_beam.io.filesystems import FileSystems
    FileSystems.rename([source], [target])


def finish_cycle(work_dir: str, summary: dict) -> None:
    """A cycle's commit, finished: its files renamed from ``work_dir`` into the streaming run's
    directory, ``windows/<WINDOW>.json`` written (temp + rename), the working folder removed.

    Idempotent: the ledger calls it at the cycle's commit, and the next start's recovery calls
    it again for a cycle killed after its commit point (files already moved are not there any
    more; the summary is written whole again). Empty JSONL files are dropped, not moved; a
    cycle that read nothing (its feeds answered 304) leaves no window.
    """
    stream_dir = summary['output_dir']
    window = summary['window']
    if storage.exists(work_dir):
        for rel in _work_files(work_dir):
            source = storage.join(work_dir, *rel.replace(os.sep, '/').split('/'))
            if rel.endswith('.jsonl') and _is_empty(source):
                os.remove(source)
                continue
            _move(source, _final_path(stream_dir, rel, window))
    if summary['counts'].get('read') or summary.get('files'):
        windows = storage.join(stream_dir, WINDOWS_DIR)
        if storage.is_local(windows):
            os.makedirs(windows, exist_ok=True)
        storage.write_atomic(storage.join(windows, f'{window}.json'),
                             orjson.dumps(summary, option=orjson.OPT_INDENT_2))
    try:
        storage.delete_tree(work_dir)
    except OSError as exc:  # the window is complete; a leftover working folder is only untidy
        LOG.warning('could not remove the working folder %s: %s', work_dir, exc)


# the totals of a streaming run ---------------------------------------------------------------

_GROUPS = ('read_by_kind', 'read_by_format', 'duplicates_by_method', 'dead_letter_by_reason',
           'filtered_by_step')


@dataclasses.dataclass
class _Totals:
    """What the committed cycles of one streaming run add up to."""
    counts: dict = dataclasses.field(default_factory=lambda: {
        'read': 0, 'items': 0, 'duplicates': 0, 'dead_letter': 0})
    groups: dict = dataclasses.field(default_factory=lambda: {g: {} for g in _GROUPS})
    sinks: dict = dataclasses.field(default_factory=dict)
    feeds: dict = dataclasses.field(default_factory=dict)     # url -> last outcome + polls
    windows: list = dataclasses.field(default_factory=list)
    cycles: int = 0
    pipelines: int = 0          # cycles that ran (and committed) a pipeline
    idle_cycles: int = 0
    failed_cycles: int = 0
    lag_max: float = 0.0
    lag_sum: float = 0.0
    lag_last: float | None = None
    files_read: int = 0
    skipped_at_start: int = 0

    def add(self, summary: dict) -> None:
        self.pipelines += 1
        for key, value in summary['counts'].items():
            self.counts[key] = self.counts.get(key, 0) + value
        for group in _GROUPS:
            for key, value in (summary.get(group) or {}).items():
                self.groups[group][key] = self.groups[group].get(key, 0) + value
        for sink, families in (summary.get('sinks') or {}).items():
            target = self.sinks.setdefault(sink, {})
            for family, rows in families.items():
                target[family] = target.get(family, 0) + rows
        for outcome in summary.get('feeds') or []:
            polls = (self.feeds.get(outcome.get('url')) or {}).get('polls', 0)
            self.feeds[outcome.get('url')] = {**outcome, 'polls': polls + 1}
        if summary['counts'].get('read') or summary.get('files'):
            self.windows.append(summary['window'])
        lag = summary['lag_seconds']
        self.lag_max = max(self.lag_max, lag)
        self.lag_sum += lag
        self.lag_last = lag
        self.files_read += summary['files_read']

    @property
    def balanced(self) -> bool:
        return self.counts['read'] == sum(v for k, v in self.counts.items() if k != 'read')


class CommitFailed(Exception):
    """A cycle's commit failed part-way: the run ends (exit 1); the next start finishes it."""


@dataclasses.dataclass
class _Plan:
    """What one cycle reads: the feeds due and the files new or changed."""
    number: int
    started: float             # epoch seconds
    due_at: float              # when the cycle was due (its earliest reason)
    feeds: list[str]
    not_due: int
    files: list[MatchedFile]
    refused: list[RefusedPath]

    @property
    def idle(self) -> bool:
        return not (self.feeds or self.files or self.refused)


class _CycleDriver:
    """One streaming run: the loop, its plans, its cycles, its signals. See the module."""

    def __init__(self, config: Config, *, options, runner: str, patterns: list[str],
                 feeds: list[str], steps: list, sinks: list, ledger: RunLedger,
                 stream: RunContext, output_dir: str, tag_shared: Shared,
                 err: Callable[[str], None]):
        s = config.streaming
        self.poll = s.poll_interval
        self.watch = s.watch_interval or s.poll_interval
        self.max_duration = s.max_duration
        self.heartbeat = s.heartbeat
        # the poll interval is the fetch stage's floor: politeness only lengthens it
        self.config = with_overrides(config, **{
            'fetch.min_interval': max(config.fetch.min_interval, self.poll)})
        self.options = options
        self.runner = runner
        self.patterns = patterns
        self.feeds = sorted(set(feeds))
        self.steps = steps
        self.sinks = sinks
        self.ledger = ledger
        self.stream = stream
        self.output_dir = output_dir
        self.err = err
        self.totals = _Totals()
        self.tag_shared = tag_shared
        self._tagger = None       # the driver's reference keeps the shared tagger alive
        self._phase = 'idle'
        self._stop: str | None = None
        self._wake = threading.Event()
        self._last_polled: dict[str, float] = {}    # url -> monotonic time of its last poll
        self._done: dict[str, tuple[int, float]] = {}   # path -> (size, mtime) read for good
        self._recent: dict[str, tuple[int, float, float]] = {}  # read, not done: size, mtime, when
        self._refused_seen: set[str] = set()
        self._empty_warned: set[str] = set()
        self._windows_used: set[str] = set()
        # monotonic; with no file patterns there is nothing to look at
        self._next_watch = 0.0 if patterns else math.inf
        self._last_beat = time.monotonic() - self.poll   # the first cycle always says so
        self._failures = 0
        self._not_before = 0.0     # monotonic: no cycle with work before (failure backoff)
        self._first_look = True
        self._started_mono = time.monotonic()
        self._started_epoch = time.time()

    # signals -------------------------------------------------------------------------------
    def on_signal(self, signum, frame) -> None:
        name = signal.Signals(signum).name
        self._stop = self._stop or name
        self._wake.set()
        if self._phase == 'pipeline':
            raise Interrupted(name)   # the running cycle is abandoned (undone), cleanly

    # planning ------------------------------------------------------------------------------
    def _feed_schedule(self, now: float, mono: float) -> tuple[list[float], list[str], list[float]]:
        """(when each due feed was due, the feeds due now, when each other feed is due)."""
        if not self.feeds:
            return [], [], []
        stored = self.ledger.feed_records(feed_key(url) for url in self.feeds)
        due_times, due, waiting = [], [], []
        for url in self.feeds:
            record = stored.get(feed_key(url))
            recent = self._last_polled.get(url)
            # not polled again within the poll interval, whatever the stored state says (a
            # feed whose state was held back for a retry is due at once otherwise)
            floor = 0.0 if recent is None else now + (recent + self.poll - mono)
            next_due = max(float((record or {}).get('next_due') or 0.0), floor)
            if due_status(record, now) == 'due' and next_due <= now:
                due.append(url)
                due_times.append(next_due or now)
            else:
                waiting.append(next_due)
        return due_times, due, waiting

    def _look_at_files(self, now: float) -> tuple[list[MatchedFile], list[RefusedPath]]:
        files, refused, empty = match_files(self.patterns, self.config.inputs.follow_links)
        for pattern in empty:
            if self._first_look and self.config.inputs.on_empty_glob == 'error':
                raise UsageError(f'input glob {pattern!r} matches nothing')
            if pattern not in self._empty_warned:
                self._empty_warned.add(pattern)
                LOG.info('input glob %r matches nothing yet; watched every %g s', pattern,
                         self.watch)
        refused = [r for r in refused if r.path not in self._refused_seen]
        for path in refused:
            self._refused_seen.add(path.path)
            LOG.warning('not read: %s: %s', path.dead_letter()['input']['location'],
                        path.message)
        todo = [f for f in files if self._done.get(f.key) != (f.size, f.mtime)]
        if todo and not self.config.inputs.reread:
            todo, skipped = self.ledger.unchanged_files(todo)
            for f in skipped:
                self._done[f.key] = (f.size, f.mtime)
            if self._first_look:
                self.totals.skipped_at_start = len(skipped)
                if skipped:
                    LOG.info('%d input file(s) skipped: read unchanged by an earlier run '
                             '(--reread reads them again)', len(skipped))
        ready = []
        for f in todo:
            if now - f.mtime < SETTLE_SECONDS:
                continue   # may still be being written; the next look takes it
            recent = self._recent.get(f.key)
            if recent and recent[:2] == (f.size, f.mtime) and time.monotonic() - recent[2] < \
                    self.poll:
                continue   # read moments ago with a retryable dead letter: not at once again
            ready.append(f)
        return ready, refused

    def _plan(self, number: int) -> tuple[_Plan, float]:
        """This cycle's plan, and the monotonic time the next cycle may be due."""
        now, mono = time.time(), time.monotonic()
        due_times, feeds, waiting = self._feed_schedule(now, mono)
        files: list[MatchedFile] = []
        refused: list[RefusedPath] = []
        if mono >= self._next_watch:
            files, refused = self._look_at_files(now)
            self._first_look = False
            if files or refused:   # the look was due at its tick
                due_times.append(now - (mono - self._next_watch) if self._next_watch else now)
            self._next_watch = self._next_watch + self.watch
            if self._next_watch <= mono:
                self._next_watch = mono + self.watch
        plan = _Plan(number, now, min(due_times) if feeds or files or refused else now,
                     feeds, len(waiting), files, refused)
        wake = self._next_watch
        if waiting:
            # feeds due shortly after the first one wait for it: one cycle, not several
            first = min(waiting)
            group = max(d for d in waiting if d <= first + COALESCE_FRACTION * self.poll)
            wake = min(wake, mono + max(0.0, group - now))
        return plan, wake

    # one cycle -----------------------------------------------------------------------------
    def _window(self, started: float) -> str:
        base = _utc(started, WINDOW_FORMAT)
        name, n = base, 1
        while name in self._windows_used or storage.exists(
                storage.join(self.output_dir, WINDOWS_DIR, f'{name}.json')):
            n += 1
            name = f'{base}-{n}'
        self._windows_used.add(name)
        return name

    def _run_cycle(self, plan: _Plan) -> dict:
        window = self._window(plan.started)
        run = RunContext(run_id=f'{self.stream.run_id}-c{plan.number:06d}',
                         started_at=_utc(plan.started))
        work = storage.join(self.output_dir, TMP_DIR, CYCLES_DIR, window)
        mono0 = time.monotonic()
        self.ledger.begin(run.run_id, run.started_at, work)
        committed = False
        try:
            if storage.is_local(work):
                os.makedirs(work, exist_ok=True)
            for f in plan.files:
                self._recent[f.key] = (f.size, f.mtime, mono0)
            for url in plan.feeds:
                self._last_polled[url] = mono0
            self._phase = 'pipeline'
            if self._stop:
                raise Interrupted(self._stop)
            summary, retry = execute_pipeline(
                self.config, run, work, options=self.options, runner=self.runner,
                files=plan.files, refused=plan.refused, feeds=plan.feeds,
                patterns=self.patterns, skipped=[], steps=self.steps, sinks=self.sinks,
                ledger=self.ledger, started=mono0, tag_shared=self.tag_shared)
            self._phase = 'commit'
            finished = time.time()
            outcomes = summary.get('feeds') or []
            summary.update({
                'mode': CYCLE_MODE,
                'window': window,
                'cycle': plan.number,
                'stream': {'run_id': self.stream.run_id, 'started_at': self.stream.started_at},
                'output_dir': self.output_dir,
                'due_at': _utc(plan.due_at),
                'finished_at': _utc(finished),
                'lag_seconds': round(max(0.0, finished - plan.due_at), 3),
                'files_read': len(plan.files),
                'feeds_polled': {
                    'polled': len(outcomes),
                    'new': sum(1 for o in outcomes if o.get('status') == 'ok' and o.get('items')),
                    'unchanged': sum(1 for o in outcomes if o.get('status') == 'not_modified'
                                     or (o.get('status') == 'ok' and not o.get('items'))),
                    'failed': sum(1 for o in outcomes if o.get('status') in _STATUS_FAILED),
                    'not_due': plan.not_due,
                },
                'files': [_final_name(rel, window) for rel in _work_files(work)
                          if not (rel.endswith('.jsonl') and _is_empty(storage.join(work, rel)))],
            })
            _record_run(self.sinks, self.steps, summary)
            with _signals_deferred():
                try:
                    self.ledger.commit(work, summary, plan.files, retry, _finish_run_json)
                except Exception as exc:
                    # past the commit point the cycle is delivered; only the next start's
                    # recovery may finish it (abort() leaves such a commit alone)
                    raise CommitFailed(f'cycle {plan.number} ({window}): the commit failed: '
                                       f'{type(exc).__name__}: {exc}') from exc
                committed = True
            retry_set = set(retry)
            for f in plan.files:
                if f.key not in retry_set:
                    self._done[f.key] = (f.size, f.mtime)
                    self._recent.pop(f.key, None)
            return summary
        except BaseException as exc:
            self._phase = 'abort'   # a second signal now does not cut the clean-up short
            if not committed:
                # before the commit point: discarded; past it (a failed commit): left for the
                # next start's recovery, which needs the working folder's files
                self.ledger.abort()
                if not isinstance(exc, CommitFailed):
                    try:
                        storage.delete_tree(work)
                    except OSError as error:
                        LOG.warning('could not remove the abandoned cycle\'s folder %s: %s',
                                    work, error)
            raise
        finally:
            self._phase = 'idle'

    # reporting -----------------------------------------------------------------------------
    def _beat(self, number: int, plan: _Plan | None, summary: dict | None) -> None:
        self._last_beat = time.monotonic()
        if not self.heartbeat:
            return
        clock = time.strftime('%H:%M:%SZ', time.gmtime())
        total = self.totals.counts['items']
        if summary is None:
            not_due = plan.not_due if plan is not None else len(self.feeds)
            line = (f'heartbeat {clock} cycle {number}: idle (feeds {not_due} not due, no new '
                    f'files); total items {total}')
        else:
            fp, c = summary['feeds_polled'], summary['counts']
            extra = ''.join(f', {name.replace("_", " ")} {c[name]}'
                            for name in ('filtered', 'seen_before') if c.get(name))
            line = (f'heartbeat {clock} cycle {number}: feeds {fp["polled"]} polled '
                    f'({fp["new"]} new, {fp["unchanged"]} unchanged, {fp["failed"]} failed, '
                    f'{fp["not_due"]} not due), files {summary["files_read"]} new; read '
                    f'{c["read"]} -> items {c["items"]}, duplicates {c["duplicates"]}, '
                    f'dead letters {c["dead_letter"]}{extra}; lag {summary["lag_seconds"]:.1f} s; '
                    f'total items {total}')
        self.err(line)

    def _beat_waiting(self, number: int) -> None:
        self._last_beat = time.monotonic()
        if self.heartbeat:
            clock = time.strftime('%H:%M:%SZ', time.gmtime())
            self.err(f'heartbeat {clock} cycle {number}: waiting '
                     f'{max(0.0, self._not_before - time.monotonic()):.0f} s after '
                     f'{self._failures} failed cycle(s); total items '
                     f'{self.totals.counts["items"]}')

    def stream_summary(self, status: str, ended: str | None = None) -> dict:
        t = self.totals
        counts = dict(t.counts)
        with_work = t.pipelines
        out = {
            'run_id': self.stream.run_id,
            'started_at': self.stream.started_at,
            'finished_at': _utc(time.time()) if ended else None,
            'updated_at': _utc(time.time()),
            'pipeline_version': PIPELINE_VERSION,
            'runner': self.runner,
            'mode': 'streaming',
            'engine': 'cycles',
            'status': status,
            'ended': ended,
            'config': self.config.path,
            'output_dir': self.output_dir,
            'inputs': {'files': [safe_text(p) for p in self.patterns],
                       'feeds': [redact_url(f) for f in self.feeds]},
            'seconds': round(time.monotonic() - self._started_mono, 3),
            'poll_interval': self.poll,
            'watch_interval': self.watch,
            'counts': counts,
            'balanced': t.balanced,
            'cycles': {'total': t.cycles, 'with_work': with_work, 'idle': t.idle_cycles,
                       'failed': t.failed_cycles},
            'windows': list(t.windows),
            'files_read': t.files_read,
            'skipped': {'files': t.skipped_at_start},
            'lag_seconds': {'last': t.lag_last, 'max': round(t.lag_max, 3),
                            'mean': round(t.lag_sum / with_work, 3) if with_work else None},
            **{group: dict(sorted(t.groups[group].items())) for group in _GROUPS},
            'feeds': [t.feeds[url] for url in sorted(t.feeds, key=lambda u: u or '')],
            'sinks': t.sinks,
            'steps': [{'stage': s.spec.stage, 'use': s.spec.use, 'name': s.spec.label}
                      for s in self.steps],
        }
        if not ended:
            out.pop('finished_at')
        return out

    def _write_progress(self) -> None:
        try:
            storage.write_atomic(storage.join(self.output_dir, STREAM_FILE), orjson.dumps(
                self.stream_summary('running'), option=orjson.OPT_INDENT_2))
        except OSError as exc:   # the cycles are committed; the running total is a view
            LOG.warning('could not write %s: %s', STREAM_FILE, exc)

    # the loop ------------------------------------------------------------------------------
    def _failed(self, number: int, exc: BaseException) -> int | None:
        """Count a failed cycle; the exit status when the run must end, else None (backoff)."""
        self._failures += 1
        self.totals.failed_cycles += 1
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if self._failures >= MAX_FAILED_CYCLES:
            LOG.error('cycle %d failed: %s; %d cycles failed in a row: the run ends', number,
                      message, self._failures)
            return EXIT_FAILED
        pause = min(MAX_FAILURE_BACKOFF, self.poll * 2 ** (self._failures - 1))
        LOG.error('cycle %d failed (%d in a row; nothing of it was committed, its inputs are '
                  'read again): %s; next try in %g s', number, self._failures, message, pause)
        self._not_before = time.monotonic() + pause
        return None

    def run(self) -> tuple[str, int]:
        """Run cycles until the deadline, a signal or too many failures; returns (how it ended,
        exit status)."""
        # the tagger is built once, here, and shared by every cycle's pipeline
        self._tagger = shared_tagger(self.tag_shared)(self.config.tag)
        deadline = (self._started_mono + self.max_duration) if self.max_duration else None
        number = 0
        while True:
            if self._stop:
                return self._stop, EXIT_OK
            mono = time.monotonic()
            if deadline is not None and mono >= deadline:
                return 'max_duration', EXIT_OK
            if mono < self._not_before:   # backing off after a failed cycle
                wake = self._not_before
                if mono - self._last_beat >= self.poll - 0.05:
                    self._beat_waiting(number)
            else:
                number += 1
                self.totals.cycles += 1
                try:
                    plan, wake = self._plan(number)
                    plan.due_at = max(plan.due_at, self._started_epoch)
                    summary = None if plan.idle else self._run_cycle(plan)
                except CommitFailed as exc:
                    LOG.error('%s; the run ends and the next start finishes that commit', exc)
                    raise PipelineFailed(str(exc)) from exc
                except Interrupted:
                    LOG.info('cycle %d abandoned (%s): nothing of it was committed; its inputs '
                             'are read again by the next start', number, self._stop)
                    return self._stop or 'SIGTERM', EXIT_OK
                except (PipelineFailed, StateUnavailable, OSError) as exc:
                    status = self._failed(number, exc)
                    if status is not None:
                        return 'failed', status
                    wake = self._not_before
                    self._beat_waiting(number)
                else:
                    if summary is None:
                        self.totals.idle_cycles += 1
                        if time.monotonic() - self._last_beat >= self.poll - 0.05:
                            self._beat(number, plan, None)
                    else:
                        self._failures = 0
                        self.totals.add(summary)
                        self._write_progress()
                        self._beat(number, plan, summary)
            wake = min(wake, self._last_beat + self.poll)
            if deadline is not None:
                wake = min(wake, deadline)
            delay = wake - time.monotonic()
            if delay > 0 and not self._stop:
                self._wake.wait(delay)
                self._wake.clear()


def _batch_options(options):
    """The options for one cycle's pipeline: Beam's, as given, but bounded (not streaming)."""
    options.view_as(StandardOptions).streaming = False
    return options


def _refuse_unfinished_stream(output_dir: str) -> None:
    """A plain output directory holding a streaming run that never ended cleanly (killed): its
    windows are delivered, so they must not be moved aside as a failed batch run's files are."""
    if storage.exists(storage.join(output_dir, 'run.json')):
        return   # a completed run: prepare_run_directory refuses it
    progress = storage.join(output_dir, STREAM_FILE)
    windows = storage.join(output_dir, WINDOWS_DIR)
    if storage.is_local(windows):
        has_windows = os.path.isdir(windows) and any(
            n.endswith('.json') for n in os.listdir(windows))
    else:
        from apache_beam.io.filesystems import FileSystems
        has_windows = bool(FileSystems.match([storage.join(windows, '*.json')])[0].metadata_list)
    if storage.exists(progress) or has_windows:
        try:
            other = orjson.loads(storage.read_bytes(progress)).get('run_id') or 'unknown'
        except (OSError, orjson.JSONDecodeError, AttributeError):
            other = 'unknown'   # killed before its first running total: see its windows
        raise UsageError(f'output directory {output_dir} holds streaming run {other}, which '
                         f'did not end cleanly (its windows are delivered and stay): give a new '
                         f'directory or a template such as '
                         f'{storage.join(output_dir, "{run_id}")}')


def run_cycles(config: Config, *, options, runner: str, patterns: list[str],
               feeds: list[str], tag_shared: Shared | None = None) -> RunResult:
    """The local continuous mode; see the module docstring. ``config.streaming`` holds the
    poll and watch intervals, the duration and the heartbeat switch (command-line overrides
    already applied). ``tag_shared``: the handle ``preflight`` built the tagger through."""
    s = config.streaming
    for name in ('poll_interval', 'watch_interval', 'max_duration'):
        _check_finite(getattr(s, name), name)
    state = config.state_config()
    if state is None:
        raise UsageError(NO_STATE)
    steps = resolve_steps(config.steps)
    sinks = resolve_sinks(config.output.sinks)
    stream = new_run_context()
    output_dir = storage.absolute(run_directory(config.output.dir, stream.run_id,
                                                stream.started_at))
    ledger = RunLedger(state, stream.run_id, stream.started_at)
    _open_ledger(ledger, output_dir)
    previous: dict = {}
    try:
        _refuse_unfinished_stream(output_dir)
        prepare_output(output_dir, stream.run_id)
        _prepare_sinks(sinks, steps)
        driver = _CycleDriver(config, options=_batch_options(options), runner=runner,
                              patterns=patterns, feeds=feeds, steps=steps, sinks=sinks,
                              ledger=ledger, stream=stream, output_dir=output_dir,
                              tag_shared=tag_shared or Shared(),
                              err=lambda line: print(line, file=sys.stderr, flush=True))
        for signum in (signal.SIGTERM, signal.SIGINT):
            try:
                previous[signum] = signal.signal(signum, driver.on_signal)
            except ValueError:   # not the main thread (embedded use): signals stay as they are
                break
        LOG.info('streaming run %s (engine cycles): %d file pattern(s) watched every %g s, %d '
                 'feed(s) polled every %g s at most%s -> %s', stream.run_id, len(patterns),
                 driver.watch, len(set(feeds)), driver.poll,
                 f', for {s.max_duration:g} s' if s.max_duration else '', output_dir)
        ended, status = driver.run()
        summary = driver.stream_summary('ended', ended)
        with _signals_deferred():   # still holding the lock; a late signal changes nothing
            storage.write_atomic(storage.join(output_dir, STREAM_FILE),
                                 orjson.dumps(summary, option=orjson.OPT_INDENT_2))
            _finish_run_json(output_dir, summary)
            base = latest_base(config.output.dir) if config.output.latest else None
            if base is not None:
                update_latest(storage.absolute(base), output_dir)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        ledger.close()
    LOG.info('streaming run %s ended (%s): %d cycle(s), %d with work, %d window(s)',
             stream.run_id, ended, summary['cycles']['total'], summary['cycles']['with_work'],
             len(summary['windows']))
    if status == EXIT_OK:
        reason = _over_threshold(config, summary['counts'])
        if reason:
            LOG.warning('streaming run %s finished with %s', stream.run_id, reason)
            status = EXIT_DEAD_LETTERS
    return RunResult(output_dir=output_dir, summary=summary, status=status)
