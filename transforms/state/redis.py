"""A shared state store in Redis, for many workers on many machines (``redis://HOST:PORT/DB``).

Layout under a key prefix (``newsbeam`` by default; ``?prefix=NAME`` in the URL changes it):

* ``<prefix>:<ns>:kv`` -- hash, key -> JSON record; ``<prefix>:<ns>:kvt`` -- sorted set, key
  scored by the time it was written (for :meth:`prune`);
* ``<prefix>:<ns>:m:<key>`` -- set of members; ``<prefix>:<ns>:mt`` -- sorted set of
  ``key\\x1fmember`` scored by write time.

Every command is atomic in Redis, and writes are plain overwrites/set-adds, so concurrent writers
of the same values (Beam retries, several worker processes) are safe.
"""
from __future__ import annotations

import time
import urllib.parse
from typing import Iterable, Iterator, Mapping

import orjson

from .base import StateStore

__all__ = ['RedisStateStore']

_SEP = '\x1f'
_CHUNK = 1000


class RedisStateStore(StateStore):
    """State in a Redis server, shared by every worker that opens the same URL and prefix."""

    def __init__(self, url: str):
        import redis  # imported here: only needed when this backend is chosen

        parsed = urllib.parse.urlsplit(url)
        query = urllib.parse.parse_qs(parsed.query)
        self.prefix = query.pop('prefix', ['newsbeam'])[0]
        clean = urllib.parse.urlunsplit(parsed._replace(
            query=urllib.parse.urlencode(query, doseq=True)))
        self._db = redis.Redis.from_url(clean, decode_responses=False, socket_timeout=60)
        self._db.ping()

    def _k(self, namespace: str, suffix: str) -> str:
        return f'{self.prefix}:{namespace}:{suffix}'

    # key/value -------------------------------------------------------------------------------
    def get_many(self, namespace: str, keys: Iterable[str]) -> dict[str, dict]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, dict] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i:i + _CHUNK]
            for key, value in zip(chunk, self._db.hmget(self._k(namespace, 'kv'), chunk)):
                if value is not None:
                    found[key] = orjson.loads(value)
        return found

    def put_many(self, namespace: str, records: Mapping[str, dict]) -> None:
        if not records:
            return
        now = time.time()
        pipe = self._db.pipeline(transaction=True)
        pipe.hset(self._k(namespace, 'kv'),
                  mapping={k: orjson.dumps(v) for k, v in records.items()})
        pipe.zadd(self._k(namespace, 'kvt'), {k: now for k in records})
        pipe.execute()

    def delete_many(self, namespace: str, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return
        pipe = self._db.pipeline(transaction=True)
        pipe.hdel(self._k(namespace, 'kv'), *keys)
        pipe.zrem(self._k(namespace, 'kvt'), *keys)
        pipe.execute()

    def scan(self, namespace: str) -> Iterator[tuple[str, dict]]:
        rows = self._db.hgetall(self._k(namespace, 'kv'))
        for key in sorted(rows):
            yield key.decode('utf-8'), orjson.loads(rows[key])

    # multimaps -------------------------------------------------------------------------------
    def add_members(self, namespace: str, pairs: Iterable[tuple[str, str]]) -> None:
        pairs = list(pairs)
        if not pairs:
            return
        now = time.time()
        for i in range(0, len(pairs), _CHUNK):
            pipe = self._db.pipeline(transaction=False)
            chunk = pairs[i:i + _CHUNK]
            for key, member in chunk:
                pipe.sadd(self._k(namespace, f'm:{key}'), member)
            pipe.zadd(self._k(namespace, 'mt'), {f'{k}{_SEP}{m}': now for k, m in chunk})
            pipe.execute()

    def members(self, namespace: str, keys: Iterable[str]) -> dict[str, list[str]]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, list[str]] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i:i + _CHUNK]
            pipe = self._db.pipeline(transaction=False)
            for key in chunk:
                pipe.smembers(self._k(namespace, f'm:{key}'))
            for key, members in zip(chunk, pipe.execute()):
                if members:
                    found[key] = sorted(m.decode('utf-8') for m in members)
        return found

    # housekeeping ----------------------------------------------------------------------------
    def prune(self, namespace: str, older_than: float) -> int:
        removed = 0
        kvt, mt = self._k(namespace, 'kvt'), self._k(namespace, 'mt')
        old_keys = [k.decode('utf-8') for k in
                    self._db.zrangebyscore(kvt, '-inf', f'({older_than}')]
        for i in range(0, len(old_keys), _CHUNK):
            chunk = old_keys[i:i + _CHUNK]
            pipe = self._db.pipeline(transaction=True)
            pipe.hdel(self._k(namespace, 'kv'), *chunk)
            pipe.zrem(kvt, *chunk)
            removed += pipe.execute()[0]
        old_pairs = [p.decode('utf-8') for p in
                     self._db.zrangebyscore(mt, '-inf', f'({older_than}')]
        for i in range(0, len(old_pairs), _CHUNK):
            chunk = old_pairs[i:i + _CHUNK]
            pipe = self._db.pipeline(transaction=True)
            for pair in chunk:
                key, member = pair.split(_SEP, 1)
                pipe.srem(self._k(namespace, f'm:{key}'), member)
            pipe.zrem(mt, *chunk)
            removed += sum(pipe.execute()[:-1])
        return removed

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
