"""The SQLite sink: items, duplicates, dead letters and runs in one local database file.

Goes in: batches of records (``transforms.sink.sql`` turns them into rows). Comes out: the
tables of ``transforms/sink/migrations/sqlite.py`` in the file ``path`` (SQLite has no schemas:
the tables carry their plain names, beside anything else the file holds). Times are RFC 3339
text in UTC, nested fields JSON text.

Config (``output.sinks`` entry ``use: sqlite``)::

    with:
      path: ../out/news.sqlite     # relative to the config file's directory
      auto_migrate: true           # create/migrate the tables on the first run (default)
      timeout: 60                  # seconds a writer waits for another one's lock

Several worker processes may write one file: each batch is one ``BEGIN IMMEDIATE`` transaction
(WAL mode, so readers never block). A locked or unwritable file raises ``SinkUnavailable`` (the
batch is retried, then the run fails); a record SQLite refuses (a NOT NULL id, text that is not
UTF-8, a value over SQLite's length limit) is rejected and the rest of the batch is written.
"""
from __future__ import annotations

import os
import sqlite3
from typing import Any, Callable, ClassVar, TypeVar

from .base import SinkConfigError, SinkUnavailable
from .sql import ITEM_TAGS, RUNS, RecordRows, SqlSink, Table, one_line

__all__ = ['SQLiteSink']

_T = TypeVar('_T')

# result codes (primary, the low byte of the extended code)
_TRANSIENT_CODES = {
    5,    # SQLITE_BUSY: another writer holds the lock past the timeout
    6,    # SQLITE_LOCKED
    10,   # SQLITE_IOERR
    13,   # SQLITE_FULL: the disk is full
    14,   # SQLITE_CANTOPEN
    15,   # SQLITE_PROTOCOL
    7,    # SQLITE_NOMEM
}
_ROW_CODES = {
    18,   # SQLITE_TOOBIG: a string or blob over the length limit
    19,   # SQLITE_CONSTRAINT
    20,   # SQLITE_MISMATCH
    25,   # SQLITE_RANGE
}


def _upsert_sql(table: Table) -> str:
    names = table.names
    sets = [f'{c} = excluded.{c}' for c in table.updated]
    if table.stamped:
        sets.append("written_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")
    conflict = (f'DO UPDATE SET {", ".join(sets)}' if sets else 'DO NOTHING')
    return (f'INSERT INTO {table.name} ({", ".join(names)}) '
            f'VALUES ({", ".join("?" * len(names))}) '
            f'ON CONFLICT ({", ".join(table.key)}) {conflict}')


class SQLiteSink(SqlSink):
    """Write to the SQLite database file ``path`` (created, with its folder, when missing)."""

    kind: ClassVar[str] = 'sqlite'
    dialect: ClassVar[str] = 'sqlite'
    #: parameters that are file paths: the config loader resolves them against the config's
    #: directory
    PATH_PARAMS: ClassVar[tuple[str, ...]] = ('path',)

    def __init__(self, path: str, auto_migrate: bool = True, timeout: float = 60.0):
        if not isinstance(path, str) or not path.strip():
            raise SinkConfigError('with.path: the database file must be given')
        if '://' in path:
            raise SinkConfigError(f'with.path: {path!r} is a URL; give a file path (the '
                                  f'PostgreSQL sink takes URLs)')
        if not isinstance(auto_migrate, bool):
            raise SinkConfigError('with.auto_migrate: expected true or false')
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise SinkConfigError('with.timeout: expected a number of seconds above 0')
        self.path = path
        self.auto_migrate = auto_migrate
        self.timeout = float(timeout)

    def describe(self) -> str:
        return f'{self.name} (SQLite {self.path})'

    def where(self) -> str:
        return f'SQLite {self.path}'

    def schema_version(self) -> int:
        if not os.path.exists(self.path):   # asking must not create the file
            return 0
        return super().schema_version()

    # connections ------------------------------------------------------------------------------
    def _open(self):
        parent = os.path.dirname(os.path.abspath(self.path))
        try:
            os.makedirs(parent, exist_ok=True)
        except OSError as exc:
            raise SinkConfigError(f'sink {self.name}: the folder of {self.path} cannot be '
                                  f'created: {exc.strerror or exc}') from None
        conn = None
        try:
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None,
                                   check_same_thread=False)
            conn.execute(f'PRAGMA busy_timeout = {int(self.timeout * 1000)}')
            conn.execute('PRAGMA journal_mode = WAL')
            conn.execute('PRAGMA synchronous = NORMAL')
            conn.execute('PRAGMA foreign_keys = ON')
            return conn
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            message = f'{self.path}: {one_line(exc)}'
            if (getattr(exc, 'sqlite_errorcode', None) or 0) & 0xff in (5, 6):  # busy: later
                raise SinkUnavailable(message) from None
            raise SinkConfigError(f'sink {self.name}: {message} (not a database, or no '
                                  f'permission)') from None

    def _close(self, conn) -> None:
        conn.close()

    def _classify(self, exc: BaseException, conn) -> str:
        if isinstance(exc, (UnicodeEncodeError, OverflowError)):
            return 'row'   # a value Python cannot bind: this record's data
        if isinstance(exc, (sqlite3.IntegrityError, sqlite3.DataError)):
            return 'row'
        if isinstance(exc, sqlite3.Error):
            code = (getattr(exc, 'sqlite_errorcode', None) or 0) & 0xff
            if code in _ROW_CODES:
                return 'row'
            if code in _TRANSIENT_CODES or 'locked' in str(exc):
                return 'transient'
        return 'fatal'

    def _transaction(self, conn, work: Callable[[Any], _T]) -> _T:
        conn.execute('BEGIN IMMEDIATE')
        try:
            result = work(conn)
        except BaseException:
            if conn.in_transaction:
                conn.execute('ROLLBACK')
            raise
        conn.execute('COMMIT')
        return result

    def _savepoint(self, conn, work: Callable[[], None]) -> None:
        conn.execute('SAVEPOINT one_record')
        try:
            work()
        except BaseException:
            conn.execute('ROLLBACK TO one_record')
            conn.execute('RELEASE one_record')
            raise
        conn.execute('RELEASE one_record')

    # writes -----------------------------------------------------------------------------------
    def _write_rows(self, conn, table: Table, rows: list[RecordRows]) -> None:
        conn.executemany(_upsert_sql(table), [r.row for r in rows])
        if table.name == 'items':
            conn.executemany('DELETE FROM item_tags WHERE item_id = ?', [(r.row[0],) for r in rows])
            conn.executemany(_upsert_sql(ITEM_TAGS), [t for r in rows for t in r.tags])

    def _write_bulk(self, conn, table: Table, rows: list[RecordRows]) -> None:
        self._write_rows(conn, table, rows)

    def _write_one(self, conn, table: Table, rows: RecordRows) -> None:
        self._write_rows(conn, table, [rows])

    def _upsert_run(self, conn, row: tuple) -> None:
        conn.execute(_upsert_sql(RUNS), row)

    # migrations -------------------------------------------------------------------------------
    def _lock_for_migration(self, conn) -> None:
        """``BEGIN IMMEDIATE`` (the transaction) already holds the file's write lock."""

    def _migration_sql(self, statement: str) -> str:
        return statement.replace('{schema}.', '')

    def _run_statement(self, conn, sql: str, params: tuple | None = None) -> list[tuple]:
        if params is None:
            return conn.execute(sql).fetchall()
        return conn.execute(sql.replace('%s', '?'), params).fetchall()

    def _has_table(self, conn, name: str) -> bool:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                            (name,)).fetchone() is not None
