"""The database sinks (transforms/sink/sql.py, sqlite.py, postgres.py) without Beam.

Each contract test runs against SQLite (a file in tmp_path) and against the PostgreSQL on
127.0.0.1:5432 (user postgres, database test; skipped with the reason when none answers), in a
schema of its own that is dropped afterwards.
"""
from __future__ import annotations

import os
import pickle
import socket
import sqlite3
import threading
import time
import uuid

import pytest

from transforms.model import dead_letter, item_dead_letter, new_item
from transforms.sink import sql as sqlmod
from transforms.sink.base import REJECTED_REASON, SinkConfigError, SinkUnavailable
from transforms.sink.migrations import POSTGRES, SQLITE, latest_version
from transforms.sink.postgres import PostgresSink
from transforms.sink.sql import (DEAD_LETTER, DUPLICATES, ITEM_TAGS, ITEMS, RUNS, RowError,
                                 SchemaError, check_config_url, dead_letter_key, rfc3339,
                                 rows_of, story_row, tag_rows, url_has_password)
from transforms.sink.sqlite import SQLiteSink
from transforms.sink.write import write_with_retries

PG_HOST, PG_PORT = '127.0.0.1', 5432
PG_URL = f'postgresql://postgres@{PG_HOST}:{PG_PORT}/test'


def _pg_running() -> bool:
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=1):
            pass
    except OSError:
        return False
    try:
        import psycopg
        psycopg.connect(PG_URL, connect_timeout=3).close()
        return True
    except Exception:
        return False


@pytest.fixture
def pg_schema(monkeypatch):
    """A fresh schema name on the test PostgreSQL (DATABASE_URL set), dropped afterwards."""
    if not _pg_running():
        pytest.skip(f'no PostgreSQL answers on {PG_HOST}:{PG_PORT} (user postgres, db test)')
    import psycopg
    schema = f'nbtest_{uuid.uuid4().hex[:12]}'
    monkeypatch.setenv('DATABASE_URL', PG_URL)
    yield schema
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def admin():
    import psycopg
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        yield conn


@pytest.fixture(autouse=True)
def quick_driver_retries(monkeypatch):
    monkeypatch.setattr(sqlmod, 'DRIVER_BACKOFF', 0.0)


@pytest.fixture(params=['sqlite', pytest.param('postgres', marks=pytest.mark.service)])
def db(request, tmp_path):
    """``(make_sink(**params), query(sql) -> rows)`` for one dialect."""
    if request.param == 'sqlite':
        path = str(tmp_path / 'db' / 'news.sqlite')

        def make(**params):
            return SQLiteSink.from_params({'path': path, **params}, name='lite')

        def query(sql, params=()):
            with sqlite3.connect(path) as conn:
                return conn.execute(sql.replace('{s}.', '').replace('%s', '?'),
                                    params).fetchall()
        return make, query
    schema = request.getfixturevalue('pg_schema')
    import psycopg

    def make(**params):
        return PostgresSink.from_params({'schema': schema, **params}, name='pg')

    def query(sql, params=()):
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            cur = conn.execute(sql.replace('{s}', f'"{schema}"'), params)
            return cur.fetchall() if cur.description else []
    return make, query


def _tags(**kinds):
    tags = {k: [] for k in ('persons', 'organizations', 'places', 'topics', 'categories')}
    for kind, entries in kinds.items():
        tags[kind] = [{'id': i, 'name': n} for i, n in entries]
    return tags


def _item(n: int, run: str = 'run-1', **fields) -> dict:
    base = dict(id=f'item-{n:03d}', url=f'https://example.com/{n}', title=f'Story {n}',
                body=f'Body of story {n}.', language='en', published='2024-12-06T15:34:00+09:00',
                ingested_at='2024-12-07T00:00:00Z',
                source={'name': 'Example', 'domain': 'example.com', 'kind': 'file',
                        'location': '/in/x.jsonl'},
                tags=_tags(places=[('Q159', 'Russia')] if n % 2 else [('Q17', 'Japan')],
                           topics=[('politics', 'Politics')]),
                provenance={'input': '/in/x.jsonl', 'run_id': run})
    base.update(fields)
    return new_item(**base)


