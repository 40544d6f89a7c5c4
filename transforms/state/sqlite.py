"""The local default state store: one SQLite file, safe for several worker processes.

Staged writes live in a ``staged`` table of the same file and are applied in one transaction;
the run lock is a kernel ``flock`` on ``<file>.lock``, which a killed holder loses at once.
"""
from __future__ import annotations

import errno
import fcntl
import operator
import os
import socket
import sqlite3
import time
from typing import Iterable, Iterator, Mapping

import orjson

from .base import StagedOp, StateLock, StateLocked, StateStore, StateUnavailable

__all__ = ['SQLiteStateStore']

STATE_FILE = 'state.sqlite'

_SCHEMA = """
CREATE TABLE IF NOT EXISTS kv (
    ns TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, written REAL NOT NULL,
    PRIMARY KEY (ns, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS multi (
    ns TEXT NOT NULL, key TEXT NOT NULL, member TEXT NOT NULL, written REAL NOT NULL,
    PRIMARY KEY (ns, key, member)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS kv_written ON kv (ns, written);
CREATE INDEX IF NOT EXISTS multi_written ON multi (ns, written);
CREATE TABLE IF NOT EXISTS staged (
    run TEXT NOT NULL, kind TEXT NOT NULL, ns TEXT NOT NULL, key TEXT NOT NULL,
    member TEXT NOT NULL, value BLOB,
    PRIMARY KEY (run, kind, ns, key, member)) WITHOUT ROWID;
"""

_CHUNK = 500  # SQLite's bound-parameter limit is 999 on old builds
_ROW_ORDER = operator.itemgetter(0, 1)  # rows start with (namespace, key)


