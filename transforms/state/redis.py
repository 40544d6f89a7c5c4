"""A shared state store in Redis, for many workers on many machines (``redis://HOST:PORT/DB``).

Layout under a key prefix (``newsbeam`` by default; ``?prefix=NAME`` in the URL changes it):

* ``<prefix>:<ns>:kv`` -- hash, key -> JSON record; ``<prefix>:<ns>:kvt`` -- sorted set, key
  scored by the time it was written (for :meth:`prune`);
* ``<prefix>:<ns>:m:<key>`` -- set of members; ``<prefix>:<ns>:mt`` -- sorted set of
  ``key\\x1fmember`` scored by write time;
* ``<prefix>:~stage:<run>`` -- hash of the writes staged by a run: field ``["kv"|"multi", ns,
  key, member]`` (JSON) -> the JSON record of a put, or empty for a delete or a multimap add, so
  the last op per key wins; ``<prefix>:~stages`` -- set of the runs with staged writes;
* ``<prefix>:~lock`` -- the run lock, a lease (``SET NX PX``) renewed by a heartbeat thread while
  its holder lives; ``<prefix>:~lock:last`` -- the same holder record without expiry, removed by a
  clean release, so the next holder can tell that a run died holding the lock.

Every command is atomic in Redis, and writes are plain overwrites/set-adds, so concurrent writers
of the same values (Beam retries, several worker processes) are safe. Staged writes are applied
in pipelined chunks (one ``MULTI`` each), not in one transaction: applying again after a crash
part-way writes the same values, and the stage is dropped only once all of it is applied.
"""
from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
import urllib.parse
from typing import Iterable, Iterator, Mapping

import orjson

from ..redact import redact_url
from .base import StagedOp, StateLock, StateLocked, StateStore, StateUnavailable

__all__ = ['RedisStateStore']

_SEP = '\x1f'
_CHUNK = 1000
_LOG = logging.getLogger(__name__)

# Take the lease; on success remember the holder in the non-expiring "last" key and return what
# an earlier holder left there (one that never released: a killed run), else the live holder.
_ACQUIRE = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local previous = redis.call('GET', KEYS[2])
  redis.call('SET', KEYS[2], ARGV[1])
  return {1, previous}
end
return {0, redis.call('GET', KEYS[1])}
"""
# Renew the lease only while it is still ours.
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
# Drop the lease and the "last holder" record, each only if it is still ours.
_RELEASE = """
local released = 0
if redis.call('GET', KEYS[1]) == ARGV[1] then
  released = redis.call('DEL', KEYS[1])