def _ready(make, **params):
    sink = make(**params)
    sink.prepare()
    sink.setup()
    return sink


def _content(rows):
    return sorted(rows)


# pure functions ------------------------------------------------------------------------------
def test_rfc3339_normalises_to_utc_z():
    assert rfc3339('2024-12-06T15:34:00+09:00', 'p') == '2024-12-06T06:34:00Z'
    assert rfc3339('2024-12-06T06:34:00.250Z', 'p') == '2024-12-06T06:34:00.250000Z'
    assert rfc3339('2024-12-06T06:34:00', 'p') == '2024-12-06T06:34:00Z'
    assert rfc3339('0999-01-01T00:00:00Z', 'p') == '0999-01-01T00:00:00Z'
    assert rfc3339(None, 'p') is None
    with pytest.raises(RowError, match='published'):
        rfc3339('yesterday', 'published')
    with pytest.raises(RowError, match='out of range'):
        rfc3339('9999-12-31T23:59:59-05:00', 'published')


def test_rows_follow_the_table_columns():
    item = _item(1, dedup={'cluster_id': 'c', 'duplicate_of': 'item-000', 'method': 'url',
                           'similarity': 0.93})
    row = story_row(item)
    assert len(row) == len(ITEMS.columns)
    as_dict = dict(zip(ITEMS.names, row))
    assert as_dict['published'] == '2024-12-06T06:34:00Z'
    assert as_dict['source_domain'] == 'example.com' and as_dict['run_id'] == 'run-1'
    dup = dict(zip(DUPLICATES.names, story_row(item, DUPLICATES)))
    assert (dup['duplicate_of'], dup['dedup_method'], dup['similarity']) == ('item-000', 'url',
                                                                              0.93)
    assert tag_rows(item) == (('item-001', 'places', 'Q159', 'Russia'),
                              ('item-001', 'topics', 'politics', 'Politics'))
    assert len(sqlmod.dead_letter_row(dead_letter('read', 'bad_json', 'm', 'f', 'x'))) == \
        len(DEAD_LETTER.columns)
    assert len(sqlmod.run_row({'run_id': 'r', 'counts': {}})) == len(RUNS.columns)


def test_tag_rows_key_by_name_when_there_is_no_id_and_drop_repeats():
    item = _item(1, tags=_tags(places=[(None, 'Atlantis'), ('Q159', 'Russia'),
                                       ('Q159', 'Russia')]))
    assert tag_rows(item) == (('item-001', 'places', 'Atlantis', 'Atlantis'),
                              ('item-001', 'places', 'Q159', 'Russia'))


def test_dead_letter_key_is_stable_and_ignores_the_message():
    a = dead_letter('fetch', 'http_error', 'HTTP 503 after 1.2 s', 'https://x/feed', 'x')
    b = dead_letter('fetch', 'http_error', 'HTTP 500 after 0.4 s', 'https://x/feed', 'x')
    c = dead_letter('fetch', 'http_error', 'HTTP 503', 'https://y/feed', 'x')
    assert dead_letter_key(a) == dead_letter_key(b) != dead_letter_key(c)
    item_dl = item_dead_letter('sink', 'sink_rejected', 'm', _item(1))
    assert dead_letter_key(item_dl) != dead_letter_key(item_dead_letter('sink', 'sink_rejected',
                                                                        'm', _item(2)))


def test_rows_of_rejects_what_cannot_be_a_row_and_keeps_one_row_per_key():
    good, later = _item(1, title='first'), _item(1, title='second')
    records = [good, _item(2, published='not a date'), _item(3, title='bad \ud800 text'),
               new_item(title='no id'), later]
    planned, refused = rows_of('items', records)
    assert [p.record['title'] for p in planned] == ['second']
    assert len(refused) == 3 and {r.reason for r in refused} == {REJECTED_REASON}
    assert any('published' in r.message for r in refused)
    assert any('UTF-8' in r.message for r in refused)


