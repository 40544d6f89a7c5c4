import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from transforms.model import dead_letter, item_dead_letter, new_item
from transforms.sink.parquet_schema import (SCHEMA_VERSION, dead_letter_schema, item_schema,
                                            record_to_row, row_to_record, schema_for)


def _item(**overrides):
    item = new_item(
        id='a1', url='https://example.com/a?x=1', canonical_url='https://example.com/a',
        guid='g-1', title='Título 北朝鮮', title_original='北朝鮮の見出し', summary='s',
        body='body\n\ntext', language='ko', languages={'body': 'ko', 'title': 'es'},
        published='2024-12-06T06:34:00Z', updated='2024-12-06T07:00:00.25Z',
        ingested_at='2026-01-01T00:00:00Z', authors=['Kim', 'Lee'],
        source={'name': 'Yonhap', 'domain': 'yna.co.kr', 'kind': 'feed',
                'location': 'https://yna.co.kr/rss'},
        tags={'persons': [{'id': 'Q1', 'name': 'Kim Jong Un'}],
              'organizations': [],
              'places': [{'id': 'Q423', 'name': 'North Korea', 'country': 'KP',
                          'coordinates': [39.03, 125.75], 'population': 25000000}],
              'topics': [{'id': 'politics', 'name': 'Politics'}], 'categories': []},
        dedup={'cluster_id': 'c1', 'duplicate_of': None, 'method': None, 'similarity': None,
               'update': False},
        provenance={'input': 'x', 'tags': [{'kind': 'places', 'id': 'Q423'}]},
        extra={'port': {'name': 'Busan'}, 'n': [1, 2]})
    item.update(overrides)
    return item


def _through_parquet(records, family, tmp_path):
    table = pa.Table.from_pylist([record_to_row(r, family) for r in records],
                                 schema=schema_for(family))
    path = tmp_path / 'x.parquet'
    pq.write_table(table, path)
    read = pq.read_table(path)
    return read, [row_to_record(row, family) for row in read.to_pylist()]


def test_item_round_trips_through_parquet(tmp_path):
    item = _item()
    table, back = _through_parquet([item], 'items', tmp_path)
    assert back == [item]
    row = table.to_pylist()[0]
    assert row['published'] == dt.datetime(2024, 12, 6, 6, 34, tzinfo=dt.timezone.utc)
    assert row['tags']['places'][0]['country'] == 'KP'
    assert row['tags']['places'][0]['extra'] == '{"population":25000000}'
    assert row['unknown_fields'] is None   # a well-formed item needs no leftovers
    assert table.schema.field('published').type == pa.timestamp('us', tz='UTC')
    assert table.schema.metadata[b'newsbeam.schema_version'] == SCHEMA_VERSION.encode()


def test_every_contract_key_has_a_column():
    names = set(item_schema().names)
    for key in ('id', 'url', 'canonical_url', 'guid', 'title', 'title_original', 'summary',
                'body', 'language', 'published', 'updated', 'ingested_at', 'authors', 'source',
                'tags', 'dedup', 'provenance', 'extra'):
        assert key in names
    tags = item_schema().field('tags').type
    assert [tags.field(i).name for i in range(tags.num_fields)] == [
        'persons', 'organizations', 'places', 'topics', 'categories']
    assert dead_letter_schema().field('error').type.num_fields == 3


@pytest.mark.parametrize('overrides', [
    {'title': 5},                                  # not a string
    {'published': '2024-13-01T00:00:00Z'},         # not a date
    {'published': '2024-12-06T06:34:00+09:00'},    # not the contract's Z form
    {'published': '2024-12-06T06:34:00.250Z'},     # would print back as .25Z
    {'updated': '0001-01-01T00:00:00Z'},           # year 1: kept as a timestamp
    {'authors': 'Kim'},                            # not a list
    {'dedup': {'similarity': 1, 'zz': 2}},         # int similarity, unknown sub-key, keys absent
    {'tags': {'places': 'Busan'}},                 # a malformed tag list, other kinds absent
    {'source': 'example.com'},                     # a plain string
    {'new_key': {'a': [1, None]}, 'extra': None},  # a key outside the schema; null extra
])
def test_values_the_schema_cannot_hold_are_kept_not_dropped(overrides, tmp_path):
    item = _item(**overrides)
    _, back = _through_parquet([item], 'items', tmp_path)
    assert back == [item]


def test_keys_an_item_lacks_stay_absent(tmp_path):
    record = {'id': 'x', 'title': 't'}
    _, back = _through_parquet([record], 'items', tmp_path)
    assert back == [record]


def test_filtered_and_dead_letter_records_round_trip(tmp_path):
    filtered = {**_item(), 'filtered': {'filter': 'require_body', 'reason': 'short'}}
    _, back = _through_parquet([filtered], 'filtered', tmp_path)
    assert back == [filtered]
    dead = [dead_letter('read', 'binary', 'not text', '/x/y.txt', b'\x89PNG'),
            item_dead_letter('sink', 'sink_rejected', 'db: NUL byte', _item())]
    table, back = _through_parquet(dead, 'dead_letter', tmp_path)
    assert back == dead
    assert table.to_pylist()[1]['error'] == {'stage': 'sink', 'reason': 'sink_rejected',
                                             'message': 'db: NUL byte'}
