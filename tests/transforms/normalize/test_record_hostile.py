"""Hostile records: invisible characters in keys, noncharacters in text, and fields of the wrong
type or shape. Each gives a clean item (the bad part dropped, a warning naming it) or one
NormalizeError, never another exception, and every item can be written as JSON; through
NormalizeItems, the run goes on and every record comes out once, as an item or a dead letter."""
from __future__ import annotations

import reprlib
import typing

import apache_beam as beam
import orjson
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from transforms.context import RunContext
from transforms.formats.jsonl import parse_jsonl_line
from transforms.model import ITEM_KEYS, TAG_KINDS, Reason, item_to_json, new_raw_record
from transforms.normalize import (NormalizeError, NormalizeItems, NormalizeSettings, Normalizer,
                                  normalize_record)

RUN = RunContext(run_id='r1', started_at='2026-11-27T06:00:00Z', pipeline_version='9.9.9')
SETTINGS = NormalizeSettings()
NORMALIZER = Normalizer(SETTINGS, RUN)

INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f', '\u202a',
             '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069',
             '\u00ad', '\u061c', '\u180e', '\u2061', '\U000e0001']
NONCHARACTERS = '\ufffe\uffff\ufdd0\ufdef\U0001fffe\U0010ffff'


def _jsonl(obj: dict) -> dict:
    return parse_jsonl_line(orjson.dumps(obj), 'in.jsonl', 1)


@pytest.mark.parametrize('char', INVISIBLE)
def test_invisible_characters_in_a_guid_make_no_second_story(char):
    line = {'id': 'tag:example.com,2024:g2', 'title': 'Rates held',
            'link': 'https://example.com/a', 'source': 'example.com'}
    plain = NORMALIZER(_jsonl(line))
    for guid in (f'tag:example.com,2024:g{char}2', f'{char}tag:example.com,2024:g2{char}',
                 f'tag:exam{char}ple.com,2024:g{char}{char}2'):
        hostile = NORMALIZER(_jsonl({**line, 'id': guid}))
        assert hostile['guid'] == plain['guid'] == 'tag:example.com,2024:g2'
        assert hostile['id'] == plain['id']


@pytest.mark.parametrize('char', INVISIBLE + ['\x85', '\t'])
def test_invisible_characters_in_a_link_make_no_second_story(char):
    line = {'title': 'Rates held', 'link': 'https://example.com/news/a?id=2'}
    plain = NORMALIZER(_jsonl(line))
    hostile = NORMALIZER(_jsonl({**line, 'link': f'https://example.com/ne{char}ws/a?id=2{char}'}))
    assert hostile['canonical_url'] == plain['canonical_url'] == 'https://example.com/news/a?id=2'
    assert hostile['id'] == plain['id']


def test_guid_of_numbers_and_spaces_keeps_its_id():
    # Ordinary guids are unchanged, so ids match those of earlier runs.
    assert NORMALIZER(_jsonl({'id': 12345, 'title': 'x'}))['guid'] == '12345'
    item = NORMALIZER(_jsonl({'id': ' a  b\n', 'title': 'x'}))
    assert item['guid'] == 'a b'
    assert item['id'] == NORMALIZER(_jsonl({'id': 'a b', 'title': 'x'}))['id']
    assert NORMALIZER(_jsonl({'id': '\u200b\u2066', 'title': 'x'}))['guid'] is None


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(key)
            yield from _strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from _strings(child)


def test_noncharacters_are_removed_from_every_text_field():
    def dirty(text):
        return NONCHARACTERS[:3] + text + NONCHARACTERS[3:]
    record = raw(title=dirty('Rates held'), title_original=dirty('Suku bunga tetap'),
                 summary=dirty('The bank held rates.'),
                 body=f'<p>{dirty("The central bank held rates on Thursday.")}</p>',
                 authors=[dirty('By Jane Doe'), {'name': dirty('John Roe')}],
                 categories=[dirty('World News')], hints={'html': ['body']})
    record['source'] = {'name': dirty('Example News'), 'domain': 'example.com'}
    item = normalize_record(record, SETTINGS, RUN)
    assert item['title'] == 'Rates held' and item['title_original'] == 'Suku bunga tetap'
    assert item['summary'] == 'The bank held rates.'
    assert item['body'] == 'The central bank held rates on Thursday.'
    assert item['authors'] == ['Jane Doe', 'John Roe']
    assert item['source']['name'] == 'Example News'
    assert item['tags']['categories'] == [{'id': 'world-news', 'name': 'World News'}]
    assert not [s for s in _strings(item) if any(c in s for c in NONCHARACTERS)]


def test_c1_controls_go_and_mojibake_is_still_repaired():
    item = normalize_record(raw(title='a\x85b\x9fc', body='Caf\u00c3\u00a9 au lait\x85 in'),
                            SETTINGS, RUN)
    assert item['title'] == 'abc'
    assert item['body'] == 'Caf\u00e9 au lait\u2026 in'   # '…' closing a word reads as one


# ---------------------------------------------------------------------------- hostile shapes
def raw(**fields):
    return new_raw_record(kind='file', location='in.jsonl', fmt='jsonl', parser='test', entry=0,
                          **fields)


