import gzip
import os

import apache_beam as beam
import orjson
import pyarrow.parquet as pq
import pytest
import zstandard
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from transforms.model import dead_letter, new_item
from transforms.sink import JsonlFileSink, ParquetFileSink, SinkConfigError, WriteFiles
from transforms.sink.files import (JsonlFormat, ParquetFormat, _FinalizeFn, _TempFile,
                                   _write_file, partition_path)
from transforms.sink.parquet_schema import row_to_record


def _items(n=12):
    return [new_item(id=f'i{k:02d}', title=f'T{k}',
                     published=None if k % 4 == 0 else f'2024-12-0{k % 3 + 1}T10:00:00Z',
                     source={'name': 's', 'domain': 'a.example' if k % 2 else None,
                             'kind': 'file', 'location': '/x'})
            for k in range(n)]


def _files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root)
                  for d, _, names in os.walk(root) for f in names)


def _read_lines(path):
    opener = {'.gz': gzip.open, '.zst': lambda p: zstandard.open(p, 'rb')}.get(
        os.path.splitext(path)[1], lambda p: open(p, 'rb'))
    with opener(path) as handle:
        return [orjson.loads(line) for line in handle.read().splitlines() if line.strip()]


def _write(records, directory, family='items', fmt=None, partition_by=(), shards=1):
    with TestPipeline() as p:
        counts = (p | beam.Create(records)
                  | WriteFiles(str(directory), family, fmt or JsonlFormat(), partition_by,
                               shards, label=f'x.{family}'))
        assert_that(counts, equal_to([(f'x.{family}', len(records))]))


def test_partition_path():
    item = new_item(id='a', published='2024-12-06T23:59:59Z',
                    source={'domain': 'news.example.com/odd=path'})
    assert partition_path(item, ('published_date', 'source_domain')) == \
        'published_date=2024-12-06/source_domain=news.example.com%2Fodd%3Dpath'
    assert partition_path(new_item(id='b'), ('source_domain', 'published_date')) == \
        'source_domain=unknown/published_date=unknown'
    assert partition_path(new_item(id='c'), ()) == ''


@pytest.mark.parametrize('compression,suffix', [('gzip', '.gz'), ('zstd', '.zst'),
                                                ('none', '')])
def test_jsonl_partitioned_and_compressed(tmp_path, compression, suffix):
    items = _items()
    _write(items, tmp_path, fmt=JsonlFormat(compression),
           partition_by=('published_date', 'source_domain'), shards=2)
    files = _files(tmp_path)
    assert all(f.endswith('.jsonl' + suffix) for f in files), files
    assert any(f.startswith('items/published_date=unknown/source_domain=unknown/items-00000-of')
               for f in files)
    back = []
    for name in files:
        rows = _read_lines(tmp_path / name)
        folder = os.path.dirname(name)
        assert all(f'items/{partition_path(r, ("published_date", "source_domain"))}' == folder
                   for r in rows)
        back += rows
    assert sorted(back, key=lambda r: r['id']) == items


def test_shards_are_numbered_over_the_files_written(tmp_path):
    _write(_items(40), tmp_path, shards=3)
    assert _files(tmp_path) == [f'items/items-0000{i}-of-00003.jsonl' for i in range(3)]
    _write(_items(1), tmp_path / 'one', shards=3)   # one record: one file, named 0 of 1
    assert _files(tmp_path / 'one') == ['items/items-00000-of-00001.jsonl']


def test_same_records_give_the_same_files(tmp_path):
    items = _items(30)
    _write(items, tmp_path / 'a', partition_by=('published_date',), shards=2)
    _write(list(reversed(items)), tmp_path / 'b', partition_by=('published_date',), shards=2)
    assert _files(tmp_path / 'a') == _files(tmp_path / 'b')
    for name in _files(tmp_path / 'a'):
        assert sorted(map(orjson.dumps, _read_lines(tmp_path / 'a' / name))) == \
            sorted(map(orjson.dumps, _read_lines(tmp_path / 'b' / name)))


def test_empty_family_gets_one_empty_file_unless_partitioned(tmp_path):
    _write([], tmp_path / 'j', fmt=JsonlFormat('gzip'))
    assert _files(tmp_path / 'j') == ['items/items-00000-of-00001.jsonl.gz']
    assert _read_lines(tmp_path / 'j' / 'items/items-00000-of-00001.jsonl.gz') == []
    _write([], tmp_path / 'p', family='duplicates', fmt=ParquetFormat())
    table = pq.read_table(tmp_path / 'p' / 'duplicates/duplicates-00000-of-00001.parquet')
    assert table.num_rows == 0 and 'tags' in table.schema.names
    _write([], tmp_path / 'q', fmt=JsonlFormat(), partition_by=('published_date',))
    assert _files(tmp_path / 'q') == []


