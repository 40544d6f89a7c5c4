import os
import sqlite3

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from transforms.model import RETRYABLE_REASONS, new_item
from transforms.sink import (Rejection, Sink, SinkConfigError, SinkFailed, SinkUnavailable,
                             WriteToSink, as_sink, is_sink_class)
from transforms.sink.write import write_with_retries


class DbSink(Sink):
    """Upserts by id into a SQLite file; refuses titles with a NUL; logs its lifecycle there."""

    def __init__(self, path: str, fail_first: int = 0):
        self.path = path
        self.fail_first = fail_first

    def setup(self):
        self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        with self.conn:
            self.conn.execute('CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, title TEXT)')
            self.conn.execute('CREATE TABLE IF NOT EXISTS log (event TEXT, n INTEGER)')
            self.conn.execute("INSERT INTO log VALUES ('setup', 0)")

    def write_batch(self, family, records):
        attempts = self.conn.execute("SELECT count(*) FROM log WHERE event = 'unavailable'")
        if attempts.fetchone()[0] < self.fail_first:
            self.conn.execute("INSERT INTO log VALUES ('unavailable', 0)")
            raise SinkUnavailable('connection refused')
        good = [r for r in records if '\x00' not in r['title']]
        with self.conn:
            self.conn.executemany('INSERT INTO rows VALUES (?, ?) ON CONFLICT (id) DO UPDATE '
                                  'SET title = excluded.title', [(r['id'], r['title']) for r in good])
            self.conn.execute("INSERT INTO log VALUES ('batch', ?)", (len(records),))
        return [Rejection(r, 'sink_rejected', 'NUL byte in title') for r in records
                if r not in good]

    def teardown(self):
        self.conn.execute("INSERT INTO log VALUES ('teardown', 0)")
        self.conn.close()


def _items(n):
    return [new_item(id=f'i{k}', title='bad\x00' if k == 3 else f'T{k}',
                     provenance={'input': f'/in/{k}.jsonl'}) for k in range(n)]


def _query(path, sql):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_batches_rejections_and_lifecycle(tmp_path):
    db = str(tmp_path / 'x.db')
    sink = DbSink.from_params({'path': db}, name='db')
    with TestPipeline() as p:
        out = p | beam.Create(_items(23)) | WriteToSink(sink, 'items', batch_size=5)
        assert_that(out['items'] | beam.Map(lambda r: r['id']),
                    equal_to([f'i{k}' for k in range(23) if k != 3]), label='Accepted')
        assert_that(out['dead_letter'] | beam.Map(lambda d: (
            d['error'], d['input']['id'], d['input']['origin'])), equal_to([(
                {'stage': 'sink', 'reason': 'sink_rejected', 'message': 'db: NUL byte in title'},
                'i3', '/in/3.jsonl')]), label='Refused')
        assert_that(out['counts'] | beam.CombinePerKey(sum), equal_to([
            (('db', 'items', 'written'), 22), (('db', 'items', 'rejected'), 1)]), label='Counts')
    assert _query(db, 'SELECT count(*) FROM rows') == [(22,)]
    batches = [n for (n,) in _query(db, "SELECT n FROM log WHERE event = 'batch'")]
    assert sum(batches) == 23 and max(batches) <= 5
    setups = _query(db, "SELECT count(*) FROM log WHERE event = 'setup'")[0][0]
    assert setups >= 1
    assert _query(db, "SELECT count(*) FROM log WHERE event = 'teardown'") == [(setups,)]
    assert 'sink_rejected' not in RETRYABLE_REASONS   # it would be refused again, forever


def test_writing_twice_leaves_the_same_rows(tmp_path):
    db = str(tmp_path / 'x.db')
    for _ in range(2):
        with TestPipeline() as p:
            _ = p | beam.Create(_items(10)) | WriteToSink(DbSink.from_params({'path': db},
                                                                             name='db'))
    assert _query(db, 'SELECT count(*), count(DISTINCT id) FROM rows') == [(9, 9)]


