"""The PostgreSQL sink: items, duplicates, dead letters and runs in one schema (psycopg 3).

Goes in: batches of records (``transforms.sink.sql`` turns them into rows). Comes out: the
tables of ``transforms/sink/migrations/postgres.py`` in schema ``schema`` (default
``newsbeam``): typed columns, ``timestamptz`` times, ``jsonb`` nested fields with a GIN index on
``tags``, and ``item_tags`` rows.

Config (``output.sinks`` entry ``use: postgres``)::

    with:
      url_env: DATABASE_URL    # the environment variable holding the connection URL (default)
      schema: newsbeam         # created by the first run (or ``newsbeam db upgrade``)
      auto_migrate: true
      connect_timeout: 10

The connection URL (``postgresql://USER:PASSWORD@HOST:PORT/DB?sslmode=require``) is read from
the environment on the driver and on every worker, never pickled with the pipeline; ``url:``
may name a URL in the config instead, but only one without a password (libpq then takes it
from ``PGPASSWORD`` or ``~/.pgpass``). Messages name ``host:port/db schema S`` only.

A batch is one transaction: binary ``COPY`` into a temporary staging table, then ``INSERT ...
SELECT ... ON CONFLICT (id) DO UPDATE``. A row PostgreSQL refuses (a NUL character in text,
a time out of range, a value over a limit) makes the batch go again record by record, each in
a savepoint; a lost connection (a server restart, ``pg_terminate_backend``) or a server that
does not answer raises ``SinkUnavailable`` (the batch is retried on a new connection).
"""
from __future__ import annotations

import hashlib
import os
import re
from typing import Any, Callable, ClassVar, TypeVar

from .base import SinkConfigError, SinkUnavailable
from .sql import (ITEM_TAGS, ITEMS, RUNS, RecordRows, SqlSink, Table, check_config_url,
                  dsn_secrets, one_line)
from .migrations import latest_version

__all__ = ['PostgresSink', 'DEFAULT_URL_ENV', 'DEFAULT_SCHEMA']

_T = TypeVar('_T')

DEFAULT_URL_ENV = 'DATABASE_URL'
DEFAULT_SCHEMA = 'newsbeam'
# lower case only, so the name needs no quoting rules beyond the double quotes added here
_SCHEMA_NAME = re.compile(r'[a-z_][a-z0-9_]{0,62}')
# libpq settings newsbeam adds unless the URL gives them: fail fast on a server that does not
# answer, and notice a vanished server (keepalives) instead of waiting for hours
_CONNECT_DEFAULTS = {'application_name': 'newsbeam-sink', 'keepalives': '1',
                     'keepalives_idle': '30', 'keepalives_interval': '10',
                     'keepalives_count': '3'}
# SQLSTATE classes that are the record's data: 22 data exception (a NUL character, a time out
# of range), 23 integrity constraint, 54 program limit exceeded (an index row too large)
_ROW_CLASSES = ('22', '23', '54')
# ... and those an operator must fix: 28 bad credentials, 3D no such database, 42 no privilege,
# no such table (a dropped schema), 0A feature not supported
_FATAL_CLASSES = ('28', '3D', '42', '0A')
_CAST = {'text': '', 'time': '::timestamptz', 'json': '::jsonb', 'float': '::double precision'}
_COPY_TYPE = {'text': 'text', 'time': 'text', 'json': 'text', 'float': 'float8'}


def _lock_key(schema: str) -> int:
    """A signed 64-bit advisory-lock key for migrating ``schema`` (stable everywhere)."""
    digest = hashlib.blake2b(f'newsbeam-sink:migrate:{schema}'.encode(), digest_size=8)
    return int.from_bytes(digest.digest(), 'big', signed=True)