@pytest.mark.parametrize('url, has', [
    ('postgresql://postgres@127.0.0.1/test', False),
    ('postgresql://u:secret@db/news', True),
    ('postgresql://u@db/news?password=secret', True),
    ('postgresql://u@db/news?PASSWORD=secret&sslmode=require', True),
    ('host=db user=u dbname=news', False),
    ("host=db password='se cret' user=u", True),
    ('host=db password=secret', True),
])
def test_url_has_password(url, has):
    assert url_has_password(url) is has


def test_password_in_a_config_url_is_refused_in_one_line():
    with pytest.raises(SinkConfigError) as info:
        PostgresSink.from_params({'url': 'postgresql://u:hunter2@db/news'}, name='pg')
    message = str(info.value)
    assert 'hunter2' not in message and '\n' not in message
    assert 'with.url holds a password' in message and 'url_env' in message
    with pytest.raises(SinkConfigError):
        check_config_url('host=db password=hunter2', 'sink pg')
    PostgresSink.from_params({'url': 'postgresql://u@db/news'}, name='pg')   # no password: ok


@pytest.mark.parametrize('params, key', [
    ({'schema': 'Bad-Name'}, 'with.schema'),
    ({'url': 'postgresql://db/x', 'url_env': 'X'}, 'not both'),
    ({'url_env': 'not a name'}, 'with.url_env'),
    ({'auto_migrate': 'yes'}, 'with.auto_migrate'),
    ({'connect_timeout': 0}, 'with.connect_timeout'),
    ({'bogus': 1}, 'with.bogus'),
])
def test_bad_postgres_parameters_name_the_key(params, key):
    with pytest.raises(SinkConfigError, match=key):
        PostgresSink.from_params(params, name='pg')


@pytest.mark.parametrize('params, key', [
    ({'path': ''}, 'with.path'), ({'path': 'sqlite:///x.db'}, 'with.path'),
    ({'path': 'x.db', 'schema': 'newsbeam'}, 'with.schema'), ({}, 'with.path'),
    ({'path': 'x.db', 'timeout': -1}, 'with.timeout'),
])
def test_bad_sqlite_parameters_name_the_key(params, key):
    with pytest.raises(SinkConfigError, match=key):
        SQLiteSink.from_params(params, name='lite')


def test_a_family_without_a_table_is_refused():
    with pytest.raises(SinkConfigError, match="'filtered' has no table"):
        SQLiteSink.from_params({'path': 'x.db'}, name='lite', families=['items', 'filtered'])


def test_migration_lists_agree():
    assert [m.version for m in POSTGRES] == [m.version for m in SQLITE]
    assert latest_version() == len(POSTGRES) >= 1


# both databases ------------------------------------------------------------------------------
def test_upgrade_creates_the_tables_once_and_records_the_version(db):
    make, query = db
    sink = make()
    first, second = sink.upgrade(), sink.upgrade()
    assert (first.before, first.after, len(first.applied)) == (0, latest_version(),
                                                                latest_version())
    assert (second.before, second.applied) == (latest_version(), ())
    assert query('SELECT version FROM {s}.schema_migrations ORDER BY version') == [
        (v,) for v in range(1, latest_version() + 1)]
    assert sink.schema_version() == latest_version()


def test_the_migrated_columns_are_the_columns_the_rows_fill(db):
    make, query = db
    sink = make()
    sink.upgrade()
    for table in (ITEMS, DUPLICATES, ITEM_TAGS, DEAD_LETTER, RUNS):
        if isinstance(sink, SQLiteSink):
            found = [r[1] for r in query(f"SELECT * FROM pragma_table_info('{table.name}')")]
        else:
            found = [r[0] for r in query(
                'SELECT column_name FROM information_schema.columns WHERE table_schema = %s '
                'AND table_name = %s ORDER BY ordinal_position', (sink.schema, table.name))]
        stamps = ['written_at', 'first_written_at'] if table.stamped else []
        if table is RUNS:
            stamps = ['written_at']
        assert sorted(found) == sorted(list(table.names) + stamps), table.name


