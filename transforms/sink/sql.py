"""What the SQLite and PostgreSQL sinks share: the tables, records as rows, batches, migrations.

Goes in: batches of items, duplicates and dead letters (plain dicts, ``transforms.model``), and
the run summary. Comes out: rows in ``items`` (with ``item_tags``), ``duplicates``,
``dead_letter`` and ``runs``, created and migrated by :meth:`SqlSink.upgrade` (versions in
``transforms/sink/migrations``, recorded in ``schema_migrations``).

Guaranteed:

* **idempotent**: items and duplicates are upserted by ``id``, dead letters by a hash of what
  identifies the failure (stage, reason, location, excerpt, item id, origin -- not the message,
  which may name a time or an address), runs by ``run_id``. Writing the same records again
  leaves the same rows: a retried bundle or a re-run writes nothing twice. An upsert replaces
  the content and the run-time columns (``run_id``, ``written_at``, and ``ingested_at`` inside
  the item) with the newest delivery; ``first_run_id`` and ``first_written_at`` keep the first.
* **one transaction per batch**: a batch is written whole or not at all.
* **a row the database refuses** (a NUL character in PostgreSQL text, a value that cannot be
  stored, a constraint) does not fail the batch: the batch is written again record by record,
  each inside a savepoint, and the refused records come back as :class:`Rejection`
  (``sink_rejected`` with the database's message, redacted); the good ones are written.
* **a database that is down or goes away**: the connection is dropped and the batch raises
  :class:`SinkUnavailable`; the framework retries it (a new connection) with bounded backoff,
  then fails the run. Nothing of a failed batch stays written.
* **credentials never leave**: messages are one line passed through ``transforms.redact``
  with the URL's secrets; a password in a config file is refused (:func:`check_config_url`).

A dialect (``sqlite.py``, ``postgres.py``) supplies the connection, the bulk and single-record
writes, error classification and the migration lock; the rest is here.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import time
import urllib.parse
from typing import Any, Callable, ClassVar, Iterable, NamedTuple, Sequence, TypeVar

import orjson

from ..context import PIPELINE_VERSION
from ..redact import redact_text, url_secrets
from .base import REJECTED_REASON, Rejection, Sink, SinkConfigError, SinkUnavailable
from .migrations import Migration, for_dialect, latest_version

__all__ = [
    'SqlSink', 'Table', 'Column', 'RowError', 'RecordRows', 'MigrationReport', 'SchemaError',
    'TABLES', 'ITEMS', 'DUPLICATES', 'DEAD_LETTER', 'ITEM_TAGS', 'RUNS', 'DB_FAMILIES',
    'story_row', 'tag_rows', 'dead_letter_row', 'dead_letter_key', 'run_row', 'rows_of',
    'rfc3339', 'check_config_url', 'url_has_password', 'dsn_secrets', 'one_line',
]

LOG = logging.getLogger(__name__)

_T = TypeVar('_T')

#: The families a database sink can take (a table each).
DB_FAMILIES = ('items', 'duplicates', 'dead_letter')

#: Attempts and first pause of the driver's own retries (prepare, record_run, db upgrade); a
#: worker's batches are retried by the framework instead.
DRIVER_ATTEMPTS = 3
DRIVER_BACKOFF = 0.5


class Column(NamedTuple):
    """A column a row fills: ``kind`` is ``text``, ``time`` (RFC 3339 text; ``timestamptz`` in
    PostgreSQL), ``json`` (JSON text; ``jsonb`` in PostgreSQL) or ``float``."""
    name: str
    kind: str = 'text'


class Table(NamedTuple):
    """A table rows are upserted into: its key columns and the columns a row fills, in row
    order. ``insert_only`` columns are set when the row is created and kept by an upsert."""
    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    insert_only: tuple[str, ...] = ()
    stamped: bool = True   # a written_at column set to the time of every write

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def updated(self) -> tuple[str, ...]:
        """The columns an upsert overwrites."""
        return tuple(c.name for c in self.columns
                     if c.name not in self.key and c.name not in self.insert_only)


_STORY = (
    Column('id'), Column('url'), Column('canonical_url'), Column('guid'), Column('title'),
    Column('title_original'), Column('summary'), Column('body'), Column('language'),
    Column('published', 'time'), Column('updated', 'time'), Column('ingested_at', 'time'),
    Column('authors', 'json'), Column('source_name'), Column('source_domain'),
    Column('source_kind'), Column('source_location'), Column('source', 'json'),
    Column('tags', 'json'), Column('dedup', 'json'), Column('languages', 'json'),
    Column('quality', 'json'), Column('provenance', 'json'), Column('extra', 'json'),
    Column('record', 'json'), Column('run_id'), Column('first_run_id'),
)
ITEMS = Table('items', ('id',), _STORY, insert_only=('first_run_id',))
DUPLICATES = Table('duplicates', ('id',), _STORY + (
    Column('duplicate_of'), Column('dedup_method'), Column('similarity', 'float')),
    insert_only=('first_run_id',))
ITEM_TAGS = Table('item_tags', ('item_id', 'kind', 'tag_id'),
                  (Column('item_id'), Column('kind'), Column('tag_id'), Column('name')),
                  stamped=False)
DEAD_LETTER = Table('dead_letter', ('key',), (
    Column('key'), Column('stage'), Column('reason'), Column('message'), Column('location'),
    Column('excerpt'), Column('item_id'), Column('origin'), Column('record', 'json')))
RUNS = Table('runs', ('run_id',), (
    Column('run_id'), Column('started_at', 'time'), Column('finished_at', 'time'),
    Column('counts', 'json'), Column('summary', 'json')))

#: family -> the table its records go to
TABLES = {'items': ITEMS, 'duplicates': DUPLICATES, 'dead_letter': DEAD_LETTER}


class RowError(ValueError):
    """A record that cannot become a row (a time that is not RFC 3339, text that is not UTF-8):
    it is rejected before the database sees it."""


class SchemaError(SinkConfigError):
    """The database's schema cannot be used as it is: newer than this code, or not migrated
    while ``auto_migrate`` is off. An operator must act (exit status 2)."""


class RecordRows(NamedTuple):
    """One record and the rows it becomes: its row in the family's table and its tag rows."""
    record: dict
    row: tuple
    tags: tuple[tuple, ...] = ()