def test_parquet_row_groups_and_values(tmp_path):
    items = _items(10)
    _write(items, tmp_path, fmt=ParquetFormat(row_group_rows=3))
    pf = pq.ParquetFile(tmp_path / 'items/items-00000-of-00001.parquet')
    assert [pf.metadata.row_group(i).num_rows for i in range(pf.num_row_groups)] == [3, 3, 3, 1]
    back = [row_to_record(r, 'items') for r in pf.read().to_pylist()]
    assert sorted(back, key=lambda r: r['id']) == items
    _write(items, tmp_path / 'small', fmt=ParquetFormat(row_group_bytes=1))
    pf = pq.ParquetFile(tmp_path / 'small/items/items-00000-of-00001.parquet')
    assert pf.num_row_groups == 1   # one Arrow batch (2048 rows) at least per row group


def test_dead_letters_are_never_partitioned(tmp_path):
    dead = [dead_letter('read', 'empty', 'empty file', f'/in/{n}.txt') for n in range(3)]
    _write(dead, tmp_path, family='dead_letter', fmt=ParquetFormat(),
           partition_by=('published_date',))
    assert _files(tmp_path) == ['dead_letter/dead_letter-00000-of-00001.parquet']
    rows = pq.read_table(tmp_path / 'dead_letter').to_pylist()
    assert sorted(row_to_record(r, 'dead_letter')['input']['location'] for r in rows) == \
        ['/in/0.txt', '/in/1.txt', '/in/2.txt']


def test_a_retried_bundles_temporary_file_is_never_finalised(tmp_path):
    items = _items(5)
    write = WriteFiles(str(tmp_path), 'items', JsonlFormat(), label='x.items')
    os.makedirs(write.temp_dir)
    (open(os.path.join(write.temp_dir, 'orphan-of-a-failed-attempt'), 'wb')
     .write(b'{"id":"i00"}\n'))
    with TestPipeline() as p:
        _ = p | beam.Create(items) | write
    assert not os.path.exists(write.temp_dir)
    assert sorted(r['id'] for r in _read_lines(tmp_path / 'items/items-00000-of-00001.jsonl')) \
        == [i['id'] for i in items]


def test_finalising_twice_skips_what_is_done(tmp_path):
    fmt = JsonlFormat()
    temp_dir = tmp_path / 'tmp'
    temp_dir.mkdir()
    temps = []
    for shard in range(2):
        path = str(temp_dir / f't{shard}')
        temps.append(_TempFile('published_date=2024-12-01', shard, path,
                               _write_file(fmt, path, 'items', [{'id': f'x{shard}'}])))
    fn = _FinalizeFn(str(tmp_path / 'out'), 'items', fmt, str(temp_dir), False, 'x.items')
    assert list(fn.process(temps)) == [('x.items', 2)]
    assert list(fn.process(temps)) == [('x.items', 2)]   # a retried finalisation
    assert len(_files(tmp_path / 'out')) == 2
    fn = _FinalizeFn(str(tmp_path / 'gone'), 'items', fmt, str(temp_dir), False, 'x.items')
    with pytest.raises(IOError, match='is gone'):
        list(fn.process(temps))


@pytest.mark.parametrize('cls,params,message', [
    (JsonlFileSink, {'compression': 'lz4'}, "with.compression: 'lz4' is not allowed"),
    (JsonlFileSink, {'partition_by': ['month']}, "with.partition_by: unknown key 'month'"),
    (JsonlFileSink, {'partition_by': 'published_date'}, 'with.partition_by: expected a list'),
    (JsonlFileSink, {'shards': 0}, 'with.shards'),
    (JsonlFileSink, {'dir': '/x'}, 'unknown parameter with.dir'),
    (ParquetFileSink, {'row_group_rows': 0}, 'with.row_group_rows'),
    (ParquetFileSink, {'compression': 'brotli'}, 'with.compression'),
])
def test_file_sink_params_are_checked(cls, params, message):
    with pytest.raises(SinkConfigError, match=message) as info:
        cls.from_params(params, name='lake')
    assert str(info.value).startswith('sink lake: ') and '\n' not in str(info.value)


def test_file_sink_defaults_and_families():
    sink = ParquetFileSink.from_params({}, name='pq')
    assert (sink.name, sink.families, sink.partition_by) == ('pq', ('items', 'duplicates'), ())
    sink = JsonlFileSink.from_params({'partition_by': ['source_domain']}, name='gz',
                                     families=['items', 'items', 'seen_before'])
    assert sink.families == ('items', 'seen_before') and sink.compression == 'gzip'
    with pytest.raises(SinkConfigError, match="unknown family 'rows'"):
        JsonlFileSink.from_params({}, name='gz', families=['rows'])