def test_unavailable_is_retried_with_backoff_then_written(tmp_path):
    db = str(tmp_path / 'x.db')
    sink = DbSink.from_params({'path': db, 'fail_first': 2}, name='db')
    sink.setup()
    pauses = []
    try:
        rejected = write_with_retries(sink, 'items', _items(3), max_attempts=3,
                                      backoff_seconds=0.5, max_backoff_seconds=0.75,
                                      sleep=pauses.append)
    finally:
        sink.teardown()
    assert pauses == [0.5, 0.75] and rejected == []
    assert _query(db, 'SELECT count(*) FROM rows') == [(3,)]


def test_unavailable_after_every_attempt_fails_with_one_line(tmp_path):
    sink = DbSink.from_params({'path': str(tmp_path / 'x.db'), 'fail_first': 9}, name='db')
    sink.setup()
    try:
        with pytest.raises(SinkFailed) as info:
            write_with_retries(sink, 'items', _items(2), max_attempts=3, backoff_seconds=0,
                               max_backoff_seconds=0, sleep=lambda s: None)
    finally:
        sink.teardown()
    assert str(info.value) == 'sink db unavailable after 3 attempts: connection refused'


def test_unavailable_in_a_pipeline_fails_the_pipeline(tmp_path):
    sink = DbSink.from_params({'path': str(tmp_path / 'x.db'), 'fail_first': 9}, name='db')
    with pytest.raises(SinkFailed, match='sink db unavailable after 2 attempts'):
        with TestPipeline() as p:
            _ = p | beam.Create(_items(2)) | WriteToSink(sink, max_attempts=2,
                                                         backoff_seconds=0.01)


class Component:
    """A user's sink that does not import newsbeam: write_batch(items), returns None."""
    seen: list = []

    def __init__(self, prefix: str):
        self.prefix = prefix

    def setup(self):
        pass

    def write_batch(self, items):
        Component.seen.extend(self.prefix + i['id'] for i in items)

    def teardown(self):
        pass


def test_a_duck_typed_component_is_a_sink():
    assert is_sink_class(Component) and not is_sink_class(dict) and not is_sink_class(Sink)
    sink = as_sink(Component('x-'))
    sink.name = 'comp'
    Component.seen = []
    assert sink.write_batch('items', [{'id': 'a'}, {'id': 'b'}]) == []
    assert Component.seen == ['x-a', 'x-b']


def test_contract_breaches_fail_loudly():
    class Bad(Sink):
        def write_batch(self, family, records):
            return [Rejection({'id': 'not-in-batch'}, 'sink_rejected', 'no')]
    with pytest.raises(Exception, match='refused a record that is not in the batch'):
        with TestPipeline() as p:
            _ = p | beam.Create([{'id': 'a'}]) | WriteToSink(Bad.from_params({}, name='bad'))

    class Wrong(Sink):
        def write_batch(self, family, records):
            return 3
    with pytest.raises(SinkFailed, match='must return a list of Rejection'):
        write_with_retries(Wrong.from_params({}, name='w'), 'items', [{}], max_attempts=1,
                           backoff_seconds=0, max_backoff_seconds=0)


def test_from_params_checks_parameters():
    with pytest.raises(SinkConfigError, match='sink db: unknown parameter with.table; '
                                              'allowed: fail_first, path'):
        DbSink.from_params({'path': 'x', 'table': 't'}, name='db')
    with pytest.raises(SinkConfigError, match='sink db: missing parameter with.path'):
        DbSink.from_params({}, name='db')
    with pytest.raises(SinkConfigError, match="unknown family 'everything'"):
        DbSink.from_params({'path': 'x'}, name='db', families=['everything'])
    assert DbSink.from_params({'path': 'x'}).name == 'DbSink'


@pytest.mark.parametrize('kwargs', [{'family': 'rows'}, {'batch_size': 0}, {'max_attempts': 0},
                                    {'backoff_seconds': 5, 'max_backoff_seconds': 1}])
def test_write_to_sink_checks_arguments(kwargs):
    with pytest.raises(ValueError):
        WriteToSink(DbSink.from_params({'path': os.devnull}, name='db'), **kwargs)
