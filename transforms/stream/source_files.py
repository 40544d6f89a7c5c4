"""``WatchFolders``: input globs looked at for ever (or until a stop time); new files read once.

The unbounded counterpart of ``transforms.read.ReadInputs``, for the ``beam`` streaming engine.
Beam's ``fileio.MatchContinuously`` is not used: with a stop time it stops after its first poll,
and without deduplication it emits every file on every poll (``../shared/FIELD-NOTES.md``).
Instead a ``PeriodicImpulse`` fires every ``streaming.watch_interval`` seconds (default: the
poll interval), one keyed stateful DoFn matches every pattern through Beam's ``FileSystems``
and keeps "seen: path -> (size, mtime)" in Beam state, and what is new or changed is read by
the batch reader's own code (``transforms.read``), so records and dead letters are those of
``ReadInputs`` for the same file.

Goes in: a pipeline (``PBegin``). Comes out ``{'records', 'dead_letter'}``, each element stamped
with the time its file was read.

Guarantees:

* a file is read once per version (size, mtime): a new file, and a file whose size or mtime
  changed since it was read, are read; an unchanged one is not. A file matched by several
  patterns is read once;
* a file still being written is not read half-way: a file is read once it has not been
  modified for one watch interval (its mtime is that old, or, for an mtime in the future, its
  size and mtime stayed the same that long). Files already there at start and files moved in
  whole with an old mtime are read at the first look; a file written now waits one interval
  after its last write. A producer that pauses longer than that mid-file should write to a
  name the patterns do not match and rename it;
* a restart does not re-read: at its first look the watcher takes the files the state store
  records as read (namespace ``inputs.files``, ``{"size", "mtime", "run"}`` per path: the run
  ledger's records, ``pipeline.delivery``) as seen when their size and mtime match, and every
  file this source reads is recorded there (with the run id) at the end of its read bundle;
* a look that fails (a file system error) changes nothing and is retried at the next look;
  never an exception out of the pipeline. Files that vanished are forgotten (a file that comes
  back is read again).

Not guarded: reading one file runs inside ``process`` (bounded by ``read.max_parse_seconds``
per parse and the size caps, not by the watch interval); a very large file delays the ticks of
this worker while it is read. Matching is Beam's (``FileSystems.match``), not the batch
driver's (``pipeline.delivery.match_files``): directories are never matched, symbolic links are
followed wherever they lead (``inputs.follow_links`` is not applied) and a dangling link is
skipped without a dead letter; a FIFO, socket or device is matched and read as batch reads it
(a ``not_a_regular_file`` dead letter, once per version).
"""
from __future__ import annotations

import dataclasses
import logging
import time
from typing import Iterable, Iterator, Mapping

import apache_beam as beam
from apache_beam.coders import PickleCoder
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics
from apache_beam.transforms.userstate import ReadModifyWriteStateSpec

from transforms.context import RunContext
from transforms.model import DEAD_LETTER_TAG, safe_text
# the batch reader's per-file code: the same records and dead letters for the same file
from transforms.read import ReadSettings, _from_wire, _ReadFileFn, _to_wire
from transforms.state import StateConfig, StateStore, open_state

from transforms.read import FILES_NAMESPACE

from .source_common import check_times, output_timestamp, stream_interval, ticks

__all__ = ['WatchFolders', 'FolderWatcher', 'FileReader', 'FileVersion', 'WatchPlan',
           'plan_reads', 'known_files', 'list_patterns', 'check_patterns', 'FILES_NAMESPACE',
           'SEEN_STATE']

LOG = logging.getLogger(__name__)
STAGE = 'watch'

_WATCH_KEY = 'folders'


@dataclasses.dataclass(frozen=True)
class FileVersion:
    """What tells two versions of a file apart: its size and modification time."""
    size: int
    mtime: float


@dataclasses.dataclass(frozen=True)
class WatchPlan:
    """The outcome of one look: files to read now, and the state to keep (``pending``: files
    not ready yet, with the version seen and when it was first seen)."""
    read: list[str]
    seen: dict[str, FileVersion]
    pending: dict[str, tuple[FileVersion, float]]


def plan_reads(listing: Mapping[str, FileVersion], seen: Mapping[str, FileVersion],
               pending: Mapping[str, tuple[FileVersion, float]], *, now: float, quiet: float,
               complete: bool = True) -> WatchPlan:
    """Which files of ``listing`` to read, given those read before (``seen``) and those looks
    saw that were not ready (``pending``).

    A path is read when its version differs from the one read before and it is quiet: last
    modified ``quiet`` seconds or more ago, or (for a modification time in the future, a
    skewed clock) seen in this same version for ``quiet`` seconds. Otherwise it waits. Bursts
    of looks (a runner catching up) do not make a growing file look finished. With
    ``complete`` (every pattern could be listed) paths that are gone are forgotten; otherwise
    they are kept, so a failed listing re-reads nothing.
    """
    new_seen = dict(seen)
    new_pending = {} if complete else dict(pending)
    read = []
    for path in sorted(listing):
        version = listing[path]
        if seen.get(path) == version:
            continue
        held = pending.get(path)
        since = held[1] if held is not None and held[0] == version else now
        if now - version.mtime >= quiet or now - since >= quiet:
            read.append(path)
            new_seen[path] = version
            new_pending.pop(path, None)
        else:
            new_pending[path] = (version, since)
    if complete:
        new_seen = {p: v for p, v in new_seen.items() if p in listing}
    return WatchPlan(read, new_seen, new_pending)


