"""A run's hold on its state: the lock, recovery of a killed run, incremental inputs, commit.

Goes in: the state (:class:`~transforms.state.StateConfig`) and the run. Comes out: the staged
state config the stages write through, the list of files to read, and -- once the outputs are
complete -- the run's state committed. The protocol (why it is correct: ``docs/delivery.md``):

1. :meth:`RunLedger.open` opens the store (``StateUnavailable`` when it cannot be used), takes
   the state's lock (``StateLocked`` when another run holds it) and recovers: a run that was
   killed before its commit point has its staged writes discarded (its stories are delivered
   again); one killed during its commit has the commit finished.
2. The stages write through :meth:`RunLedger.staged_config`: nothing they write is visible.
3. :meth:`RunLedger.commit` runs after every output file is final: it records the commit in the
   journal (the commit point), applies the staged writes except those of inputs that must be
   read again, writes ``run.json`` (the completion marker), and marks the journal committed.
   :meth:`RunLedger.abort` discards the staged writes of a failed run.
"""
from __future__ import annotations

import dataclasses
import glob
import logging
import os
import re
import stat
from typing import Callable, Iterable

from apache_beam.io.filesystems import FileSystems

from transforms.fetch.schedule import FEEDS_NAMESPACE
from transforms.model import Reason, dead_letter, safe_text
from transforms.read import FILES_NAMESPACE   # path -> {"size", "mtime", "run"}: files read
from transforms.state import StateConfig, StateStore, open_state

__all__ = ['RunLedger', 'MatchedFile', 'RefusedPath', 'match_files', 'fault', 'FILES_NAMESPACE', 'RUNS_NAMESPACE', 'JOURNAL_KEY']

LOG = logging.getLogger('newsbeam')

#: the journal (key ``JOURNAL_KEY``) and one summary record per committed run
RUNS_NAMESPACE = 'runs'
JOURNAL_KEY = '~journal'


@dataclasses.dataclass(frozen=True)
class MatchedFile:
    path: str
    size: int
    mtime: float

    @property
    def key(self) -> str:
        """The path as the state stores it (an undecodable file name escaped)."""
        return safe_text(self.path)


@dataclasses.dataclass(frozen=True)
class RefusedPath:
    """Something a glob matched that is not read: a directory, FIFO, device, socket, a dangling
    link or a link out of the input tree. It counts as one input with one dead letter."""
    path: str
    reason: str
    message: str

    def dead_letter(self) -> dict:
        return dead_letter('read', self.reason, self.message, safe_text(self.path))


_GLOB_CHARS = re.compile(r'[*?\[]')


def _tree_root(pattern: str) -> str:
    """The directory a local pattern reads under: its longest leading part without glob
    characters (``/data/in/*/x.jsonl`` -> ``/data/in``)."""
    parts = pattern.split(os.sep)
    for i, part in enumerate(parts):
        if _GLOB_CHARS.search(part):
            return os.sep.join(parts[:i]) or os.sep
    return os.path.dirname(pattern) or os.curdir


def _inside(path: str, root: str) -> bool:
    root = os.path.realpath(root)
    return os.path.commonpath([path, root]) == root


def _match_local(pattern: str, follow_links: str, seen: dict, refused: dict) -> int:
    """Classify what a local glob matches; returns how many paths it matched."""
    root = _tree_root(pattern)
    matched = glob.glob(pattern, recursive=False)
    for path in matched:
        path = os.path.abspath(path)
        if path in seen or path in refused:
            continue
        try:
            st = os.stat(path)   # follows links
        except FileNotFoundError:
            refused[path] = RefusedPath(path, Reason.DANGLING_LINK,
                                        'a symbolic link to nothing')
            continue
        except OSError as exc:
            refused[path] = RefusedPath(path, Reason.UNREADABLE, f'cannot be inspected: {exc}')
            continue
        if os.path.islink(path) and follow_links != 'always':
            target = os.path.realpath(path)
            if follow_links == 'never' or not _inside(target, root):
                refused[path] = RefusedPath(
                    path, Reason.LINK_OUTSIDE_INPUTS,
                    f'a symbolic link out of the input tree {safe_text(root)} (to '
                    f'{safe_text(target)}); inputs.follow_links: always reads it')
                continue
        if not stat.S_ISREG(st.st_mode):
            kind = ('a directory' if stat.S_ISDIR(st.st_mode) else
                    'a FIFO' if stat.S_ISFIFO(st.st_mode) else
                    'a socket' if stat.S_ISSOCK(st.st_mode) else
                    'a device' if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else
                    'not a regular file')
            refused[path] = RefusedPath(path, Reason.NOT_A_REGULAR_FILE,
                                        f'{kind}, not a regular file: not read')
            continue
        seen[path] = MatchedFile(path, int(st.st_size), float(st.st_mtime))
    return len(matched)