end
if redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('DEL', KEYS[2])
end
return released
"""


def _one_line(text: object) -> str:
    return ' '.join(str(text).split())


class RedisStateStore(StateStore):
    """State in a Redis server, shared by every worker that opens the same URL and prefix."""

    #: seconds a run lock lives without being renewed (a killed holder loses it this long after
    #: its death); the heartbeat renews it every third of that
    lock_ttl: float = 30.0

    def __init__(self, url: str):
        import redis  # imported here: only needed when this backend is chosen

        self._db = None
        try:
            parsed = urllib.parse.urlsplit(url)
            host, port = parsed.hostname or 'localhost', parsed.port or 6379
        except ValueError as exc:
            raise StateUnavailable(f'state url {redact_url(url)} is not valid: {_one_line(exc)}') \
                from None
        self.where = f'{host}:{port}{parsed.path or "/0"}'
        query = urllib.parse.parse_qs(parsed.query)
        self.prefix = query.pop('prefix', ['newsbeam'])[0]
        clean = urllib.parse.urlunsplit(parsed._replace(
            query=urllib.parse.urlencode(query, doseq=True)))
        try:
            self._db = redis.Redis.from_url(clean, decode_responses=False, socket_timeout=60,
                                            socket_connect_timeout=10)
            self._db.ping()
        except (redis.exceptions.RedisError, ValueError, OSError) as exc:
            if self._db is not None:
                self._db.close()
                self._db = None
            # a wrong password or database cannot be fixed by waiting; a server that is down can
            retryable = (isinstance(exc, (redis.exceptions.ConnectionError,
                                          redis.exceptions.TimeoutError, OSError))
                         and not isinstance(exc, redis.exceptions.AuthenticationError))
            reason = _one_line(exc)
            if parsed.password:
                reason = reason.replace(parsed.password, '***')
            raise StateUnavailable(f'Redis state server {host}:{port} cannot be used: {reason}',
                                   retryable=retryable) from None
        self._stages = f'{self.prefix}:~stages'
        self._lock_key = f'{self.prefix}:~lock'
        self._acquire = self._db.register_script(_ACQUIRE)
        self._renew = self._db.register_script(_RENEW)
        self._release = self._db.register_script(_RELEASE)

    def _stage_key(self, run_id: str) -> str:
        return f'{self.prefix}:~stage:{run_id}'

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

    # staged writes ---------------------------------------------------------------------------
    def stage(self, run_id: str, ops: Iterable[StagedOp]) -> None:
        fields: dict[bytes, bytes] = {}
        for op in ops:
            if op.kind == 'put':
                field, value = ['kv', op.namespace, op.key, ''], orjson.dumps(op.value)
            elif op.kind == 'delete':
                field, value = ['kv', op.namespace, op.key, ''], b''
            elif op.kind == 'add':
                field, value = ['multi', op.namespace, op.key, op.member or ''], b''
            else:
                raise ValueError(f'unknown staged op kind {op.kind!r}')
            fields[orjson.dumps(field)] = value  # the last op per key wins, here and in Redis
        if not fields:
            return
        key, items = self._stage_key(run_id), list(fields.items())
        for i in range(0, len(items), _CHUNK):
            pipe = self._db.pipeline(transaction=True)  # the stage hash and its run, together
            pipe.hset(key, mapping=dict(items[i:i + _CHUNK]))
            pipe.sadd(self._stages, run_id)
            pipe.execute()

    def staged_runs(self) -> list[str]:
        runs = sorted(r.decode('utf-8') for r in self._db.smembers(self._stages))
        if not runs:
            return []
        pipe = self._db.pipeline(transaction=False)
        for run in runs:
            pipe.exists(self._stage_key(run))
        return [run for run, exists in zip(runs, pipe.execute()) if exists]

    def apply_staged(self, run_id: str,
                     exclude: Mapping[str, Iterable[str]] | None = None) -> int:
        now = time.time()
        excluded = {ns: set(keys) for ns, keys in (exclude or {}).items()}
        key = self._stage_key(run_id)
        seen: set[bytes] = set()  # HSCAN may return a field twice: count (and write) it once
        applied = 0
        cursor = 0
        while True:
            cursor, batch = self._db.hscan(key, cursor, count=_CHUNK)
            puts: dict[str, dict[str, bytes]] = {}
            deletes: dict[str, list[str]] = {}
            adds: dict[str, list[tuple[str, str]]] = {}
            for field, value in batch.items():
                if field in seen:
                    continue
                seen.add(field)
                kind, ns, k, member = orjson.loads(field)
                if k in excluded.get(ns, ()):
                    continue
                if kind == 'multi':
                    adds.setdefault(ns, []).append((k, member))
                elif value:
                    puts.setdefault(ns, {})[k] = value
                else:
                    deletes.setdefault(ns, []).append(k)
            if puts or deletes or adds:
                applied += self._apply_batch(now, puts, deletes, adds)
            if not cursor:
                break
        pipe = self._db.pipeline(transaction=True)  # only now: a crash before this re-applies
        pipe.delete(key)
        pipe.srem(self._stages, run_id)
        pipe.execute()
        return applied

    def _apply_batch(self, now: float, puts: dict[str, dict[str, bytes]],
                     deletes: dict[str, list[str]],
                     adds: dict[str, list[tuple[str, str]]]) -> int:
        """Apply one chunk of staged ops in one ``MULTI``; returns how many took effect (puts
        and adds, and deletes of keys that were there, as the SQLite store counts them)."""
        pipe = self._db.pipeline(transaction=True)
        deleted_at = []
        for ns, records in puts.items():
            pipe.hset(self._k(ns, 'kv'), mapping=records)
            pipe.zadd(self._k(ns, 'kvt'), {k: now for k in records})
        for ns, keys in deletes.items():
            deleted_at.append(len(pipe))
            pipe.hdel(self._k(ns, 'kv'), *keys)
            pipe.zrem(self._k(ns, 'kvt'), *keys)
        for ns, pairs in adds.items():
            for k, member in pairs:
                pipe.sadd(self._k(ns, f'm:{k}'), member)
            pipe.zadd(self._k(ns, 'mt'), {f'{k}{_SEP}{m}': now for k, m in pairs})
        results = pipe.execute()
        return (sum(len(r) for r in puts.values()) + sum(results[i] for i in deleted_at)
                + sum(len(p) for p in adds.values()))

    def discard_staged(self, run_id: str) -> None:
        pipe = self._db.pipeline(transaction=True)
        pipe.delete(self._stage_key(run_id))
        pipe.srem(self._stages, run_id)
        pipe.execute()

    def lock(self, holder: dict) -> StateLock:
        return _LeaseLock(self, holder)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class _LeaseLock(StateLock):
    """The run lock as a Redis lease: taken with ``SET NX PX``, renewed by a daemon thread every
    third of its lifetime while the value is still ours, so a killed holder loses it once the
    lease runs out. ``previous`` is the holder record a run left that never released the lock."""

    def __init__(self, store: RedisStateStore, holder: dict):
        self._db = store._db  # kept: the heartbeat may outlive store.close()
        self._key, self._last = store._lock_key, f'{store._lock_key}:last'
        self._renew, self._release = store._renew, store._release
        self._ttl_ms = max(int(store.lock_ttl * 1000), 1)
        self.where = f'{self._key} on {store.where}'
        self.lost = False  # set when a renewal finds the lease taken over (it expired)
        record = {**holder, 'pid': os.getpid(), 'host': socket.gethostname(),
                  'since': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
                  'token': secrets.token_hex(16)}
        self._value = orjson.dumps(record)
        taken, other = store._acquire(keys=[self._key, self._last],
                                      args=[self._value, self._ttl_ms])
        if not taken:
            raise StateLocked(_holder(other), self.where)
        self.previous = _holder(other) or None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._heartbeat, daemon=True,
                                        name=f'state-lock-heartbeat {self._key}')
        self._thread.start()

    def _heartbeat(self) -> None:
        while not self._stop.wait(self._ttl_ms / 3000):
            try:
                if not self._renew(keys=[self._key], args=[self._value, self._ttl_ms]):
                    self.lost = True
                    _LOG.warning('the state lock %s expired and was taken by another run',
                                 self.where)
                    return
            except Exception as exc:  # noqa: BLE001 -- keep trying while the lease lives
                _LOG.warning('cannot renew the state lock %s: %s', self.where, _one_line(exc))

    def release(self) -> None:
        if self._stop.is_set():
            return
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join()
        try:
            self._release(keys=[self._key, self._last], args=[self._value])
        except Exception as exc:  # noqa: BLE001 -- the lease runs out by itself
            _LOG.warning('cannot release the state lock %s (it expires within %.0f s): %s',
                         self.where, self._ttl_ms / 1000, _one_line(exc))


def _holder(raw: bytes | None) -> dict:
    """The holder record stored in the lock, without its token."""
    if not raw:
        return {}
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return {}
    if not isinstance(record, dict):
        return {}
    record.pop('token', None)
    return record