def _chunks(seq: list, size: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


class SQLiteStateStore(StateStore):
    """State in one SQLite database (WAL mode, so readers do not block the writer)."""

    def __init__(self, path: str):
        parent = os.path.dirname(os.path.abspath(path))
        try:
            os.makedirs(parent, exist_ok=True)
        except OSError as exc:
            raise StateUnavailable(f'state directory {parent} cannot be created: '
                                   f'{exc.strerror or exc}') from None
        self.path = path
        self._db = None
        try:
            self._db = sqlite3.connect(path, timeout=60, isolation_level=None,
                                       check_same_thread=False)
            self._db.execute('PRAGMA busy_timeout=60000')
            # Two worker processes opening a new file at once: switching to WAL needs a lock
            # the busy handler does not wait for, so retry it for a while instead of failing.
            deadline = time.monotonic() + 60
            while True:
                try:
                    self._db.execute('PRAGMA journal_mode=WAL')
                    self._db.executescript(_SCHEMA)
                    break
                except sqlite3.OperationalError as exc:
                    if 'locked' not in str(exc) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
            self._db.execute('PRAGMA synchronous=NORMAL')
        except sqlite3.DatabaseError as exc:  # corrupt, not a database, read-only, no space
            if self._db is not None:
                self._db.close()
                self._db = None
            raise StateUnavailable(f'state file {path} cannot be used: {exc} (move it away '
                                   f'for a fresh start, or fix its permissions)') from None

    @classmethod
    def in_directory(cls, directory: str) -> 'SQLiteStateStore':
        return cls(os.path.join(directory, STATE_FILE))

    def _write(self, sql: str, rows: list[tuple]) -> None:
        if not rows:
            return
        # in key order: each row then lands next to the previous one in the primary-key B-tree
        # instead of on a random page (45,000 random keys: 0.46 -> 0.21 s)
        rows.sort(key=_ROW_ORDER)
        with self._db:  # one transaction
            self._db.execute('BEGIN IMMEDIATE')
            self._db.executemany(sql, rows)

    # key/value -------------------------------------------------------------------------------
    def get_many(self, namespace: str, keys: Iterable[str]) -> dict[str, dict]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, dict] = {}
        for chunk in _chunks(keys):
            marks = ','.join('?' * len(chunk))
            rows = self._db.execute(
                f'SELECT key, value FROM kv WHERE ns = ? AND key IN ({marks})',
                [namespace, *chunk])
            for key, value in rows:
                found[key] = orjson.loads(value)
        return found

    def put_many(self, namespace: str, records: Mapping[str, dict]) -> None:
        now = time.time()
        self._write('INSERT OR REPLACE INTO kv (ns, key, value, written) VALUES (?, ?, ?, ?)',
                    [(namespace, k, orjson.dumps(v), now) for k, v in records.items()])

    def delete_many(self, namespace: str, keys: Iterable[str]) -> None:
        self._write('DELETE FROM kv WHERE ns = ? AND key = ?', [(namespace, k) for k in keys])

    def scan(self, namespace: str) -> Iterator[tuple[str, dict]]:
        rows = self._db.execute('SELECT key, value FROM kv WHERE ns = ? ORDER BY key',
                                (namespace,)).fetchall()
        for key, value in rows:
            yield key, orjson.loads(value)

    # multimaps -------------------------------------------------------------------------------
    def add_members(self, namespace: str, pairs: Iterable[tuple[str, str]]) -> None:
        now = time.time()
        self._write('INSERT OR REPLACE INTO multi (ns, key, member, written) VALUES (?, ?, ?, ?)',
                    [(namespace, k, m, now) for k, m in pairs])

    def members(self, namespace: str, keys: Iterable[str]) -> dict[str, list[str]]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, list[str]] = {}
        for chunk in _chunks(keys):
            marks = ','.join('?' * len(chunk))
            rows = self._db.execute(
                f'SELECT key, member FROM multi WHERE ns = ? AND key IN ({marks}) '
                f'ORDER BY key, member', [namespace, *chunk])
            for key, member in rows:
                found.setdefault(key, []).append(member)
        return found

    # housekeeping ----------------------------------------------------------------------------
    def prune(self, namespace: str, older_than: float) -> int:
        with self._db:
            self._db.execute('BEGIN IMMEDIATE')
            a = self._db.execute('DELETE FROM kv WHERE ns = ? AND written < ?',
                                 (namespace, older_than)).rowcount
            b = self._db.execute('DELETE FROM multi WHERE ns = ? AND written < ?',
                                 (namespace, older_than)).rowcount
        return a + b

    # staged writes -------------------------------------------------------------------------
    def stage(self, run_id: str, ops: Iterable[StagedOp]) -> None:
        rows = []
        for op in ops:
            if op.kind == 'put':
                rows.append((run_id, 'kv', op.namespace, op.key, '', orjson.dumps(op.value)))
            elif op.kind == 'delete':
                rows.append((run_id, 'kv', op.namespace, op.key, '', None))
            elif op.kind == 'add':
                rows.append((run_id, 'multi', op.namespace, op.key, op.member or '', b''))
            else:
                raise ValueError(f'unknown staged op kind {op.kind!r}')
        if not rows:
            return
        rows.sort(key=lambda r: (r[1], r[2], r[3], r[4]))
        with self._db:
            self._db.execute('BEGIN IMMEDIATE')
            self._db.executemany('INSERT OR REPLACE INTO staged (run, kind, ns, key, member, '
                                 'value) VALUES (?, ?, ?, ?, ?, ?)', rows)

    def staged_runs(self) -> list[str]:
        return [row[0] for row in self._db.execute('SELECT DISTINCT run FROM staged ORDER BY run')]

    def apply_staged(self, run_id: str,
                     exclude: Mapping[str, Iterable[str]] | None = None) -> int:
        now = time.time()
        excluded = [(ns, key) for ns, keys in (exclude or {}).items() for key in keys]
        keep = ('NOT EXISTS (SELECT 1 FROM temp.excluded e WHERE e.ns = s.ns AND e.key = s.key)')
        with self._db:  # one transaction: all of the run's writes, or none
            self._db.execute('BEGIN IMMEDIATE')
            self._db.execute('CREATE TEMP TABLE IF NOT EXISTS excluded '
                             '(ns TEXT, key TEXT, PRIMARY KEY (ns, key))')
            self._db.execute('DELETE FROM temp.excluded')
            self._db.executemany('INSERT OR IGNORE INTO temp.excluded VALUES (?, ?)', excluded)
            applied = self._db.execute(
                f'INSERT OR REPLACE INTO kv (ns, key, value, written) SELECT ns, key, value, ? '
                f'FROM staged s WHERE run = ? AND kind = \'kv\' AND value IS NOT NULL AND {keep} '
                f'ORDER BY ns, key', (now, run_id)).rowcount
            applied += self._db.execute(
                f'DELETE FROM kv WHERE (ns, key) IN (SELECT ns, key FROM staged s WHERE run = ? '
                f'AND kind = \'kv\' AND value IS NULL AND {keep})', (run_id,)).rowcount
            applied += self._db.execute(
                f'INSERT OR REPLACE INTO multi (ns, key, member, written) SELECT ns, key, member, '
                f'? FROM staged s WHERE run = ? AND kind = \'multi\' AND {keep}',
                (now, run_id)).rowcount
            self._db.execute('DELETE FROM staged WHERE run = ?', (run_id,))
        return applied

    def discard_staged(self, run_id: str) -> None:
        with self._db:
            self._db.execute('BEGIN IMMEDIATE')
            self._db.execute('DELETE FROM staged WHERE run = ?', (run_id,))

    def lock(self, holder: dict) -> StateLock:
        return _FileLock(f'{self.path}.lock', holder)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class _FileLock(StateLock):
    """An exclusive ``flock`` on a file beside the database. The kernel drops it when the holder
    dies, however it dies; the holder's details stay in the file, so the next holder can tell a
    lock that was never released (a killed run) and name the holder of a live one."""

    def __init__(self, path: str, holder: dict):
        self.path = path
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StateUnavailable(f'state lock {path} cannot be opened: '
                                   f'{exc.strerror or exc}') from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            info = _read_holder(fd)
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise StateLocked(info, path) from None
            raise StateUnavailable(f'state lock {path} cannot be taken: {exc}') from None
        self.previous = _read_holder(fd) or None
        record = {**holder, 'pid': os.getpid(), 'host': socket.gethostname(),
                  'since': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}
        os.ftruncate(fd, 0)
        os.pwrite(fd, orjson.dumps(record), 0)
        os.fsync(fd)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)   # released cleanly: nothing for the next holder to report
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None


def _read_holder(fd: int) -> dict:
    try:
        data = os.pread(fd, 4096, 0)
        return orjson.loads(data) if data.strip() else {}
    except (OSError, orjson.JSONDecodeError):
        return {}