class Nested(typing.NamedTuple):
    """``leaf`` inside ``depth`` lists (or ``{"name": ...}`` mappings), built when used: a deep
    value in the table would break pytest's ids, Beam's type inference and pickling."""
    depth: int
    leaf: typing.Any = 'x'
    mapping: bool = False


class Repeated(typing.NamedTuple):
    """``text * times``, built when used (the table stays small to print and to pickle)."""
    text: str
    times: int


def build(value):
    if isinstance(value, Nested):
        built = value.leaf
        for _ in range(value.depth):
            built = {'name': built} if value.mapping else [built]
        return built
    if isinstance(value, Repeated):
        return value.text * value.times
    if isinstance(value, dict):
        return {key: build(child) for key, child in value.items()}
    if isinstance(value, list):
        return [build(child) for child in value]
    return value


_ITEM = 'item'   # expected: an item without warnings
# (field, value, expected): expected is _ITEM, the field a warning names (the item is kept), or
# a Reason (the record is dead-lettered).
SHAPES = [
    ('tags', {'categories': None}, _ITEM),
    ('tags', {'categories': 5}, 'tags.categories'),
    ('tags', {'categories': [{'id': ['x'], 'name': 'n'}, 'World', 5]}, 'tags.categories'),
    ('tags', {'places': 'Jakarta'}, 'tags.places'),
    ('tags', {'places': [{'id': 'jkt'}]}, 'tags.places'),
    ('tags', {'topics': [{'id': 't', 'name': 'T', 'score': Nested(40, 1)}]}, 'tags.topics'),
    ('tags', 5, 'tags'),
    ('tags', ['x'], 'tags'),
    ('authors', 5, 'authors'),
    ('authors', Nested(500, 'Jane Doe'), 'authors'),
    ('authors', Nested(5000, 'Jane Doe'), 'authors'),
    ('authors', Nested(500, mapping=True), 'authors'),
    ('authors', [{'name': ['x']}, None, 5, 'By Jane Doe'], _ITEM),
    ('categories', {'a': 1}, 'categories'),
    ('categories', 5, 'categories'),
    ('categories', ['World', 5, None, ['x'], {'a': 1}], _ITEM),
    ('source', 5, 'source'),
    ('source', 'http://[::1', _ITEM),
    ('source', {'name': ['x'], 'domain': 'http://[::1', 'kind': 5}, 'source.name'),
    ('source', {'domain': {'a': 1}, 'location': ['x']}, 'source.domain'),
    ('url', 'http://[::1', 'url'),
    ('url', 5, 'url'),
    ('url', Repeated('https://example.com/' + 'a' * 100, 1000), 'url'),
    ('canonical_url', 'http://[::1', _ITEM),
    ('published', 10 ** 30, 'published'),
    ('published', -10 ** 30, 'published'),
    ('published', float('nan'), 'published'),
    ('published', ['2024-12-06'], 'published'),
    ('published', Repeated('2024-12-06 ', 100_000), 'published'),
    ('updated', 10 ** 400, 'updated'),
    ('title', ['x'], _ITEM),
    ('title', 12345, _ITEM),
    ('title', Repeated('x', 3_000_000), _ITEM),
    ('title', {'a': 1}, Reason.NORMALIZE_ERROR),
    ('title', Nested(500, 'x'), Reason.NORMALIZE_ERROR),
    ('title', 10 ** 5000, Reason.NORMALIZE_ERROR),
    ('title', float('inf'), Reason.NORMALIZE_ERROR),
    ('title', True, Reason.NORMALIZE_ERROR),
    ('body', ['a', 5], Reason.NORMALIZE_ERROR),
    ('guid', ['g'], 'guid'),
    ('guid', {'a': 1}, 'guid'),
    ('guid', Nested(500, 'g'), 'guid'),
    ('guid', 10 ** 5000, 'guid'),
    ('guid', Repeated('g', 5_000_000), _ITEM),
    ('hints', 5, 'hints'),
    ('hints', {'html': 5}, 'hints.html'),
    ('hints', {'html': [['body']], 'timezone': 5}, 'hints.timezone'),
    ('hints', {'timezone': '../../etc/passwd', 'base_url': 'http://[::1'}, _ITEM),
    ('hints', {'print_layout': 'yes'}, 'hints.print_layout'),
    ('provenance', 5, 'provenance'),
    ('provenance', {'input': ['x'], 'tags': 5}, 'provenance.tags'),
    ('extra', {'deep': Nested(500, 1), 'ok': [1, 'two']}, 'extra.deep'),
    ('extra', {'big': 10 ** 400}, 'extra.big'),
    ('extra', {'set': {1, 2}}, 'extra.set'),
    ('extra', ['x'], 'extra'),
    ('dedup', {'similarity': 'high', 'cluster_id': 5}, 'dedup.similarity'),
    ('dedup', 5, 'dedup'),
    ('quality', 5, _ITEM),
    ('language', ['en'], _ITEM),
]