def known_files(listing: Mapping[str, FileVersion],
                stored: Mapping[str, Mapping]) -> dict[str, FileVersion]:
    """The files of ``listing`` that the store (keyed by ``safe_text(path)``) records as read
    in exactly this version (size and mtime), as a run ledger skips them."""
    known = {}
    for path, version in listing.items():
        record = stored.get(safe_text(path))
        if record and record.get('size') == version.size and record.get('mtime') == version.mtime:
            known[path] = version
    return known


def list_patterns(patterns: Iterable[str]) -> tuple[dict[str, FileVersion], list[str]]:
    """Every file the patterns match now (path -> version), and the patterns that failed."""
    listing: dict[str, FileVersion] = {}
    failed = []
    for pattern in patterns:
        try:
            metadata = FileSystems.match([pattern])[0].metadata_list
        except Exception as exc:  # noqa: BLE001 -- a transient file system error: next look
            LOG.warning('cannot list %s: %s: %s', safe_text(pattern), type(exc).__name__, exc)
            failed.append(pattern)
            continue
        for m in metadata:
            listing.setdefault(m.path, FileVersion(int(m.size_in_bytes or 0),
                                                   float(m.last_updated_in_seconds or 0.0)))
    return listing, failed


def _watch_key(tick) -> tuple[str, float]:
    # one key for every pattern: a file two patterns match is one file, read once
    return _WATCH_KEY, float(tick)


#: what the watcher knows, in Beam keyed state: ``{"seen": {path: FileVersion}, "pending":
#: {path: (FileVersion, first seen)}}``
SEEN_STATE = ReadModifyWriteStateSpec('seen', PickleCoder())


class FolderWatcher:
    """One look at the patterns per call of :meth:`look`, with what was seen kept in the Beam
    state handed in. Built with the DoFn (picklable); ``setup``/``teardown`` from the DoFn's.
    Shared by :class:`WatchFolders` and ``StreamInputs``."""

    def __init__(self, patterns: list[str], state: StateConfig | None, interval: float):
        self._patterns = patterns
        self._state_config = state
        self._interval = interval
        self._looks = Metrics.counter(STAGE, 'looks')
        self._failed = Metrics.counter(STAGE, 'failed_listings')
        self._new = Metrics.counter(STAGE, 'files_to_read')
        self._known = Metrics.counter(STAGE, 'files_known_from_state')

    def setup(self) -> None:
        self._store: StateStore | None = (
            open_state(self._state_config) if self._state_config else None)

    def look(self, seen_state) -> list[tuple[bytes, int, float]]:
        """The files to read now, as ``(path on the wire, size, mtime)``."""
        self._looks.inc()
        listing, failed = list_patterns(self._patterns)
        self._failed.inc(len(failed))
        held = seen_state.read()
        first = held is None
        if first:
            held = {'seen': {}, 'pending': {}}
            if self._store is not None and listing:
                stored = self._store.get_many(FILES_NAMESPACE,
                                              sorted({safe_text(p) for p in listing}))
                held['seen'] = known_files(listing, stored)
                self._known.inc(len(held['seen']))
        plan = plan_reads(listing, held['seen'], held['pending'], now=time.time(),
                          quiet=self._interval, complete=not failed)
        if first or plan.seen != held['seen'] or plan.pending != held['pending']:
            seen_state.write({'seen': plan.seen, 'pending': plan.pending})
        self._new.inc(len(plan.read))
        return [(_to_wire(path), plan.seen[path].size, plan.seen[path].mtime)
                for path in plan.read]

    def teardown(self) -> None:
        store = getattr(self, '_store', None)
        if store is not None:
            store.close()
            self._store = None