def _match_remote(pattern: str, seen: dict, refused: dict) -> int:
    """Classify what a pattern of another file system matches (through Beam's
    ``FileSystems``, which lists objects: no links or special files); returns how many."""
    metadata = FileSystems.match([pattern])[0].metadata_list
    for m in metadata:
        if m.path in seen or m.path in refused:
            continue
        if m.path.endswith('/'):   # a "folder" placeholder object some stores keep
            refused[m.path] = RefusedPath(m.path, Reason.NOT_A_REGULAR_FILE,
                                          'a directory marker, not a file: not read')
            continue
        seen[m.path] = MatchedFile(m.path, int(m.size_in_bytes or 0),
                                   float(m.last_updated_in_seconds or 0.0))
    return len(metadata)


def match_files(patterns: Iterable[str], follow_links: str = 'inside'
                ) -> tuple[list[MatchedFile], list[RefusedPath], list[str]]:
    """Every regular file the patterns match (once each), what they match that is not read
    (with the reason), and the patterns that matched nothing.

    Local patterns are matched by the driver itself so that nothing a glob matches vanishes:
    only regular files are read; a symbolic link is followed when it stays inside the
    pattern's directory tree (``follow_links``: ``inside``, ``always`` or ``never``). Patterns
    of other file systems (``gs://...``) are matched through Beam's ``FileSystems``: objects
    are read, "folder" marker objects (a name ending in ``/``) are refused.
    """
    seen: dict[str, MatchedFile] = {}
    refused: dict[str, RefusedPath] = {}
    empty = []
    for pattern in patterns:
        if FileSystems.get_scheme(pattern) is None:
            if not _match_local(pattern, follow_links, seen, refused):
                empty.append(pattern)
            continue
        if not _match_remote(pattern, seen, refused):
            empty.append(pattern)
    return ([seen[p] for p in sorted(seen)], [refused[p] for p in sorted(refused)],
            empty)


