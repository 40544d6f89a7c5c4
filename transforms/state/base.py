"""The state store interface, staged writes, the per-state lock, and how a store is chosen.

Goes in: a :class:`StateConfig`. Comes out: a :class:`StateStore`. Guarantees, for every
backend:

* **Staged writes.** A :class:`StateConfig` with ``staging_run`` set opens a view whose reads see
  the committed state and whose writes (``put_many``, ``delete_many``, ``add_members``) are
  staged under that run id, invisible to every reader, until the driver calls
  :meth:`StateStore.apply_staged` (after the run's outputs are complete) or
  :meth:`StateStore.discard_staged` (the run failed or was killed). Staging the same key twice
  keeps the last value, so retried bundles stage the same rows. ``apply_staged`` skips the
  ``(namespace, key)`` pairs it is told to exclude, and is idempotent: applying again after a
  crash part-way through writes the same values.
* **One run per state.** :meth:`StateStore.lock` takes an exclusive lock that a killed holder
  loses by itself (a kernel file lock, or a lease that stops being renewed); a second taker gets
  :class:`StateLocked` naming the holder.
"""
from __future__ import annotations

import abc
import dataclasses
import time
from typing import Iterable, Iterator, Mapping, NamedTuple

from ..redact import redact_url

__all__ = ['StateConfig', 'StateStore', 'StagedOp', 'StateLock', 'StateLocked',
           'StateUnavailable', 'open_state', 'URL_SCHEMES', 'url_password']

#: the state URL schemes a backend exists for
URL_SCHEMES = ('sqlite:///', 'postgresql://', 'postgres://', 'redis://', 'rediss://')


#: query parameters that carry a password in libpq and redis-py URLs
_PASSWORD_PARAMS = ('password', 'sslpassword')


def url_password(url: str) -> str | None:
    """Where ``url`` carries a secret (``'user info'`` or ``'the password parameter'``), else
    ``None``: for refusing state URLs written into a config file."""
    import urllib.parse
    try:
        parsed = urllib.parse.urlsplit(url)
        if parsed.password:
            return 'user info'
        names = {k.lower() for k, _ in urllib.parse.parse_qsl(parsed.query,
                                                              keep_blank_values=True)}
    except ValueError:
        return None
    found = sorted(names & set(_PASSWORD_PARAMS))
    return f'the {found[0]} parameter' if found else None


class StateLocked(Exception):
    """Another run holds the state's lock; ``holder`` is what it recorded (run id, pid, host)."""

    def __init__(self, holder: dict | None, where: str):
        self.holder = holder or {}
        self.where = where
        who = ', '.join(f'{k} {v}' for k, v in self.holder.items()
                        if k in ('run_id', 'pid', 'host', 'since')) or 'an unknown run'
        super().__init__(f'another run holds the state lock {where} ({who})')


class StateUnavailable(Exception):
    """The state cannot be used: corrupt, read-only, or not a newsbeam state store.

    ``retryable`` tells a scheduler whether trying again later can help (a server that is down)
    or an operator must act first (a corrupt or read-only file).
    """

    def __init__(self, message: str, retryable: bool = False):
        super().__init__(message)
        self.retryable = retryable


class StagedOp(NamedTuple):
    """One staged write: ``kind`` is ``put`` (``value``: the record), ``delete`` or ``add``
    (a multimap pair; ``member`` set)."""
    kind: str
    namespace: str
    key: str
    value: dict | None = None
    member: str | None = None


class StateLock(abc.ABC):
    """A held lock; ``previous`` is what an earlier holder left that never released it (a killed
    run), else ``None``."""

    previous: dict | None = None

    @abc.abstractmethod
    def release(self) -> None:
        ...

    def __enter__(self) -> 'StateLock':
        return self

    def __exit__(self, *exc) -> None:
        self.release()


@dataclasses.dataclass(frozen=True)
class StateConfig:
    """Where state lives: ``dir`` for the local SQLite default, or ``url`` for a shared store.

    ``url`` takes ``sqlite:///path/to/file.sqlite`` (node-local, like ``dir``),
    ``postgresql://`` / ``postgres://`` (:mod:`.postgres`) or ``redis://`` / ``rediss://``
    (:mod:`.redis`). Picklable, so DoFns carry it to workers.
    """
    dir: str | None = None
    url: str | None = None
    #: when set, writes through stores opened from this config are staged under this run id
    staging_run: str | None = None

    def validate(self) -> None:
        if not self.dir and not self.url:
            raise ValueError('state needs "dir" or "url"')
        if self.url and not self.url.startswith(URL_SCHEMES):
            raise ValueError(f'unsupported state url {redact_url(self.url)!r}; allowed: '
                             'sqlite:///PATH, postgresql://USER@HOST:PORT/DB, '
                             'redis://HOST:PORT/DB')

    @property
    def node_local(self) -> bool:
        """True when the state lives on the disk of the machine that opens it (SQLite): workers
        on other machines would each open a store of their own."""
        return not self.url or self.url.startswith('sqlite:///')