def test_write_then_write_again_leaves_the_same_rows(db):
    make, query = db
    sink = _ready(make)
    items = [_item(n) for n in range(1, 8)]
    assert sink.write_batch('items', items) == []
    columns = ('id, url, canonical_url, title, body, language, published, source_domain, '
               'authors, tags, record, run_id, first_run_id')
    before = _content(query(f'SELECT {columns} FROM {{s}}.items'))
    tags_before = _content(query('SELECT * FROM {s}.item_tags'))
    assert len(before) == 7 and len(tags_before) == 14
    assert sink.write_batch('items', items[2:5]) == []        # a retried bundle
    assert sink.write_batch('items', items) == []
    assert _content(query(f'SELECT {columns} FROM {{s}}.items')) == before
    assert _content(query('SELECT * FROM {s}.item_tags')) == tags_before
    sink.teardown()


def test_an_upsert_takes_the_new_content_and_keeps_the_first_run(db):
    make, query = db
    sink = _ready(make)
    sink.write_batch('items', [_item(1, run='run-1')])
    changed = _item(1, run='run-2', title='Story 1, updated',
                    tags=_tags(places=[('Q17', 'Japan')]))
    sink.write_batch('items', [changed])
    assert query('SELECT title, run_id, first_run_id FROM {s}.items') == [
        ('Story 1, updated', 'run-2', 'run-1')]
    assert query('SELECT kind, tag_id FROM {s}.item_tags') == [('places', 'Q17')]


def test_query_by_tag_and_per_source_per_day(db):
    make, query = db
    sink = _ready(make)
    sink.write_batch('items', [_item(n) for n in range(1, 6)])
    via_tags = query("SELECT i.id FROM {s}.items i JOIN {s}.item_tags t ON t.item_id = i.id "
                     "WHERE t.kind = 'places' AND t.tag_id = 'Q159' ORDER BY i.id")
    assert via_tags == [('item-001',), ('item-003',), ('item-005',)]
    if isinstance(sink, PostgresSink):
        via_json = query("""SELECT id FROM {s}.items WHERE tags @> '{"places": [{"id": "Q159"}]}'
                            ORDER BY id""")
        per_day = query("SELECT source_domain, date_trunc('day', published)::date::text, "
                        "count(*) FROM {s}.items GROUP BY 1, 2")
    else:
        via_json = query("SELECT id FROM items WHERE EXISTS (SELECT 1 FROM "
                         "json_each(items.tags, '$.places') p WHERE "
                         "json_extract(p.value, '$.id') = 'Q159') ORDER BY id")
        per_day = query('SELECT source_domain, date(published), count(*) FROM items '
                        'GROUP BY 1, 2')
    assert via_json == via_tags
    assert per_day == [('example.com', '2024-12-06', 5)]


def test_duplicates_and_dead_letters_are_keyed_so_a_rerun_writes_nothing_twice(db):
    make, query = db
    sink = _ready(make)
    dup = _item(9, dedup={'cluster_id': 'c1', 'duplicate_of': 'item-001', 'method': 'content',
                          'similarity': 0.91})
    dead = [dead_letter('read', 'bad_json', 'line 3: not JSON', '/in/x.jsonl#line-3', '{oops'),
            dead_letter('fetch', 'http_error', 'HTTP 503', 'https://example.com/feed')]
    for _ in range(2):
        assert sink.write_batch('duplicates', [dup]) == []
        assert sink.write_batch('dead_letter', dead) == []
    again = dead_letter('read', 'bad_json', 'line 3: still not JSON', '/in/x.jsonl#line-3',
                        '{oops')
    assert sink.write_batch('dead_letter', [again]) == []
    assert query('SELECT id, duplicate_of, dedup_method, similarity FROM {s}.duplicates') == [
        ('item-009', 'item-001', 'content', 0.91)]
    assert _content(query('SELECT stage, reason, message FROM {s}.dead_letter')) == [
        ('fetch', 'http_error', 'HTTP 503'), ('read', 'bad_json', 'line 3: still not JSON')]