class RunLedger:
    """The driver's side of a run's state: see the module docstring. Use as a context manager
    (the lock is released and the store closed on exit)."""

    def __init__(self, state: StateConfig, run_id: str, started_at: str):
        self._state = state
        self.run_id = run_id
        self.started_at = started_at
        self._store: StateStore | None = None
        self._lock = None

    # 1. open, lock, recover --------------------------------------------------------------
    def open(self, output_dir: str,
             finish_run_json: Callable[[str, dict], None]) -> 'RunLedger':
        self._store = open_state(self._state)
        try:
            self._lock = self._store.lock({'run_id': self.run_id, 'output': output_dir})
            if self._lock.previous:
                LOG.warning('took over the state lock of run %s (pid %s), which never released '
                            'it: that run was killed',
                            self._lock.previous.get('run_id'), self._lock.previous.get('pid'))
            self._recover(finish_run_json)
            self._store.put(RUNS_NAMESPACE, JOURNAL_KEY, {
                'run_id': self.run_id, 'status': 'running', 'output_dir': output_dir,
                'started_at': self.started_at})
        except BaseException:
            self.close()
            raise
        return self

    def _recover(self, finish_run_json: Callable[[str, dict], None]) -> None:
        store = self._store
        journal = store.get(RUNS_NAMESPACE, JOURNAL_KEY) or {}
        if journal.get('status') == 'committing':
            # killed after its commit point: finish that commit
            LOG.warning('run %s was stopped while committing; finishing its commit',
                        journal['run_id'])
            store.apply_staged(journal['run_id'], journal.get('exclude') or {})
            if journal.get('summary') and journal.get('output_dir'):
                finish_run_json(journal['output_dir'], journal['summary'])
            self._mark_committed(journal)
        elif journal.get('status') == 'running':
            LOG.warning('run %s did not finish (killed?): its state changes are discarded and '
                        'its stories will be delivered again; its outputs in %s are incomplete '
                        '(no run.json)', journal.get('run_id'), journal.get('output_dir'))
        for run_id in store.staged_runs():
            if run_id != self.run_id:
                store.discard_staged(run_id)

    def _mark_committed(self, journal: dict) -> None:
        record = {**journal, 'status': 'committed'}
        record.pop('exclude', None)
        self._store.put(RUNS_NAMESPACE, journal['run_id'], {
            'status': 'committed', 'output_dir': record.get('output_dir'),
            'started_at': record.get('started_at'),
            'counts': (record.get('summary') or {}).get('counts')})
        record.pop('summary', None)
        self._store.put(RUNS_NAMESPACE, JOURNAL_KEY, record)

    def begin(self, run_id: str, started_at: str, output_dir: str) -> None:
        """Start another run on the state this ledger holds open and locked: the streaming
        driver's next cycle. The previous run must have committed or aborted; from here on the
        ledger stages, commits and aborts under ``run_id``, and a kill is recovered as for any
        run (the journal names this one)."""
        if self._store is None:
            raise RuntimeError('begin() needs an open ledger')
        self.run_id = run_id
        self.started_at = started_at
        self._store.put(RUNS_NAMESPACE, JOURNAL_KEY, {
            'run_id': run_id, 'status': 'running', 'output_dir': output_dir,
            'started_at': started_at})

    def feed_records(self, keys: Iterable[str]) -> dict[str, dict]:
        """The committed state records of feeds (by feed key): when each is next due."""
        return self._store.get_many(FEEDS_NAMESPACE, list(keys))

    # 2. what the run reads and writes ------------------------------------------------------
    def staged_config(self) -> StateConfig:
        """The state config the stages get: their writes are staged under this run."""
        return dataclasses.replace(self._state, staging_run=self.run_id)

    def unchanged_files(self, files: list[MatchedFile]) -> tuple[list[MatchedFile],
                                                                list[MatchedFile]]:
        """Split ``files`` into (to read, skipped: an earlier run read them as they are)."""
        done = self._store.get_many(FILES_NAMESPACE, [f.key for f in files])
        read, skipped = [], []
        for f in files:
            record = done.get(f.key)
            if record and record.get('size') == f.size and record.get('mtime') == f.mtime:
                skipped.append(f)
            else:
                read.append(f)
        return read, skipped

    # 3. commit or abort ----------------------------------------------------------------------
    def commit(self, output_dir: str, summary: dict, read_files: list[MatchedFile],
               retry_inputs: Iterable[str], finish_run_json: Callable[[str, dict], None]
               ) -> None:
        """Make the run's state changes visible, then mark the run complete (``run.json``).

        ``retry_inputs``: input locations (files, feed URLs) with a retryable dead letter; their
        feed state and their "file done" record are not committed, so the next run reads them.
        """
        retry = sorted(set(retry_inputs))
        staged = self._store.staged(self.run_id)
        staged.put_many(FILES_NAMESPACE, {
            f.key: {'size': f.size, 'mtime': f.mtime, 'run': self.run_id}
            for f in read_files})
        exclude = {FILES_NAMESPACE: retry, FEEDS_NAMESPACE: retry}
        journal = {'run_id': self.run_id, 'status': 'committing', 'output_dir': output_dir,
                   'started_at': self.started_at, 'exclude': exclude, 'summary': summary}
        self._store.put(RUNS_NAMESPACE, JOURNAL_KEY, journal)   # the commit point
        fault('committing')
        self._store.apply_staged(self.run_id, exclude)
        fault('state_committed')
        finish_run_json(output_dir, summary)
        fault('run_json_written')
        self._mark_committed(journal)

    def abort(self) -> None:
        """Discard the run's staged writes (the run failed before its commit point)."""
        if self._store is None:
            return
        try:
            journal = self._store.get(RUNS_NAMESPACE, JOURNAL_KEY) or {}
            if journal.get('run_id') == self.run_id and journal.get('status') == 'committing':
                return  # past the commit point: the next run finishes the commit
            self._store.discard_staged(self.run_id)
            self._store.put(RUNS_NAMESPACE, JOURNAL_KEY, {
                'run_id': self.run_id, 'status': 'aborted', 'started_at': self.started_at})
        except Exception as exc:  # the store itself failing: the next run's recovery discards
            LOG.warning('could not discard the failed run\'s staged state (%s); the next run '
                        'will', exc)

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> 'RunLedger':
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def fault(point: str) -> None:
    """Fault injection for the delivery tests: ``NEWSBEAM_FAULT=<point>`` kills the process with
    SIGKILL at that point, as a power cut or the OOM killer would. Unset in normal use."""
    if os.environ.get('NEWSBEAM_FAULT') == point:
        import signal
        os.kill(os.getpid(), signal.SIGKILL)