class PostgresSink(SqlSink):
    """Write to schema ``schema`` of the PostgreSQL database the URL names."""

    kind: ClassVar[str] = 'postgres'
    dialect: ClassVar[str] = 'postgres'
    MIGRATIONS_TABLE: ClassVar[str] = (
        'CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (version integer PRIMARY KEY, '
        'name text NOT NULL, applied_at timestamptz NOT NULL, newsbeam_version text)')

    def __init__(self, url_env: str | None = None, url: str | None = None,
                 schema: str = DEFAULT_SCHEMA, auto_migrate: bool = True,
                 connect_timeout: float = 10.0):
        if url is not None and url_env is not None:
            raise SinkConfigError('give with.url or with.url_env, not both')
        if url is not None and (not isinstance(url, str) or not url.strip()):
            raise SinkConfigError('with.url: expected a connection URL')
        if url_env is not None and (not isinstance(url_env, str)
                                    or not re.fullmatch(r'[A-Za-z_][A-Za-z0-9_]*', url_env)):
            raise SinkConfigError(f'with.url_env: {url_env!r} is not an environment variable '
                                  f'name')
        check_config_url(url, 'sink postgres')
        if not isinstance(schema, str) or not _SCHEMA_NAME.fullmatch(schema):
            raise SinkConfigError(f'with.schema: {schema!r} is not allowed; use lower-case '
                                  f'letters, digits and _ (at most 63, not starting with a digit)')
        if not isinstance(auto_migrate, bool):
            raise SinkConfigError('with.auto_migrate: expected true or false')
        if (isinstance(connect_timeout, bool) or not isinstance(connect_timeout, (int, float))
                or connect_timeout <= 0):
            raise SinkConfigError('with.connect_timeout: expected a number of seconds above 0')
        self.url_env = url_env if url is None else None
        self.url = url
        self.schema = schema
        self.auto_migrate = auto_migrate
        self.connect_timeout = connect_timeout
        self._q = f'"{schema}"'   # safe to splice: checked against _SCHEMA_NAME

    # the URL ----------------------------------------------------------------------------------
    @property
    def variable(self) -> str:
        """The environment variable the URL comes from."""
        return self.url_env or DEFAULT_URL_ENV

    def _resolve_url(self) -> str:
        if self.url is not None:
            return self.url
        url = os.environ.get(self.variable)
        if not url:
            raise SinkConfigError(f'sink {self.name}: environment variable {self.variable} is '
                                  f'not set; it holds the PostgreSQL URL '
                                  f'(postgresql://USER:PASSWORD@HOST:PORT/DB)')
        return url

    def _conninfo(self) -> tuple[str, dict]:
        from psycopg.conninfo import conninfo_to_dict, make_conninfo
        url = self._resolve_url()
        secrets = dsn_secrets(url)
        try:
            params = conninfo_to_dict(url)
        except Exception as exc:  # psycopg.ProgrammingError: a URL libpq cannot read
            where = 'with.url' if self.url is not None else self.variable
            raise SinkConfigError(f'sink {self.name}: the URL in {where} cannot be read: '
                                  f'{one_line(exc, secrets)}') from None
        if params.get('password'):
            secrets = tuple(sorted({*secrets, params['password']}, key=len, reverse=True))
        self._secrets = secrets
        extra = {k: v for k, v in _CONNECT_DEFAULTS.items() if k not in params}
        if 'connect_timeout' not in params:
            extra['connect_timeout'] = str(max(1, round(self.connect_timeout)))
        return make_conninfo(url, **extra), params

    def where(self) -> str:
        try:
            from psycopg.conninfo import conninfo_to_dict
            params = conninfo_to_dict(self._resolve_url())
        except Exception:  # an unreadable or missing URL: the message about it says so
            return f'PostgreSQL schema {self.schema}'
        host = params.get('host') or os.environ.get('PGHOST') or 'localhost'
        port = params.get('port') or os.environ.get('PGPORT') or '5432'
        dbname = params.get('dbname') or os.environ.get('PGDATABASE') or params.get('user') or ''
        return f'PostgreSQL {host}:{port}/{dbname} schema {self.schema}'

    def describe(self) -> str:
        source = 'with.url' if self.url is not None else f'${self.variable}'
        return f'{self.name} ({self.where()}, URL from {source})'

    def __getstate__(self):
        state = super().__getstate__()
        state.pop('_secrets', None)   # derived from the URL: recomputed where it is read
        return state

    # connections ------------------------------------------------------------------------------
    def _open(self):
        import psycopg
        conninfo, _ = self._conninfo()
        try:
            return psycopg.connect(conninfo, autocommit=True)
        except psycopg.Error as exc:
            message = f'{self.where()}: cannot connect: {one_line(exc, self._secrets)}'
            state = getattr(exc, 'sqlstate', None) or ''
            text = str(exc)
            if (state.startswith(_FATAL_CLASSES) or 'password authentication failed' in text
                    or ('database' in text and 'does not exist' in text)):
                raise SinkConfigError(f'sink {self.name}: {message}') from None
            raise SinkUnavailable(message) from None

    def _close(self, conn) -> None:
        conn.close()

    def _classify(self, exc: BaseException, conn) -> str:
        import psycopg
        if isinstance(exc, UnicodeEncodeError):
            return 'row'
        if not isinstance(exc, psycopg.Error):
            return 'fatal'
        if conn is None or conn.closed or conn.broken:
            return 'transient'
        state = getattr(exc, 'sqlstate', None) or ''
        if state.startswith(_ROW_CLASSES):
            return 'row'
        if not state and isinstance(exc, psycopg.DataError):
            return 'row'   # refused by psycopg before sending (a NUL character in a parameter)
        if state.startswith(_FATAL_CLASSES):
            return 'fatal'
        if isinstance(exc, psycopg.OperationalError):
            return 'transient'   # 08 connection, 40 deadlock, 53 resources, 57 shutdown/cancel
        return 'fatal'

    def _transaction(self, conn, work: Callable[[Any], _T]) -> _T:
        with conn.transaction():
            return work(conn)

    def _savepoint(self, conn, work: Callable[[], None]) -> None:
        with conn.transaction():   # nested: a savepoint, rolled back to when work raises
            work()

    # writes -----------------------------------------------------------------------------------
    def _stage_name(self, table: Table) -> str:
        return f'nb_stage_v{latest_version()}_{table.name}'

    def _copy_into_stage(self, cur, table: Table, rows: list[tuple]) -> str:
        stage = self._stage_name(table)
        columns = ', '.join(f'{c.name} {_COPY_TYPE[c.kind]}' for c in table.columns)
        cur.execute(f'CREATE TEMP TABLE IF NOT EXISTS {stage} ({columns}) '
                    f'ON COMMIT DELETE ROWS')
        with cur.copy(f'COPY {stage} ({", ".join(table.names)}) FROM STDIN (FORMAT BINARY)'
                      ) as copy:
            copy.set_types([_COPY_TYPE[c.kind] for c in table.columns])
            for row in rows:
                copy.write_row(row)
        return stage

    def _conflict(self, table: Table) -> str:
        sets = [f'{c} = excluded.{c}' for c in table.updated]
        if table.stamped:
            sets.append('written_at = now()')
        return (f'ON CONFLICT ({", ".join(table.key)}) '
                + (f'DO UPDATE SET {", ".join(sets)}' if sets else 'DO NOTHING'))

    def _upsert_from(self, cur, table: Table, rows: list[tuple]) -> None:
        stage = self._copy_into_stage(cur, table, rows)
        select = ', '.join(f's.{c.name}{_CAST[c.kind]}' for c in table.columns)
        cur.execute(f'INSERT INTO {self._q}.{table.name} AS t ({", ".join(table.names)}) '
                    f'SELECT {select} FROM pg_temp.{stage} s {self._conflict(table)}')

    def _upsert_values(self, cur, table: Table, rows: list[tuple]) -> None:
        values = ', '.join(f'%s{_CAST[c.kind]}' for c in table.columns)
        cur.executemany(f'INSERT INTO {self._q}.{table.name} AS t ({", ".join(table.names)}) '
                        f'VALUES ({values}) {self._conflict(table)}', rows)

    def _write_bulk(self, conn, table: Table, rows: list[RecordRows]) -> None:
        with conn.cursor() as cur:
            self._upsert_from(cur, table, [r.row for r in rows])
            if table.name == ITEMS.name:
                cur.execute(f'DELETE FROM {self._q}.item_tags WHERE item_id = ANY(%s)',
                            ([r.row[0] for r in rows],))
                tags = [t for r in rows for t in r.tags]
                if tags:
                    self._upsert_from(cur, ITEM_TAGS, tags)

    def _write_one(self, conn, table: Table, rows: RecordRows) -> None:
        with conn.cursor() as cur:
            self._upsert_values(cur, table, [rows.row])
            if table.name == ITEMS.name:
                cur.execute(f'DELETE FROM {self._q}.item_tags WHERE item_id = %s',
                            (rows.row[0],))
                if rows.tags:
                    self._upsert_values(cur, ITEM_TAGS, list(rows.tags))

    def _upsert_run(self, conn, row: tuple) -> None:
        with conn.cursor() as cur:
            self._upsert_values(cur, RUNS, [row])

    # migrations -------------------------------------------------------------------------------
    def _lock_for_migration(self, conn) -> None:
        conn.execute("SET LOCAL lock_timeout = '120s'")
        conn.execute('SELECT pg_advisory_xact_lock(%s)', (_lock_key(self.schema),))
        conn.execute(f'CREATE SCHEMA IF NOT EXISTS {self._q}')

    def _migration_sql(self, statement: str) -> str:
        return statement.replace('{schema}', self._q)

    def _run_statement(self, conn, sql: str, params: tuple | None = None) -> list[tuple]:
        cur = conn.execute(sql, params)
        return cur.fetchall() if cur.description else []

    def _has_table(self, conn, name: str) -> bool:
        # from the catalog: to_regclass() can miss a table another session has just created
        return conn.execute(
            'SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace '
            'WHERE n.nspname = %s AND c.relname = %s', (self.schema, name)).fetchone() is not None