def test_record_run_upserts_one_row_per_run(db):
    make, query = db
    sink = _ready(make)
    summary = {'run_id': 'run-1', 'started_at': '2024-12-07T00:00:00Z',
               'finished_at': '2024-12-07T00:01:00Z', 'counts': {'read': 3, 'items': 3}}
    sink.record_run(summary)
    sink.record_run({**summary, 'counts': {'read': 3, 'items': 2, 'dead_letter': 1}})
    rows = query('SELECT run_id, counts FROM {s}.runs')
    assert len(rows) == 1 and rows[0][0] == 'run-1'
    counts = rows[0][1] if isinstance(rows[0][1], dict) else __import__('json').loads(rows[0][1])
    assert counts == {'read': 3, 'items': 2, 'dead_letter': 1}


def test_a_newer_schema_is_refused(db):
    make, query = db
    sink = make()
    sink.upgrade()
    query('INSERT INTO {s}.schema_migrations (version, name, applied_at) '
          "VALUES (%s, 'from the future', '2030-01-01T00:00:00Z')", (latest_version() + 5,))
    for call in (sink.prepare, sink.upgrade, make(auto_migrate=False).prepare):
        with pytest.raises(SchemaError, match='newer than this newsbeam') as info:
            call()
        assert '\n' not in str(info.value)


def test_without_auto_migrate_an_old_schema_is_refused_until_upgraded(db):
    make, query = db
    sink = make(auto_migrate=False)
    with pytest.raises(SchemaError, match='newsbeam db upgrade'):
        sink.prepare()
    sink.upgrade()
    sink.prepare()   # now current


def test_concurrent_upgrades_apply_each_migration_once(db):
    make, query = db
    reports, errors = [], []

    def upgrade():
        try:
            reports.append(make().upgrade())
        except Exception as exc:  # collected: the assertion below names it
            errors.append(exc)
    threads = [threading.Thread(target=upgrade) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert sorted(len(r.applied) for r in reports) == [0, 0, latest_version()]
    assert len(query('SELECT version FROM {s}.schema_migrations')) == latest_version()


def test_a_prepared_sink_pickles_without_connection_or_secrets(db, monkeypatch):
    make, _ = db
    sink = _ready(make)
    sink.write_batch('items', [_item(1)])
    blob = pickle.dumps(sink)
    assert b'postgresql://' not in blob
    clone = pickle.loads(blob)
    assert clone._conn is None
    clone.setup()
    assert clone.write_batch('items', [_item(2)]) == []
    clone.teardown()


# refused rows --------------------------------------------------------------------------------
@pytest.mark.service
def test_postgres_refuses_a_nul_byte_and_the_rest_of_the_batch_lands(pg_schema):
    sink = _ready(lambda: PostgresSink.from_params({'schema': pg_schema}, name='pg'))
    items = [_item(n) for n in range(1, 6)]
    items[2] = _item(3, body='a NUL \x00 inside')
    items[3] = _item(4, extra={'note': 'a NUL \x00 in extra'})
    refused = sink.write_batch('items', items)
    assert sorted(r.record['id'] for r in refused) == ['item-003', 'item-004']
    assert {r.reason for r in refused} == {REJECTED_REASON}
    assert all('the database refused the row' in r.message and '\n' not in r.message
               for r in refused)
    import psycopg
    with psycopg.connect(PG_URL) as conn:
        ids = conn.execute(f'SELECT id FROM "{pg_schema}".items ORDER BY id').fetchall()
        tags = conn.execute(f'SELECT DISTINCT item_id FROM "{pg_schema}".item_tags').fetchall()
    assert [r[0] for r in ids] == ['item-001', 'item-002', 'item-005']
    assert sorted(r[0] for r in tags) == ['item-001', 'item-002', 'item-005']


def test_sqlite_refuses_a_value_over_its_length_limit_and_the_rest_lands(tmp_path):
    path = str(tmp_path / 'news.sqlite')
    sink = _ready(lambda: SQLiteSink.from_params({'path': path}, name='lite'))
    sink.write_batch('items', [_item(0)])   # opens the connection
    sink._conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 20_000)
    items = [_item(1), _item(2, body='x' * 30_000), _item(3)]
    refused = sink.write_batch('items', items)
    assert [r.record['id'] for r in refused] == ['item-002']
    assert 'too big' in refused[0].message
    with sqlite3.connect(path) as conn:
        assert conn.execute('SELECT id FROM items ORDER BY id').fetchall() == [
            ('item-000',), ('item-001',), ('item-003',)]