class StateStore(abc.ABC):
    """Persistent, process-safe state shared by the stages of a run and by later runs."""

    # key/value records -------------------------------------------------------------------
    @abc.abstractmethod
    def get_many(self, namespace: str, keys: Iterable[str]) -> dict[str, dict]:
        """The records stored under ``keys`` (missing keys are left out)."""

    @abc.abstractmethod
    def put_many(self, namespace: str, records: Mapping[str, dict]) -> None:
        """Store (insert or replace) ``records``, stamping them with the current time."""

    @abc.abstractmethod
    def delete_many(self, namespace: str, keys: Iterable[str]) -> None:
        ...

    @abc.abstractmethod
    def scan(self, namespace: str) -> Iterator[tuple[str, dict]]:
        """Every (key, record) of a namespace, in key order."""

    def get(self, namespace: str, key: str) -> dict | None:
        return self.get_many(namespace, [key]).get(key)

    def put(self, namespace: str, key: str, record: dict) -> None:
        self.put_many(namespace, {key: record})

    # multimaps -----------------------------------------------------------------------------
    @abc.abstractmethod
    def add_members(self, namespace: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Add (key, member) pairs; adding an existing pair refreshes its time."""

    @abc.abstractmethod
    def members(self, namespace: str, keys: Iterable[str]) -> dict[str, list[str]]:
        """For each key that has members, its members in sorted order."""

    # housekeeping --------------------------------------------------------------------------
    @abc.abstractmethod
    def prune(self, namespace: str, older_than: float) -> int:
        """Remove entries of ``namespace`` last written before the epoch time ``older_than``.

        Returns how many were removed (records and multimap pairs together).
        """

    @abc.abstractmethod
    def close(self) -> None:
        ...

    # staged writes and the run lock ---------------------------------------------------------
    @abc.abstractmethod
    def stage(self, run_id: str, ops: Iterable[StagedOp]) -> None:
        """Record ``ops`` under ``run_id`` without applying them (the last op per key wins)."""

    @abc.abstractmethod
    def staged_runs(self) -> list[str]:
        """Run ids that have staged writes not yet applied or discarded."""

    @abc.abstractmethod
    def apply_staged(self, run_id: str,
                     exclude: Mapping[str, Iterable[str]] | None = None) -> int:
        """Apply the writes staged under ``run_id`` (except the excluded ``namespace -> keys``),
        then forget them. Idempotent. Returns how many ops were applied."""

    @abc.abstractmethod
    def discard_staged(self, run_id: str) -> None:
        """Forget the writes staged under ``run_id``."""

    @abc.abstractmethod
    def lock(self, holder: dict) -> StateLock:
        """Take the state's exclusive run lock, recording ``holder``; raise :class:`StateLocked`
        when another live run holds it. Released by :meth:`StateLock.release` or by the
        holder's death."""

    def staged(self, run_id: str) -> 'StateStore':
        """A view of this store whose writes are staged under ``run_id``."""
        return StagedStore(self, run_id)

    def __enter__(self) -> 'StateStore':
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @staticmethod
    def now() -> float:
        return time.time()


class StagedStore(StateStore):
    """Reads from the committed state, writes staged under one run (see the module docstring).

    What a run writes stays invisible to itself too: the stages already read the state as it was
    when the run started (the dedup index ignores the current run's records).
    """

    def __init__(self, store: StateStore, run_id: str):
        if not run_id:
            raise ValueError('run_id must be given')
        self._store = store
        self.run_id = run_id

    @property
    def base(self) -> StateStore:
        return self._store

    def get_many(self, namespace, keys):
        return self._store.get_many(namespace, keys)

    def scan(self, namespace):
        return self._store.scan(namespace)

    def members(self, namespace, keys):
        return self._store.members(namespace, keys)

    def put_many(self, namespace, records):
        self._store.stage(self.run_id, [StagedOp('put', namespace, k, v)
                                        for k, v in records.items()])

    def delete_many(self, namespace, keys):
        self._store.stage(self.run_id, [StagedOp('delete', namespace, k) for k in keys])

    def add_members(self, namespace, pairs):
        self._store.stage(self.run_id, [StagedOp('add', namespace, k, None, m)
                                        for k, m in pairs])

    def prune(self, namespace, older_than):
        # removing expired entries cannot make a later run skip a story: not staged
        return self._store.prune(namespace, older_than)

    def stage(self, run_id, ops):
        self._store.stage(run_id, ops)

    def staged_runs(self):
        return self._store.staged_runs()

    def apply_staged(self, run_id, exclude=None):
        return self._store.apply_staged(run_id, exclude)

    def discard_staged(self, run_id):
        self._store.discard_staged(run_id)

    def lock(self, holder):
        return self._store.lock(holder)

    def close(self):
        self._store.close()


def open_state(config: StateConfig) -> StateStore:
    """Open the store ``config`` names. Call from ``DoFn.setup()`` or the run's driver code.

    With ``config.staging_run`` set, the store's writes are staged under that run.
    Raises :class:`StateUnavailable` when the store exists but cannot be used.
    """
    from .sqlite import SQLiteStateStore
    if config.url:
        if config.url.startswith('sqlite:///'):
            store = SQLiteStateStore(config.url[len('sqlite:///') - 1:])
        elif config.url.startswith(('redis://', 'rediss://')):
            from .redis import RedisStateStore
            store = RedisStateStore(config.url)
        elif config.url.startswith(('postgresql://', 'postgres://')):
            from .postgres import PostgresStateStore
            store = PostgresStateStore(config.url)
        else:
            raise ValueError(f'unsupported state url {redact_url(config.url)!r}')
    else:
        store = SQLiteStateStore.in_directory(config.dir)
    return store.staged(config.staging_run) if config.staging_run else store