class MigrationReport(NamedTuple):
    """What :meth:`SqlSink.upgrade` found and did."""
    where: str                  # the database and schema, no credentials
    before: int                 # the version found (0: no schema yet)
    after: int
    applied: tuple[str, ...]    # "version name" of each migration applied


def one_line(text: object, secrets: Iterable[str] = ()) -> str:
    """``text`` on one line, URLs and ``secrets`` redacted, at most 500 characters."""
    return ' '.join(redact_text(str(text), tuple(secrets)).split())[:500]


# records -> rows ------------------------------------------------------------------------------
def _json(value: Any, what: str) -> str:
    # keys in the record's own order (sorting them doubled the cost of a large item); PostgreSQL's
    # jsonb does not keep the order anyway, and the records are built in one fixed order
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except (TypeError, orjson.JSONEncodeError) as exc:
        raise RowError(f'{what}: cannot be stored as JSON: {exc}') from None


def _text(value: Any, what: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise RowError(f'{what}: expected text, got {type(value).__name__}')


_CANONICAL_TIME = re.compile(r'\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T'
                             r'(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ')


def rfc3339(value: Any, what: str) -> str | None:
    """``value`` (RFC 3339 text or a datetime) as ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z`` in UTC, the
    form both databases store; ``None`` stays ``None``. A zone-less time is taken as UTC.
    Raises :class:`RowError` for anything else."""
    if value is None:
        return None
    if isinstance(value, str) and _CANONICAL_TIME.fullmatch(value):
        return value   # already the stored form (what the normalize stage writes)
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise RowError(f'{what}: {value[:40]!r} is not an RFC 3339 time') from None
    else:
        raise RowError(f'{what}: expected an RFC 3339 time, got {type(value).__name__}')
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    try:
        moment = moment.astimezone(dt.timezone.utc)
    except OverflowError:
        raise RowError(f'{what}: {value!s:.40} is out of range') from None
    text = moment.strftime('%Y-%m-%dT%H:%M:%S')
    if len(text) != 19:  # a year before 1000 prints short and would not sort as text
        text = f'{moment.year:04d}{text[text.index("-"):]}'
    return f'{text}.{moment.microsecond:06d}Z' if moment.microsecond else f'{text}Z'


def _mapping(record: dict, key: str) -> dict:
    value = record.get(key)
    return value if isinstance(value, dict) else {}


def story_row(record: dict, table: Table = ITEMS) -> tuple:
    """The row of an item (``ITEMS``) or a duplicate (``DUPLICATES``), in column order.

    Raises :class:`RowError` when the record has no ``id`` or a value cannot be stored.
    """
    item_id = record.get('id')
    if not isinstance(item_id, str) or not item_id:
        raise RowError('id: a record without an id cannot be stored')
    source, dedup = _mapping(record, 'source'), _mapping(record, 'dedup')
    run_id = _text(_mapping(record, 'provenance').get('run_id'), 'provenance.run_id')
    row = [
        item_id,
        *(_text(record.get(k), k) for k in ('url', 'canonical_url', 'guid', 'title',
                                             'title_original', 'summary', 'body', 'language')),
        *(rfc3339(record.get(k), k) for k in ('published', 'updated', 'ingested_at')),
        _json(record.get('authors') or [], 'authors'),
        *(_text(source.get(k), f'source.{k}') for k in ('name', 'domain', 'kind', 'location')),
        *(_json(record.get(k), k) for k in ('source', 'tags', 'dedup', 'languages', 'quality',
                                             'provenance', 'extra')),
        _json(record, 'record'),
        run_id, run_id,
    ]
    if table.name == DUPLICATES.name:
        similarity = dedup.get('similarity')
        if similarity is not None and (isinstance(similarity, bool)
                                       or not isinstance(similarity, (int, float))):
            raise RowError(f'dedup.similarity: expected a number, got {similarity!r:.40}')
        row += [_text(dedup.get('duplicate_of'), 'dedup.duplicate_of'),
                _text(dedup.get('method'), 'dedup.method'), similarity]
    return tuple(row)


def tag_rows(record: dict) -> tuple[tuple, ...]:
    """``(item_id, kind, tag_id, name)`` for every tag of an item; a tag without an id is keyed
    by its name, one without either is left out, and a tag listed twice gives one row."""
    rows: dict[tuple[str, str], tuple] = {}
    tags = _mapping(record, 'tags')
    for kind in sorted(tags):
        entries = tags[kind]
        if not isinstance(entries, list):
            continue
        for tag in entries:
            if not isinstance(tag, dict):
                continue
            tag_id = _text(tag.get('id'), f'tags.{kind}.id') or _text(tag.get('name'),
                                                                     f'tags.{kind}.name')
            if tag_id:
                rows[(kind, tag_id)] = (record['id'], kind, tag_id,
                                        _text(tag.get('name'), f'tags.{kind}.name'))
    return tuple(rows[k] for k in sorted(rows))


def dead_letter_key(record: dict) -> str:
    """A stable key of a dead letter: the same failure of the same input gives the same key on
    every run, whatever its message says."""
    error, source = _mapping(record, 'error'), _mapping(record, 'input')
    parts = [error.get('stage'), error.get('reason'), source.get('location'),
             source.get('excerpt'), source.get('id'), source.get('origin')]
    data = orjson.dumps(parts, default=str)
    return hashlib.sha256(data).hexdigest()[:32]


def dead_letter_row(record: dict) -> tuple:
    """The ``dead_letter`` row of a dead-letter record, in column order."""
    error, source = _mapping(record, 'error'), _mapping(record, 'input')
    stage, reason = _text(error.get('stage'), 'error.stage'), _text(error.get('reason'),
                                                                     'error.reason')
    if not stage or not reason:
        raise RowError('error.stage and error.reason are required')
    return (dead_letter_key(record), stage, reason, _text(error.get('message'), 'error.message'),
            _text(source.get('location'), 'input.location'),
            _text(source.get('excerpt'), 'input.excerpt'), _text(source.get('id'), 'input.id'),
            _text(source.get('origin'), 'input.origin'), _json(record, 'record'))


def run_row(summary: dict) -> tuple:
    """The ``runs`` row of a run summary (what ``run.json`` holds)."""
    run_id = summary.get('run_id')
    if not isinstance(run_id, str) or not run_id:
        raise RowError('run_id: a run summary without a run_id cannot be stored')
    return (run_id, rfc3339(summary.get('started_at'), 'started_at'),
            rfc3339(summary.get('finished_at'), 'finished_at'),
            _json(summary.get('counts') or {}, 'counts'), _json(summary, 'summary'))


def rows_of(family: str, records: Sequence[dict]) -> tuple[list[RecordRows], list[Rejection]]:
    """The rows of a batch of ``family``, one per key (the last record of a key wins), and the
    records that cannot become rows, as rejections."""
    table = TABLES[family]
    planned: dict[str, RecordRows] = {}
    refused: list[Rejection] = []
    for record in records:
        try:
            if not isinstance(record, dict):
                raise RowError(f'expected a record (a mapping), got {type(record).__name__}')
            if family == 'dead_letter':
                row = dead_letter_row(record)
                planned[row[0]] = RecordRows(record, row)
            else:
                row = story_row(record, table)
                tags = tag_rows(record) if family == 'items' else ()
                planned[row[0]] = RecordRows(record, row, tags)
        except RowError as exc:
            refused.append(Rejection(record, REJECTED_REASON, f'not stored: {exc}'))
    # key order: concurrent writers then lock rows in one order and cannot deadlock each other
    return [planned[k] for k in sorted(planned)], refused


# configuration --------------------------------------------------------------------------------
_DSN_PASSWORD = re.compile(r"(?:^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)")


def url_has_password(url: str) -> bool:
    """True when a connection URL (``postgresql://...``) or libpq key/value string carries a
    password (user info or a ``password`` parameter)."""
    if '://' not in url:
        return bool(_DSN_PASSWORD.search(url))
    try:
        parts = urllib.parse.urlsplit(url)
        query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        has_userinfo_password = parts.password is not None
    except ValueError:
        return '@' in url   # unreadable: assume the worst
    return has_userinfo_password or any(k.lower() == 'password' for k, _ in query)


def dsn_secrets(url: str) -> tuple[str, ...]:
    """The credentials a URL or key/value string carries, for redacting messages about it."""
    found = list(url_secrets(url))
    for match in _DSN_PASSWORD.finditer(url):
        value = match.group(1).strip("'")
        if value:
            found.append(value)
    return tuple(sorted(set(found), key=len, reverse=True))


def check_config_url(url: str | None, where: str) -> None:
    """Refuse a connection URL written in a config file that holds a password."""
    if url is not None and url_has_password(url):
        raise SinkConfigError(f'{where}: with.url holds a password; passwords never go in a '
                              f'config file: put the whole URL in an environment variable and '
                              f'name it with url_env (default DATABASE_URL)')


def _pause(attempt: int) -> None:
    time.sleep(DRIVER_BACKOFF * (2 ** attempt))


# the sink -------------------------------------------------------------------------------------
class SqlSink(Sink):
    """Items, duplicates and dead letters into a database (subclassed per dialect).

    Families: ``items`` (and their ``item_tags``), ``duplicates``, ``dead_letter``; the run
    summary goes to ``runs`` (:meth:`record_run`). The schema is migrated by :meth:`prepare` on
    the driver when ``auto_migrate`` is on (the default), else checked; ``newsbeam db upgrade``
    calls :meth:`upgrade`.
    """

    families: tuple[str, ...] = DB_FAMILIES
    dialect: ClassVar[str] = ''
    auto_migrate: bool = True
    #: the table that records the applied migrations (created before any migration runs)
    MIGRATIONS_TABLE: ClassVar[str] = (
        'CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (version integer PRIMARY KEY, '
        'name text NOT NULL, applied_at text NOT NULL, newsbeam_version text)')

    # what a dialect provides ------------------------------------------------------------------
    def _open(self):
        """A new connection (raise :class:`SinkUnavailable` when the database cannot be
        reached, :class:`SinkConfigError` when it can never be used as configured)."""
        raise NotImplementedError

    def _close(self, conn) -> None:
        raise NotImplementedError

    def _classify(self, exc: BaseException, conn) -> str:
        """``row`` (this record's data), ``transient`` (the connection or the service: retry)
        or ``fatal`` (a bug or a broken schema: fail the run)."""
        raise NotImplementedError

    def _transaction(self, conn, work: Callable[[Any], _T]) -> _T:
        """``work(conn)`` in one transaction, committed when it returns, rolled back when it
        raises."""
        raise NotImplementedError

    def _savepoint(self, conn, work: Callable[[], None]) -> None:
        """``work()`` inside a savepoint of the open transaction; rolled back to it on error."""
        raise NotImplementedError

    def _write_bulk(self, conn, table: Table, rows: list[RecordRows]) -> None:
        """Upsert ``rows`` into ``table`` (and their tag rows) in the open transaction."""
        raise NotImplementedError

    def _write_one(self, conn, table: Table, rows: RecordRows) -> None:
        """Upsert one record's rows in the open transaction."""
        raise NotImplementedError

    def _upsert_run(self, conn, row: tuple) -> None:
        raise NotImplementedError

    def _lock_for_migration(self, conn) -> None:
        """Serialise migrators in the open transaction (create the schema if need be)."""
        raise NotImplementedError

    def _run_statement(self, conn, sql: str, params: tuple | None = None) -> list[tuple]:
        """Run one statement (``%s`` placeholders when ``params`` is given); its rows."""
        raise NotImplementedError

    def _migration_sql(self, statement: str) -> str:
        return statement

    def _has_table(self, conn, name: str) -> bool:
        raise NotImplementedError

    def where(self) -> str:
        """The database (and schema) in words, without credentials."""
        raise NotImplementedError

    _secrets: tuple[str, ...] = ()
    _conn = None

    # lifecycle --------------------------------------------------------------------------------
    def validate(self) -> None:
        extra = [f for f in self.families if f not in DB_FAMILIES]
        if extra:
            raise SinkConfigError(f'sink {self.name}: family {extra[0]!r} has no table; a '
                                  f'database sink takes {", ".join(DB_FAMILIES)}')

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop('_conn', None)   # a connection never travels with the pickled sink
        return state

    def prepare(self) -> None:
        """On the driver: migrate the schema (``auto_migrate``) or check that it is current."""
        report = self.upgrade() if self.auto_migrate else self.check_schema()
        if report.applied:
            LOG.info('sink %s: %s migrated from version %d to %d (%s)', self.name, report.where,
                     report.before, report.after, '; '.join(report.applied))

    def setup(self) -> None:
        self._conn = None   # opened by the first batch: a down database is retried there

    def teardown(self) -> None:
        self._drop_connection()

    def record_run(self, summary: dict) -> None:
        """Upsert the run's row in ``runs`` (retried a few times; then the run fails)."""
        try:
            row = run_row(summary)
        except RowError as exc:
            raise ValueError(f'sink {self.name}: the run summary cannot be stored: {exc}') from None
        self._on_driver('recording the run', lambda conn: self._transaction(
            conn, lambda c: self._upsert_run(c, row)))

    # batches ----------------------------------------------------------------------------------
    def write_batch(self, family: str, records: list[dict]) -> list[Rejection]:
        if family not in TABLES:
            raise ValueError(f'sink {self.name}: no table for family {family!r}')
        planned, rejections = rows_of(family, records)
        if not planned:
            return rejections
        table = TABLES[family]
        conn = self._connection()
        try:
            self._transaction(conn, lambda c: self._write_bulk(c, table, planned))
            return rejections
        except Exception as exc:  # classified: a row, the connection, or a bug
            kind = self._classify(exc, conn)
            if kind != 'row':
                self._fail(exc, kind, f'writing {len(planned)} {family}')
            LOG.info('sink %s: the database refused a row of a batch of %d %s; writing it '
                     'record by record', self.name, len(planned), family)
        return rejections + self._write_one_by_one(conn, table, planned)

    def _write_one_by_one(self, conn, table: Table, planned: list[RecordRows]) -> list[Rejection]:
        refused: list[Rejection] = []

        def each(c):
            for rows in planned:
                try:
                    self._savepoint(c, lambda: self._write_one(c, table, rows))
                except Exception as exc:  # classified: only a refused row is caught here
                    if self._classify(exc, c) != 'row':
                        raise
                    refused.append(Rejection(rows.record, REJECTED_REASON,
                                             f'the database refused the row: '
                                             f'{one_line(exc, self._secrets)}'))
        try:
            self._transaction(conn, each)
        except Exception as exc:  # after a refused row was set aside, only the service is left
            self._fail(exc, self._classify(exc, conn), f'writing {table.name} record by record')
        return refused

    def _fail(self, exc: BaseException, kind: str, doing: str):
        message = f'{self.where()}: {doing}: {one_line(exc, self._secrets)}'
        self._drop_connection()
        if kind == 'transient':   # the framework's line names the sink
            raise SinkUnavailable(message) from None
        raise RuntimeError(f'sink {self.name}: {message}') from None

    # connections ------------------------------------------------------------------------------
    def _connection(self):
        if self._conn is None:
            self._conn = self._open()
        return self._conn

    def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                self._close(conn)
            except Exception:  # closing a broken connection: nothing left to save
                LOG.debug('sink %s: closing the connection failed', self.name, exc_info=True)

    def _on_driver(self, doing: str, work: Callable[[Any], _T]) -> _T:
        """``work(conn)`` on a connection of its own, retried :data:`DRIVER_ATTEMPTS` times when
        the database is unavailable; then :class:`SinkUnavailable` with one line."""
        for attempt in range(DRIVER_ATTEMPTS):
            conn = None
            try:
                conn = self._open()
                return work(conn)
            except (SinkConfigError, SinkUnavailable) as exc:
                if isinstance(exc, SinkConfigError) or attempt == DRIVER_ATTEMPTS - 1:
                    raise
                LOG.warning('sink %s: %s (attempt %d of %d)', self.name, exc, attempt + 1,
                            DRIVER_ATTEMPTS)
            except Exception as exc:  # classified: only the service's failures are retried
                kind = self._classify(exc, conn)
                message = f'{self.where()}: {doing}: {one_line(exc, self._secrets)}'
                if kind != 'transient':
                    raise RuntimeError(f'sink {self.name}: {message}') from None
                if attempt == DRIVER_ATTEMPTS - 1:
                    raise SinkUnavailable(message) from None
                LOG.warning('sink %s: %s (attempt %d of %d)', self.name, message, attempt + 1,
                            DRIVER_ATTEMPTS)
            finally:
                if conn is not None:
                    try:
                        self._close(conn)
                    except Exception:  # closing a broken connection: nothing left to save
                        LOG.debug('closing failed', exc_info=True)
            _pause(attempt)
        raise AssertionError('unreachable')  # pragma: no cover

    # migrations -------------------------------------------------------------------------------
    def _version(self, conn) -> int:
        if not self._has_table(conn, 'schema_migrations'):
            return 0
        rows = self._run_statement(conn, self._migration_sql(
            'SELECT max(version) FROM {schema}.schema_migrations'))
        return int(rows[0][0] or 0)

    def _refuse_newer(self, found: int) -> None:
        if found > latest_version():
            raise SchemaError(f'sink {self.name}: {self.where()} has schema version {found}, '
                              f'newer than this newsbeam knows ({latest_version()}); upgrade '
                              f'newsbeam, or point the sink at another database or schema')

    def _migrate(self, conn) -> MigrationReport:
        self._lock_for_migration(conn)
        self._run_statement(conn, self._migration_sql(self.MIGRATIONS_TABLE))
        before = self._version(conn)
        self._refuse_newer(before)
        applied = []
        for migration in for_dialect(self.dialect):
            if migration.version <= before:
                continue
            self._apply(conn, migration)
            self._run_statement(conn, self._migration_sql(
                'INSERT INTO {schema}.schema_migrations (version, name, applied_at, '
                'newsbeam_version) VALUES (%s, %s, %s, %s)'),
                (migration.version, migration.name,
                 rfc3339(dt.datetime.now(dt.timezone.utc), 'now'), PIPELINE_VERSION))
            applied.append(f'{migration.version} {migration.name}')
        return MigrationReport(self.where(), before, latest_version(), tuple(applied))

    def _apply(self, conn, migration: Migration) -> None:
        for statement in migration.statements:
            self._run_statement(conn, self._migration_sql(statement))

    def upgrade(self) -> MigrationReport:
        """Create or migrate the schema to :func:`latest_version` (one transaction, under a
        lock, so concurrent upgrades apply each migration once). Refuses a newer schema."""
        return self._on_driver('migrating the schema',
                               lambda conn: self._transaction(conn, self._migrate))

    def check_schema(self) -> MigrationReport:
        """Check, without changing anything, that the schema is at :func:`latest_version`."""
        def check(conn):
            found = self._version(conn)
            self._refuse_newer(found)
            if found < latest_version():
                raise SchemaError(
                    f'sink {self.name}: {self.where()} has schema version {found}, this '
                    f'newsbeam needs {latest_version()}, and auto_migrate is off: run '
                    f'`newsbeam db upgrade --config FILE`')
            return MigrationReport(self.where(), found, found, ())
        return self._on_driver('checking the schema', check)

    def schema_version(self) -> int:
        """The version the database records (0: none)."""
        return self._on_driver('reading the schema version', self._version)