# a database that goes away -------------------------------------------------------------------
@pytest.mark.service
def test_a_terminated_connection_is_retried_on_a_new_one(pg_schema, admin):
    sink = _ready(lambda: PostgresSink.from_params({'schema': pg_schema}, name='pg'))
    assert sink.write_batch('items', [_item(1)]) == []
    admin.execute('SELECT pg_terminate_backend(%s)', (sink._conn.info.backend_pid,))
    time.sleep(0.2)
    with pytest.raises(SinkUnavailable, match='administrator command') as info:
        sink.write_batch('items', [_item(2)])
    assert '\n' not in str(info.value)
    # the framework's retry: a new connection, the same batch, written once
    sleeps = []
    assert write_with_retries(sink, 'items', [_item(2)], max_attempts=3, backoff_seconds=0.1,
                              max_backoff_seconds=1, sleep=sleeps.append) == []
    assert admin.execute(f'SELECT count(*) FROM "{pg_schema}".items').fetchone() == (2,)


@pytest.mark.service
def test_a_connection_lost_inside_a_batch_commits_nothing_of_it(pg_schema, admin):
    """A trigger terminates the writing backend after the rows are inserted, before the commit:
    the batch is not half written, and the retry writes it whole."""
    sink = _ready(lambda: PostgresSink.from_params({'schema': pg_schema}, name='pg'))
    admin.execute(f'''CREATE FUNCTION "{pg_schema}".kill_once() RETURNS trigger AS $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM "{pg_schema}".items WHERE id = 'killed') THEN
            PERFORM pg_terminate_backend(pg_backend_pid());
          END IF;
          RETURN NULL;
        END $$ LANGUAGE plpgsql''')
    admin.execute(f'CREATE TRIGGER kill_once AFTER INSERT ON "{pg_schema}".items '
                  f'FOR EACH STATEMENT EXECUTE FUNCTION "{pg_schema}".kill_once()')
    with pytest.raises(SinkUnavailable):
        sink.write_batch('items', [_item(n) for n in range(1, 6)])
    assert admin.execute(f'SELECT count(*) FROM "{pg_schema}".items').fetchone() == (0,)
    admin.execute(f"INSERT INTO \"{pg_schema}\".items (id, record) VALUES ('killed', '{{}}')")
    assert write_with_retries(sink, 'items', [_item(n) for n in range(1, 6)], max_attempts=2,
                              backoff_seconds=0, max_backoff_seconds=0) == []
    assert admin.execute(f'SELECT count(*) FROM "{pg_schema}".items').fetchone() == (6,)


