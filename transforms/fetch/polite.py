"""Politeness: how many requests one host gets at once, how far apart, and on which shard.

All feeds of one host land on the same shard (:func:`shard_of`), so one worker call sees every
request to that host and a :class:`HostLimiter` can hold the limits for the whole run.
"""
from __future__ import annotations

import contextlib
import threading
import time
import zlib
from typing import Callable, Iterator

from .addresses import host_key

__all__ = ['HostLimiter', 'shard_of']


def shard_of(url: str, shards: int) -> int:
    """A stable shard number for ``url``'s host (the same on every worker and every run)."""
    return zlib.crc32(host_key(url).encode('utf-8')) % shards


class HostLimiter:
    """At most ``concurrency`` requests at once per host; starts at least ``delay`` s apart.

    ``limiter(host)`` returns a context manager to hold around one request. Thread-safe.
    """

    def __init__(self, concurrency: int, delay: float, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        if concurrency < 1:
            raise ValueError('concurrency must be at least 1')
        self.concurrency = concurrency
        self.delay = delay
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._hosts: dict[str, tuple[threading.Semaphore, threading.Lock, list[float]]] = {}

    def _slots(self, host: str):
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = (threading.Semaphore(self.concurrency), threading.Lock(),
                                     [float('-inf')])
            return self._hosts[host]

    @contextlib.contextmanager
    def __call__(self, host: str) -> Iterator[None]:
        sem, start_lock, last = self._slots(host.lower())
        with sem:
            # Waiting under the host's lock makes concurrent callers start one delay apart.
            with start_lock:
                wait = last[0] + self.delay - self._clock()
                if wait > 0:
                    self._sleep(wait)
                last[0] = self._clock()
            yield
