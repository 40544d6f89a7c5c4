"""The state store interface and how a store is chosen from configuration."""
from __future__ import annotations

import abc
import dataclasses
import time
from typing import Iterable, Iterator, Mapping

__all__ = ['StateConfig', 'StateStore', 'open_state']


@dataclasses.dataclass(frozen=True)
class StateConfig:
    """Where state lives: ``dir`` for the local SQLite default, or ``url`` for a shared store.

    ``url`` takes ``sqlite:///path/to/file.sqlite``; other schemes are for shared stores and are
    refused until a backend for them is registered. Picklable, so DoFns carry it to workers.
    """
    dir: str | None = None
    url: str | None = None

    def validate(self) -> None:
        if not self.dir and not self.url:
            raise ValueError('state needs "dir" or "url"')
        if self.url and not self.url.startswith(('sqlite:///', 'redis://', 'rediss://')):
            raise ValueError(f'unsupported state url {self.url!r}; allowed: sqlite:///PATH, '
                             'redis://HOST:PORT/DB')


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

    # runs ------------------------------------------------------------------------------------
    def checkpoint(self) -> str | None:
        """Save the whole state so a failed run can be undone; returns a token or ``None``.

        Stages write state while the pipeline runs (the dedup index, feed validators). If the run
        then fails before its outputs are written, those writes would make the next run skip
        stories nobody received. The driver checkpoints before a run and rolls back on failure.
        A store that cannot do this returns ``None`` (the driver then logs that it cannot).
        """
        return None

    def rollback(self, token: str) -> None:
        raise NotImplementedError

    def release(self, token: str) -> None:
        """Forget a checkpoint after a successful run."""

    def __enter__(self) -> 'StateStore':
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @staticmethod
    def now() -> float:
        return time.time()


def open_state(config: StateConfig) -> StateStore:
    """Open the store ``config`` names. Call from ``DoFn.setup()`` or the run's driver code."""
    from .sqlite import SQLiteStateStore
    if config.url:
        if config.url.startswith('sqlite:///'):
            return SQLiteStateStore(config.url[len('sqlite:///') - 1:])
        if config.url.startswith(('redis://', 'rediss://')):
            from .redis import RedisStateStore
            return RedisStateStore(config.url)
        raise ValueError(f'unsupported state url {config.url!r}')
    return SQLiteStateStore.in_directory(config.dir)
