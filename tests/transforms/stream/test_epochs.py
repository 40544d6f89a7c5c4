"""What the streaming engine changed below it: index epochs (dedup visibility per window, in
event-time order) and a per-record ``ingested_at`` from the reader's hints."""
import pytest
from apache_beam.transforms import window

from transforms.context import RunContext
from transforms.dedup import index as ix
from transforms.dedup.transform import epoch_of
from transforms.model import new_raw_record
from transforms.normalize.record import normalize_record
from transforms.normalize.settings import NormalizeSettings
from transforms.state import SQLiteStateStore

RUN = RunContext(run_id='run-1', started_at='2026-01-01T00:00:00Z')
T0 = 1767225600


def test_a_batch_run_is_one_epoch_a_window_is_one_each():
    batch = epoch_of(RUN, window.GlobalWindow())
    assert batch == ix.Epoch('run-1', float(T0)) and not batch.ordered
    w1 = epoch_of(RUN, window.IntervalWindow(T0, T0 + 60))
    w2 = epoch_of(RUN, window.IntervalWindow(T0 + 60, T0 + 120))
    assert w1.ordered and w1.at == T0 + 60 and w2.at == T0 + 120
    assert len({batch.id, w1.id, w2.id}) == 3 and w1.id.startswith('run-1@')


@pytest.fixture
def store(tmp_path):
    store = SQLiteStateStore.in_directory(str(tmp_path))
    yield store
    store.close()


def test_a_window_sees_earlier_windows_not_itself_nor_later_ones(store):
    w1, w2, w3 = (epoch_of(RUN, window.IntervalWindow(T0 + 60 * i, T0 + 60 * (i + 1)))
                  for i in range(3))
    ix.write_keys(store, {'u:a': {'kept': 'A'}}, w1.id, w1.at)
    ix.write_keys(store, {'u:c': {'kept': 'C'}}, w3.id, w3.at)
    cutoff = 0.0
    assert set(ix.lookup_keys(store, ['u:a', 'u:c'], w2, cutoff)) == {'u:a'}
    assert set(ix.lookup_keys(store, ['u:a', 'u:c'], w1, cutoff)) == set()
    assert set(ix.lookup_keys(store, ['u:a', 'u:c'], w3, cutoff)) == {'u:a'}
    # a plain run id (batch) keeps the old rule: everything but its own writes
    assert set(ix.lookup_keys(store, ['u:a', 'u:c'], 'run-0', cutoff)) == {'u:a', 'u:c'}
    # expiry counts back from the epoch's own (event) time
    assert ix.lookup_keys(store, ['u:a'], w3, w3.at - 90) == {}


def test_whole_write_records_follow_the_same_rule(store):
    w1, w2 = (epoch_of(RUN, window.IntervalWindow(T0 + 60 * i, T0 + 60 * (i + 1)))
              for i in range(2))
    ix.write_boilerplate(store, [('example.com', 'A', [7, 9])], w2.id, w2.at)
    assert ix.lookup_boilerplate(store, 'example.com', [7], w1, 0.0) == {}
    ix.write_boilerplate(store, [('example.com', 'B', [7])], w1.id, w1.at)
    assert ix.lookup_boilerplate(store, 'example.com', [7], w2, 0.0) == {7: ['B']}


def _raw(**hints):
    return new_raw_record(kind='file', location='/in/a.jsonl', fmt='jsonl', parser='test',
                          title='Harbour strike ends', body='Dock workers return on Friday.',
                          url='https://example.com/a', hints=hints or None)


def test_ingested_at_comes_from_the_readers_hint_else_the_run_start():
    settings = NormalizeSettings()
    stamped = _raw()
    stamped['hints']['ingested_at'] = '2026-01-01T00:00:42.125Z'
    assert normalize_record(stamped, settings, RUN)['ingested_at'] == '2026-01-01T00:00:42.125Z'
    assert normalize_record(_raw(), settings, RUN)['ingested_at'] == '2026-01-01T00:00:00Z'
    for bad in ('yesterday', '2026-01-01T00:00:42+02:00', 42):
        raw = _raw()
        raw['hints']['ingested_at'] = bad
        item = normalize_record(raw, settings, RUN)
        assert item['ingested_at'] == RUN.started_at
        assert {'field': 'hints.ingested_at',
                'reason': 'wrong_type' if bad == 42 else 'bad_date'} in item['quality']['warnings']