@pytest.mark.service
def test_a_database_that_does_not_answer_is_unavailable_without_the_password(monkeypatch):
    with socket.socket() as probe:   # a loopback port nothing listens on
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv('DATABASE_URL', f'postgresql://writer:s3cr3t-pw@127.0.0.1:{port}/news')
    sink = PostgresSink.from_params({'connect_timeout': 2}, name='pg')
    assert 's3cr3t-pw' not in sink.describe()
    for call in (sink.prepare, lambda: (sink.setup(), sink.write_batch('items', [_item(1)]))):
        with pytest.raises(SinkUnavailable) as info:
            call()
        message = str(info.value)
        assert 's3cr3t-pw' not in message and '\n' not in message
        assert f'127.0.0.1:{port}/news' in message


def test_a_missing_url_variable_is_a_config_error(monkeypatch):
    monkeypatch.delenv('NEWSBEAM_TEST_NO_SUCH_URL', raising=False)
    sink = PostgresSink.from_params({'url_env': 'NEWSBEAM_TEST_NO_SUCH_URL'}, name='pg')
    with pytest.raises(SinkConfigError, match='NEWSBEAM_TEST_NO_SUCH_URL is not set'):
        sink.prepare()


def test_a_sqlite_file_that_is_not_a_database_is_a_config_error(tmp_path):
    path = tmp_path / 'notes.sqlite'
    path.write_bytes(b'this is not a database' * 100)
    with pytest.raises(SinkConfigError, match='not a database'):
        SQLiteSink.from_params({'path': str(path)}, name='lite').prepare()


def test_a_locked_sqlite_file_makes_the_batch_unavailable(tmp_path):
    path = str(tmp_path / 'news.sqlite')
    sink = _ready(lambda: SQLiteSink.from_params({'path': path, 'timeout': 0.2}, name='lite'))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute('BEGIN IMMEDIATE')
    try:
        with pytest.raises(SinkUnavailable, match='locked'):
            sink.write_batch('items', [_item(1)])
    finally:
        holder.execute('ROLLBACK')
        holder.close()
    assert sink.write_batch('items', [_item(1)]) == []


# the README's example queries ------------------------------------------------------------------
def _readme_queries(dialect: str) -> list[tuple[str, str]]:
    """``(title, sql)`` of every ```sql block of the README for ``dialect``."""
    import re
    from pipeline.config import REPO_ROOT
    with open(os.path.join(REPO_ROOT, 'README.md'), encoding='utf-8') as handle:
        text = handle.read()
    found = []
    for block in re.findall(r'```sql\n(.*?)```', text, flags=re.S):
        first, _, body = block.partition('\n')
        if first.startswith(f'-- {dialect}:'):
            found.append((first, body.strip().rstrip(';')))
    return found


def _recent(days: float) -> str:
    import datetime as dt
    moment = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


def test_the_readme_queries_run_and_answer(db):
    make, query = db
    sink = _ready(make)
    russia, japan = _tags(places=[('Q159', 'Russia')]), _tags(places=[('Q17', 'Japan')])
    sink.write_batch('items', [
        _item(1, published=_recent(1), tags=russia),
        _item(2, published=_recent(2), tags=russia,
              source={'name': 'Other', 'domain': 'other.org', 'kind': 'feed', 'location': 'x'}),
        _item(3, published=_recent(10), tags=russia),       # not this week
        _item(4, published=_recent(1), tags=japan),
    ])
    dialect = 'SQLite' if isinstance(sink, SQLiteSink) else 'PostgreSQL'
    queries = _readme_queries(dialect)
    assert len(queries) >= 2, f'the README lost its {dialect} queries'
    for title, sql in queries:
        if dialect == 'PostgreSQL':
            sql = sql.replace('newsbeam.', '{s}.')
        rows = query(sql.replace('%', '%%') if dialect == 'PostgreSQL' else sql)
        if 'Russia' in title:
            assert [r[1] for r in rows] == ['Story 1', 'Story 2'], title
        elif 'per source per day' in title:
            per = {(r[0], str(r[1])): r[2] for r in rows}
            assert sum(per.values()) == 4 and len(per) >= 3, title
            assert per[('other.org', _recent(2)[:10])] == 1, title
        else:
            raise AssertionError(f'a README query the test does not know: {title}')