class FileReader:
    """Reads one watched file with the batch reader's code and records it as read (written to
    the store at the end of the bundle). Built with the DoFn; lifecycle from the DoFn's."""

    def __init__(self, settings: ReadSettings, state: StateConfig | None, run: RunContext):
        self._settings = settings
        self._state_config = state
        self._run = run

    def setup(self) -> None:
        self._reader = _ReadFileFn(self._settings)
        self._reader.setup()
        self._store: StateStore | None = (
            open_state(self._state_config) if self._state_config else None)
        self._pending: dict[str, dict] = {}

    def start_bundle(self) -> None:
        self._pending = {}

    def read(self, element: tuple[bytes, int, float], timestamp) -> Iterator:
        """The file's records and dead letters, stamped with the time it was read."""
        wire, size, mtime = element
        stamp = output_timestamp(time.time(), timestamp)
        for output in self._reader.process(wire):
            if isinstance(output, beam.pvalue.TaggedOutput):
                yield beam.pvalue.TaggedOutput(
                    output.tag, beam.window.TimestampedValue(output.value, stamp))
            else:
                yield beam.window.TimestampedValue(output, stamp)
        self._pending[safe_text(_from_wire(wire))] = {'size': size, 'mtime': mtime,
                                                      'run': self._run.run_id}

    def finish_bundle(self) -> None:
        if self._store is not None and self._pending:
            self._store.put_many(FILES_NAMESPACE, self._pending)
        self._pending = {}

    def teardown(self) -> None:
        reader = getattr(self, '_reader', None)
        if reader is not None:
            reader.teardown()
            self._reader = None
        store = getattr(self, '_store', None)
        if store is not None:
            store.close()
            self._store = None


class _WatchFn(beam.DoFn):
    """(key, tick) -> (path, size, mtime) of each file to read now; seen files in Beam state."""

    def __init__(self, watcher: FolderWatcher):
        self._watcher = watcher

    def setup(self) -> None:
        self._watcher.setup()

    def process(self, element, seen_state=beam.DoFn.StateParam(SEEN_STATE),
                timestamp=beam.DoFn.TimestampParam):
        for found in self._watcher.look(seen_state):
            yield beam.window.TimestampedValue(found, timestamp)

    def teardown(self) -> None:
        self._watcher.teardown()


class _ReadWatchedFn(beam.DoFn):
    """(path, size, mtime) -> the batch reader's records and dead letters, stamped read time."""

    def __init__(self, reader: FileReader):
        self._reader = reader

    def setup(self) -> None:
        self._reader.setup()

    def start_bundle(self) -> None:
        self._reader.start_bundle()

    def process(self, element: tuple[bytes, int, float], timestamp=beam.DoFn.TimestampParam
                ) -> Iterator:
        yield from self._reader.read(element, timestamp)

    def finish_bundle(self) -> None:
        self._reader.finish_bundle()

    def teardown(self) -> None:
        self._reader.teardown()


def check_patterns(patterns) -> list[str]:
    if isinstance(patterns, (str, bytes)) or not patterns or not all(
            isinstance(p, str) and p for p in patterns):
        raise ValueError(f'patterns must be a non-empty list of strings, got {patterns!r}')
    for pattern in patterns:
        try:
            _to_wire(pattern)
        except UnicodeEncodeError:
            raise ValueError(f'patterns: {pattern!r} holds a lone surrogate that is not an '
                             f'undecodable byte of a file name') from None
        try:
            FileSystems.get_filesystem(pattern)
        except ValueError as exc:
            raise ValueError(f'patterns: {pattern!r}: no Beam file system serves it in this '
                             f'installation ({exc})') from None
    return list(dict.fromkeys(patterns))


class WatchFolders(beam.PTransform):
    """Look at ``patterns`` every ``streaming.watch_interval`` seconds from ``start`` (default:
    when the pipeline starts) to ``stop`` (default: never) and read each new or changed file
    once; see the module docstring.

    Apply to a pipeline. Returns ``{'records', 'dead_letter'}`` as ``ReadInputs`` makes them,
    each element stamped with the time its file was read. ``state=None`` keeps nothing between
    runs (every file present at start is read).
    """

    def __init__(self, patterns: list[str], read: ReadSettings | None, streaming,
                 state: StateConfig | None, run: RunContext, start: float | None = None,
                 stop: float | None = None, label: str | None = None):
        super().__init__(label)
        self._patterns = check_patterns(patterns)
        read = read or ReadSettings()
        if not isinstance(read, ReadSettings):
            raise ValueError(f'read must be a ReadSettings, not {type(read).__name__}')
        read.validate()
        self._interval = stream_interval(streaming, 'watch_interval')
        if state is not None and not isinstance(state, StateConfig):
            raise ValueError(f'state must be a StateConfig or None, not {type(state).__name__}')
        if not isinstance(run, RunContext):
            raise ValueError(f'run must be a RunContext, not {type(run).__name__}')
        check_times(start, stop)
        self._read = read
        self._state = state
        self._run = run
        self._start = start
        self._stop = stop

    def expand(self, pbegin):
        outputs = (
            pbegin
            | 'TickEveryWatchInterval' >> ticks(self._start, self._stop, self._interval)
            | 'KeyTicksForWatcher' >> beam.Map(_watch_key).with_output_types(
                beam.typehints.KV[str, float])
            | 'FindNewFiles' >> beam.ParDo(_WatchFn(FolderWatcher(
                self._patterns, self._state, self._interval)))
            | 'ReadNewFiles' >> beam.ParDo(_ReadWatchedFn(FileReader(
                self._read, self._state, self._run))).with_outputs(
                    DEAD_LETTER_TAG, main='records'))
        return {'records': outputs.records, 'dead_letter': outputs[DEAD_LETTER_TAG]}
