import dataclasses
from typing import Literal

import orjson
import pytest

from transforms.model import ITEM_KEYS, dead_letter, item_to_json, new_item, new_raw_record
from transforms.settings import SettingsError, from_mapping


@dataclasses.dataclass(frozen=True)
class Inner:
    size: int = 1


@dataclasses.dataclass(frozen=True)
class Outer:
    name: str = 'x'
    ratio: float = 0.5
    flag: bool = False
    mode: Literal['a', 'b'] = 'a'
    paths: tuple[str, ...] = ()
    inner: Inner = Inner()
    limit: int | None = None

    def validate(self):
        if self.ratio > 1:
            raise ValueError('ratio must be at most 1')


def test_from_mapping_builds_typed_frozen_settings():
    s = from_mapping(Outer, {'name': 'y', 'ratio': 1, 'paths': ['a', 'b'], 'inner': {'size': 3},
                             'mode': 'b', 'limit': None})
    assert s == Outer(name='y', ratio=1.0, paths=('a', 'b'), inner=Inner(3), mode='b')


@pytest.mark.parametrize('data, message', [
    ({'nmae': 'y'}, 'unknown key cfg.nmae; allowed: flag, inner, limit, mode, name, paths, ratio'),
    ({'ratio': 'high'}, 'cfg.ratio: expected a number'),
    ({'flag': 'yes'}, 'cfg.flag: expected true or false'),
    ({'mode': 'c'}, "cfg.mode: 'c' is not allowed; allowed: ['a', 'b']"),
    ({'paths': 'a'}, 'cfg.paths: expected a list'),
    ({'inner': {'sise': 1}}, 'unknown key cfg.inner.sise; allowed: size'),
    ({'ratio': 2}, 'ratio must be at most 1'),
    ({'limit': 1.5}, 'cfg.limit: expected a whole number'),
])
def test_from_mapping_errors_name_the_key(data, message):
    with pytest.raises(SettingsError) as err:
        from_mapping(Outer, data, 'cfg')
    assert message in str(err.value)


def test_item_has_every_contract_key_and_stable_json():
    item = new_item(title='T', authors=['a'])
    assert tuple(item) == ITEM_KEYS
    for key in ('id', 'url', 'canonical_url', 'guid', 'title', 'title_original', 'summary',
                'body', 'language', 'published', 'updated', 'ingested_at', 'authors', 'source',
                'tags', 'dedup', 'provenance'):
        assert key in item
    assert set(item['tags']) == {'persons', 'organizations', 'places', 'topics', 'categories'}
    assert set(item['dedup']) == {'cluster_id', 'duplicate_of', 'method', 'similarity'}
    assert orjson.loads(item_to_json(item)) == item
    assert item_to_json(item) == item_to_json(dict(reversed(list(item.items()))))
    with pytest.raises(ValueError):
        new_item(titel='x')


def test_raw_record_and_dead_letter_shapes():
    raw = new_raw_record(kind='file', location='/a.txt', fmt='article_text', parser='p', entry=0,
                         title='T', categories=['c'], hints={'print_layout': True})
    assert raw['source']['kind'] == 'file' and raw['categories'] == ['c']
    assert raw['hints']['print_layout'] is True and raw['hints']['html'] == []
    with pytest.raises(ValueError):
        new_raw_record(kind='web', location='x', fmt='f', parser='p')
    dl = dead_letter('read', 'bad_json', 'oops', '/a.jsonl:3', b'\x00{bad\xff')
    assert dl == {'error': {'stage': 'read', 'reason': 'bad_json', 'message': 'oops'},
                  'input': {'location': '/a.jsonl:3', 'excerpt': '\ufffd{bad\ufffd'}}
