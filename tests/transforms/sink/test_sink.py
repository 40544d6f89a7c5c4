import glob
import os

import apache_beam as beam
import orjson
import pytest
from apache_beam.testing.test_pipeline import TestPipeline

from transforms.model import new_item
from transforms.sink import CountLabels, WriteJsonl




def test_jsonl_one_file_and_empty_family(tmp_path, read_jsonl):
    items = [new_item(id=f'i{n}', title=f'Título {n} 北朝鮮') for n in range(5)]
    with TestPipeline() as p:
        p | 'Items' >> beam.Create(items) | 'WriteItems' >> WriteJsonl(str(tmp_path), 'items')
        p | 'None' >> beam.Create([]) | 'WriteDups' >> WriteJsonl(str(tmp_path), 'duplicates')
    assert os.path.exists(tmp_path / 'items.jsonl')
    assert sorted(read_jsonl(str(tmp_path / 'items*.jsonl')), key=lambda i: i['id']) == items
    assert (tmp_path / 'duplicates.jsonl').read_bytes() == b''


def test_jsonl_sharded(tmp_path, read_jsonl):
    with TestPipeline() as p:
        (p | beam.Create([{'n': n} for n in range(20)])
         | WriteJsonl(str(tmp_path), 'items', num_shards=3))
    assert len(glob.glob(str(tmp_path / 'items-*-of-00003.jsonl'))) == 3
    assert sorted(r['n'] for r in read_jsonl(str(tmp_path / 'items*.jsonl'))) == list(range(20))


def test_count_labels(tmp_path):
    path = str(tmp_path / 'counts.json')
    with TestPipeline() as p:
        p | beam.Create(['read', 'read', 'items', 'dead_letter.read.empty']) | CountLabels(path)
    assert orjson.loads(open(path, 'rb').read()) == {
        'dead_letter.read.empty': 1, 'items': 1, 'read': 2}


def test_count_labels_of_nothing(tmp_path):
    path = str(tmp_path / 'counts.json')
    with TestPipeline() as p:
        p | beam.Create([]) | CountLabels(path)
    assert orjson.loads(open(path, 'rb').read()) == {}


@pytest.mark.parametrize('args', [('', 'items'), ('d', ''), ('d', 'a/b'), ('d', 'items', 0)])
def test_constructor_validates(args):
    with pytest.raises(ValueError):
        WriteJsonl(*args)


def test_progress_is_logged_on_long_writes(tmp_path, caplog, monkeypatch):
    import logging
    from transforms import sink
    monkeypatch.setattr(sink._SerializeFn, 'PROGRESS_SECONDS', 0.0)
    with caplog.at_level(logging.INFO, logger='transforms.sink'):
        with TestPipeline() as p:
            p | beam.Create([{'n': n} for n in range(2500)]) | WriteJsonl(str(tmp_path), 'items')
    assert any('progress: items: 2000 records serialised' in r.getMessage()
               for r in caplog.records)