def _shape_id(shape) -> str:
    field, value, _ = shape
    try:
        text = reprlib.repr(value)
    except ValueError:                 # reprlib prints ints in full: 10 ** 5000 is refused
        text = f'<{type(value).__name__}>'
    return f'{field}={text[:50]}'


def hostile_record(field, value) -> dict:
    record = raw(title='Rates held', body='The central bank held rates on Thursday.',
                 url='https://example.com/a', categories=['World'])
    record[field] = build(value)
    return record


@pytest.mark.parametrize('shape', SHAPES, ids=[_shape_id(s) for s in SHAPES])
def test_hostile_shape_gives_an_item_or_a_normalize_error(shape):
    field, value, expected = shape
    record = hostile_record(field, value)
    try:
        item = NORMALIZER(record)
    except NormalizeError as exc:
        assert expected == exc.reason, f'dead-lettered: {exc}'
        return
    assert expected not in (Reason.NORMALIZE_ERROR, Reason.NO_CONTENT), 'expected a dead letter'
    named = {w['field'] for w in item['quality']['warnings']}
    if expected == _ITEM:
        assert not named, item['quality']['warnings']
    else:
        assert expected in named, item['quality']['warnings']
    _check_item(item)


def _check_item(item: dict) -> None:
    assert list(item) == list(ITEM_KEYS)
    assert orjson.loads(item_to_json(item))['id'] == item['id']   # the sink can write it
    for kind in TAG_KINDS:
        for tag in item['tags'][kind]:       # as the tag stage takes them
            assert isinstance(tag['id'], str) and tag['id'] and isinstance(tag['name'], str)
    assert isinstance(item['provenance'].get('tags', []), list)
    assert all(isinstance(a, str) for a in item['authors'])
    for key in ('name', 'domain', 'kind', 'location'):
        assert item['source'][key] is None or isinstance(item['source'][key], str)
    assert item['title'] == 'Rates held' or item['title'] in ('x', '12345') or (
        item['title'].startswith('xxx'))


def test_good_parts_of_a_hostile_record_are_kept():
    record = hostile_record('extra', {'deep': Nested(500, 1), 'ok': [1, 'two']})
    record['tags'] = {'places': [{'id': 'jkt', 'name': 'Jakarta'}, 5],
                      'categories': [{'id': 'news', 'name': 'News'}]}
    record['categories'] = ['World', 5, 'News']
    record['authors'] = [{'name': ['x']}, None, 5, 'By Jane Doe']
    item = NORMALIZER(record)
    assert item['extra'] == {'ok': [1, 'two']}
    assert item['tags']['places'] == [{'id': 'jkt', 'name': 'Jakarta'}]
    assert item['tags']['categories'] == [{'id': 'news', 'name': 'News'},
                                          {'id': 'world', 'name': 'World'}]
    assert item['authors'] == ['Jane Doe']
    assert sorted((w['field'], w['reason']) for w in item['quality']['warnings']) == [
        ('extra.deep', 'too_deep'), ('tags.places', 'wrong_type')]


NOT_RECORDS = ['not a record', None, Nested(500, 'x'), Nested(5, 'x', mapping=True)]


def _record_for(index: int):
    """The hostile record of SHAPES[index], then the NOT_RECORDS, built on the worker."""
    if index < len(SHAPES):
        return hostile_record(*SHAPES[index][:2])
    return build(NOT_RECORDS[index - len(SHAPES)])


def test_hostile_records_do_not_stop_normalize_items_and_counts_balance():
    total = len(SHAPES) + len(NOT_RECORDS)
    # The NOT_RECORDS: a string, None and a list are no records; the mapping has no content.
    errors = sum(1 for _, _, expected in SHAPES if expected == Reason.NORMALIZE_ERROR) + 3
    items = total - errors - 1
    with TestPipeline() as pipeline:
        out = (pipeline | beam.Create(range(total)) | 'BuildRecords' >> beam.Map(_record_for)
               | NormalizeItems(SETTINGS, RUN))
        outcomes = (
            (out['items'] | 'Items' >> beam.Map(lambda item: 'item'),
             out['dead_letter'] | 'Reasons' >> beam.Map(
                 lambda letter: f"{letter['error']['stage']}:{letter['error']['reason']}"))
            | beam.Flatten() | beam.combiners.Count.PerElement())
        assert_that(outcomes, equal_to([('item', items), ('normalize:normalize_error', errors),
                                        ('normalize:no_content', 1)]))
    counters = {c.key.metric.name: c.committed
                for c in pipeline.result.metrics().query()['counters']
                if c.key.metric.namespace == 'normalize'}
    assert counters == {'in': total, 'out': items, 'dead_lettered': errors + 1}


def test_the_readers_quality_notes_are_kept():
    raw = parse_jsonl_line(b'{"title": "t", "body": "b", "authors": 5}', 'x.jsonl', 1)
    assert any(w.get('reason') == 'wrong_type' for w in raw['quality']['warnings'])
    item = NORMALIZER(raw)
    assert [w for w in item['quality']['warnings'] if w.get('reason') == 'wrong_type'] == \
        [w for w in raw['quality']['warnings'] if w.get('reason') == 'wrong_type']
