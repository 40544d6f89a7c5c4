"""A shared state store in PostgreSQL, for many workers on many machines.

Selected by a ``postgresql://`` (or ``postgres://``) state URL, e.g.
``postgresql://newsbeam@db.internal:5432/news?schema=newsbeam_state&sslmode=require``. Every
libpq parameter in the URL passes through; ``schema`` (default ``newsbeam_state``) names the
schema the store keeps its tables in. The password comes from the environment: the whole URL in
the variable ``state.url_env`` names, or libpq's ``PGPASSWORD`` / ``~/.pgpass``; it is never
logged (messages name ``host:port/db schema S`` only).

Layout, created by the store on first open (``CREATE`` rights on the database, or a schema a DBA
created empty for it):

* ``meta (key, value)`` -- ``schema_version``; a store of a newer version is refused, so an old
  newsbeam never writes into tables it does not understand;
* ``kv (ns, key, value, written)`` -- records, ``value`` the record as JSON bytes;
* ``multi (ns, key, member, written)`` -- multimap pairs;
* ``staged (run, kind, ns, key, member, value)`` -- writes staged by a run, one row per key so
  the last op wins (``value`` NULL for a delete);
* ``lock_holder (id, holder, token)`` -- who holds the run lock, removed by a clean release.

Text columns use ``COLLATE "C"``: keys and members sort by code point, as in SQLite and Python.

Guarantees: every write is one transaction (a deadlock between concurrent writers is retried);
:meth:`PostgresStateStore.apply_staged` applies a run's writes and drops its stage in ONE
transaction, so it is all or nothing and applying again is a no-op. The run lock is a
session-level advisory lock held by a connection of its own: the server drops it when that
connection ends, however the holder dies (a killed process at once; a vanished machine once TCP
keepalives give up, about a minute). Advisory locks need a direct connection or a session-mode
pooler (not PgBouncer's transaction mode). A lost connection raises :class:`StateUnavailable`
(``retryable``) with one line; the next call connects again.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import secrets
import socket
import threading
import time
import urllib.parse
from typing import Callable, Iterable, Iterator, Mapping, TypeVar

import orjson

from ..redact import redact_text, redact_url, url_secrets
from .base import StagedOp, StateLock, StateLocked, StateStore, StateUnavailable

__all__ = ['PostgresStateStore', 'SCHEMA_VERSION', 'DEFAULT_SCHEMA', 'split_state_url']

#: the layout this code reads and writes (``meta.schema_version``)
SCHEMA_VERSION = 1
DEFAULT_SCHEMA = 'newsbeam_state'

_LOG = logging.getLogger(__name__)
_CHUNK = 5000            # rows per statement (arrays passed to unnest)
_RETRIES = 5             # attempts of a transaction that lost a deadlock
# lower case only, so the name needs no quoting rules beyond the double quotes added here
_SCHEMA_NAME = re.compile(r'[a-z_][a-z0-9_]{0,62}')
# libpq defaults newsbeam sets unless the URL gives them: fail fast on an unreachable server,
# and let the server notice a vanished lock holder (keepalives) instead of holding it for hours
_DEFAULTS = {'connect_timeout': '10', 'application_name': 'newsbeam', 'keepalives': '1',
             'keepalives_idle': '30', 'keepalives_interval': '10', 'keepalives_count': '3'}
# SQLSTATE classes an operator must fix (no retry helps): 28 = bad credentials,
# 3D = no such database, 42 = no privilege / syntax
_NOT_RETRYABLE = ('28', '3D', '42')

_T = TypeVar('_T')

# from the catalog tables, not to_regclass(): its cached lookup can miss a table another session
# has just created, and a second creator would then find "foreign" tables
_HAS_META = ("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname = %s AND c.relname = 'meta'")


def _one_line(text: object) -> str:
    return ' '.join(str(text).split())


def _lock_key(purpose: str, schema: str) -> int:
    """A signed 64-bit advisory-lock key for ``purpose`` on ``schema`` (stable everywhere)."""
    digest = hashlib.blake2b(f'newsbeam-state:{purpose}:{schema}'.encode(), digest_size=8)
    return int.from_bytes(digest.digest(), 'big', signed=True)


def split_state_url(url: str) -> tuple[str, str]:
    """``(libpq URL without newsbeam's own parameters, schema name)``.

    Raises ``ValueError`` (one line, the URL redacted) for a URL that cannot be read or a schema
    name that is not a plain lower-case identifier.
    """
    try:
        parsed = urllib.parse.urlsplit(url)
        query = urllib.parse.parse_qsl(parsed.query, keep_blank_values=True)
    except ValueError as exc:
        raise ValueError(f'state url {redact_url(url)} is not valid: {_one_line(exc)}') from None
    schema = DEFAULT_SCHEMA
    rest = []
    for key, value in query:
        if key == 'schema':
            schema = value
        else:
            rest.append((key, value))
    if not _SCHEMA_NAME.fullmatch(schema):
        raise ValueError(f'state url {redact_url(url)}: schema {schema!r} is not allowed; use '
                         f'lower-case letters, digits and _ (at most 63, not starting with a '
                         f'digit)')
    clean = urllib.parse.urlunsplit(parsed._replace(query=urllib.parse.urlencode(rest)))
    return clean, schema


class PostgresStateStore(StateStore):
    """State in one schema of a PostgreSQL database, shared by every worker that opens it."""

    #: seconds between the lock connection's keep-alive queries (they also notice a lost lock)
    lock_heartbeat: float = 10.0

    def __init__(self, url: str):
        import psycopg  # imported here: only needed when this backend is chosen
        from psycopg.conninfo import conninfo_to_dict

        self._psycopg = psycopg
        self._secrets = url_secrets(url)
        try:
            self._url, self.schema = split_state_url(url)
            params = conninfo_to_dict(self._url)
        except (ValueError, psycopg.ProgrammingError) as exc:
            raise StateUnavailable(_one_line(redact_text(str(exc), self._secrets))) from None
        self._secrets = tuple({*self._secrets, *([params['password']]
                                                 if params.get('password') else [])})
        self._connect_args = {k: v for k, v in _DEFAULTS.items() if k not in params}
        host = params.get('host') or os.environ.get('PGHOST') or 'localhost'
        port = params.get('port') or os.environ.get('PGPORT') or '5432'
        dbname = params.get('dbname') or os.environ.get('PGDATABASE') or params.get('user') or ''
        self.where = f'{host}:{port}/{dbname} schema {self.schema}'
        s = f'"{self.schema}"'  # safe to splice: checked against _SCHEMA_NAME
        self._t = {name: f'{s}.{name}' for name in
                   ('meta', 'kv', 'multi', 'staged', 'lock_holder')}
        self._db = None
        self._db = self._connect()
        try:
            self._ensure_schema()
        except BaseException:
            self.close()
            raise

    # connections and errors ------------------------------------------------------------------
    def _message(self, exc: BaseException) -> str:
        return _one_line(redact_text(str(exc), self._secrets)) or type(exc).__name__

    def _unavailable(self, exc: BaseException, doing: str) -> StateUnavailable:
        state = getattr(exc, 'sqlstate', None) or ''
        retryable = (isinstance(exc, self._psycopg.OperationalError)
                     and not state.startswith(_NOT_RETRYABLE)
                     and 'authentication failed' not in str(exc)
                     and 'does not exist' not in str(exc))
        return StateUnavailable(f'PostgreSQL state {self.where} cannot be used ({doing}): '
                                f'{self._message(exc)}', retryable=retryable)

    def _connect(self):
        try:
            return self._psycopg.connect(self._url, autocommit=True, **self._connect_args)
        except self._psycopg.Error as exc:
            raise self._unavailable(exc, 'connecting') from None

    @contextlib.contextmanager
    def _guard(self, doing: str):
        """Turn database errors into :class:`StateUnavailable`; a broken connection is
        replaced at the next call."""
        if self._db is None or self._db.closed:
            self._db = self._connect()
        try:
            yield self._db
        except self._psycopg.DataError as exc:  # e.g. a NUL character in a key
            raise ValueError(f'state {doing}: {self._message(exc)}') from None
        except self._psycopg.Error as exc:
            if self._db is not None and self._db.broken:
                self._db.close()
            raise self._unavailable(exc, doing) from None

    def _transaction(self, doing: str, work: Callable[..., _T]) -> _T:
        """``work(cursor)`` in one transaction, tried again when it loses a deadlock."""
        errors = self._psycopg.errors
        for attempt in range(_RETRIES):
            with self._guard(doing) as db:
                try:
                    with db.transaction(), db.cursor() as cur:
                        return work(cur)
                except (errors.DeadlockDetected, errors.SerializationFailure):
                    if attempt == _RETRIES - 1:
                        raise
            time.sleep(0.05 * (attempt + 1) * (1 + secrets.randbelow(100) / 100))
        raise AssertionError('unreachable')  # pragma: no cover

    def _query(self, doing: str, sql: str, params: tuple | dict = ()) -> list[tuple]:
        with self._guard(doing) as db:
            return db.execute(sql, params).fetchall()

    # the schema ------------------------------------------------------------------------------
    def _version(self) -> int | None:
        """The schema version stored, ``None`` when there is no ``meta`` table yet."""
        if not self._query('reading its version', _HAS_META, (self.schema,)):
            return None
        rows = self._query('reading its version',
                           f"SELECT value FROM {self._t['meta']} WHERE key = 'schema_version'")
        try:
            return int(rows[0][0]) if rows else 0
        except ValueError:
            return 0

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StateUnavailable(
                f'PostgreSQL state {self.where} has schema version {version}, newer than this '
                f'newsbeam understands ({SCHEMA_VERSION}): upgrade newsbeam, or name another '
                f'schema (?schema=NAME in the state URL)')
        if version < 1:
            raise StateUnavailable(
                f'PostgreSQL state {self.where}: its meta table has no valid schema_version: '
                f'not a newsbeam state store; name another schema (?schema=NAME)')

    def _ensure_schema(self) -> None:
        version = self._version()
        if version is None:
            self._transaction('creating its tables', self._create)
            version = self._version() or 0
        self._check_version(version)

    def _create(self, cur) -> None:
        # one creator at a time: workers opening a new store together would race on the catalog
        cur.execute('SELECT pg_advisory_xact_lock(%s)', (_lock_key('init', self.schema),))
        cur.execute(_HAS_META, (self.schema,))
        if cur.fetchone() is not None:
            return  # another worker created it meanwhile
        cur.execute('SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = '
                    'c.relnamespace WHERE n.nspname = %s', (self.schema,))
        if cur.fetchone()[0]:
            raise StateUnavailable(
                f'PostgreSQL state {self.where}: the schema holds tables that are not a '
                f'newsbeam state store; name another schema (?schema=NAME in the state URL)')
        cur.execute('SELECT 1 FROM pg_namespace WHERE nspname = %s', (self.schema,))
        if cur.fetchone() is None:  # a schema a DBA created empty needs no CREATE right
            cur.execute(f'CREATE SCHEMA "{self.schema}"')
        t, c = self._t, 'COLLATE "C" NOT NULL'
        cur.execute(f'CREATE TABLE {t["meta"]} (key TEXT {c} PRIMARY KEY, value TEXT NOT NULL)')
        cur.execute(f'CREATE TABLE {t["kv"]} (ns TEXT {c}, key TEXT {c}, value BYTEA NOT NULL, '
                    f'written DOUBLE PRECISION NOT NULL, PRIMARY KEY (ns, key))')
        cur.execute(f'CREATE TABLE {t["multi"]} (ns TEXT {c}, key TEXT {c}, member TEXT {c}, '
                    f'written DOUBLE PRECISION NOT NULL, PRIMARY KEY (ns, key, member))')
        cur.execute(f'CREATE INDEX kv_written ON {t["kv"]} (ns, written)')
        cur.execute(f'CREATE INDEX multi_written ON {t["multi"]} (ns, written)')
        cur.execute(f'CREATE TABLE {t["staged"]} (run TEXT {c}, kind TEXT {c}, ns TEXT {c}, '
                    f'key TEXT {c}, member TEXT {c}, value BYTEA, '
                    f'PRIMARY KEY (run, kind, ns, key, member))')
        cur.execute(f'CREATE TABLE {t["lock_holder"]} (id INTEGER PRIMARY KEY CHECK (id = 1), '
                    f'holder BYTEA NOT NULL, token TEXT NOT NULL)')
        cur.execute(f"INSERT INTO {t['meta']} (key, value) VALUES ('schema_version', %s)",
                    (str(SCHEMA_VERSION),))

    # key/value -------------------------------------------------------------------------------
    def get_many(self, namespace: str, keys: Iterable[str]) -> dict[str, dict]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, dict] = {}
        for i in range(0, len(keys), _CHUNK):
            rows = self._query('reading', f"SELECT key, value FROM {self._t['kv']} "
                               f"WHERE ns = %s AND key = ANY(%s)", (namespace, keys[i:i + _CHUNK]))
            for key, value in rows:
                found[key] = orjson.loads(value)
        return found

    def put_many(self, namespace: str, records: Mapping[str, dict]) -> None:
        if not records:
            return
        now = time.time()
        keys = sorted(records)  # every writer locks rows in one order: fewer deadlocks
        values = [orjson.dumps(records[k]) for k in keys]

        def work(cur):
            for i in range(0, len(keys), _CHUNK):
                cur.execute(
                    f"INSERT INTO {self._t['kv']} (ns, key, value, written) SELECT %s, k, v, %s "
                    f"FROM unnest(%s::text[], %s::bytea[]) AS t(k, v) ORDER BY k "
                    f"ON CONFLICT (ns, key) DO UPDATE SET value = EXCLUDED.value, "
                    f"written = EXCLUDED.written",
                    (namespace, now, keys[i:i + _CHUNK], values[i:i + _CHUNK]))
        self._transaction('writing', work)

    def delete_many(self, namespace: str, keys: Iterable[str]) -> None:
        keys = sorted(set(keys))
        if not keys:
            return

        def work(cur):
            for i in range(0, len(keys), _CHUNK):
                cur.execute(f"DELETE FROM {self._t['kv']} WHERE ns = %s AND key = ANY(%s)",
                            (namespace, keys[i:i + _CHUNK]))
        self._transaction('deleting', work)

    def scan(self, namespace: str) -> Iterator[tuple[str, dict]]:
        rows = self._query('reading', f"SELECT key, value FROM {self._t['kv']} WHERE ns = %s "
                           f"ORDER BY key", (namespace,))
        for key, value in rows:
            yield key, orjson.loads(value)

    # multimaps -------------------------------------------------------------------------------
    def add_members(self, namespace: str, pairs: Iterable[tuple[str, str]]) -> None:
        pairs = sorted(set(pairs))
        if not pairs:
            return
        now = time.time()

        def work(cur):
            for i in range(0, len(pairs), _CHUNK):
                chunk = pairs[i:i + _CHUNK]
                cur.execute(
                    f"INSERT INTO {self._t['multi']} (ns, key, member, written) "
                    f"SELECT %s, k, m, %s FROM unnest(%s::text[], %s::text[]) AS t(k, m) "
                    f"ORDER BY k, m ON CONFLICT (ns, key, member) DO UPDATE "
                    f"SET written = EXCLUDED.written",
                    (namespace, now, [k for k, _ in chunk], [m for _, m in chunk]))
        self._transaction('writing', work)

    def members(self, namespace: str, keys: Iterable[str]) -> dict[str, list[str]]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, list[str]] = {}
        for i in range(0, len(keys), _CHUNK):
            rows = self._query('reading', f"SELECT key, member FROM {self._t['multi']} "
                               f"WHERE ns = %s AND key = ANY(%s) ORDER BY key, member",
                               (namespace, keys[i:i + _CHUNK]))
            for key, member in rows:
                found.setdefault(key, []).append(member)
        return found

    # housekeeping ----------------------------------------------------------------------------
    def prune(self, namespace: str, older_than: float) -> int:
        def work(cur):
            removed = 0
            for table in ('kv', 'multi'):
                cur.execute(f'DELETE FROM {self._t[table]} WHERE ns = %s AND written < %s',
                            (namespace, older_than))
                removed += cur.rowcount
            return removed
        return self._transaction('pruning', work)

    # staged writes ---------------------------------------------------------------------------
    def stage(self, run_id: str, ops: Iterable[StagedOp]) -> None:
        rows: dict[tuple[str, str, str, str], bytes | None] = {}  # the last op per key wins
        for op in ops:
            if op.kind == 'put':
                rows[('kv', op.namespace, op.key, '')] = orjson.dumps(op.value)
            elif op.kind == 'delete':
                rows[('kv', op.namespace, op.key, '')] = None
            elif op.kind == 'add':
                rows[('multi', op.namespace, op.key, op.member or '')] = b''
            else:
                raise ValueError(f'unknown staged op kind {op.kind!r}')
        if not rows:
            return
        ordered = sorted(rows)
        columns = list(zip(*ordered))

        def work(cur):
            for i in range(0, len(ordered), _CHUNK):
                cur.execute(
                    f"INSERT INTO {self._t['staged']} (run, kind, ns, key, member, value) "
                    f"SELECT %s, kind, ns, key, member, value FROM unnest(%s::text[], "
                    f"%s::text[], %s::text[], %s::text[], %s::bytea[]) "
                    f"AS t(kind, ns, key, member, value) ORDER BY kind, ns, key, member "
                    f"ON CONFLICT (run, kind, ns, key, member) "
                    f"DO UPDATE SET value = EXCLUDED.value",
                    (run_id, *(list(col[i:i + _CHUNK]) for col in columns),
                     [rows[k] for k in ordered[i:i + _CHUNK]]))
        self._transaction('staging', work)

    def staged_runs(self) -> list[str]:
        return [row[0] for row in self._query(
            'reading staged runs', f"SELECT DISTINCT run FROM {self._t['staged']} ORDER BY run")]

    def apply_staged(self, run_id: str,
                     exclude: Mapping[str, Iterable[str]] | None = None) -> int:
        now = time.time()
        excluded = sorted({(ns, key) for ns, keys in (exclude or {}).items() for key in keys})
        params = {'run': run_id, 'now': now, 'ex_ns': [ns for ns, _ in excluded],
                  'ex_key': [key for _, key in excluded]}
        t = self._t
        # a hashed subplan: NOT EXISTS over unnest() was planned as a nested loop (50,000
        # staged rows with 1,000 excluded keys: 20 s, against 1 s for this)
        keep = ('(s.ns, s.key) NOT IN (SELECT e.ns, e.key FROM unnest(%(ex_ns)s::text[], '
                '%(ex_key)s::text[]) AS e(ns, key))')

        def work(cur):  # one transaction: all of the run's writes and the stage's end, or none
            # room to hash a long exclusion list (a NOT IN that does not fit is a linear scan)
            cur.execute("SET LOCAL work_mem = '64MB'")
            cur.execute(
                f"INSERT INTO {t['kv']} (ns, key, value, written) SELECT s.ns, s.key, s.value, "
                f"%(now)s FROM {t['staged']} s WHERE s.run = %(run)s AND s.kind = 'kv' "
                f"AND s.value IS NOT NULL AND {keep} ORDER BY s.ns, s.key "
                f"ON CONFLICT (ns, key) DO UPDATE SET value = EXCLUDED.value, "
                f"written = EXCLUDED.written", params)
            applied = cur.rowcount
            cur.execute(
                f"DELETE FROM {t['kv']} k USING {t['staged']} s WHERE s.run = %(run)s "
                f"AND s.kind = 'kv' AND s.value IS NULL AND k.ns = s.ns AND k.key = s.key "
                f"AND {keep}", params)
            applied += cur.rowcount
            cur.execute(
                f"INSERT INTO {t['multi']} (ns, key, member, written) SELECT s.ns, s.key, "
                f"s.member, %(now)s FROM {t['staged']} s WHERE s.run = %(run)s "
                f"AND s.kind = 'multi' AND {keep} ORDER BY s.ns, s.key, s.member "
                f"ON CONFLICT (ns, key, member) DO UPDATE SET written = EXCLUDED.written",
                params)
            applied += cur.rowcount
            cur.execute(f"DELETE FROM {t['staged']} WHERE run = %(run)s", params)
            return applied
        return self._transaction('applying staged writes', work)

    def discard_staged(self, run_id: str) -> None:
        self._transaction('discarding staged writes', lambda cur: cur.execute(
            f"DELETE FROM {self._t['staged']} WHERE run = %s", (run_id,)))

    def lock(self, holder: dict) -> StateLock:
        return _AdvisoryLock(self, holder)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class _AdvisoryLock(StateLock):
    """The run lock: ``pg_try_advisory_lock`` on a connection of its own, which the server
    releases when that connection ends. The holder's record stays in ``lock_holder`` until a
    clean release removes it, so the next holder can tell a run that died holding the lock
    (``previous``) and a second taker can name the live holder. A daemon thread queries the
    connection every :attr:`PostgresStateStore.lock_heartbeat` seconds and sets ``lost`` (with
    a warning) when the connection, and with it the lock, is gone."""

    def __init__(self, store: PostgresStateStore, holder: dict):
        self._store = store
        self._key = _lock_key('run-lock', store.schema)
        self._table = store._t['lock_holder']
        self.where = f'on {store.where}'
        self.lost = False
        self._guard = threading.Lock()  # one query at a time on the lock's connection
        self._stop = threading.Event()
        self._token = secrets.token_hex(16)
        self._db = store._connect()
        try:
            self._take(holder)
        except BaseException:
            self._db.close()
            raise
        self._thread = threading.Thread(target=self._heartbeat, daemon=True,
                                        name=f'state-lock-heartbeat {store.where}')
        self._thread.start()

    def _take(self, holder: dict) -> None:
        errors = self._store._psycopg.Error
        try:
            taken = self._db.execute('SELECT pg_try_advisory_lock(%s)', (self._key,)).fetchone()[0]
            row = self._db.execute(f'SELECT holder FROM {self._table} WHERE id = 1').fetchone()
            if not taken:
                raise StateLocked(_holder(row[0] if row else None), self.where)
            self.previous = _holder(row[0] if row else None) or None
            record = {**holder, 'pid': os.getpid(), 'host': socket.gethostname(),
                      'since': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}
            self._db.execute(
                f'INSERT INTO {self._table} (id, holder, token) VALUES (1, %s, %s) '
                f'ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, token = EXCLUDED.token',
                (orjson.dumps(record), self._token))
        except errors as exc:
            raise self._store._unavailable(exc, 'taking the run lock') from None

    def _heartbeat(self) -> None:
        while not self._stop.wait(self._store.lock_heartbeat):
            try:
                with self._guard:
                    if self._stop.is_set():
                        return
                    self._db.execute('SELECT 1').fetchone()
            except Exception as exc:  # noqa: BLE001 -- any failure means the session is gone
                self.lost = True
                _LOG.warning('the connection holding the state lock %s was lost, and with it '
                             'the lock (another run may take it): %s', self.where,
                             self._store._message(exc))
                return

    def release(self) -> None:
        if self._stop.is_set():
            return
        self._stop.set()
        with self._guard:
            try:
                if not self._db.closed:
                    self._db.execute(f'DELETE FROM {self._table} WHERE id = 1 AND token = %s',
                                     (self._token,))
                    self._db.execute('SELECT pg_advisory_unlock(%s)', (self._key,))
            except Exception as exc:  # noqa: BLE001 -- closing the session releases it anyway
                _LOG.warning('cannot release the state lock %s cleanly (closing its '
                             'connection releases it): %s', self.where, self._store._message(exc))
            finally:
                self._db.close()


def _holder(raw: bytes | None) -> dict:
    """The holder record stored beside the lock."""
    if not raw:
        return {}
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return {}
    return record if isinstance(record, dict) else {}
